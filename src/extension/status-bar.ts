// While runs go: per run a status bar entry with live rate, p95 and error share (click → live panel),
// and a cancellable progress notification with elapsed and planned time (cancel → graceful stop).

import * as vscode from 'vscode';
import type { RunSession, RunSessions } from './run-session';
import { progressText, statusBarText } from './status-text';

/** Registers the status bar entries (one per run going) and the progress notification that follow every run. */
export function registerRunStatus(context: vscode.ExtensionContext, sessions: RunSessions): void {
  const items = new Map<RunSession, vscode.StatusBarItem>();
  const tick = new vscode.EventEmitter<RunSession>();

  const render = (session: RunSession, item: vscode.StatusBarItem) => {
    const several = items.size > 1;
    item.text = several
      ? `${statusBarText(session.handle.windows)} · ${session.scenario.name}`
      : statusBarText(session.handle.windows);
    item.tooltip = new vscode.MarkdownString(
      `**${session.scenario.name}** — ${session.mode === 'dry' ? 'dry run' : 'load test'} running. Click to show the live panel.`,
    );
  };

  context.subscriptions.push(
    tick,
    {
      dispose: () => {
        for (const item of items.values()) item.dispose();
        items.clear();
      },
    },
    sessions.onDidStart((session) => {
      const item = vscode.window.createStatusBarItem(
        `gatewayLoad.run.${session.handle.runId}`,
        vscode.StatusBarAlignment.Left,
        50,
      );
      item.name = `Gateway Load: ${session.scenario.name}`;
      // Each entry opens its own run's panel.
      item.command = {
        title: 'Show Live Panel',
        command: 'gatewayLoad.showLive',
        arguments: [session.handle.resultsDir],
      };
      items.set(session, item);
      for (const [s, i] of items) render(s, i);
      item.show();
      if (session.mode === 'run') void showProgress(session, tick.event);
    }),
    sessions.onDidWindow(({ session }) => {
      const item = items.get(session);
      if (item) render(session, item);
      tick.fire(session);
    }),
    sessions.onDidEnd((session) => {
      items.get(session)?.dispose();
      items.delete(session);
      for (const [s, i] of items) render(s, i);
    }),
  );
}

function showProgress(session: RunSession, onTick: vscode.Event<RunSession>): Thenable<void> {
  const planned = session.handle.info.plannedDurationMs || session.scenario.load.durationMs;
  const stages = session.handle.info.stages.length || session.scenario.load.stages.length;
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Gateway Load: ${session.scenario.name}`,
      cancellable: true,
    },
    (progress, token) =>
      new Promise<void>((resolve) => {
        let reported = 0;
        const sub = onTick((s) => {
          if (s !== session) return;
          const last = s.handle.windows[s.handle.windows.length - 1];
          const elapsed = last?.tMs ?? 0;
          const pct = planned > 0 ? Math.min(100, (elapsed / planned) * 100) : 0;
          progress.report({
            message: progressText(elapsed, planned, { index: last?.stage ?? 0, count: stages }),
            increment: pct - reported,
          });
          reported = pct;
        });
        const cancel = token.onCancellationRequested(() => {
          session.handle.stop('cancelled from the progress notification');
          progress.report({ message: 'stopping: in-flight requests get their graceful stop…' });
        });
        const end = () => {
          sub.dispose();
          cancel.dispose();
          resolve();
        };
        session.handle.done.then(end, end);
      }),
  );
}
