// The two load models. Open: arrivals on schedule whether or not earlier requests finished,
// each stamped with its intended time; no capacity → dropped, never delayed. Closed: a number of
// virtual users looping request → think time, the number following the stages.
import type { LoadSpec } from '../scenario/model';
import type { Runner } from './runner';
import type { Plan } from './schedule';
import { arrivalGaps } from './arrivals-gamma';
import { ownsArrival, type Shard } from './shard-executors';

/** A load model driving a runner. */
export interface Executor {
  /** Begins at `t0` (performance.now() of the run's start). */
  start(t0: number): void;
  /** Stops starting new work; in-flight requests continue. */
  halt(): void;
  /** VUs running (closed) or requests in flight (open). */
  vus(): number;
  /** Sends whatever is overdue now (called before a window closes, so late sends count in their own second). */
  /** Sends the arrivals overdue now, but none due after `until` (a performance.now() time): those belong to the next window. */
  catchUp(until?: number): void;
  /** Whether an arrival not yet sent is due before `until` (a performance.now() time). */
  dueBefore(until: number): boolean;
  /** Resolves when the plan has no more arrivals/iterations to start. */
  readonly finished: Promise<void>;
}

/** Sleeping with setTimeout when the next arrival is further than this; spinning with setImmediate when closer… */
const SPIN_MS = 1.5;
/**
 * …but only while arrivals are sparser than this. Spinning through dense schedules pins event-loop
 * utilisation at 100% (hiding real saturation) and, on a shared core, makes the scheduler take the
 * thread's time slices away, so lateness is far worse than batching on 1 ms timers
 * (measured: bench/README.md, "Figures behind the source").
 */
const DENSE_GAP_MS = 5;

/** Open model: constant or ramping arrival rate. */
export class OpenExecutor implements Executor {
  private t0 = 0;
  private next = 0;
  private nextCum = 0;
  private index = 0;
  /** 0-based index of `next` in the global schedule (all workers'). */
  private arrival = 0;
  private halted = false;
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private resolve!: () => void;
  readonly finished = new Promise<void>((r) => {
    this.resolve = r;
  });

  /** The next gap in planned arrivals (1, exponential or gamma): a process of that kind by time rescaling. */
  private readonly gap: () => number;

  constructor(
    private readonly plan: Plan,
    private readonly load: LoadSpec,
    private readonly runner: Runner,
    private readonly capacity: number,
    /** Set when several workers share the plan: this one sends only the arrivals that are its own. */
    private readonly shard?: Shard,
  ) {
    this.gap = arrivalGaps(load);
  }

  start(t0: number): void {
    this.t0 = t0;
    // Uniform arrivals start at 0; random ones one gap in.
    this.nextCum = this.load.arrivals === 'uniform' ? 0 : this.gap();
    this.next = this.plan.timeOfCumulative(this.nextCum);
    this.skipOthers();
    this.tick();
  }

  /** Moves to the next arrival of the global schedule (every gap is drawn, so all workers walk one schedule). */
  private advance(): void {
    this.nextCum += this.gap();
    this.next = this.plan.timeOfCumulative(this.nextCum);
    this.arrival++;
    this.skipOthers();
  }

  /** With a shard, steps over the arrivals other workers send, so this one wakes only for its own. */
  private skipOthers(): void {
    const shard = this.shard;
    if (shard === undefined) return;
    const end = this.plan.durationMs;
    while (!ownsArrival(this.arrival, shard) && this.next < end) {
      this.nextCum += this.gap();
      this.next = this.plan.timeOfCumulative(this.nextCum);
      this.arrival++;
    }
  }

  catchUp(until?: number): void {
    if (!this.halted) this.sendDue(until);
  }

  dueBefore(until: number): boolean {
    return !this.halted && this.next < this.plan.durationMs && this.t0 + this.next < until;
  }

  private readonly tick = (): void => {
    this.timer = null;
    this.immediate = null;
    if (this.halted) return;
    const now = this.sendDue();
    if (!(this.next < this.plan.durationMs)) {
      // No arrivals left, but the run lasts its planned duration.
      const rest = this.plan.durationMs - now;
      if (rest > 0) this.timer = setTimeout(() => this.finish(), rest);
      else this.finish();
      return;
    }
    const wait = this.next - now;
    const rate = this.plan.targetAt(now);
    if (wait <= SPIN_MS && rate > 0 && 1000 / rate >= DENSE_GAP_MS) this.immediate = setImmediate(this.tick);
    else this.timer = setTimeout(this.tick, Math.max(1, wait - 1));
  };

