// Real runs through the built CLI (dist/cli.js), shared by the integration tests and the fixture
// recorders: start `gateway-load mock` in its own process, run scenarios against it over 127.0.0.1.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
// GATEWAY_LOAD_CLI points the tests at another build of the CLI (e.g. one made while dist/ is stale).
export const CLI = process.env.GATEWAY_LOAD_CLI ?? join(ROOT, 'dist', 'cli.js');

/** Builds the bundles once when they are missing (the npm scripts build before integration tests). */
export function ensureBuilt(): void {
  if (existsSync(CLI)) return;
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
}

/** A mock gateway running in its own process. */
export interface Mock {
  url: string;
  proc: ChildProcess;
  stop(): Promise<void>;
  setConfig(patch: Record<string, unknown>): Promise<void>;
}

/** Starts `gateway-load mock --port 0` and waits for its `listening on` line (10 s at most). */
export function startMock(args: string[] = []): Promise<Mock> {
  const proc = spawn(process.execPath, [CLI, 'mock', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => {
      proc.kill();
      fail(new Error(`mock did not start: ${out}`));
    }, 10_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      const url = m[1].replace(/\/$/, '');
      ok({
        url,
        proc,
        stop: () =>
          new Promise<void>((done) => {
            if (proc.exitCode !== null) return done();
            proc.once('exit', () => done());
            proc.kill('SIGTERM');
          }),
        async setConfig(patch) {
          const res = await fetch(`${url}/__mock/config`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(patch),
          });
          if (!res.ok) throw new Error(`mock config ${res.status}: ${await res.text()}`);
        },
      });
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`mock exited ${code}: ${out}`));
    });
  });
}

/** The result of one CLI invocation. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI and collects its output (60 s at most). */
export function cli(args: string[], env: Record<string, string> = {}, cwd = ROOT): Promise<CliResult> {
  const proc = spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (b: Buffer) => {
    stdout += b.toString();
  });
  proc.stderr.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  return new Promise((ok) => {
    const timer = setTimeout(() => proc.kill('SIGKILL'), 60_000);
    proc.once('close', (code) => {
      clearTimeout(timer);
      ok({ code, stdout, stderr });
    });
  });
}

/** Runs `gateway-load run FILE --out DIR --quiet` to its end (2 min at most), its output shown; exit 1 (a threshold failed) is a finished run too. */
export function runToFolder(file: string, out: string): void {
  const r = spawnSync(process.execPath, [CLI, 'run', file, '--out', out, '--quiet'], {
    stdio: 'inherit',
    timeout: 120_000,
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`gateway-load run exited with ${r.status ?? r.signal}`);
}

/** `gateway-load --version`, to say what recorded a fixture. */
export function cliVersion(): string {
  return spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' }).stdout.trim();
}
