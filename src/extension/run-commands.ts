// Run, Dry Run, Stop and Open Results: from a scenario document to a run handed to the sessions.
//
// Test-facing arguments (every command also works with none, asking through the UI):
// - `gatewayLoad.run(uri?, options?)` and `gatewayLoad.dryRun(uri?, options?)`: `uri` is a Uri or a
//   path of a scenario file (CodeLens and menus pass the Uri). When `options` (an object) is given
//   the command never opens a modal or an input box: a needed confirmation or a missing secret
//   returns `{ blocked }` instead. Options: `confirm: true` accepts the non-loopback confirmation;
//   `secrets: { NAME: value }` supplies `${secret:NAME}` values for this run only;
//   `requests: n` (dry run) sets the number of requests (default 5).
//   Resolves with `{ runId, resultsDir, done }` (`done` resolves with the Summary at the end) or with
//   `{ blocked: message }` when the run did not start (untrusted workspace, errors, a run going, …).
// - `gatewayLoad.stop(runId? | uri?)`: graceful stop of that run (else the active editor's, else the
//   only one); resolves with the Summary once it has ended (undefined when nothing was running).
// - `gatewayLoad.stopAll()`: stops every run going; resolves with their summaries.
// - `gatewayLoad.openResults(run?)`: `run` is a runs-view item, a results folder path or a runId;
//   opens its `summary.json` (or `windows.ndjson` while it runs) and resolves with that path.
// Elsewhere, documented beside their code:
// - `gatewayLoad.showLive(run?)` (live-panels.ts): opens the panel on the current run, else on `run`
//   (item, folder path or Uri), else the latest; resolves with true once shown.
// - `gatewayLoad.setApiKey(name?, value?)` (secrets.ts): resolves with the name stored.
// - `gatewayLoad.newScenario(templateId?, target?)` (new-scenario.ts): resolves with the new Uri.
// - `gatewayLoad.deleteRun(run, { confirm: false })`, `gatewayLoad.refreshRuns()` (runs-view.ts).
// - `gatewayLoad.exportReport | markBaseline | compareWithBaseline | compareRuns | exportScenario`
//   (report-commands.ts).
// - The extension's exports (main.ts): `currentRun()` and `livePanel()` to observe state.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseScenario } from '../scenario/index';
import { startRun } from '../run/run-controller';
import { listRuns } from '../run/results-store';
import type { RunHandle } from '../run/types';
import type { Summary } from '../protocol';
import type { RunSessions, RunSession } from './run-session';
import { gateRun, promptFiles, UNTRUSTED_MESSAGE } from './run-gate';
import { resolveBaseUrl } from '../scenario/base-url';
import { missingNames, parseDotenv, referencedNames } from '../run/run-inputs';
import { readSecrets, setApiKey } from './secrets';
import { DryRunOutput } from './dry-run-output';
import {
  allResultsRoots,
  asUri,
  fileExistsFrom,
  isScenarioDocument,
  resultsRootFor,
  runSettings,
  scenarioFilePath,
  workspaceFolderFor,
} from './workspace-paths';
import { attachRunLog } from './run-log';
import { capsForNewRun, plannedUse } from './cap-share';
import { fileHead } from '../shared/file-head';

/** What Run and Dry Run resolve with. */
export type RunCommandResult = { runId: string; resultsDir: string; done: Promise<Summary> } | { blocked: string };

/** Options a caller (a test, another command) passes to run without any prompt. */
export interface RunCommandOptions {
  confirm?: boolean;
  secrets?: Record<string, string>;
  requests?: number;
}

/** What the run commands need from the rest of the extension. */
export interface RunDeps {
  context: vscode.ExtensionContext;
  sessions: RunSessions;
  log: vscode.LogOutputChannel;
}

/** Registers Run, Dry Run, Stop and Open Results; returns the dry-run output (tests read its transcript). */
export function registerRunCommands(deps: RunDeps): DryRunOutput {
  const { context } = deps;
  const dryChannel = new DryRunOutput();
  context.subscriptions.push(
    dryChannel,
    vscode.commands.registerCommand('gatewayLoad.run', (uri?: unknown, options?: unknown) =>
      runCommand(deps, dryChannel, 'run', uri, options),
    ),
    vscode.commands.registerCommand('gatewayLoad.dryRun', (uri?: unknown, options?: unknown) =>
      runCommand(deps, dryChannel, 'dry', uri, options),
    ),
    vscode.commands.registerCommand('gatewayLoad.stop', (which?: unknown) => stopCommand(deps.sessions, which)),
    vscode.commands.registerCommand('gatewayLoad.stopAll', () => stopAllCommand(deps.sessions)),
    vscode.commands.registerCommand('gatewayLoad.openResults', (run?: unknown) => openResults(deps, run)),
  );
  return dryChannel;
}

