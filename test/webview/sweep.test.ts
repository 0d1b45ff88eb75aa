// The sweep's pictures in the built panel (headless Chromium): the live step ladder (offered vs
// achieved, one point per window) and, at the end, the load–latency curve with one point per step
// in each series and the capacity marked at the capacity step, and the throughput–latency Pareto
// front. Screenshots in light and dark.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openPanel, type PanelPage } from './harness';
import { loadRecordedRun, runMessages } from './fixture';
import type { HostToWebview, Summary, Window } from '../../src/protocol';
import { sweepSummary } from '../unit/capacity/fixture';
import { SWEEP_CURVE_SERIES } from '../../webview/sweep-charts';
import { PARETO_LABELS } from '../../webview/pareto-chart';

const SHOTS = join(__dirname, 'screenshots');

/** The recorded run's windows relabelled as a 3-step sweep, and its summary with a capacity. */
function sweepMessages(): { messages: HostToWebview[]; windows: Window[]; summary: Summary } {
  const run = loadRecordedRun();
  const per = Math.max(1, Math.floor(run.windows.length / 3));
  const offered = [15.33, 30.67, 32];
  const windows = run.windows.map((w, i) => ({
    ...w,
    sweepStep: Math.min(2, Math.floor(i / per)),
    planned: offered[Math.min(2, Math.floor(i / per))],
  }));
  const s = sweepSummary(30.67, 32);
  const summary: Summary = {
    ...run.summary,
    executor: 'sweep',
    capacity: s.capacity,
    metrics: { ...run.summary.metrics, capacity: { value: s.capacity!.rpm! } },
  };
  const info = { ...run.info, executor: 'sweep' };
  const messages = runMessages(info, windows, summary);
  return { messages, windows, summary };
}

type Counts = Record<string, Array<{ label: string; points: number; drawn: number; xs: number[] }>>;

describe('sweep charts in Chromium', () => {
  let p: PanelPage;
  const { messages, windows, summary } = sweepMessages();
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    p = await openPanel('dark');
  });
  after(async () => {
    await p?.close();
  });

  const counts = () =>
    p.page.evaluate(() => {
      const charts = (
        window as unknown as {
          __gatewayLoadSweepCharts: Record<
            string,
            {
              data: { datasets: Array<{ label: string; data: Array<{ x: number }> }> };
              getDatasetMeta(i: number): { data: unknown[] };
            }
          >;
        }
      ).__gatewayLoadSweepCharts;
      const out: Record<string, Array<{ label: string; points: number; drawn: number; xs: number[] }>> = {};
      for (const [id, c] of Object.entries(charts))
        out[id] = c.data.datasets.map((d, i) => ({
          label: d.label,
          points: d.data.length,
          drawn: c.getDatasetMeta(i).data.length,
          xs: d.data.map((q) => q.x),
        }));
      return out;
    }) as Promise<Counts>;

  test('live: the step ladder has one offered and one achieved point per window', async () => {
    await p.feed(messages.slice(0, 1 + windows.length));
    const c = await counts();
    assert.deepEqual(Object.keys(c), ['ladder'], 'no curve before the end');
    assert.deepEqual(
      c.ladder.map((d) => [d.label, d.points, d.drawn]),
      [
        ['offered /s', windows.length, windows.length],
        ['achieved /s', windows.length, windows.length],
      ],
    );
    assert.equal(await p.page.locator('section.sweep').isVisible(), true);
  });

  test('at the end: the curve has one point per step and series, and the capacity line at the capacity step', async () => {
    await p.feed(messages.slice(1 + windows.length));
    const c = await counts();
    const steps = summary.capacity!.steps;
    const curve = c.curve;
    assert.ok(curve, 'curve drawn');
    for (const s of SWEEP_CURVE_SERIES) {
      const d = curve.find((x) => x.label === s.label)!;
      const expected = steps.filter((st) => s.value(st) !== null).length;
      assert.equal(d.points, expected, `${s.label} points`);
      assert.equal(d.drawn, expected, `${s.label} drawn`);
    }
    const mark = curve.find((x) => x.label.startsWith('capacity '))!;
    assert.equal(mark.label, 'capacity 1,840 RPM');
    assert.deepEqual(mark.xs, [30.67, 30.67], 'a vertical line at the capacity step');
    // The throughput–latency Pareto front: every step as a dot, the front joined, the capacity step ringed.
    const pareto = c.pareto;
    assert.ok(pareto, 'Pareto front drawn');
    const front = summary.capacity!.pareto!;
    assert.deepEqual(
      pareto.map((d) => [d.label, d.points, d.drawn]),
      [
        [PARETO_LABELS.steps, steps.length, steps.length],
        [PARETO_LABELS.front, front.length, front.length],
        [PARETO_LABELS.capacity, 1, 1],
      ],
    );
    assert.deepEqual(
      pareto[1].xs,
      front.map((q) => q.tokensPerSecond),
    );
    assert.deepEqual(pareto[2].xs, [steps[summary.capacity!.atStep!].tokensPerSecond]);
    const headline = await p.page.locator('.sweep-headline').textContent();
    assert.equal(
      headline,
      'Capacity: 1,840 RPM at ≥ 95% SLO attainment (p95 TTFT 281 ms); limited by time_to_first_token',
    );
    await p.page.locator('section.sweep').screenshot({ path: join(SHOTS, 'sweep-dark.png') });
    await p.setTheme('light');
    await p.page.waitForTimeout(200);
    const after = await counts();
    assert.equal(after.curve.length, curve.length, 'rebuilt in the light theme');
    assert.equal(after.pareto.length, pareto.length, 'the front rebuilt in the light theme');
    await p.page.locator('section.sweep').screenshot({ path: join(SHOTS, 'sweep-light.png') });
  });
});
