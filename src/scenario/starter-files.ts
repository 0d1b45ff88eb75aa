// The test types of the methodology, as starting files for "Gateway Load: New Scenario" and as
// snippets (snippets/gateway-load.code-snippets is generated from these: see templatesToSnippets).

/** A starting scenario for one test type. */
export interface ScenarioTemplate {
  id: string;
  label: string;
  description: string;
  content: string;
}

const TARGET = `target:
  baseUrl: \${env:GATEWAY_URL:-http://127.0.0.1:8790}
  headers:
    Authorization: Bearer \${secret:gateway-key}
  timeout: 60s`;

const CHAT = (maxTokens: number) => `requests:
  - name: chat
    api: openai-chat
    model: gpt-4o-mini
    stream: true
    maxTokens: ${maxTokens}
    prompt:
      - Explain what an API gateway does in two sentences.
      - Write a haiku about load testing.
      - List three causes of high tail latency.
    checks:
      - status == 200`;

export const SCENARIO_TEMPLATES: readonly ScenarioTemplate[] = [
  {
    id: 'baseline',
    label: 'Baseline test',
    description:
      'Normal expected traffic: 100–500 users, 50–200 requests/min, 15–30 minutes. The reference later runs are compared with.',
    content: `# Baseline: normal expected traffic (100–500 users, 50–200 requests/min, 15–30 min).
name: Baseline
${TARGET}
  maxConnections: 500
load:
  executor: ramping-arrival-rate
  stages:
    - { duration: 3m, target: 50/min }
    - { duration: 15m, target: 200/min }
    - { duration: 2m, target: 0 }
  arrivals: poisson
  gracefulStop: 30s
slo:
  time_to_first_token: 500ms
  http_req_duration: 2s
${CHAT(100)}
thresholds:
  http_req_duration: [ "p(95) < 2000" ]
  http_req_failed: [ "rate < 0.01" ]
  time_to_first_token: [ "p(95) < 500" ]
  slo_attainment: [ "rate > 0.95" ]
targets:
  successRate: 99.5%
  responseTime: 500ms
  throughput: 200/min
`,
  },
  {
    id: 'stress',
    label: 'Stress test',
    description:
      'Well above normal: 1k–5k users, 500–2k requests/min, 10–20 minutes. Finds how the gateway degrades and whether it recovers.',
    content: `# Stress: well above normal (1k–5k users, 500–2k requests/min, 10–20 min).
name: Stress
${TARGET}
  maxConnections: 5000
load:
  executor: ramping-arrival-rate
  stages:
    - { duration: 2m, target: 500/min }
    - { duration: 5m, target: 1000/min }
    - { duration: 5m, target: 2000/min }
    - { duration: 3m, target: 500/min }
  gracefulStop: 1m
slo:
  time_to_first_token: 2s
  http_req_duration: 8s
${CHAT(200)}
thresholds:
  http_req_duration: [ "p(95) < 8000" ]
  http_req_failed:
    - threshold: "rate < 0.05"
      abortOnFail: true
      delayAbortEval: 2m
  time_to_first_token: [ "p(95) < 2000" ]
targets:
  successRate: 99%
  responseTime: 1s
  throughput: 2000/min
`,
  },
  {
    id: 'breakpoint',
    label: 'Breakpoint test',
    description:
      'Find the capacity: a sweep of rising arrival rates (to 12k requests/min, 10k+ users, 5–10 minutes) that stops at the first step missing the SLO and reports the highest rate that met it.',
    content: `# Breakpoint: how much load meets the service levels? Steps of rising rate (1k to 12k requests/min),
# stop at the first step under 95% SLO attainment or over 5% errors, then bisect twice. The answer is
# summary.json's capacity and the headline "Capacity: N RPM at ≥ 95% SLO attainment".
name: Breakpoint
${TARGET}
  maxConnections: 12000
load:
  executor: sweep
  from: 1000/min
  to: 12000/min
  steps: 8
  stepDuration: 45s
  stop: { sloAttainment: 0.95, errorRate: 0.05 }
  refine: 2
  gracefulStop: 30s
slo:
  time_to_first_token: 1s
  time_per_output_token: 100ms
  http_req_duration: 15s
${CHAT(50)}
thresholds:
  capacity: [ "rpm > 5000" ]
targets:
  successRate: 99%
  responseTime: 1s
  throughput: 5000/min
`,
  },
  {
    id: 'spike',
    label: 'Spike test',
    description: 'A sudden burst to 10× normal traffic for a minute, then back: does the gateway shed, queue or fail?',
    content: `# Spike: jump from normal traffic to 10x for a minute, then back down.
name: Spike
${TARGET}
  maxConnections: 3000
load:
  executor: ramping-arrival-rate
  stages:
    - { duration: 2m, target: 200/min }
    - { duration: 0s, target: 2000/min }
    - { duration: 1m, target: 2000/min }
    - { duration: 0s, target: 200/min }
    - { duration: 3m, target: 200/min }
  gracefulStop: 30s
${CHAT(100)}
thresholds:
  http_req_failed: [ "rate < 0.05" ]
  http_req_duration: [ "p(95) < 10000" ]
targets:
  successRate: 99%
  responseTime: 1s
  throughput: 2000/min
`,
  },
  {
    id: 'soak',
    label: 'Soak test',
    description: 'Moderate load for hours: finds leaks, connection exhaustion and slow degradation.',
    content: `# Soak: moderate, steady load for hours (leaks, exhausted pools, slow drift).
name: Soak
${TARGET}
  maxConnections: 1000
load:
  executor: constant-arrival-rate
  rate: 300/min
  duration: 4h
  arrivals: poisson
  gracefulStop: 1m
${CHAT(100)}
thresholds:
  http_req_duration: [ "p(95) < 3000", "p(99) < 6000" ]
  http_req_failed: [ "rate < 0.01" ]
targets:
  successRate: 99.9%
  responseTime: 500ms
  throughput: 300/min
`,
  },
  {
    id: 'openai-responses',
    label: 'OpenAI Responses API',
    description:
      'The Responses API (POST /v1/responses), streamed, with a tool: time to first token counts the first tool-call delta, TTFO the first answer token after any reasoning.',
    content: `# Responses API: agents call POST /v1/responses and stream typed events (response.output_text.delta,
# function-call argument deltas, response.completed with usage). Try it on the mock:
#   gateway-load mock --tool-call-rate 0.5 --reasoning-tokens 20
name: Responses API
${TARGET}
  maxConnections: 200
load:
  executor: constant-arrival-rate
  rate: 5/s
  duration: 2m
  gracefulStop: 30s
requests:
  - name: agent
    api: openai-responses
    model: gpt-4o-mini
    stream: true
    maxTokens: 200
    system: You are a weather assistant. Call get_weather when asked about the weather.
    tools:
      - type: function
        name: get_weather
        description: The current weather in a city.
        parameters:
          type: object
          properties: { city: { type: string } }
          required: [ city ]
    toolChoice: auto
    prompt:
      - What is the weather in Paris?
      - Tell me a joke about gateways.
    checks:
      - status == 200
thresholds:
  http_req_failed: [ "rate < 0.01" ]
  time_to_first_token: [ "p(95) < 1000" ]
  time_to_first_output_token: [ "p(95) < 2000" ]
targets:
  successRate: 99%
  responseTime: 2s
  throughput: 300/min
`,
  },
];

/** One VS Code snippet. */
export interface Snippet {
  prefix: string;
  description: string;
  body: string[];
  isFileTemplate?: boolean;
}

/** The snippets file's content: each template, `$` escaped, its name a tab stop. */
export function templatesToSnippets(
  templates: readonly ScenarioTemplate[] = SCENARIO_TEMPLATES,
): Record<string, Snippet> {
  const out: Record<string, Snippet> = {};
  for (const t of templates) {
    const escaped = t.content.replace(/[$\\]/g, (c) => `\\${c}`);
    const body = escaped
      .replace(/^name: (.*)$/m, (_m, n: string) => `name: \${1:${n}}`)
      .replace(/\n$/, '')
      .split('\n');
    out[`${t.label}`] = { prefix: `gl-${t.id}`, description: t.description, body, isFileTemplate: true };
  }
  return out;
}

/** Reverses templatesToSnippets' escaping of one body (for the test that they agree). */
export function snippetToText(body: readonly string[]): string {
  return `${body
    .join('\n')
    .replace(/\$\{1:([^}]*)\}/, '$1')
    .replace(/\\([$\\])/g, '$1')}\n`;
}
