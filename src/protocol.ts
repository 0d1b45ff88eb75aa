// The typed messages between the engine worker, the host (extension or CLI) and the webview,
// and the result shapes they carry (windows, summary). One module, versioned; every message
// arriving from another side is untrusted until a guard below accepts its shape.
// This module is imported by browser code too: no Node or `vscode` imports here.

import type { CapacitySummary, SloSummary } from './shared/capacity';
import type { CacheSummary } from './shared/cache-summary';
import type { StreamSummary } from './shared/stream-summary';
import type { Scenario } from './scenario/model';
import type { ErrorClass } from './shared/metrics';
import type { Comparison } from './shared/compare-types';
import type { GatewayHeaderMetric, OverheadSummary, PathWindow, RoutingSummary } from './shared/gateway-types';

export const PROTOCOL_VERSION = 1;
// The summary's schema version is stamped by the shared floor, which may not import this module.
export { SUMMARY_SCHEMA_VERSION } from './shared/summary-schema';

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

export interface CheckState {
  name: string;
  passes: number;
  fails: number;
}

/**
 * One distinct failure reason: class, code, status and normalised message. `body` is the first
 * 512 bytes of the answer (redacted by the host like everything it writes); times are ms since the start.
 */
export interface ErrorSample {
  /** Stable within a run; windows count per id. */
  id: number;
  class: ErrorClass;
  /** A socket or library code (`ECONNRESET`, `UND_ERR_HEADERS_TIMEOUT`), or null. */
  code: string | null;
  /** The HTTP status, or null when no answer arrived. */
  status: number | null;
  message: string;
  body: string | null;
  count: number;
  firstAtMs: number;
  lastAtMs: number;
}

/** Streams that ended before their end (timeout, reset, truncated): kept apart from completed streams. */
export interface CutStreams {
  count: number;
  ttft: Stats | null;
  outputTokens: number;
}

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
  /** Time to first output token (the first non-reasoning token); absent in windows saved before it existed. */
  ttfo?: Stats | null;
  itl: Stats | null;
  /** Output tokens received in the window (so tokens/s over a 1 s window). */
  outputTokens: number;
  /** Reasoning tokens among them (absent in older windows). */
  reasoningTokens?: number;
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
  /** Answers per HTTP status in the window (`"0"` is never used: no answer is not a status). */
  statusCodes?: Record<string, number>;
  /** Failures per reason (`ErrorSample.id`) in the window. */
  reasons?: Record<string, number>;
  /** Reasons first seen in this window, with their sample body. */
  newReasons?: ErrorSample[];
  /** Requests judged against an SLO in the window, those that met it, and their output tokens (when an `slo` is set). */
  slo?: { judged: number; met: number; tokens: number };
  /** Sweeps: the step running at the window's end (0-based, in `capacity.steps` order). */
  sweepStep?: number;
  /** Monitored series (`<source>.<series>` → value, null for a gap), sampled by the host beside the load. */
  monitor?: Record<string, number | null>;
  /** `target.direct` runs: each path's successful answers in the window (duration p50/p99, ms). */
  paths?: PathWindow;
  /** Header metrics seen in the window (`server_timing_gw` → mean, in its unit). */
  gatewayHeaders?: Record<string, number>;
  /** Answers that fell back to another model in the window (absent when none). */
  fallbacks?: number;
  /** Answers in the window whose cache-status header said hit / miss (once any answer carried one). */
  cache?: { hits: number; misses: number };
  /** The panel only: how many one-second windows this one merges (absent: one). Never in a results folder. */
  folded?: number;
}

/** One monitored series, as the panel and the reports label it. */
export interface MonitorSeriesInfo {
  /** `<source>.<series>`, e.g. `node.cpu_busy`; thresholds name it `monitor.<key>`. */
  key: string;
  source: string;
  unit: string;
  /** Series of one group share a chart. */
  group: string;
}

/** `summary.json` → `monitor`: each series summarised, and how each source's sampling went. */
export interface MonitorSummary {
  series: Record<
    string,
    {
      unit: string;
      group: string;
      samples: number;
      gaps: number;
      min: number | null;
      avg: number | null;
      max: number | null;
      p95: number | null;
      last: number | null;
    }
  >;
  sources: Record<
    string,
    { kind: 'prometheus' | 'process' | 'generator'; target?: string; ok: number; failed: number; lastError?: string }
  >;
  /** Pushes to each output: sent, failed (the endpoint said no or did not answer), dropped (queue full). */
  outputs?: Record<string, { sent: number; failed: number; dropped: number; lastError?: string }>;
}

export type RunStatus = 'running' | 'completed' | 'stopped' | 'aborted' | 'failed';

