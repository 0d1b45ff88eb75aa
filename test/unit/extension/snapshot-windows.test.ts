// What a snapshot carries of a long run: every window, threshold states on the newest only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { windowsForPanel } from '../../../src/extension/snapshot';
import { syntheticRun } from '../../webview/synthetic';

test('a snapshot keeps every window and its numbers, threshold states only on the newest', () => {
  const { windows } = syntheticRun(120);
  const out = windowsForPanel(windows);
  assert.equal(out.length, windows.length);
  assert.ok(out.slice(0, -1).every((w) => w.thresholds.length === 0));
  assert.deepEqual(out[out.length - 1], windows[windows.length - 1]);
  assert.deepEqual(
    out.map((w) => ({ ...w, thresholds: [] })),
    windows.map((w) => ({ ...w, thresholds: [] })),
  );
  // The saved windows themselves are not touched.
  assert.ok(windows.every((w) => w.thresholds.length === 2));
  assert.ok(JSON.stringify(out).length < JSON.stringify(windows).length * 0.85);
});
