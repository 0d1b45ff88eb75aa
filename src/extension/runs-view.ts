// The "Load Test Runs" view: the workspace's saved runs, newest first, pass/fail icons, the
// baseline marked. It follows the results folders and the baselines on disk.
//
// Test-facing: `gatewayLoad.deleteRun(run, { confirm: false })` deletes without the modal and
// resolves with true when the folder is gone; `gatewayLoad.refreshRuns()` resolves with the runs listed.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { listBaselines } from '../report/index';
import type { RunDeps } from './run-commands';
import { resolveRunDir } from './run-commands';
import { allRuns, type RunEntry } from './saved-runs';
import { allResultsRoots } from './workspace-paths';
import { trendBadges, type RunTrendBadge } from './runs-trend';

/** One run in the tree; commands receive it as their argument and read `dir`. */
export class RunItem extends vscode.TreeItem {
  constructor(
    readonly entry: RunEntry,
    readonly dir: string,
    baseline: boolean,
    running: boolean,
    trend?: RunTrendBadge,
  ) {
    super(entry.name, vscode.TreeItemCollapsibleState.None);
    this.id = dir;
    const when = formatStarted(entry.startedAt);
    this.description = [when, running ? 'running' : entry.status, baseline ? 'baseline' : undefined, trend?.text]
      .filter(Boolean)
      .join(' · ');
    this.tooltip = new vscode.MarkdownString(
      `**${entry.name}**\n\n${entry.runId}\n\nstatus: ${entry.status}${entry.passed === null ? '' : entry.passed ? ' — thresholds met' : ' — thresholds not met'}${baseline ? '\n\n$(pinned) baseline of its scenario' : ''}\n\n\`${dir}\``,
      true,
    );
    this.iconPath = running
      ? new vscode.ThemeIcon('sync~spin')
      : entry.passed === false || entry.status === 'failed' || entry.status === 'aborted'
        ? new vscode.ThemeIcon('testing-failed-icon', new vscode.ThemeColor('testing.iconFailed'))
        : new vscode.ThemeIcon('testing-passed-icon', new vscode.ThemeColor('testing.iconPassed'));
    if (trend) (this.tooltip as vscode.MarkdownString).appendMarkdown(`\n\n${trend.tooltip}`);
    this.contextValue = baseline ? 'run-baseline' : 'run';
    this.resourceUri = vscode.Uri.file(dir);
    this.command = { command: 'gatewayLoad.showLive', title: 'Show Run', arguments: [dir] };
  }
}

function formatStarted(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** Lists runs for the tree. */
export class RunsProvider implements vscode.TreeDataProvider<RunItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: RunDeps) {}

  /** Redraws soon; bursts of file events (a run writes every second) collapse into one. */
  refresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.changed.fire();
      // The view is hidden while there are neither scenarios nor runs, so getChildren alone cannot reveal it.
      void this.updateHasRuns();
    }, 300);
  }

  async updateHasRuns(): Promise<void> {
    const runs = await allRuns(this.deps.context);
    await vscode.commands.executeCommand('setContext', 'gatewayLoad.hasRuns', runs.length > 0);
  }

  getTreeItem(item: RunItem): RunItem {
    return item;
  }

  async getChildren(parent?: RunItem): Promise<RunItem[]> {
    if (parent) return [];
    const runs = await allRuns(this.deps.context);
    const baselineIds = new Set<string>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      try {
        for (const b of listBaselines(folder.uri.fsPath)) baselineIds.add(b.runId);
      } catch {
        // An unreadable baselines folder only loses the badge.
      }
    }
    const running = new Set(this.deps.sessions.all.map((s) => s.handle.resultsDir));
    const badges = await trendBadges(runs, baselineIds);
    return runs.map((r) => new RunItem(r, r.dir, baselineIds.has(r.runId), running.has(r.dir), badges.get(r.dir)));
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.changed.dispose();
  }
}

