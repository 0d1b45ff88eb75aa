// The live panels: each run going gets a panel of its own (panel-choice.ts says which), so two runs
// at once show side by side, and the Stop button of each stops its own run. Saved runs open in a
// panel that no run is using. Show Live, the runs view, the status bar entries and CodeLens all go
// through `show`; panels kept across a window reload come back through the serializer.

import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { LivePanel, type LivePanelState, type Shown } from './live-panel';
import { panelCreateOptions } from './panel-page';
import { choosePanel, type PanelView } from './panel-choice';
import type { RunSession, RunSessions } from './run-session';
import { newestRunDir, readSaved } from './saved-runs';

const VIEW_TYPE = 'gatewayLoad.live';
const LAST_SHOWN = 'gatewayLoad.livePanel.dir';

/** Owns every live panel, follows the sessions. */
export class LivePanels implements vscode.Disposable {
  /** Used last first. */
  private panels: LivePanel[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly sessions: RunSessions,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      sessions.onDidStart((session) => {
        // A dry run's story is its requests and answers, told in its output channel.
        if (session.mode !== 'run') return;
        this.showLive(session, true);
      }),
      sessions.onDidWindow(({ session, window }) => {
        for (const p of this.panels) p.window(session, window);
      }),
      sessions.onDidEnd((session) => {
        for (const p of this.panels) p.ended(session);
      }),
    );
  }

  /** Test and status view: the panel used last at the top level, and every panel. */
  state(): LivePanelState {
    const all = this.panels.map((p) => p.state());
    const first = all[0];
    return {
      open: all.length > 0,
      visible: all.some((p) => p.visible),
      shownRunId: first?.shownRunId,
      posted: first?.posted ?? {},
      received: first?.received ?? {},
      panels: all,
    };
  }

  /** Shows the run in `dir` (live when it is going), else the run started last, else the panel used last, else the newest saved run. */
  async show(dir?: string): Promise<boolean> {
    const going = dir
      ? this.sessions.all.find((s) => s.mode === 'run' && s.handle.resultsDir === dir)
      : this.sessions.current?.mode === 'run'
        ? this.sessions.current
        : undefined;
    if (going) {
      this.showLive(going, false);
      return true;
    }
    if (!dir && this.panels.length > 0) {
      this.use(this.panels[0]).reveal(false);
      return true;
    }
    const latest = !dir && this.sessions.latest?.mode === 'run' ? this.sessions.latest : undefined;
    if (latest) {
      this.showLive(latest, false);
      return true;
    }
    const target = dir ?? (await newestRunDir(this.context));
    if (!target) {
      this.open({ kind: 'none' }, 'new', false);
      return true;
    }
    const run = await readSaved(target);
    if (!run) {
      void vscode.window.showWarningMessage(`Gateway Load: ${target} holds no run that can be shown.`);
      return false;
    }
    const at = choosePanel(this.views(), { dir: target, file: run.scenario?.file ?? run.info?.file, live: false });
    this.open({ kind: 'saved', run }, at, false);
    await this.remember(target);
    return true;
  }

  /** Restores a panel VS Code kept across a window reload: the run it showed, read from disk (or going again). */
  async revive(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    // The page saves its view state (with `info.resultsDir`) for quick redraws; it names the run it showed.
    const saved =
      typeof state === 'object' && state !== null ? (state as { info?: { resultsDir?: unknown } }).info : undefined;
    const fromState = typeof saved === 'object' && saved !== null ? saved.resultsDir : undefined;
    const dir =
      typeof fromState === 'string'
        ? fromState
        : (this.context.workspaceState.get<string>(LAST_SHOWN) ?? (await newestRunDir(this.context)));
    const going = dir ? this.sessions.all.find((s) => s.handle.resultsDir === dir) : undefined;
    let shown: Shown = { kind: 'none' };
    if (going) shown = { kind: 'live', session: going };
    else {
      const run = dir && fs.existsSync(dir) ? await readSaved(dir) : undefined;
      if (run) shown = { kind: 'saved', run };
    }
    const p = this.adopt(panel);
    p.show(shown);
  }

  private showLive(session: RunSession, preserveFocus: boolean): void {
    const at = choosePanel(this.views(), { dir: session.handle.resultsDir, file: session.uri.fsPath, live: true });
    this.open({ kind: 'live', session }, at, preserveFocus);
    void this.remember(session.handle.resultsDir);
  }

  /** Shows `what` in panel `at` (or a new one beside the editor) and reveals it. */
  private open(what: Shown, at: number | 'new', preserveFocus: boolean): void {
    const p =
      at === 'new'
        ? this.adopt(
            vscode.window.createWebviewPanel(
              VIEW_TYPE,
              'Gateway Load',
              { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
              panelCreateOptions(this.context.extensionUri),
            ),
          )
        : this.use(this.panels[at]);
    p.show(what);
    p.reveal(preserveFocus);
  }

  private adopt(panel: vscode.WebviewPanel): LivePanel {
    const p = new LivePanel(panel, this.context.extensionUri, this.sessions, this.log, (gone) => {
      this.panels = this.panels.filter((x) => x !== gone);
    });
    this.panels.unshift(p);
    return p;
  }

  /** Moves `p` to the front: the panel used last. */
  private use(p: LivePanel): LivePanel {
    this.panels = [p, ...this.panels.filter((x) => x !== p)];
    return p;
  }

  private views(): PanelView[] {
    return this.panels.map((p) => ({ busy: p.busy, live: p.session !== undefined, dir: p.dir, file: p.file }));
  }

  private remember(dir: string): Thenable<void> {
    return this.context.workspaceState.update(LAST_SHOWN, dir);
  }

  dispose(): void {
    for (const p of [...this.panels]) p.dispose();
    this.panels = [];
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Registers Show Live and the serializer that brings the panels back after a reload. */
export function registerLivePanel(
  context: vscode.ExtensionContext,
  sessions: RunSessions,
  log: vscode.LogOutputChannel,
): LivePanels {
  const live = new LivePanels(context, sessions, log);
  context.subscriptions.push(
    live,
    vscode.commands.registerCommand('gatewayLoad.showLive', (run?: unknown) =>
      live.show(
        run instanceof vscode.Uri && sessions.isRunning(run)
          ? sessions.sessionFor(run)?.handle.resultsDir
          : dirArg(run),
      ),
    ),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => live.revive(panel, state),
    }),
  );
  return live;
}

/** `gatewayLoad.showLive(run?)`: a runs-view item, a results folder path or a Uri of one. */
function dirArg(run: unknown): string | undefined {
  if (typeof run === 'string' && run) return run;
  if (run instanceof vscode.Uri) return run.fsPath;
  if (typeof run === 'object' && run !== null && typeof (run as { dir?: unknown }).dir === 'string')
    return (run as { dir: string }).dir;
  return undefined;
}
