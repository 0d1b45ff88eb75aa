// Journey 11: a hostile file from a cloned repository. The 12-line alias bomb ("billion laughs")
// once froze the extension host for over a minute; now it opens with a diagnostic at the alias,
// and the editor stays responsive: hover, completion, an edit and a command each answer within 1 s.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { open, waitFor, within, wsFile } from '../util';
import { JOURNEY } from './names';

/** Milliseconds a thenable took, failing past `ms`. */
async function timed<T>(what: string, ms: number, run: () => Thenable<T>): Promise<number> {
  const t0 = performance.now();
  await within(run(), ms, what);
  return performance.now() - t0;
}

/** Registers journey 11. */
export function hostileJourney(): void {
  describe(JOURNEY.hostile, () => {
    it('the alias-bomb file shows a diagnostic, and a command still runs within 1 s', async () => {
      const uri = wsFile('alias-bomb.load.yaml');
      const t0 = performance.now();
      const editor = await open(uri);
      const diag = await waitFor(
        'the too-many-aliases diagnostic',
        () =>
          vscode.languages
            .getDiagnostics(uri)
            .find((d) => d.source === 'gateway-load' && d.code === 'too-many-aliases'),
        10_000,
      );
      const shownMs = performance.now() - t0;
      assert.equal(diag.severity, vscode.DiagnosticSeverity.Error);
      assert.ok(
        diag.range.start.line >= 1 && diag.range.start.line <= 3,
        `diagnostic at line ${diag.range.start.line + 1}, expected at the first alias`,
      );
      assert.ok(!diag.range.isEmpty, 'a range, not a point');

      const pos = new vscode.Position(9, 12);
      const hoverMs = await timed('hover on the bomb', 1000, () =>
        vscode.commands.executeCommand('vscode.executeHoverProvider', uri, pos),
      );
      const completionMs = await timed('completion on the bomb', 1000, () =>
        vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, pos),
      );
      // An edit triggers keystroke validation (debounced); the host must stay free meanwhile.
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# edited\n'));
      const commandMs = await timed('a command after the edit', 1000, () =>
        vscode.commands.executeCommand('gatewayLoad.refreshRuns'),
      );
      await waitFor(
        'the diagnostic again after the edit',
        () =>
          vscode.languages
            .getDiagnostics(uri)
            .find((d) => d.source === 'gateway-load' && d.code === 'too-many-aliases' && d.range.start.line >= 2),
        10_000,
      );
      const loopMs = await timed(
        'a timer on the extension host',
        1000,
        () => new Promise<void>((r) => setTimeout(r, 0)),
      );
      console.log(
        `[figure] journey 11: diagnostic shown ${shownMs.toFixed(0)} ms after open; hover ${hoverMs.toFixed(0)} ms, completion ${completionMs.toFixed(0)} ms, command ${commandMs.toFixed(0)} ms, timer ${loopMs.toFixed(0)} ms`,
      );
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });
}
