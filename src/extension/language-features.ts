// Diagnostics as the user types (debounced), completion and hover for `gateway-load` documents.
// All the knowledge is in `src/scenario/` (pure, tested there); this file only adapts types.

import * as vscode from 'vscode';
import { completionsAt, hoverAt, parseScenario } from '../scenario/index';
import { fileExistsFrom, isScenarioDocument, scenarioFilePath, toVsDiagnostic, toVsRange } from './workspace-paths';
import { HOVER_MAX_CHARS, validatesOnKeystroke } from '../scenario/bounds';
import { fileHead } from '../shared/file-head';

const SELECTOR: vscode.DocumentSelector = [{ language: 'gateway-load' }];

/** Validates one document now and publishes its diagnostics. */
export function validateDocument(doc: vscode.TextDocument, collection: vscode.DiagnosticCollection): void {
  try {
    const result = parseScenario(doc.getText(), {
      file: scenarioFilePath(doc.uri),
      fileExists: fileExistsFrom(doc),
      readHead: fileHead,
    });
    collection.set(doc.uri, result.diagnostics.map(toVsDiagnostic));
  } catch (err) {
    // The validator promises not to throw; if it does, say so where the user looks instead of failing silently.
    const d = new vscode.Diagnostic(
      new vscode.Range(0, 0, 0, 0),
      `Gateway Load could not validate this file: ${(err as Error).message}`,
      vscode.DiagnosticSeverity.Warning,
    );
    collection.set(doc.uri, [d]);
  }
}

/** Registers live diagnostics, completion and hover; returns the collection so others can read it. */
export function registerLanguageFeatures(context: vscode.ExtensionContext): vscode.DiagnosticCollection {
  const collection = vscode.languages.createDiagnosticCollection('gateway-load');
  const timers = new Map<string, NodeJS.Timeout>();

  const schedule = (doc: vscode.TextDocument) => {
    if (!isScenarioDocument(doc)) return;
    // A large file would block the extension host on every pause in typing: it validates on save.
    if (!validatesOnKeystroke(doc.getText().length)) return;
    const key = doc.uri.toString();
    clearTimeout(timers.get(key));
    const delay = vscode.workspace.getConfiguration('gatewayLoad', doc.uri).get<number>('validation.debounceMs', 250);
    timers.set(
      key,
      setTimeout(
        () => {
          timers.delete(key);
          if (!doc.isClosed) validateDocument(doc, collection);
        },
        Math.max(0, delay),
      ),
    );
  };
  const forget = (doc: vscode.TextDocument) => {
    const key = doc.uri.toString();
    clearTimeout(timers.get(key));
    timers.delete(key);
    collection.delete(doc.uri);
  };

  context.subscriptions.push(
    collection,
    {
      dispose: () => {
        for (const t of timers.values()) clearTimeout(t);
        timers.clear();
      },
    },
    vscode.workspace.onDidOpenTextDocument((doc) => {
      if (isScenarioDocument(doc)) validateDocument(doc, collection);
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) schedule(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument(forget),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (isScenarioDocument(doc) && !validatesOnKeystroke(doc.getText().length)) validateDocument(doc, collection);
    }),
    // A language change (e.g. a file renamed to `.load.yaml`) arrives as close + open; a setting change does not.
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('gatewayLoad')) for (const doc of vscode.workspace.textDocuments) schedule(doc);
    }),
    // Prompt files appearing or vanishing change diagnostics of the scenarios that name them.
    vscode.workspace.onDidCreateFiles(() => revalidateAll()),
    vscode.workspace.onDidDeleteFiles(() => revalidateAll()),
    vscode.languages.registerCompletionItemProvider(SELECTOR, { provideCompletionItems }, ':', ' ', '$', '{'),
    vscode.languages.registerHoverProvider(SELECTOR, { provideHover }),
  );
  function revalidateAll(): void {
    for (const doc of vscode.workspace.textDocuments) schedule(doc);
  }
  for (const doc of vscode.workspace.textDocuments) if (isScenarioDocument(doc)) validateDocument(doc, collection);
  return collection;
}

const KINDS: Record<string, vscode.CompletionItemKind> = {
  key: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.EnumMember,
  metric: vscode.CompletionItemKind.Field,
  snippet: vscode.CompletionItemKind.Snippet,
};

function provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
  const items = completionsAt(doc.getText(), { line: position.line, character: position.character });
  return items.map((c) => {
    const item = new vscode.CompletionItem(c.label, KINDS[c.kind] ?? vscode.CompletionItemKind.Text);
    // Only real snippets go through SnippetString: `${env:NAME}` in plain text would read as a snippet variable.
    item.insertText = c.kind === 'snippet' ? new vscode.SnippetString(c.insertText) : c.insertText;
    if (c.detail) item.detail = c.detail;
    if (c.documentation) item.documentation = new vscode.MarkdownString(c.documentation);
    return item;
  });
}

function provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
  if (doc.getText().length > HOVER_MAX_CHARS) return undefined;
  const hover = hoverAt(doc.getText(), { line: position.line, character: position.character });
  if (!hover) return undefined;
  return new vscode.Hover(new vscode.MarkdownString(hover.markdown), hover.range ? toVsRange(hover.range) : undefined);
}

/** The first error of a document's published diagnostics, for CodeLens and the run command. */
export function firstError(collection: vscode.DiagnosticCollection, uri: vscode.Uri): vscode.Diagnostic | undefined {
  const all = collection.get(uri) ?? [];
  return [...all]
    .filter((d) => d.severity === vscode.DiagnosticSeverity.Error)
    .sort((a, b) => a.range.start.compareTo(b.range.start))[0];
}
