// One table of every key a scenario file may hold, by where it may appear. The validator
// (unknown keys), completion (keys valid here) and hover (docs) all read it.

/** What a key holds, for completion's insert text and for hover. */
export type KeyKind = 'string' | 'number' | 'integer' | 'boolean' | 'duration' | 'rate' | 'map' | 'list' | 'any';

/** One documented key. */
export interface KeyDoc {
  key: string;
  kind: KeyKind;
  doc: string;
  /** Allowed values, for enumerated keys. */
  values?: readonly string[];
  /** Docs of each allowed value. */
  valueDocs?: Readonly<Record<string, string>>;
  example?: string;
  required?: boolean;
}

export const EXECUTORS = ['ramping-arrival-rate', 'constant-arrival-rate', 'ramping-vus', 'constant-vus'] as const;
export const APIS = ['openai-chat', 'openai-completions', 'openai-embeddings', 'anthropic-messages', 'raw'] as const;
export const PICKS = ['random', 'sequential'] as const;
export const ARRIVALS = ['uniform', 'poisson'] as const;
export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

const EXECUTOR_DOCS: Record<string, string> = {
  'ramping-arrival-rate': 'Open model: requests start at a rate that ramps through `stages` (targets are rates such as `20/s` or `100/min`), whether or not earlier ones have finished.',
  'constant-arrival-rate': 'Open model: a fixed `rate` (e.g. `100/s`) for `duration`. No stages.',
  'ramping-vus': 'Closed model: virtual users ramp through `stages` (targets are numbers of users); each loops request → response → `thinkTime`.',
  'constant-vus': 'Closed model: a fixed number of `vus` loop for `duration`. No stages.',
};

const API_DOCS: Record<string, string> = {
  'openai-chat': 'OpenAI Chat Completions: `POST /v1/chat/completions` with `messages`.',
  'openai-completions': 'OpenAI legacy Completions: `POST /v1/completions` with `prompt`.',
  'openai-embeddings': 'OpenAI Embeddings: `POST /v1/embeddings` with `input` (no streaming).',
  'anthropic-messages': 'Anthropic Messages: `POST /v1/messages` with `messages`, `max_tokens` and the `anthropic-version` header.',
  raw: 'Any HTTP request: `method`, `path`, `headers` and `body` exactly as written.',
};

