// Goodput live in the built panel (headless Chromium): a run with an `slo` gets a goodput chart
// (one point per window: met/s, the 10 s SLO attainment, the met requests' tokens/s) and a
// goodput tile (last 10 s while running, the summary's figures at the end); a run without one
// gets neither. Screenshots in light and dark.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openPanel, type PanelPage } from './harness';
import { loadRecordedRun, runMessages } from './fixture';
import type { HostToWebview, Summary, Window } from '../../src/protocol';

const SHOTS = join(__dirname, 'screenshots');

/** The recorded run with every window judged against an SLO: 9 in 10 requests met it. */
function sloMessages(): { messages: HostToWebview[]; windows: Window[]; summary: Summary } {
  const run = loadRecordedRun();
  const windows = run.windows.map((w) => ({
    ...w,
    slo: { judged: w.completed, met: Math.floor(w.completed * 0.9), tokens: Math.floor(w.completed * 0.9) * 10 },
  }));
  const summary: Summary = {
    ...run.summary,
    slo: {
      bounds: { time_to_first_token: 300 },
      judged: 100,
      met: 90,
      attainment: 0.9,
      goodput: 4.5,
      goodputTokensPerSecond: 45,
      misses: { failed: 0, time_to_first_token: 10, time_per_output_token: 0, http_req_duration: 0 },
      worst: { reason: 'time_to_first_token', share: 1 },
    },
  };
  const messages = runMessages(run.info, windows, summary);
  return { messages, windows, summary };
}

describe('goodput in the panel (Chromium)', () => {
  let p: PanelPage;
  const { messages, windows } = sloMessages();
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    p = await openPanel('light');
  });
  after(async () => {
    await p?.close();
  });

  const goodputChart = () =>
    p.page.evaluate(() => {
      const c = (
        window as unknown as {
          __gatewayLoadCharts: Record<
            string,
            { data: { datasets: Array<{ label: string; data: Array<{ y: number | null }> }> } }
          >;
        }
      ).__gatewayLoadCharts.goodput;
      return c ? c.data.datasets.map((d) => ({ label: d.label, ys: d.data.map((q) => q.y) })) : null;
    });
  const tile = () =>
    p.page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('[data-kpi="goodput"]');
      return el
        ? {
            value: el.querySelector('.tile-value')!.textContent,
            detail: el.querySelector('.tile-detail')!.textContent,
            scope: el.querySelector('.tile-scope')!.textContent,
          }
        : null;
    });

  test('a run without an SLO has no goodput chart or tile', async () => {
    await p.feed(loadRecordedRun().messages.slice(0, 5));
    assert.equal(await goodputChart(), null);
    assert.equal(await tile(), null);
  });

  test('live: one point per window, attainment over the last 10 windows, and the tile of the last 10 s', async () => {
    await p.feed(messages.slice(0, 1 + windows.length));
    const sets = (await goodputChart())!;
    assert.ok(sets, 'goodput chart drawn');
    const by = Object.fromEntries(sets.map((d) => [d.label, d.ys]));
    assert.deepEqual(
      by['goodput/s'],
      windows.map((w) => w.slo!.met),
    );
    assert.deepEqual(
      by['goodput tokens/s'],
      windows.map((w) => w.slo!.tokens),
    );
    const i = windows.length - 1;
    const last10 = windows.slice(i - 9, i + 1);
    const judged = last10.reduce((a, w) => a + w.slo!.judged, 0);
    const met = last10.reduce((a, w) => a + w.slo!.met, 0);
    assert.ok(Math.abs(by['SLO attainment % (10 s)'][i]! - (met / judged) * 100) < 1e-9);
    const t = (await tile())!;
    assert.equal(t.scope, ' · last 10 s');
    assert.match(t.detail ?? '', /^SLO attainment \d+(\.\d)?% · [\d.,]+ tokens\/s$/);
    assert.equal(await p.page.locator('figure[data-chart="goodput"]').isVisible(), true);
  });

  test("at the end: the tile shows the summary's goodput; screenshots", async () => {
    await p.feed(messages.slice(1 + windows.length));
    const t = (await tile())!;
    assert.equal(t.scope, ' · whole run');
    assert.match(t.value ?? '', /^4\.5/);
    assert.match(t.detail ?? '', /^SLO attainment 90(\.0)?% · 45(\.0)? tokens\/s$/);
    await p.page.locator('figure[data-chart="goodput"]').screenshot({ path: join(SHOTS, 'goodput-light.png') });
    await p.setTheme('dark');
    await p.page.waitForTimeout(200);
    await p.page.locator('figure[data-chart="goodput"]').screenshot({ path: join(SHOTS, 'goodput-dark.png') });
  });
});
