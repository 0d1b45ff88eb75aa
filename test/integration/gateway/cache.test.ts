// A gateway's cache made measurable: `prompt.repeat` resends earlier prompts exactly, the mock's
// `--cache` answers those at once with `x-cache: HIT`, and the summary's `cache` section reads the
// hit ratio from the headers and splits latency and TTFT into hits and misses.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMock, type MockServer } from '../../../src/mock/index';
import { chat, constantVus, scenario } from '../engine/scenario-fixtures';
import { run } from '../engine/run-helpers';

let mock: MockServer;
before(async () => {
  mock = await startMock({ port: 0, ttftMs: 40, tokensPerSecond: 400, outputTokens: 16, cache: true });
});
after(async () => {
  await mock.close();
});

test('through the mock with --cache, the measured hit ratio matches repeat within 3 points; hits are faster', async (t) => {
  mock.resetStats();
  const request = chat({
    maxTokens: 16,
    prompt: { kind: 'tokens', seed: 5, tokens: { distribution: 'fixed', mean: 40, stddev: 0 } },
    promptRepeat: { share: 0.3, recent: 50 },
  });
  // A closed loop of 1,000+ requests: enough for ±3 points, whatever the machine's speed.
  const { summary: s, windows } = await run(scenario(mock.url, constantVus(20, 4000), [request]));
  assert.equal(s.status, 'completed');
  assert.equal(s.requests.failed, 0);
  const c = s.cache!;
  assert.ok(c, 'a cache section');
  const stats = mock.stats();
  t.diagnostic(
    `${s.requests.sent} requests; repeats sent ${c.repeatsSent} (${c.repeatShare}); hit ratio ${c.hitRatio} (mock: ${stats.cacheHits} hits, ${stats.cacheMisses} misses); ` +
      `TTFT hit p50 ${c.hit.ttft?.p50} ms, miss p50 ${c.miss.ttft?.p50} ms`,
  );
  assert.ok(s.requests.sent >= 500, `enough requests to judge the ratio (${s.requests.sent})`);
  assert.deepEqual(c.headers, ['x-cache']);
  assert.equal(c.hits + c.misses, s.requests.succeeded, 'every answer said hit or miss');
  assert.equal(c.hits, stats.cacheHits, 'the engine read every hit the mock served');
  assert.ok(Math.abs(c.hitRatio! - 0.3) <= 0.03, `hit ratio ${c.hitRatio} within 3 points of repeat 0.3`);
  assert.ok(Math.abs(c.repeatShare! - 0.3) <= 0.03, `repeat share ${c.repeatShare}`);
  assert.equal(c.hit.duration!.count, c.hits);
  assert.equal(c.miss.ttft!.count, c.misses);
  // Hits replay at once (1 ms); misses wait 40 ms for their first token: several times faster, generously.
  assert.ok(c.hit.ttft!.p50 * 3 < c.miss.ttft!.p50, `TTFT hit ${c.hit.ttft!.p50} vs miss ${c.miss.ttft!.p50}`);
  assert.ok(c.hit.duration!.p50 < c.miss.duration!.p50);
  // Cache hits arrive in one chunk by nature: they are not taken for a buffering intermediary.
  assert.equal(s.warnings, undefined, JSON.stringify(s.warnings));
  const live = windows.reduce((a, w) => a + (w.cache?.hits ?? 0), 0);
  assert.equal(live, c.hits, 'the windows carry the hits live');
});

test('without a cache header there is no hit ratio, but the repeats sent are still reported', async () => {
  mock.setConfig({ cache: false });
  try {
    const request = chat({
      prompt: { kind: 'tokens', seed: 6, tokens: { distribution: 'fixed', mean: 10, stddev: 0 } },
      promptRepeat: { share: 0.5, recent: 10 },
    });
    const { summary: s } = await run(scenario(mock.url, constantVus(4, 1000), [request]));
    const c = s.cache!;
    assert.equal(c.hitRatio, null);
    assert.deepEqual(c.headers, []);
    assert.ok(c.repeatsSent > 0);
    assert.equal(c.hit.duration, null);
  } finally {
    mock.setConfig({ cache: true });
  }
});
