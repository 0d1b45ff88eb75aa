// Where runs may write: `gatewayLoad.resultsFolder` comes from a workspace's settings too, so a
// cloned repository could point it at `~/.ssh` or `/etc`. Pure (no `vscode`), unit-tested.
import * as path from 'node:path';

export const DEFAULT_RESULTS_FOLDER = '.gateway-load/runs';

/** True when `p` is `root` or inside it (after resolving `..`). */
export function isInside(p: string, root: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(p));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The results root for `setting` relative to `base`: kept when it resolves inside a workspace
 * folder or the user's home, else the default under `base` (the setting is ignored, not obeyed).
 */
export function safeResultsRoot(
  setting: string,
  base: string,
  workspaceRoots: readonly string[],
  home: string,
): { root: string; rejected?: string } {
  const candidate = path.resolve(base, setting || DEFAULT_RESULTS_FOLDER);
  if (workspaceRoots.some((r) => isInside(candidate, r)) || (home && isInside(candidate, home)))
    return { root: candidate };
  return { root: path.resolve(base, DEFAULT_RESULTS_FOLDER), rejected: candidate };
}
