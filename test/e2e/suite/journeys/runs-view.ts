// Journey 9: the "Load Test Runs" view lists the saved runs newest first and follows the disk.
//
// A tree view's rendered items are not readable from another extension, so this reads the list the
// tree is built from: `gatewayLoad.refreshRuns` resolves with the same `allRuns()` that the view's
// `getChildren` maps one to one into items (src/extension/runs-view.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { runFolders, runToEnd, stopAnyRun } from '../runs';
import { within, wsFile } from '../util';
import { JOURNEY } from './names';

interface RunListing {
  dir: string;
  runId: string;
  name: string;
  startedAt: string;
  status: string;
  passed: boolean | null;
}

function listed(): Promise<RunListing[]> {
  return within(
    vscode.commands.executeCommand<RunListing[]>('gatewayLoad.refreshRuns'),
    10_000,
    'gatewayLoad.refreshRuns',
  );
}

/** Registers journey 9. */
export function runsViewJourney(): void {
  describe(JOURNEY.runsView, () => {
    afterEach(stopAnyRun);

    it('the runs view is shown and lists every saved run, newest first; a deleted run leaves it', async () => {
      const older = await runToEnd(wsFile('short.load.yaml'), {});
      const newer = await runToEnd(wsFile('short.load.yaml'), {});
      // The view's own focus command exists only when the view is contributed and its `when` holds.
      await within(vscode.commands.executeCommand('gatewayLoad.runs.focus'), 10_000, 'gatewayLoad.runs.focus');

      const runs = await listed();
      assert.deepEqual(
        runs.slice(0, 2).map((r) => r.runId),
        [newer.runId, older.runId],
        `top of the list: ${runs
          .slice(0, 3)
          .map((r) => `${r.runId} ${r.startedAt}`)
          .join(', ')}`,
      );
      const starts = runs.map((r) => r.startedAt);
      assert.deepEqual(starts, [...starts].sort().reverse(), 'the runs are not newest first');
      // Every run folder on disk is listed, earlier journeys' runs included.
      assert.deepEqual(new Set(runs.map((r) => r.dir.split('/').pop())), runFolders());
      assert.ok(runs.length >= 2);
      const top = runs[0];
      assert.equal(top?.name, 'e2e short');
      assert.equal(top?.status, 'completed');
      assert.equal(top?.passed, true);

      const deleted = await within(
        vscode.commands.executeCommand<boolean>('gatewayLoad.deleteRun', newer.resultsDir, { confirm: false }),
        10_000,
        'gatewayLoad.deleteRun',
      );
      assert.equal(deleted, true);
      const after = await listed();
      assert.equal(after[0]?.runId, older.runId, 'after deleting the newest run, the older one should top the list');
      assert.ok(!after.some((r) => r.runId === newer.runId), 'the deleted run is still listed');
    });
  });
}
