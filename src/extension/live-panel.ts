// One live panel: a WebviewPanel showing one run, going or saved. Several runs may go at once, each
// in a panel of its own (live-panels.ts decides which panel shows what). The host owns the state:
// the page is disposable (no retainContextWhenHidden), so on every `webview/ready` — first load,
// reveal after hide, reopen, restore after a window reload — it gets a full snapshot, then windows
// as they come.

import * as vscode from 'vscode';
import {
  isWebviewToHost,
  type HostToWebview,
  type SnapshotNotification,
  type WebviewToHost,
  type Window,
} from '../protocol';
import { loadPanelPage } from './panel-page';
import type { RunSession, RunSessions } from './run-session';
import { snapshotOfSaved, windowsForPanel, type SavedRun } from './snapshot';

/** What a panel shows: a run going (or that went, in this window), a saved run, or nothing yet. */
export type Shown = { kind: 'live'; session: RunSession } | { kind: 'saved'; run: SavedRun } | { kind: 'none' };

/** What tests and other parts may read about one panel. */
export interface PanelState {
  visible: boolean;
  shownRunId: string | undefined;
  /** Messages posted to the page, by type (a hidden or loading page may drop them). */
  posted: Record<string, number>;
  /** Valid messages received from the page, by type: `webview/ready` proves its script ran. */
  received: Record<string, number>;
}

/** What tests read about the live panels: the one used last, at the top level, and every one. */
export interface LivePanelState extends Omit<PanelState, 'visible'> {
  open: boolean;
  visible: boolean;
  panels: PanelState[];
}

/** One panel: shows one run, follows it while it goes, answers its page's commands. */
export class LivePanel implements vscode.Disposable {
  private shown: Shown = { kind: 'none' };
  private readonly posted: Record<string, number> = {};
  private readonly received: Record<string, number> = {};
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly sessions: RunSessions,
    private readonly log: vscode.LogOutputChannel,
    onDispose: (p: LivePanel) => void,
  ) {
    loadPanelPage(panel, extensionUri, { title: 'Gateway Load', stylesheet: true });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((msg: unknown) => this.onMessage(msg)),
      vscode.window.onDidChangeActiveColorTheme(() => this.postSnapshot()),
      panel.onDidDispose(() => {
        for (const d of this.disposables.splice(0)) d.dispose();
        onDispose(this);
      }),
    );
  }

  /** Shows `what` from now on and gives the page its snapshot (a page already loaded sends no new `ready`). */
  show(what: Shown): void {
    this.shown = what;
    this.postSnapshot();
  }

  /** The session shown, while it is the one shown. */
  get session(): RunSession | undefined {
    return this.shown.kind === 'live' ? this.shown.session : undefined;
  }

  /** True while the run shown is going: such a panel is that run's own and is never taken for another. */
  get busy(): boolean {
    const s = this.session;
    return s !== undefined && this.sessions.byRunId(s.handle.runId) === s;
  }

  /** The results folder of the run shown. */
  get dir(): string | undefined {
    if (this.shown.kind === 'live') return this.shown.session.handle.resultsDir;
    if (this.shown.kind === 'saved') return this.shown.run.dir;
    return undefined;
  }

  /** The scenario file of the run shown, when known. */
  get file(): string | undefined {
    if (this.shown.kind === 'live') return this.shown.session.uri.fsPath;
    if (this.shown.kind === 'saved') return this.shown.run.scenario?.file ?? this.shown.run.info?.file;
    return undefined;
  }

  /** One more window of the run going: posted only by the panel showing it. */
  window(session: RunSession, window: Window): void {
    if (this.session === session) this.post({ type: 'run/window', runId: session.handle.runId, window });
  }

  /** The run shown ended. */
  ended(session: RunSession): void {
    if (this.session !== session || !session.summary) return;
    this.post({
      type: 'run/ended',
      runId: session.handle.runId,
      status: session.summary.status,
      summary: session.summary,
    });
    this.panel.title = this.title();
  }

  reveal(preserveFocus: boolean): void {
    this.panel.reveal(undefined, preserveFocus);
  }

  state(): PanelState {
    return {
      visible: this.panel.visible,
      shownRunId: this.shownRunId(),
      posted: { ...this.posted },
      received: { ...this.received },
    };
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
        // This panel's run only, whichever others are going; a stale page cannot stop another run.
        const session = this.session;
        if (session && session.handle.runId === msg.runId) session.handle.stop('stopped from the live panel');
        return;
      }
      case 'run/exportReport':
      case 'run/markBaseline':
      case 'run/compareBaseline': {
        const dir = this.shownRunId() === msg.runId ? this.dir : undefined;
        if (!dir) return;
        const command = {
          'run/exportReport': 'gatewayLoad.exportReport',
          'run/markBaseline': 'gatewayLoad.markBaseline',
          'run/compareBaseline': 'gatewayLoad.compareWithBaseline',
        }[msg.type];
        void vscode.commands
          .executeCommand(command, dir)
          .then(undefined, (err: unknown) => this.log.error(`${command}: ${String(err)}`));
      }
    }
  }

  private snapshot(): SnapshotNotification {
    const theme = themeName(vscode.window.activeColorTheme.kind);
    if (this.shown.kind === 'live') {
      const { handle, summary } = this.shown.session;
      return {
        type: 'run/snapshot',
        info: handle.info,
        windows: windowsForPanel(handle.windows),
        status: summary?.status ?? handle.status,
        summary: summary ?? null,
        theme,
      };
    }
    if (this.shown.kind === 'saved') return snapshotOfSaved(this.shown.run, theme);
    return { type: 'run/snapshot', info: null, windows: [], status: 'completed', summary: null, theme };
  }

  private postSnapshot(): void {
    this.panel.title = this.title();
    this.post(this.snapshot());
  }

  private post(msg: HostToWebview): void {
    this.posted[msg.type] = (this.posted[msg.type] ?? 0) + 1;
    // A hidden page drops messages; it asks for a snapshot with `webview/ready` when it is back.
    void this.panel.webview.postMessage(msg).then(undefined, () => undefined);
  }

  private shownRunId(): string | undefined {
    if (this.shown.kind === 'live') return this.shown.session.handle.runId;
    if (this.shown.kind === 'saved') return this.shown.run.summary?.runId ?? this.shown.run.info?.runId;
    return undefined;
  }

  private title(): string {
    if (this.shown.kind === 'live') return `Load: ${this.shown.session.scenario.name}${this.busy ? ' ●' : ''}`;
    if (this.shown.kind === 'saved')
      return `Load: ${this.shown.run.summary?.scenario ?? this.shown.run.info?.scenario ?? 'run'}`;
    return 'Gateway Load';
  }

  dispose(): void {
    this.panel.dispose();
  }
}

function themeName(kind: vscode.ColorThemeKind): SnapshotNotification['theme'] {
  if (kind === vscode.ColorThemeKind.Light) return 'light';
  if (kind === vscode.ColorThemeKind.Dark) return 'dark';
  return 'high-contrast';
}
