// Journey 0 proves the harness itself: the suite runs inside a real VS Code extension host, sees the
// opened folder and can open a document. If this fails, nothing else can be trusted.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { open, workspaceDir, wsFile } from '../util';
import { JOURNEY } from './names';

/** Registers journey 0. */
export function hostJourney(): void {
  describe(JOURNEY.host, () => {
    it('runs inside a real VS Code extension host', () => {
      assert.match(vscode.version, /^1\.\d+\.\d+/);
      assert.ok(process.versions.node.startsWith('24.'), `extension host Node is ${process.versions.node}`);
      // The harness starts code-server with trust off (trusted mode) or on with the folder untrusted.
      assert.equal(vscode.workspace.isTrusted, process.env.GATEWAY_LOAD_E2E_MODE !== 'restricted');
    });
    it('has the workspace folder open and can open a file in it', async () => {
      assert.ok(workspaceDir().length > 0);
      const editor = await open(wsFile('README.md'));
      assert.equal(editor.document.getText().includes('e2e workspace'), true);
    });
  });
}
