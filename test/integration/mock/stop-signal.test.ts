// `gateway-load mock` stops when told, even with requests hung open (`--hang-rate 1`) and a
// stream in flight: scripts that start it must be able to clean up. Built CLI, as users run it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { connect } from 'node:net';
import { resolve } from 'node:path';

const CLI = resolve('dist/cli.js');

async function startCli(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'mock', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error('no listening line')), 10_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        done(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`exited ${code}`));
    });
  });
  return { child, url };
}

/** Opens a request the mock will never answer; resolves once the mock has it (the socket is connected and the body sent). */
function hangingRequest(url: string): Promise<void> {
  return new Promise((done) => {
    const body = JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const req = request(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      agent: false,
    });
    req.on('error', () => undefined);
    req.on('response', (res) => {
      res.on('data', () => undefined);
      res.on('error', () => undefined);
    });
    req.end(body, () => setTimeout(done, 100));
  });
}

/** A raw connection: idle (nothing sent) or with a request cut halfway through its headers. */
function rawSocket(url: string, send: string): Promise<void> {
  const u = new URL(url);
  return new Promise((done) => {
    const s = connect(Number(u.port), u.hostname, () => {
      if (send) s.write(send);
      setTimeout(done, 100);
    });
    s.on('error', () => undefined);
  });
}

const CASES = [
  ['SIGTERM', 'hung requests', ['--hang-rate', '1']],
  ['SIGINT', 'hung requests', ['--hang-rate', '1']],
  ['SIGTERM', 'slow streams', ['--tokens-per-second', '1', '--output-tokens', '1000', '--ttft', '1ms']],
] as const;

for (const [signal, what, flags] of CASES) {
  test(`${signal} with ${what} open: connections closed, exit within 1 s`, async () => {
    const { child, url } = await startCli(['--port', '0', ...flags]);
    try {
      await Promise.all([
        hangingRequest(url),
        hangingRequest(url),
        rawSocket(url, ''),
        rawSocket(url, 'POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"mo'),
        rawSocket(url, 'GET /v1/mod'),
      ]);
      const exited = new Promise<{ code: number | null; sig: NodeJS.Signals | null; ms: number }>((done) => {
        const t0 = performance.now();
        child.once('exit', (code, sig) => done({ code, sig, ms: performance.now() - t0 }));
      });
      child.kill(signal);
      const result = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 5000).unref())]);
      assert.ok(result, `the mock was still running 5 s after ${signal}`);
      console.log(`mock exit after ${signal}: ${result.ms.toFixed(0)} ms, code ${result.code}`);
      assert.equal(result.code, 0, 'a requested stop is a clean exit');
      assert.ok(result.ms < 1000, `exit took ${result.ms.toFixed(0)} ms`);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
}
