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

export const EXECUTORS = [
  'ramping-arrival-rate',
  'constant-arrival-rate',
  'ramping-vus',
  'constant-vus',
  'sweep',
  'sweep-vus',
  'trace',
] as const;
export const APIS = [
  'openai-chat',
  'openai-completions',
  'openai-embeddings',
  'openai-responses',
  'anthropic-messages',
  'raw',
] as const;
export const PICKS = ['random', 'sequential'] as const;
export const ARRIVALS = ['uniform', 'poisson', 'gamma'] as const;
export const DISTRIBUTIONS = ['normal', 'lognormal', 'uniform', 'fixed'] as const;
export const TIME_UNITS = ['ms', 's'] as const;
export const MONITOR_PRESETS = ['node', 'vllm', 'litellm', 'envoy', 'kong'] as const;
export const OUTPUT_TYPES = ['prometheus-rw'] as const;
export const GATEWAY_HEADER_UNITS = ['ms', 's', 'number'] as const;
const MONITOR_PRESET_DOCS: Record<string, string> = {
  node: 'Prometheus node_exporter: `cpu_busy` (%), `cpu_user`/`cpu_system`/`cpu_iowait` (%), `memory_used` (bytes), `network_rx`/`network_tx` (bytes/s), `disk_read`/`disk_write` (bytes/s), `disk_io_time` (s/s), `load1`.',
  vllm: 'vLLM server: `requests_running`, `requests_waiting`, `kv_cache_usage` (0–1), `prompt_tokens` and `generation_tokens` (tokens/s).',
  litellm:
    'LiteLLM proxy: `requests` and `failed_requests` (req/s), `latency` (s, mean of `litellm_request_total_latency_metric`), `overhead` (s), `deployment_failures` (req/s).',
  envoy:
    'Envoy: `upstream_requests` (req/s), `upstream_5xx` (req/s), `upstream_latency` (ms, mean of `envoy_cluster_upstream_rq_time`).',
  kong: 'Kong: `requests` (req/s), `errors_5xx` (req/s), `latency`, `upstream_latency`, `kong_latency` (ms, means of the latency histograms).',
};

const DISTRIBUTION_DOCS: Record<string, string> = {
  normal: 'Gaussian around `mean` with `stddev` (default when stddev > 0), clamped to [min, max].',
  lognormal: 'Log-normal with that mean and stddev: a long tail of long prompts, as real traffic has.',
  uniform: 'Evenly between `min` and `max` (or mean ± stddev·√3 when they are not given).',
  fixed: 'Always `mean` tokens (default when stddev is 0).',
};

/** The keys of a length in tokens: `{ mean, stddev, min, max, distribution }`. */
const LENGTH_KEYS: readonly KeyDoc[] = [
  { key: 'mean', kind: 'number', required: true, doc: 'Mean length in tokens (1 to 1,048,576).', example: '300' },
  {
    key: 'stddev',
    kind: 'number',
    doc: 'Standard deviation in tokens (default 0: every request the same).',
    example: '50',
  },
  { key: 'min', kind: 'integer', doc: 'Shortest length drawn (default 1).', example: '50' },
  { key: 'max', kind: 'integer', doc: 'Longest length drawn.', example: '2000' },
  {
    key: 'distribution',
    kind: 'string',
    values: DISTRIBUTIONS,
    valueDocs: DISTRIBUTION_DOCS,
    doc: 'Shape of the lengths drawn (default `normal`, or `fixed` without stddev).',
  },
];
export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export const COMPRESSIONS = ['gzip', 'br'] as const;

const EXECUTOR_DOCS: Record<string, string> = {
  'ramping-arrival-rate':
    'Open model: requests start at a rate that ramps through `stages` (targets are rates such as `20/s` or `100/min`), whether or not earlier ones have finished.',
  'constant-arrival-rate': 'Open model: a fixed `rate` (e.g. `100/s`) for `duration`. No stages.',
  'ramping-vus':
    'Closed model: virtual users ramp through `stages` (targets are numbers of users); each loops request → response → `thinkTime`.',
  'constant-vus': 'Closed model: a fixed number of `vus` loop for `duration`. No stages.',
  sweep:
    "Capacity search, open model: geometric steps of arrival rate from `from` to `to` (`steps`, each `stepDuration`, Poisson arrivals by default) until a step misses `stop`; then `refine` bisections. The summary's `capacity` is the highest rate that met it.",
  'sweep-vus':
    'Capacity search, closed model: geometric steps of virtual users from `from` to `to` until a step misses `stop`; then `refine` bisections.',
  trace:
    "Open model replaying a trace `file` (CSV or JSONL, streamed): each row's timestamp is an arrival, with its input and output lengths in tokens.",
};

