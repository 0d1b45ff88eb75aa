// A minimal valid Scenario model for the extension's pure tests (the parser is tested elsewhere).
import type { LoadSpec, Scenario, Stage } from '../../../src/scenario/model';

/** A scenario whose load is the given stages of the given model. */
export function scenarioWith(stages: Stage[], kind: LoadSpec['kind'] = 'open', baseUrl = 'http://127.0.0.1:8790'): Scenario {
  return {
    name: 'fixture',
    target: { baseUrl, headers: {}, timeoutMs: 30_000, maxConnections: 100, pipelining: 1, apiKeys: [] },
    load: {
      executor: kind === 'open' ? 'ramping-arrival-rate' : 'ramping-vus',
      kind,
      stages,
      durationMs: stages.reduce((n, s) => n + s.durationMs, 0),
      arrivals: 'uniform',
      gracefulStopMs: 30_000,
      thinkTimeMs: 0,
    },
    requests: [{ name: 'chat', weight: 1, api: 'openai-chat', method: 'POST', path: '/v1/chat/completions', stream: true, headers: {}, checks: [] }],
    thresholds: [],
    targets: {},
    variables: {},
  };
}

/** A stage of `seconds` ramping to `target`. */
export function stage(seconds: number, target: number): Stage {
  return { durationMs: seconds * 1000, target, label: String(target) };
}
