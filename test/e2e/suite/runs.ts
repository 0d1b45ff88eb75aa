// Helpers for journeys that start runs: the results folders, the live panel's tab, the mock's stats,
// and a command promise that is watched rather than awaited (a run may resolve only when it ends).
import * as vscode from 'vscode';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Summary } from '../../../src/protocol';
import type { GatewayLoadApi } from '../../../src/extension/main';
import { harnessEnv, workspaceDir } from './util';

/** The folder runs write into, as the extension resolves it. */
export function resultsRoot(): string {
  const rel = vscode.workspace.getConfiguration('gatewayLoad').get<string>('resultsFolder', '.gateway-load/runs');
  return join(workspaceDir(), rel);
}

/** Names of the run folders present now. */
export function runFolders(): Set<string> {
  const root = resultsRoot();
  return new Set(existsSync(root) ? readdirSync(root).filter((n) => statSync(join(root, n)).isDirectory()) : []);
}

/** The one run folder created since `before`, if there is one yet. */
export function newRunFolder(before: Set<string>): string | undefined {
  const fresh = [...runFolders()].filter((n) => !before.has(n));
  if (fresh.length > 1) throw new Error(`expected one new run folder, found ${fresh.join(', ')}`);
  return fresh[0] === undefined ? undefined : join(resultsRoot(), fresh[0]);
}

/** summary.json of a run folder, once it is written. */
export function readSummary(dir: string): Summary | undefined {
  const file = join(dir, 'summary.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Summary) : undefined;
}

/** The live panel's tab, if one is open. */
export function livePanelTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('gatewayLoad.live'));
}

/** The read-only API the extension returns from activate() (src/extension/main.ts), for state no command exposes. */
export type ExtensionApi = GatewayLoadApi;

/** The extension's API, activating it if needed. */
export async function extensionApi(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>('gateway-load.gateway-load');
  if (!ext) throw new Error('extension gateway-load.gateway-load is not installed in this host');
  return ext.isActive ? ext.exports : ext.activate();
}

/** What happened to a command started without awaiting it. */
export interface Tracked<T> {
  promise: Promise<T>;
  settled: boolean;
  error?: unknown;
  value?: T;
}

/** Starts a command and records its outcome, so a journey can wait for side effects meanwhile. */
export function track<T>(thenable: Thenable<T>): Tracked<T> {
  const t: Tracked<T> = { promise: Promise.resolve(thenable), settled: false };
  t.promise.then(
    (v) => {
      t.settled = true;
      t.value = v;
    },
    (e: unknown) => {
      t.settled = true;
      t.error = e;
    },
  );
  return t;
}

/** Throws at once when a tracked command failed, so a wait does not hide the real error behind a timeout. */
export function rethrow(t: Tracked<unknown>, what: string): void {
  if (t.error !== undefined)
    throw new FatalWaitError(`${what} failed: ${t.error instanceof Error ? t.error.message : String(t.error)}`);
}

/** An error `waitFor` does not retry past. */
export class FatalWaitError extends Error {
  override name = 'FatalWaitError';
}

/** A call to the mock's control route `/__mock/<path>`; `body` is sent as JSON (e.g. a config patch). */
export async function mockControl<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${harnessEnv('GATEWAY_URL')}/__mock/${path}`, {
    method,
    signal: AbortSignal.timeout(5000),
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  if (!res.ok) throw new Error(`mock ${method} /__mock/${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** Every file under a folder, recursively. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Stops whatever runs are going, so one journey's failure does not leave a run that blocks the next. */
export async function stopAnyRun(): Promise<void> {
  // Stop All, not Stop: with several runs going, Stop would ask which one.
  await vscode.commands.executeCommand('gatewayLoad.stopAll');
}

/** Stops every run going (journeys that start several). */
export const stopAllRuns = stopAnyRun;

/** A run that went to its end: its id, folder and summary. */
export interface FinishedRun {
  runId: string;
  resultsDir: string;
  summary: Summary;
}

/** Runs a scenario headless (no prompt) to its end; fails naming the refusal when it does not start. */
export async function runToEnd(uri: vscode.Uri, options: Record<string, unknown> = {}): Promise<FinishedRun> {
  const r = await vscode.commands.executeCommand<
    { runId: string; resultsDir: string; done: Promise<Summary> } | { blocked: string } | undefined
  >('gatewayLoad.run', uri, options);
  if (!r) throw new Error('gatewayLoad.run resolved with nothing');
  if ('blocked' in r) throw new Error(`gatewayLoad.run refused: ${r.blocked}`);
  const summary = await r.done;
  if (summary.status !== 'completed')
    throw new Error(`run ${r.runId} ended ${summary.status}: ${summary.reason ?? ''}`);
  return { runId: r.runId, resultsDir: r.resultsDir, summary };
}
