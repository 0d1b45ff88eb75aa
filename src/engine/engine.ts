// One run inside the worker: compiles the scenario, drives an executor, emits a window every
// second, evaluates thresholds, stops gracefully and always ends with a summary.
import { performance } from 'node:perf_hooks';
import type { RunOptions, RunStatus, Summary, ThresholdState, Window, WorkerToHost } from '../protocol';
import type { CapacitySummary } from '../shared/capacity';
import type { Scenario, Threshold } from '../scenario/model';
import { ClosedExecutor, OpenExecutor, type Executor } from './executors';
import { initHistograms } from './histogram';
import { HttpClient } from './http-client';
import { createClient } from './client-setup';
import { Recorder } from './recorder';
import { rolledFigures } from './window-figures';
import { recorderStats } from './stat-source';
import { compileMix, type CompiledMix } from './request-builder';
import { Runner } from './runner';
import { ConversationBook } from './conversation';
import { Plan } from './schedule';
import { buildSummary } from './summary';
import { abortingThreshold, evaluateThresholds, type StatSource } from './thresholds';
import { runDry } from './dry-run';
import { TokenSampler } from './token-sampler';
import { originRefusal } from './origin-guard';
import { attachGatewayInsight, closeGatewayInsight, gatewaySummary, gatewayWindow } from './gateway-insight';
import { TaggedSeries } from './tagged-series';
import { cpuShareOf, eluCountsForLoad, requestFailedLine, saturationVerdict, windowReasons } from './failure-report';
import { SloJudge } from './slo';
import { buildSloSummary } from './slo-summary';
import { SweepExecutor } from './sweep';
import { capacityHeadline } from '../shared/capacity';
import { TraceExecutor } from './trace';
import { encodeTrends, shardStart } from './shard-window';
import { warmCount } from './warm-connections';

/** Sends a message to the host. */
export type Post = (m: WorkerToHost) => void;

/** Lateness p99 (ms) and event-loop utilisation above which the generator, not the target, is the limit. */
const LATENESS_LIMIT_MS = 5;
const ELU_LIMIT = 0.9;

/** One run of one scenario. */
export class Engine {
  private status: RunStatus = 'running';
  private reason: string | undefined;
  private stopRequested!: () => void;
  private readonly stopped = new Promise<void>((r) => {
    this.stopRequested = r;
  });
  private rec: Recorder | null = null;
  private executor: Executor | null = null;
  private runner: Runner | null = null;
  private plan: Plan | null = null;
  private t0 = 0;
  private windowIndex = 0;
  private lastWindowEnd = 0;
  private windowTimer: NodeJS.Timeout | null = null;
  private elu = performance.eventLoopUtilization();
  private eluMax = 0;
  private vusMax = 0;
  private thresholdStates: ThresholdState[] = [];
  private readonly warnings: string[] = [];
  private saturatedWarned = false;
  private cpu: NodeJS.CpuUsage = process.cpuUsage();
  private lastCpuAt = 0;
  private limit: 'event-loop' | 'machine' | undefined;
  private limitCpuShare = 0;
  private limitLoadAvg = 0;
  private goRequested!: (t0Epoch: number) => void;
  /** Shared runs: when the coordinator says every worker is ready, the common start (ms since the epoch). */
  private readonly goAt = new Promise<number>((r) => {
    this.goRequested = r;
  });

  constructor(
    private readonly scenario: Scenario,
    private readonly options: RunOptions,
    private readonly post: Post,
  ) {}

  /** Graceful stop: arrivals stop, in-flight requests get `gracefulStop`, then cancelled. */
  stop(reason?: string): void {
    if (this.status !== 'running') return;
    this.status = 'stopped';
    this.reason = reason ?? 'stopped by the user';
    this.stopRequested();
  }

  /** Shared runs: the coordinator's start signal. */
  go(t0Epoch: number): void {
    this.goRequested(t0Epoch);
  }

  private abort(t: Threshold, value: number | null): void {
    if (this.status !== 'running') return;
    this.status = 'aborted';
    this.reason = `threshold ${t.metric}: ${t.expression} failed (value ${value ?? 'n/a'}); abortOnFail stopped the run`;
    this.post({ type: 'log', level: 'warn', message: this.reason });
    this.stopRequested();
  }