const API_DOCS: Record<string, string> = {
  'openai-chat': 'OpenAI Chat Completions: `POST /v1/chat/completions` with `messages`.',
  'openai-completions': 'OpenAI legacy Completions: `POST /v1/completions` with `prompt`.',
  'openai-embeddings': 'OpenAI Embeddings: `POST /v1/embeddings` with `input` (no streaming).',
  'openai-responses':
    'OpenAI Responses API: `POST /v1/responses` with `input`, `instructions` (from `system`) and `max_output_tokens`; streams `response.*` events.',
  'anthropic-messages':
    'Anthropic Messages: `POST /v1/messages` with `messages`, `max_tokens` and the `anthropic-version` header.',
  raw: 'Any HTTP request: `method`, `path`, `headers` and `body` exactly as written.',
};

const SLO_KEYS: readonly KeyDoc[] = [
  {
    key: 'time_to_first_token',
    kind: 'duration',
    doc: "Most time from the request's start to its first token (streams; a non-streamed answer has none and passes this bound).",
    example: '300ms',
  },
  {
    key: 'time_per_output_token',
    kind: 'duration',
    doc: "Most time per output token after the first: (duration − TTFT) / (output tokens − 1), as vLLM's TPOT.",
    example: '50ms',
  },
  {
    key: 'http_req_duration',
    kind: 'duration',
    doc: "Most time from the request's start to its last byte.",
    example: '5s',
  },
];

