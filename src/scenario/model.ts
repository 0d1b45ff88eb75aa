// The scenario model: what a valid `*.load.yaml` means, after parsing and validation.
// Plain JSON-serialisable data, so it crosses into the engine worker by structured clone.
// Strings that may hold `${…}` references stay templates here; the engine resolves them.

/** A 0-based position in a document (line, UTF-16 character), as LSP and VS Code count. */
export interface Position { line: number; character: number }

/** A half-open range in a document. */
export interface Range { start: Position; end: Position }

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** One problem found in a scenario file, at its exact range. */
export interface Diagnostic {
  severity: Severity;
  message: string;
  range: Range;
  /** A stable identifier of the kind of problem (e.g. `unknown-key`), for tests and quick fixes. */
  code?: string;
}

export type ExecutorKind = 'constant-arrival-rate' | 'ramping-arrival-rate' | 'constant-vus' | 'ramping-vus';

/** Open models schedule arrivals at a rate; closed models loop a number of virtual users. */
export type LoadModelKind = 'open' | 'closed';

/**
 * One stage: ramp linearly from the previous stage's target (the first from 0) to `target`
 * over `durationMs`; a 0 ms stage jumps. `target` is arrivals per second for open models
 * and virtual users for closed ones.
 */
export interface Stage { durationMs: number; target: number; /** as written, e.g. `100/min` */ label: string }

export interface LoadSpec {
  executor: ExecutorKind;
  kind: LoadModelKind;
  /** Constant executors are normalised to a 0 ms jump stage followed by one flat stage. */
  stages: Stage[];
  /** Sum of the stages' durations. */
  durationMs: number;
  /** Open models: evenly spaced arrivals, or exponential gaps (Poisson process). */
  arrivals: 'uniform' | 'poisson';
  gracefulStopMs: number;
  /** Closed models: pause between a VU's iterations. */
  thinkTimeMs: number;
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
}

export type ApiDialect = 'openai-chat' | 'openai-completions' | 'openai-embeddings' | 'anthropic-messages' | 'raw';

export type PromptPick = 'random' | 'sequential';

/** Where a request's prompt text comes from. A file path is absolute after validation. */
export type PromptSource =
  | { kind: 'inline'; items: string[]; pick: PromptPick }
  | { kind: 'file'; path: string; pick: PromptPick };

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
  temperature?: number;
  /** System prompt (chat and messages dialects). */
  system?: string;
  prompt?: PromptSource;
  /** Extra headers for this request (templates). */
  headers: Record<string, string>;
  /** `raw`: the whole body (templates inside strings); other dialects: fields merged into the body they build. */
  body?: unknown;
  checks: Check[];
}

export type ThresholdStat = 'avg' | 'min' | 'max' | 'med' | 'p' | 'rate' | 'count' | 'value';
export type ThresholdOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** One threshold expression on one metric, as k6 writes it: `p(95) < 500`, `rate < 0.01`. */
export interface Threshold {
  metric: string;
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

export interface Scenario {
  name: string;
  /** The file it came from (absolute), when it came from one. */
  file?: string;
  target: TargetSpec;
  load: LoadSpec;
  requests: RequestSpec[];
  thresholds: Threshold[];
  targets: TargetsSpec;
  /** User variables, usable as `${var:NAME}` (templates). */
  variables: Record<string, string>;
}

/** The outcome of parsing and validating one document. `scenario` is present only when there are no errors. */
export interface ScenarioResult {
  scenario?: Scenario;
  diagnostics: Diagnostic[];
}
