// The host side of one run, as the extension and the CLI see it. Implemented by
// `run-controller.ts`; both faces depend only on this contract.

import type { Scenario } from '../scenario/model';
import type { RunInfo, RunOptions, RunStatus, SampleMessage, Summary, Window } from '../protocol';

/** How to start one run: what the worker gets (its `runId` is made here) plus where results go. The env, dotenv and secret values are redacted from everything written. */
export interface StartRunOptions extends Omit<RunOptions, 'runId'> {
  /** Absolute path of the bundled engine worker (`dist/worker.js`). */
  workerPath: string;
  /** Folder of this run's results; default `<resultsRoot>/<time>-<name>/`. */
  outDir?: string;
  /** Parent of run folders, e.g. `<workspace>/.gateway-load/runs`. */
  resultsRoot: string;
  /** Load worker threads, over the scenario's `load.workers` (the CLI's `--workers`, the editor's setting); default 1. */
  workers?: number | 'auto';
}

export interface RunEvents {
  window: (window: Window) => void;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  sample: (sample: SampleMessage) => void;
  token: (requestIndex: number, text: string) => void;
  ended: (summary: Summary) => void;
}

/** One run in progress. Results are on disk as they arrive; `done` always resolves with a summary, even after a worker crash. */
export interface RunHandle {
  readonly runId: string;
  readonly resultsDir: string;
  readonly info: RunInfo;
  readonly status: RunStatus;
  /** Every window so far (the host owns the state; a reopened panel is replayed from here). */
  readonly windows: readonly Window[];
  on<E extends keyof RunEvents>(event: E, listener: RunEvents[E]): () => void;
  /** Graceful stop: arrivals stop, in-flight requests get `gracefulStop`, then the summary. */
  stop(reason?: string): void;
  readonly done: Promise<Summary>;
}

export type StartRun = (scenario: Scenario, options: StartRunOptions) => RunHandle;
