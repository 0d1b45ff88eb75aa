// Journey 5: in Restricted Mode (workspace trust on, folder untrusted) Run refuses with a message
// and writes nothing, while validation keeps working.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { runFolders } from '../runs';
import { open, wsFile } from '../util';
import { assertDiagnosticsMatchValidator } from './language';
import { JOURNEY } from './names';
import type { RunResult } from './run';

/** Registers journey 5. */
export function restrictedJourney(): void {
  describe(JOURNEY.restricted, () => {
    it('the workspace is untrusted', () => {
      assert.equal(vscode.workspace.isTrusted, false);
    });

    it('gatewayLoad.run refuses with a message and starts nothing', async () => {
      await open(wsFile('run-small.load.yaml'));
      const before = runFolders();
      // The suite lives inside the extension's folder, so VS Code hands it the same `vscode` API object
      // as the extension: wrapping showErrorMessage here sees the message the user would see.
      const shown: string[] = [];
      const original = vscode.window.showErrorMessage;
      (vscode.window as { showErrorMessage: unknown }).showErrorMessage = (message: string) => {
        shown.push(message);
        return Promise.resolve(undefined);
      };
      let result: RunResult;
      try {
        result = await vscode.commands.executeCommand<RunResult>('gatewayLoad.run', wsFile('run-small.load.yaml'));
        await new Promise((r) => setTimeout(r, 200));
      } finally {
        (vscode.window as { showErrorMessage: unknown }).showErrorMessage = original;
      }
      assert.equal(shown.length, 1, `messages shown: ${JSON.stringify(shown)}`);
      assert.match(shown[0] ?? '', /Restricted Mode/);
      assert.ok(result && 'blocked' in result, `gatewayLoad.run did not refuse: ${JSON.stringify(result)}`);
      assert.match(result.blocked, /Restricted Mode/);
      assert.match(result.blocked, /[Tt]rust/);
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(
        [...runFolders()].filter((n) => !before.has(n)),
        [],
        'a results folder was created',
      );
    });

    it("diagnostics still match the validator's", async () => {
      await assertDiagnosticsMatchValidator('mistakes.load.yaml', 3);
    });
  });
}
