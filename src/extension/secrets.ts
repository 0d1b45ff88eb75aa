// Named secrets for `${secret:NAME}`, kept in VS Code's SecretStorage (the OS keychain), never in
// settings or files, and per workspace. Set API Key asks for the name and then the value in a password box.

import * as vscode from 'vscode';
import { secretKeyFor, workspaceIdentity } from './secret-key';

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** The SecretStorage key of a named secret, in this window's workspace (see secret-key.ts). */
export function secretKey(name: string): string {
  const ws = vscode.workspace;
  return secretKeyFor(
    name,
    workspaceIdentity(
      ws.workspaceFile?.toString(),
      (ws.workspaceFolders ?? []).map((f) => f.uri.toString()),
    ),
  );
}

/** Reads the named secrets that exist; missing ones are left out. */
export async function readSecrets(
  storage: vscode.SecretStorage,
  names: readonly string[],
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = await storage.get(secretKey(name));
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/**
 * `gatewayLoad.setApiKey(name?, value?)`: with both arguments nothing is asked (tests, scripts);
 * otherwise input boxes ask for what is missing. An empty value deletes the secret.
 * Resolves with the name stored, or undefined when the user cancelled.
 */
export async function setApiKey(
  storage: vscode.SecretStorage,
  name?: unknown,
  value?: unknown,
): Promise<string | undefined> {
  let secretName = typeof name === 'string' ? name.trim() : undefined;
  if (secretName !== undefined && !NAME.test(secretName)) {
    throw new Error(
      `'${secretName}' is not a valid secret name: use letters, digits, '_', '-' or '.', starting with a letter or '_'.`,
    );
  }
  if (secretName === undefined) {
    secretName = await vscode.window.showInputBox({
      title: 'Gateway Load: Set API Key (1/2)',
      prompt: 'Name of the secret, as written in the scenario: ${secret:NAME}',
      placeHolder: 'gateway-key',
      ignoreFocusOut: true,
      validateInput: (v) =>
        NAME.test(v.trim()) ? undefined : "Letters, digits, '_', '-' or '.', starting with a letter or '_'",
    });
    if (secretName === undefined) return undefined;
    secretName = secretName.trim();
  }
  let secretValue = typeof value === 'string' ? value : undefined;
  if (secretValue === undefined) {
    secretValue = await vscode.window.showInputBox({
      title: `Gateway Load: Set API Key (2/2) — ${secretName}`,
      prompt: `Value of \${secret:${secretName}}; stored in the OS keychain through VS Code's SecretStorage. Leave empty to delete it.`,
      password: true,
      ignoreFocusOut: true,
    });
    if (secretValue === undefined) return undefined;
  }
  if (secretValue === '') await storage.delete(secretKey(secretName));
  else await storage.store(secretKey(secretName), secretValue);
  return secretName;
}

/** Registers Set API Key. */
export function registerSecrets(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('gatewayLoad.setApiKey', (name?: unknown, value?: unknown) =>
      setApiKey(context.secrets, name, value),
    ),
  );
}
