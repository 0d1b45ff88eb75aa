// A sweep against the mock limited by its shared token rate finds the capacity computed by hand
// (README, "Mock capacity model"): T tokens/s shared, K tokens per answer → T / (K − 1) req/s.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMock, type MockServer } from '../../../src/mock/index';
import { chat, scenario } from './scenario-fixtures';
import { run } from './run-helpers';
import { sweepLoad } from './sweep-helpers';

let mock: MockServer;
before(async () => {
  mock = await startMock({ port: 0, seed: 4 });
});
after(async () => {
  await mock.close();
});

test('token-bound: 400 tokens/s shared, 21 tokens an answer → 20/s, found within 10%', async (t) => {
  // Own rate 50 tokens/s (20 ms a token): alone a stream takes 50 ms + 20 × 20 ms; TPOT stays 20 ms
  // until T / generating falls below 50, i.e. past T / (K − 1) = 400 / 20 = 20 arrivals/s.
  mock.setConfig({
    maxConcurrency: 0,
    queueLimit: null,
    ttftMs: 50,
    tokensPerSecond: 50,
    outputTokens: 21,
    totalTokensPerSecond: 400,
  });
  const expected = 400 / 20;
  const sc = scenario(
    mock.url,
    sweepLoad({ from: 5, to: 40, steps: 3, stepDurationMs: 2000, refine: 3 }),
    [chat({ maxTokens: 21 })],
    {
      slo: { tpotMs: 30 },
    },
  );
  const { summary: s, logs } = await run(sc);
  const c = s.capacity!;
  t.diagnostic(logs.filter((l) => l.includes('sweep') || l.includes('Capacity')).join('\n'));
  assert.ok(
    c.rate !== null && Math.abs(c.rate - expected) / expected <= 0.1,
    `capacity ${c.rate}/s vs ${expected}/s computed`,
  );
  assert.ok(
    c.limitedBy === 'saturation' || (c.limitedBy === 'slo' && c.bound === 'time_per_output_token'),
    `${c.limitedBy} ${c.bound}`,
  );
  const past = c.steps.find((x) => x.offered === 40)!;
  assert.ok(past.tpot!.p50 > c.steps[0].tpot!.p50 * 1.3, 'past the knee, streams slow down (TPOT grows)');
  // Tokens served per step: 21 an answer below the knee; never more than capacity × 21 = 420/s
  // (the first token of each answer comes before the shared rate applies), however much was offered.
  for (const st of c.steps) {
    if (st.limitedBy === null)
      assert.ok(Math.abs(st.tokensPerSecond - st.achieved * 21) <= st.achieved * 21 * 0.1, JSON.stringify(st));
    assert.ok(st.tokensPerSecond <= expected * 21 * 1.1, `step ${st.index}: ${st.tokensPerSecond} tokens/s`);
  }
  // The Pareto front: rising tokens/s at rising TPOT, and the capacity step (most tokens/s at the
  // lowest TPOT of the good steps) on it.
  const front = c.pareto!;
  assert.ok(front.length >= 1, JSON.stringify(c.steps.map((x) => [x.tokensPerSecond, x.tpot?.p50])));
  for (let i = 1; i < front.length; i++) {
    assert.ok(front[i].tokensPerSecond > front[i - 1].tokensPerSecond);
    assert.ok(front[i].tpotP50 >= front[i - 1].tpotP50);
  }
  assert.ok(front.some((p) => p.step === c.atStep || p.tokensPerSecond >= c.steps[c.atStep!].tokensPerSecond));
});
