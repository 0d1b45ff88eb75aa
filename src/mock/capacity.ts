// The mock's capacity model, shaped like a continuously batching inference server, so a sweep
// against it finds a knee that can be computed by hand (README, "Mock capacity model"):
//   - at most `maxConcurrency` requests are served at once; later ones wait in a FIFO queue and
//     their time to first token includes the wait (nothing is written until a request is served);
//   - beyond `queueLimit` waiting requests, an arrival is refused at once with 429 or 503;
//   - `totalTokensPerSecond` is shared by the streams that are generating (past their first
//     token): each gets min(its own rate, T / generating).

/** What the model needs from the configuration. */
export interface CapacitySpec {
  /** 0: unlimited. */
  maxConcurrency: number;
  /** Waiting requests allowed beyond maxConcurrency (Infinity: unbounded). */
  queueLimit: number;
  /** 0: no shared limit. */
  totalTokensPerSecond: number;
}

/** Admission of one request: started now, queued, or refused. */
export type Admission = 'started' | 'queued' | 'refused';

interface Waiter {
  start: () => void;
  cancelled: boolean;
}

/** Slots, the queue in front of them and the shared token rate. */
export class CapacityModel {
  private running = 0;
  private readonly queue: Waiter[] = [];
  private head = 0;
  /** Streams between their first and last token: they share the total token rate. */
  generating = 0;

  constructor(public spec: CapacitySpec) {}

  /** True when no part of the model is configured: the mock's hot path skips it entirely. */
  get unlimited(): boolean {
    return this.spec.maxConcurrency <= 0 && this.spec.totalTokensPerSecond <= 0;
  }

  get waiting(): number {
    return this.queue.length - this.head;
  }

  get serving(): number {
    return this.running;
  }

  /**
   * Runs `start` now if a slot is free, later if the queue has room, never if it is full.
   * The caller must call the returned release exactly once when the request ends (any way).
   */
  admit(start: () => void): { admission: Admission; release: () => void } {
    const max = this.spec.maxConcurrency;
    if (max <= 0 || this.running < max) {
      this.running++;
      start();
      return { admission: 'started', release: once(() => this.free()) };
    }
    if (this.waiting >= this.spec.queueLimit) return { admission: 'refused', release: () => {} };
    const w: Waiter = { start, cancelled: false };
    this.queue.push(w);
    let begun = false;
    w.start = () => {
      begun = true;
      start();
    };
    // A request that leaves while queued gives up its place; one that was served frees its slot.
    return {
      admission: 'queued',
      release: once(() => {
        if (begun) this.free();
        else w.cancelled = true;
      }),
    };
  }

  private free(): void {
    this.running--;
    while (this.head < this.queue.length) {
      const w = this.queue[this.head++];
      if (w.cancelled) continue;
      this.running++;
      w.start();
      break;
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }

  /** ms between two tokens of one stream now, given its own interval (0: as fast as allowed). */
  interval(ownMs: number): number {
    const t = this.spec.totalTokensPerSecond;
    if (t <= 0) return ownMs;
    return Math.max(ownMs, (1000 * Math.max(1, this.generating)) / t);
  }
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      fn();
    }
  };
}
