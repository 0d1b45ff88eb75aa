// What the comparison panel is sent and the end-of-run baseline check, on the two runs recorded
// for the webview tests (real CLI runs; the second against a mock made 30% slower), written
// back to disk as run folders in a temporary workspace.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  baselineSourceDir,
  checkAgainstBaseline,
  compareSideOf,
  compareSnapshotOf,
} from '../../../src/extension/compare-snapshot';
import { isHostToWebview, type CompareSide } from '../../../src/protocol';
import { compareSummaries } from '../../../src/report/compare';
import { loadRun, markBaseline } from '../../../src/report/index';
import { loadRecordedComparison } from '../../webview/compare-fixture';

function writeRunFolder(dir: string, side: CompareSide): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(side.summary));
  writeFileSync(join(dir, 'windows.ndjson'), side.windows.map((w) => JSON.stringify(w)).join('\n') + '\n');
  writeFileSync(join(dir, 'run.json'), JSON.stringify(side.info));
}

describe('comparison snapshot and baseline check', () => {
  const { snapshot } = loadRecordedComparison();
  let ws: string;
  let before1: string;
  let slower: string;

  before(() => {
    ws = mkdtempSync(join(tmpdir(), 'gl-compare-snap-'));
    before1 = join(ws, '.gateway-load', 'runs', 'before');
    slower = join(ws, '.gateway-load', 'runs', 'slower');
    // The recorded baseline side came from a baseline file; give it a run folder of its own.
    writeRunFolder(before1, {
      ...snapshot.baseline,
      info: { ...snapshot.current.info, runId: snapshot.baseline.summary.runId },
    });
    writeRunFolder(slower, snapshot.current);
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  test('no baseline: nothing to check', () => {
    assert.equal(checkAgainstBaseline(ws, loadRun(slower).summary), undefined);
  });

  test('a run slower than its baseline is a regression; the baseline itself is not checked', () => {
    const file = markBaseline(ws, before1);
    const check = checkAgainstBaseline(ws, loadRun(slower).summary);
    assert.ok(check);
    assert.equal(check.baselineFile, file);
    assert.equal(check.comparison.regression, true);
    assert.ok(check.comparison.worse.includes('http_req_duration.p50'), check.comparison.worse.join(', '));
    assert.equal(checkAgainstBaseline(ws, loadRun(before1).summary), undefined);
    assert.equal(baselineSourceDir(ws, file), before1);
  });

  test('a run folder side: its run.json header, pointing at the folder', () => {
    const side = compareSideOf(loadRun(slower));
    assert.deepEqual(side.info, { ...snapshot.current.info, resultsDir: slower });
    assert.equal(side.source, slower);
    assert.equal(side.windows.length, snapshot.current.windows.length);
  });

  test('a baseline file side: header rebuilt from its copy, no folder, the file as source', () => {
    const file = markBaseline(ws, before1);
    const side = compareSideOf(loadRun(file));
    assert.equal(side.info.runId, snapshot.baseline.summary.runId);
    assert.equal(side.info.resultsDir, undefined);
    assert.equal(side.source, file);
    assert.equal(side.windows.length, snapshot.baseline.windows.length);
  });

  test("the snapshot carries compare.ts's verdict and passes the webview's guard", () => {
    const snap = compareSnapshotOf(loadRun(markBaseline(ws, before1)), loadRun(slower));
    assert.equal(isHostToWebview(JSON.parse(JSON.stringify(snap))), true);
    assert.deepEqual(snap.comparison, compareSummaries(snapshot.baseline.summary, snapshot.current.summary));
  });

  test('a baseline whose run folder was deleted has no source folder', () => {
    const file = markBaseline(ws, before1);
    rmSync(before1, { recursive: true, force: true });
    assert.equal(baselineSourceDir(ws, file), undefined);
  });
});
