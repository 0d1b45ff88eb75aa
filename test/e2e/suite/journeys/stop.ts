// Journey 3: a long run stopped after 3 s ends gracefully, with a summary in the stopped state.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Summary } from '../../../../src/protocol';
import { extensionApi, newRunFolder, readSummary, runFolders, stopAnyRun } from '../runs';
import { waitFor, wsFile } from '../util';
import { JOURNEY } from './names';
import { assertStarted, type RunResult } from './run';

/** Registers journey 3. */
export function stopJourney(): void {
  describe(JOURNEY.stop, () => {
    afterEach(stopAnyRun);

    it('a 2-minute run stopped after 3 s ends with a summary, status stopped', async () => {
      const before = runFolders();
      const result = await vscode.commands.executeCommand<RunResult>('gatewayLoad.run', wsFile('long.load.yaml'), {});
      assertStarted(result);
      // The worker takes a moment to start: count the 3 s from the run's first window.
      const api = await extensionApi();
      await waitFor(
        'the first window of the long run',
        () => ((api.currentRun()?.windows ?? 0) >= 1 ? true : undefined),
        15_000,
      );
      const t0 = Date.now();
      await new Promise((r) => setTimeout(r, 3000));
      const stopped = await vscode.commands.executeCommand<Summary | undefined>('gatewayLoad.stop');
      assert.ok(stopped, 'gatewayLoad.stop found no run going');
      const elapsed = Date.now() - t0;
      // gracefulStop is 5 s and the mock answers in well under that.
      assert.ok(elapsed < 15_000, `stop took ${elapsed} ms`);
      const dir = await waitFor(
        'summary.json of the stopped run',
        () => {
          const d = newRunFolder(before);
          return d && readSummary(d) ? d : undefined;
        },
        10_000,
      );
      const summary = readSummary(dir);
      assert.ok(summary);
      assert.equal(summary.status, 'stopped');
      assert.equal(stopped.status, 'stopped');
      assert.ok(summary.requests.sent >= 10, `only ${summary.requests.sent} requests in 3 s at 5/s`);
      assert.ok(summary.requests.sent < 100, `${summary.requests.sent} requests: the run did not stop`);
      assert.ok(summary.durationMs < 15_000, `durationMs ${summary.durationMs}`);
    });
  });
}
