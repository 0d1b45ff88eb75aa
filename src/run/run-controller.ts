// The host side of one run (extension and CLI alike): starts the engine worker, forwards its
// events, writes the results folder as data arrives (a kill loses at most the last second),
// and always ends with a summary, even when the worker crashes.
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  PROTOCOL_VERSION,
  isWorkerToHost,
  type HostToWorker,
  type RunInfo,
  type RunStatus,
  type Summary,
  type Window,
} from '../protocol';
import type { Scenario } from '../scenario/model';
import { resolveWorkerCount, singleWorkerReason } from '../scenario/validate-workers';
import { redactionSources } from './redact';
import { makeRedactor } from '../shared/redact';
import { summaryFromWindows } from './summary-from-windows';
import { foldWindows, PANEL_WINDOW_FOLD } from '../shared/window-fold';
import { RunMonitor } from './run-monitor';
import type { RunEvents, RunHandle, StartRun, StartRunOptions } from './types';

/** How long past `gracefulStop` a stopped worker may take before it is terminated. */
const STOP_GRACE_MS = 10_000;

/** `<YYYY-MM-DDTHH-MM-SS>-<slug>` in UTC: sortable, and safe on every file system. */
export function runFolderName(name: string, at: Date): string {
  const stamp = at.toISOString().slice(0, 19).replace(/:/g, '-');
  const slug =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'run';
  return `${stamp}-${slug}`;
}

function uniqueDir(root: string, base: string): string {
  let dir = join(root, base);
  for (let i = 2; existsSync(dir); i++) dir = join(root, `${base}-${i}`);
  return dir;
}

type Listeners = { [E in keyof RunEvents]: Set<RunEvents[E]> };

/** Starts one run; see `RunHandle`. */
export const startRun: StartRun = (scenario: Scenario, options: StartRunOptions): RunHandle =>
  new RunController(scenario, options);

class RunController implements RunHandle {
  readonly runId: string;
  readonly resultsDir: string;
  readonly info: RunInfo;
  readonly windows: Window[] = [];
  readonly done: Promise<Summary>;
  private _status: RunStatus = 'running';
  private resolveDone!: (s: Summary) => void;
  private readonly listeners: Listeners = {
    window: new Set(),
    log: new Set(),
    sample: new Set(),
    token: new Set(),
    ended: new Set(),
  };
  private readonly redact;
  private readonly worker: Worker;
  private fd: number | null;
  private ended = false;
  private failure: string | null = null;
  private stopReason: string | null = null;
  private stopTimer: NodeJS.Timeout | null = null;
  private writeFailed = false;
  private readonly monitor: RunMonitor;
  /** Why a run that asked for several workers got one (logged, and a warning in its summary). */
  private singleWorkerNote: string | null = null;
  /** Load workers of the run (more than 1: a coordinator thread stands in for the worker). */
  private workers = 1;

  constructor(
    private readonly scenario: Scenario,
    options: StartRunOptions,
  ) {
    this.redact = makeRedactor(redactionSources(scenario, options));
    const startedAt = new Date();
    this.resultsDir = options.outDir ?? uniqueDir(options.resultsRoot, runFolderName(scenario.name, startedAt));
    this.runId =
      this.resultsDir
        .replace(/[\\/]+$/, '')
        .split(/[\\/]/)
        .pop() ?? runFolderName(scenario.name, startedAt);
    this.info = {
      runId: this.runId,
      scenario: scenario.name,
      file: scenario.file,
      executor: scenario.load.executor,
      kind: scenario.load.kind,
      startedAt: startedAt.toISOString(),
      plannedDurationMs: options.dryRun ? 0 : scenario.load.durationMs,
      stages: scenario.load.stages.map((s) => ({ durationMs: s.durationMs, target: s.target, label: s.label })),
      targets: { ...scenario.targets },
      resultsDir: this.resultsDir,
    };
    this.monitor = new RunMonitor(scenario, options, this.runId, startedAt.getTime(), (level, message) =>
      this.log(level, message),
    );
    this.info.monitor = this.monitor.catalogue;
    this.done = new Promise((r) => {
      this.resolveDone = r;
    });
    mkdirSync(this.resultsDir, { recursive: true });
    writeFileSync(
      join(this.resultsDir, 'scenario.json'),
      JSON.stringify(this.redact.scenario(scenario), null, 2) + '\n',
    );
    writeFileSync(join(this.resultsDir, 'run.json'), JSON.stringify(this.redact.deep(this.info), null, 2) + '\n');
    this.fd = openSync(join(this.resultsDir, 'windows.ndjson'), 'a');

    // The bundle needs no loader: a parent's `--import tsx` (tests) would make the worker map
    // every first error's stack through its 7 MB bundle, blocking its event loop for seconds.
    // Several load workers: a coordinator thread stands where the one worker would, speaking the same messages.
    const workers = this.workerCount(options);
    this.workers = workers;
    this.worker = new Worker(options.workerPath, {
      execArgv: [],
      ...(workers > 1 ? { workerData: { role: 'coordinator', workers } } : {}),
    });
    this.worker.on('message', (m: unknown) => this.onMessage(m));
    this.worker.on('error', (err) => {
      this.failure ??= `the engine worker crashed: ${err.message}`;
    });
    this.worker.on('exit', (code) => {
      if (!this.ended) this.fail(this.failure ?? `the engine worker exited (code ${code}) before its summary`);
    });
    const start: HostToWorker = {
      type: 'start',
      version: PROTOCOL_VERSION,
      scenario,
      options: {
        runId: this.runId,
        env: options.env,
        dotenv: options.dotenv,
        secrets: options.secrets,
        maxRequestsPerSecond: options.maxRequestsPerSecond,
        maxConnections: options.maxConnections,
        dryRun: options.dryRun,
        allowedOrigin: options.allowedOrigin,
        proxy: options.proxy,
      },
    };
    this.worker.postMessage(start);
    const note = this.singleWorkerNote;
    // Told once listeners are attached (they are, right after startRun returns).
    if (note) setImmediate(() => this.log('warn', note));
  }

