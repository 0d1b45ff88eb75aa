// Comparing two sweeps: their load–latency curves overlaid (one series per run and quantity, a
// mark per capacity), and the capacity's change said in one line by the CLI, Markdown and HTML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareSummaries } from '../../../src/report/compare';
import { renderComparisonMarkdown, renderComparisonText } from '../../../src/shared/compare-render';
import { capacityChangeLine, capacityOverlay, OVERLAY_QUANTITIES } from '../../../src/shared/capacity-overlay';
import { renderHtml } from '../../../src/report/html';
import { sweepSummary } from './fixture';
import { makeSummary } from '../report/fixture';

const base = sweepSummary(30.67, 32);
const worse = sweepSummary(25.15, 26.5);

test('the overlay has each quantity for both runs, one point per step, and both capacities', () => {
  const o = capacityOverlay(base.capacity, worse.capacity)!;
  assert.equal(o.series.length, 2 * OVERLAY_QUANTITIES.length);
  for (const s of o.series) assert.equal(s.points.length, 3, s.id);
  assert.deepEqual(
    o.series.filter((s) => s.side === 'current' && s.id.endsWith('ttft-p95'))[0].points.map((p) => p.x),
    [12.575, 25.15, 26.5],
  );
  assert.deepEqual(
    o.fronts.map((f) => [f.side, f.points.length]),
    [
      ['baseline', 3],
      ['current', 3],
    ],
  );
  assert.deepEqual(o.marks, [
    { side: 'baseline', offered: 30.67, rpm: 1840.2 },
    { side: 'current', offered: 25.15, rpm: 1509 },
  ]);
  // A rate sweep and a VU sweep share no axis; a run without a sweep has no curve.
  assert.equal(capacityOverlay(base.capacity, { ...worse.capacity!, executor: 'sweep-vus' }), null);
  assert.equal(capacityOverlay(base.capacity, undefined), null);
});

test('CLI and Markdown say the capacity change first: a regression, or a rerun within tolerance', () => {
  const c = compareSummaries(base, worse);
  assert.equal(
    capacityChangeLine(c),
    'Capacity −18% vs baseline (1,840 → 1,509 RPM): worse beyond tolerance (a regression)',
  );
  const text = renderComparisonText(c);
  assert.equal(text.split('\n')[3], capacityChangeLine(c), 'right under the two runs');
  assert.match(
    renderComparisonMarkdown(c),
    /\*\*Capacity −18% vs baseline \(1,840 → 1,509 RPM\): worse beyond tolerance/,
  );
  const same = compareSummaries(base, sweepSummary(30, 32));
  assert.equal(capacityChangeLine(same), 'Capacity −2% vs baseline (1,840 → 1,800 RPM): within tolerance');
  // Runs that were not sweeps say nothing about capacity.
  const plain = compareSummaries(makeSummary(), makeSummary());
  assert.equal(capacityChangeLine(plain), null);
  assert.doesNotMatch(renderComparisonText(plain), /Capacity/);
});

test('the HTML comparison overlays both curves and marks both capacities', () => {
  const c = compareSummaries(base, worse);
  const html = renderHtml({ summary: worse, windows: [], comparison: c, baselineSummary: base });
  const section = html.slice(html.indexOf('<div id="capacity-comparison">'));
  assert.match(section, /<p class="bad"><strong>Capacity −18% vs baseline/);
  const groups = [
    ...section.matchAll(
      /<g class="overlay-series" data-series="([\w-]+)" data-side="(\w+)" data-points="(\d+)"><path ([^>]*)\/>/g,
    ),
  ];
  assert.equal(groups.length, 6);
  for (const g of groups) {
    assert.equal(g[3], '3', g[1]);
    assert.equal(g[4].includes('stroke-dasharray'), g[2] === 'baseline', `${g[1]}: the baseline dashed`);
  }
  const marks = [...section.matchAll(/<g class="overlay-capacity" data-side="(\w+)" data-offered="([\d.]+)">/g)].map(
    (m) => [m[1], Number(m[2])],
  );
  assert.deepEqual(marks, [
    ['baseline', 30.67],
    ['current', 25.15],
  ]);
  // Both Pareto fronts, the baseline dashed.
  const fronts = [
    ...section.matchAll(/<g class="overlay-front" data-side="(\w+)" data-points="(\d+)"><path ([^>]*)\/>/g),
  ];
  assert.deepEqual(
    fronts.map((f) => [f[1], Number(f[2]), f[3].includes('stroke-dasharray')]),
    [
      ['baseline', base.capacity!.pareto!.length, true],
      ['current', worse.capacity!.pareto!.length, false],
    ],
  );
  // Without the baseline's summary the line is still said (from the comparison), with no curves.
  const bare = renderHtml({ summary: worse, windows: [], comparison: c });
  assert.match(bare, /Capacity −18% vs baseline/);
  assert.doesNotMatch(bare, /overlay-series/);
});
