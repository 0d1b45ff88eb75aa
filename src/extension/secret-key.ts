// SecretStorage is one store per user, shared by every window: a key named only by the secret
// would let a scenario cloned into another workspace read `${secret:gateway-key}` set for this
// one. So each key carries the workspace's identity. Pure (no `vscode`), unit-tested.
import { createHash } from 'node:crypto';

/** Who the secrets belong to: the .code-workspace file, else the sorted folder URIs, else no workspace. */
export function workspaceIdentity(workspaceFile: string | undefined, folders: readonly string[]): string {
  if (workspaceFile && !workspaceFile.startsWith('untitled:')) return `file:${workspaceFile}`;
  if (folders.length) return `folders:${[...folders].sort().join('\n')}`;
  return 'none';
}

/** The SecretStorage key of a named secret in a workspace. */
export function secretKeyFor(name: string, identity: string): string {
  const ws = createHash('sha256').update(identity).digest('hex').slice(0, 16);
  return `gatewayLoad.secret.${ws}.${name}`;
}