/** Keys by path: `` (top level), `target`, `target.tls`, `load`, `load.stages[]`, `requests[]`, `requests[].prompt`, `thresholds.*[]`, `targets`. */
export const KEYS: Record<string, readonly KeyDoc[]> = {
  '': [
    {
      key: 'name',
      kind: 'string',
      doc: "The scenario's name: shown in the live panel and the results folder's name.",
      example: 'Chat completions — baseline',
    },
    { key: 'description', kind: 'string', doc: 'Free text: what this test is for.' },
    {
      key: 'target',
      kind: 'map',
      required: true,
      doc: 'The gateway under test: `baseUrl`, `headers`, `timeout`, `maxConnections`, `apiKeys`.',
    },
    {
      key: 'load',
      kind: 'map',
      required: true,
      doc: 'How load is applied: the `executor` (open or closed model) and its `stages`, or `rate`/`vus` and `duration` for the constant executors.',
    },
    {
      key: 'requests',
      kind: 'list',
      required: true,
      doc: 'The weighted mix of requests: each arrival picks one by `weight`.',
    },
    {
      key: 'thresholds',
      kind: 'map',
      doc: 'Pass/fail criteria, k6-style: metric name → expressions such as `p(95) < 500` (ms), `rate < 0.01`. A failed threshold fails the run (exit code 1).',
    },
    {
      key: 'targets',
      kind: 'map',
      doc: "The dashboard's goals, shown as KPI tiles: `successRate` (`99.2%`), `responseTime` (`100ms`), `throughput` (`2000/min`).",
    },
    { key: 'variables', kind: 'map', doc: 'Named values usable in strings as `${var:NAME}`.' },
    {
      key: 'slo',
      kind: 'map',
      doc: "Per-request service levels: `{ time_to_first_token: 300ms, time_per_output_token: 50ms, http_req_duration: 5s }`. A request *meets* the SLO when it succeeded and every bound holds; `goodput`, `slo_attainment` and `goodput_tokens_per_second` count those, and a `sweep` stops on them. A request's own `slo` replaces this one.",
    },
    {
      key: 'monitor',
      kind: 'map',
      doc: 'Resources sampled beside the load, every second: Prometheus endpoints (`prometheus: [ { url, preset } ]`) and a local `process`. Stored in `windows.ndjson`, summarised in `summary.json` under `monitor`, charted in the panel and the report, and usable in thresholds as `monitor.<source>.<series>`. A failed scrape is counted, never fatal.',
      example: '{ prometheus: [ { url: http://127.0.0.1:9100/metrics, preset: node } ] }',
    },
    {
      key: 'outputs',
      kind: 'list',
      doc: "Where the run's metrics are pushed while it runs: `[ { type: prometheus-rw, url: http://prometheus:9090/api/v1/write } ]` (also `--output prometheus-rw=URL`). Never blocks the engine: a slow or failing endpoint drops samples, which are counted.",
    },
    {
      key: 'gatewayHeaders',
      kind: 'map',
      doc: 'Response headers to record as metrics, beside the built-in ones (`server-timing`, `x-envoy-upstream-service-time`, `x-kong-*-latency`, `x-litellm-*`, `x-portkey-*`, `cf-aig-cache-status`): header name → `{ metric, unit }`, e.g. `{ x-my-gw-ms: { metric: my_gateway_ms, unit: ms } }`. Each becomes a trend in `summary.json`, the panel and the reports.',
      example: '{ x-my-gw-ms: { metric: my_gateway_ms, unit: ms } }',
    },
  ],
  'gatewayHeaders.*': [
    {
      key: 'metric',
      kind: 'string',
      required: true,
      doc: 'The metric name: lower-case letters, digits and `_`, starting with a letter (at most 64), e.g. `my_gateway_ms`.',
      example: 'my_gateway_ms',
    },
    {
      key: 'unit',
      kind: 'string',
      values: GATEWAY_HEADER_UNITS,
      valueDocs: {
        ms: 'The value is milliseconds.',
        s: 'The value is seconds (recorded in ms).',
        number: 'A plain number (a count, a cost, a score).',
      },
      doc: 'What the value is (default `ms`).',
    },
  ],
  monitor: [
    {
      key: 'prometheus',
      kind: 'list',
      doc: 'Prometheus endpoints scraped every `interval`: `{ url, preset, name, series }`.',
    },
    {
      key: 'process',
      kind: 'map',
      doc: 'A gateway process on this machine: `{ pid: 1234 }` or `{ command: litellm }` (first process whose command line contains it). Samples CPU % and RSS.',
    },
    { key: 'interval', kind: 'duration', doc: 'How often to sample (default `1s`, at least `250ms`).', example: '1s' },
  ],
  'monitor.prometheus[]': [
    {
      key: 'url',
      kind: 'string',
      required: true,
      doc: 'The endpoint, e.g. `http://127.0.0.1:9100/metrics` (node_exporter) or `http://gw:4000/metrics` (LiteLLM).',
      example: 'http://127.0.0.1:9100/metrics',
    },
    {
      key: 'preset',
      kind: 'string',
      values: MONITOR_PRESETS,
      valueDocs: MONITOR_PRESET_DOCS,
      doc: 'A named set of series with their units.',
    },
    {
      key: 'name',
      kind: 'string',
      doc: "The source's name in results and thresholds (`monitor.<name>.<series>`); default: the preset's name.",
      example: 'gateway-host',
    },
    {
      key: 'series',
      kind: 'list',
      doc: 'Extra series: `{ metric, labels, as, kind, unit }`; samples whose labels match are summed, counters become per-second rates.',
    },
    {
      key: 'headers',
      kind: 'map',
      doc: 'Headers sent with each scrape (e.g. `Authorization: Bearer ${secret:metrics-key}`).',
    },
  ],
  'monitor.prometheus[].series[]': [
    {
      key: 'metric',
      kind: 'string',
      required: true,
      doc: 'The exposed metric name, e.g. `process_cpu_seconds_total`.',
      example: 'process_cpu_seconds_total',
    },
    { key: 'labels', kind: 'map', doc: 'Label values a sample must have to count, e.g. `{ job: gateway }`.' },
    {
      key: 'as',
      kind: 'string',
      doc: "The series' name in results (default: the metric name).",
      example: 'gateway_cpu',
    },
    {
      key: 'kind',
      kind: 'string',
      values: ['gauge', 'counter'],
      doc: '`counter` turns the value into a per-second rate; default: the TYPE the endpoint declares.',
    },
    { key: 'unit', kind: 'string', doc: 'Shown beside values, e.g. `%`, `bytes/s`, `s`.' },
  ],
  'monitor.process': [
    { key: 'pid', kind: 'integer', doc: 'The process id to sample.', example: '1234' },
    {
      key: 'command',
      kind: 'string',
      doc: 'Sample the first process whose command line contains this text.',
      example: 'litellm',
    },
    { key: 'name', kind: 'string', doc: "The source's name in results (default `process`)." },
  ],
  'outputs[]': [
    {
      key: 'type',
      kind: 'string',
      required: true,
      values: OUTPUT_TYPES,
      valueDocs: {
        'prometheus-rw':
          'Prometheus remote write (protobuf + snappy), k6-style names: `gateway_load_http_reqs_total`, `gateway_load_http_req_duration_seconds{quantile}`, … labelled `scenario`, `run_id`.',
      },
      doc: "The output's kind.",
    },
    {
      key: 'url',
      kind: 'string',
      required: true,
      doc: 'Where to send, e.g. `http://127.0.0.1:9090/api/v1/write`.',
      example: 'http://127.0.0.1:9090/api/v1/write',
    },
    { key: 'headers', kind: 'map', doc: 'Headers for each push (e.g. `Authorization: Bearer ${secret:rw-token}`).' },
  ],
  target: [
    {
      key: 'baseUrl',
      kind: 'string',
      required: true,
      doc: "The gateway's origin plus any prefix path, e.g. `https://gw.example.com` or `${env:GATEWAY_URL:-http://127.0.0.1:8790}`. Each `api` appends its own path.",
    },
    {
      key: 'headers',
      kind: 'map',
      doc: 'Headers sent with every request (values may use `${secret:NAME}`, `${env:NAME}`, `${dotenv:NAME}`).',
    },
    {
      key: 'timeout',
      kind: 'duration',
      doc: 'Per-request timeout (default `60s`). A request past it counts as a `timeout` failure.',
      example: '30s',
    },
    {
      key: 'maxConnections',
      kind: 'integer',
      doc: 'Most requests in flight at once (default 1000). Arrivals beyond it are counted as `dropped_iterations`.',
      example: '1000',
    },
    {
      key: 'pipelining',
      kind: 'integer',
      doc: 'HTTP/1.1 pipelining depth per connection (default 1 = off).',
      example: '1',
    },
    {
      key: 'apiKeys',
      kind: 'list',
      doc: 'API keys rotated per virtual user, each sent as `Authorization: Bearer …` (or in `apiKeyHeader`). Use `${secret:NAME}` rather than literal keys.',
    },
    {
      key: 'apiKeyHeader',
      kind: 'string',
      doc: 'Header that carries the key from `apiKeys` instead of `Authorization: Bearer` (e.g. `x-api-key` for Anthropic).',
      example: 'x-api-key',
    },
    {
      key: 'tls',
      kind: 'map',
      doc: 'TLS to an `https://` gateway: `ca` (PEM file added to the default roots; `NODE_EXTRA_CA_CERTS` keeps working), `cert` + `key` (mutual TLS), `servername` (SNI and the name checked), `insecure: true` (skip verification; the summary warns). Certificate failures count as `tls` with the OpenSSL code.',
    },
    {
      key: 'proxy',
      kind: 'string',
      doc: 'Forward proxy for every request, e.g. `http://127.0.0.1:3128` (`https://` origins are tunnelled with CONNECT). Without it, `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` decide, as in curl.',
      example: 'http://127.0.0.1:3128',
    },
    {
      key: 'http2',
      kind: 'boolean',
      doc: 'Offer HTTP/2 (ALPN `h2`) on `https://` connections; the summary says which protocol was negotiated.',
      example: 'true',
    },
    {
      key: 'maxRedirects',
      kind: 'integer',
      doc: 'Redirects followed per request (default 10, as in k6; `0` = none, a 3xx is then an answer). Same-origin only; the whole chain is timed as one request and counted in `redirects`.',
      example: '10',
    },
    {
      key: 'compression',
      kind: 'string',
      values: COMPRESSIONS,
      valueDocs: { gzip: 'Send `Accept-Encoding: gzip`.', br: 'Send `Accept-Encoding: br` (Brotli).' },
      doc: 'Ask for compressed answers. `gzip`, `br` and `deflate` answers and streams are decoded in any case, as they arrive (TTFT is at the first decoded token).',
    },
    {
      key: 'maxBodyBytes',
      kind: 'any',
      doc: 'Largest decoded answer body accepted (default `10MB`); a larger one fails as `protocol` ("body over maxBodyBytes"). Bytes or a size: `512KB`, `10MB`, `1MiB`.',
      example: '10MB',
    },
    {
      key: 'direct',
      kind: 'string',
      doc: "The same upstream without the gateway, e.g. `http://127.0.0.1:8791` (origin plus any prefix path, which replaces `baseUrl`'s). Arrivals then alternate, request by request, between the gateway and this path, and the summary's `overhead` gives the gateway's added latency at p50/p90/p95/p99 with a 95% confidence interval. Send the direct path the same headers the gateway forwards.",
      example: 'http://127.0.0.1:8791',
    },
  ],
  'target.tls': [
    {
      key: 'ca',
      kind: 'string',
      doc: 'PEM file of the CA(s) to trust besides the default roots, relative to this file.',
      example: 'certs/ca.pem',
    },
    {
      key: 'cert',
      kind: 'string',
      doc: 'PEM file of the client certificate (mutual TLS); needs `key`.',
      example: 'certs/client.pem',
    },
    {
      key: 'key',
      kind: 'string',
      doc: "PEM file of the client certificate's private key (mutual TLS); needs `cert`.",
      example: 'certs/client-key.pem',
    },
    {
      key: 'servername',
      kind: 'string',
      doc: "Server name sent by SNI and checked against the certificate, when it differs from the URL's host.",
      example: 'gw.example.com',
    },
    {
      key: 'insecure',
      kind: 'boolean',
      doc: 'Skip certificate verification (like `curl -k`). The summary carries a warning.',
      example: 'true',
    },
  ],
  load: [
    {
      key: 'executor',
      kind: 'string',
      required: true,
      values: EXECUTORS,
      valueDocs: EXECUTOR_DOCS,
      doc: 'The load model. Arrival-rate executors are open models (requests start on schedule: no coordinated omission); VU executors are closed models.',
    },
    {
      key: 'stages',
      kind: 'list',
      doc: 'Ramping executors: `{ duration, target }` steps. Each ramps linearly from the previous target (the first from 0); a `0s` stage jumps. Arrival-rate targets are rates (`20/s`, `100/min`), VU targets numbers.',
    },
    {
      key: 'rate',
      kind: 'rate',
      doc: '`constant-arrival-rate`: arrivals per time unit, e.g. `100/s` or `6000/min`.',
      example: '10/s',
    },
    { key: 'vus', kind: 'integer', doc: '`constant-vus`: the number of virtual users.', example: '10' },
    {
      key: 'duration',
      kind: 'duration',
      doc: 'Constant executors: how long the load lasts, e.g. `5m`.',
      example: '1m',
    },
    {
      key: 'arrivals',
      kind: 'string',
      values: ARRIVALS,
      valueDocs: {
        uniform: 'Evenly spaced arrivals (default).',
        poisson: 'Exponential gaps between arrivals (a Poisson process), as independent users arrive.',
        gamma:
          "Gamma-distributed gaps with shape `burstiness` (vLLM's semantics): burstier than Poisson below 1, smoother above.",
      },
      doc: 'Open models: how arrivals are spaced.',
    },
    {
      key: 'burstiness',
      kind: 'number',
      doc: "`arrivals: gamma`: the gamma shape, more than 0 and at most 1000 (default 1 = Poisson). The gaps' coefficient of variation is 1/√burstiness: 0.25 gives CV 2.",
      example: '0.5',
    },
    {
      key: 'seed',
      kind: 'integer',
      doc: 'Seed of the poisson/gamma arrival draws (0 to 4294967295), so the same schedule can be replayed.',
      example: '42',
    },
    {
      key: 'workers',
      kind: 'any',
      values: ['auto'],
      valueDocs: { auto: 'One load worker per spare core: availableParallelism() − 1, at least 1.' },
      doc: 'Load worker threads: `auto` or a whole number from 1 to 256 (default 1). Open-model arrivals are interleaved among them, closed-model VUs split evenly; their windows are merged into one per second. Sweeps and traces run on 1 worker. The CLI option `--workers` overrides it; the `gatewayLoad.workers` setting applies when the file says nothing.',
      example: 'auto',
    },
    {
      key: 'file',
      kind: 'string',
      doc: '`executor: trace`: the trace, `.csv` (header row) or `.jsonl`, relative to this file; read as a stream, so large traces are fine.',
      example: 'trace.csv',
    },
    {
      key: 'speed',
      kind: 'number',
      doc: '`executor: trace`: replay speed (default 1; 2 halves every gap), more than 0 and at most 1000.',
      example: '1',
    },
    {
      key: 'columns',
      kind: 'map',
      doc: '`executor: trace`: the column names `time`, `input`, `output`. Defaults read the Azure LLM inference traces (`TIMESTAMP`, `ContextTokens`, `GeneratedTokens`), Mooncake (`timestamp`, `input_length`, `output_length`) and BurstGPT (`Timestamp`, `Request tokens`, `Response tokens`).',
    },
    {
      key: 'timeUnit',
      kind: 'string',
      values: TIME_UNITS,
      valueDocs: { ms: 'Milliseconds (Mooncake).', s: 'Seconds (BurstGPT).' },
      doc: "`executor: trace`: unit of numeric timestamps (default `s` for BurstGPT's `Timestamp`, `ms` otherwise); date strings such as Azure's are parsed.",
    },
    {
      key: 'gracefulStop',
      kind: 'duration',
      doc: 'At the end (or on stop), how long in-flight requests may finish before they are cancelled (default `30s`).',
      example: '30s',
    },
    {
      key: 'thinkTime',
      kind: 'duration',
      doc: "Closed models: pause between one virtual user's iterations (default `0s`).",
      example: '1s',
    },
    {
      key: 'from',
      kind: 'any',
      doc: "Sweeps: the first step's load, a rate (`1/s`) for `sweep`, a number of VUs for `sweep-vus`.",
      example: '1/s',
    },
    { key: 'to', kind: 'any', doc: "Sweeps: the last planned step's load (same unit as `from`).", example: '200/s' },
    {
      key: 'steps',
      kind: 'integer',
      doc: 'Sweeps: planned steps from `from` to `to`, spaced geometrically (default 8).',
      example: '8',
    },
    {
      key: 'stepDuration',
      kind: 'duration',
      doc: 'Sweeps: how long each step lasts (at least `1s`); each is followed by a drain of its in-flight requests.',
      example: '30s',
    },
    {
      key: 'stop',
      kind: 'map',
      doc: 'Sweeps: a step passes when its SLO attainment is ≥ `sloAttainment` (default 0.95) and its error rate ≤ `errorRate` (default 0.05), it is not saturated (achieved ≥ 95% of offered, in-flight not growing) and the generator was not the limit. The sweep stops at the first step that fails.',
      example: '{ sloAttainment: 0.95, errorRate: 0.05 }',
    },
    {
      key: 'refine',
      kind: 'integer',
      doc: 'Sweeps: bisections between the last good and the first bad step (default 0), each one more step.',
      example: '3',
    },
  ],
  'load.stop': [
    {
      key: 'sloAttainment',
      kind: 'number',
      doc: "Least share of a step's requests that met the `slo` (without an `slo`: that succeeded), e.g. `0.95` or `95%`.",
      example: '0.95',
    },
    {
      key: 'errorRate',
      kind: 'number',
      doc: "Most share of a step's requests that failed, e.g. `0.05` or `5%`.",
      example: '0.05',
    },
  ],
  'load.columns': [
    {
      key: 'time',
      kind: 'string',
      doc: 'Arrival time column: a number (see `timeUnit`) or a date such as `2023-11-16 18:15:46.6805900`.',
      example: 'TIMESTAMP',
    },
    { key: 'input', kind: 'string', doc: 'Input (prompt) length column, in tokens.', example: 'ContextTokens' },
    {
      key: 'output',
      kind: 'string',
      doc: 'Output length column, in tokens: sent as max_tokens.',
      example: 'GeneratedTokens',
    },
  ],
  'load.stages[]': [
    {
      key: 'duration',
      kind: 'duration',
      required: true,
      doc: 'How long this stage ramps, e.g. `2m`; `0s` jumps straight to the target.',
      example: '1m',
    },
    {
      key: 'target',
      kind: 'any',
      required: true,
      doc: 'Where the stage ends: a rate (`20/s`, `100/min`) for arrival-rate executors, a number of users for VU executors.',
      example: '10/s',
    },
  ],
  'requests[]': [
    { key: 'name', kind: 'string', doc: "The request's name in results and charts (default: its `api` and position)." },
    {
      key: 'weight',
      kind: 'number',
      doc: 'Relative share in the mix (default 1): weights 3 and 1 send 75% and 25%.',
      example: '1',
    },
    {
      key: 'api',
      kind: 'string',
      values: APIS,
      valueDocs: API_DOCS,
      doc: 'The wire dialect (default `openai-chat`); decides the path and the body built from `model`, `prompt` and the rest.',
    },
    {
      key: 'model',
      kind: 'string',
      doc: 'The model name sent in the body, e.g. `gpt-4o-mini`.',
      example: 'gpt-4o-mini',
    },
    {
      key: 'stream',
      kind: 'boolean',
      doc: 'Ask for a streamed (SSE) response: enables `time_to_first_token` and `inter_token_latency`.',
      example: 'true',
    },
    {
      key: 'maxTokens',
      kind: 'integer',
      doc: 'Upper bound on output tokens (`max_tokens`): a number, or `{ mean: 150, stddev: 20 }` to vary it per request.',
      example: '100',
    },
    {
      key: 'exactOutput',
      kind: 'boolean',
      doc: "Ask for exactly `maxTokens` output tokens: sends vLLM's `ignore_eos: true` and `min_tokens` (OpenAI-style requests; servers that do not know them may ignore or reject them).",
      example: 'true',
    },
    { key: 'temperature', kind: 'number', doc: 'Sampling temperature, 0 to 2.', example: '0.7' },
    {
      key: 'system',
      kind: 'string',
      doc: 'System prompt (chat and messages dialects; `instructions` for openai-responses).',
    },
    {
      key: 'tools',
      kind: 'list',
      doc: "Tool (function) definitions sent as the body's `tools`, in the dialect's own shape: `{ type: function, function: { name, parameters } }` for openai-chat, `{ type: function, name, parameters }` for openai-responses, `{ name, input_schema }` for anthropic-messages. Streamed tool-call arguments count as output tokens and their first delta as the first token.",
    },
    {
      key: 'toolChoice',
      kind: 'any',
      values: ['auto', 'none', 'required', 'any'],
      doc: "The body's `tool_choice`: `auto`, `none`, `required` (OpenAI) or `any` (Anthropic, sent as `{ type: any }`), or an object naming one tool.",
      example: 'auto',
    },
    {
      key: 'prompt',
      kind: 'any',
      doc: 'The user prompt: inline text, a list picked from, or `{ file: prompts.jsonl, pick: random }` (path relative to this file; JSONL of strings or `{"prompt": …}`).',
    },
    {
      key: 'conversation',
      kind: 'map',
      doc: 'Multi-turn sessions: `{ turns: { min: 2, max: 6 }, thinkTime: 5s, userTokens: { mean: 80 } }`. Each turn sends the whole context so far (every earlier user message and the answer the server returned to it), so requests grow like a real chat. Closed models keep one conversation per VU; open models start one per arrival and schedule its later turns `thinkTime` after each answer. The summary has a per-turn table; `{turn:3}` filters thresholds. openai-chat, anthropic-messages and openai-responses.',
    },
    {
      key: 'path',
      kind: 'string',
      doc: "Path appended to `baseUrl`, overriding the dialect's default (e.g. `/openai/deployments/x/chat/completions`).",
    },
    {
      key: 'method',
      kind: 'string',
      values: METHODS,
      doc: 'HTTP method (default POST). Only `raw` requests may use another.',
    },
    { key: 'headers', kind: 'map', doc: "Extra headers for this request, added to the target's." },
    {
      key: 'body',
      kind: 'any',
      doc: '`raw`: the whole JSON body. Other dialects: fields merged into the body they build (e.g. `top_p`).',
    },
    {
      key: 'slo',
      kind: 'map',
      doc: "This request's service levels, replacing the scenario's `slo`: `{ time_to_first_token: 300ms, time_per_output_token: 50ms, http_req_duration: 5s }`.",
    },
    {
      key: 'checks',
      kind: 'list',
      doc: 'Per-request assertions: `status == 200`, `latency < 500ms`, `ttft < 300ms`, `body.choices[0].message.content exists`, `header.x-request-id exists`, `output_tokens > 0`. A failed check counts the request as failed (class `check`).',
    },
  ],
  slo: SLO_KEYS,
  'requests[].slo': SLO_KEYS,
  'requests[].prompt': [
    {
      key: 'file',
      kind: 'string',
      doc: 'Prompt file, relative to this scenario\'s folder: `.jsonl` (strings or `{"prompt": …}` per line), `.json` (array) or `.txt` (one per line).',
      example: 'prompts.jsonl',
    },
    { key: 'items', kind: 'list', doc: 'Inline prompts to pick from.' },
    {
      key: 'pick',
      kind: 'string',
      values: PICKS,
      valueDocs: { random: 'A random prompt per request.', sequential: 'Prompts in order, wrapping around.' },
      doc: 'How a prompt is chosen per request (default `random`).',
    },
    {
      key: 'tokens',
      kind: 'any',
      doc: 'Generate prompts of exactly this many input tokens (o200k and cl100k alike) from a seeded corpus: a number, or `{ mean: 300, stddev: 50, min: 50, max: 2000 }`. With `prefix`, the length of the suffix after it.',
    },
    {
      key: 'distribution',
      kind: 'string',
      values: DISTRIBUTIONS,
      valueDocs: DISTRIBUTION_DOCS,
      doc: 'Shape of the `tokens` lengths (default `normal`).',
    },
    {
      key: 'seed',
      kind: 'integer',
      doc: 'Seed of the generated prompts and their lengths (0 to 4294967295, default 1): the same seed sends the same prompts.',
      example: '1',
    },
    {
      key: 'dataset',
      kind: 'string',
      doc: "Records streamed from a file (never loaded whole: a 1 GB file is fine), relative to this scenario's folder. Without `conversation`, each request sends the next record's first user message; with it, multi-turn records drive the conversation's user turns. The file is read in order and wraps around.",
      example: 'conversations.json',
    },
    {
      key: 'format',
      kind: 'string',
      values: ['sharegpt', 'openai-messages', 'jsonl'],
      valueDocs: {
        sharegpt:
          'ShareGPT: one JSON array of `{ conversations: [{ from: human|gpt|system, value }] }` (default for `.json`).',
        'openai-messages': 'OpenAI chat / fine-tuning JSONL: one `{ messages: [{ role, content }] }` per line.',
        jsonl: "One `{ prompt, output_tokens? }` per line; `output_tokens` becomes that request's max_tokens.",
      },
      doc: "The dataset's record shape.",
    },
    {
      key: 'replay',
      kind: 'string',
      values: ['server', 'recorded'],
      valueDocs: {
        server: "The context's assistant turns are the server's own answers (default).",
        recorded: "The context's assistant turns are the record's replies, whatever the server answered.",
      },
      doc: "Which assistant turns a multi-turn record's context carries.",
    },
    {
      key: 'prefix',
      kind: 'map',
      doc: 'Shared prefixes, for prefix caches: `{ tokens: 2000, groups: 8 }` starts every prompt with one of 8 fixed 2,000-token prefixes; the summary splits TTFT by group.',
    },
    {
      key: 'repeat',
      kind: 'number',
      doc: "Share of requests (0 to 1) that repeat an earlier prompt exactly, drawn from the `recent` ones, so that a gateway's response cache is measurable: the summary's `cache` section gives the hit ratio from cache-status headers, and latency and TTFT of hits and misses. Exact only when fresh prompts are distinct: use generated ones (`tokens`).",
      example: '0.3',
    },
    {
      key: 'recent',
      kind: 'integer',
      doc: "How many of the latest fresh prompts a repeat is drawn from (1 to 100000, default 100); keep it within the cache's capacity.",
      example: '100',
    },
  ],
  'requests[].prompt.tokens': LENGTH_KEYS,
  'requests[].conversation': [
    {
      key: 'turns',
      kind: 'any',
      doc: "Turns per conversation (1 to 100; default 4): a number, or `{ min: 2, max: 6 }` drawn uniformly per conversation. With a dataset, the record's own user turns, at most `max` (default 100).",
      example: '{ min: 2, max: 6 }',
    },
    {
      key: 'thinkTime',
      kind: 'duration',
      doc: 'Pause between an answer and the next turn (0 to 1h, default 0): the user reading and typing.',
      example: '5s',
    },
    {
      key: 'userTokens',
      kind: 'any',
      doc: "Length of each generated user message in tokens: a number or `{ mean: 80, stddev: 20 }` (default `{ mean: 80 }` when the request's `prompt` gives no messages).",
      example: '{ mean: 80 }',
    },
    {
      key: 'seed',
      kind: 'integer',
      doc: 'Seed of the turn counts and generated user messages (0 to 4294967295, default 1).',
      example: '1',
    },
  ],
  'requests[].conversation.turns': [
    { key: 'min', kind: 'integer', required: true, doc: 'Fewest turns (1 to 100).', example: '2' },
    { key: 'max', kind: 'integer', required: true, doc: 'Most turns (1 to 100, at least min).', example: '6' },
  ],
  'requests[].conversation.userTokens': LENGTH_KEYS,
  'requests[].maxTokens': LENGTH_KEYS,
  'requests[].prompt.prefix': [
    { key: 'tokens', kind: 'integer', required: true, doc: 'Length of each prefix in tokens.', example: '2000' },
    {
      key: 'groups',
      kind: 'integer',
      doc: 'How many different prefixes (1 to 1000, default 1); each prompt takes one at random.',
      example: '8',
    },
  ],
  'thresholds.*[]': [
    {
      key: 'threshold',
      kind: 'string',
      required: true,
      doc: 'The expression, e.g. `p(95) < 500`.',
      example: '"p(95) < 500"',
    },
    { key: 'abortOnFail', kind: 'boolean', doc: 'Stop the run as soon as this threshold fails.', example: 'true' },
    {
      key: 'delayAbortEval',
      kind: 'duration',
      doc: 'Do not abort before this much of the run has passed (lets percentiles settle).',
      example: '30s',
    },
  ],
  targets: [
    {
      key: 'successRate',
      kind: 'string',
      doc: 'Goal for the share of successful requests, e.g. `99.2%`.',
      example: '99.2%',
    },
    { key: 'responseTime', kind: 'duration', doc: 'Goal for the p95 response time, e.g. `100ms`.', example: '100ms' },
    {
      key: 'throughput',
      kind: 'rate',
      doc: 'Goal for completed requests, e.g. `2000/min` or `30/s`.',
      example: '2000/min',
    },
  ],
};

/** The key table path for a YAML path (`['requests', 0, 'prompt']` → `requests[].prompt`). */
export function tablePath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (typeof seg === 'number' || seg === '[]') {
      out += '[]';
      continue;
    }
    // Metric names under thresholds (header names under gatewayHeaders) are free; their values share one table.
    const name = (path[0] === 'thresholds' || path[0] === 'gatewayHeaders') && i === 1 ? '*' : seg;
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