/** Per-metric summary values; which fields are present depends on the metric's type. */
export interface MetricSummary extends Partial<Stats> {
  /** Counters: per second over the run; rate metrics: the fraction. */
  rate?: number;
  /** Gauges: the last value. */
  value?: number;
}

/** A distribution of lengths in tokens. */
export interface LengthStats {
  count: number;
  mean: number;
  stddev: number;
  min: number;
  max: number;
  p50: number;
  p90: number;
  p99: number;
}

/**
 * Lengths in tokens: what the scenario asked for (`requested`) and what the answers' usage says
 * was served. Input served minus requested is the chat format's overhead (7 tokens for one user
 * message under OpenAI's counting); output served below requested means the answer was cut.
 */
export interface TokenLengths {
  input: { requested: LengthStats | null; served: LengthStats | null; overheadMean: number | null };
  output: { requested: LengthStats | null; served: LengthStats | null; shortAnswers: number };
  /** Time to first token per shared-prefix group (`prompt.prefix`), in ms. */
  ttftByPrefixGroup: Array<{ group: number; count: number; p50: number; p90: number; p99: number }>;
}

/** Three percentiles of a distribution, in ms. */
export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
}

/** One turn of the run's conversations: every conversation's turn N together. */
export interface ConversationTurnStats {
  turn: number;
  /** Turns sent that ended (cut ones excepted), and how many of them failed. */
  count: number;
  failed: number;
  /** Successful turns only. */
  duration: Percentiles | null;
  ttft: Percentiles | null;
  /** The context sent, in input tokens as the answers' usage counted them. */
  inputTokens: { mean: number; min: number; max: number } | null;
}

/** Conversations (`conversation:` or multi-turn datasets): their fate and a row per turn. */
export interface ConversationsSummary {
  started: number;
  completed: number;
  /** A turn failed, so the conversation stopped there. */
  broken: number;
  /** Open model: a later turn found no free capacity (counted in dropped_iterations too). */
  dropped: number;
  /** The run ended before their next turn was due. */
  unfinished: number;
  turns: ConversationTurnStats[];
}

/** What a run read from one dataset file. */
export interface DatasetSummary {
  request: string;
  file: string;
  format: string;
  /** Records handed to requests. */
  used: number;
  /** Items of the file that were not records of the format (skipped), and the first one's reason. */
  skipped: number;
  firstError: string | null;
  /** Records in the file (null: the run did not read to its end); requests went past its end `wraps` times. */
  records: number | null;
  wraps: number;
  /** Requests that found the buffer empty (the file is read slower than it is used) and reused a record. */
  underruns: number;
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
  /** Planned lengths (token prompts, maxTokens distributions, traces): requested against served, and TTFT per shared prefix. */
  tokenLengths?: TokenLengths;
  /** Conversations: started, completed, broken off, and per turn duration, TTFT and context length. */
  conversations?: ConversationsSummary;
  /** Dataset files read by the run: records used, items skipped, wraps. */
  datasets?: DatasetSummary[];
  /** Raw headers of a sample of 429 answers, so a user can tell the gateway's limiter from the provider's. */
  rateLimitSamples: Array<Record<string, string>>;
  /** Answers per HTTP status, e.g. `{ "200": 381, "429": 29 }`. */
  statusCodes?: Record<string, number>;
  /** Up to 20 distinct failure reasons, most frequent first. */
  errorSamples?: ErrorSample[];
  /** Failures whose reason arrived after the table was full (counted in `errors`, not in a sample). */
  errorSamplesOmitted?: number;
  /** Streams cut short; their TTFT and tokens are not in the completed-stream metrics. */
  cutStreams?: CutStreams;
  /**
   * `limit` says what held the generator back: its own event loop (`event-loop`) or other
   * processes taking the CPU (`machine`); absent when neither did.
   */
  generator: {
    latenessP99Ms: number;
    eluMax: number;
    saturated: boolean;
    warnings: string[];
    /** Load worker threads that shared the run (absent: 1). */
    workers?: number;
    /** Load workers that crashed (1-based), their data up to the crash kept. */
    crashedWorkers?: number[];
    limit?: 'event-loop' | 'machine';
    cpuShare?: number;
    loadAvg?: number;
  };
  /** The HTTP the run spoke: the protocol most connections negotiated (`h2`, `http/1.1`; null through a proxy or when none connected), redirects followed, the proxy used. */
  http?: { protocol: string | null; redirects: number; proxy?: string };
  /** Resources sampled beside the load (always the generator's own; more with `monitor:`). */
  monitor?: MonitorSummary;
  /** Goodput against the scenario's `slo` (absent without one). */
  slo?: SloSummary;
  /** The answer of a `sweep` / `sweep-vus` run. */
  capacity?: CapacitySummary;
  /** `target.direct` runs: the latency and errors the gateway adds, with 95% confidence intervals. */
  overhead?: OverheadSummary;
  /** What the gateway's own headers said (built-in and `gatewayHeaders:`), per metric. */
  gatewayHeaders?: Record<string, GatewayHeaderMetric>;
  /** Latency per served model and fallbacks. */
  routing?: RoutingSummary;
  /** The gateway's response cache, from cache-status headers, and the prompts the scenario repeated. */
  cache?: CacheSummary;
  /** How the streams arrived: chunks, tokens per chunk, buffering, contract problems. */
  stream?: StreamSummary;
  /** What the run found about the gateway that a reader must not miss (e.g. buffered streams); the generator's own are under `generator.warnings`. */
  warnings?: string[];
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
  /** The origin the user confirmed (the editor's gate): the engine sends nowhere else. */
  allowedOrigin?: string;
  /** The editor's proxy settings (`http.proxy`, `http.noProxy`, `http.proxyStrictSSL`); `target.proxy` wins over them. */
  proxy?: { url?: string; noProxy?: string[]; strictSSL?: boolean };
  /** Set by the coordinator when several load workers share the run: this worker is `index` (0-based) of `count`. */
  shard?: { index: number; count: number };
}

