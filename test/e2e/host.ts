// Starts a real VS Code (code-server) on 127.0.0.1 with throwaway HOME, user-data and extensions
// folders, and drives its workbench with headless Chromium. Two uses: run a mocha suite inside the
// extension host through the test-runner payload, and open the plain workbench for the UI pass.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Provisioned } from './provision';

type Log = (line: string) => void;

/** How to start one code-server. */
export interface HostOptions {
  provisioned: Provisioned;
  /** Leave workspace trust on (to test Restricted Mode); default off, i.e. every folder trusted. */
  workspaceTrust?: boolean;
  /** Extra environment for code-server and so for its extension host (e.g. GATEWAY_URL). */
  env?: Record<string, string>;
  /** User settings.json content. */
  settings?: Record<string, unknown>;
  /** .vsix files installed with `--install-extension` before start. */
  vsix?: string[];
  log?: Log;
}

/** A running code-server. */
export interface Host {
  origin: string;
  port: number;
  /** Temp root holding home/, data/, extensions/. */
  root: string;
  /** Everything code-server printed, for failure messages. */
  output(): string;
  close(): Promise<void>;
}

/** Settings that keep the workbench quiet and deterministic. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'git.enabled': false,
  // With trust on, never prompt: the folder simply stays untrusted (Restricted Mode).
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.emptyWindow': false,
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  // code-server forks the extension host, pty host and watcher: kill the whole process group.
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

const live = new Set<ChildProcess>();
const tempRoots = new Set<string>();
process.on('exit', () => {
  for (const c of live) killGroup(c);
  for (const r of tempRoots) rmSync(r, { recursive: true, force: true });
});
// An interrupted run (Ctrl-C, a CI timeout) must not leave code-server and its extension host behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

function runOnce(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    live.add(child);
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const timer = setTimeout(() => {
      killGroup(child);
      reject(new Error(`${args.join(' ')} timed out\n${out}`));
    }, timeoutMs);
    child.on('close', (code) => {
      live.delete(child);
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${args.join(' ')} exited with ${code}\n${out}`));
    });
  });
}

async function waitHealthy(
  origin: string,
  child: ChildProcess,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`code-server exited with ${child.exitCode} before it was ready\n${output()}`);
    try {
      const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer /healthz within ${timeoutMs / 1000}s\n${output()}`);
}

/** Starts code-server and waits until `/healthz` answers. */
export async function startHost(opts: HostOptions): Promise<Host> {
  const log = opts.log ?? (() => undefined);
  const p = opts.provisioned;
  const root = mkdtempSync(join(tmpdir(), 'gl-e2e-'));
  tempRoots.add(root);
  const home = join(root, 'home');
  const data = join(root, 'data');
  const exts = join(root, 'extensions');
  for (const d of [home, join(data, 'User'), exts]) mkdirSync(d, { recursive: true });
  writeFileSync(join(data, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...opts.settings }, null, 2));
  const port = await freePort();
  const config = join(root, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const env: NodeJS.ProcessEnv = {
    ...p.env,
    ...opts.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
  };
  delete env.VSCODE_IPC_HOOK_CLI;
  const common = ['--config', config, '--user-data-dir', data, '--extensions-dir', exts];
  for (const vsix of opts.vsix ?? []) {
    log(`[host] installing ${vsix}`);
    await runOnce(p.nodeBin, [p.codeServerEntry, ...common, '--install-extension', vsix], env, 120_000);
  }
  const args = [
    p.codeServerEntry,
    ...common,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--vscode-option',
    'enable-smoke-test-driver',
  ];
  if (!opts.workspaceTrust) args.push('--disable-workspace-trust');
  const child = spawn(p.nodeBin, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true, cwd: home });
  live.add(child);
  let out = '';
  const keep = (d: Buffer): void => {
    out = (out + d.toString()).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const origin = `http://127.0.0.1:${port}`;
  const host: Host = {
    origin,
    port,
    root,
    output: () => out,
    close: async () => {
      killGroup(child);
      live.delete(child);
      if (child.exitCode === null && child.signalCode === null)
        await new Promise((r) => {
          child.once('close', r);
          setTimeout(r, 3000);
        });
      rmSync(root, { recursive: true, force: true, maxRetries: 3 });
      tempRoots.delete(root);
    },
  };
  try {
    await waitHealthy(origin, child, 60_000, () => out);
  } catch (err) {
    await host.close();
    throw err;
  }
  log(`[host] code-server ready at ${origin}`);
  return host;
}

/** Launches Debian's chromium headless. */
export function launchBrowser(p: Provisioned): Promise<Browser> {
  return chromium.launch({
    executablePath: p.chromium,
    headless: true,
    timeout: 60_000,
    args: ['--disable-dev-shm-usage', '--disable-gpu'],
  });
}

/** URL of the workbench for a folder, optionally with a test-runner payload. */
export function workbenchUrl(host: Host, folder: string, payload?: [string, string][]): string {
  const q = new URLSearchParams({ folder });
  if (payload) q.set('payload', JSON.stringify(payload));
  return `${host.origin}/?${q.toString()}`;
}

/** Outcome of the in-host suite. */
export interface HostTestResult {
  /** The extension host's exit code, or null when the run timed out. */
  exitCode: number | null;
  /** Lines the suite printed (through codeAutomationLog). */
  log: string[];
  timedOut: boolean;
}

function stringify(args: unknown): string {
  const list = Array.isArray(args) ? args : [args];
  return list.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
}

/** Runs the compiled suite at `testsPath` inside the extension host, with the extension at `extensionPath`. */
export async function runHostTests(
  host: Host,
  browser: Browser,
  opts: { folder: string; extensionPath: string; testsPath: string; timeoutMs: number; log?: Log },
): Promise<HostTestResult> {
  const remote = (path: string): string => `vscode-remote://127.0.0.1:${host.port}${path}`;
  const payload: [string, string][] = [
    ['extensionDevelopmentPath', remote(opts.extensionPath)],
    ['extensionTestsPath', remote(opts.testsPath)],
    ['skipWelcome', 'true'],
  ];
  const page: Page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const lines: string[] = [];
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((r) => {
    resolveExit = r;
  });
  // Must be exposed before the workbench loads: it looks for them once the tests finish.
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
    const line = stringify(args);
    for (const l of line.split('\n')) {
      lines.push(l);
      opts.log?.(`[host:${type}] ${l}`);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => {
    resolveExit(code);
  });
  try {
    await page.goto(workbenchUrl(host, opts.folder, payload), { timeout: 60_000 });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((r) => {
      timer = setTimeout(() => r(null), opts.timeoutMs);
    });
    const code = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    return { exitCode: code, log: lines, timedOut: code === null };
  } finally {
    await page.close().catch(() => undefined);
  }
}