  async run(): Promise<void> {
    await initHistograms();
    const sc = this.scenario;
    const opt = this.options;
    let mix: CompiledMix;
    try {
      mix = compileMix(sc, { env: opt.env, dotenv: opt.dotenv, secrets: opt.secrets, vars: sc.variables });
    } catch (err) {
      this.post({ type: 'fatal', message: (err as Error).message });
      return;
    }
    const refused = originRefusal(mix.origin, opt.allowedOrigin);
    if (refused) {
      this.post({ type: 'fatal', message: refused });
      return;
    }
    const maxConnections = Math.max(1, Math.min(sc.target.maxConnections, opt.maxConnections ?? Infinity));
    const rateCap = opt.maxRequestsPerSecond ?? Infinity;
    if (sc.load.kind === 'open' && sc.load.stages.some((s) => s.target > rateCap))
      this.warn(`The arrival rate is capped at ${rateCap}/s by the maxRequestsPerSecond setting.`);
    const capacity = maxConnections * Math.max(1, sc.target.pipelining);
    const plan = new Plan(sc.load.stages, sc.load.kind === 'open' ? rateCap : Infinity);
    this.plan = plan;
    let client: HttpClient;
    try {
      client = createClient(sc.target, mix.origin, maxConnections, opt, (m) => this.warn(m));
    } catch (err) {
      this.post({ type: 'fatal', message: (err as Error).message });
      return;
    }
    const rec = new Recorder();
    this.rec = rec;
    rec.tagged = new TaggedSeries(
      sc.thresholds,
      sc.requests.map((r) => r.name),
    );
    rec.onNewReason = (s) => this.post({ type: 'log', level: 'warn', message: requestFailedLine(s) });
    const textual = sc.requests.find((r) => r.api !== 'raw' && r.api !== 'openai-embeddings');
    // The bundle (dist/worker.js) doubles as the tokenizer thread; run from source there is none.
    const self = typeof __filename === 'string' && __filename.endsWith('.js') ? __filename : null;
    const sampler = textual && !opt.dryRun ? new TokenSampler(self, textual.model) : null;
    const runner = new Runner(client, mix, rec, sampler);
    runner.conversations = ConversationBook.create(runner, mix, sc.load.kind === 'open' && !opt.dryRun, capacity);
    let directRefused: string | undefined;
    try {
      directRefused = attachGatewayInsight(runner, sc, mix, opt.allowedOrigin, (o) =>
        createClient(sc.target, o, maxConnections, opt, (m) => this.warn(m)),
      );
    } catch (err) {
      directRefused = (err as Error).message;
    }
    if (directRefused) {
      this.post({ type: 'fatal', message: directRefused });
      sampler?.close();
      await client.close();
      rec.destroy();
      return;
    }
    const judge = new SloJudge(sc);
    if (judge.enabled) runner.slo = judge;
    this.runner = runner;
    try {
      await runner.conversations?.prepare();
    } catch (err) {
      await client.close();
      this.post({ type: 'fatal', message: (err as Error).message });
      return;
    }
    // Open models: connections first, so the first second is not spent setting them up.
    if (!opt.dryRun && sc.load.kind === 'open' && !sc.load.sweep && !sc.load.trace)
      await client.warm(warmCount(plan.targetAt(1000) / (opt.shard?.count ?? 1), maxConnections));
    // Shared runs start together: every worker's t0 is the same instant, so windows and schedules line up.
    this.t0 = opt.shard ? await shardStart(this.post, this.goAt, this.stopped) : performance.now();
    const startedAt = new Date().toISOString();
    rec.t0 = this.t0;
    this.cpu = process.cpuUsage();
    this.lastCpuAt = this.t0;
    const planned = opt.dryRun ? 0 : plan.durationMs;
    this.post({ type: 'started', runId: opt.runId, startedAt, plannedDurationMs: planned });
    this.elu = performance.eventLoopUtilization();
    rec.windowEndMs = this.t0 + 1000;
    this.scheduleWindow();
    const sweep = setInterval(() => {
      const now = performance.now();
      client.sweep(now);
      runner.direct?.sweep(now);
    }, 100);
    try {
      if (opt.dryRun) {
        await runDry(runner, mix, opt.dryRun.requests, this.stopped, this.post);
      } else {
        if (sc.load.sweep) {
          this.executor = new SweepExecutor(sc, runner, capacity, rateCap, (st) =>
            this.post({
              type: 'log',
              level: 'info',
              message: `sweep step ${st.index + 1}${st.refine ? ' (refine)' : ''}: offered ${st.offered}${sc.load.sweep!.vus ? ' VUs' : '/s'}, achieved ${st.achieved}/s, SLO attainment ${Math.round(st.sloAttainment * 100)}%, ${Math.round(st.tokensPerSecond)} tokens/s, errors ${Math.round(st.errorRate * 100)}%, lateness p99 ${st.latenessP99Ms} ms, ELU ${Math.round(st.elu * 100)}%${st.dropped ? `, dropped ${st.dropped}` : ''}${st.limitedBy ? ` → limited by ${st.bound && st.limitedBy === 'slo' ? st.bound : st.limitedBy}` : ' → ok'}`,
            }),
          );
        } else if (sc.load.trace) {
          const trace = new TraceExecutor(sc.load.trace, runner, capacity, (m) => this.warn(m));
          await trace.prepare();
          this.executor = trace;
        } else if (sc.load.kind === 'open')
          this.executor = new OpenExecutor(plan, sc.load, runner, capacity, opt.shard);
        else {
          if (plan.stageBounds().length && Math.max(...sc.load.stages.map((s) => s.target)) > capacity)
            this.warn(`Virtual users are capped at ${capacity} by maxConnections.`);
          this.executor = new ClosedExecutor(plan, sc.load, runner, capacity);
        }
        this.executor.start(this.t0);
        await Promise.race([this.executor.finished, this.stopped]);
        this.executor.halt();
      }
      runner.conversations?.halt();
      await this.drain(runner, sc.load.gracefulStopMs);
      if (runner.active > 0) {
        client.cancelAll();
        runner.direct?.cancelAll();
        await this.drain(runner, 1000);
      }
    } finally {
      clearInterval(sweep);
      if (this.windowTimer) clearTimeout(this.windowTimer);
    }
    // Counts of answers without usage (or of Anthropic thinking) may still be on their way back
    // from the tokenizer thread, which takes seconds to start on a loaded machine.
    if (sampler) {
      await sampler.drain(10_000);
      rec.usageCompared += sampler.compared;
      rec.usageDiffAbs += sampler.diffAbs;
      sampler.close();
    }
    const end = performance.now();
    // A request that ended after the last window closed is in no window yet: a final one carries it,
    // however short, or its counters would reach the summary without its latency. A shared run always
    // sends its tail: the coordinator's totals are the sum of the windows.
    const pending = rec.win.started + rec.win.completed + rec.win.dropped > 0;
    if (opt.shard || pending || end - this.lastWindowEnd > 20 || this.windowIndex === 0) this.emitWindow(end, true);
    if (this.status === 'running') this.status = 'completed';
    this.thresholdStates = evaluateThresholds(sc.thresholds, this.statSource(end));
    const latenessP99Ms = rec.latenessP99();
    if (rec.steadyLateness.count > 0 && rec.firstSecondLatenessP99Ms > 50) {
      this.warnings.push(
        `Start-up: send lateness p99 was ${round(rec.firstSecondLatenessP99Ms)} ms in the first second (connections opening, code warming up); ${round(latenessP99Ms)} ms after it.`,
      );
    }
    const summary = buildSummary(rec, {
      scenario: sc,
      runId: opt.runId,
      status: this.status,
      reason: this.reason,
      startedAt,
      durationMs: end - this.t0,
      plannedDurationMs: planned,
      thresholds: this.thresholdStates,
      lastVus: 0,
      lastActive: runner.active,
      vusMax: this.vusMax,
      latenessP99Ms,
      eluMax: this.eluMax,
      saturated: latenessP99Ms > LATENESS_LIMIT_MS || this.eluMax > ELU_LIMIT,
      warnings: this.warnings,
      limit: this.limit,
      cpuShare: this.limitCpuShare,
      loadAvg: this.limitLoadAvg,
      datasets: runner.conversations?.datasets(),
    });
    const negotiated = client.protocol();
    if (negotiated)
      this.post({
        type: 'log',
        level: 'info',
        message: `HTTP: ${negotiated === 'h2' ? 'HTTP/2 (h2)' : negotiated} negotiated (${Object.entries(
          client.protocols,
        )
          .map(([p, n]) => `${p} ×${n}`)
          .join(', ')} connections)${client.redirects ? `; ${client.redirects} redirects followed` : ''}.`,
      });
    summary.http = {
      protocol: negotiated,
      redirects: client.redirects,
      ...(client.proxied ? { proxy: client.proxied } : {}),
    };
    if (this.executor instanceof SweepExecutor) {
      summary.capacity = this.executor.result();
      if (summary.capacity.rpm !== null) summary.metrics.capacity = { value: summary.capacity.rpm };
      summary.thresholds = summary.thresholds.map((t) =>
        t.metric === 'capacity' ? capacityThreshold(t, sc.thresholds, summary.capacity!) : t,
      );
      this.post({ type: 'log', level: 'info', message: capacityHeadline(summary.capacity) });
    }
    if (judge.enabled) {
      const slo = buildSloSummary(rec.total, sc, summary.durationMs);
      summary.slo = slo;
      summary.metrics.goodput = { count: slo.met, rate: slo.goodput };
      summary.metrics.slo_attainment = { count: slo.judged, rate: slo.attainment };
      summary.metrics.goodput_tokens_per_second = { count: rec.total.sloTokens, rate: slo.goodputTokensPerSecond };
    }
    gatewaySummary(runner, summary);
    this.post({ type: 'summary', summary });
    await client.close();
    await closeGatewayInsight(runner);
    rec.destroy();
  }

