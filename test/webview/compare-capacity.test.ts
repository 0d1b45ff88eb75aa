// The compare view of two sweeps in headless Chromium: the capacity change in one line (a
// regression in the theme's red) and both load–latency curves on one offered-load axis, one point
// per step of each run, the baseline dashed, each capacity marked at its step. Screenshots in light
// and dark.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openPanel, themeColor, type PanelPage } from './harness';
import { loadRecordedComparison } from './compare-fixture';
import type { CompareSnapshotNotification } from '../../src/protocol';
import { compareSummaries } from '../../src/report/compare';
import { OVERLAY_QUANTITIES } from '../../src/shared/capacity-overlay';
import { sweepSummary } from '../unit/capacity/fixture';

const SHOTS = join(__dirname, 'screenshots');

/** The recorded comparison with both runs turned into sweeps, the second 18% below the first. */
function sweepSnapshot(): CompareSnapshotNotification {
  const snap = loadRecordedComparison().snapshot;
  const as = (side: 'baseline' | 'current', good: number, bad: number) => {
    const s = sweepSummary(good, bad);
    const summary = {
      ...snap[side].summary,
      executor: 'sweep',
      capacity: s.capacity,
      metrics: { ...snap[side].summary.metrics, capacity: s.metrics.capacity },
    };
    return { ...snap[side], summary };
  };
  const baseline = as('baseline', 30.67, 32);
  const current = as('current', 25.15, 26.5);
  return { ...snap, baseline, current, comparison: compareSummaries(baseline.summary, current.summary) };
}

type Sets = Array<{ label: string; points: number; drawn: number; xs: number[]; dash: number[] }>;

describe('compare view of two sweeps in Chromium', () => {
  let p: PanelPage;
  const snap = sweepSnapshot();
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    p = await openPanel('light', { width: 1280, height: 900 }, { view: 'compare' });
  });
  after(async () => {
    await p?.close();
  });

  const capacitySets = () =>
    p.page.evaluate(() => {
      const c = (
        window as unknown as {
          __gatewayLoadCharts: Record<
            string,
            {
              data: { datasets: Array<{ label: string; data: Array<{ x: number }>; borderDash?: number[] }> };
              getDatasetMeta(i: number): { data: unknown[] };
            }
          >;
        }
      ).__gatewayLoadCharts.capacity;
      return c.data.datasets.map((d, i) => ({
        label: d.label,
        points: d.data.length,
        drawn: c.getDatasetMeta(i).data.length,
        xs: d.data.map((q) => q.x),
        dash: d.borderDash ?? [],
      }));
    }) as Promise<Sets>;

  test('the capacity change in one line, a regression in red', async () => {
    await p.feed([snap]);
    const line = p.page.locator('.capacity-change');
    assert.equal(
      await line.textContent(),
      'Capacity −18% vs baseline (1,840 → 1,509 RPM): worse beyond tolerance (a regression)',
    );
    assert.equal(await line.getAttribute('data-verdict'), 'worse');
    assert.equal(await line.evaluate((el) => getComputedStyle(el).color), await themeColor(p, '--vscode-charts-red'));
    assert.ok(snap.comparison.worse.includes('capacity.value'), snap.comparison.worse.join());
  });

  test('both curves, one point per step, baseline dashed, and both capacities marked', async () => {
    const sets = await capacitySets();
    for (const side of ['baseline', 'current'] as const) {
      const steps = snap[side].summary.capacity!.steps;
      for (const q of OVERLAY_QUANTITIES) {
        const d = sets.find((x) => x.label === `${side} ${q.label}`)!;
        assert.ok(d, `${side} ${q.label}`);
        assert.equal(d.points, steps.length, `${d.label} points`);
        assert.equal(d.drawn, steps.length, `${d.label} drawn`);
        assert.deepEqual(
          d.xs,
          steps.map((s) => s.offered),
        );
        assert.equal(d.dash.length > 0, side === 'baseline', `${d.label}: dashed iff baseline`);
      }
    }
    const marks = sets.filter((d) => / capacity /.test(d.label));
    assert.deepEqual(
      marks.map((d) => [d.label, d.xs]),
      [
        ['baseline capacity 1,840 RPM', [30.67, 30.67]],
        ['current capacity 1,509 RPM', [25.15, 25.15]],
      ],
    );
    // Both Pareto fronts on their own chart, one point per front step.
    const fronts = await p.page.evaluate(() => {
      const c = (
        window as unknown as {
          __gatewayLoadCharts: Record<
            string,
            {
              data: { datasets: Array<{ label: string; data: unknown[] }> };
              getDatasetMeta(i: number): { data: unknown[] };
            }
          >;
        }
      ).__gatewayLoadCharts.fronts;
      return c.data.datasets.map((d, i) => [d.label, d.data.length, c.getDatasetMeta(i).data.length]);
    });
    assert.deepEqual(fronts, [
      [
        'baseline Pareto front',
        snap.baseline.summary.capacity!.pareto!.length,
        snap.baseline.summary.capacity!.pareto!.length,
      ],
      [
        'current Pareto front',
        snap.current.summary.capacity!.pareto!.length,
        snap.current.summary.capacity!.pareto!.length,
      ],
    ]);
    await p.page.locator('section.capacity-compare').screenshot({ path: join(SHOTS, 'compare-capacity-light.png') });
    await p.setTheme('dark');
    await p.page.waitForTimeout(200);
    assert.equal((await capacitySets()).length, sets.length, 'rebuilt in the dark theme');
    await p.page.locator('section.capacity-compare').screenshot({ path: join(SHOTS, 'compare-capacity-dark.png') });
  });
});
