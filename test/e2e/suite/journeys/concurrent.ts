// Journey 12: two scenarios run at once, each with its own worker and results folder; both finish
// with the requests they planned, each in a live panel of its own, and Stop All has nothing left to
// stop afterwards.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Summary } from '../../../../src/protocol';
import { extensionApi, readSummary, stopAllRuns } from '../runs';
import { waitFor, wsFile } from '../util';
import { JOURNEY } from './names';
import { assertStarted, type RunResult } from './run';

/** Registers journey 13. */
export function concurrentJourney(): void {
  describe(JOURNEY.concurrent, () => {
    afterEach(stopAllRuns);

    it('two scenarios run at once and both finish with their own results', async () => {
      const api = await extensionApi();
      const a = await vscode.commands.executeCommand<RunResult>(
        'gatewayLoad.run',
        wsFile('concurrent-a.load.yaml'),
        {},
      );
      assertStarted(a);
      const b = await vscode.commands.executeCommand<RunResult>(
        'gatewayLoad.run',
        wsFile('concurrent-b.load.yaml'),
        {},
      );
      assertStarted(b);
      await waitFor('both runs going at once', () => (api.runningRuns().length === 2 ? true : undefined), 10_000);
      assert.notEqual(a.resultsDir, b.resultsDir);
      // Each run has a live panel of its own, and each panel was sent its own run.
      const panels = await waitFor(
        'a live panel per run, each sent its snapshot',
        () => {
          const ps = api.livePanel().panels.filter((p) => p.shownRunId === a.runId || p.shownRunId === b.runId);
          return ps.length === 2 && ps.every((p) => (p.posted['run/snapshot'] ?? 0) >= 1) ? ps : undefined;
        },
        15_000,
      );
      assert.deepEqual(panels.map((p) => p.shownRunId).sort(), [a.runId, b.runId].sort());
      // The same file twice is refused: its run is going.
      const again = await vscode.commands.executeCommand<RunResult>(
        'gatewayLoad.run',
        wsFile('concurrent-a.load.yaml'),
        {},
      );
      assert.ok(again && 'blocked' in again && /already running/.test(again.blocked), JSON.stringify(again));
      const [sa, sb] = (await Promise.all([a.done, b.done])) as Summary[];
      for (const [s, dir, name] of [
        [sa, a.resultsDir, 'e2e concurrent a'],
        [sb, b.resultsDir, 'e2e concurrent b'],
      ] as const) {
        assert.equal(s.status, 'completed', `${name}: ${s.reason ?? ''}`);
        assert.equal(s.scenario, name);
        assert.equal(s.requests.sent, 15, `${name}: 5/s for 3 s`);
        assert.equal(s.requests.failed, 0);
        assert.equal(readSummary(dir)?.runId, s.runId, 'each run wrote its own folder');
      }
      assert.equal(api.runningRuns().length, 0);
      const stopped = await vscode.commands.executeCommand<Summary[]>('gatewayLoad.stopAll');
      assert.deepEqual(stopped, []);
    });

    it('Stop with a scenario Uri stops that run only', async () => {
      const api = await extensionApi();
      const a = await vscode.commands.executeCommand<RunResult>('gatewayLoad.run', wsFile('long.load.yaml'), {});
      assertStarted(a);
      const b = await vscode.commands.executeCommand<RunResult>(
        'gatewayLoad.run',
        wsFile('concurrent-b.load.yaml'),
        {},
      );
      assertStarted(b);
      await waitFor(
        'the long run going',
        () => (api.runningRuns().some((r) => r.runId === a.runId && r.windows >= 1) ? true : undefined),
        15_000,
      );
      const stopped = await vscode.commands.executeCommand<Summary | undefined>(
        'gatewayLoad.stop',
        wsFile('long.load.yaml'),
      );
      assert.equal(stopped?.status, 'stopped');
      const other = (await b.done) as Summary;
      assert.equal(other.status, 'completed', 'the other run went on to its end');
      const shown = api.livePanel().panels.map((p) => p.shownRunId);
      assert.ok(shown.includes(a.runId) && shown.includes(b.runId), `each kept its panel: ${JSON.stringify(shown)}`);
    });
  });
}
