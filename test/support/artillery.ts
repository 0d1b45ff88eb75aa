// The real Artillery CLI for export tests. Its install pulls a browser download unless told not
// to, so it lives in a cache outside the repo (not a devDependency) and is reused when present.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { npmFreeEnv } from './npm-env';

/** Pinned so a fresh machine installs what the tests were written against. */
export const ARTILLERY_VERSION = '2.0.34';

export const ARTILLERY_CACHE =
  process.env.GATEWAY_LOAD_ARTILLERY_CACHE ?? join(homedir(), '.cache', 'gateway-load-artillery');
const MARKER = join(ARTILLERY_CACHE, `.installed-${ARTILLERY_VERSION}`);

/** Path of the artillery binary, installing the pinned artillery into the cache first if needed (about 70 s). */
export function ensureArtillery(): string {
  const bin = join(ARTILLERY_CACHE, 'node_modules', '.bin', 'artillery');
  if (existsSync(bin) && existsSync(MARKER)) return bin;
  mkdirSync(ARTILLERY_CACHE, { recursive: true });
  writeFileSync(join(ARTILLERY_CACHE, 'package.json'), '{"name":"artillery-cache","private":true}\n');
  console.log(`installing artillery@${ARTILLERY_VERSION} into ${ARTILLERY_CACHE} …`);
  execFileSync('npm', ['i', '--no-audit', '--no-fund', '--save-exact', `artillery@${ARTILLERY_VERSION}`], {
    cwd: ARTILLERY_CACHE,
    stdio: 'inherit',
    env: npmFreeEnv({ PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' }),
  });
  if (!existsSync(bin)) throw new Error(`artillery install finished but ${bin} is missing`);
  writeFileSync(MARKER, new Date().toISOString() + '\n');
  return bin;
}
