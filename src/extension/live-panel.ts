// The live panel: one WebviewPanel showing the current run, or a saved one. The host owns the
// state: the page is disposable (no retainContextWhenHidden), so on every `webview/ready` — first
// load, reveal after hide, reopen, restore after a window reload — it gets a full snapshot, then
// windows as they come.

import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { isWebviewToHost, type HostToWebview, type SnapshotNotification, type WebviewToHost } from '../protocol';
import { loadPanelPage, panelCreateOptions } from './panel-page';
import type { RunSession, RunSessions } from './run-session';
import { snapshotOfSaved, type SavedRun } from './snapshot';
import { newestRunDir, readSaved } from './saved-runs';

const VIEW_TYPE = 'gatewayLoad.live';
const LAST_SHOWN = 'gatewayLoad.livePanel.dir';

type Shown = { kind: 'live'; session: RunSession } | { kind: 'saved'; run: SavedRun } | { kind: 'none' };

/** What tests and other parts may read about the panel. */
export interface LivePanelState {
  open: boolean;
  visible: boolean;
  shownRunId: string | undefined;
  /** Messages posted to the page, by type (a hidden or loading page may drop them). */
  posted: Record<string, number>;
  /** Valid messages received from the page, by type: `webview/ready` proves its script ran. */
  received: Record<string, number>;
}