async function runCommand(
  deps: RunDeps,
  dryChannel: DryRunOutput,
  mode: 'run' | 'dry',
  uriArg: unknown,
  optionsArg: unknown,
): Promise<RunCommandResult> {
  const headless = typeof optionsArg === 'object' && optionsArg !== null;
  const options = (headless ? optionsArg : {}) as RunCommandOptions;
  const blocked = (message: string, ...actions: string[]): RunCommandResult => {
    deps.log.warn(message);
    if (!headless) void showBlocked(message, actions);
    return { blocked: message };
  };
  // Trust first: nothing of an untrusted workspace is read to decide anything else.
  if (!vscode.workspace.isTrusted) {
    return blocked(UNTRUSTED_MESSAGE, 'Manage Workspace Trust');
  }
  const uri = asUri(uriArg) ?? activeScenarioUri() ?? (headless ? undefined : await pickScenario());
  if (!uri) return blocked('Gateway Load: open a *.load.yaml scenario (or pass its URI) to run it.');
  const same = deps.sessions.sessionFor(uri);
  if (same)
    return blocked(
      `Gateway Load: ${same.scenario.name} is already running. Stop it first, or run another scenario beside it.`,
    );
  let doc: vscode.TextDocument;
  try {
    doc = await vscode.workspace.openTextDocument(uri);
  } catch (err) {
    return blocked(`Gateway Load: cannot open ${uri.fsPath}: ${(err as Error).message}`);
  }
  // The buffer as it is now, saved or not: what the user sees is what runs.
  const parsed = parseScenario(doc.getText(), {
    file: scenarioFilePath(doc.uri),
    fileExists: fileExistsFrom(doc),
    readHead: fileHead,
  });
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (!parsed.scenario || errors.length > 0) {
    const first = errors[0];
    const where = first ? ` First: line ${first.range.start.line + 1}: ${first.message}` : '';
    return blocked(
      `Gateway Load: ${path.basename(doc.uri.fsPath)} has ${errors.length || 'some'} error${errors.length === 1 ? '' : 's'} and cannot run; see the Problems view.${where}`,
      'Show Problems',
    );
  }
  const scenario = parsed.scenario;

  const names = referencedNames(scenario);
  const env = pick(process.env, names.env);
  const dotenv = readDotenv(doc.uri);
  let secrets = { ...(await readSecrets(deps.context.secrets, names.secret)), ...(options.secrets ?? {}) };
  let missingSecrets = missingNames(scenario, secrets, 'secret');
  if (missingSecrets.length > 0 && !headless) {
    const choice = await vscode.window.showWarningMessage(
      `Gateway Load: the scenario uses \${secret:${missingSecrets[0]}}, which is not set.`,
      {
        modal: true,
        detail: `Missing secrets: ${missingSecrets.join(', ')}. Secrets are kept in VS Code's SecretStorage, never in files.`,
      },
      'Set API Key',
    );
    if (choice === 'Set API Key') {
      for (const name of missingSecrets) if ((await setApiKey(deps.context.secrets, name)) === undefined) break;
      secrets = { ...(await readSecrets(deps.context.secrets, names.secret)), ...(options.secrets ?? {}) };
      missingSecrets = missingNames(scenario, secrets, 'secret');
    }
  }
  if (missingSecrets.length > 0) {
    return blocked(
      `Gateway Load: secret${missingSecrets.length > 1 ? 's' : ''} ${missingSecrets.join(', ')} not set; run "Gateway Load: Set API Key" to store ${missingSecrets.length > 1 ? 'them' : 'it'}.`,
      'Set API Key',
    );
  }
  const missingEnv = missingNames(scenario, env, 'env');
  if (missingEnv.length > 0)
    return blocked(
      `Gateway Load: environment variable${missingEnv.length > 1 ? 's' : ''} ${missingEnv.join(', ')} not set and without a default; set ${missingEnv.length > 1 ? 'them' : 'it'} before starting VS Code, or write \${env:NAME:-default}.`,
    );
  const missingDotenv = missingNames(scenario, dotenv, 'dotenv');
  if (missingDotenv.length > 0)
    return blocked(`Gateway Load: ${missingDotenv.join(', ')} not found in the workspace's .env file.`);

  const settings = runSettings(doc.uri);
  const settingsCaps = { maxRequestsPerSecond: settings.maxRequestsPerSecond, maxConnections: settings.maxConnections };
  const share = () =>
    capsForNewRun(
      settingsCaps,
      deps.sessions.all.map((s) => plannedUse(s.scenario, s.caps ?? {})),
    );
  let shared = share();
  if ('blocked' in shared) return blocked(`Gateway Load: ${shared.blocked}; wait for one to end or stop it.`);
  let caps = shared.caps;
  // One resolver with the engine: the origin confirmed here is the only one the worker will send to.
  const base = resolveBaseUrl(scenario.target.baseUrl, { env, dotenv, secrets, vars: scenario.variables });
  if (base.error !== undefined) return blocked(`Gateway Load: ${base.error}`);
  const resolvedBaseUrl = base.url;
  const outbound = { secrets: names.secret, env: names.env, dotenv: names.dotenv, files: promptFiles(scenario) };
  const workspaceRoots = (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => f.uri.fsPath);
  const gate = gateRun({
    trusted: vscode.workspace.isTrusted,
    scenario,
    resolvedBaseUrl,
    trustedHosts: settings.trustedHosts,
    confirmSetting: settings.confirmNonLoopback,
    caps,
    dryRun: mode === 'dry',
    outbound,
    workspaceRoots,
  });
  if ('blocked' in gate) return blocked(gate.blocked);
  if ('confirm' in gate && options.confirm !== true) {
    if (headless) return { blocked: `confirmation needed: ${gate.confirm.message}\n${gate.confirm.detail}` };
    const dontAsk = "Don't ask again for this host";
    const choice = await vscode.window.showWarningMessage(
      gate.confirm.message,
      { modal: true, detail: gate.confirm.detail },
      'Run',
      dontAsk,
    );
    if (choice === undefined) return { blocked: 'cancelled by the user' };
    if (choice === dontAsk) await rememberHost(doc.uri, gate.confirm.host);
  }

  const resultsRoot =
    mode === 'dry'
      ? path.join(deps.context.globalStorageUri.fsPath, 'dry-runs')
      : resultsRootFor(doc.uri, deps.context.globalStorageUri.fsPath);
  // The prompts above awaited the user: another run may have started meanwhile.
  const started = runGoing(deps.sessions, uri);
  if (started) return blocked(`Gateway Load: ${started.scenario.name} is already running. Stop it first.`);
  shared = share();
  if ('blocked' in shared) return blocked(`Gateway Load: ${shared.blocked}; wait for one to end or stop it.`);
  caps = shared.caps;
  // Dry runs leave nothing worth keeping; only the last one stays, for a look at its files.
  if (mode === 'dry') await fs.promises.rm(resultsRoot, { recursive: true, force: true }).catch(() => undefined);
  let session: RunSession;
  let handle: RunHandle | undefined;
  try {
    handle = startRun(scenario, {
      workerPath: deps.context.asAbsolutePath(path.join('dist', 'worker.js')),
      resultsRoot,
      env,
      dotenv,
      secrets,
      ...caps,
      allowedOrigin: base.origin,
      proxy: settings.proxy,
      workers: scenario.load.workers ?? settings.workers,
      dryRun: mode === 'dry' ? { requests: Math.max(1, Math.min(50, Math.floor(options.requests ?? 5))) } : undefined,
    });
    session = deps.sessions.begin(handle, doc.uri, scenario, mode);
    session.caps = caps;
  } catch (err) {
    handle?.stop('the editor could not follow the run');
    return blocked(`Gateway Load: the run could not start: ${(err as Error).message}`);
  }
  attachRunLog(deps.log, session, resolvedBaseUrl);
  if (mode === 'dry') dryChannel.attach(session, Object.values(secrets));
  return { runId: session.handle.runId, resultsDir: session.handle.resultsDir, done: session.handle.done };
}

