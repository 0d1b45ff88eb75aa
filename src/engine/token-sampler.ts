// Compares the gateway's `usage` with a tokenizer count on a sample of answers, in a thread of
// its own: gpt-tokenizer's tables in the engine's heap made its minor GCs long (bench/README.md),
// and every such pause shows up as latency and send lateness.
import { Worker } from 'node:worker_threads';

/** Asks for one count; the answer comes back with the same id. */
export interface CountRequest {
  id: number;
  text: string;
  model?: string;
}
/** The tokenizer thread's answer. */
export interface CountReply {
  id: number;
  counted: number;
}

/** Samples usage-vs-tokenizer disagreement off the engine's thread. */
export class TokenSampler {
  private worker: Worker | null = null;
  private nextId = 0;
  /** Per outstanding id: the usage figure to compare with (null: none), and who wants the count. */
  private readonly pending = new Map<number, { usage: number | null; cb: ((counted: number) => void) | null }>();
  private idle: (() => void) | null = null;
  /** Σ usage and Σ |usage − counted| over the answers compared so far. */
  compared = 0;
  diffAbs = 0;

  /** `workerFile`: the bundled worker, which serves as the tokenizer thread too. */
  constructor(workerFile: string | null, warmModel?: string) {
    if (!workerFile) return;
    try {
      this.worker = new Worker(workerFile, { workerData: { role: 'tokenizer' } });
    } catch {
      this.worker = null;
      return;
    }
    this.worker.unref();
    this.worker.on('message', (m: CountReply) => this.onReply(m));
    // A tokenizer that cannot run only costs the comparison, never the run.
    this.worker.on('error', () => this.close());
    this.worker.postMessage({ id: -1, text: 'warm up', model: warmModel } satisfies CountRequest);
  }

  get enabled(): boolean {
    return this.worker !== null;
  }

  /** Queues one answer: its usage figure and its text. */
  offer(usage: number, text: string, model: string | null): void {
    if (!this.worker) return;
    this.ask(text, model, { usage, cb: null });
  }

  /** Counts an answer that carried no usage; `cb` gets the count (before the run's summary, if it arrives in time). */
  count(text: string, model: string | null, cb: (counted: number) => void): void {
    if (!this.worker) return;
    this.ask(text, model, { usage: null, cb });
  }

  private ask(
    text: string,
    model: string | null,
    entry: { usage: number | null; cb: ((counted: number) => void) | null },
  ): void {
    const id = this.nextId++;
    this.pending.set(id, entry);
    this.worker?.postMessage({ id, text, model: model ?? undefined } satisfies CountRequest);
  }

  private onReply(m: CountReply): void {
    const entry = this.pending.get(m.id);
    if (entry === undefined) return;
    this.pending.delete(m.id);
    if (entry.usage !== null) {
      this.compared += entry.usage;
      this.diffAbs += Math.abs(entry.usage - m.counted);
    }
    entry.cb?.(m.counted);
    if (this.pending.size === 0 && this.idle) this.idle();
  }

  /** Waits for outstanding counts, at most `ms`. */
  async drain(ms: number): Promise<void> {
    if (!this.worker || this.pending.size === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.idle = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  close(): void {
    const w = this.worker;
    this.worker = null;
    this.pending.clear();
    if (w) void w.terminate();
  }
}
