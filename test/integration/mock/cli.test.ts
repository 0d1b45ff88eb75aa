// `gateway-load mock` as a user runs it: a child process that prints its URL, answers, and stops.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { get, post } from './helpers';

const CLI = ['--import', 'tsx', join(__dirname, '../../../src/cli/main.ts'), 'mock'];

/** Starts the CLI and resolves with its URL once it printed the listening line. */
async function startCli(args: string[]): Promise<{ child: ChildProcess; url: string; line: string }> {
  const child = spawn(process.execPath, [...CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line; stderr: ${err}`)), 8000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, nl));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}: ${err}`));
    });
  });
  return { child, url: line.replace(/^listening on /, ''), line };
}

describe('gateway-load mock (CLI)', () => {
  test('--port 0 prints the real URL, answers, honours flags and a config file, stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gl-mock-'));
    const file = join(dir, 'mock.json');
    writeFileSync(file, JSON.stringify({ outputTokens: 3, models: ['from-file'], apiKeys: ['sk-file'] }));
    const { child, url, line } = await startCli([
      '--port',
      '0',
      '--config',
      file,
      '--api-key',
      'sk-flag',
      '--ttft',
      '1ms',
    ]);
    try {
      assert.match(line, /^listening on http:\/\/127\.0\.0\.1:\d+$/);
      assert.notEqual(url.endsWith(':0'), true);
      const models = JSON.parse((await get(`${url}/v1/models`, { authorization: 'Bearer sk-flag' })).text);
      assert.deepEqual(
        models.data.map((m: { id: string }) => m.id),
        ['from-file'],
      );
      assert.equal(
        (await get(`${url}/v1/models`, { authorization: 'Bearer sk-file' })).status,
        401,
        "the flag replaced the file's keys",
      );
      const r = JSON.parse(
        (
          await post(
            `${url}/v1/chat/completions`,
            { messages: [{ role: 'user', content: 'x' }] },
            { authorization: 'Bearer sk-flag' },
          )
        ).text,
      );
      assert.equal(r.usage.completion_tokens, 3);
      const stats = JSON.parse((await get(`${url}/__mock/stats`)).text);
      assert.equal(stats.byOutcome.ok, 2);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });

  test('bad flags exit 2 with a message naming the flag', () => {
    for (const [args, message] of [
      [['--fail-rate', '1.5'], /--fail-rate: expected a number between 0 and 1/],
      [['--rate-limit', 'lots'], /--rate-limit: expected RATE\/s/],
      [['--frobnicate'], /unknown option '--frobnicate'/],
    ] as const) {
      const r = spawnSync(process.execPath, [...CLI, ...args], { encoding: 'utf8', timeout: 8000 });
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    }
  });
});
