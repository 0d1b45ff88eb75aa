// The load–latency curve and the capacity in the HTML and Markdown reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHtml } from '../../../src/report/html';
import { renderMarkdown } from '../../../src/report/markdown';
import { CURVE_SERIES } from '../../../src/report/capacity-report';
import { sweepSummary } from './fixture';

test('the HTML report draws one point per step and series, and marks the capacity', () => {
  const s = sweepSummary(30.67, 32);
  const html = renderHtml({ summary: s, windows: [] });
  assert.match(html, /<section id="capacity">/);
  assert.match(html, /Capacity: 1,840 RPM at ≥ 95% SLO attainment \(p95 TTFT 281 ms\); limited by time_to_first_token/);
  const groups = [...html.matchAll(/<g class="series" data-series="([\w-]+)" data-points="(\d+)">(.*?)<\/g>/g)];
  // tpot is null in the fixture; every other series has all three steps.
  assert.deepEqual(
    groups.map((g) => g[1]),
    CURVE_SERIES.map((x) => x.id),
  );
  for (const g of groups) {
    assert.equal(g[2], '3', g[1]);
    assert.equal((g[3].match(/<circle class="point"/g) ?? []).length, 3, g[1]);
  }
  const mark = /<g class="capacity-mark" data-offered="([\d.]+)"><line x1="([\d.]+)"/.exec(html);
  assert.ok(mark, 'capacity marked');
  assert.equal(Number(mark[1]), 30.67);
  // The mark sits on the capacity step's x: the second point of every series.
  const secondX = /<circle class="point" cx="([\d.]+)"[^>]*>.*?<\/circle><circle class="point" cx="([\d.]+)"/.exec(
    groups[0][3],
  )!;
  assert.equal(mark[2], secondX[2]);
});

test('Markdown has the headline and one row per step, the capacity step marked', () => {
  const md = renderMarkdown(sweepSummary(30.67, 32));
  assert.match(md, /### Capacity/);
  assert.match(md, /\*\*Capacity: 1,840 RPM/);
  assert.equal((md.match(/^\| \d/gm) ?? []).length, 3);
  assert.match(md, /\| 2 \| 30\.67 .*ok ← capacity \|/);
  assert.match(md, /\| 3 \| 32 .*slo: time_to_first_token \|/);
});
