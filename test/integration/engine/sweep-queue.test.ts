// A sweep against the mock limited by its queue: N slots, a queue of 1 (to absorb a few ms of
// jitter: with none, any overhead on S refuses arrivals below N / S), refusals answered 503 → past
// N / S the queue fills and the error rate passes `stop.errorRate` (README, "Mock capacity model").
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMock, type MockServer } from '../../../src/mock/index';
import { chat, scenario } from './scenario-fixtures';
import { run } from './run-helpers';
import { sweepLoad } from './sweep-helpers';

let mock: MockServer;
before(async () => {
  mock = await startMock({ port: 0, seed: 5 });
});
after(async () => {
  await mock.close();
});

test('queue-limit-bound: 4 slots × 300 ms, queue 1, 503 → 13.3/s, found within 10%', async (t) => {
  mock.setConfig({
    maxConcurrency: 4,
    queueLimit: 1,
    queueFullStatus: 503,
    ttftMs: 300,
    tokensPerSecond: 0,
    outputTokens: 5,
    totalTokensPerSecond: 0,
  });
  const expected = 4 / 0.3;
  const sc = scenario(
    mock.url,
    sweepLoad({
      from: 4,
      to: 16,
      steps: 3,
      stepDurationMs: 2000,
      refine: 3,
      stop: { sloAttainment: 0.9, errorRate: 0.05 },
    }),
    [chat({ maxTokens: 5 })],
    {
      slo: { ttftMs: 2000 },
    },
  );
  const { summary: s, logs } = await run(sc);
  const c = s.capacity!;
  t.diagnostic(logs.filter((l) => l.includes('sweep') || l.includes('Capacity')).join('\n'));
  assert.ok(
    c.rate !== null && Math.abs(c.rate - expected) / expected <= 0.1,
    `capacity ${c.rate}/s vs ${expected}/s computed`,
  );
  // Just past the knee the queue fills late in a step: achieved falls short before errors pass 5%.
  assert.ok(c.limitedBy === 'errors' || c.limitedBy === 'saturation', c.limitedBy);
  assert.ok((s.errors.http_5xx ?? 0) > 0, 'refusals are counted as 5xx errors');
  assert.ok(c.steps[2].errorRate > 0.05);
});
