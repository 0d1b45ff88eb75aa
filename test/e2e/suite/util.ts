// Helpers shared by the journeys: paths handed over by the harness, and polling with a deadline
// (the extension validates with a debounce and runs asynchronously, so tests wait for a state).
import * as vscode from 'vscode';
import { join } from 'node:path';

/** The workspace folder the harness opened. */
export function workspaceDir(): string {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('no workspace folder is open');
  return f.uri.fsPath;
}

/** A file of the opened workspace. */
export function wsFile(...parts: string[]): vscode.Uri {
  return vscode.Uri.file(join(workspaceDir(), ...parts));
}

/** Polls `probe` until it returns a value other than undefined, or throws naming `what`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      if (err instanceof Error && err.name === 'FatalWaitError') throw err;
      lastError = err;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${why}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Opens a document and shows it in an editor. */
export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc);
}

/** Gets an environment variable set by the harness, or throws. */
export function harnessEnv(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`the harness did not set ${name}`);
  return v;
}

/**
 * Awaits a command that should settle on its own, failing after `ms` with `what`: a command that
 * fell back to a quick pick or an input box would otherwise wait for a person until mocha's timeout.
 */
export async function within<T>(thenable: Thenable<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not settle within ${ms / 1000}s (waiting on a prompt?)`)),
      ms,
    );
  });
  try {
    return await Promise.race([Promise.resolve(thenable), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
