// A killed run is still a run: after SIGKILL the folder has windows but no summary.json, and
// `report` and `compare` rebuild the summary from the windows, marked interrupted and partial.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startMock, type MockServer } from '../../../src/mock/index';
import { cli as runCli } from '../../support/cli-runs';
import { loadRun } from '../../../src/report/load';

const CLI = resolve('dist/cli.js');
let mock: MockServer;
let dir: string;

before(async () => {
  mock = await startMock({ port: 0, ttftMs: 5, tokensPerSecond: 500, outputTokens: 5 });
  dir = mkdtempSync(join(tmpdir(), 'gl-killed-'));
});
after(async () => {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The built CLI run in the test's folder, its two output streams together. */
async function cli(args: string[]): Promise<{ status: number | null; out: string }> {
  const r = await runCli(args, { CI: 'true' }, dir);
  return { status: r.code, out: r.stdout + r.stderr };
}

test('report and compare rebuild a SIGKILLed run from windows.ndjson, marked interrupted and partial', async () => {
  const file = join(dir, 'soak.load.yaml');
  writeFileSync(
    file,
    [
      'name: soak',
      `target: { baseUrl: "${mock.url}" }`,
      'load: { executor: constant-arrival-rate, rate: 10/s, duration: 30s }',
      'requests: [ { api: openai-chat, model: gpt-4o-mini, maxTokens: 5, prompt: Hello } ]',
      'thresholds:',
      '  http_req_failed: [ "rate < 0.01" ]',
      '',
    ].join('\n'),
  );
  const out = join(dir, 'killed');
  const child = spawn(process.execPath, [CLI, 'run', file, '--out', out, '--quiet'], {
    cwd: dir,
    env: { ...process.env, CI: 'true' },
    stdio: 'ignore',
  });
  const ndjson = join(out, 'windows.ndjson');
  const count = (): number =>
    existsSync(ndjson) ? readFileSync(ndjson, 'utf8').split('\n').filter(Boolean).length : 0;
  const deadline = Date.now() + 25_000;
  while (count() < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  assert.ok(count() >= 6, `windows before the kill: ${count()}`);
  assert.ok(!existsSync(join(out, 'summary.json')), 'SIGKILL leaves no summary');

  const run = loadRun(out);
  assert.equal(run.interrupted, true);
  assert.equal(run.summary.status, 'failed');
  assert.match(
    run.summary.reason ?? '',
    /^interrupted at 0:0\d \(no summary written\); the threshold verdict is partial \(0:0\d of 0:30 planned\)/,
  );
  assert.ok(run.summary.requests.sent >= 50, `sent ${run.summary.requests.sent}`);
  const classes = Object.values(run.summary.errors).reduce((a, n) => a + (n ?? 0), 0);
  assert.equal(run.summary.requests.sent, run.summary.requests.succeeded + classes, 'sent = ok + Σ classes');

  const md = await cli(['report', out, '--format', 'md', '-o', join(dir, 'r.md')]);
  assert.notEqual(md.status, 2, md.out);
  const text = readFileSync(join(dir, 'r.md'), 'utf8');
  assert.match(text, /interrupted at 0:0\d \(no summary written\)/);
  assert.match(text, /threshold verdict is partial/);
  const cmp = await cli(['compare', out, out]);
  assert.notEqual(cmp.status, 2, `compare must read an interrupted run: ${cmp.out}`);
  assert.doesNotMatch(cmp.out, /no summary\.json/);
});
