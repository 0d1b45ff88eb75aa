// The typed messages between the engine worker, the host (extension or CLI) and the webview,
// and the result shapes they carry (windows, summary). One module, versioned; every message
// arriving from another side is untrusted until a guard below accepts its shape.
// This module is imported by browser code too: no Node or `vscode` imports here.

import type { Scenario } from './scenario/model';
import type { ErrorClass } from './scenario/metrics';
import type { Comparison } from './report/compare-types';

export const PROTOCOL_VERSION = 1;
export const SUMMARY_SCHEMA_VERSION = 1;

/** Latency statistics in milliseconds (or tokens/s for throughput trends). */
export interface Stats {
  count: number;
  avg: number;
  min: number;
  max: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
}

/** The live state of one threshold: evaluated on the cumulative metrics so far. */
export interface ThresholdState {
  metric: string;
  expression: string;
  ok: boolean;
  /** The statistic's current value (ms for time metrics), or null when there is no data yet. */
  value: number | null;
  abortOnFail: boolean;
}

export interface CheckState { name: string; passes: number; fails: number }

/** What the gateway said about its rate limits in one window. */
export interface RateLimitSignals {
  /** Responses with status 429 in the window. */
  status429: number;
  /** Smallest `x-ratelimit-remaining-requests` seen in the window, if any. */
  remainingRequests: number | null;
  remainingTokens: number | null;
  /** Largest `retry-after` seen, in ms. */
  retryAfterMs: number | null;
}

/** One second of a run, sent by the worker to the host and appended to `windows.ndjson`. */
export interface Window {
  /** 0-based second of the run. */
  index: number;
  /** Milliseconds since the run started, at the window's end. */
  tMs: number;
  /** Which stage the run is in at the window's end (0-based), and its planned target now. */
  stage: number;
  /** Planned arrivals/s (open) or VUs (closed) at the window's end. */
  planned: number;
  /** Arrivals started in the window. */
  started: number;
  /** Requests completed in the window: succeeded + failed. */
  completed: number;
  succeeded: number;
  failed: number;
  errors: Partial<Record<ErrorClass, number>>;
  dropped: number;
  duration: Stats | null;
  ttft: Stats | null;
  itl: Stats | null;
  /** Output tokens received in the window (so tokens/s over a 1 s window). */
  outputTokens: number;
  /** Requests in flight at the window's end, and the window's peak. */
  active: number;
  activeMax: number;
  /** VUs running (closed models), else equal to `active`. */
  vus: number;
  rateLimit: RateLimitSignals;
  /** The generator's own health: p99 of send lateness (ms) and event-loop utilisation (0–1). */
  latenessP99Ms: number;
  elu: number;
  thresholds: ThresholdState[];
}

export type RunStatus = 'running' | 'completed' | 'stopped' | 'aborted' | 'failed';

/** Per-metric summary values; which fields are present depends on the metric's type. */
export interface MetricSummary extends Partial<Stats> {
  /** Counters: per second over the run; rate metrics: the fraction. */
  rate?: number;
  /** Gauges: the last value. */
  value?: number;
}

/** `summary.json`: the whole run, written at the end. */
export interface Summary {
  schemaVersion: number;
  /** The scenario's name. */
  scenario: string;
  file?: string;
  runId: string;
  status: RunStatus;
  /** Why the run ended other than by completing, e.g. a threshold that aborted it or a crash. */
  reason?: string;
  startedAt: string;
  durationMs: number;
  plannedDurationMs: number;
  executor: string;
  metrics: Record<string, MetricSummary>;
  /** Requests sent = succeeded + the sum of these. */
  requests: { sent: number; succeeded: number; failed: number };
  errors: Partial<Record<ErrorClass, number>>;
  thresholds: Array<{ metric: string; expression: string; ok: boolean; value: number | null }>;
  checks: CheckState[];
  /** Models that answered (the gateway may route elsewhere than asked) and how often. */
  models: Record<string, number>;
  /** Where tokens came from, and how far a tokenizer count disagreed with `usage` when both were known. */
  tokens: { fromUsage: number; counted: number; usageVsCountedDiffPct: number | null };
  /** Raw headers of a sample of 429 answers, so a user can tell the gateway's limiter from the provider's. */
  rateLimitSamples: Array<Record<string, string>>;
  generator: { latenessP99Ms: number; eluMax: number; saturated: boolean; warnings: string[] };
  environment: { tool: string; version: string; node: string; platform: string; cpus: number; hostname?: string };
}