  /** Waits until nothing is in flight, or `ms` passed. */
  private async drain(runner: Runner, ms: number): Promise<void> {
    const until = performance.now() + ms;
    while (runner.active > 0 && performance.now() < until)
      await sleep(Math.min(20, Math.max(1, until - performance.now())));
  }

  private scheduleWindow(): void {
    const due = this.t0 + (this.windowIndex + 1) * 1000;
    this.windowTimer = setTimeout(
      () => {
        // Timers run on the loop's whole-millisecond clock and may fire up to 1 ms before `due`; an
        // arrival due in that last millisecond would then be sent after the roll and counted in the
        // next second. Such a window waits for its boundary.
        if (performance.now() < due && this.executor?.dueBefore(due)) {
          this.scheduleWindow();
          return;
        }
        this.emitWindow(performance.now());
        if (this.status === 'running' || this.runner?.active) this.scheduleWindow();
      },
      Math.max(0, due - performance.now()),
    );
  }

  private emitWindow(now: number, final = false): void {
    const rec = this.rec;
    const plan = this.plan;
    const runner = this.runner;
    if (!rec || !plan || !runner) return;
    // Arrivals due before the window's end go out in it; those due after wait for the next one.
    this.executor?.catchUp(final ? undefined : this.t0 + (this.windowIndex + 1) * 1000);
    const tMs = now - this.t0;
    const shared = this.options.shard !== undefined;
    // Before the roll resets them: a shared run's coordinator adds these, it never averages percentiles.
    const hists = shared ? encodeTrends(rec.winTrends) : null;
    const r = rec.rollWindow();
    const eluNow = performance.eventLoopUtilization(this.elu);
    this.elu = performance.eventLoopUtilization();
    const vus = this.executor ? this.executor.vus() : runner.active;
    if (vus > this.vusMax) this.vusMax = vus;
    const eluForLoad = eluCountsForLoad({ index: this.windowIndex, tMs });
    if (eluForLoad && eluNow.utilization > this.eluMax) this.eluMax = eluNow.utilization;
    this.thresholdStates = evaluateThresholds(this.scenario.thresholds, this.statSource(now));
    const c = r.counters;
    // The plan is read at the window's nominal end: a timer firing a hair early must not show the previous stage.
    const nominal = Math.min(final ? tMs : (this.windowIndex + 1) * 1000, plan.durationMs);
    const sweep = this.executor instanceof SweepExecutor ? this.executor.planned() : null;
    const window: Window = {
      index: this.windowIndex,
      tMs: Math.round(tMs),
      stage: sweep ? sweep.stage : plan.stageAt(Math.min(nominal, plan.durationMs - 1)),
      planned: sweep ? sweep.target : round(plan.targetAt(nominal)),
      ...rolledFigures(r),
      active: runner.active,
      activeMax: Math.max(c.activeMax, runner.active),
      vus,
      rateLimit: r.rateLimit,
      latenessP99Ms: round(r.latenessP99Ms),
      elu: round(eluNow.utilization),
      thresholds: this.thresholdStates,
      ...windowReasons(c.statusCodes, rec.samples.rollWindow()),
      ...gatewayWindow(runner),
    };
    if (runner.slo) window.slo = { judged: c.sloJudged, met: c.sloMet, tokens: c.sloTokens };
    if (sweep) window.sweepStep = sweep.stage;
    if (rec.cache) window.cache = rec.cache.rollWindow();
    this.windowIndex++;
    this.lastWindowEnd = now;
    if (hists)
      this.post({
        type: 'shard-window',
        window,
        counters: { ...c },
        hists,
        checksPassed: rec.checksPassed,
        checksFailed: rec.checksFailed,
      });
    else this.post({ type: 'window', window });
    const cpuNow = process.cpuUsage();
    const cpuShare = cpuShareOf(this.cpu, cpuNow, now - this.lastCpuAt);
    this.cpu = cpuNow;
    this.lastCpuAt = now;
    if (
      !this.saturatedWarned &&
      window.index > 0 &&
      (window.latenessP99Ms > LATENESS_LIMIT_MS || (eluForLoad && window.elu > ELU_LIMIT))
    ) {
      this.saturatedWarned = true;
      const verdict = saturationVerdict(window.latenessP99Ms, window.elu, cpuShare);
      this.limit = verdict.limit;
      this.limitCpuShare = cpuShare;
      this.limitLoadAvg = verdict.loadAvg;
      this.warn(verdict.message);
    }
    // Shared runs: the coordinator judges thresholds on the merged data and stops every worker.
    if (shared) return;
    const failing = abortingThreshold(this.scenario.thresholds, this.thresholdStates, tMs);
    if (failing) this.abort(failing, this.thresholdStates[this.scenario.thresholds.indexOf(failing)].value);
  }

