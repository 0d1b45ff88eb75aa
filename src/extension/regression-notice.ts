// At the end of every run: compare it with its scenario's baseline, and when it is worse beyond
// tolerance say so, with a button that opens the comparison view.

import * as vscode from 'vscode';
import type { RunDeps } from './run-commands';
import type { RunSession } from './run-session';
import { checkAgainstBaseline } from './compare-snapshot';
import { workspaceFolderFor } from './workspace-paths';

/** The last end-of-run check, for tests: which run, and what the comparison said. */
export interface RegressionCheckState {
  runId: string;
  baselineRunId: string;
  regression: boolean;
  worse: string[];
  notified: boolean;
}

/** The button of the notification. */
export const OPEN_COMPARISON = 'Open Comparison';

/** Listens for ended runs and warns about regressions. */
export class RegressionNotice implements vscode.Disposable {
  private last: RegressionCheckState | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly deps: RunDeps) {
    this.subscription = deps.sessions.onDidEnd((session) => this.check(session));
  }

  /** What the last run's check found (undefined before any run with a baseline ended). */
  state(): RegressionCheckState | undefined {
    return this.last && { ...this.last, worse: [...this.last.worse] };
  }

  private check(session: RunSession): void {
    const summary = session.summary;
    if (session.mode !== 'run' || !summary) return;
    const folder = workspaceFolderFor(session.uri) ?? workspaceFolderFor(vscode.Uri.file(session.handle.resultsDir));
    if (!folder) return;
    let found;
    try {
      found = checkAgainstBaseline(folder.uri.fsPath, summary);
    } catch (err) {
      // A broken baseline file must not spoil the end of a run; the log says why there was no check.
      this.deps.log.warn(`baseline check skipped: ${(err as Error).message}`);
      return;
    }
    if (!found) return;
    const c = found.comparison;
    this.last = {
      runId: summary.runId,
      baselineRunId: c.baseline.runId,
      regression: c.regression,
      worse: c.worse,
      notified: c.regression,
    };
    if (!c.regression) {
      this.deps.log.info(`baseline check: ${summary.runId} is within tolerance of baseline ${c.baseline.runId}`);
      return;
    }
    this.deps.log.warn(
      `baseline check: ${summary.runId} is worse than baseline ${c.baseline.runId}: ${c.worse.join(', ')}`,
    );
    const shown = c.worse.slice(0, 3).join(', ') + (c.worse.length > 3 ? ` and ${c.worse.length - 3} more` : '');
    const dir = session.handle.resultsDir;
    void vscode.window
      .showWarningMessage(`Gateway Load: "${summary.scenario}" ran worse than its baseline: ${shown}.`, OPEN_COMPARISON)
      .then((choice) => {
        if (choice === OPEN_COMPARISON) return vscode.commands.executeCommand('gatewayLoad.compareWithBaseline', dir);
        return undefined;
      })
      .then(undefined, (err: unknown) => this.deps.log.error(`open comparison: ${String(err)}`));
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/** Registers the end-of-run baseline check. */
export function registerRegressionNotice(deps: RunDeps): RegressionNotice {
  const notice = new RegressionNotice(deps);
  deps.context.subscriptions.push(notice);
  return notice;
}