/** What the host tells the worker. Secret and env values travel only here, never to disk. */
export interface RunOptions {
  runId: string;
  /** Values for `${env:…}`, `${dotenv:…}` and `${secret:…}` references, resolved by the host. */
  env: Record<string, string>;
  dotenv: Record<string, string>;
  secrets: Record<string, string>;
  /** Settings that cap every run (`gatewayLoad.maxRequestsPerSecond`, `gatewayLoad.maxConnections`). */
  maxRequestsPerSecond?: number;
  maxConnections?: number;
  /** Dry run: a handful of requests at low rate, each one reported as a `sample`. */
  dryRun?: { requests: number };
}

// ---- host → worker ----------------------------------------------------------------------------

/** host → worker: start the run (sent once, right after the worker is created). */
export interface StartMessage { type: 'start'; version: number; scenario: Scenario; options: RunOptions }
/** host → worker: stop gracefully (arrivals stop; in-flight requests get `gracefulStop`). */
export interface StopMessage { type: 'stop'; reason?: string }
export type HostToWorker = StartMessage | StopMessage;

// ---- worker → host ----------------------------------------------------------------------------

/** worker → host: the run has started; the plan it will follow. */
export interface StartedMessage { type: 'started'; runId: string; startedAt: string; plannedDurationMs: number }
/** worker → host: one second has passed. */
export interface WindowMessage { type: 'window'; window: Window }
/** worker → host: something a user should read (generator saturated, threshold abort, …). */
export interface LogMessage { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
/** worker → host (dry run): one request and its answer, streamed tokens included. */
export interface SampleMessage {
  type: 'sample';
  request: { name: string; method: string; url: string; headers: Record<string, string>; body: string };
  response: { status: number | null; headers: Record<string, string>; body: string; durationMs: number; ttftMs: number | null; error?: string; checks: Array<{ name: string; ok: boolean }> };
}
/** worker → host (dry run): streamed text as it arrives. */
export interface TokenMessage { type: 'token'; requestIndex: number; text: string }
/** worker → host: the run is over; the last message the worker sends. */
export interface SummaryMessage { type: 'summary'; summary: Summary }
/** worker → host: the worker could not run at all (bad input it could not classify). */
export interface FatalMessage { type: 'fatal'; message: string }
export type WorkerToHost = StartedMessage | WindowMessage | LogMessage | SampleMessage | TokenMessage | SummaryMessage | FatalMessage;

// ---- host ⇄ webview ---------------------------------------------------------------------------

/** What the panel needs to know about the run besides its windows. */
export interface RunInfo {
  runId: string;
  scenario: string;
  file?: string;
  executor: string;
  kind: 'open' | 'closed';
  startedAt: string;
  plannedDurationMs: number;
  stages: Array<{ durationMs: number; target: number; label: string }>;
  targets: { successRate?: number; responseTimeMs?: number; throughputPerSec?: number };
  resultsDir?: string;
}

/** host → webview: the whole state so far (on `ready`, on reveal, after a reload). */
export interface SnapshotNotification { type: 'run/snapshot'; info: RunInfo | null; windows: Window[]; status: RunStatus; summary: Summary | null; theme?: 'light' | 'dark' | 'high-contrast' }
/** host → webview: one more window of the current run. */
export interface WindowNotification { type: 'run/window'; runId: string; window: Window }
/** host → webview: the run ended. */
export interface EndedNotification { type: 'run/ended'; runId: string; status: RunStatus; summary: Summary }
/** One side of a comparison as the compare view draws it: header, windows and summary. */
export interface CompareSide {
  info: RunInfo;
  windows: Window[];
  summary: Summary;
  /** Where it came from, for people: a run folder or a baseline file. */
  source?: string;
}

/** host → webview (compare view): two runs and `compareSummaries`' verdicts on them; the whole state. */
export interface CompareSnapshotNotification {
  type: 'compare/snapshot';
  baseline: CompareSide;
  current: CompareSide;
  comparison: Comparison;
  theme?: 'light' | 'dark' | 'high-contrast';
}
export type HostToWebview = SnapshotNotification | WindowNotification | EndedNotification | CompareSnapshotNotification;

/** webview → host: the page has loaded and listens; send it a snapshot. */
export interface ReadyCommand { type: 'webview/ready' }
/** webview → host: the user pressed Stop. */
export interface StopCommand { type: 'run/stop'; runId: string }
/** webview → host: export the report / mark as baseline / compare with the baseline. */
export interface RunActionCommand { type: 'run/exportReport' | 'run/markBaseline' | 'run/compareBaseline'; runId: string }
/** webview → host (compare view): open the comparison as Markdown, or one of its runs in the live panel. */
export interface CompareActionCommand { type: 'compare/openMarkdown' | 'compare/openRun'; side?: 'baseline' | 'current' }
export type WebviewToHost = ReadyCommand | StopCommand | RunActionCommand | CompareActionCommand;

// ---- guards -----------------------------------------------------------------------------------

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Accepts a message from the webview only if its shape is one we act on. */
export function isWebviewToHost(v: unknown): v is WebviewToHost {
  if (!isObject(v) || typeof v.type !== 'string') return false;
  switch (v.type) {
    case 'webview/ready': return true;
    case 'run/stop':
    case 'run/exportReport':
    case 'run/markBaseline':
    case 'run/compareBaseline':
      return typeof v.runId === 'string';
    case 'compare/openMarkdown': return true;
    case 'compare/openRun': return v.side === 'baseline' || v.side === 'current';
    default: return false;
  }
}

/** Accepts a message from the worker only if its shape is one we act on. */
export function isWorkerToHost(v: unknown): v is WorkerToHost {
  if (!isObject(v) || typeof v.type !== 'string') return false;
  switch (v.type) {
    case 'started': return typeof v.runId === 'string' && typeof v.plannedDurationMs === 'number';
    case 'window': return isObject(v.window) && typeof v.window.index === 'number' && typeof v.window.tMs === 'number';
    case 'log': return typeof v.message === 'string' && (v.level === 'info' || v.level === 'warn' || v.level === 'error');
    case 'sample': return isObject(v.request) && isObject(v.response);
    case 'token': return typeof v.text === 'string' && typeof v.requestIndex === 'number';
    case 'summary': return isObject(v.summary) && typeof v.summary.runId === 'string';
    case 'fatal': return typeof v.message === 'string';
    default: return false;
  }
}

/** Accepts a message from the host only if its shape is one we act on. */
export function isHostToWorker(v: unknown): v is HostToWorker {
  if (!isObject(v) || typeof v.type !== 'string') return false;
  if (v.type === 'stop') return true;
  return v.type === 'start' && v.version === PROTOCOL_VERSION && isObject(v.scenario) && isObject(v.options);
}

/** Accepts a message from the host in the webview. */
export function isHostToWebview(v: unknown): v is HostToWebview {
  if (!isObject(v) || typeof v.type !== 'string') return false;
  switch (v.type) {
    case 'run/snapshot': return Array.isArray(v.windows);
    case 'run/window': return typeof v.runId === 'string' && isObject(v.window);
    case 'run/ended': return typeof v.runId === 'string' && isObject(v.summary);
    case 'compare/snapshot': return isCompareSide(v.baseline) && isCompareSide(v.current) && isObject(v.comparison) && Array.isArray(v.comparison.metrics);
    default: return false;
  }
}

function isCompareSide(v: unknown): boolean {
  return isObject(v) && isObject(v.info) && typeof v.info.runId === 'string' && Array.isArray(v.windows) && isObject(v.summary) && typeof v.summary.runId === 'string';
}