/** Owns the panel, follows the sessions, answers the page's commands. */
export class LivePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private shown: Shown = { kind: 'none' };
  private readonly posted: Record<string, number> = {};
  private readonly received: Record<string, number> = {};
  private readonly disposables: vscode.Disposable[] = [];
  private panelDisposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext, private readonly sessions: RunSessions, private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      sessions.onDidStart((session) => {
        // A dry run's story is its requests and answers, told in its output channel.
        if (session.mode !== 'run') return;
        this.shown = { kind: 'live', session };
        void this.remember(session.handle.resultsDir);
        this.reveal(true);
        // A page already loaded sends no new `ready`: give it the new run now.
        this.postSnapshot();
      }),
      sessions.onDidWindow(({ session, window }) => {
        if (this.isShowing(session)) this.post({ type: 'run/window', runId: session.handle.runId, window });
      }),
      sessions.onDidEnd((session) => {
        if (this.isShowing(session) && session.summary) {
          this.post({ type: 'run/ended', runId: session.handle.runId, status: session.summary.status, summary: session.summary });
        }
      }),
    );
  }

  /** Test and status view of the panel. */
  state(): LivePanelState {
    return { open: this.panel !== undefined, visible: this.panel?.visible ?? false, shownRunId: this.shownRunId(), posted: { ...this.posted }, received: { ...this.received } };
  }

  /** Shows the run in `dir` (live when it is the one going), else the run going, else what it showed last, else the newest saved run. */
  async show(dir?: string): Promise<boolean> {
    const current = this.sessions.current?.mode === 'run' ? this.sessions.current : undefined;
    if (dir && !(current && current.handle.resultsDir === dir)) {
      const run = await readSaved(dir);
      if (!run) {
        void vscode.window.showWarningMessage(`Gateway Load: ${dir} holds no run that can be shown.`);
        return false;
      }
      this.shown = { kind: 'saved', run };
    } else if (current) {
      this.shown = { kind: 'live', session: current };
    } else if (this.shown.kind === 'none') {
      const latest = this.sessions.latest?.mode === 'run' ? this.sessions.latest : undefined;
      if (latest) this.shown = { kind: 'live', session: latest };
      else {
        const newest = await newestRunDir(this.context);
        const run = newest ? await readSaved(newest) : undefined;
        if (run) this.shown = { kind: 'saved', run };
      }
    }
    const shownDir = this.shown.kind === 'live' ? this.shown.session.handle.resultsDir : this.shown.kind === 'saved' ? this.shown.run.dir : undefined;
    if (shownDir) await this.remember(shownDir);
    this.reveal(false);
    this.postSnapshot();
    return true;
  }

  /** Restores a panel VS Code kept across a window reload: the run it showed, read from disk. */
  async revive(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    // The page saves its view state (with `info.resultsDir`) for quick redraws; it names the run it showed.
    const saved = typeof state === 'object' && state !== null ? (state as { info?: { resultsDir?: unknown } }).info : undefined;
    const fromState = typeof saved === 'object' && saved !== null ? saved.resultsDir : undefined;
    const dir = typeof fromState === 'string' ? fromState : this.context.workspaceState.get<string>(LAST_SHOWN) ?? await newestRunDir(this.context);
    const current = this.sessions.current;
    if (current?.mode === 'run') this.shown = { kind: 'live', session: current };
    else {
      const run = dir && fs.existsSync(dir) ? await readSaved(dir) : undefined;
      this.shown = run ? { kind: 'saved', run } : { kind: 'none' };
    }
    this.attach(panel);
  }

  private reveal(preserveFocus: boolean): void {
    if (this.panel) {
      this.panel.reveal(undefined, preserveFocus);
      return;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Gateway Load', { viewColumn: vscode.ViewColumn.Beside, preserveFocus }, panelCreateOptions(this.context.extensionUri));
    this.attach(panel);
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.title = this.title();
    loadPanelPage(panel, this.context.extensionUri, { title: 'Gateway Load', stylesheet: true });
    this.panelDisposables.push(
      panel.webview.onDidReceiveMessage((msg: unknown) => this.onMessage(msg)),
      vscode.window.onDidChangeActiveColorTheme(() => this.postSnapshot()),
      panel.onDidDispose(() => {
        for (const d of this.panelDisposables.splice(0)) d.dispose();
        this.panel = undefined;
      }),
    );
  }

  private onMessage(raw: unknown): void {
    // The page is untrusted input like any other: act only on shapes the protocol defines.
    if (!isWebviewToHost(raw)) {
      this.log.warn(`live panel: ignored a message of unknown shape: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    const msg: WebviewToHost = raw;
    this.received[msg.type] = (this.received[msg.type] ?? 0) + 1;
    switch (msg.type) {
      case 'webview/ready':
        this.postSnapshot();
        return;
      case 'run/stop': {
        const current = this.sessions.current;
        if (current && current.handle.runId === msg.runId) current.handle.stop('stopped from the live panel');
        return;
      }
      case 'run/exportReport':
      case 'run/markBaseline':
      case 'run/compareBaseline': {
        const dir = this.dirOf(msg.runId);
        if (!dir) return;
        const command = { 'run/exportReport': 'gatewayLoad.exportReport', 'run/markBaseline': 'gatewayLoad.markBaseline', 'run/compareBaseline': 'gatewayLoad.compareWithBaseline' }[msg.type];
        void vscode.commands.executeCommand(command, dir).then(undefined, (err: unknown) => this.log.error(`${command}: ${String(err)}`));
      }
    }
  }

  private snapshot(): SnapshotNotification {
    const theme = themeName(vscode.window.activeColorTheme.kind);
    if (this.shown.kind === 'live') {
      const { handle, summary } = this.shown.session;
      return { type: 'run/snapshot', info: handle.info, windows: [...handle.windows], status: summary?.status ?? handle.status, summary: summary ?? null, theme };
    }
    if (this.shown.kind === 'saved') return snapshotOfSaved(this.shown.run, theme);
    return { type: 'run/snapshot', info: null, windows: [], status: 'completed', summary: null, theme };
  }

  private postSnapshot(): void {
    if (this.panel) this.panel.title = this.title();
    this.post(this.snapshot());
  }

  private post(msg: HostToWebview): void {
    if (!this.panel) return;
    this.posted[msg.type] = (this.posted[msg.type] ?? 0) + 1;
    // A hidden page drops messages; it asks for a snapshot with `webview/ready` when it is back.
    void this.panel.webview.postMessage(msg).then(undefined, () => undefined);
  }

  private isShowing(session: RunSession): boolean {
    return this.shown.kind === 'live' && this.shown.session === session;
  }

  private shownRunId(): string | undefined {
    if (this.shown.kind === 'live') return this.shown.session.handle.runId;
    if (this.shown.kind === 'saved') return this.shown.run.summary?.runId ?? this.shown.run.info?.runId;
    return undefined;
  }

  private dirOf(runId: string): string | undefined {
    if (this.shown.kind === 'live' && this.shown.session.handle.runId === runId) return this.shown.session.handle.resultsDir;
    if (this.shown.kind === 'saved' && this.shownRunId() === runId) return this.shown.run.dir;
    return undefined;
  }

  private title(): string {
    if (this.shown.kind === 'live') return `Load: ${this.shown.session.scenario.name}`;
    if (this.shown.kind === 'saved') return `Load: ${this.shown.run.summary?.scenario ?? this.shown.run.info?.scenario ?? 'run'}`;
    return 'Gateway Load';
  }

  private remember(dir: string): Thenable<void> {
    return this.context.workspaceState.update(LAST_SHOWN, dir);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function themeName(kind: vscode.ColorThemeKind): SnapshotNotification['theme'] {
  if (kind === vscode.ColorThemeKind.Light) return 'light';
  if (kind === vscode.ColorThemeKind.Dark) return 'dark';
  return 'high-contrast';
}

/** Registers Show Live and the serializer that brings the panel back after a reload. */
export function registerLivePanel(context: vscode.ExtensionContext, sessions: RunSessions, log: vscode.LogOutputChannel): LivePanel {
  const live = new LivePanel(context, sessions, log);
  context.subscriptions.push(
    live,
    vscode.commands.registerCommand('gatewayLoad.showLive', (run?: unknown) => live.show(dirArg(run))),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, { deserializeWebviewPanel: (panel, state) => live.revive(panel, state) }),
  );
  return live;
}

/** `gatewayLoad.showLive(run?)`: a runs-view item, a results folder path or a Uri of one. */
function dirArg(run: unknown): string | undefined {
  if (typeof run === 'string' && run) return run;
  if (run instanceof vscode.Uri) return run.fsPath;
  if (typeof run === 'object' && run !== null && typeof (run as { dir?: unknown }).dir === 'string') return (run as { dir: string }).dir;
  return undefined;
}
