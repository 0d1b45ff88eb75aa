// The panel's view model in plain Node: the reducer, the tiles' figures, the stage label, the
// chart series and the panel's HTML. No browser here; panel.test.ts covers what is drawn.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  initialState,
  reduce,
  restoreState,
  stateForSaving,
  SAVED_WINDOWS,
  stageLabel,
  elapsedMs,
  remainingMs,
  type ViewState,
} from '../../webview/state';
import { computeKpis, peakRecentRate } from '../../webview/kpis';
import { barPoints, bucketSize, chartSpecs, MAX_BARS } from '../../webview/chart-specs';
import { thresholdRows } from '../../webview/thresholds';
import { fmtClock, fmtMs, fmtPct, fmtPerSec } from '../../webview/format';
import { renderPanelHtml } from '../../src/extension/panel-html';
import type { HostToWebview } from '../../src/protocol';
import { syntheticRun } from './synthetic';

function play(messages: HostToWebview[], from: ViewState = initialState): ViewState {
  return messages.reduce((s, m) => reduce(s, m).state, from);
}

describe('reducer', () => {
  const run = syntheticRun(30);
  const [snapshot, ...rest] = run.messages;

  test('a snapshot resets, windows append in order, ended sets the summary', () => {
    const r0 = reduce(initialState, snapshot);
    assert.equal(r0.change, 'reset');
    assert.equal(r0.state.status, 'running');
    const r1 = reduce(r0.state, rest[0]);
    assert.equal(r1.change, 'append');
    assert.equal(r1.state.windows.length, 1);
    const end = play(rest, r0.state);
    assert.equal(end.windows.length, 30);
    assert.equal(end.status, 'completed');
    assert.equal(end.summary?.runId, run.info.runId);
  });

  test('a window already replayed, or of another run, or after the end is ignored', () => {
    const mid = play(run.messages.slice(0, 6));
    const again = reduce(mid, run.messages[5]);
    assert.equal(again.change, 'ignored');
    assert.equal(again.state, mid);
    const other = reduce(mid, { type: 'run/window', runId: 'other', window: run.windows[6] });
    assert.equal(other.change, 'ignored');
    const ended = reduce(mid, { type: 'run/ended', runId: run.info.runId, status: 'stopped', summary: run.summary });
    assert.equal(reduce(ended.state, run.messages[7]).change, 'ignored');
    assert.equal(ended.state.status, 'stopped');
  });

  test('a window without the numbers we plot is ignored', () => {
    const mid = play(run.messages.slice(0, 3));
    const bad = {
      type: 'run/window',
      runId: run.info.runId,
      window: { index: 9, tMs: 'soon' },
    } as unknown as HostToWebview;
    assert.equal(reduce(mid, bad).change, 'ignored');
  });

  test('a snapshot replay sorts and de-duplicates windows; a snapshot without a run goes idle', () => {
    const ws = [run.windows[2], run.windows[0], run.windows[1], run.windows[0]];
    const s = reduce(initialState, {
      type: 'run/snapshot',
      info: run.info,
      windows: ws,
      status: 'running',
      summary: null,
    }).state;
    assert.deepEqual(
      s.windows.map((w) => w.index),
      [0, 1, 2],
    );
    assert.equal(
      reduce(s, { type: 'run/snapshot', info: null, windows: [], status: 'running', summary: null }).state.status,
      'idle',
    );
  });

  test('saved state is restored only when it has the right shape', () => {
    const mid = play(run.messages.slice(0, 4));
    const restored = restoreState(JSON.parse(JSON.stringify(mid)));
    assert.deepEqual(restored, mid);
    assert.equal(restoreState({ info: { runId: 3 }, windows: [] }), initialState);
    assert.equal(restoreState('junk'), initialState);
  });

  test('the saved copy keeps the newest windows and the newest threshold states', () => {
    const long = play(syntheticRun(SAVED_WINDOWS + 50).messages.slice(0, -1));
    const saved = stateForSaving(long);
    assert.equal(saved.windows.length, SAVED_WINDOWS);
    assert.equal(saved.windows[0].index, 50);
    assert.deepEqual(saved.windows[SAVED_WINDOWS - 1], long.windows[long.windows.length - 1]);
    assert.ok(saved.windows.slice(0, -1).every((w) => w.thresholds.length === 0));
    assert.equal(restoreState(JSON.parse(JSON.stringify(saved))).windows.length, SAVED_WINDOWS);
  });
});