  private warn(message: string): void {
    this.warnings.push(message);
    this.post({ type: 'log', level: 'warn', message });
  }

  /** Cumulative statistics for thresholds. */
  private statSource(now: number): StatSource {
    const rec = this.rec;
    if (!rec) return () => null;
    return recorderStats(rec, (now - this.t0) / 1000, {
      vusMax: this.vusMax,
      vus: () => this.executor?.vus() ?? 0,
      active: () => this.runner?.active ?? 0,
      slo: this.runner?.slo !== undefined && this.runner?.slo !== null,
    });
  }
}

/** A `capacity:` threshold, judged on the sweep's answer once it is known; no capacity fails it. */
function capacityThreshold(
  state: Summary['thresholds'][number],
  all: readonly Threshold[],
  c: CapacitySummary,
): Summary['thresholds'][number] {
  const t = all.find((x) => x.metric === 'capacity' && x.expression === state.expression);
  if (!t) return state;
  const value = t.stat === 'rpm' ? c.rpm : t.stat === 'concurrency' ? c.concurrency : c.rate;
  if (value === null) return { ...state, ok: false, value: null };
  const ok =
    t.op === '<'
      ? value < t.value
      : t.op === '<='
        ? value <= t.value
        : t.op === '>'
          ? value > t.value
          : t.op === '>='
            ? value >= t.value
            : t.op === '=='
              ? value === t.value
              : value !== t.value;
  return { ...state, ok, value };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
