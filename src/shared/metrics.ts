// The metrics a run records, named as k6 names them where k6 has a name. One catalogue serves
// the validator (which thresholds are legal), hover docs, the engine and the reports.

/** k6's metric types decide which threshold statistics apply. */
export type MetricType = 'trend' | 'rate' | 'counter' | 'gauge';

export interface MetricInfo {
  name: string;
  type: MetricType;
  /** `ms` for durations (thresholds are written in milliseconds), else what a value counts. */
  unit: 'ms' | 'requests' | 'tokens' | 'tokens/s' | 'fraction' | 'count';
  doc: string;
}

export const METRICS: readonly MetricInfo[] = [
  {
    name: 'http_reqs',
    type: 'counter',
    unit: 'requests',
    doc: 'Requests completed (any outcome). `count` is the total, `rate` per second.',
  },
  {
    name: 'http_req_duration',
    type: 'trend',
    unit: 'ms',
    doc: 'Request start to last byte. For arrival-rate executors the start is the *scheduled* time, so a slow gateway cannot hide behind a late generator (no coordinated omission).',
  },
  {
    name: 'http_req_service_duration',
    type: 'trend',
    unit: 'ms',
    doc: 'Actual send to last byte: the service time, without time spent waiting for a free connection.',
  },
  {
    name: 'http_req_failed',
    type: 'rate',
    unit: 'fraction',
    doc: 'Fraction of requests that failed: HTTP 4xx/429/5xx, timeout, connection, protocol errors and failed checks.',
  },
  {
    name: 'time_to_first_token',
    type: 'trend',
    unit: 'ms',
    doc: 'Request start to the first SSE event that carries a token: non-empty content, tool-call arguments or reasoning text. Streaming requests only.',
  },
  {
    name: 'time_to_first_output_token',
    type: 'trend',
    unit: 'ms',
    doc: "Request start to the first *output* token: answer text or tool-call arguments, not reasoning (AIPerf's TTFO). Equals `time_to_first_token` unless the model reasons first; the gap between them is the thinking time. Streaming requests only.",
  },
  {
    name: 'inter_token_latency',
    type: 'trend',
    unit: 'ms',
    doc: 'Every gap between consecutive token-bearing events of one stream, pooled over all streams.',
  },
  {
    name: 'time_per_output_token',
    type: 'trend',
    unit: 'ms',
    doc: '(duration − time to first token) / (output tokens − 1), per request, as vLLM defines TPOT.',
  },
  {
    name: 'output_tokens',
    type: 'counter',
    unit: 'tokens',
    doc: "Output tokens received: from the response's `usage` when present, else counted with a tokenizer.",
  },
  {
    name: 'output_tokens_per_second',
    type: 'trend',
    unit: 'tokens/s',
    doc: 'Per request: output tokens / (duration − time to first token). The aggregate rate is shown live beside it.',
  },
  {
    name: 'reasoning_tokens',
    type: 'counter',
    unit: 'tokens',
    doc: 'Reasoning ("thinking") tokens among the output tokens: from `usage.completion_tokens_details.reasoning_tokens` (Chat Completions) or `usage.output_tokens_details.reasoning_tokens` (Responses API) when present, else counted with a tokenizer from the streamed reasoning text (Anthropic `thinking`, `reasoning_content`).',
  },
  {
    name: 'input_tokens',
    type: 'counter',
    unit: 'tokens',
    doc: "Prompt tokens sent, from the response's `usage` when present.",
  },
  {
    name: 'vus',
    type: 'gauge',
    unit: 'count',
    doc: 'Virtual users (closed models) or requests in flight (open models) now.',
  },
  { name: 'active_connections', type: 'gauge', unit: 'count', doc: "Requests in flight now; `max` is the run's peak." },
  {
    name: 'dropped_iterations',
    type: 'counter',
    unit: 'count',
    doc: "Arrivals that found no free capacity (`maxConnections` reached): the generator's own limit, reported, never hidden.",
  },
  {
    name: 'checks',
    type: 'rate',
    unit: 'fraction',
    doc: 'Fraction of checks that passed, over all requests and checks.',
  },
  {
    name: 'iterations',
    type: 'counter',
    unit: 'count',
    doc: 'Requests started (arrivals for open models, loop iterations for closed ones).',
  },
  {
    name: 'goodput',
    type: 'counter',
    unit: 'requests',
    doc: 'Requests that met their `slo` (succeeded, and every bound held). `rate` is goodput per second, `count` the total.',
  },
  {
    name: 'slo_attainment',
    type: 'rate',
    unit: 'fraction',
    doc: 'Share of requests that met their `slo`, e.g. `rate > 0.95`.',
  },
  {
    name: 'goodput_tokens_per_second',
    type: 'counter',
    unit: 'tokens',
    doc: 'Output tokens of the requests that met their `slo`: `rate` per second, `count` in total.',
  },
  {
    name: 'cache_hit_ratio',
    type: 'rate',
    unit: 'fraction',
    doc: 'Share of answers whose cache-status header (`x-cache`, `x-portkey-cache-status`, `cf-aig-cache-status`, `helicone-cache`, `cache-status`) said hit, of those that said hit or miss, e.g. `rate > 0.25` with `prompt.repeat: 0.3`. No data without such headers.',
  },
  {
    name: 'capacity',
    type: 'gauge',
    unit: 'requests',
    doc: "A sweep's answer: `rpm`, `rate` (per second) or `concurrency` at the highest step that met `stop`, e.g. `rpm > 1500`. Fails when the sweep found no capacity.",
  },
];

const byName = new Map(METRICS.map((m) => [m.name, m]));

export function metricInfo(name: string): MetricInfo | undefined {
  return byName.get(name);
}

/** Threshold statistics k6 allows per metric type. `p` stands for `p(N)`. */
export const STATS_BY_TYPE: Record<MetricType, readonly string[]> = {
  trend: ['avg', 'min', 'max', 'med', 'p'],
  rate: ['rate'],
  counter: ['count', 'rate'],
  gauge: ['value', 'max', 'min'],
};

/** Statistics a metric allows beyond its type's (the capacity of a sweep). */
export const EXTRA_STATS: Record<string, readonly string[]> = { capacity: ['rpm', 'rate', 'concurrency'] };

/** Error classes: every failed request is counted in exactly one. */
export const ERROR_CLASSES = [
  'http_4xx',
  'http_429',
  'http_5xx',
  'timeout',
  'connection',
  'tls',
  'protocol',
  'check',
  'cancelled',
] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];
