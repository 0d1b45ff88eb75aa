// The scenario model: what a valid `*.load.yaml` means, after parsing and validation.
// Plain JSON-serialisable data, so it crosses into the engine worker by structured clone.
// Strings that may hold `${…}` references stay templates here; the engine resolves them.
import type { TagFilter } from './tag-filter';

/** A 0-based position in a document (line, UTF-16 character), as LSP and VS Code count. */
export interface Position {
  line: number;
  character: number;
}

/** A half-open range in a document. */
export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** One problem found in a scenario file, at its exact range. */
export interface Diagnostic {
  severity: Severity;
  message: string;
  range: Range;
  /** A stable identifier of the kind of problem (e.g. `unknown-key`), for tests and quick fixes. */
  code?: string;
}

export type ExecutorKind =
  'constant-arrival-rate' | 'ramping-arrival-rate' | 'constant-vus' | 'ramping-vus' | 'sweep' | 'sweep-vus' | 'trace';

/** `executor: trace`: arrivals at a trace file's timestamps, each with its input and output lengths. */
export interface TraceSpec {
  /** Absolute path of a `.csv` or `.jsonl` file, read as a stream. */
  file: string;
  /** Replay speed: 2 replays twice as fast (gaps halved). */
  speed: number;
  /** Column (CSV header) or field (JSONL) names; undefined picks the first known name present. */
  columns: { time?: string; input?: string; output?: string };
  /** Unit of numeric timestamps; undefined: seconds for BurstGPT's `Timestamp`, ms otherwise. Date strings are parsed. */
  timeUnit?: 'ms' | 's';
}

/** Open models schedule arrivals at a rate; closed models loop a number of virtual users. */
export type LoadModelKind = 'open' | 'closed';

/**
 * One stage: ramp linearly from the previous stage's target (the first from 0) to `target`
 * over `durationMs`; a 0 ms stage jumps. `target` is arrivals per second for open models
 * and virtual users for closed ones.
 */
export interface Stage {
  durationMs: number;
  target: number;
  /** as written, e.g. `100/min` */ label: string;
}

/** A capacity search: geometric steps of load until one misses `stop`, then `refine` bisections. */
export interface SweepSpec {
  /** Arrivals/s (`sweep`) or VUs (`sweep-vus`). */
  from: number;
  to: number;
  steps: number;
  stepDurationMs: number;
  /** A step passes when its SLO attainment is at least, and its error rate at most, these fractions. */
  stop: { sloAttainment: number; errorRate: number };
  refine: number;
  /** Concurrency (sweep-vus) rather than arrival rate. */
  vus: boolean;
}

export interface LoadSpec {
  executor: ExecutorKind;
  kind: LoadModelKind;
  /** Constant executors are normalised to a 0 ms jump stage followed by one flat stage. */
  stages: Stage[];
  /** Sum of the stages' durations. */
  durationMs: number;
  /** Open models: evenly spaced arrivals, exponential gaps (Poisson process), or gamma gaps (bursty). */
  arrivals: 'uniform' | 'poisson' | 'gamma';
  /** `arrivals: gamma`: the gamma shape; the gaps' coefficient of variation is 1/√burstiness (1 is Poisson). */
  burstiness?: number;
  /** Seed of the arrival draws (poisson, gamma), so a schedule can be replayed. */
  seed?: number;
  /** Load worker threads: a number, or `auto` (availableParallelism() − 1, at least 1); absent = the run's default. */
  workers?: number | 'auto';
  /** `executor: trace`. */
  trace?: TraceSpec;
  gracefulStopMs: number;
  /** Closed models: pause between a VU's iterations. */
  thinkTimeMs: number;
  /** `sweep` / `sweep-vus`: the search; `stages` then hold its planned ladder of steps. */
  sweep?: SweepSpec;
}

export interface TargetSpec {
  /** Template: origin plus optional prefix path. */
  baseUrl: string;
  /** Header name → template. */
  headers: Record<string, string>;
  timeoutMs: number;
  maxConnections: number;
  /** HTTP/1.1 pipelining depth; 1 means off. */
  pipelining: number;
  /** Templates of API keys rotated per virtual user (sent as `Authorization: Bearer …` unless `apiKeyHeader` says otherwise). */
  apiKeys: string[];
  apiKeyHeader?: string;
  /** TLS to the target; file paths are absolute after validation. */
  tls?: TlsSpec;
  /** Forward proxy URL (`http://proxy:3128`); otherwise HTTPS_PROXY / HTTP_PROXY / NO_PROXY decide. */
  proxy?: string;
  /** Offer HTTP/2 by ALPN (undici's `allowH2`). */
  http2?: boolean;
  /** Redirects followed per request (default 10; 0 = none). */
  maxRedirects?: number;
  /** Sent as `Accept-Encoding`; compressed answers are decoded whether asked for or not. */
  compression?: 'gzip' | 'br';
  /** Largest (decoded) body accepted; larger ones fail as `protocol` (default 10 MB). */
  maxBodyBytes?: number;
  /** Template: the upstream reached without the gateway; arrivals alternate between both paths. */
  direct?: string;
}

