// Every injected failure is counted in its class, exactly as often as the mock injected it,
// and requests sent = succeeded + Σ classes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMock, type MockServer } from '../../../src/mock/index';
import { chat, constantRate, scenario } from './scenario-fixtures';
import { errorSum, run, start } from './run-helpers';

let mock: MockServer;
before(async () => {
  mock = await startMock({ port: 0, ttftMs: 20, tokensPerSecond: 500, outputTokens: 10, latencyMs: 10 });
});
after(async () => {
  await mock.close();
});

test('5xx, resets, hangs and malformed streams land in http_5xx, connection, timeout and protocol', async () => {
  mock.setConfig({ failRate: 0.12, resetRate: 0.12, hangRate: 0.12, malformedRate: 0.12, midStreamErrorRate: 0 });
  mock.resetStats();
  try {
    const sc = scenario(mock.url, constantRate(40, 3000), [chat({ maxTokens: 10 })]);
    sc.target.timeoutMs = 800;
    const { summary: s } = await run(sc);
    const o = mock.stats().byOutcome;
    assert.equal(mock.stats().requests, s.requests.sent);
    assert.equal(s.errors.http_5xx ?? 0, o['500'], '500s');
    assert.equal(s.errors.connection ?? 0, o.reset, 'resets');
    assert.equal(s.errors.timeout ?? 0, o.hang, 'hangs');
    assert.equal(s.errors.protocol ?? 0, o.malformed, 'malformed');
    for (const c of ['http_5xx', 'connection', 'timeout', 'protocol'] as const)
      assert.ok((s.errors[c] ?? 0) > 0, `${c} injected and counted`);
    assert.equal(s.requests.succeeded, o.ok);
    assert.equal(s.requests.sent, s.requests.succeeded + errorSum(s));
    assert.equal(s.requests.failed, errorSum(s));
    assert.ok(near01(s.metrics.http_req_failed!.rate!, s.requests.failed / s.requests.sent));
  } finally {
    mock.setConfig({ failRate: 0, resetRate: 0, hangRate: 0, malformedRate: 0 });
  }
});

test('429s, 4xx and failed checks: counted in their classes; rate-limit headers kept', async () => {
  mock.setConfig({ apiKeys: ['key-limited', 'key-checked'], rateLimit: { requestsPerSecond: 10, burst: 5 } });
  mock.resetStats();
  try {
    const sc = scenario(mock.url, constantRate(60, 2000), [
      chat({ name: 'limited', stream: false, headers: { Authorization: 'Bearer key-limited' } }),
      chat({ name: 'unauthorised', stream: false, headers: { Authorization: 'Bearer wrong' } }),
      chat({
        name: 'checked',
        stream: false,
        headers: { Authorization: 'Bearer key-checked' },
        checks: [{ text: 'status == 201', subject: 'status', path: [], op: '==', value: 201 }],
      }),
    ]);
    const h = start(sc);
    const s = await h.done;
    const o = mock.stats().byOutcome;
    assert.equal(s.errors.http_429 ?? 0, o['429']);
    assert.equal(s.errors.http_4xx ?? 0, o['401']);
    assert.ok((s.errors.http_429 ?? 0) > 0 && (s.errors.http_4xx ?? 0) > 0 && (s.errors.check ?? 0) > 0);
    assert.equal(s.requests.sent, s.requests.succeeded + errorSum(s));
    assert.equal(s.checks.length, 1);
    assert.equal(s.checks[0].passes, 0);
    assert.ok(s.checks[0].fails >= (s.errors.check ?? 0));
    assert.ok(s.rateLimitSamples.length > 0 && s.rateLimitSamples.length <= 10);
    assert.ok('retry-after' in s.rateLimitSamples[0], JSON.stringify(s.rateLimitSamples[0]));
    assert.equal(
      h.windows.reduce((a, w) => a + w.rateLimit.status429, 0),
      s.errors.http_429,
    );
    assert.ok(h.windows.some((w) => w.rateLimit.retryAfterMs !== null));
  } finally {
    mock.setConfig({ apiKeys: [], rateLimit: null });
  }
});

test('a stop cancels what outlives gracefulStop, counted as cancelled', async () => {
  mock.setConfig({ hangRate: 1 });
  try {
    const sc = scenario(mock.url, constantRate(20, 30_000, { gracefulStopMs: 300 }), [chat()]);
    sc.target.timeoutMs = 30_000;
    const h = start(sc);
    await new Promise<void>((r) => {
      const off = h.on('window', () => {
        off();
        r();
      });
    });
    const t = performance.now();
    h.stop('test stop');
    const s = await h.done;
    assert.ok(performance.now() - t < 3000, 'stopped promptly');
    assert.equal(s.status, 'stopped');
    assert.equal(s.reason, 'test stop');
    assert.ok((s.errors.cancelled ?? 0) > 0);
    assert.equal(s.errors.cancelled, s.requests.sent);
    assert.equal(s.requests.sent, s.requests.succeeded + errorSum(s));
  } finally {
    mock.setConfig({ hangRate: 0 });
  }
});

function near01(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-3;
}