/** Keys by path: `` (top level), `target`, `load`, `load.stages[]`, `requests[]`, `requests[].prompt`, `thresholds.*[]`, `targets`. */
export const KEYS: Record<string, readonly KeyDoc[]> = {
  '': [
    { key: 'name', kind: 'string', doc: 'The scenario\'s name: shown in the live panel and the results folder\'s name.', example: 'Chat completions — baseline' },
    { key: 'description', kind: 'string', doc: 'Free text: what this test is for.' },
    { key: 'target', kind: 'map', required: true, doc: 'The gateway under test: `baseUrl`, `headers`, `timeout`, `maxConnections`, `apiKeys`.' },
    { key: 'load', kind: 'map', required: true, doc: 'How load is applied: the `executor` (open or closed model) and its `stages`, or `rate`/`vus` and `duration` for the constant executors.' },
    { key: 'requests', kind: 'list', required: true, doc: 'The weighted mix of requests: each arrival picks one by `weight`.' },
    { key: 'thresholds', kind: 'map', doc: 'Pass/fail criteria, k6-style: metric name → expressions such as `p(95) < 500` (ms), `rate < 0.01`. A failed threshold fails the run (exit code 1).' },
    { key: 'targets', kind: 'map', doc: 'The dashboard\'s goals, shown as KPI tiles: `successRate` (`99.2%`), `responseTime` (`100ms`), `throughput` (`2000/min`).' },
    { key: 'variables', kind: 'map', doc: 'Named values usable in strings as `${var:NAME}`.' },
  ],
  target: [
    { key: 'baseUrl', kind: 'string', required: true, doc: 'The gateway\'s origin plus any prefix path, e.g. `https://gw.example.com` or `${env:GATEWAY_URL:-http://127.0.0.1:8790}`. Each `api` appends its own path.' },
    { key: 'headers', kind: 'map', doc: 'Headers sent with every request (values may use `${secret:NAME}`, `${env:NAME}`, `${dotenv:NAME}`).' },
    { key: 'timeout', kind: 'duration', doc: 'Per-request timeout (default `60s`). A request past it counts as a `timeout` failure.', example: '30s' },
    { key: 'maxConnections', kind: 'integer', doc: 'Most requests in flight at once (default 1000). Arrivals beyond it are counted as `dropped_iterations`.', example: '1000' },
    { key: 'pipelining', kind: 'integer', doc: 'HTTP/1.1 pipelining depth per connection (default 1 = off).', example: '1' },
    { key: 'apiKeys', kind: 'list', doc: 'API keys rotated per virtual user, each sent as `Authorization: Bearer …` (or in `apiKeyHeader`). Use `${secret:NAME}` rather than literal keys.' },
    { key: 'apiKeyHeader', kind: 'string', doc: 'Header that carries the key from `apiKeys` instead of `Authorization: Bearer` (e.g. `x-api-key` for Anthropic).', example: 'x-api-key' },
  ],
  load: [
    { key: 'executor', kind: 'string', required: true, values: EXECUTORS, valueDocs: EXECUTOR_DOCS, doc: 'The load model. Arrival-rate executors are open models (requests start on schedule: no coordinated omission); VU executors are closed models.' },
    { key: 'stages', kind: 'list', doc: 'Ramping executors: `{ duration, target }` steps. Each ramps linearly from the previous target (the first from 0); a `0s` stage jumps. Arrival-rate targets are rates (`20/s`, `100/min`), VU targets numbers.' },
    { key: 'rate', kind: 'rate', doc: '`constant-arrival-rate`: arrivals per time unit, e.g. `100/s` or `6000/min`.', example: '10/s' },
    { key: 'vus', kind: 'integer', doc: '`constant-vus`: the number of virtual users.', example: '10' },
    { key: 'duration', kind: 'duration', doc: 'Constant executors: how long the load lasts, e.g. `5m`.', example: '1m' },
    { key: 'arrivals', kind: 'string', values: ARRIVALS, valueDocs: { uniform: 'Evenly spaced arrivals (default).', poisson: 'Exponential gaps between arrivals (a Poisson process), as independent users arrive.' }, doc: 'Open models: how arrivals are spaced.' },
    { key: 'gracefulStop', kind: 'duration', doc: 'At the end (or on stop), how long in-flight requests may finish before they are cancelled (default `30s`).', example: '30s' },
    { key: 'thinkTime', kind: 'duration', doc: 'Closed models: pause between one virtual user\'s iterations (default `0s`).', example: '1s' },
  ],
  'load.stages[]': [
    { key: 'duration', kind: 'duration', required: true, doc: 'How long this stage ramps, e.g. `2m`; `0s` jumps straight to the target.', example: '1m' },
    { key: 'target', kind: 'any', required: true, doc: 'Where the stage ends: a rate (`20/s`, `100/min`) for arrival-rate executors, a number of users for VU executors.', example: '10/s' },
  ],
  'requests[]': [
    { key: 'name', kind: 'string', doc: 'The request\'s name in results and charts (default: its `api` and position).' },
    { key: 'weight', kind: 'number', doc: 'Relative share in the mix (default 1): weights 3 and 1 send 75% and 25%.', example: '1' },
    { key: 'api', kind: 'string', values: APIS, valueDocs: API_DOCS, doc: 'The wire dialect (default `openai-chat`); decides the path and the body built from `model`, `prompt` and the rest.' },
    { key: 'model', kind: 'string', doc: 'The model name sent in the body, e.g. `gpt-4o-mini`.', example: 'gpt-4o-mini' },
    { key: 'stream', kind: 'boolean', doc: 'Ask for a streamed (SSE) response: enables `time_to_first_token` and `inter_token_latency`.', example: 'true' },
    { key: 'maxTokens', kind: 'integer', doc: 'Upper bound on output tokens (`max_tokens`).', example: '100' },
    { key: 'temperature', kind: 'number', doc: 'Sampling temperature, 0 to 2.', example: '0.7' },
    { key: 'system', kind: 'string', doc: 'System prompt (chat and messages dialects).' },
    { key: 'prompt', kind: 'any', doc: 'The user prompt: inline text, a list picked from, or `{ file: prompts.jsonl, pick: random }` (path relative to this file; JSONL of strings or `{"prompt": …}`).' },
    { key: 'path', kind: 'string', doc: 'Path appended to `baseUrl`, overriding the dialect\'s default (e.g. `/openai/deployments/x/chat/completions`).' },
    { key: 'method', kind: 'string', values: METHODS, doc: 'HTTP method (default POST). Only `raw` requests may use another.' },
    { key: 'headers', kind: 'map', doc: 'Extra headers for this request, added to the target\'s.' },
    { key: 'body', kind: 'any', doc: '`raw`: the whole JSON body. Other dialects: fields merged into the body they build (e.g. `top_p`).' },
    { key: 'checks', kind: 'list', doc: 'Per-request assertions: `status == 200`, `latency < 500ms`, `ttft < 300ms`, `body.choices[0].message.content exists`, `header.x-request-id exists`, `output_tokens > 0`. A failed check counts the request as failed (class `check`).' },
  ],
  'requests[].prompt': [
    { key: 'file', kind: 'string', doc: 'Prompt file, relative to this scenario\'s folder: `.jsonl` (strings or `{"prompt": …}` per line), `.json` (array) or `.txt` (one per line).', example: 'prompts.jsonl' },
    { key: 'items', kind: 'list', doc: 'Inline prompts to pick from.' },
    { key: 'pick', kind: 'string', values: PICKS, valueDocs: { random: 'A random prompt per request.', sequential: 'Prompts in order, wrapping around.' }, doc: 'How a prompt is chosen per request (default `random`).' },
  ],
  'thresholds.*[]': [
    { key: 'threshold', kind: 'string', required: true, doc: 'The expression, e.g. `p(95) < 500`.', example: '"p(95) < 500"' },
    { key: 'abortOnFail', kind: 'boolean', doc: 'Stop the run as soon as this threshold fails.', example: 'true' },
    { key: 'delayAbortEval', kind: 'duration', doc: 'Do not abort before this much of the run has passed (lets percentiles settle).', example: '30s' },
  ],
  targets: [
    { key: 'successRate', kind: 'string', doc: 'Goal for the share of successful requests, e.g. `99.2%`.', example: '99.2%' },
    { key: 'responseTime', kind: 'duration', doc: 'Goal for the p95 response time, e.g. `100ms`.', example: '100ms' },
    { key: 'throughput', kind: 'rate', doc: 'Goal for completed requests, e.g. `2000/min` or `30/s`.', example: '2000/min' },
  ],
};

/** The key table path for a YAML path (`['requests', 0, 'prompt']` → `requests[].prompt`). */
export function tablePath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (typeof seg === 'number' || seg === '[]') { out += '[]'; continue; }
    // Metric names under thresholds are free; their list items share one table.
    const name = path[0] === 'thresholds' && i === 1 ? '*' : seg;
    out += out ? `.${name}` : name;
  }
  return out;
}

export function keyDoc(tableKey: string, key: string): KeyDoc | undefined {
  return KEYS[tableKey]?.find((k) => k.key === key);
}

export function keyNames(tableKey: string): string[] {
  return (KEYS[tableKey] ?? []).map((k) => k.key);
}