  /** How many load workers this run gets; a load that cannot be shared says why and runs on one. */
  private workerCount(options: StartRunOptions): number {
    const asked = options.workers ?? this.scenario.load.workers;
    const n = options.dryRun ? 1 : resolveWorkerCount(asked, availableParallelism());
    if (n <= 1) return 1;
    const why = singleWorkerReason(this.scenario);
    if (why === null) return n;
    this.singleWorkerNote = `workers: ${String(asked)} asked, but ${why}: the run uses 1 worker.`;
    return 1;
  }

  get status(): RunStatus {
    return this._status;
  }

  on<E extends keyof RunEvents>(event: E, listener: RunEvents[E]): () => void {
    const set = this.listeners[event] as Set<RunEvents[E]>;
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  stop(reason?: string): void {
    if (this.ended || this.stopReason !== null) return;
    this.stopReason = reason ?? 'stopped by the user';
    this.worker.postMessage({ type: 'stop', reason: this.stopReason } satisfies HostToWorker);
    // A worker that does not wind down is ended; the run still gets a summary from its windows.
    this.stopTimer = setTimeout(() => {
      this.failure = `the engine did not finish within ${Math.round((this.scenario.load.gracefulStopMs + STOP_GRACE_MS) / 1000)} s of the stop`;
      void this.worker.terminate();
    }, this.scenario.load.gracefulStopMs + STOP_GRACE_MS);
    this.stopTimer.unref();
  }

  private emit<E extends keyof RunEvents>(event: E, ...args: Parameters<RunEvents[E]>): void {
    for (const l of this.listeners[event]) {
      try {
        (l as (...a: Parameters<RunEvents[E]>) => void)(...args);
      } catch {
        // A listener's bug must not break the run or the results.
      }
    }
  }

  private onMessage(m: unknown): void {
    if (this.ended) return;
    if (!isWorkerToHost(m)) {
      this.log('warn', 'ignored a message of unknown shape from the engine worker');
      return;
    }
    switch (m.type) {
      case 'started':
        this.info.startedAt = m.startedAt;
        this.info.plannedDurationMs = m.plannedDurationMs;
        break;
      case 'window': {
        this.monitor.onWindow(m.window);
        const w = this.redact.deep(m.window);
        this.windows.push(w);
        // The file keeps every window; what the host holds for the panel and a crash's summary merges
        // its history past the limit (sums stay exact, percentiles keep their largest), so a soak's
        // memory stays bounded.
        if (this.windows.length > PANEL_WINDOW_FOLD.maxWindows) {
          const folded = foldWindows(this.windows);
          this.windows.splice(0, this.windows.length, ...folded);
        }
        this.write(() => {
          if (this.fd !== null) writeSync(this.fd, JSON.stringify(w) + '\n');
        });
        this.emit('window', w);
        break;
      }
      case 'log':
        this.log(m.level, m.message);
        break;
      case 'sample':
        this.emit('sample', this.redact.deep(m));
        break;
      case 'token':
        this.emit('token', m.requestIndex, this.redact.text(m.text));
        break;
      case 'fatal':
        this.failure = m.message;
        this.log('error', m.message);
        void this.worker.terminate();
        break;
      case 'summary':
        this.end(this.redact.deep(m.summary));
        void this.worker.terminate();
        break;
    }
  }

  /** A full disk or a removed folder must not take the host down: the run goes on, the user is told once. */
  private write(op: () => void): void {
    try {
      op();
    } catch (err) {
      if (this.writeFailed) return;
      this.writeFailed = true;
      this.log('error', `cannot write the results folder ${this.resultsDir}: ${(err as Error).message}`);
    }
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.emit('log', level, this.redact.text(message));
  }

  /** The worker is gone without a summary: rebuild one from the windows kept so far. */
  private fail(reason: string): void {
    const summary = summaryFromWindows(this.windows, {
      scenario: this.scenario,
      runId: this.runId,
      startedAt: this.info.startedAt,
      status: 'failed',
      reason,
      plannedDurationMs: this.info.plannedDurationMs,
    });
    if (this.workers > 1) summary.generator.workers = this.workers;
    this.end(this.redact.deep(summary));
  }

  private end(engineSummary: Summary): void {
    if (this.ended) return;
    this.ended = true;
    if (this.stopTimer) clearTimeout(this.stopTimer);
    this._status = engineSummary.status;
    if (this.singleWorkerNote) engineSummary.generator.warnings.push(this.singleWorkerNote);
    void this.monitor
      .finish(engineSummary)
      .catch((err: unknown) => {
        this.log(
          'error',
          `monitor: could not complete the summary: ${err instanceof Error ? err.message : String(err)}`,
        );
        return engineSummary;
      })
      .then((s) => this.close(this.redact.deep(s)));
  }

  private close(summary: Summary): void {
    if (this.fd !== null) {
      const fd = this.fd;
      this.fd = null;
      this.write(() => closeSync(fd));
    }
    this.write(() => writeFileSync(join(this.resultsDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n'));
    this.emit('ended', summary);
    this.resolveDone(summary);
  }
}