// ---- host → worker ----------------------------------------------------------------------------

/** host → worker: start the run (sent once, right after the worker is created). */
export interface StartMessage {
  type: 'start';
  version: number;
  scenario: Scenario;
  options: RunOptions;
}
/** host → worker: stop gracefully (arrivals stop; in-flight requests get `gracefulStop`). */
export interface StopMessage {
  type: 'stop';
  reason?: string;
}
/** coordinator → load worker: every worker is ready; start the plan at `t0Epoch` (ms since the epoch, sub-ms). */
export interface ShardGoMessage {
  type: 'shard-go';
  t0Epoch: number;
}
export type HostToWorker = StartMessage | StopMessage | ShardGoMessage;

// ---- worker → host ----------------------------------------------------------------------------

/** worker → host: the run has started; the plan it will follow. */
export interface StartedMessage {
  type: 'started';
  runId: string;
  startedAt: string;
  plannedDurationMs: number;
}
/** worker → host: one second has passed. */
export interface WindowMessage {
  type: 'window';
  window: Window;
}
/** worker → host: something a user should read (generator saturated, threshold abort, …). */
export interface LogMessage {
  type: 'log';
  level: 'info' | 'warn' | 'error';
  message: string;
}
/** worker → host (dry run): one request and its answer, streamed tokens included. */
export interface SampleMessage {
  type: 'sample';
  request: { name: string; method: string; url: string; headers: Record<string, string>; body: string };
  response: {
    status: number | null;
    headers: Record<string, string>;
    body: string;
    durationMs: number;
    ttftMs: number | null;
    error?: string;
    checks: Array<{ name: string; ok: boolean }>;
  };
}
/** worker → host (dry run): streamed text as it arrives. */
export interface TokenMessage {
  type: 'token';
  requestIndex: number;
  text: string;
}
/** worker → host: the run is over; the last message the worker sends. */
export interface SummaryMessage {
  type: 'summary';
  summary: Summary;
}
/** worker → host: the worker could not run at all (bad input it could not classify). */
export interface FatalMessage {
  type: 'fatal';
  message: string;
}
/** An HDR histogram between threads: its V2 encoding (plain, or deflated as base64) and the exact moments kept beside it. */
export interface HistWire {
  raw?: Uint8Array;
  hdr?: string;
  count: number;
  sum: number;
  min: number;
  max: number;
}
/** load worker → coordinator: set up (connections warmed), waiting for `shard-go`. */
export interface ShardReadyMessage {
  type: 'shard-ready';
}
/**
 * load worker → coordinator: one second of its share, with what merging needs beyond the window:
 * the raw counters and the window's histograms (added, never averaged), and its cumulative checks.
 */
export interface ShardWindowMessage {
  type: 'shard-window';
  window: Window;
  counters: Record<string, unknown>;
  hists: Record<string, HistWire | null>;
  checksPassed: number;
  checksFailed: number;
}
export type WorkerToHost =
  | StartedMessage
  | WindowMessage
  | LogMessage
  | SampleMessage
  | TokenMessage
  | SummaryMessage
  | FatalMessage
  | ShardReadyMessage
  | ShardWindowMessage;

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
  /** The monitored series this run samples, for the panel's Resources charts. */
  monitor?: MonitorSeriesInfo[];
}

