// `compare` of real sweeps against the mock: a rerun of the same configuration passes (capacity
// within the sweep's own bracket), and a gateway with a smaller capacity (4 slots × 500 ms → 8/s
// against 4 × 300 ms → 13.3/s, computed as in README "Mock capacity model") is a capacity
// regression, said in one line, with both curves overlaid.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMock, type MockServer } from '../../../src/mock/index';
import { chat, scenario } from './scenario-fixtures';
import { run } from './run-helpers';
import { sweepLoad } from './sweep-helpers';
import { compareSummaries } from '../../../src/report/compare';
import { capacityChangeLine, capacityOverlay } from '../../../src/shared/capacity-overlay';
import type { Summary } from '../../../src/protocol';

let mock: MockServer;
before(async () => {
  mock = await startMock({ port: 0, seed: 5 });
});
after(async () => {
  await mock.close();
});

async function sweep(ttftMs: number): Promise<Summary> {
  mock.setConfig({
    maxConcurrency: 4,
    queueLimit: null,
    ttftMs,
    tokensPerSecond: 0,
    outputTokens: 5,
    totalTokensPerSecond: 0,
  });
  const sc = scenario(
    mock.url,
    sweepLoad({ from: 4, to: 16, steps: 3, stepDurationMs: 2000, refine: 2 }),
    [chat({ maxTokens: 5 })],
    { slo: { ttftMs: 1000 } },
  );
  const { summary } = await run(sc);
  assert.ok(
    summary.capacity?.rate,
    `a capacity: ${JSON.stringify(summary.capacity?.steps.map((s) => [s.offered, s.limitedBy]))}`,
  );
  return summary;
}

test('a same-configuration rerun passes; a smaller capacity is a regression', async (t) => {
  const baseline = await sweep(300);
  const rerun = await sweep(300);
  const slower = await sweep(500);
  t.diagnostic(
    `capacities: ${baseline.capacity!.rate}/s, rerun ${rerun.capacity!.rate}/s, slower ${slower.capacity!.rate}/s`,
  );

  const same = compareSummaries(baseline, rerun);
  const capSame = same.metrics.find((m) => m.metric === 'capacity')!;
  assert.notEqual(capSame.verdict, 'worse', capacityChangeLine(same) ?? '');
  assert.ok(!same.worse.some((w) => w.startsWith('capacity')), same.worse.join());

  const worse = compareSummaries(baseline, slower);
  assert.equal(worse.metrics.find((m) => m.metric === 'capacity')!.verdict, 'worse');
  assert.ok(worse.regression && worse.worse.includes('capacity.value'), worse.worse.join());
  assert.match(
    capacityChangeLine(worse)!,
    /^Capacity −\d+% vs baseline \([\d,]+ → [\d,]+ RPM\): worse beyond tolerance \(a regression\)$/,
  );

  // Both curves on one axis, each with one point per step, and both capacities marked.
  const o = capacityOverlay(baseline.capacity, slower.capacity)!;
  for (const side of ['baseline', 'current'] as const) {
    const steps = (side === 'baseline' ? baseline : slower).capacity!.steps;
    const ttft = o.series.find((s) => s.id === `${side}-ttft-p95`)!;
    assert.equal(ttft.points.length, steps.length, side);
  }
  assert.deepEqual(
    o.marks.map((m) => m.side),
    ['baseline', 'current'],
  );
});
