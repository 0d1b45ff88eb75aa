// Export Report, Mark as Baseline, Compare With Baseline, Compare Two Runs and Export Scenario:
// thin wrappers over `src/report/` and `src/export/`, which the CLI shares.
//
// Test-facing arguments (no prompt when they are given):
// - `gatewayLoad.exportReport(run?, formats?)`: `formats` like `['html', 'md']` or `'html,junit'`;
//   writes into the run folder (with a comparison when the scenario has a baseline) and resolves
//   with `{ html?, md?, json?, junit? }` paths.
// - `gatewayLoad.markBaseline(run?)`: resolves with the baseline file written.
// - `gatewayLoad.compareWithBaseline(run?)` / `gatewayLoad.compareRuns(a?, b?)`: open the comparison
//   view (compare-panel.ts; its "Open as Markdown" gives the Markdown) and resolve with the
//   `Comparison` (undefined when there is nothing to compare).
// - `gatewayLoad.exportScenario(uri?, to?)`: `to` is `artillery` or `k6`; resolves with the files written.
// `run` is a runs-view item, a results folder path or a runId, as for Open Results.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  baselinePath,
  getBaseline,
  loadRun,
  markBaseline,
  REPORT_FORMATS,
  writeReports,
  type Comparison,
  type ReportFormat,
  type RunData,
} from '../report/index';
import { defaultExportPath, EXPORT_TARGETS, exportScenario, type ExportTarget } from '../export/index';
import { parseScenario } from '../scenario/index';
import { resolveRunDir, type RunDeps } from './run-commands';
import type { ComparePanel } from './compare-panel';
import { baselineSourceDir, compareSnapshotOf } from './compare-snapshot';
import { allRuns } from './saved-runs';
import { asUri, fileExistsFrom, isScenarioDocument, scenarioFilePath, workspaceFolderFor } from './workspace-paths';

/** Called after a baseline changes, so the runs view redraws its badges. */
export type OnBaselineChanged = () => void;

/** Registers the report and export commands. */
export function registerReportCommands(
  deps: RunDeps,
  onBaselineChanged: OnBaselineChanged,
  comparePanel: ComparePanel,
): void {
  const { context } = deps;
  const guard =
    <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R | undefined> => {
      try {
        return await fn(...args);
      } catch (err) {
        deps.log.error(`${name}: ${(err as Error).message}`);
        void vscode.window.showErrorMessage(`Gateway Load: ${name} failed: ${(err as Error).message}`);
        return undefined;
      }
    };
  context.subscriptions.push(
    vscode.commands.registerCommand(
      'gatewayLoad.exportReport',
      guard('Export Report', (run?: unknown, formats?: unknown) => exportReport(deps, run, formats)),
    ),
    vscode.commands.registerCommand(
      'gatewayLoad.markBaseline',
      guard('Mark as Baseline', async (run?: unknown) => {
        const file = await markAsBaseline(deps, run);
        if (file) onBaselineChanged();
        return file;
      }),
    ),
    vscode.commands.registerCommand(
      'gatewayLoad.compareWithBaseline',
      guard('Compare With Baseline', (run?: unknown) => compareWithBaseline(deps, comparePanel, run)),
    ),
    vscode.commands.registerCommand(
      'gatewayLoad.compareRuns',
      guard('Compare Two Runs', (a?: unknown, b?: unknown) => compareRuns(deps, comparePanel, a, b)),
    ),
    vscode.commands.registerCommand(
      'gatewayLoad.exportScenario',
      guard('Export Scenario', (uri?: unknown, to?: unknown) => exportScenarioCommand(uri, to)),
    ),
  );
}

/** The workspace folder a run folder belongs to (baselines live there). */
function workspaceOf(dir: string): string {
  return workspaceFolderFor(vscode.Uri.file(dir))?.uri.fsPath ?? path.dirname(path.dirname(dir));
}

async function exportReport(
  deps: RunDeps,
  run: unknown,
  formatsArg: unknown,
): Promise<Partial<Record<ReportFormat, string>> | undefined> {
  const dir = await resolveRunDir(deps, run, 'Gateway Load: export the report of which run?');
  if (!dir) return undefined;
  let formats: string[] | undefined = Array.isArray(formatsArg)
    ? formatsArg.map(String)
    : typeof formatsArg === 'string'
      ? [formatsArg]
      : undefined;
  const interactive = formats === undefined;
  if (!formats) {
    const picked = await vscode.window.showQuickPick(
      REPORT_FORMATS.map((f) => ({
        label: f,
        picked: f === 'html',
        description: {
          html: 'standalone page with charts',
          md: 'Markdown, for a pull request',
          json: 'machine-readable',
          junit: 'JUnit XML, for CI',
        }[f],
      })),
      { title: 'Gateway Load: report formats', canPickMany: true },
    );
    if (!picked || picked.length === 0) return undefined;
    formats = picked.map((p) => p.label);
  }
  const summary = loadRun(dir).summary;
  const baseline = getBaseline(workspaceOf(dir), summary.scenario);
  // A report compares with the scenario's baseline, unless this run is the baseline.
  const useBaseline =
    baseline && baseline.summary.runId !== summary.runId ? baselinePath(workspaceOf(dir), summary.scenario) : undefined;
  const written = writeReports(dir, formats, { baseline: useBaseline });
  const first = Object.values(written.files)[0];
  if (interactive && first) {
    const open = await vscode.window.showInformationMessage(
      `Gateway Load: report written to ${path.dirname(first)}`,
      'Open',
    );
    if (open === 'Open') {
      if (first.endsWith('.html')) await vscode.env.openExternal(vscode.Uri.file(first));
      else await vscode.window.showTextDocument(vscode.Uri.file(first));
    }
  }
  return written.files;
}

