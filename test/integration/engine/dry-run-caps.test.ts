// Dry runs (samples with the streamed text) and the caps a host puts on every run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMock, type MockServer } from '../../../src/mock/index';
import type { SampleMessage } from '../../../src/protocol';
import { chat, constantRate, scenario } from './scenario-fixtures';
import { run, start } from './run-helpers';

let mock: MockServer;
before(async () => {
  mock = await startMock({
    port: 0,
    ttftMs: 20,
    tokensPerSecond: 500,
    outputTokens: 8,
    latencyMs: 5,
    apiKeys: ['sk-dry-secret-value'],
  });
});
after(async () => {
  await mock.close();
});

test('a dry run sends a few requests one by one and reports each in full, secrets redacted', async () => {
  const sc = scenario(mock.url, constantRate(50, 60_000), [
    chat({
      headers: { Authorization: 'Bearer ${secret:k}' },
      checks: [{ text: 'status == 200', subject: 'status', path: [], op: '==', value: 200 }],
    }),
  ]);
  const h = start(sc, { dryRun: { requests: 3 }, secrets: { k: 'sk-dry-secret-value' } });
  const samples: SampleMessage[] = [];
  const tokens: Array<[number, string]> = [];
  h.on('sample', (s) => samples.push(s));
  h.on('token', (i, t) => tokens.push([i, t]));
  const s = await h.done;
  assert.equal(s.status, 'completed');
  assert.equal(s.requests.sent, 3);
  assert.equal(samples.length, 3);
  const first = samples[0];
  assert.equal(first.request.method, 'POST');
  assert.equal(first.request.url, `${mock.url}/v1/chat/completions`);
  assert.equal(first.request.headers.Authorization ?? first.request.headers.authorization, 'Bearer ***');
  assert.equal(JSON.parse(first.request.body).stream, true);
  assert.equal(first.response.status, 200);
  assert.ok(first.response.ttftMs !== null && first.response.ttftMs >= 15);
  assert.deepEqual(first.response.checks, [{ name: 'status == 200', ok: true }]);
  assert.ok(first.response.body.length > 0);
  assert.ok(
    tokens.some(([i]) => i === 2) && tokens.map(([, t]) => t).join('').length > 0,
    'streamed text arrives as tokens',
  );
});

test('maxRequestsPerSecond and maxConnections from the host cap the scenario', async () => {
  const sc = scenario(mock.url, constantRate(200, 2000), [
    chat({ stream: false, headers: { Authorization: 'Bearer sk-dry-secret-value' } }),
  ]);
  const { summary: s, logs } = await run(sc, { maxRequestsPerSecond: 25, maxConnections: 3 });
  assert.ok(
    Math.abs(s.requests.sent + (s.metrics.dropped_iterations?.count ?? 0) - 50) <= 1,
    `sent ${s.requests.sent}`,
  );
  assert.ok((s.metrics.active_connections?.max ?? 0) <= 3);
  assert.ok(logs.some((l) => l.includes('capped at 25/s')));
});
