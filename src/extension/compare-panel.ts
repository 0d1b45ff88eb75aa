// The comparison panel: two runs overlaid and every metric judged, in a webview that serves the
// live panel's bundle in its compare view. Same CSP and HTML as the live panel; the host owns the
// comparison and sends it whole on every `webview/ready` (first load, reveal after hide).

import * as vscode from 'vscode';
import { isWebviewToHost, type CompareSnapshotNotification, type HostToWebview } from '../protocol';
import { loadRun, renderComparisonMarkdown } from '../report/index';
import { loadPanelPage, panelCreateOptions } from './panel-page';
import { compareSnapshotOf } from './compare-snapshot';

const VIEW_TYPE = 'gatewayLoad.compare';
const LAST_SHOWN = 'gatewayLoad.comparePanel.inputs';

/** A comparison to show, and where its two runs live (to open them in the live panel). */
export interface ComparisonToShow {
  snapshot: CompareSnapshotNotification;
  title: string;
  dirs: { baseline?: string; current?: string };
  /** What it was built from (a baseline file or a run folder each), to rebuild it after a window reload. */
  inputs: { baseline: string; current: string };
}

/** What tests may read about the panel. */
export interface ComparePanelState {
  open: boolean;
  visible: boolean;
  /** `baseline runId → current runId` of what it shows. */
  shows: string | undefined;
  regression: boolean | undefined;
  posted: Record<string, number>;
  received: Record<string, number>;
}

/** Owns the one comparison panel; a new comparison replaces the one shown. */
export class ComparePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private shown: ComparisonToShow | undefined;
  private readonly posted: Record<string, number> = {};
  private readonly received: Record<string, number> = {};
  private panelDisposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Test and status view of the panel. */
  state(): ComparePanelState {
    const c = this.shown?.snapshot.comparison;
    return {
      open: this.panel !== undefined,
      visible: this.panel?.visible ?? false,
      shows: c ? `${c.baseline.runId} → ${c.current.runId}` : undefined,
      regression: c?.regression,
      posted: { ...this.posted },
      received: { ...this.received },
    };
  }

  /** Shows a comparison, opening the panel or reusing it. */
  show(what: ComparisonToShow): void {
    this.shown = what;
    void this.context.workspaceState.update(LAST_SHOWN, what.inputs);
    if (this.panel) {
      this.panel.title = what.title;
      this.panel.reveal(undefined, false);
      // A loaded page sends no new `ready`: give it the new comparison now.
      this.post(what.snapshot);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      what.title,
      vscode.ViewColumn.Active,
      panelCreateOptions(this.context.extensionUri),
    );
    this.attach(panel);
  }

  /** Brings back a panel VS Code kept across a window reload: the comparison it showed, rebuilt from disk. */
  revive(panel: vscode.WebviewPanel): void {
    const inputs = this.context.workspaceState.get<{ baseline?: unknown; current?: unknown }>(LAST_SHOWN);
    try {
      if (typeof inputs?.baseline !== 'string' || typeof inputs.current !== 'string')
        throw new Error('nothing was shown');
      const base = loadRun(inputs.baseline);
      const current = loadRun(inputs.current);
      this.shown = {
        snapshot: compareSnapshotOf(base, current),
        title: `Compare: ${base.summary.runId} → ${current.summary.runId}`,
        dirs: { baseline: base.dir, current: current.dir },
        inputs: { baseline: inputs.baseline, current: inputs.current },
      };
    } catch (err) {
      // The runs were deleted (or never saved): an empty comparison would only confuse.
      this.log.info(`compare panel not restored: ${(err as Error).message}`);
      panel.dispose();
      return;
    }
    this.attach(panel);
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    if (this.shown) panel.title = this.shown.title;
    loadPanelPage(panel, this.context.extensionUri, { title: 'Gateway Load comparison', view: 'compare' });
    this.panelDisposables.push(
      panel.webview.onDidReceiveMessage((msg: unknown) => this.onMessage(msg)),
      panel.onDidDispose(() => {
        for (const d of this.panelDisposables.splice(0)) d.dispose();
        this.panel = undefined;
      }),
    );
  }

  /** The Markdown of what is shown, as the "Open as Markdown" action opens it. */
  async openMarkdown(): Promise<void> {
    if (!this.shown) return;
    const c = this.shown.snapshot.comparison;
    const verdict = c.regression ? `**Regression** in ${c.worse.join(', ')}` : 'No regression beyond the tolerances';
    const content = `# Gateway Load comparison\n\n${this.shown.title}\n\n${verdict}\n\n${renderComparisonMarkdown(c)}\n`;
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }

  private onMessage(raw: unknown): void {
    // The page is untrusted input like any other: act only on shapes the protocol defines.
    if (!isWebviewToHost(raw)) {
      this.log.warn(`compare panel: ignored a message of unknown shape: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    this.received[raw.type] = (this.received[raw.type] ?? 0) + 1;
    switch (raw.type) {
      case 'webview/ready':
        if (this.shown) this.post(this.shown.snapshot);
        return;
      case 'compare/openMarkdown':
        this.openMarkdown().catch((err: unknown) => this.log.error(`compare panel: open as Markdown: ${String(err)}`));
        return;
      case 'compare/openRun': {
        const dir = raw.side ? this.shown?.dirs[raw.side] : undefined;
        if (!dir) {
          void vscode.window.showInformationMessage(
            `Gateway Load: the ${raw.side ?? ''} run's folder is not available (a baseline keeps a copy of its figures, not the folder).`,
          );
          return;
        }
        void vscode.commands
          .executeCommand('gatewayLoad.showLive', dir)
          .then(undefined, (err: unknown) => this.log.error(`compare panel: show run: ${String(err)}`));
        return;
      }
      default:
        // Live-panel commands (stop, export, …) mean nothing here.
        return;
    }
  }

  private post(msg: HostToWebview): void {
    if (!this.panel) return;
    this.posted[msg.type] = (this.posted[msg.type] ?? 0) + 1;
    // A hidden or loading page drops messages; it asks again with `webview/ready`.
    void this.panel.webview.postMessage(msg).then(undefined, () => undefined);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

/** Creates the comparison panel's owner and the serializer that brings it back after a reload. */
export function registerComparePanel(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): ComparePanel {
  const compare = new ComparePanel(context, log);
  context.subscriptions.push(
    compare,
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => compare.revive(panel),
    }),
  );
  return compare;
}
