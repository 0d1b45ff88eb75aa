// Debian's nginx as a real reverse proxy ("the gateway") in front of a given upstream, on a free
// loopback port, with its config, pid, logs and temp files in a temporary folder. `.ci/run` installs
// it. Tests add directives through the hooks (add_header Server-Timing, gzip, proxy_buffering, …).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, requireBinary } from './peers';

/** Directives a test adds to the generated config, each a block of nginx text. */
export interface NginxOptions {
  /** Inside `http { … }`, before the server. */
  http?: string;
  /** Inside `server { … }`, before the locations. */
  server?: string;
  /** Inside `location / { … }`, after the proxy directives (e.g. `add_header Server-Timing "gw;dur=2.5" always;`). */
  location?: string;
  /** Idle keep-alive connections nginx holds to the upstream (default 32; 0 opens one per request). */
  upstreamKeepalive?: number;
}

/** A running nginx. */
export interface Nginx {
  /** The proxy's origin, e.g. http://127.0.0.1:40123 (paths are passed to the upstream unchanged). */
  url: string;
  port: number;
  /** The config file as written, for failure messages. */
  config: string;
  proc: ChildProcess;
  /** What nginx wrote to stderr and its error log. */
  output(): string;
  stop(): Promise<void>;
}

const READY_PATH = '/__nginx_ready';

/** The whole config text for one proxy on `port` in front of `upstream` (an http:// origin). */
export function nginxConfig(dir: string, port: number, upstream: string, opts: NginxOptions = {}): string {
  const u = new URL(upstream);
  if (u.protocol !== 'http:') throw new Error(`nginx test proxy: upstream must be http://, got ${upstream}`);
  const host = `${u.hostname}:${u.port || '80'}`;
  const keepalive = opts.upstreamKeepalive ?? 32;
  return [
    'worker_processes 1;',
    // The machine runs the tests as root; workers stay root so they can read the temp folder.
    'user root;',
    'events { worker_connections 1024; }',
    'http {',
    `  access_log off;`,
    `  client_body_temp_path ${join(dir, 'body')};`,
    `  proxy_temp_path ${join(dir, 'proxy')};`,
    `  fastcgi_temp_path ${join(dir, 'fastcgi')};`,
    `  uwsgi_temp_path ${join(dir, 'uwsgi')};`,
    `  scgi_temp_path ${join(dir, 'scgi')};`,
    '  default_type application/octet-stream;',
    `  upstream gl_upstream { server ${host};${keepalive > 0 ? ` keepalive ${keepalive};` : ''} }`,
    opts.http ?? '',
    '  server {',
    `    listen 127.0.0.1:${port};`,
    opts.server ?? '',
    `    location = ${READY_PATH} { return 200 "ok"; }`,
    '    location / {',
    '      proxy_pass http://gl_upstream;',
    '      proxy_http_version 1.1;',
    '      proxy_set_header Connection "";',
    `      proxy_set_header Host ${host};`,
    opts.location ?? '',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');
}

/** Starts nginx in front of `upstream` and resolves once it answers on its port. */
export async function startNginx(upstream: string, opts: NginxOptions = {}): Promise<Nginx> {
  const bin = requireBinary('nginx', 'nginx');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'gl-nginx-'));
  const confPath = join(dir, 'nginx.conf');
  const errorLog = join(dir, 'error.log');
  const config = nginxConfig(dir, port, upstream, opts);
  writeFileSync(confPath, config);
  // `-e` moves the log nginx opens before it reads the config away from /var/log/nginx.
  const proc = spawn(
    bin,
    [
      '-p',
      dir,
      '-c',
      confPath,
      '-e',
      errorLog,
      '-g',
      `daemon off; pid ${join(dir, 'nginx.pid')}; error_log ${errorLog} warn;`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const keep = (b: Buffer): void => {
    out = (out + b.toString()).slice(-20_000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const output = (): string => {
    let log = '';
    try {
      log = readFileSync(errorLog, 'utf8').slice(-20_000);
    } catch {
      // not written yet
    }
    return out + log;
  };
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      if (proc.exitCode === null && proc.signalCode === null) {
        // SIGTERM is nginx's fast shutdown: the master ends its workers, then itself.
        proc.kill('SIGTERM');
        const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
      rmSync(dir, { recursive: true, force: true });
    })());
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(url + READY_PATH, proc, output, 15_000);
  } catch (err) {
    const msg = `nginx: ${(err as Error).message}\n--- config ---\n${config}`;
    await stop();
    throw new Error(msg);
  }
  return { url, port, config, proc, output, stop };
}

async function waitReady(url: string, proc: ChildProcess, out: () => string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (proc.exitCode !== null) throw new Error(`exited with ${proc.exitCode}: ${out().slice(-2000)}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms: ${out().slice(-2000)}`);
}
