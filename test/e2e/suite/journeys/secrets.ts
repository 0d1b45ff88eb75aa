// Journey 4: a secret stored with Set API Key is sent (the mock sees it) and written nowhere.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { filesUnder, mockControl, resultsRoot, stopAnyRun } from '../runs';
import { wsFile, workspaceDir } from '../util';
import { JOURNEY } from './names';
import { assertStarted, type RunResult } from './run';

interface MockStats {
  requests: number;
  lastAuth: Array<{ route: string; authorization?: string }>;
}

/** Registers journey 4. */
export function secretsJourney(): void {
  describe(JOURNEY.secrets, () => {
    afterEach(stopAnyRun);

    it('gatewayLoad.setApiKey stores a secret that a run sends and no written file contains', async () => {
      const value = `sk-e2e-${randomBytes(12).toString('hex')}`;
      const stored = await vscode.commands.executeCommand<string | undefined>(
        'gatewayLoad.setApiKey',
        'e2e-key',
        value,
      );
      assert.equal(stored, 'e2e-key');
      await mockControl('POST', 'reset');
      const result = await vscode.commands.executeCommand<RunResult>('gatewayLoad.run', wsFile('secret.load.yaml'), {});
      assertStarted(result);
      await result.done;
      const stats = await mockControl<MockStats>('GET', 'stats');
      assert.ok(stats.requests >= 5, `the mock saw ${stats.requests} requests`);
      assert.ok(
        stats.lastAuth.some((a) => a.authorization === `Bearer ${value}`),
        `the mock never saw the secret: ${JSON.stringify(stats.lastAuth.slice(0, 3))}`,
      );
      const files = [
        ...filesUnder(resultsRoot()),
        ...filesUnder(workspaceDir()).filter((f) => !f.startsWith(resultsRoot())),
      ];
      assert.ok(
        files.some((f) => f.startsWith(result.resultsDir)),
        'the run wrote no files',
      );
      const leaks = files.filter((f) => readFileSync(f, 'utf8').includes(value));
      assert.deepEqual(leaks, [], 'files containing the secret');
    });
  });
}
