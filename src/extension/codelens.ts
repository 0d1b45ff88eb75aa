// CodeLens above each scenario. Which lenses show is decided in `codelens-plan.ts`; here they
// are placed at the scenario's anchor and refreshed when a run starts or ends or diagnostics change.

import * as vscode from 'vscode';
import { scenarioAnchor } from '../scenario/index';
import { planLenses } from './codelens-plan';
import { firstError } from './language-features';
import type { RunSessions } from './run-session';
import { toVsRange } from './workspace-paths';

/** Provides Run / Dry Run / Stop / Show Live lenses, or the first error of an invalid file. */
export class ScenarioCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly diagnostics: vscode.DiagnosticCollection,
    private readonly sessions: RunSessions,
  ) {
    this.disposables.push(
      this.changed,
      sessions.onDidStart(() => this.changed.fire()),
      sessions.onDidEnd(() => this.changed.fire()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (
          e.uris.some((u) =>
            vscode.workspace.textDocuments.some(
              (d) => d.languageId === 'gateway-load' && d.uri.toString() === u.toString(),
            ),
          )
        )
          this.changed.fire();
      }),
    );
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    let range: vscode.Range;
    try {
      range = toVsRange(scenarioAnchor(doc.getText()));
    } catch {
      range = new vscode.Range(0, 0, 0, 0);
    }
    const error = firstError(this.diagnostics, doc.uri);
    const runningThisFile = this.sessions.isRunning(doc.uri);
    const plan = planLenses({
      runningThisFile,
      runningOther: !runningThisFile && this.sessions.current !== undefined,
      trusted: vscode.workspace.isTrusted,
      firstError: error ? { line: error.range.start.line, message: error.message } : undefined,
    });
    return plan.map(
      (lens) =>
        new vscode.CodeLens(range, {
          title: lens.title,
          command: lens.command,
          tooltip: lens.tooltip,
          arguments: lens.withUri ? [doc.uri] : [],
        }),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Registers the provider for scenario documents. */
export function registerCodeLens(
  context: vscode.ExtensionContext,
  diagnostics: vscode.DiagnosticCollection,
  sessions: RunSessions,
): void {
  const provider = new ScenarioCodeLensProvider(diagnostics, sessions);
  context.subscriptions.push(
    provider,
    vscode.languages.registerCodeLensProvider({ language: 'gateway-load' }, provider),
  );
}
