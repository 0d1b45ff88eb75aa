// A 4-hour soak in the panel (issue #11): 14,400 windows re-posted as one snapshot, as the host does
// on every reveal. The host merges the history into coarser windows (src/shared/window-fold.ts), so
// the whole re-post — the host's fold and serialisation, the page's parse and render — must cost
// about what an hour's does and stay near the 100 ms. The figures printed are each part.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPanel, type PanelPage } from './harness';
import { syntheticRun } from './synthetic';
import { windowsForPanel } from '../../src/extension/snapshot';
import { foldWindows, PANEL_WINDOW_FOLD } from '../../src/shared/window-fold';
import type { SnapshotNotification, Window } from '../../src/protocol';

const SOAK = 14_400;
const HOUR = 3_600;

/** Parses a snapshot's JSON in the page (as the webview's message channel does), posts it and returns parse + render time. */
function repost(p: PanelPage, json: string): Promise<{ parseMs: number; renderMs: number }> {
  return p.page.evaluate(async (text) => {
    const w = window as unknown as { __gatewayLoadStats: { renders: number; lastRenderMs: number } };
    const before = w.__gatewayLoadStats.renders;
    const t0 = performance.now();
    const msg = JSON.parse(text);
    const parseMs = performance.now() - t0;
    window.postMessage(msg, '*');
    const deadline = Date.now() + 30_000;
    while (w.__gatewayLoadStats.renders === before) {
      if (Date.now() > deadline) throw new Error('no render');
      await new Promise((r) => setTimeout(r, 5));
    }
    return { parseMs, renderMs: w.__gatewayLoadStats.lastRenderMs };
  }, json);
}

/** What the host does on a reveal: fold the windows it holds and serialise the snapshot. */
function hostSide(windows: readonly Window[], info: SnapshotNotification['info']): { json: string; ms: number } {
  const t0 = performance.now();
  const snap: SnapshotNotification = {
    type: 'run/snapshot',
    info,
    windows: windowsForPanel(windows),
    status: 'running',
    summary: null,
  };
  const json = JSON.stringify(snap);
  return { json, ms: performance.now() - t0 };
}

/** The windows a live run's host holds after `windows` arrived: it merges its history as it goes (run-controller.ts). */
function heldByHost(windows: readonly Window[]): Window[] {
  const held: Window[] = [];
  for (const w of windows) {
    held.push(w);
    if (held.length > PANEL_WINDOW_FOLD.maxWindows) held.splice(0, held.length, ...foldWindows(held));
  }
  return held;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (n: number) => (n / 1048576).toFixed(2);

describe('a 4-hour soak re-posted to the panel', () => {
  let p: PanelPage;
  before(async () => {
    p = await openPanel('dark');
  });
  after(async () => {
    await p?.close();
  });

  test('a snapshot of 14,400 windows re-posts in about the time of an hour, its history merged', async (t) => {
    const soak = syntheticRun(SOAK);
    const hour = syntheticRun(HOUR);
    t.diagnostic(
      `whole, the soak's windows are ${mb(JSON.stringify(soak.windows).length)} MB of JSON; the hour's ${mb(JSON.stringify(hour.windows).length)} MB`,
    );
    const held = { soak: heldByHost(soak.windows), hour: heldByHost(hour.windows) };
    t.diagnostic(`the host holds ${held.soak.length} windows after the soak, ${held.hour.length} after the hour`);
    // A saved run opened from its folder is folded whole on each reveal: that costs more, once.
    const t0 = performance.now();
    const fromDisk = windowsForPanel(soak.windows);
    t.diagnostic(`a saved soak folded from all ${SOAK} windows in ${(performance.now() - t0).toFixed(1)} ms`);
    assert.ok(fromDisk.length <= PANEL_WINDOW_FOLD.maxWindows && held.soak.length <= PANEL_WINDOW_FOLD.maxWindows);
    // Interleaved, so a busy machine slows both alike; the first of each builds the charts.
    const totals = { soak: [] as number[], hour: [] as number[] };
    let soakJson = '';
    for (let i = 0; i < 5; i++) {
      for (const [name, run] of [
        ['hour', hour],
        ['soak', soak],
      ] as const) {
        const host = hostSide(held[name], run.info);
        const page = await repost(p, host.json);
        if (name === 'soak') soakJson = host.json;
        const sum = host.ms + page.parseMs + page.renderMs;
        totals[name].push(sum);
        t.diagnostic(
          `${name} re-post ${i + 1}: ${mb(host.json.length)} MB; host fold + stringify ${host.ms.toFixed(1)} ms, page parse ${page.parseMs.toFixed(1)} ms, render ${page.renderMs.toFixed(1)} ms: ${sum.toFixed(1)} ms`,
        );
      }
    }
    const points = await p.page.evaluate(() => {
      const c = (
        window as unknown as {
          __gatewayLoadCharts: Record<string, { data: { datasets: Array<{ data: unknown[]; _data?: unknown[] }> } }>;
        }
      ).__gatewayLoadCharts;
      return (c.latency.data.datasets[0]._data ?? c.latency.data.datasets[0].data).length;
    });
    const [s, h] = [median(totals.soak.slice(1)), median(totals.hour.slice(1))];
    const best = Math.min(...totals.soak.slice(1));
    t.diagnostic(
      `soak re-post: median ${s.toFixed(1)} ms, best ${best.toFixed(1)} ms; hour: median ${h.toFixed(1)} ms`,
    );
    t.diagnostic(`latency p50 series of the soak: ${points} points for ${SOAK} windows`);

    // The history merged, the last 15 minutes whole: one point per window the page holds.
    const posted = (JSON.parse(soakJson) as SnapshotNotification).windows;
    assert.equal(points, posted.length);
    assert.ok(posted.length <= PANEL_WINDOW_FOLD.maxWindows, `${posted.length} windows`);
    assert.equal(
      posted.reduce((n, w) => n + (w.folded ?? 1), 0),
      SOAK,
      'every second is in the snapshot',
    );
    assert.ok(soakJson.length < 3 * 1048576, `${mb(soakJson.length)} MB`);
    // Four times the windows, about the same re-post (whole, the soak measured 500–1,200 ms).
    assert.ok(s < 1.5 * h + 20, `soak ${s.toFixed(1)} ms vs hour ${h.toFixed(1)} ms`);
    // The bound is 100 ms; a loaded 2-core machine gets room, the note has the quiet figure.
    assert.ok(best < 200, `soak re-post best ${best.toFixed(1)} ms`);
    assert.deepEqual(p.consoleErrors, []);
  });
});