/** Read through a call so the check after awaits is not narrowed away by the one before them. */
function runGoing(sessions: RunSessions, uri: vscode.Uri): RunSession | undefined {
  return sessions.sessionFor(uri);
}

/**
 * Stops one run: the one with this runId, or of this scenario Uri (the CodeLens passes it), else
 * the active editor's, else the only one going, else the one picked.
 */
async function stopCommand(sessions: RunSessions, which: unknown): Promise<Summary | undefined> {
  const all = sessions.all;
  if (all.length === 0) return undefined;
  let session: RunSession | undefined;
  if (typeof which === 'string') session = sessions.byRunId(which);
  else if (which instanceof vscode.Uri) session = sessions.sessionFor(which);
  else {
    const active = vscode.window.activeTextEditor?.document.uri;
    session = (active && sessions.sessionFor(active)) ?? (all.length === 1 ? all[0] : undefined);
    if (!session) {
      const picked = await vscode.window.showQuickPick(
        all.map((s) => ({ label: s.scenario.name, description: s.handle.resultsDir, session: s })),
        { title: 'Gateway Load: stop which run?' },
      );
      session = picked?.session;
    }
  }
  if (!session) return undefined;
  session.handle.stop('stopped by the user');
  return session.handle.done;
}

/** Stops every run going; resolves with their summaries once all have ended. */
async function stopAllCommand(sessions: RunSessions): Promise<Summary[]> {
  const all = sessions.all;
  for (const s of all) s.handle.stop('stopped by the user (Stop All)');
  return Promise.all(all.map((s) => s.handle.done));
}

