// A minimal valid Scenario model, and a minimal summary, for the extension's pure tests (the parser
// and the engine are tested elsewhere).
import type { Summary } from '../../../src/protocol';
import type { LoadSpec, Scenario, Stage } from '../../../src/scenario/model';

/** A scenario whose load is the given stages of the given model. */
export function scenarioWith(
  stages: Stage[],
  kind: LoadSpec['kind'] = 'open',
  baseUrl = 'http://127.0.0.1:8790',
): Scenario {
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
    requests: [
      {
        name: 'chat',
        weight: 1,
        api: 'openai-chat',
        method: 'POST',
        path: '/v1/chat/completions',
        stream: true,
        headers: {},
        checks: [],
      },
    ],
    thresholds: [],
    targets: {},
    variables: {},
  };
}

/** A stage of `seconds` ramping to `target`. */
export function stage(seconds: number, target: number): Stage {
  return { durationMs: seconds * 1000, target, label: String(target) };
}

/** A completed 2 s run's summary with no figures, thresholds or checks but those in `over`. */
export function summaryWith(over: Partial<Summary> = {}): Summary {
  return {
    schemaVersion: 1,
    scenario: 's',
    runId: 'r1',
    status: 'completed',
    startedAt: '2026-12-02T00:00:00.000Z',
    durationMs: 2000,
    plannedDurationMs: 2000,
    executor: 'constant-arrival-rate',
    metrics: {},
    requests: { sent: 10, succeeded: 10, failed: 0 },
    errors: {},
    thresholds: [],
    checks: [],
    models: {},
    tokens: { fromUsage: 0, counted: 0, usageVsCountedDiffPct: null },
    rateLimitSamples: [],
    generator: { latenessP99Ms: 0, eluMax: 0, saturated: false, warnings: [] },
    environment: { tool: 'gateway-load', version: '0', node: 'v20', platform: 'linux', cpus: 2 },
    ...over,
  };
}
