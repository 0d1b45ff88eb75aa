// A sweep against the mock limited by concurrency finds the capacity computed by hand (README,
// "Mock capacity model"): N slots / service time S. A generator-limited sweep reports no capacity.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMock, type MockServer } from '../../../src/mock/index';
import { chat, scenario } from './scenario-fixtures';
import { run } from './run-helpers';
import { sweepLoad } from './sweep-helpers';
import { threshold } from './scenario-fixtures';
import { renderJunit } from '../../../src/report/junit';
import { runPassed } from '../../../src/run/console-format';

let mock: MockServer;
before(async () => {
  mock = await startMock({ port: 0, seed: 3 });
});
after(async () => {
  await mock.close();
});

test('concurrency-bound: 4 slots × 300 ms service → 13.3/s, found within 10%', async (t) => {
  // Every token at the first one: a request holds its slot for the TTFT alone.
  mock.setConfig({
    maxConcurrency: 4,
    queueLimit: null,
    ttftMs: 300,
    tokensPerSecond: 0,
    outputTokens: 5,
    totalTokensPerSecond: 0,
  });
  const expected = 4 / 0.3;
  const sc = scenario(
    mock.url,
    sweepLoad({ from: 4, to: 16, steps: 3, stepDurationMs: 2000, refine: 2 }),
    [chat({ maxTokens: 5 })],
    {
      slo: { ttftMs: 600 },
      thresholds: [threshold('capacity', 'rpm', '>', 1500), threshold('capacity', 'rpm', '>', 600)],
    },
  );
  const { summary: s, logs } = await run(sc);
  const c = s.capacity!;
  t.diagnostic(logs.filter((l) => l.includes('sweep') || l.includes('Capacity')).join('\n'));
  assert.ok(c, 'summary.capacity');
  assert.equal(c.executor, 'sweep');
  assert.ok(
    c.rate !== null && Math.abs(c.rate - expected) / expected <= 0.1,
    `capacity ${c.rate}/s vs ${expected}/s computed`,
  );
  assert.equal(c.rpm, Math.round(c.rate * 600) / 10);
  assert.ok(['slo', 'saturation'].includes(c.limitedBy), c.limitedBy);
  assert.deepEqual(
    c.steps.slice(0, 3).map((x) => x.offered),
    [4, 8, 16],
    'geometric ladder',
  );
  assert.ok(
    c.steps.slice(3).every((x) => x.refine),
    'then refinement steps',
  );
  assert.equal(c.steps[c.atStep!].limitedBy, null);
  assert.ok(c.steps[2].limitedBy !== null, '16/s is past the knee');
  assert.ok(c.steps[2].ttft!.p95 > c.steps[0].ttft!.p95 + 100, 'the queue wait shows in TTFT');
  // capacity: ["rpm > 1500"] fails (≈ 800 RPM): JUnit failure and a failed run (exit 1); "rpm > 600" passes.
  assert.deepEqual(
    s.thresholds.map((x) => [x.ok, x.value]),
    [
      [false, c.rpm],
      [true, c.rpm],
    ],
  );
  assert.equal(runPassed(s), false);
  const junit = renderJunit(s);
  assert.match(junit, /<failure[^>]*message="capacity rpm &gt; 1500 failed/);
  assert.ok(
    logs.some((l) => /Capacity: [\d,]+ RPM at ≥ 95% SLO attainment \(p95 TTFT \d+ ms\); limited by/.test(l)),
    'headline logged',
  );
});

test('a sweep limited by the generator (maxConnections) reports limitedBy generator, no capacity', async () => {
  mock.setConfig({ maxConcurrency: 0, ttftMs: 300, tokensPerSecond: 0, outputTokens: 5 });
  const sc = scenario(
    mock.url,
    sweepLoad({ from: 20, to: 80, steps: 3, stepDurationMs: 1500 }),
    [chat({ maxTokens: 5 })],
    { slo: { ttftMs: 1000 } },
  );
  sc.target.maxConnections = 3;
  const { summary: s } = await run(sc);
  const c = s.capacity!;
  assert.equal(c.limitedBy, 'generator');
  assert.equal(c.rate, null);
  assert.equal(c.rpm, null);
  assert.equal(c.steps.length, 1, 'stops at the first step the generator limited');
  assert.ok(c.steps[0].dropped > 0);
  assert.equal(c.steps[0].limitedBy, 'generator');
});