describe('header figures', () => {
  const run = syntheticRun(30);
  test('stage label, elapsed and remaining follow the newest window', () => {
    const s = play(run.messages.slice(0, 6));
    assert.equal(stageLabel(s), 'stage 1/3 · ramp to 40/s');
    assert.equal(elapsedMs(s), 5000);
    assert.equal(remainingMs(s), 25000);
    assert.equal(stageLabel(play(run.messages.slice(0, 16))), 'stage 2/3 · hold at 40/s');
    assert.equal(stageLabel(play(run.messages.slice(0, 29))), 'stage 3/3 · ramp down to 0');
  });
  test('closed models say VUs', () => {
    const info = { ...run.info, kind: 'closed' as const, stages: [{ durationMs: 10_000, target: 20, label: '20' }] };
    const s = play([{ type: 'run/snapshot', info, windows: [run.windows[0]], status: 'running', summary: null }]);
    assert.equal(stageLabel(s), 'stage 1/1 · ramp to 20 VUs');
  });
});

describe('KPI tiles', () => {
  const run = syntheticRun(30);
  test('live: success so far, latency and throughput over the last 10 s, judged against targets', () => {
    const s = play(run.messages.slice(0, 21));
    const ws = run.windows.slice(0, 20);
    const ok = ws.reduce((a, w) => a + w.succeeded, 0) / ws.reduce((a, w) => a + w.completed, 0);
    const last10 = ws.slice(10);
    const rate = last10.reduce((a, w) => a + w.completed, 0) / 10;
    const [success, latency, throughput] = computeKpis(s);
    assert.equal(success.value, fmtPct(ok));
    assert.equal(success.verdict, ok >= 0.99 ? 'met' : 'missed');
    assert.equal(throughput.value, fmtPerSec(rate));
    assert.equal(throughput.verdict, rate >= 36 ? 'met' : 'missed');
    const p95 =
      last10.reduce((a, w) => a + w.duration!.p95 * w.duration!.count, 0) /
      last10.reduce((a, w) => a + w.duration!.count, 0);
    assert.equal(latency.value, fmtMs(p95));
    assert.equal(latency.verdict, p95 <= 300 ? 'met' : 'missed');
    assert.equal(latency.target, 'target 300 ms');
  });
  test('ended: figures from the summary; throughput is the best 10 s', () => {
    const s = play(run.messages);
    const [success, latency, throughput] = computeKpis(s);
    assert.equal(success.value, fmtPct(run.summary.requests.succeeded / run.summary.requests.sent));
    assert.equal(latency.value, fmtMs(run.summary.metrics.http_req_duration.p95));
    assert.equal(throughput.scope, 'best 10 s');
    let best = 0;
    for (let i = 9; i < 30; i++)
      best = Math.max(best, run.windows.slice(i - 9, i + 1).reduce((a, w) => a + w.completed, 0) / 10);
    assert.ok(Math.abs(peakRecentRate(s.windows)! - best) < 1e-9);
  });
  test('no target, no verdict; no data, a dash', () => {
    const info = { ...run.info, targets: {} };
    const kpis = computeKpis(play([{ type: 'run/snapshot', info, windows: [], status: 'running', summary: null }]));
    assert.ok(kpis.every((k) => k.verdict === 'none' && k.value === '—'));
  });
});

