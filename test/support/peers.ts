// Real peers from Debian's packages (prometheus, prometheus-node-exporter), each started on a free
// loopback port with its data in a temporary folder. `.ci/run` installs them; a test that finds
// one missing fails and says how to install it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running peer process. */
export interface Peer {
  url: string;
  port: number;
  proc: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** The binary's path, or an error naming the Debian package that provides it. */
export function requireBinary(bin: string, pkg: string): string {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  const path = r.stdout.trim();
  if (r.status !== 0 || !path)
    throw new Error(`${bin} is not installed: apt-get install -y ${pkg} (.ci/run installs it)`);
  return path;
}

async function waitUntil(url: string, proc: ChildProcess, out: () => string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (proc.exitCode !== null) throw new Error(`exited with ${proc.exitCode}: ${out().slice(-2000)}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms: ${out().slice(-2000)}`);
}

function start(bin: string, args: string[], readyUrl: string, port: number, cleanup: () => void): Promise<Peer> {
  const proc = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout?.on('data', (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  });
  proc.stderr?.on('data', (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  });
  const stop = (): Promise<void> =>
    new Promise((done) => {
      const finish = (): void => {
        cleanup();
        done();
      };
      if (proc.exitCode !== null || proc.signalCode !== null) return finish();
      const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
      proc.once('exit', () => {
        clearTimeout(t);
        finish();
      });
      proc.kill('SIGTERM');
    });
  const base = new URL(readyUrl).origin;
  return waitUntil(readyUrl, proc, () => out, 20_000).then(
    () => ({ url: base, port, proc, output: () => out, stop }),
    async (err: Error) => {
      await stop();
      throw new Error(`${bin}: ${err.message}`);
    },
  );
}

/** Debian's prometheus-node-exporter on its own loopback port. */
export async function startNodeExporter(): Promise<Peer> {
  const bin = requireBinary('prometheus-node-exporter', 'prometheus-node-exporter');
  const port = await freePort();
  return start(
    bin,
    [`--web.listen-address=127.0.0.1:${port}`],
    `http://127.0.0.1:${port}/metrics`,
    port,
    () => undefined,
  );
}

/** Debian's prometheus with the remote-write receiver on, data in a temporary folder. */
export async function startPrometheus(): Promise<Peer> {
  const bin = requireBinary('prometheus', 'prometheus');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'gl-prom-'));
  const config = join(dir, 'prometheus.yml');
  writeFileSync(config, 'global:\n  scrape_interval: 15s\nscrape_configs: []\n');
  return start(
    bin,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-remote-write-receiver',
      '--log.level=warn',
    ],
    `http://127.0.0.1:${port}/-/ready`,
    port,
    () => rmSync(dir, { recursive: true, force: true }),
  );
}
