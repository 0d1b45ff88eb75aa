// Scenarios built directly on the model, so exporter tests do not depend on the parser.
import type { Scenario, Threshold } from '../../../src/scenario/model';

export function threshold(
  metric: string,
  expression: string,
  stat: Threshold['stat'],
  op: Threshold['op'],
  value: number,
  percentile?: number,
): Threshold {
  return { metric, expression, stat, op, value, percentile, abortOnFail: false, delayAbortEvalMs: 0 };
}

export function scenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    name: 'Chat — baseline',
    file: '/tmp/chat.load.yaml',
    target: {
      baseUrl: '${env:GATEWAY_URL:-http://127.0.0.1:8790}',
      headers: { Authorization: 'Bearer ${secret:gateway-key}' },
      timeoutMs: 30_000,
      maxConnections: 200,
      pipelining: 1,
      apiKeys: [],
    },
    load: {
      executor: 'ramping-arrival-rate',
      kind: 'open',
      arrivals: 'uniform',
      gracefulStopMs: 30_000,
      thinkTimeMs: 0,
      durationMs: 480_000,
      stages: [
        { durationMs: 120_000, target: 100 / 60, label: '100/min' },
        { durationMs: 300_000, target: 200 / 60, label: '200/min' },
        { durationMs: 60_000, target: 0, label: '0' },
      ],
    },
    requests: [
      {
        name: 'chat',
        weight: 3,
        api: 'openai-chat',
        method: 'POST',
        path: '/v1/chat/completions',
        model: 'gpt-4o-mini',
        stream: true,
        maxTokens: 100,
        prompt: { kind: 'inline', items: ['Say hello', 'Write, "quoted", text'], pick: 'random' },
        headers: {},
        checks: [
          { text: 'status == 200', subject: 'status', path: [], op: '==', value: 200 },
          { text: 'ttft < 300ms', subject: 'ttft', path: [], op: '<', value: 300 },
        ],
      },
    ],
    thresholds: [
      threshold('http_req_duration', 'p(95) < 500', 'p', '<', 500, 95),
      threshold('http_req_failed', 'rate < 0.01', 'rate', '<', 0.01),
      threshold('time_to_first_token', 'p(95) < 300', 'p', '<', 300, 95),
      threshold('inter_token_latency', 'p(99) < 80', 'p', '<', 80, 99),
    ],
    targets: { successRate: 0.992 },
    variables: {},
    ...overrides,
  };
}
