// The mock's capacity model: concurrency slots with a queue (the wait is part of TTFT), a queue
// limit answered with 429 or 503, and a token rate shared by the generating streams.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent } from 'undici';
import { startMock, type MockServer } from '../../../src/mock/index';
import { post, timedStream } from './helpers';

const CHAT = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true };

/** Time of the first token-bearing event and of the last event of a chat stream. */
function firstAndLast(events: Array<{ data: string; at: number }>): { first: number; last: number; tokens: number } {
  const tokens = events.filter((e) => /"content":"[^"]/.test(e.data));
  return { first: tokens[0].at, last: tokens[tokens.length - 1].at, tokens: tokens.length };
}

describe('mock capacity model', () => {
  let mock: MockServer;
  const agent = new Agent({ connections: 64 });
  before(async () => {
    mock = await startMock({ port: 0, seed: 1 });
  });
  after(async () => {
    await agent.close();
    await mock.close();
  });

  test('--max-concurrency: requests beyond N wait, and their TTFT includes the wait', async () => {
    mock.setConfig({
      maxConcurrency: 2,
      queueLimit: null,
      ttftMs: 300,
      tokensPerSecond: 0,
      outputTokens: 3,
      totalTokensPerSecond: 0,
    });
    mock.resetStats();
    // Warm the connections up so that their set-up does not blur the queueing.
    await Promise.all([0, 1, 2, 3].map(() => post(`${mock.url}/v1/models`, '', {}, agent).catch(() => null)));
    const runs = await Promise.all([0, 1, 2, 3].map(() => timedStream(`${mock.url}/v1/chat/completions`, CHAT, agent)));
    const ttfts = runs.map((r) => firstAndLast(r.events).first).sort((a, b) => a - b);
    const s = mock.stats();
    assert.ok(runs.every((r) => r.status === 200));
    assert.equal(s.peakServing, 2, 'never more than 2 served at once');
    assert.equal(s.peakQueued, 2);
    assert.equal(s.queued, 0);
    // Two are served at once, two wait one whole service (300 ms) more. Relative figures: opening
    // connections on a loaded machine adds 100–200 ms to every request alike.
    const all = ttfts.map(Math.round).join(', ');
    assert.ok(ttfts[1] - ttfts[0] < 200, `first pair together: ${all}`);
    assert.ok(ttfts[2] - ttfts[0] >= 250 && ttfts[3] - ttfts[1] >= 250, `second pair waited a service: ${all}`);
  });

  for (const status of [429, 503] as const) {
    test(`--queue-limit: beyond the queue the mock answers ${status} at once`, async () => {
      mock.setConfig({
        maxConcurrency: 1,
        queueLimit: 1,
        queueFullStatus: status,
        latencyMs: 300,
        tokensPerSecond: 0,
        outputTokens: 2,
        totalTokensPerSecond: 0,
      });
      mock.resetStats();
      const t0 = performance.now();
      const answers = await Promise.all(
        [0, 1, 2, 3].map(async (i) => {
          // Stagger slightly so the order of admission is known: two admitted, two refused.
          await new Promise((r) => setTimeout(r, i * 20));
          const r = await post(`${mock.url}/v1/chat/completions`, { ...CHAT, stream: false }, {}, agent);
          return { status: r.status, at: performance.now() - t0, retryAfter: r.headers['retry-after'], body: r.text };
        }),
      );
      assert.deepEqual(
        answers.map((a) => a.status),
        [200, 200, status, status],
      );
      for (const refused of answers.slice(2)) {
        assert.ok(refused.at < 250, `refused at once, not after a wait (${Math.round(refused.at)} ms)`);
        assert.equal(refused.retryAfter, '1');
        assert.match(refused.body, /"error"/);
      }
      assert.equal(mock.stats().byOutcome.queue_full, 2);
    });
  }

  test('--total-tokens-per-second: active streams share the rate', async () => {
    // Own rate 500 tokens/s (2 ms a token); shared 100 tokens/s. 21 tokens = 20 paced gaps.
    mock.setConfig({
      maxConcurrency: 0,
      queueLimit: null,
      ttftMs: 50,
      tokensPerSecond: 500,
      outputTokens: 21,
      totalTokensPerSecond: 100,
    });
    const alone = firstAndLast((await timedStream(`${mock.url}/v1/chat/completions`, CHAT, agent)).events);
    assert.equal(alone.tokens, 21);
    // Alone a stream gets min(500, 100/1) = 100 tokens/s: 20 gaps of 10 ms.
    const aloneMs = alone.last - alone.first;
    assert.ok(aloneMs > 170 && aloneMs < 400, `alone: ${Math.round(aloneMs)} ms for 20 gaps (expected ~200)`);
    const four = await Promise.all([0, 1, 2, 3].map(() => timedStream(`${mock.url}/v1/chat/completions`, CHAT, agent)));
    const gens = four.map((r) => {
      const f = firstAndLast(r.events);
      assert.equal(f.tokens, 21);
      return f.last - f.first;
    });
    // Four at once get 25 tokens/s each: 20 gaps of 40 ms ≈ 800 ms; all 80 paced tokens at ~100/s.
    const mean = gens.reduce((a, b) => a + b, 0) / gens.length;
    assert.ok(mean > 640 && mean < 1100, `four at once: ${gens.map(Math.round).join(', ')} ms (expected ~800)`);
    assert.ok(mean / aloneMs > 2.8, `sharing slowed each stream ${(mean / aloneMs).toFixed(2)}× (expected ~4×)`);
  });

  test('the capacity keys are validated', () => {
    assert.throws(() => mock.setConfig({ queueFullStatus: 500 as 429 }), /queueFullStatus: expected 429 or 503/);
    assert.throws(() => mock.setConfig({ maxConcurrency: -1 }), /maxConcurrency/);
  });
});
