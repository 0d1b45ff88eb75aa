// Scenario objects built directly (the model is the contract), for engine and run tests.
import type { LoadSpec, RequestSpec, Scenario, Stage, Threshold } from '../../../src/scenario/model';

/** A stage as the parser would produce it. */
export function stage(durationMs: number, target: number): Stage {
  return { durationMs, target, label: String(target) };
}

/** An open-model load: constant rate for `durationMs`. */
export function constantRate(rate: number, durationMs: number, extra: Partial<LoadSpec> = {}): LoadSpec {
  return {
    executor: 'constant-arrival-rate',
    kind: 'open',
    stages: [stage(0, rate), stage(durationMs, rate)],
    durationMs,
    arrivals: 'uniform',
    gracefulStopMs: 2000,
    thinkTimeMs: 0,
    ...extra,
  };
}

/** A ramping open-model load from stages. */
export function rampingRate(stages: Stage[], extra: Partial<LoadSpec> = {}): LoadSpec {
  return {
    executor: 'ramping-arrival-rate',
    kind: 'open',
    stages,
    durationMs: stages.reduce((a, s) => a + s.durationMs, 0),
    arrivals: 'uniform',
    gracefulStopMs: 2000,
    thinkTimeMs: 0,
    ...extra,
  };
}

/** A closed-model load: constant VUs. */
export function constantVus(vus: number, durationMs: number, extra: Partial<LoadSpec> = {}): LoadSpec {
  return {
    executor: 'constant-vus',
    kind: 'closed',
    stages: [stage(0, vus), stage(durationMs, vus)],
    durationMs,
    arrivals: 'uniform',
    gracefulStopMs: 2000,
    thinkTimeMs: 0,
    ...extra,
  };
}

/** A ramping closed-model load. */
export function rampingVus(stages: Stage[], extra: Partial<LoadSpec> = {}): LoadSpec {
  return {
    executor: 'ramping-vus',
    kind: 'closed',
    stages,
    durationMs: stages.reduce((a, s) => a + s.durationMs, 0),
    arrivals: 'uniform',
    gracefulStopMs: 2000,
    thinkTimeMs: 0,
    ...extra,
  };
}

/** An OpenAI chat request. */
export function chat(extra: Partial<RequestSpec> = {}): RequestSpec {
  return {
    name: 'chat',
    weight: 1,
    api: 'openai-chat',
    method: 'POST',
    path: '/v1/chat/completions',
    model: 'gpt-4o-mini',
    stream: true,
    maxTokens: 20,
    prompt: { kind: 'inline', items: ['Say hello'], pick: 'random' },
    headers: {},
    checks: [],
    ...extra,
  };
}

/** A threshold as the parser would produce it. */
export function threshold(
  metric: string,
  stat: Threshold['stat'],
  op: Threshold['op'],
  value: number,
  extra: Partial<Threshold> = {},
): Threshold {
  const expr = stat === 'p' ? `p(${extra.percentile ?? 95}) ${op} ${value}` : `${stat} ${op} ${value}`;
  return { metric, expression: expr, stat, op, value, abortOnFail: false, delayAbortEvalMs: 0, ...extra };
}

/** A whole scenario against `baseUrl`. */
export function scenario(
  baseUrl: string,
  load: LoadSpec,
  requests: RequestSpec[] = [chat()],
  extra: Partial<Scenario> = {},
): Scenario {
  return {
    name: 'engine test',
    target: { baseUrl, headers: {}, timeoutMs: 5000, maxConnections: 200, pipelining: 1, apiKeys: [] },
    load,
    requests,
    thresholds: [],
    targets: {},
    variables: {},
    ...extra,
  };
}