describe('thresholds and charts', () => {
  const run = syntheticRun(30);
  test('thresholds come from the newest window, then from the summary', () => {
    const rows = thresholdRows(play(run.messages.slice(0, 11)));
    assert.deepEqual(
      rows.map((r) => [r.metric, r.state]),
      run.windows[9].thresholds.map((t) => [t.metric, t.ok ? 'pass' : 'fail']),
    );
  });
  test('bars are bucketed to at most MAX_BARS, each the mean per second', () => {
    const long = syntheticRun(3600);
    assert.equal(bucketSize(3600), 15);
    const bars = barPoints(long.windows, (ws, i) => ws[i].completed);
    assert.ok(bars.length <= MAX_BARS);
    assert.equal(bars.length, 240);
    const first = long.windows.slice(0, 15).reduce((a, w) => a + w.completed, 0) / 15;
    assert.ok(Math.abs(bars[0].y - first) < 1e-9);
    assert.equal(bars[0].x, 7.5);
  });
  test('every chart has series; open runs plot the planned rate on its own axis', () => {
    const specs = chartSpecs(run.info);
    assert.deepEqual(
      specs.map((c) => c.id),
      ['throughput', 'latency', 'ttft', 'itl', 'tokens', 'concurrency', 'errors', 'ratelimit'],
    );
    const planned = specs.find((c) => c.id === 'concurrency')!.series.find((s) => s.key === 'planned')!;
    assert.equal(planned.axis, 'y1');
    assert.equal(
      chartSpecs({ ...run.info, kind: 'closed' })
        .find((c) => c.id === 'concurrency')!
        .series.find((s) => s.key === 'planned')!.axis,
      'y',
    );
  });
});

describe('formatting', () => {
  test('a miss never rounds up to 100%', () => {
    assert.equal(fmtPct(0.9996), '99.96%');
    assert.equal(fmtPct(1), '100.0%');
    assert.equal(fmtPct(0.987), '98.7%');
  });
  test('durations and clocks', () => {
    assert.equal(fmtMs(0.42), '0.42 ms');
    assert.equal(fmtMs(87.4), '87 ms');
    assert.equal(fmtMs(1240), '1.24 s');
    assert.equal(fmtClock(3_723_000), '1:02:03');
    assert.equal(fmtClock(65_000), '1:05');
  });
});

describe('panel HTML', () => {
  const nonce = 'abcdefghijklmnopqrstuv==';
  test('strict CSP: nothing but the nonce runs, resources only from the webview origin', () => {
    const html = renderPanelHtml({
      cspSource: 'https://x.vscode-cdn.net',
      nonce,
      scriptUri: 'https://x.vscode-cdn.net/dist/webview.js',
      title: 'Run <1>',
    });
    const csp = /content="([^"]+)"/.exec(html)![1];
    assert.equal(
      csp,
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src https://x.vscode-cdn.net 'nonce-${nonce}'; img-src https://x.vscode-cdn.net data:; font-src https://x.vscode-cdn.net`,
    );
    assert.ok(!csp.includes('unsafe'));
    assert.match(html, /<title>Run &lt;1&gt;<\/title>/);
    assert.equal([...html.matchAll(/<script /g)].length, 1);
    assert.match(
      html,
      new RegExp(`<script nonce="${nonce.replace(/[+/=]/g, '\\$&')}" src="https://x.vscode-cdn.net/dist/webview.js">`),
    );
  });
  test('refuses a nonce or source that could break out of the attribute', () => {
    assert.throws(() => renderPanelHtml({ cspSource: 'x', nonce: 'short', scriptUri: 'a', title: 't' }));
    assert.throws(() => renderPanelHtml({ cspSource: "x 'unsafe-inline'", nonce, scriptUri: 'a', title: 't' }));
    assert.throws(() => renderPanelHtml({ cspSource: 'x', nonce: `${nonce}"><script>`, scriptUri: 'a', title: 't' }));
  });
});
