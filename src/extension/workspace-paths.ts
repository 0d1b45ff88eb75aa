// Where a scenario's run writes, which settings cap it, and conversions between the pure
// modules' positions and VS Code's. Kept together because every command needs them.

import * as path from 'node:path';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { Diagnostic, Position, Range } from '../scenario/model';
import { safeResultsRoot } from './results-folder';

/** The settings that shape a run. */
export interface RunSettings {
  maxRequestsPerSecond?: number;
  maxConnections?: number;
  /** `gatewayLoad.workers`: load worker threads for scenarios that do not say (`auto` or a number). */
  workers?: number | 'auto';
  confirmNonLoopback: boolean;
  trustedHosts: string[];
  resultsFolder: string;
  /** The editor's `http.proxy` and `http.proxyStrictSSL`, passed to the worker. */
  proxy?: { url?: string; noProxy?: string[]; strictSSL?: boolean };
}

/** Reads `gatewayLoad.*` for the scenario's workspace folder (settings may differ per folder). */
export function runSettings(scope?: vscode.Uri): RunSettings {
  const c = vscode.workspace.getConfiguration('gatewayLoad', scope);
  const positive = (v: unknown) => (typeof v === 'number' && v > 0 ? v : undefined);
  return {
    maxRequestsPerSecond: positive(c.get('maxRequestsPerSecond')),
    maxConnections: positive(c.get('maxConnections')),
    workers: workersSetting(c.get('workers')),
    // Only the user's own settings may skip the question: a cloned repository's
    // .vscode/settings.json must not be able to send load elsewhere without asking.
    confirmNonLoopback: userValue<boolean>(c, 'confirmNonLoopback', true) !== false,
    trustedHosts: (userValue<unknown[]>(c, 'trustedHosts', []) ?? []).filter((h): h is string => typeof h === 'string'),
    resultsFolder: c.get<string>('resultsFolder', '.gateway-load/runs') || '.gateway-load/runs',
    proxy: editorProxy(scope),
  };
}

/** `gatewayLoad.workers`: `auto`, or a whole number of at least 1; anything else is the default (1). */
function workersSetting(v: unknown): number | 'auto' | undefined {
  if (v === 'auto') return 'auto';
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1) return Math.min(v, 256);
  if (typeof v === 'string' && /^\d+$/.test(v) && Number(v) >= 1) return Math.min(Number(v), 256);
  return undefined;
}

/** VS Code's own proxy settings: `http.proxy` (empty = none; the environment still applies), `http.noProxy`, `http.proxyStrictSSL`. */
function editorProxy(scope?: vscode.Uri): RunSettings['proxy'] {
  const h = vscode.workspace.getConfiguration('http', scope);
  const url = h.get<string>('proxy', '').trim();
  const strictSSL = h.get<boolean>('proxyStrictSSL', true);
  const noProxy = (h.get<unknown[]>('noProxy', []) ?? []).filter((x): x is string => typeof x === 'string');
  return url || strictSSL === false ? { ...(url ? { url, noProxy } : {}), strictSSL } : undefined;
}

/** A setting's user-level value (global, else default), ignoring workspace and folder values. */
function userValue<T>(c: vscode.WorkspaceConfiguration, key: string, fallback: T): T {
  const i = c.inspect<T>(key);
  return i?.globalValue ?? i?.defaultValue ?? fallback;
}

/** The folder a scenario's runs go to: `gatewayLoad.resultsFolder` in its workspace folder (else the first one, else beside the file). */
export function resultsRootFor(uri: vscode.Uri | undefined, fallbackDir: string): string {
  const folder = workspaceFolderFor(uri);
  const setting = runSettings(folder?.uri ?? uri).resultsFolder;
  const base = folder?.uri.fsPath ?? (uri?.scheme === 'file' ? path.dirname(uri.fsPath) : fallbackDir);
  const roots = (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => f.uri.fsPath);
  return safeResultsRoot(setting, base, [...roots, base], os.homedir()).root;
}

/** Every results root of the open workspace, one per folder, each once. */
export function allResultsRoots(fallbackDir: string): string[] {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const roots = folders.map((f) => resultsRootFor(f.uri, fallbackDir));
  return [...new Set(roots)];
}

/** The workspace folder of a URI, or the first one. */
export function workspaceFolderFor(uri: vscode.Uri | undefined): vscode.WorkspaceFolder | undefined {
  return (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
}

/** Existence check for prompt files, relative to the scenario's folder (or the workspace for untitled files). */
export function fileExistsFrom(doc: { uri: vscode.Uri }): (p: string) => boolean {
  const base =
    doc.uri.scheme === 'file'
      ? path.dirname(doc.uri.fsPath)
      : (workspaceFolderFor(doc.uri)?.uri.fsPath ?? process.cwd());
  return (p: string) => {
    try {
      return fs.existsSync(path.isAbsolute(p) ? p : path.resolve(base, p));
    } catch {
      return false;
    }
  };
}

/** The absolute path a parsed scenario knows its file by. */
export function scenarioFilePath(uri: vscode.Uri): string | undefined {
  return uri.scheme === 'file' ? uri.fsPath : undefined;
}

export function toVsPosition(p: Position): vscode.Position {
  return new vscode.Position(Math.max(0, p.line), Math.max(0, p.character));
}

export function toVsRange(r: Range): vscode.Range {
  return new vscode.Range(toVsPosition(r.start), toVsPosition(r.end));
}

export function toVsDiagnostic(d: Diagnostic): vscode.Diagnostic {
  const severity =
    {
      error: vscode.DiagnosticSeverity.Error,
      warning: vscode.DiagnosticSeverity.Warning,
      information: vscode.DiagnosticSeverity.Information,
      hint: vscode.DiagnosticSeverity.Hint,
    }[d.severity] ?? vscode.DiagnosticSeverity.Error;
  const out = new vscode.Diagnostic(toVsRange(d.range), d.message, severity);
  out.source = 'gateway-load';
  if (d.code) out.code = d.code;
  return out;
}

/** True for documents in the scenario language. */
export function isScenarioDocument(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'gateway-load';
}

/** Accepts what commands receive from menus, CodeLens, the tree and tests: a Uri, a path string or `{ uri }` / `{ resourceUri }`. */
export function asUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg) return arg.includes('://') ? vscode.Uri.parse(arg) : vscode.Uri.file(arg);
  if (typeof arg === 'object' && arg !== null) {
    const o = arg as { uri?: unknown; resourceUri?: unknown; fsPath?: unknown; scheme?: unknown };
    if (o.resourceUri instanceof vscode.Uri) return o.resourceUri;
    if (o.uri instanceof vscode.Uri) return o.uri;
    // A Uri that crossed a boundary as plain JSON.
    if (typeof o.scheme === 'string' && typeof o.fsPath === 'string') return vscode.Uri.file(o.fsPath);
  }
  return undefined;
}
