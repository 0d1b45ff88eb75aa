// The built panel in headless Chromium, fed the messages of a run recorded from the real CLI
// against the mock: what a person sees (tiles, thresholds, charts, summary), in dark, light and
// high-contrast themes, with the page's strict CSP in force.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openPanel, themeColor, type PanelPage } from './harness';
import { loadRecordedRun, type RecordedRun } from './fixture';
import { fmtMs, fmtPct, fmtPerSec } from '../../webview/format';
import { bucketSize } from '../../webview/chart-specs';
import type { Window } from '../../src/protocol';

const SHOTS = join(__dirname, 'screenshots');

/** Independent arithmetic for the live tiles: success so far, p95 and rate over the last 10 s. */
function expectedLive(ws: readonly Window[]) {
  const completed = ws.reduce((a, w) => a + w.completed, 0);
  const succeeded = ws.reduce((a, w) => a + w.succeeded, 0);
  const lastT = ws[ws.length - 1].tMs;
  const recent = ws.filter((w) => w.tMs > lastT - 10_000);
  const startIdx = ws.indexOf(recent[0]);
  const span = (lastT - (startIdx > 0 ? ws[startIdx - 1].tMs : 0)) / 1000;
  const withDur = recent.filter((w) => w.duration && w.duration.count > 0);
  const n = withDur.reduce((a, w) => a + w.duration!.count, 0);
  const p95 = n ? withDur.reduce((a, w) => a + w.duration!.p95 * w.duration!.count, 0) / n : null;
  return {
    success: completed ? succeeded / completed : null,
    p95,
    rate: recent.reduce((a, w) => a + w.completed, 0) / span,
  };
}

interface ChartCounts {
  [id: string]: Array<{ label: string; type: string; raw: number; drawn: number }>;
}