/** Registers the view, its commands, and the watchers that keep it current. */
export function registerRunsView(deps: RunDeps): RunsProvider {
  const { context, sessions } = deps;
  const provider = new RunsProvider(deps);
  const view = vscode.window.createTreeView('gatewayLoad.runs', {
    treeDataProvider: provider,
    canSelectMany: true,
    showCollapseAll: false,
  });
  context.subscriptions.push(provider, view);

  const watchers: vscode.FileSystemWatcher[] = [];
  const watchRoots = () => {
    for (const w of watchers.splice(0)) w.dispose();
    for (const root of allResultsRoots(context.globalStorageUri.fsPath)) {
      // The results folder and the baselines beside it; both may not exist yet.
      const parent = path.dirname(root);
      const w = vscode.workspace.createFileSystemWatcher(
        new vscode.RelativePattern(vscode.Uri.file(parent), '**/*.{json,ndjson}'),
      );
      w.onDidCreate(() => provider.refresh());
      w.onDidDelete(() => provider.refresh());
      w.onDidChange((u) => {
        if (u.fsPath.endsWith('summary.json')) provider.refresh();
      });
      watchers.push(w);
    }
  };
  watchRoots();

  const scenarioWatcher = vscode.workspace.createFileSystemWatcher('**/*.load.{yaml,yml}', false, true, false);
  const updateHasScenarios = async () => {
    const found = await vscode.workspace.findFiles('**/*.load.{yaml,yml}', '**/node_modules/**', 1);
    void vscode.commands.executeCommand('setContext', 'gatewayLoad.hasScenarios', found.length > 0);
  };
  void updateHasScenarios();
  void provider.updateHasRuns();

  context.subscriptions.push(
    {
      dispose: () => {
        for (const w of watchers.splice(0)) w.dispose();
      },
    },
    scenarioWatcher,
    scenarioWatcher.onDidCreate(() => void updateHasScenarios()),
    scenarioWatcher.onDidDelete(() => void updateHasScenarios()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      watchRoots();
      provider.refresh();
      void updateHasScenarios();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('gatewayLoad.resultsFolder')) {
        watchRoots();
        provider.refresh();
      }
    }),
    sessions.onDidStart(() => provider.refresh()),
    sessions.onDidEnd(() => provider.refresh()),
    vscode.commands.registerCommand('gatewayLoad.refreshRuns', async () => {
      provider.refresh();
      return allRuns(context);
    }),
    vscode.commands.registerCommand('gatewayLoad.deleteRun', (item?: unknown, second?: unknown) =>
      deleteRuns(deps, provider, item, second),
    ),
  );
  return provider;
}

async function deleteRuns(deps: RunDeps, provider: RunsProvider, item: unknown, second: unknown): Promise<boolean> {
  // From the tree: (clicked, selected[]); from a test: (run, { confirm: false }).
  const selected = Array.isArray(second)
    ? second.map((i) => (i as { dir?: unknown }).dir).filter((d): d is string => typeof d === 'string')
    : [];
  const options =
    !Array.isArray(second) && typeof second === 'object' && second !== null ? (second as { confirm?: unknown }) : {};
  const dirs =
    selected.length > 0
      ? selected
      : [await resolveRunDir(deps, item, 'Gateway Load: delete which run?')].filter((d): d is string => !!d);
  if (dirs.length === 0) return false;
  if (deps.sessions.all.some((s) => dirs.includes(s.handle.resultsDir))) {
    void vscode.window.showWarningMessage(
      'Gateway Load: that run is still going; stop it before deleting its results.',
    );
    return false;
  }
  // Only folders inside a results root are deleted: a stray argument must not remove anything else.
  const roots = allResultsRoots(deps.context.globalStorageUri.fsPath).map((r) => path.resolve(r) + path.sep);
  const safe = dirs.filter((d) => roots.some((r) => path.resolve(d).startsWith(r)));
  if (safe.length !== dirs.length) {
    void vscode.window.showErrorMessage('Gateway Load: only run folders inside the results folder can be deleted.');
    return false;
  }
  if (options.confirm !== false) {
    const label = safe.length === 1 ? `the run ${path.basename(safe[0])}` : `${safe.length} runs`;
    const ok = await vscode.window.showWarningMessage(
      `Delete ${label}?`,
      {
        modal: true,
        detail:
          'Its results folder (windows, summary, reports) is removed from disk. Baselines taken from it are kept.',
      },
      'Delete',
    );
    if (ok !== 'Delete') return false;
  }
  for (const dir of safe) await fs.promises.rm(dir, { recursive: true, force: true });
  deps.log.info(`deleted ${safe.join(', ')}`);
  provider.refresh();
  return safe.every((d) => !fs.existsSync(d));
}
