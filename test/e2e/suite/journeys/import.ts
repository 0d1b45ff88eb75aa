// Journey 13: "New Scenario From…" on a HAR recording writes a scenario beside it and opens it; the
// scenario validates (no error diagnostics), never holds the recorded key, and joins the Test Explorer.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { extensionApi } from '../runs';
import { waitFor, wsFile } from '../util';
import { JOURNEY } from './names';

/** Registers journey 14. */
export function importJourney(): void {
  describe(JOURNEY.import, () => {
    it('New Scenario From… on a HAR opens a valid scenario', async () => {
      const target = wsFile('recording.load.yaml');
      if (existsSync(target.fsPath)) rmSync(target.fsPath);
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>(
        'gatewayLoad.newScenarioFrom',
        wsFile('recording.har'),
      );
      assert.ok(uri, 'the command resolved with no scenario');
      assert.equal(uri.fsPath, target.fsPath);
      assert.equal(
        vscode.window.activeTextEditor?.document.uri.toString(),
        uri.toString(),
        'the new scenario is open in the editor',
      );
      assert.equal(vscode.window.activeTextEditor?.document.languageId, 'gateway-load');
      const text = readFileSync(uri.fsPath, 'utf8');
      assert.ok(!text.includes('sk-recorded-key'), 'the recorded key is not in the file');
      assert.match(text, /Authorization: Bearer \$\{secret:gateway-key\}/);
      assert.match(text, /name: chat-stream/);
      // Validation runs with a debounce: wait until the document has been validated, then expect no errors.
      const api = await extensionApi();
      const item = await waitFor(
        'the imported scenario in the Test Explorer',
        () => api.testItems().items.find((i) => i.id === uri.toString()),
        20_000,
      );
      assert.equal(item.error, undefined);
      await new Promise((r) => setTimeout(r, 1500));
      const errors = vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      assert.deepEqual(
        errors.map((d) => d.message),
        [],
      );
    });

    it('"Load test this request" sits above each request of a .http file', async () => {
      const http = wsFile('requests.http');
      await vscode.workspace.fs.writeFile(
        http,
        new TextEncoder().encode(
          'POST {{$processEnv GATEWAY_URL}}/v1/chat/completions\nContent-Type: application/json\n\n{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}\n\n###\nGET {{$processEnv GATEWAY_URL}}/v1/models\n',
        ),
      );
      await vscode.window.showTextDocument(http);
      const lenses = await waitFor('the .http lenses', async () => {
        const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', http, 10);
        const mine = l.filter((x) => x.command?.command === 'gatewayLoad.loadTestRequest');
        return mine.length === 2 ? mine : undefined;
      });
      assert.deepEqual(
        lenses.map((l) => l.range.start.line),
        [0, 6],
      );
      const made = await vscode.commands.executeCommand<vscode.Uri>(
        'gatewayLoad.loadTestRequest',
        ...(lenses[1].command?.arguments ?? []),
      );
      assert.match(made.fsPath, /requests-line-7\.load\.yaml$/);
      assert.match(readFileSync(made.fsPath, 'utf8'), /path: \/v1\/models/);
    });
  });
}
