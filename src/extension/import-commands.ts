// "New Scenario From…" (a HAR, .http, curl, Postman or Artillery file → a scenario beside it) and,
// on REST Client files, a CodeLens "Load test this request" over each request line.
//
// Test-facing: `gatewayLoad.newScenarioFrom(source?)`: `source` is a path or Uri (else a file is
// picked); resolves with the new scenario's Uri, opened in an editor (undefined when cancelled).
// `gatewayLoad.loadTestRequest(uri, line)`: the request on that 0-based line of a `.http` file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { detectFormat, importRestClient, importText, type ImportResult } from '../import';
import { parseHttpFile } from '../import/rest-client';
import { asUri } from './workspace-paths';

const HTTP_SELECTOR: vscode.DocumentSelector = [
  { language: 'http' },
  { pattern: '**/*.http' },
  { pattern: '**/*.rest' },
];

/** Registers New Scenario From… and the `.http` CodeLens. */
export function registerImportCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('gatewayLoad.newScenarioFrom', (source?: unknown) => newScenarioFrom(source)),
    vscode.commands.registerCommand('gatewayLoad.loadTestRequest', (uri?: unknown, line?: unknown) =>
      loadTestRequest(uri, line),
    ),
    vscode.languages.registerCodeLensProvider(HTTP_SELECTOR, { provideCodeLenses: httpLenses }),
  );
}

function httpLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
  // Large files are rare here; parsing is linear and bounded by the document.
  return parseHttpFile(doc.getText()).requests.map(
    (r) =>
      new vscode.CodeLens(new vscode.Range(r.line, 0, r.line, 0), {
        title: 'Load test this request',
        command: 'gatewayLoad.loadTestRequest',
        arguments: [doc.uri, r.line],
      }),
  );
}

/** A free `<stem>.load.yaml` (then `<stem>-2.load.yaml`, …) in `dir`. */
function freeFile(dir: string, stem: string): string {
  let file = path.join(dir, `${stem}.load.yaml`);
  for (let i = 2; fs.existsSync(file); i++) file = path.join(dir, `${stem}-${i}.load.yaml`);
  return file;
}

async function writeAndOpen(file: string, result: ImportResult): Promise<vscode.Uri> {
  await fs.promises.writeFile(file, result.text, { flag: 'wx' });
  const uri = vscode.Uri.file(file);
  await vscode.window.showTextDocument(uri);
  if (result.warnings.length) {
    void vscode.window.showInformationMessage(
      `Gateway Load: ${path.basename(file)} imported with ${result.warnings.length} note${result.warnings.length > 1 ? 's' : ''} on what was not carried over (see the comments at its top).`,
    );
  }
  return uri;
}

async function newScenarioFrom(source: unknown): Promise<vscode.Uri | undefined> {
  let uri = asUri(source);
  if (!uri) {
    const picked = await vscode.window.showOpenDialog({
      title: 'Gateway Load: New Scenario From…',
      canSelectMany: false,
      openLabel: 'Import',
      filters: { Requests: ['har', 'http', 'rest', 'json', 'sh', 'txt', 'curl', 'yml', 'yaml'], 'All files': ['*'] },
    });
    uri = picked?.[0];
  }
  if (!uri) return undefined;
  const text = await fs.promises.readFile(uri.fsPath, 'utf8');
  const format = detectFormat(uri.fsPath, text);
  if (!format) {
    void vscode.window.showErrorMessage(
      `Gateway Load: cannot tell what ${path.basename(uri.fsPath)} is: import a .har, .http/.rest, Postman collection (.json), curl commands or an Artillery script.`,
    );
    return undefined;
  }
  const stem = path
    .basename(uri.fsPath)
    .replace(/(\.postman_collection)?\.(artillery\.)?(ya?ml|har|http|rest|json|sh|curl|txt)$/i, '');
  let result: ImportResult;
  try {
    result = importText(format, text, format === 'postman' ? undefined : stem);
  } catch (err) {
    void vscode.window.showErrorMessage(`Gateway Load: ${path.basename(uri.fsPath)}: ${(err as Error).message}`);
    return undefined;
  }
  return writeAndOpen(freeFile(path.dirname(uri.fsPath), stem), result);
}

async function loadTestRequest(uriArg: unknown, lineArg: unknown): Promise<vscode.Uri | undefined> {
  const uri = asUri(uriArg) ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri) return undefined;
  const doc = await vscode.workspace.openTextDocument(uri);
  const file = parseHttpFile(doc.getText());
  const line = typeof lineArg === 'number' ? lineArg : (vscode.window.activeTextEditor?.selection.active.line ?? 0);
  // The request whose block holds the line: the last request line at or above it.
  const request = [...file.requests].reverse().find((r) => r.line <= line) ?? file.requests[0];
  if (!request) {
    void vscode.window.showErrorMessage('Gateway Load: no request in this file.');
    return undefined;
  }
  const stem = `${path.basename(uri.fsPath).replace(/\.(http|rest)$/i, '')}-${(request.name ?? `line-${request.line + 1}`).replace(/[^A-Za-z0-9_-]+/g, '-')}`;
  const result = importRestClient(doc.getText(), request.name ?? stem, request.line);
  return writeAndOpen(freeFile(path.dirname(uri.fsPath), stem), result);
}