/** `gatewayHeaders:` one response header recorded as a metric. */
export interface GatewayHeaderSpec {
  metric: string;
  unit: 'ms' | 's' | 'number';
}

/** `target.tls`: `ca` adds to the default roots; `cert` + `key` give mutual TLS. */
export interface TlsSpec {
  ca?: string;
  cert?: string;
  key?: string;
  servername?: string;
  insecure?: boolean;
}

export type ApiDialect =
  'openai-chat' | 'openai-completions' | 'openai-embeddings' | 'openai-responses' | 'anthropic-messages' | 'raw';

export type PromptPick = 'random' | 'sequential';

export type LengthDistribution = 'normal' | 'lognormal' | 'uniform' | 'fixed';

/** A per-request length in tokens, drawn from a distribution; min defaults to 1. */
export interface LengthSpec {
  distribution: LengthDistribution;
  mean: number;
  stddev: number;
  min?: number;
  max?: number;
}

/** Prompts generated to an exact number of tokens from a seeded corpus. */
export interface TokenPromptSpec {
  tokens?: LengthSpec;
  seed: number;
  /** Every prompt starts with one of `groups` fixed prefixes of `tokens` tokens (prefix-cache tests). */
  prefix?: { tokens: number; groups: number };
}

/** The record shapes a dataset file may hold. */
export type DatasetFormat = 'sharegpt' | 'openai-messages' | 'jsonl';

/** `prompt: { dataset, format, replay }`: records streamed from a file (never loaded whole). */
export interface DatasetSpec {
  /** Absolute after validation. */
  path: string;
  format: DatasetFormat;
  /** Assistant turns in a conversation's context: the server's own answers, or the record's replies. */
  replay: 'server' | 'recorded';
}

/** `prompt: { repeat, recent }`: a share of requests resend one of the latest fresh prompts exactly (cache tests). */
export interface PromptRepeat {
  /** Share of requests that repeat, 0 to 1. */
  share: number;
  /** How many of the latest fresh prompts a repeat is drawn from. */
  recent: number;
}

/** Where a request's prompt text comes from. A file path is absolute after validation. */
export type PromptSource =
  | { kind: 'inline'; items: string[]; pick: PromptPick }
  | { kind: 'file'; path: string; pick: PromptPick }
  | ({ kind: 'tokens' } & TokenPromptSpec)
  | ({ kind: 'dataset' } & DatasetSpec);

/** `conversation:` on a request: multi-turn sessions whose context grows with each answer. */
export interface ConversationSpec {
  /** Turns per conversation, drawn uniformly from [min, max] (equal for a fixed count). Dataset records bring their own, capped at max. */
  turns: { min: number; max: number };
  /** Pause between an answer and the next turn's request. */
  thinkTimeMs: number;
  /** Length of generated user messages, when the request's prompt does not give them. */
  userTokens?: LengthSpec;
  seed: number;
}

export type CheckOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'exists' | 'not exists' | 'matches' | 'contains';

/**
 * One per-request check, parsed from text such as `status == 200`, `latency < 500ms`,
 * `body.choices[0].message.content exists`, `header.x-request-id exists`, `body.model matches /gpt/`.
 */
export interface Check {
  /** The expression as written; also the check's name in results. */
  text: string;
  subject: 'status' | 'latency' | 'ttft' | 'body' | 'header' | 'output_tokens';
  /** Path into the JSON body (`['choices', 0, 'message', 'content']`) or the header name. */
  path: Array<string | number>;
  op: CheckOp;
  /** Latency and ttft values are in milliseconds; `matches` holds the regex source. */
  value?: string | number | boolean | null;
}

/** Per-request service levels (milliseconds); a request meets them when it succeeded and each set bound holds. */
export interface SloSpec {
  ttftMs?: number;
  tpotMs?: number;
  durationMs?: number;
}

