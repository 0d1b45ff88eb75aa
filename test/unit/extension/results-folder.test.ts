// gatewayLoad.resultsFolder may only point inside the workspace or the user's home.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { safeResultsRoot, isInside } from '../../../src/extension/results-folder';

test('a results folder inside the workspace or home is kept; anywhere else falls back to the default', () => {
  const ws = '/work/ws';
  const home = '/home/u';
  assert.deepEqual(safeResultsRoot('.gateway-load/runs', ws, [ws], home), { root: '/work/ws/.gateway-load/runs' });
  assert.deepEqual(safeResultsRoot('out/runs', ws, [ws], home), { root: '/work/ws/out/runs' });
  assert.deepEqual(safeResultsRoot('/home/u/load-results', ws, [ws], home), { root: '/home/u/load-results' });
  assert.deepEqual(safeResultsRoot('', ws, [ws], home), { root: '/work/ws/.gateway-load/runs' });
  for (const bad of ['/etc/cron.d', '../../../etc', '/work/ws-other/x', '/home/u/../v/x'])
    assert.deepEqual(
      safeResultsRoot(bad, ws, [ws], home),
      { root: '/work/ws/.gateway-load/runs', rejected: resolve(ws, bad) },
      bad,
    );
  assert.ok(isInside('/a/b', '/a') && isInside('/a', '/a') && !isInside('/ab', '/a'));
});