describe('live panel in Chromium', () => {
  let run: RecordedRun;
  let p: PanelPage;
  let mid: number;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    run = loadRecordedRun();
    mid = Math.max(2, Math.floor(run.windows.length / 2));
    p = await openPanel('dark');
  });
  after(async () => {
    await p?.close();
  });

  const color = (cssVar: string) => themeColor(p, cssVar);

  const tile = (id: string) =>
    p.page.evaluate((kpi) => {
      const el = document.querySelector<HTMLElement>(`[data-kpi="${kpi}"]`)!;
      return {
        value: el.querySelector('.tile-value')!.textContent,
        target: el.querySelector('.tile-target')!.textContent,
        verdict: el.dataset.verdict,
        border: getComputedStyle(el).borderLeftColor,
        targetColor: getComputedStyle(el.querySelector('.tile-target')!).color,
      };
    }, id);

  const chartCounts = () =>
    p.page.evaluate(() => {
      const charts = (
        window as unknown as {
          __gatewayLoadCharts: Record<
            string,
            {
              data: { datasets: Array<{ label: string; type: string; data: unknown[]; _data?: unknown[] }> };
              getDatasetMeta(i: number): { data: unknown[] };
            }
          >;
        }
      ).__gatewayLoadCharts;
      const out: Record<string, Array<{ label: string; type: string; raw: number; drawn: number }>> = {};
      for (const [id, c] of Object.entries(charts)) {
        out[id] = c.data.datasets.map((d, i) => ({
          label: d.label,
          type: d.type,
          raw: (d._data ?? d.data).length,
          drawn: c.getDatasetMeta(i).data.length,
        }));
      }
      return out;
    }) as Promise<ChartCounts>;

  /** Bar series show nothing until their first non-zero window (most error classes never appear). */
  const barHasData = (label: string, ws: readonly Window[]) =>
    label === '429 responses/s'
      ? ws.some((w) => w.rateLimit.status429 > 0)
      : ws.some((w) => (w.errors[label as keyof Window['errors']] ?? 0) > 0);

  const assertCharts = async (windows: number) => {
    const ws = run.windows.slice(0, windows);
    const counts = await chartCounts();
    assert.deepEqual(Object.keys(counts), [
      'throughput',
      'latency',
      'ttft',
      'itl',
      'tokens',
      'concurrency',
      'errors',
      'ratelimit',
    ]);
    for (const [id, sets] of Object.entries(counts)) {
      for (const s of sets) {
        const expected =
          s.type !== 'bar' ? windows : barHasData(s.label, ws) ? Math.ceil(windows / bucketSize(windows)) : 0;
        assert.equal(s.raw, expected, `${id}/${s.label}: points`);
        assert.equal(s.drawn, expected, `${id}/${s.label}: elements drawn`);
      }
    }
  };

  test('posts webview/ready once it listens', async () => {
    assert.deepEqual(await p.posted(), [{ type: 'webview/ready' }]);
  });

  test('mid-run: tiles, thresholds and charts show the windows so far', async () => {
    await p.feed(run.messages.slice(0, 1 + mid));
    const ws = run.windows.slice(0, mid);
    const live = expectedLive(ws);
    const targets = run.info.targets;
    const green = await color('--vscode-charts-green');
    const red = await color('--vscode-charts-red');

    const success = await tile('success');
    assert.equal(success.value, fmtPct(live.success));
    if (targets.successRate !== undefined) {
      const met = live.success! >= targets.successRate;
      assert.equal(success.verdict, met ? 'met' : 'missed');
      assert.equal(success.border, met ? green : red);
      assert.equal(success.targetColor, met ? green : red);
      assert.equal(success.target, `${met ? '✓' : '✗'} target ${fmtPct(targets.successRate)}`);
    }
    const latency = await tile('latency');
    assert.equal(latency.value, fmtMs(live.p95));
    if (targets.responseTimeMs !== undefined && live.p95 !== null) {
      assert.equal(latency.verdict, live.p95 <= targets.responseTimeMs ? 'met' : 'missed');
      assert.equal(latency.border, live.p95 <= targets.responseTimeMs ? green : red);
    }
    const throughput = await tile('throughput');
    assert.equal(throughput.value, fmtPerSec(live.rate));
    if (targets.throughputPerSec !== undefined)
      assert.equal(throughput.verdict, live.rate >= targets.throughputPerSec ? 'met' : 'missed');

    const rows = await p.page.$$eval('table.thresholds tbody tr', (trs) =>
      trs.map((tr) => ({
        metric: tr.getAttribute('data-metric'),
        state: tr.getAttribute('data-state'),
        text: tr.querySelector('.threshold-state')!.textContent,
        color: getComputedStyle(tr.querySelector('.threshold-state')!).color,
      })),
    );
    const expectedRows = ws[ws.length - 1].thresholds;
    assert.equal(rows.length, expectedRows.length);
    rows.forEach((r, i) => {
      const t = expectedRows[i];
      assert.equal(r.metric, t.metric);
      if (t.value === null) {
        assert.equal(r.state, 'pending');
        return;
      }
      assert.equal(r.state, t.ok ? 'pass' : 'fail');
      assert.equal(r.text, t.ok ? '✓ pass' : '✗ fail');
      assert.equal(r.color, t.ok ? green : red);
    });

    await assertCharts(mid);
    // The points are the windows' values, not merely as many.
    const p95s = await p.page.evaluate(() =>
      (
        window as unknown as {
          __gatewayLoadCharts: { latency: { data: { datasets: Array<{ data: Array<{ y: number | null }> }> } } };
        }
      ).__gatewayLoadCharts.latency.data.datasets[1].data.map((d) => d.y),
    );
    assert.deepEqual(
      p95s,
      ws.map((w) => (w.duration && w.duration.count > 0 ? w.duration.p95 : null)),
    );

    const stage = await p.page.textContent('.stage');
    assert.match(stage ?? '', new RegExp(`^stage ${ws[ws.length - 1].stage + 1}/${run.info.stages.length} · `));
    await p.page.screenshot({ path: join(SHOTS, 'dark-running.png'), fullPage: true });
  });

  test('theme change recolours charts and tiles from the new variables', async () => {
    const lineColor = () =>
      p.page.evaluate(
        () =>
          (
            window as unknown as {
              __gatewayLoadCharts: { latency: { data: { datasets: Array<{ borderColor: string }> } } };
            }
          ).__gatewayLoadCharts.latency.data.datasets[0].borderColor,
      );
    assert.equal(await lineColor(), '#3794ff');
    await p.setTheme('light');
    assert.equal(await lineColor(), '#1a85ff');
    const success = await tile('success');
    if (success.verdict !== 'none')
      assert.equal(
        success.border,
        await color(success.verdict === 'met' ? '--vscode-charts-green' : '--vscode-charts-red'),
      );
    await p.page.screenshot({ path: join(SHOTS, 'light-running.png'), fullPage: true });
  });

  test('Stop posts run/stop for this run', async () => {
    await p.page.click('vscode-button.stop');
    const posted = await p.posted();
    assert.deepEqual(posted[posted.length - 1], { type: 'run/stop', runId: run.info.runId });
  });

  test('ended: the summary, its figures and its actions', async () => {
    await p.feed(run.messages.slice(1 + mid));
    await assertCharts(run.windows.length);
    assert.equal(await p.page.isVisible('vscode-button.stop'), false);
    assert.equal(await p.page.getAttribute('vscode-badge.status', 'data-status'), run.summary.status);
    const metrics = await p.page.$$eval('table.metrics tbody tr', (trs) =>
      trs.map((tr) => tr.getAttribute('data-metric')),
    );
    assert.deepEqual(metrics, Object.keys(run.summary.metrics).sort());
    const success = await tile('success');
    assert.equal(success.value, fmtPct(run.summary.requests.succeeded / run.summary.requests.sent));
    const latency = await tile('latency');
    assert.equal(latency.value, fmtMs(run.summary.metrics.http_req_duration?.p95));
    const rows = await p.page.$$eval('table.thresholds tbody tr', (trs) =>
      trs.map((tr) => tr.getAttribute('data-state')),
    );
    assert.deepEqual(
      rows,
      run.summary.thresholds.map((t) => (t.ok ? 'pass' : 'fail')),
    );
    const checks = await p.page.$$eval('table.checks tbody tr', (trs) => trs.length).catch(() => 0);
    assert.equal(checks, run.summary.checks.length);
    await p.page.screenshot({ path: join(SHOTS, 'light-ended.png'), fullPage: true });
    await p.setTheme('dark');
    await p.page.screenshot({ path: join(SHOTS, 'dark-ended.png'), fullPage: true });
    await p.setTheme('high-contrast');
    await p.page.screenshot({ path: join(SHOTS, 'high-contrast-ended.png'), fullPage: true });

    for (const action of ['run/exportReport', 'run/markBaseline', 'run/compareBaseline'] as const) {
      await p.page.click(`vscode-button[data-action="${action}"]`);
      const posted = await p.posted();
      assert.deepEqual(posted[posted.length - 1], { type: action, runId: run.info.runId });
    }
  });

  test('a reopened panel replays the whole run from one snapshot', async () => {
    await p.feed([
      { type: 'run/snapshot', info: run.info, windows: run.windows, status: run.summary.status, summary: run.summary },
    ]);
    await assertCharts(run.windows.length);
    assert.equal(await p.page.isVisible('.summary'), true);
  });

  test('a reloaded panel redraws from its saved state before the host replays', async () => {
    // The page is about to go: check its CSP record first.
    assert.deepEqual(await p.cspViolations(), []);
    await p.reload();
    assert.deepEqual(await p.posted(), [{ type: 'webview/ready' }]);
    await assertCharts(run.windows.length);
    assert.equal(await p.page.isVisible('.summary'), true);
    assert.equal((await tile('success')).value, fmtPct(run.summary.requests.succeeded / run.summary.requests.sent));
  });

  test('ignores messages that fail validation', async () => {
    const renders = await p.page.evaluate(async () => {
      const stats = (window as unknown as { __gatewayLoadStats: { renders: number } }).__gatewayLoadStats;
      const before = stats.renders;
      for (const m of [
        { type: 'bogus' },
        { type: 'run/window', window: {} },
        { type: 'run/ended', runId: 'x' },
        'run/snapshot',
        null,
      ])
        window.postMessage(m, '*');
      await new Promise((r) => setTimeout(r, 100));
      return stats.renders - before;
    });
    assert.equal(renders, 0);
  });

  test('no console errors and no CSP violations', async () => {
    assert.deepEqual(p.consoleErrors, []);
    assert.deepEqual(await p.cspViolations(), []);
  });
});