  /** Sends every overdue arrival, stamped with the time it was due; returns now (ms since t0). */
  private sendDue(until = Infinity): number {
    const end = this.plan.durationMs;
    // An arrival due exactly at `until` belongs to the next window, as the plan's seconds count it.
    const now = Math.min(performance.now() - this.t0, until - this.t0 - 1e-6);
    const runner = this.runner;
    // Every overdue arrival goes now, stamped with the time it was due.
    while (this.next <= now && this.next < end) {
      if (runner.active >= this.capacity) runner.rec.drop();
      else {
        this.index++;
        // Shared plans number iterations by their place in the global schedule (unique across workers).
        const iteration = this.shard === undefined ? this.index : this.arrival + 1;
        runner.run(((this.index - 1) % this.capacity) + 1, iteration, this.t0 + this.next, null);
      }
      this.advance();
    }
    return now;
  }

  private finish(): void {
    this.halted = true;
    this.resolve();
  }

  halt(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.finish();
  }

  vus(): number {
    return this.runner.active;
  }
}

/** How often the closed model re-reads its VU target. */
const VU_TICK_MS = 50;

/** Closed model: constant or ramping VUs with think time. */
export class ClosedExecutor implements Executor {
  private t0 = 0;
  private halted = false;
  private running = 0;
  private target = 0;
  /** Which VU ids are looping (1-based; a VU above the target ends after its iteration). */
  private readonly live = new Set<number>();
  private iteration = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly thinkTimers = new Set<NodeJS.Timeout>();
  private resolve!: () => void;
  readonly finished = new Promise<void>((r) => {
    this.resolve = r;
  });

  /** Per VU, the callback that continues its loop (bound once, not per iteration). */
  private readonly next: Array<() => void> = [];

  constructor(
    private readonly plan: Plan,
    private readonly load: LoadSpec,
    private readonly runner: Runner,
    private readonly maxVus: number,
  ) {}

  start(t0: number): void {
    this.t0 = t0;
    this.control();
  }

  private readonly control = (): void => {
    this.timer = null;
    if (this.halted) return;
    const now = performance.now() - this.t0;
    if (now >= this.plan.durationMs) {
      this.halt();
      return;
    }
    this.target = Math.min(this.maxVus, Math.round(this.plan.targetAt(now)));
    for (let id = 1; id <= this.target; id++) {
      if (!this.live.has(id)) {
        this.live.add(id);
        this.running++;
        this.iterate(id);
      }
    }
    this.timer = setTimeout(this.control, Math.min(VU_TICK_MS, Math.max(1, this.plan.durationMs - now)));
  };

  private iterate(id: number): void {
    if (this.halted || id > this.target) {
      this.retire(id);
      return;
    }
    this.iteration++;
    this.runner.run(id, this.iteration, null, (this.next[id] ??= () => this.afterIteration(id)));
  }

  private afterIteration(id: number): void {
    // A conversation going on pauses for its own thinkTime between turns.
    const think = this.runner.conversations?.thinkAfter(id) ?? this.load.thinkTimeMs;
    if (think > 0 && !this.halted) {
      const t = setTimeout(() => {
        this.thinkTimers.delete(t);
        this.iterate(id);
      }, think);
      this.thinkTimers.add(t);
    } else this.iterate(id);
  }

  private retire(id: number): void {
    if (!this.live.delete(id)) return;
    this.running--;
  }

  halt(): void {
    if (this.halted) return;
    this.halted = true;
    if (this.timer) clearTimeout(this.timer);
    for (const t of this.thinkTimers) clearTimeout(t);
    this.thinkTimers.clear();
    this.resolve();
  }

  vus(): number {
    return this.halted ? this.runner.active : this.running;
  }

  catchUp(): void {
    // Closed loops have no schedule to catch up with.
  }

  dueBefore(): boolean {
    return false;
  }
}