async function openResults(deps: RunDeps, run: unknown): Promise<string | undefined> {
  const dir = await resolveRunDir(deps, run);
  if (!dir) return undefined;
  const file = ['summary.json', 'windows.ndjson'].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
  if (!file) {
    void vscode.window.showWarningMessage(`Gateway Load: ${dir} holds no results yet.`);
    return undefined;
  }
  await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: true });
  return file;
}

/** A run folder from a tree item, a path, a runId, the latest session, or a pick of the saved runs. */
export async function resolveRunDir(
  deps: Pick<RunDeps, 'context' | 'sessions'>,
  run: unknown,
  pickTitle = 'Gateway Load: choose a run',
): Promise<string | undefined> {
  if (typeof run === 'object' && run !== null && typeof (run as { dir?: unknown }).dir === 'string')
    return (run as { dir: string }).dir;
  const uri = run instanceof vscode.Uri ? run : undefined;
  if (uri) return uri.fsPath;
  const roots = allResultsRoots(deps.context.globalStorageUri.fsPath);
  if (typeof run === 'string' && run) {
    if (path.isAbsolute(run)) return run;
    for (const root of roots) {
      const found = (await listRuns(root)).find((r) => r.runId === run);
      if (found) return found.dir;
    }
    return undefined;
  }
  const latest = deps.sessions.latest;
  if (run === undefined && latest && latest.mode === 'run') return latest.handle.resultsDir;
  const runs = (await Promise.all(roots.map((r) => listRuns(r))))
    .flat()
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  if (runs.length === 0) {
    void vscode.window.showInformationMessage('Gateway Load: no saved runs in this workspace yet.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    runs.map((r) => ({
      label: r.name,
      description: `${r.startedAt} · ${r.status}${r.passed === false ? ' · failed' : ''}`,
      detail: r.dir,
      dir: r.dir,
    })),
    { title: pickTitle, matchOnDescription: true },
  );
  return picked?.dir;
}

function activeScenarioUri(): vscode.Uri | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && isScenarioDocument(doc) ? doc.uri : undefined;
}

async function pickScenario(): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles('**/*.load.{yaml,yml}', '**/node_modules/**', 500);
  if (files.length === 0) {
    void vscode.window.showInformationMessage(
      'Gateway Load: no *.load.yaml scenario in this workspace. Create one with "Gateway Load: New Scenario".',
    );
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    files
      .sort((a, b) => a.fsPath.localeCompare(b.fsPath))
      .map((uri) => ({
        label: path.basename(uri.fsPath),
        description: vscode.workspace.asRelativePath(path.dirname(uri.fsPath)),
        uri,
      })),
    { title: 'Gateway Load: which scenario?' },
  );
  return picked?.uri;
}

function readDotenv(uri: vscode.Uri): Record<string, string> {
  const folder = workspaceFolderFor(uri);
  const candidates = [
    folder && path.join(folder.uri.fsPath, '.env'),
    uri.scheme === 'file' ? path.join(path.dirname(uri.fsPath), '.env') : undefined,
  ];
  for (const file of candidates) {
    if (!file) continue;
    try {
      return parseDotenv(fs.readFileSync(file, 'utf8'));
    } catch {
      // No .env there: try the next place.
    }
  }
  return {};
}

function pick(source: NodeJS.ProcessEnv, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = source[n];
    if (v !== undefined) out[n] = v;
  }
  return out;
}

async function rememberHost(uri: vscode.Uri, host: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('gatewayLoad', uri);
  const hosts = config.get<string[]>('trustedHosts', []);
  if (!hosts.includes(host)) await config.update('trustedHosts', [...hosts, host], vscode.ConfigurationTarget.Global);
}

async function showBlocked(message: string, actions: string[]): Promise<void> {
  const choice = await vscode.window.showErrorMessage(message, ...actions);
  if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
  else if (choice === 'Manage Workspace Trust') await vscode.commands.executeCommand('workbench.trust.manage');
  else if (choice === 'Set API Key') await vscode.commands.executeCommand('gatewayLoad.setApiKey');
}
