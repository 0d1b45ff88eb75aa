// Compares the gateway's `usage` with a tokenizer count on a sample of answers, in a thread of
// its own: gpt-tokenizer's tables (~35 MB of maps) in the engine's heap made its minor GCs take
// up to 40 ms (measured), and every such pause shows up as latency and send lateness.
import { Worker } from 'node:worker_threads';

/** Asks for one count; the answer comes back with the same id. */
export interface CountRequest { id: number; text: string; model?: string }
/** The tokenizer thread's answer. */
export interface CountReply { id: number; counted: number }

/** Samples usage-vs-tokenizer disagreement off the engine's thread. */
export class TokenSampler {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, number>();
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
    const id = this.nextId++;
    this.pending.set(id, usage);
    this.worker.postMessage({ id, text, model: model ?? undefined } satisfies CountRequest);
  }

  private onReply(m: CountReply): void {
    const usage = this.pending.get(m.id);
    if (usage === undefined) return;
    this.pending.delete(m.id);
    this.compared += usage;
    this.diffAbs += Math.abs(usage - m.counted);
    if (this.pending.size === 0 && this.idle) this.idle();
  }

  /** Waits for outstanding counts, at most `ms`. */
  async drain(ms: number): Promise<void> {
    if (!this.worker || this.pending.size === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.idle = () => { clearTimeout(timer); resolve(); };
    });
  }

  close(): void {
    const w = this.worker;
    this.worker = null;
    this.pending.clear();
    if (w) void w.terminate();
  }
}