/** host → webview: the whole state so far (on `ready`, on reveal, after a reload). */
export interface SnapshotNotification {
  type: 'run/snapshot';
  info: RunInfo | null;
  windows: Window[];
  status: RunStatus;
  summary: Summary | null;
  theme?: 'light' | 'dark' | 'high-contrast';
}
/** host → webview: one more window of the current run. */
export interface WindowNotification {
  type: 'run/window';
  runId: string;
  window: Window;
}
/** host → webview: the run ended. */
export interface EndedNotification {
  type: 'run/ended';
  runId: string;
  status: RunStatus;
  summary: Summary;
}
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
export interface ReadyCommand {
  type: 'webview/ready';
}
/** webview → host: the user pressed Stop. */
export interface StopCommand {
  type: 'run/stop';
  runId: string;
}
/** webview → host: export the report / mark as baseline / compare with the baseline. */
export interface RunActionCommand {
  type: 'run/exportReport' | 'run/markBaseline' | 'run/compareBaseline';
  runId: string;
}
/** webview → host (compare view): open the comparison as Markdown, or one of its runs in the live panel. */
export interface CompareActionCommand {
  type: 'compare/openMarkdown' | 'compare/openRun';
  side?: 'baseline' | 'current';
}
export type WebviewToHost = ReadyCommand | StopCommand | RunActionCommand | CompareActionCommand;

// ---- guards -----------------------------------------------------------------------------------

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Accepts a message from the webview only if its shape is one we act on. */
export function isWebviewToHost(v: unknown): v is WebviewToHost {
  if (!isObject(v) || typeof v.type !== 'string') return false;
  switch (v.type) {
    case 'webview/ready':
      return true;
    case 'run/stop':
    case 'run/exportReport':
    case 'run/markBaseline':
    case 'run/compareBaseline':
      return typeof v.runId === 'string';
    case 'compare/openMarkdown':
      return true;
    case 'compare/openRun':
      return v.side === 'baseline' || v.side === 'current';
    default:
      return false;
  }
}

/** Accepts a message from the worker only if its shape is one we act on. */
export function isWorkerToHost(v: unknown): v is WorkerToHost {
  if (!isObject(v) || typeof v.type !== 'string') return false;
  switch (v.type) {
    case 'started':
      return typeof v.runId === 'string' && typeof v.plannedDurationMs === 'number';
    case 'window':
      return isObject(v.window) && typeof v.window.index === 'number' && typeof v.window.tMs === 'number';
    case 'log':
      return typeof v.message === 'string' && (v.level === 'info' || v.level === 'warn' || v.level === 'error');
    case 'sample':
      return isObject(v.request) && isObject(v.response);
    case 'token':
      return typeof v.text === 'string' && typeof v.requestIndex === 'number';
    case 'summary':
      return isObject(v.summary) && typeof v.summary.runId === 'string';
    case 'fatal':
      return typeof v.message === 'string';
    case 'shard-ready':
      return true;
    case 'shard-window':
      return isObject(v.window) && typeof v.window.index === 'number' && isObject(v.counters) && isObject(v.hists);
    default:
      return false;
  }
}

/** Accepts a message from the host only if its shape is one we act on. */
export function isHostToWorker(v: unknown): v is HostToWorker {
  if (!isObject(v) || typeof v.type !== 'string') return false;
  if (v.type === 'stop') return true;
  if (v.type === 'shard-go') return typeof v.t0Epoch === 'number' && Number.isFinite(v.t0Epoch);
  return v.type === 'start' && v.version === PROTOCOL_VERSION && isObject(v.scenario) && isObject(v.options);
}

/** Accepts a message from the host in the webview. */
export function isHostToWebview(v: unknown): v is HostToWebview {
  if (!isObject(v) || typeof v.type !== 'string') return false;
  switch (v.type) {
    case 'run/snapshot':
      return Array.isArray(v.windows);
    case 'run/window':
      return typeof v.runId === 'string' && isObject(v.window);
    case 'run/ended':
      return typeof v.runId === 'string' && isObject(v.summary);
    case 'compare/snapshot':
      return (
        isCompareSide(v.baseline) &&
        isCompareSide(v.current) &&
        isObject(v.comparison) &&
        Array.isArray(v.comparison.metrics)
      );
    default:
      return false;
  }
}

function isCompareSide(v: unknown): boolean {
  return (
    isObject(v) &&
    isObject(v.info) &&
    typeof v.info.runId === 'string' &&
    Array.isArray(v.windows) &&
    isObject(v.summary) &&
    typeof v.summary.runId === 'string'
  );
}
