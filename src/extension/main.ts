// The extension's entry: `activate` registers each feature (one file each) and returns a small
// read-only API that the end-to-end tests use to observe state no command exposes.

import * as vscode from 'vscode';
import { registerCodeLens } from './codelens';
import { registerLanguageFeatures } from './language-features';
import type { LivePanelState } from './live-panel';
import { registerLivePanel } from './live-panels';
import { registerNewScenario } from './new-scenario';
import { registerImportCommands } from './import-commands';
import { registerReportCommands } from './report-commands';
import { registerRunCommands, type RunDeps } from './run-commands';
import { RunSessions } from './run-session';
import { registerRunsView } from './runs-view';
import { registerComparePanel, type ComparePanelState } from './compare-panel';
import { registerRegressionNotice, type RegressionCheckState } from './regression-notice';
import { registerSecrets } from './secrets';
import { registerRunStatus } from './status-bar';
import { registerTesting, type TestingState } from './testing';

/** What `vscode.extensions.getExtension('gateway-load.gateway-load').exports` offers (for tests). */
export interface GatewayLoadApi {
  /** The run going now, if any: its id, results folder and windows so far. */
  currentRun(): { runId: string; resultsDir: string; windows: number; file: string } | undefined;
  /** The run that ended last: its id, summary status and the host's event-loop delay p99 (ms) while it ran. */
  lastRun(): { runId: string; status: string | undefined; hostLoopDelayP99Ms: number | undefined } | undefined;
  /** The text the Dry Run output channel shows for the last dry run. */
  dryRunTranscript(): string;
  /** Whether a live panel is open and what the one used last was sent; `panels` lists every one (a run each). */
  livePanel(): LivePanelState;
  /** Whether the comparison panel is open, what it shows and what it was sent. */
  comparePanel(): ComparePanelState;
  /** The last end-of-run check against a baseline (undefined before one). */
  lastBaselineCheck(): RegressionCheckState | undefined;
  /** Every run going now (several may run at once). */
  runningRuns(): Array<{ runId: string; resultsDir: string; file: string; windows: number }>;
  /** The Test Explorer's items: each scenario and its thresholds. */
  testItems(): TestingState;
}

export function activate(context: vscode.ExtensionContext): GatewayLoadApi {
  const log = vscode.window.createOutputChannel('Gateway Load', { log: true });
  const sessions = new RunSessions();
  context.subscriptions.push(log, sessions);
  void vscode.commands.executeCommand('setContext', 'gatewayLoad.running', false);

  const deps: RunDeps = { context, sessions, log };
  const diagnostics = registerLanguageFeatures(context);
  registerCodeLens(context, diagnostics, sessions);
  registerSecrets(context);
  const dryRun = registerRunCommands(deps);
  registerRunStatus(context, sessions);
  const live = registerLivePanel(context, sessions, log);
  const runs = registerRunsView(deps);
  const compare = registerComparePanel(context, log);
  registerReportCommands(deps, () => runs.refresh(), compare);
  const regressions = registerRegressionNotice(deps);
  registerNewScenario(context);
  registerImportCommands(context);
  const testing = registerTesting(context);

  return {
    currentRun: () => {
      const s = sessions.current;
      return (
        s && {
          runId: s.handle.runId,
          resultsDir: s.handle.resultsDir,
          windows: s.handle.windows.length,
          file: s.uri.fsPath,
        }
      );
    },
    lastRun: () => {
      const s = sessions.current ? undefined : sessions.latest;
      return s && { runId: s.handle.runId, status: s.summary?.status, hostLoopDelayP99Ms: s.hostLoopDelayP99Ms };
    },
    dryRunTranscript: () => dryRun.transcript(),
    livePanel: () => live.state(),
    comparePanel: () => compare.state(),
    lastBaselineCheck: () => regressions.state(),
    testItems: () => testing.state(),
    runningRuns: () =>
      sessions.all.map((s) => ({
        runId: s.handle.runId,
        resultsDir: s.handle.resultsDir,
        file: s.uri.fsPath,
        windows: s.handle.windows.length,
      })),
  };
}

export function deactivate(): void {
  // Everything, the running load test included, is disposed through context.subscriptions.
}
