// The sweep executors: `sweep` runs steps of constant arrival rate (open model), `sweep-vus`
// steps of constant VUs (closed model), each step driven by the existing executors over a
// one-step plan, then drained. Steps are geometric from `from` to `to`; the sweep stops at the
// first step that misses `stop`, then bisects `refine` times between the last good and that one.
import { performance } from 'node:perf_hooks';
import type { CapacitySummary, SweepStep } from '../shared/capacity';
import type { LoadSpec, Scenario, SweepSpec } from '../scenario/model';
import { sweepLadder } from '../scenario/validate-sweep';
import { ClosedExecutor, OpenExecutor, type Executor } from './executors';
import type { Runner } from './runner';
import { Plan } from './schedule';
import { StepAccount } from './sweep-step';
import { paretoFront } from '../shared/pareto';

/** How often in-flight requests are sampled during a step. */
const SAMPLE_MS = 100;

/** Tells the host about each finished step (a log line). */
export type StepReport = (step: SweepStep) => void;

/** Runs a sweep; `result()` is `summary.capacity`. */
export class SweepExecutor implements Executor {
  private readonly spec: SweepSpec;
  private readonly steps: SweepStep[] = [];
  private current: Executor | null = null;
  private stepIndex = 0;
  private offeredNow = 0;
  private halted = false;
  private wake: (() => void) | null = null;
  private resolve!: () => void;
  readonly finished = new Promise<void>((r) => {
    this.resolve = r;
  });
  private lastGood: SweepStep | null = null;
  private firstBad: SweepStep | null = null;

  constructor(
    private readonly scenario: Scenario,
    private readonly runner: Runner,
    private readonly capacity: number,
    private readonly rateCap: number,
    private readonly report: StepReport,
  ) {
    this.spec = scenario.load.sweep!;
  }

  start(): void {
    this.loop().then(
      () => this.resolve(),
      () => this.resolve(),
    );
  }

  private async loop(): Promise<void> {
    for (const offered of sweepLadder(this.spec)) {
      if (this.halted) return;
      const step = await this.runStep(Math.min(offered, this.spec.vus ? this.capacity : this.rateCap), false);
      if (step.limitedBy !== null) {
        this.firstBad = step;
        break;
      }
      this.lastGood = step;
    }
    if (!this.firstBad || !this.lastGood || this.firstBad.limitedBy === 'generator') return;
    let lo = this.lastGood.offered;
    let hi = this.firstBad.offered;
    for (let i = 0; i < this.spec.refine && !this.halted; i++) {
      const mid = this.spec.vus ? Math.round(Math.sqrt(lo * hi)) : Math.round(Math.sqrt(lo * hi) * 1000) / 1000;
      if (mid <= lo || mid >= hi) break;
      const step = await this.runStep(mid, true);
      // A refinement step limited by the generator proves nothing about the target: stop refining.
      if (step.limitedBy === 'generator') break;
      if (step.limitedBy === null) {
        lo = mid;
        this.lastGood = step;
      } else {
        hi = mid;
        this.firstBad = step;
      }
    }
  }

  private async runStep(offered: number, refine: boolean): Promise<SweepStep> {
    const runner = this.runner;
    const spec = this.spec;
    const load: LoadSpec = this.scenario.load;
    const drainMs = Math.min(load.gracefulStopMs, Math.max(spec.stepDurationMs, 2000));
    const s0 = this.scenario.slo;
    const bounds = s0
      ? { ttft: s0.ttftMs ?? Infinity, tpot: s0.tpotMs ?? Infinity, duration: s0.durationMs ?? Infinity }
      : null;
    const t0 = performance.now();
    const acc = new StepAccount(t0, spec.stepDurationMs, drainMs, bounds);
    runner.observer = acc;
    this.offeredNow = offered;
    const plan = new Plan([
      { durationMs: 0, target: offered, label: '' },
      { durationMs: spec.stepDurationMs, target: offered, label: '' },
    ]);
    const exec: Executor = spec.vus
      ? new ClosedExecutor(plan, load, runner, this.capacity)
      : new OpenExecutor(plan, load, runner, this.capacity);
    this.current = exec;
    const dropped0 = runner.rec.total.dropped;
    let elu0 = performance.eventLoopUtilization();
    // The run's first second includes start-up work (connections, JIT, the tokenizer thread):
    // like the engine's own flag, the first step's generator health is judged after it.
    const first = this.steps.length === 0;
    if (first) acc.warmupUntil = t0 + 1000;
    const warm = first
      ? setTimeout(() => {
          elu0 = performance.eventLoopUtilization();
        }, 1000)
      : null;
    const sampler = setInterval(() => acc.sample(performance.now(), runner.active), SAMPLE_MS);
    exec.start(t0);
    await Promise.race([exec.finished, this.halt$()]);
    exec.halt();
    clearInterval(sampler);
    if (warm) clearTimeout(warm);
    const elu = performance.eventLoopUtilization(elu0).utilization;
    // Drain: the next step starts from an empty system, so its latencies are its own.
    const until = performance.now() + drainMs;
    while (runner.active > 0 && performance.now() < until && !this.halted) await sleep(20);
    if (runner.active > 0 && !this.halted) {
      runner.client.cancelAll();
      const cut = performance.now() + 1000;
      while (runner.active > 0 && performance.now() < cut) await sleep(10);
    }
    runner.observer = null;
    const step = acc.verdict({
      spec,
      index: this.steps.length,
      offered,
      refine,
      previousGood: this.lastGood,
      dropped: runner.rec.total.dropped - dropped0,
      elu,
    });
    acc.destroy();
    this.steps.push(step);
    this.stepIndex = this.steps.length;
    this.current = null;
    this.report(step);
    return step;
  }

  private halt$(): Promise<void> {
    return new Promise((r) => {
      this.wake = r;
    });
  }

  halt(): void {
    if (this.halted) return;
    this.halted = true;
    this.current?.halt();
    this.wake?.();
    this.resolve();
  }

  vus(): number {
    return this.current ? this.current.vus() : this.runner.active;
  }

  catchUp(until?: number): void {
    this.current?.catchUp(until);
  }

  dueBefore(until: number): boolean {
    return this.current?.dueBefore(until) ?? false;
  }

  /** The step running now and its offered load, for the windows. */
  planned(): { stage: number; target: number } {
    return { stage: this.stepIndex, target: this.current ? this.offeredNow : 0 };
  }

  /** `summary.capacity`. */
  result(): CapacitySummary {
    const spec = this.spec;
    const good = this.lastGood;
    const bad = this.firstBad;
    const limitedBy: CapacitySummary['limitedBy'] = bad ? (bad.limitedBy ?? 'not reached') : 'not reached';
    const generator = limitedBy === 'generator';
    const rate = good && !generator ? (spec.vus ? good.achieved : good.offered) : null;
    const out: CapacitySummary = {
      executor: spec.vus ? 'sweep-vus' : 'sweep',
      rate,
      rpm: rate === null ? null : Math.round(rate * 60 * 10) / 10,
      concurrency: good && !generator ? (spec.vus ? good.offered : good.inFlightMean) : null,
      limitedBy,
      atStep: good && !generator ? good.index : null,
      stop: spec.stop,
      atCapacity:
        good && !generator ? { ttftP95: good.ttft?.p95 ?? null, durationP95: good.duration?.p95 ?? null } : null,
      steps: this.steps,
    };
    if (bad?.bound) out.bound = bad.bound;
    const pareto = paretoFront(this.steps);
    if (pareto.length) out.pareto = pareto;
    return out;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
