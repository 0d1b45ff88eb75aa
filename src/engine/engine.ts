// One run inside the worker: compiles the scenario, drives an executor, emits a window every
// second, evaluates thresholds, stops gracefully and always ends with a summary.
import { performance } from 'node:perf_hooks';
import type { RunOptions, RunStatus, ThresholdState, Window, WorkerToHost } from '../protocol';
import type { Scenario, Threshold } from '../scenario/model';
import { metricInfo } from '../scenario/metrics';
import { ClosedExecutor, OpenExecutor, type Executor } from './executors';
import { initHistograms } from './histogram';
import { HttpClient } from './http-client';
import { Recorder, TREND_METRICS, type TrendName } from './recorder';
import { compileMix, type CompiledMix } from './request-builder';
import { Runner } from './runner';
import { Plan } from './schedule';
import { buildSummary } from './summary';
import { abortingThreshold, evaluateThresholds } from './thresholds';
import { runDry } from './dry-run';
import { TokenSampler } from './token-sampler';

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
  private readonly stopped = new Promise<void>((r) => { this.stopRequested = r; });
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

  constructor(private readonly scenario: Scenario, private readonly options: RunOptions, private readonly post: Post) {}

  /** Graceful stop: arrivals stop, in-flight requests get `gracefulStop`, then cancelled. */
  stop(reason?: string): void {
    if (this.status !== 'running') return;
    this.status = 'stopped';
    this.reason = reason ?? 'stopped by the user';
    this.stopRequested();
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
    const maxConnections = Math.max(1, Math.min(sc.target.maxConnections, opt.maxConnections ?? Infinity));
    const rateCap = opt.maxRequestsPerSecond ?? Infinity;
    if (sc.load.kind === 'open' && sc.load.stages.some((s) => s.target > rateCap)) this.warn(`The arrival rate is capped at ${rateCap}/s by the maxRequestsPerSecond setting.`);
    const capacity = maxConnections * Math.max(1, sc.target.pipelining);
    const plan = new Plan(sc.load.stages, sc.load.kind === 'open' ? rateCap : Infinity);
    this.plan = plan;
    const client = new HttpClient(mix.origin, { connections: maxConnections, pipelining: sc.target.pipelining, timeoutMs: sc.target.timeoutMs });
    const rec = new Recorder();
    this.rec = rec;
    const textual = sc.requests.find((r) => r.api !== 'raw' && r.api !== 'openai-embeddings');
    // The bundle (dist/worker.js) doubles as the tokenizer thread; run from source there is none.
    const self = typeof __filename === 'string' && __filename.endsWith('.js') ? __filename : null;
    const sampler = textual && !opt.dryRun ? new TokenSampler(self, textual.model) : null;
    const runner = new Runner(client, mix, rec, sampler);
    this.runner = runner;
    const startedAt = new Date().toISOString();
    this.t0 = performance.now();
    const planned = opt.dryRun ? 0 : plan.durationMs;
    this.post({ type: 'started', runId: opt.runId, startedAt, plannedDurationMs: planned });
    this.elu = performance.eventLoopUtilization();
    rec.windowEndMs = this.t0 + 1000;
    this.scheduleWindow();
    const sweep = setInterval(() => client.sweep(performance.now()), 100);
    try {
      if (opt.dryRun) {
        await runDry(runner, mix, opt.dryRun.requests, this.stopped, this.post);
      } else {
        if (sc.load.kind === 'open') this.executor = new OpenExecutor(plan, sc.load, runner, capacity);
        else {
          if (plan.stageBounds().length && Math.max(...sc.load.stages.map((s) => s.target)) > capacity) this.warn(`Virtual users are capped at ${capacity} by maxConnections.`);
          this.executor = new ClosedExecutor(plan, sc.load, runner, capacity);
        }
        this.executor.start(this.t0);
        await Promise.race([this.executor.finished, this.stopped]);
        this.executor.halt();
      }
      await this.drain(runner, sc.load.gracefulStopMs);
      if (runner.active > 0) {
        client.cancelAll();
        await this.drain(runner, 1000);
      }
    } finally {
      clearInterval(sweep);
      if (this.windowTimer) clearTimeout(this.windowTimer);
    }
    // Counts of answers without usage may still be on their way back from the tokenizer thread.
    if (sampler) {
      await sampler.drain(2000);
      rec.usageCompared += sampler.compared;
      rec.usageDiffAbs += sampler.diffAbs;
      sampler.close();
    }
    const end = performance.now();
    if (end - this.lastWindowEnd > 20 || this.windowIndex === 0) this.emitWindow(end, true);
    if (this.status === 'running') this.status = 'completed';
    this.thresholdStates = evaluateThresholds(sc.thresholds, this.statSource(end));
    const latenessP99Ms = rec.latenessP99();
    if (rec.steadyLateness.count > 0 && rec.firstSecondLatenessP99Ms > 50) {
      this.warnings.push(`Start-up: send lateness p99 was ${round(rec.firstSecondLatenessP99Ms)} ms in the first second (connections opening, code warming up); ${round(latenessP99Ms)} ms after it.`);
    }
    const summary = buildSummary(rec, {
      scenario: sc, runId: opt.runId, status: this.status, reason: this.reason, startedAt,
      durationMs: end - this.t0, plannedDurationMs: planned, thresholds: this.thresholdStates,
      lastVus: 0, lastActive: runner.active, vusMax: this.vusMax, latenessP99Ms, eluMax: this.eluMax,
      saturated: latenessP99Ms > LATENESS_LIMIT_MS || this.eluMax > ELU_LIMIT, warnings: this.warnings,
    });
    this.post({ type: 'summary', summary });
    await client.close();
    rec.destroy();
  }

  /** Waits until nothing is in flight, or `ms` passed. */
  private async drain(runner: Runner, ms: number): Promise<void> {
    const until = performance.now() + ms;
    while (runner.active > 0 && performance.now() < until) await sleep(Math.min(20, Math.max(1, until - performance.now())));
  }

  private scheduleWindow(): void {
    const due = this.t0 + (this.windowIndex + 1) * 1000;
    this.windowTimer = setTimeout(() => {
      this.emitWindow(performance.now());
      if (this.status === 'running' || this.runner?.active) this.scheduleWindow();
    }, Math.max(0, due - performance.now()));
  }

  private emitWindow(now: number, final = false): void {
    const rec = this.rec;
    const plan = this.plan;
    const runner = this.runner;
    if (!rec || !plan || !runner) return;
    this.executor?.catchUp();
    const tMs = now - this.t0;
    const r = rec.rollWindow();
    const eluNow = performance.eventLoopUtilization(this.elu);
    this.elu = performance.eventLoopUtilization();
    const vus = this.executor ? this.executor.vus() : runner.active;
    if (vus > this.vusMax) this.vusMax = vus;
    // The first second includes start-up work (JIT, connection set-up): not a sign of saturation.
    if (this.windowIndex > 0 && eluNow.utilization > this.eluMax) this.eluMax = eluNow.utilization;
    this.thresholdStates = evaluateThresholds(this.scenario.thresholds, this.statSource(now));
    const c = r.counters;
    // The plan is read at the window's nominal end: a timer firing a hair early must not show the previous stage.
    const nominal = Math.min(final ? tMs : (this.windowIndex + 1) * 1000, plan.durationMs);
    const window: Window = {
      index: this.windowIndex, tMs: Math.round(tMs), stage: plan.stageAt(Math.min(nominal, plan.durationMs - 1)), planned: round(plan.targetAt(nominal)),
      started: c.started, completed: c.completed, succeeded: c.succeeded, failed: c.failed, errors: c.errors, dropped: c.dropped,
      duration: r.duration, ttft: r.ttft, itl: r.itl, outputTokens: c.outputTokens, active: runner.active, activeMax: Math.max(c.activeMax, runner.active),
      vus, rateLimit: r.rateLimit, latenessP99Ms: round(r.latenessP99Ms), elu: round(eluNow.utilization), thresholds: this.thresholdStates,
    };
    this.windowIndex++;
    this.lastWindowEnd = now;
    this.post({ type: 'window', window });
    if (!this.saturatedWarned && window.index > 0 && (window.latenessP99Ms > LATENESS_LIMIT_MS || window.elu > ELU_LIMIT)) {
      this.saturatedWarned = true;
      this.warn(`The load generator is saturated (send lateness p99 ${window.latenessP99Ms} ms, event-loop utilisation ${Math.round(window.elu * 100)}%): results may understate what the target can do.`);
    }
    const failing = abortingThreshold(this.scenario.thresholds, this.thresholdStates, tMs);
    if (failing) this.abort(failing, this.thresholdStates[this.scenario.thresholds.indexOf(failing)].value);
  }

  private warn(message: string): void {
    this.warnings.push(message);
    this.post({ type: 'log', level: 'warn', message });
  }

  /** Cumulative statistics for thresholds. */
  private statSource(now: number): (metric: string, stat: Threshold['stat'], p?: number) => number | null {
    return (metric, stat, p) => {
      const rec = this.rec;
      if (!rec) return null;
      const t = rec.total;
      const secs = Math.max((now - this.t0) / 1000, 1e-3);
      if (metric in TREND_METRICS) {
        const h = rec.trends.h[metric as TrendName];
        if (h.count === 0) return null;
        if (stat === 'avg') return h.sum / h.count;
        if (stat === 'min') return h.min;
        if (stat === 'max') return h.max;
        return h.percentile(p ?? 50);
      }
      switch (metric) {
        case 'http_req_failed': return t.completed ? t.failed / t.completed : null;
        case 'checks': { const n = rec.checksPassed + rec.checksFailed; return n ? rec.checksPassed / n : null; }
        case 'vus': return stat === 'max' ? this.vusMax : this.executor?.vus() ?? 0;
        case 'active_connections': return stat === 'max' ? t.activeMax : this.runner?.active ?? 0;
      }
      const counters: Record<string, number> = { http_reqs: t.completed, output_tokens: t.outputTokens, input_tokens: t.inputTokens, dropped_iterations: t.dropped, iterations: t.started };
      if (!(metric in counters) || !metricInfo(metric)) return null;
      return stat === 'rate' ? counters[metric] / secs : counters[metric];
    };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
