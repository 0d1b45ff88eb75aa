// Journey 1: the scenario language in the editor. An example opens as `gateway-load`; a file with
// mistakes shows exactly the validator's diagnostics; completion offers schema keys; hover on a
// metric shows its doc from the catalogue.
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as vscode from 'vscode';
import { parseScenario } from '../../../../src/scenario/index';
import { metricInfo } from '../../../../src/shared/metrics';
import { open, waitFor, wsFile } from '../util';
import { JOURNEY } from './names';

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

type Flat = { message: string; range: [number, number, number, number]; severity: vscode.DiagnosticSeverity };
const order = (a: Flat, b: Flat): number =>
  a.range[0] - b.range[0] || a.range[1] - b.range[1] || a.message.localeCompare(b.message);

/** What the validator says about a file, in VS Code's terms. */
function expectedDiagnostics(doc: vscode.TextDocument): Flat[] {
  return parseScenario(doc.getText(), { file: doc.uri.fsPath })
    .diagnostics.map((d): Flat => ({
      message: d.message,
      range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
      severity: SEVERITY[d.severity] ?? vscode.DiagnosticSeverity.Error,
    }))
    .sort(order);
}

/** What VS Code shows for a file, from this extension only. */
function shownDiagnostics(uri: vscode.Uri): Flat[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'gateway-load')
    .map((d): Flat => ({
      message: d.message,
      range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
      severity: d.severity,
    }))
    .sort(order);
}

/** Asserts the diagnostics VS Code shows for `file` are exactly the validator's (waits out the debounce). */
export async function assertDiagnosticsMatchValidator(file: string, minErrors: number): Promise<void> {
  const editor = await open(wsFile(file));
  const expected = expectedDiagnostics(editor.document);
  assert.ok(
    expected.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length >= minErrors,
    `the validator should find ≥${minErrors} errors in ${file}`,
  );
  await waitFor(
    `the diagnostics of ${file} to match the validator's`,
    () => {
      const shown = shownDiagnostics(editor.document.uri);
      return shown.length === expected.length ? shown : undefined;
    },
    15_000,
  ).catch(() => undefined);
  assert.deepEqual(shownDiagnostics(editor.document.uri), expected);
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/** Registers journey 1. */
export function languageJourney(): void {
  describe(JOURNEY.language, () => {
    it('an example *.load.yaml opens with language id gateway-load', async () => {
      const examples = readdirSync(wsFile('examples').fsPath).filter((n) => n.endsWith('.load.yaml'));
      assert.ok(examples.length > 0, 'examples/ holds no *.load.yaml');
      const editor = await open(wsFile('examples', examples[0] ?? ''));
      assert.equal(editor.document.languageId, 'gateway-load');
    });

    it("diagnostics of a file with mistakes equal the validator's (message, range, severity)", async () => {
      await assertDiagnosticsMatchValidator('mistakes.load.yaml', 3);
    });

    it("completion at a key position offers the schema's keys", async () => {
      const editor = await open(wsFile('complete.load.yaml'));
      const line = editor.document
        .getText()
        .split('\n')
        .findIndex((l) => /^ {2}$/.test(l));
      assert.ok(line > 0, 'complete.load.yaml should have an indented blank line under load:');
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        editor.document.uri,
        new vscode.Position(line, 2),
      );
      const labels = list.items.map(labelOf);
      for (const key of ['rate', 'duration', 'gracefulStop'])
        assert.ok(labels.includes(key), `completion under load: lacks '${key}'; got ${labels.join(', ')}`);
      assert.ok(!labels.includes('baseUrl'), 'completion under load: offers target keys');
    });

    it('hover on a metric name shows its doc', async () => {
      const editor = await open(wsFile('run-small.load.yaml'));
      const lines = editor.document.getText().split('\n');
      const line = lines.findIndex((l) => l.includes('http_req_duration'));
      const character = (lines[line] ?? '').indexOf('http_req_duration') + 4;
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        editor.document.uri,
        new vscode.Position(line, character),
      );
      const text = hoverText(hovers);
      const doc = metricInfo('http_req_duration')?.doc ?? '';
      assert.ok(text.includes('http_req_duration'), `hover does not name the metric: ${text}`);
      assert.ok(text.includes(doc.slice(0, 26)), `hover lacks the metric's doc "${doc.slice(0, 26)}…": ${text}`);
    });
  });
}
