// A shared run's coordinator, in a thread of its own between the host and N engine workers: it
// starts them with their shares of the plan, starts them together, merges their windows into
// one per second (the same messages a single worker sends, so the host does not know the
// difference), judges thresholds on the merged data, relays stop, and survives a worker's crash.
import { randomInt } from 'node:crypto';
import { Worker, type MessagePort } from 'node:worker_threads';
import {
  isHostToWorker,
  isWorkerToHost,
  type HostToWorker,
  type RunStatus,
  type ShardWindowMessage,
  type StartMessage,
  type Summary,
  type ThresholdState,
  type Window,
  type WorkerToHost,
} from '../protocol';
import type { Post } from './engine';
import { initHistograms } from './histogram';
import { WindowMerger } from './shard-merge';
import { shardOptions, shardScenario } from './shard-executors';
import { crashWarning, sharedSummary } from './shard-summary';
import { recorderStats } from './stat-source';
import { abortingThreshold, evaluateThresholds } from './thresholds';

/** Margin between "everyone is ready" and the common start, for the go message to reach every thread. */
const GO_MARGIN_MS = 50;

/** Serves the coordinator role on the thread's port; `file` is the worker bundle the engines run from. */
export function serveCoordinator(port: MessagePort, file: string, workers: number): void {
  const post: Post = (m) => port.postMessage(m);
  let c: Coordinator | null = null;
  port.on('message', (m: unknown) => {
    if (!isHostToWorker(m)) {
      post({ type: 'log', level: 'warn', message: 'coordinator: ignored a message of unknown shape from the host' });
      return;
    }
    if (m.type === 'stop') c?.stop(m.reason);
    if (m.type !== 'start' || c) return;
    c = new Coordinator(m, workers, file, post);
    c.run().then(
      () => port.unref(),
      (err: unknown) =>
        post({
          type: 'fatal',
          message: `coordinator failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        }),
    );
  });
}

/** One engine worker of the run. */
interface Member {
  index: number;
  worker: Worker;
  ready: boolean;
  /** Sent its summary, or is gone. */
  done: boolean;
  summary: Summary | null;
  fatal: string | null;
  queue: Map<number, ShardWindowMessage>;
}

class Coordinator {
  private readonly members: Member[] = [];
  private merger: WindowMerger | null = null;
  private next = 0;
  private status: RunStatus = 'running';
  private reason: string | undefined;
  private goSent = false;
  private startedSent = false;
  private startedAt = new Date().toISOString();
  private plannedDurationMs = 0;
  private lastTMs = 0;
  private anySlo = false;
  private thresholds: ThresholdState[] = [];
  private readonly crashed: Array<{ worker: number; message: string }> = [];
  private allDone!: () => void;
  private readonly finished = new Promise<void>((r) => {
    this.allDone = r;
  });

  constructor(
    private readonly start: StartMessage,
    private readonly count: number,
    private readonly file: string,
    private readonly post: Post,
  ) {}

  async run(): Promise<void> {
    await initHistograms();
    const sc = this.start.scenario;
    this.merger = new WindowMerger(this.count, sc.load.kind === 'closed');
    // One seed for all: random arrivals must be the same global schedule in every worker.
    const seed = sc.load.seed ?? randomInt(0, 2 ** 32 - 1);
    for (let index = 0; index < this.count; index++) this.spawn(index, seed);
    await this.finished;
    this.drain();
    const members = this.members;
    // The same bad input fails every worker alike: one fatal, as a single worker would say it.
    const fatal = members.find((m) => m.fatal !== null)?.fatal;
    if (members.every((m) => m.summary === null) && fatal) {
      this.post({ type: 'fatal', message: fatal });
      return;
    }
    const summaries = members.map((m) => m.summary);
    const durationMs = Math.max(this.lastTMs, ...summaries.map((s) => s?.durationMs ?? 0));
    if (summaries.every((s) => s === null)) {
      this.status = 'failed';
      this.reason = 'every load worker crashed';
    } else if (this.status === 'running') this.status = 'completed';
    this.thresholds = evaluateThresholds(sc.thresholds, this.stats(durationMs, 0, 0));
    const summary = sharedSummary(this.merger, summaries, {
      scenario: sc,
      runId: this.start.options.runId,
      status: this.status,
      reason: this.reason,
      startedAt: this.startedAt,
      durationMs,
      plannedDurationMs: this.plannedDurationMs,
      thresholds: this.thresholds,
      workers: this.count,
      crashed: this.crashed,
    });
    this.post({ type: 'summary', summary });
    this.merger.destroy();
    for (const m of members) void m.worker.terminate();
  }

  stop(reason?: string): void {
    if (this.status !== 'running') return;
    this.status = 'stopped';
    this.reason = reason ?? 'stopped by the user';
    this.stopAll(this.reason);
  }

  private stopAll(reason: string): void {
    for (const m of this.members) if (!m.done) m.worker.postMessage({ type: 'stop', reason } satisfies HostToWorker);
  }

  private spawn(index: number, seed: number): void {
    const shard = { index, count: this.count };
    // No loader for the engines either (see run-controller.ts): the bundle runs as it is.
    const worker = new Worker(this.file, { execArgv: [], workerData: { role: 'engine' } });
    const m: Member = { index, worker, ready: false, done: false, summary: null, fatal: null, queue: new Map() };
    this.members.push(m);
    worker.on('message', (msg: unknown) => this.onMessage(m, msg));
    worker.on('error', (err) => this.gone(m, err.message));
    worker.on('exit', (code) => this.gone(m, `exited with code ${code} before its summary`));
    worker.postMessage({
      type: 'start',
      version: this.start.version,
      scenario: shardScenario(this.start.scenario, shard, seed),
      options: shardOptions(this.start.options, shard),
    } satisfies HostToWorker);
    // A stop that came while the coordinator was still loading reaches the workers too.
    if (this.status !== 'running') worker.postMessage({ type: 'stop', reason: this.reason } satisfies HostToWorker);
  }

  private onMessage(m: Member, msg: unknown): void {
    if (m.done) return;
    if (!isWorkerToHost(msg)) {
      this.post({
        type: 'log',
        level: 'warn',
        message: `ignored a message of unknown shape from load worker ${m.index + 1}`,
      });
      return;
    }
    switch (msg.type) {
      case 'shard-ready':
        m.ready = true;
        this.maybeGo();
        break;
      case 'started':
        this.plannedDurationMs = Math.max(this.plannedDurationMs, msg.plannedDurationMs);
        if (!this.startedSent) {
          this.startedSent = true;
          this.startedAt = msg.startedAt;
          this.post(msg);
        }
        break;
      case 'shard-window':
        m.queue.set(msg.window.index, msg);
        this.drain();
        break;
      case 'log':
        this.post({ ...msg, message: `worker ${m.index + 1}/${this.count}: ${msg.message}` });
        break;
      case 'summary':
        m.summary = msg.summary;
        this.finish(m);
        break;
      case 'fatal':
        m.fatal = msg.message;
        this.gone(m, msg.message);
        break;
      default:
        this.post(msg as WorkerToHost);
    }
  }

  /** A worker ended without its summary: what it sent is kept, the rest of the run goes on. */
  private gone(m: Member, message: string): void {
    if (m.done) return;
    // A worker that refused to start (bad input) has not crashed: its fatal is what the run reports.
    if (m.fatal === null || this.goSent) {
      this.crashed.push({ worker: m.index, message });
      this.post({ type: 'log', level: 'warn', message: crashWarning(m.index, this.count, message) });
    }
    void m.worker.terminate();
    this.finish(m);
  }

  private finish(m: Member): void {
    m.done = true;
    this.maybeGo();
    this.drain();
    if (this.members.length === this.count && this.members.every((x) => x.done)) this.allDone();
  }

  /** Every worker still there is ready: start them all at one instant. */
  private maybeGo(): void {
    if (this.goSent || this.members.length < this.count) return;
    if (!this.members.every((m) => m.ready || m.done) || !this.members.some((m) => m.ready)) return;
    this.goSent = true;
    const ready = this.members.filter((m) => m.ready).length;
    const how =
      this.start.scenario.load.kind === 'open'
        ? 'arrival i goes to worker i mod n of one schedule'
        : "each stage's VUs split evenly";
    this.post({
      type: 'log',
      level: 'info',
      message: `${ready} load workers share the run (${how}); their windows are merged each second.`,
    });
    const t0Epoch = performance.timeOrigin + performance.now() + GO_MARGIN_MS;
    for (const m of this.members)
      if (!m.done) m.worker.postMessage({ type: 'shard-go', t0Epoch } satisfies HostToWorker);
  }

  /** Merges every second for which each worker still sending has sent its window. */
  private drain(): void {
    const merger = this.merger;
    if (!merger) return;
    for (;;) {
      const parts: Array<{ worker: number; msg: ShardWindowMessage }> = [];
      for (const m of this.members) {
        const w = m.queue.get(this.next);
        if (w) parts.push({ worker: m.index, msg: w });
        else if (!m.done) return;
      }
      if (parts.length === 0) return;
      for (const p of parts) this.members[p.worker].queue.delete(this.next);
      this.next++;
      this.emit(merger.merge(parts));
    }
  }

  private emit(window: Window): void {
    const sc = this.start.scenario;
    this.lastTMs = Math.max(this.lastTMs, window.tMs);
    if (window.slo) this.anySlo = true;
    this.thresholds = evaluateThresholds(sc.thresholds, this.stats(window.tMs, window.vus, window.active));
    window.thresholds = this.thresholds;
    this.post({ type: 'window', window });
    const failing = abortingThreshold(sc.thresholds, this.thresholds, window.tMs);
    if (failing && this.status === 'running') {
      const value = this.thresholds[sc.thresholds.indexOf(failing)].value;
      this.status = 'aborted';
      this.reason = `threshold ${failing.metric}: ${failing.expression} failed (value ${value ?? 'n/a'}); abortOnFail stopped the run`;
      this.post({ type: 'log', level: 'warn', message: this.reason });
      this.stopAll(this.reason);
    }
  }

  private stats(tMs: number, vus: number, active: number): ReturnType<typeof recorderStats> {
    const merger = this.merger!;
    return recorderStats(merger.rec, tMs / 1000, {
      vusMax: merger.vusMax,
      vus: () => vus,
      active: () => active,
      slo: this.anySlo,
    });
  }
}
