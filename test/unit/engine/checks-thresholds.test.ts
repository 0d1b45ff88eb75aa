import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileChecks, type CheckInput } from '../../../src/engine/checks';
import { abortingThreshold, evaluateThresholds } from '../../../src/engine/thresholds';
import type { Check, Threshold } from '../../../src/scenario/model';

const input: CheckInput = {
  status: 200,
  latencyMs: 120,
  ttftMs: 40,
  outputTokens: 12,
  body: { choices: [{ message: { content: 'hello world' } }], model: 'gpt-4o-mini-2024', tags: ['a', 'b'] },
  header: (n) => (n === 'x-request-id' ? 'req-1' : undefined),
};
const ck = (
  text: string,
  subject: Check['subject'],
  op: Check['op'],
  value?: Check['value'],
  path: Check['path'] = [],
): Check => ({ text, subject, op, value, path });

describe('checks', () => {
  test('each subject and operator', () => {
    const checks = compileChecks([
      ck('status == 200', 'status', '==', 200),
      ck('latency < 100ms', 'latency', '<', 100),
      ck('ttft <= 40', 'ttft', '<=', 40),
      ck('content exists', 'body', 'exists', undefined, ['choices', 0, 'message', 'content']),
      ck('missing not exists', 'body', 'not exists', undefined, ['choices', 1]),
      ck('model matches', 'body', 'matches', '/^GPT-4o/i', ['model']),
      ck('tags contains', 'body', 'contains', 'b', ['tags']),
      ck('header exists', 'header', 'exists', undefined, ['X-Request-Id']),
      ck('tokens > 20', 'output_tokens', '>', 20),
      ck('content != x', 'body', '!=', 'x', ['choices', 0, 'message', 'content']),
    ]);
    assert.deepEqual(
      checks.map((c) => c.test(input)),
      [true, false, true, true, true, true, true, true, false, true],
    );
  });

  test('a path through a missing value does not throw', () => {
    const [c] = compileChecks([ck('deep', 'body', 'exists', undefined, ['a', 'b', 0, 'c'])]);
    assert.equal(c.test({ ...input, body: undefined }), false);
  });
});

const th = (
  metric: string,
  stat: Threshold['stat'],
  op: Threshold['op'],
  value: number,
  extra: Partial<Threshold> = {},
): Threshold => ({
  metric,
  expression: `${stat} ${op} ${value}`,
  stat,
  op,
  value,
  abortOnFail: false,
  delayAbortEvalMs: 0,
  ...extra,
});

describe('thresholds', () => {
  test('evaluated on the source; no data is not a failure', () => {
    const src = (m: string, s: string, p?: number): number | null =>
      m === 'http_req_duration' ? (s === 'p' ? p! * 10 : 300) : m === 'http_req_failed' ? 0.02 : null;
    const states = evaluateThresholds(
      [
        th('http_req_duration', 'p', '<', 960, { percentile: 95 }),
        th('http_req_duration', 'p', '<', 960, { percentile: 99 }),
        th('http_req_duration', 'med', '==', 500),
        th('http_req_failed', 'rate', '<', 0.01),
        th('time_to_first_token', 'avg', '<', 1),
      ],
      src,
    );
    assert.deepEqual(
      states.map((s) => s.ok),
      [true, false, true, false, true],
    );
    assert.equal(states[4].value, null);
  });

  test('abortOnFail waits for delayAbortEval', () => {
    const t = [th('http_req_failed', 'rate', '<', 0.01, { abortOnFail: true, delayAbortEvalMs: 5000 })];
    const states = evaluateThresholds(t, () => 0.5);
    assert.equal(abortingThreshold(t, states, 4000), undefined);
    assert.equal(abortingThreshold(t, states, 5000), t[0]);
  });
});
