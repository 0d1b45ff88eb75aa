// A long run's history merged for the panel (issue #11): totals and ratios stay exact, the worst
// second survives, the recent windows stay whole, and folding again keeps all of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldWindows, mergeWindows, windowsIn, PANEL_WINDOW_FOLD } from '../../../src/shared/window-fold';
import { syntheticRun } from '../../webview/synthetic';
import { reduce, initialState, type ViewState } from '../../../webview/state';
import { perSecond } from '../../../webview/chart-specs';
import type { Window } from '../../../src/protocol';

const total = (ws: readonly Window[], pick: (w: Window) => number) => ws.reduce((a, w) => a + pick(w), 0);

function withExtras(ws: Window[]): Window[] {
  return ws.map((w, i) => ({
    ...w,
    errors: i % 7 === 0 ? { http_5xx: 2, timeout: 1 } : {},
    reasons: i % 7 === 0 ? { 'r-500': 2, 'r-timeout': 1 } : undefined,
    newReasons: i === 700 ? [{ id: 'r-500', class: 'http_5xx', count: 1, message: 'HTTP 500' } as never] : undefined,
    slo: { judged: w.completed, met: Math.max(0, w.completed - (i % 3)), tokens: w.outputTokens },
    monitor: { 'node.cpu_busy': i === 1234 ? 97 : 20 + (i % 5), 'node.gap': null },
  }));
}

test('a 4-hour soak folds to the plan, its totals exact and its worst second kept', () => {
  const soak = withExtras(syntheticRun(14_400).windows);
  soak[2000] = { ...soak[2000], duration: { ...soak[2000].duration!, p99: 9_999 }, elu: 0.99, activeMax: 777 };
  const folded = foldWindows(soak);

  assert.ok(folded.length <= PANEL_WINDOW_FOLD.buckets + PANEL_WINDOW_FOLD.recent, `${folded.length} windows`);
  assert.ok(folded.length > PANEL_WINDOW_FOLD.recent + PANEL_WINDOW_FOLD.buckets / 2);
  assert.equal(total(folded, windowsIn), soak.length);
  for (const pick of [
    (w: Window) => w.completed,
    (w: Window) => w.succeeded,
    (w: Window) => w.failed,
    (w: Window) => w.started,
    (w: Window) => w.outputTokens,
    (w: Window) => w.errors.http_5xx ?? 0,
    (w: Window) => w.reasons?.['r-timeout'] ?? 0,
    (w: Window) => w.slo!.met,
    (w: Window) => w.slo!.judged,
    (w: Window) => w.duration?.count ?? 0,
  ])
    assert.equal(total(folded, pick), total(soak, pick));
  // The last 15 minutes are the engine's own windows, untouched.
  assert.deepEqual(folded.slice(-PANEL_WINDOW_FOLD.recent), soak.slice(-PANEL_WINDOW_FOLD.recent));
  assert.equal(folded.at(-1), soak.at(-1));
  // The worst second of the history is the worst of its merged window.
  assert.equal(Math.max(...folded.map((w) => w.duration?.p99 ?? 0)), 9_999);
  assert.equal(Math.max(...folded.map((w) => w.elu)), 0.99);
  assert.equal(Math.max(...folded.map((w) => w.activeMax)), 777);
  assert.equal(Math.max(...folded.map((w) => w.monitor?.['node.cpu_busy'] ?? 0)), 97);
  assert.equal(folded[0].monitor?.['node.gap'], null);
  assert.equal(folded.flatMap((w) => w.newReasons ?? []).length, 1);
  // Ascending, one index each, and old threshold states dropped.
  for (let i = 1; i < folded.length; i++) assert.ok(folded[i].index > folded[i - 1].index);
  assert.ok(folded.slice(0, -PANEL_WINDOW_FOLD.recent).every((w) => w.thresholds.length === 0));
});

test('a merged window reads per second as the mean of its seconds', () => {
  const ws = syntheticRun(30).windows.slice(10, 20);
  const merged = mergeWindows(ws);
  assert.equal(merged.folded, 10);
  assert.equal(merged.tMs, ws.at(-1)!.tMs);
  const mean = total(ws, (w) => w.succeeded) / ws.length;
  assert.equal(perSecond(merged, merged.succeeded), mean);
  const avg = total(ws, (w) => w.duration!.avg * w.duration!.count) / total(ws, (w) => w.duration!.count);
  assert.ok(Math.abs(merged.duration!.avg - avg) < 1e-9);
  assert.equal(merged.duration!.min, Math.min(...ws.map((w) => w.duration!.min)));
});

test('folding an already folded history again keeps the totals and an even resolution', () => {
  const soak = syntheticRun(14_400).windows;
  const once = foldWindows(soak.slice(0, 8_000));
  const again = foldWindows([...once, ...soak.slice(8_000)]);
  assert.equal(total(again, windowsIn), soak.length);
  assert.equal(
    total(again, (w) => w.completed),
    total(soak, (w) => w.completed),
  );
  const spans = again.slice(0, -PANEL_WINDOW_FOLD.recent).map(windowsIn);
  assert.ok(
    Math.max(...spans) <= 3 * Math.ceil(soak.length / PANEL_WINDOW_FOLD.buckets),
    `spans up to ${Math.max(...spans)}`,
  );
});

test('an hour or less is kept whole', () => {
  const short = syntheticRun(2_000).windows;
  assert.equal(foldWindows(short), short);
});

test('the panel folds its own history as a live soak grows, and redraws when it does', () => {
  const run = syntheticRun(PANEL_WINDOW_FOLD.maxWindows + 5);
  let state: ViewState = reduce(initialState, {
    type: 'run/snapshot',
    info: run.info,
    windows: [],
    status: 'running',
    summary: null,
  }).state;
  const changes: string[] = [];
  for (const w of run.windows) {
    const r = reduce(state, { type: 'run/window', runId: run.info.runId, window: w });
    state = r.state;
    changes.push(r.change);
  }
  assert.equal(changes.filter((c) => c === 'reset').length, 1);
  assert.equal(changes.indexOf('reset'), PANEL_WINDOW_FOLD.maxWindows);
  assert.ok(state.windows.length < PANEL_WINDOW_FOLD.maxWindows);
  assert.equal(total(state.windows, windowsIn), run.windows.length);
  assert.equal(state.windows.at(-1), run.windows.at(-1));
});
