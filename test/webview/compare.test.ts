// The compare view in headless Chromium, fed the `compare/snapshot` built from two real runs
// (the second against a mock made 30% slower): the overall verdict, every overlay chart with
// both runs, the table's every row with its change and verdict (text and colour), the buttons,
// the strict CSP; screenshots in light and dark themes.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openPanel, themeColor, type PanelPage } from './harness';
import { expectedChange, loadRecordedComparison } from './compare-fixture';
import { THEMES } from './themes';
import type { CompareSnapshotNotification } from '../../src/protocol';
import type { Verdict } from '../../src/shared/compare-types';

const SHOTS = join(__dirname, 'screenshots');

interface DatasetInfo {
  label: string;
  raw: number;
  drawn: number;
  dash: number[];
  color: string;
}

describe('compare view in Chromium', () => {
  let snap: CompareSnapshotNotification;
  let p: PanelPage;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    snap = loadRecordedComparison().snapshot;
    p = await openPanel('light', { width: 1280, height: 900 }, { view: 'compare' });
  });
  after(async () => {
    await p?.close();
  });

  const color = (cssVar: string) => themeColor(p, cssVar);

  const datasets = () =>
    p.page.evaluate(() => {
      const charts = (
        window as unknown as {
          __gatewayLoadCharts: Record<
            string,
            {
              data: {
                datasets: Array<{
                  label: string;
                  data: unknown[];
                  _data?: unknown[];
                  borderDash?: number[];
                  borderColor: string;
                }>;
              };
              getDatasetMeta(i: number): { data: unknown[] };
            }
          >;
        }
      ).__gatewayLoadCharts;
      const out: Record<
        string,
        Array<{ label: string; raw: number; drawn: number; dash: number[]; color: string }>
      > = {};
      for (const [id, c] of Object.entries(charts)) {
        out[id] = c.data.datasets.map((d, i) => ({
          label: d.label,
          raw: (d._data ?? d.data).length,
          drawn: c.getDatasetMeta(i).data.length,
          dash: d.borderDash ?? [],
          color: d.borderColor,
        }));
      }
      return out;
    }) as Promise<Record<string, DatasetInfo[]>>;

  test('posts webview/ready once it listens, and waits for the comparison', async () => {
    assert.deepEqual(await p.posted(), [{ type: 'webview/ready' }]);
    assert.equal(await p.page.locator('main.compare-body').isHidden(), true);
  });

  test("the overall verdict: a regression, in words and in the theme's red", async () => {
    await p.feed([snap]);
    const overall = p.page.locator('section.overall');
    assert.equal(await overall.getAttribute('data-verdict'), 'worse');
    const text = await overall.textContent();
    assert.match(text ?? '', /Regression/);
    for (const w of snap.comparison.worse) assert.ok(text?.includes(w), `names ${w}`);
    const red = await color('--vscode-charts-red');
    assert.equal(await overall.evaluate((el) => getComputedStyle(el).borderLeftColor), red);
    assert.equal(await overall.locator('.verdict-badge').evaluate((el) => getComputedStyle(el).color), red);
    const cards = await p.page.locator('.run-card .run-id').allTextContents();
    assert.deepEqual(cards, [snap.baseline.info.runId, snap.current.info.runId]);
  });

  test('every overlay chart draws both runs, one point per window of each, baseline dashed', async () => {
    const all = await datasets();
    assert.deepEqual(Object.keys(all), ['throughput', 'latency', 'ttft', 'errors']);
    for (const [id, sets] of Object.entries(all)) {
      const sides = sets.map((d) => d.label.split(' ')[0]);
      assert.ok(sides.includes('baseline') && sides.includes('current'), `${id}: both runs`);
      for (const d of sets) {
        const side = d.label.startsWith('baseline') ? 'baseline' : 'current';
        const n = snap[side].windows.length;
        assert.equal(d.raw, n, `${id}/${d.label}: points`);
        assert.equal(d.drawn, n, `${id}/${d.label}: elements drawn`);
        assert.equal(d.dash.length > 0, side === 'baseline', `${id}/${d.label}: dashed iff baseline`);
      }
    }
    assert.deepEqual(
      all.latency.map((d) => d.label),
      ['baseline p50', 'baseline p95', 'baseline p99', 'current p50', 'current p95', 'current p99'],
    );
    // Something is on every canvas: charts are not blank rectangles.
    const painted = await p.page.$$eval('figure.chart-card canvas', (canvases) =>
      canvases.map((c) => {
        const ctx = (c as HTMLCanvasElement).getContext('2d')!;
        const { data } = ctx.getImageData(0, 0, (c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height);
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
        return n;
      }),
    );
    assert.equal(painted.length, 4);
    for (const n of painted) assert.ok(n > 1000, `painted pixels: ${n}`);
    assert.equal(await p.page.locator('figure.chart-card[data-empty]').count(), 0);
  });

  test('the table: every metric and statistic, change and verdict as compare.ts decided, coloured by verdict', async () => {
    const c = snap.comparison;
    const metricRows = await p.page.$$eval('tr.metric-row', (rows) =>
      rows.map((r) => ({ metric: r.getAttribute('data-metric'), verdict: r.getAttribute('data-verdict') })),
    );
    assert.deepEqual(
      metricRows,
      c.metrics.map((m) => ({ metric: m.metric, verdict: m.verdict ?? 'none' })),
    );
    const rows = await p.page.$$eval('tr.stat-row', (trs) =>
      trs.map((tr) => {
        const cells = [...tr.querySelectorAll('td')];
        const badge = tr.querySelector('.verdict-badge');
        return {
          metric: tr.getAttribute('data-metric'),
          stat: tr.getAttribute('data-stat'),
          change: cells[3].textContent,
          verdictCell: cells[5].textContent?.trim(),
          badge: badge
            ? {
                verdict: badge.getAttribute('data-verdict'),
                text: badge.textContent,
                color: getComputedStyle(badge).color,
              }
            : null,
          changeColor: getComputedStyle(cells[3]).color,
        };
      }),
    );
    const expected = c.metrics.flatMap((m) => m.stats.map((s) => ({ m, s })));
    assert.equal(rows.length, expected.length);
    const colours: Record<Verdict, string> = {
      worse: await color('--vscode-charts-red'),
      better: await color('--vscode-charts-green'),
      same: await color('--vscode-descriptionForeground'),
    };
    const seen = new Set<string>();
    for (const [i, { m, s }] of expected.entries()) {
      const r = rows[i];
      const where = `${m.metric}.${s.stat}`;
      assert.deepEqual([r.metric, r.stat], [m.metric, s.stat], where);
      assert.equal(r.change, expectedChange(m.metric, s), `${where} change`);
      if (s.verdict) {
        assert.equal(r.badge?.verdict, s.verdict, where);
        // The word is there, not only the colour.
        assert.match(r.badge?.text ?? '', new RegExp(`\\b${s.verdict}$`), where);
        assert.equal(r.badge?.color, colours[s.verdict], `${where} badge colour`);
        if (s.verdict !== 'same') assert.equal(r.changeColor, colours[s.verdict], `${where} change colour`);
        if (s.note) assert.ok(r.verdictCell?.includes(s.note), `${where} note`);
        seen.add(s.verdict);
      } else {
        assert.equal(r.badge, null, where);
        assert.equal(r.verdictCell, s.note ? `not judged (${s.note})` : '', where);
      }
    }
    // The recorded pair shows both kinds: what got worse, and what stayed within tolerance.
    assert.ok(seen.has('worse') && seen.has('same'), [...seen].join(','));
  });

  test('buttons ask the host: Open as Markdown, Show run', async () => {
    await p.page.locator('vscode-button[data-action="compare/openMarkdown"]').click();
    await p.page.locator('.run-card[data-side="baseline"] vscode-button').click();
    await p.page.locator('.run-card[data-side="current"] vscode-button').click();
    assert.deepEqual((await p.posted()).slice(1), [
      { type: 'compare/openMarkdown' },
      { type: 'compare/openRun', side: 'baseline' },
      { type: 'compare/openRun', side: 'current' },
    ]);
  });

  test('live-run messages and malformed snapshots change nothing', async () => {
    const before = await p.page.evaluate(
      () => (window as unknown as { __gatewayLoadStats: { renders: number } }).__gatewayLoadStats.renders,
    );
    await p.page.evaluate((s) => {
      window.postMessage({ type: 'run/snapshot', info: null, windows: [], status: 'completed', summary: null }, '*');
      window.postMessage({ ...s, comparison: { metrics: 'nope' } }, '*');
      window.postMessage({ ...s, current: { ...s.current, windows: 'nope' } }, '*');
    }, snap);
    await p.page.waitForTimeout(200);
    const after = await p.page.evaluate(
      () => (window as unknown as { __gatewayLoadStats: { renders: number } }).__gatewayLoadStats.renders,
    );
    assert.equal(after, before);
    assert.equal(
      await p.page.locator('tr.stat-row').count(),
      snap.comparison.metrics.reduce((a, m) => a + m.stats.length, 0),
    );
  });

  test('screenshots in light and dark; the charts follow the theme', async () => {
    // No hover or focus left on the last button clicked.
    await p.page.mouse.move(0, 0);
    await p.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await p.page.screenshot({ path: join(SHOTS, 'compare-light.png'), fullPage: true });
    await p.setTheme('dark');
    const all = await datasets();
    const current = all.latency.find((d) => d.label === 'current p95')!;
    assert.equal(current.color, THEMES.dark.vars['--vscode-charts-orange']);
    const red = await color('--vscode-charts-red');
    assert.equal(red, 'rgb(241, 76, 76)');
    assert.equal(
      await p.page.locator('section.overall .verdict-badge').evaluate((el) => getComputedStyle(el).color),
      red,
    );
    await p.page.screenshot({ path: join(SHOTS, 'compare-dark.png'), fullPage: true });
  });

  test('no console errors and no CSP violations', async () => {
    assert.deepEqual(p.consoleErrors, []);
    assert.deepEqual(await p.cspViolations(), []);
  });
});
