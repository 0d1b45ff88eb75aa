// Capacity in `compare`: a drop beyond the tolerance (and beyond the sweep's own resolution) is a
// regression; a rerun one bisection apart is not. And the headline says it in one line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareSummaries } from '../../../src/report/compare';
import { renderComparisonText } from '../../../src/shared/compare-render';
import { capacityHeadline } from '../../../src/shared/capacity';
import { sweepSummary } from './fixture';

test('a capacity 18% below the baseline is a regression', () => {
  const c = compareSummaries(sweepSummary(30.67, 32), sweepSummary(25.15, 26.5));
  const m = c.metrics.find((x) => x.metric === 'capacity')!;
  assert.equal(m.verdict, 'worse');
  assert.ok(
    c.worse.some((w) => w.startsWith('capacity')),
    JSON.stringify(c.worse),
  );
  assert.equal(Math.round(m.stats[0].changePct!), -18);
  assert.match(renderComparisonText(c), /capacity/);
});

test("a same-configuration rerun one bisection apart passes: not finer than the sweep's resolution", () => {
  // Baseline bracket 30 → 36 (20%); the rerun found 26.5 (−12%, more than the 10% tolerance).
  const c = compareSummaries(sweepSummary(30, 36), sweepSummary(26.5, 30));
  assert.equal(c.metrics.find((x) => x.metric === 'capacity')!.verdict, 'same');
  assert.ok(!c.worse.some((w) => w.startsWith('capacity')));
});

test('the headline names the capacity, the stop rule, the p95 TTFT and the bound', () => {
  assert.equal(
    capacityHeadline(sweepSummary(30.67, 32).capacity!),
    'Capacity: 1,840 RPM at ≥ 95% SLO attainment (p95 TTFT 281 ms); limited by time_to_first_token',
  );
  const gen = {
    ...sweepSummary(30, 36).capacity!,
    limitedBy: 'generator' as const,
    rate: null,
    rpm: null,
    atStep: null,
  };
  assert.match(capacityHeadline(gen), /not measured: the load generator was the limit/);
});