async function markAsBaseline(deps: RunDeps, run: unknown): Promise<string | undefined> {
  const dir = await resolveRunDir(deps, run, 'Gateway Load: which run becomes the baseline?');
  if (!dir) return undefined;
  const file = markBaseline(workspaceOf(dir), dir);
  deps.log.info(`baseline: ${dir} → ${file}`);
  void vscode.window.showInformationMessage(`Gateway Load: baseline set (${vscode.workspace.asRelativePath(file)}).`);
  return file;
}

async function compareWithBaseline(deps: RunDeps, panel: ComparePanel, run: unknown): Promise<Comparison | undefined> {
  const dir = await resolveRunDir(deps, run, 'Gateway Load: compare which run with its baseline?');
  if (!dir) return undefined;
  const current = loadRun(dir);
  const workspace = workspaceOf(dir);
  const baseline = getBaseline(workspace, current.summary.scenario);
  if (!baseline) {
    void vscode.window.showInformationMessage(
      `Gateway Load: "${current.summary.scenario}" has no baseline yet. Use "Mark as Baseline" on a run you trust.`,
    );
    return undefined;
  }
  const file = baselinePath(workspace, current.summary.scenario);
  const title = `${current.summary.scenario}: baseline ${baseline.summary.runId} → ${current.summary.runId}`;
  return showComparison(
    panel,
    loadRun(file),
    current,
    title,
    { baseline: baselineSourceDir(workspace, file), current: dir },
    { baseline: file, current: dir },
    vscode.workspace.asRelativePath(file),
  );
}

async function compareRuns(
  deps: RunDeps,
  panel: ComparePanel,
  a: unknown,
  b: unknown,
): Promise<Comparison | undefined> {
  let dirs: string[] = [];
  // From the tree with two selected: (clicked item, all selected items).
  if (Array.isArray(b))
    dirs = b.map((i) => (i as { dir?: unknown }).dir).filter((d): d is string => typeof d === 'string');
  else if (a !== undefined && b !== undefined)
    dirs = [await resolveRunDir(deps, a), await resolveRunDir(deps, b)].filter((d): d is string => !!d);
  if (dirs.length !== 2) {
    const runs = await allRuns(deps.context);
    if (runs.length < 2) {
      void vscode.window.showInformationMessage('Gateway Load: comparing needs two saved runs.');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      runs.map((r) => ({ label: r.name, description: `${r.startedAt} · ${r.status}`, dir: r.dir })),
      { title: 'Gateway Load: pick two runs to compare', canPickMany: true },
    );
    if (!picked) return undefined;
    if (picked.length !== 2) {
      void vscode.window.showWarningMessage('Gateway Load: pick exactly two runs.');
      return undefined;
    }
    dirs = picked.map((p) => p.dir);
  }
  const [x, y] = dirs.map((d) => loadRun(d));
  // The older run is the reference.
  const [base, current] = x.summary.startedAt <= y.summary.startedAt ? [x, y] : [y, x];
  const [bx, cx] = base === x ? dirs : [dirs[1], dirs[0]];
  return showComparison(
    panel,
    base,
    current,
    `${base.summary.runId} → ${current.summary.runId}`,
    { baseline: base.dir, current: current.dir },
    { baseline: bx, current: cx },
  );
}

function showComparison(
  panel: ComparePanel,
  base: RunData,
  current: RunData,
  title: string,
  dirs: { baseline?: string; current?: string },
  inputs: { baseline: string; current: string },
  baselineSource?: string,
): Comparison {
  const snapshot = compareSnapshotOf(base, current, {
    sources: { baseline: baselineSource ?? base.dir, current: current.dir },
  });
  panel.show({ snapshot, title: `Compare: ${title}`, dirs, inputs });
  return snapshot.comparison;
}

async function exportScenarioCommand(uriArg: unknown, toArg: unknown): Promise<string[] | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  const uri = asUri(uriArg) ?? (active && isScenarioDocument(active) ? active.uri : undefined);
  if (!uri) {
    void vscode.window.showInformationMessage('Gateway Load: open a *.load.yaml scenario to export it.');
    return undefined;
  }
  let to =
    typeof toArg === 'string' && (EXPORT_TARGETS as readonly string[]).includes(toArg)
      ? (toArg as ExportTarget)
      : undefined;
  const interactive = to === undefined;
  if (!to) {
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'k6', description: 'JavaScript script for k6 / Grafana Cloud k6' },
        { label: 'artillery', description: 'YAML script for Artillery' },
      ],
      { title: 'Gateway Load: export to' },
    );
    if (!picked) return undefined;
    to = picked.label as ExportTarget;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const file = scenarioFilePath(doc.uri);
  const parsed = parseScenario(doc.getText(), { file, fileExists: fileExistsFrom(doc) });
  if (!parsed.scenario) throw new Error('the scenario has errors: see the Problems view');
  if (!file) throw new Error('save the scenario first: the export is written beside it');
  const result = exportScenario(parsed.scenario, to, defaultExportPath(file, to));
  for (const f of result.files) {
    fs.mkdirSync(path.dirname(f.path), { recursive: true });
    fs.writeFileSync(f.path, f.content);
  }
  if (interactive && result.files[0]) {
    await vscode.window.showTextDocument(vscode.Uri.file(result.files[0].path));
    if (result.warnings.length > 0)
      void vscode.window.showWarningMessage(
        `Gateway Load: exported to ${to} with ${result.warnings.length} caveat(s): ${result.warnings.join(' · ')}`,
      );
  }
  return result.files.map((f) => f.path);
}
