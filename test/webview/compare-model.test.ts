// The compare view's model in plain Node, on the comparison recorded from two real runs (the
// second against a mock made 30% slower): the guard, the verdict, the table's text, the overlay
// series. compare.test.ts checks what Chromium draws from the same snapshot.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { isHostToWebview, isWebviewToHost, type CompareSnapshotNotification } from '../../src/protocol';
import { compareSummaries } from '../../src/report/compare';
import type { Comparison, StatComparison } from '../../src/shared/compare-types';
import {
  axisEnd,
  changeText,
  metricGroups,
  overallVerdict,
  overlaySpecs,
  seriesPoints,
} from '../../webview/compare/model';
import { expectedChange, loadRecordedComparison } from './compare-fixture';
import { renderPanelHtml } from '../../src/extension/panel-html';

const { snapshot } = loadRecordedComparison();
const c = snapshot.comparison;

describe('compare view model', () => {
  test("the fixture is compare.ts's verdict on its two summaries, and a regression", () => {
    const again = JSON.parse(
      JSON.stringify(compareSummaries(snapshot.baseline.summary, snapshot.current.summary)),
    ) as Comparison;
    assert.deepEqual(c, again);
    assert.equal(c.regression, true);
    const p50 = c.metrics.find((m) => m.metric === 'http_req_duration')!.stats.find((s) => s.stat === 'p50')!;
    assert.ok(p50.changePct! > 20 && p50.changePct! < 40, `p50 moved ${p50.changePct}%`);
  });

  test('guards: the snapshot is accepted, broken ones and unknown commands are not', () => {
    assert.equal(isHostToWebview(snapshot), true);
    const broken = (patch: Partial<Record<keyof CompareSnapshotNotification, unknown>>) => ({ ...snapshot, ...patch });
    assert.equal(isHostToWebview(broken({ comparison: { ...c, metrics: 'no' } })), false);
    assert.equal(isHostToWebview(broken({ baseline: { ...snapshot.baseline, windows: null } })), false);
    assert.equal(isHostToWebview(broken({ current: { ...snapshot.current, summary: { runId: 5 } } })), false);
    assert.equal(isWebviewToHost({ type: 'compare/openMarkdown' }), true);
    assert.equal(isWebviewToHost({ type: 'compare/openRun', side: 'baseline' }), true);
    assert.equal(isWebviewToHost({ type: 'compare/openRun', side: '../etc' }), false);
    assert.equal(isWebviewToHost({ type: 'compare/delete' }), false);
  });

  test('overall verdict: worse on a regression, naming what got worse', () => {
    const o = overallVerdict(c);
    assert.equal(o.verdict, 'worse');
    for (const w of c.worse) assert.ok(o.detail.includes(w), w);
    const noRegression: Comparison = {
      ...c,
      regression: false,
      worse: [],
      metrics: c.metrics.map((m) => ({ ...m, verdict: m.verdict === null ? null : 'same' })),
    };
    assert.equal(overallVerdict(noRegression).verdict, 'same');
    const better: Comparison = {
      ...noRegression,
      metrics: noRegression.metrics.map((m) => (m.metric === 'http_reqs' ? { ...m, verdict: 'better' } : m)),
    };
    assert.deepEqual(
      [overallVerdict(better).verdict, overallVerdict(better).detail],
      ['better', 'Better than the baseline beyond tolerance: http_reqs'],
    );
  });

  test('table: every statistic of every metric, change and verdict as compare.ts has them', () => {
    const groups = metricGroups(c);
    assert.deepEqual(
      groups.map((g) => g.metric),
      c.metrics.map((m) => m.metric),
    );
    for (const [i, g] of groups.entries()) {
      const m = c.metrics[i];
      assert.equal(g.verdict, m.verdict, m.metric);
      assert.equal(g.rows.length, m.stats.length, m.metric);
      for (const [j, r] of g.rows.entries()) {
        const s = m.stats[j];
        assert.equal(r.verdict, s.verdict, `${m.metric}.${s.stat}`);
        assert.equal(r.change, expectedChange(m.metric, s), `${m.metric}.${s.stat} change`);
        assert.equal(
          r.verdictText,
          s.verdict ? (s.note ? `${s.verdict} (${s.note})` : s.verdict) : s.note ? `not judged (${s.note})` : '',
        );
      }
    }
    const dur = groups.find((g) => g.metric === 'http_req_duration')!;
    assert.equal(dur.tolerance, '10%');
    assert.equal(groups.find((g) => g.metric === 'http_req_failed')!.tolerance, '0.5pt');
    const p50 = dur.rows.find((r) => r.stat === 'p50')!;
    const raw = c.metrics.find((m) => m.metric === 'http_req_duration')!.stats.find((s) => s.stat === 'p50')!;
    assert.equal(p50.baseline, `${raw.baseline!.toFixed(1)} ms`);
    assert.equal(p50.current, `${raw.current!.toFixed(1)} ms`);
  });

  test('a change from zero survives JSON (Infinity arrives as null)', () => {
    const s: StatComparison = JSON.parse(
      JSON.stringify({
        stat: 'p50',
        baseline: 0,
        current: 12,
        changePct: Infinity,
        delta: 12,
        decides: true,
        verdict: 'worse',
      }),
    ) as StatComparison;
    assert.equal(s.changePct, null);
    assert.equal(changeText('http_req_duration', s), '+∞');
    assert.equal(changeText('http_req_duration', { ...s, current: 0, delta: 0 }), '±0.0%');
    assert.equal(changeText('http_req_duration', { ...s, current: null }), '—');
  });

  test('overlay charts: both runs in every chart, one point per window of each run, same time axis', () => {
    const specs = overlaySpecs();
    assert.deepEqual(
      specs.map((s) => s.id),
      ['throughput', 'latency', 'ttft', 'errors'],
    );
    for (const spec of specs) {
      assert.deepEqual([...new Set(spec.series.map((s) => s.side))], ['baseline', 'current'], spec.id);
      for (const s of spec.series) {
        const ws = snapshot[s.side].windows;
        const pts = seriesPoints(snapshot, s);
        assert.equal(pts.length, ws.length, `${spec.id}/${s.label}`);
        assert.deepEqual(
          pts.map((p) => p.x),
          ws.map((w) => w.tMs / 1000),
        );
      }
    }
    const cur = snapshot.current.windows;
    const thr = seriesPoints(
      snapshot,
      specs[0].series.find((s) => s.side === 'current')!,
    );
    // Mid-run windows are one second long: the value is the window's count.
    assert.equal(thr[5].y, cur[5].succeeded / ((cur[5].tMs - cur[4].tMs) / 1000));
    const p95 = seriesPoints(
      snapshot,
      specs[1].series.find((s) => s.label === 'baseline p95')!,
    );
    assert.deepEqual(
      p95.map((p) => p.y),
      snapshot.baseline.windows.map((w) => (w.duration && w.duration.count > 0 ? w.duration.p95 : null)),
    );
    const lastT = (ws: readonly { tMs: number }[]) => ws[ws.length - 1].tMs / 1000;
    assert.equal(axisEnd(snapshot), Math.ceil(Math.max(lastT(snapshot.baseline.windows), lastT(cur))));
  });

  test('the compare page is the live page with data-view="compare" on #app, same CSP', () => {
    const opts = {
      cspSource: 'https://webview.test',
      nonce: 'abcdefghijklmnopqrstuv',
      scriptUri: 'https://webview.test/dist/webview.js',
      title: 't',
    };
    const live = renderPanelHtml(opts);
    const compare = renderPanelHtml({ ...opts, view: 'compare' });
    assert.match(live, /<div id="app"><\/div>/);
    assert.match(compare, /<div id="app" data-view="compare"><\/div>/);
    assert.equal(compare.replace(' data-view="compare"', ''), live);
  });
});