export interface RequestSpec {
  name: string;
  weight: number;
  api: ApiDialect;
  /** HTTP method; dialects use POST except `GET` for raw requests that say so. */
  method: string;
  /** Path appended to baseUrl: the dialect's default unless the file overrides it (template). */
  path: string;
  model?: string;
  stream: boolean;
  maxTokens?: number;
  /** `maxTokens: { mean, stddev, … }`: a length drawn per request (`maxTokens` then holds the mean, for exporters). */
  maxTokensDist?: LengthSpec;
  /** Ask for exactly max_tokens output tokens (vLLM's `ignore_eos` and `min_tokens`). */
  exactOutput?: boolean;
  temperature?: number;
  /** System prompt (chat and messages dialects). */
  system?: string;
  prompt?: PromptSource;
  /** Multi-turn sessions (chat, messages and responses dialects). */
  conversation?: ConversationSpec;
  /** Repeats of earlier prompts (`prompt.repeat`), for cache tests. */
  promptRepeat?: PromptRepeat;
  /** Tool definitions sent as the body's `tools`, in the dialect's own shape (chat, responses, messages). */
  tools?: unknown[];
  /** The body's `tool_choice`: `auto`, `none`, `required` (Anthropic: `any`), or an object naming a tool. */
  toolChoice?: unknown;
  /** Extra headers for this request (templates). */
  headers: Record<string, string>;
  /** `raw`: the whole body (templates inside strings); other dialects: fields merged into the body they build. */
  body?: unknown;
  checks: Check[];
  /** This request's service levels; the scenario's `slo` when it sets none. */
  slo?: SloSpec;
}

export type ThresholdStat = 'avg' | 'min' | 'max' | 'med' | 'p' | 'rate' | 'count' | 'value' | 'rpm' | 'concurrency';
export type ThresholdOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** One threshold expression on one metric, as k6 writes it: `p(95) < 500`, `rate < 0.01`. */
export interface Threshold {
  /** The metric, without its tag filter. */
  metric: string;
  /** A k6-style filter (`{name:chat}`): the threshold reads only that series. */
  tag?: TagFilter;
  expression: string;
  stat: ThresholdStat;
  /** For `p(N)`: N, e.g. 95 or 99.9. */
  percentile?: number;
  op: ThresholdOp;
  /** Milliseconds for time metrics; a fraction for rates; a number otherwise. */
  value: number;
  abortOnFail: boolean;
  /** Abort is not considered before this much of the run has passed. */
  delayAbortEvalMs: number;
}

/** The dashboard's goals, shown as KPI tiles. */
export interface TargetsSpec {
  /** Fraction, e.g. 0.992 for `99.2%`. */
  successRate?: number;
  responseTimeMs?: number;
  /** Requests per second (`2000/min` is stored as 33.33…). */
  throughputPerSec?: number;
}

/** Presets: the series a user wants from a known exporter, with their units. */
export type MonitorPreset = 'node' | 'vllm' | 'litellm' | 'envoy' | 'kong';

/** One series picked from a Prometheus endpoint: samples of `metric` whose labels match, summed. */
export interface MonitorSeriesSpec {
  metric: string;
  labels: Record<string, string>;
  /** Its name in results: `monitor.<source>.<as>`. */
  as: string;
  /** Counters become per-second rates; gauges are read as they are. Default: from the exposition's TYPE. */
  kind?: 'gauge' | 'counter';
  unit?: string;
}

/** One Prometheus endpoint scraped every second during the run. */
export interface PrometheusMonitorSpec {
  /** Template (may hold references, e.g. `${env:NODE_EXPORTER}`). */
  url: string;
  /** Its name in results: `monitor.<name>.…` (default: the preset's name, else `prom1`, `prom2`, …). */
  name: string;
  preset?: MonitorPreset;
  series: MonitorSeriesSpec[];
  /** Header name → template, sent with each scrape. */
  headers: Record<string, string>;
}

/** A process on this machine sampled for CPU % and RSS. */
export interface ProcessMonitorSpec {
  pid?: number;
  command?: string;
  name: string;
}

/** `monitor:`: what is sampled beside the load, and thresholds on it. */
export interface MonitorSpec {
  prometheus: PrometheusMonitorSpec[];
  process?: ProcessMonitorSpec;
  intervalMs: number;
  /** Thresholds on `monitor.<source>.<series>`, evaluated by the host (the engine never sees them). */
  thresholds: Threshold[];
}

/** `outputs:`: where the run's metrics are sent while it runs. */
export interface OutputSpec {
  type: 'prometheus-rw';
  /** Template. */ url: string;
  headers: Record<string, string>;
}

export interface Scenario {
  name: string;
  /** The file it came from (absolute), when it came from one. */
  file?: string;
  target: TargetSpec;
  load: LoadSpec;
  requests: RequestSpec[];
  thresholds: Threshold[];
  targets: TargetsSpec;
  /** Service levels of every request that sets none of its own (goodput, SLO attainment). */
  slo?: SloSpec;
  /** User variables, usable as `${var:NAME}` (templates). */
  variables: Record<string, string>;
  monitor?: MonitorSpec;
  outputs?: OutputSpec[];
  /** Response header (lower case) → metric, beside the built-in gateway headers. */
  gatewayHeaders?: Record<string, GatewayHeaderSpec>;
}

/** The outcome of parsing and validating one document. `scenario` is present only when there are no errors. */
export interface ScenarioResult {
  scenario?: Scenario;
  diagnostics: Diagnostic[];
}
