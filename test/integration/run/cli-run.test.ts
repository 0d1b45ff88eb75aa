// `gateway-load run` as a user runs it: a child process of dist/cli.js against the real mock.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startMock, type MockServer } from '../../../src/mock/index';

const CLI = resolve('dist/cli.js');
const SECRET = 'sk-live-0123456789abcdef';
let mock: MockServer;
let dir: string;

before(async () => {
  mock = await startMock({ port: 0, ttftMs: 20, tokensPerSecond: 200, outputTokens: 10, apiKeys: [SECRET] });
  dir = mkdtempSync(join(tmpdir(), 'gl-cli-'));
});
after(async () => {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

function scenarioFile(name: string, duration: string, thresholds = '  http_req_failed: [ "rate < 0.01" ]'): string {
  const file = join(dir, `${name}.load.yaml`);
  writeFileSync(
    file,
    `name: ${name}
target:
  baseUrl: \${env:GATEWAY_URL}
  headers:
    Authorization: Bearer \${secret:gateway-key}
load:
  executor: constant-arrival-rate
  rate: 20/s
  duration: ${duration}
  gracefulStop: 2s
requests:
  - name: chat
    api: openai-chat
    model: gpt-4o-mini
    stream: true
    maxTokens: 10
    prompt: Hello there
    checks:
      - status == 200
thresholds:
${thresholds}
`,
  );
  return file;
}

/** Async: the mock lives in this process, so a blocking spawnSync would stall it. */
function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

const env = (): NodeJS.ProcessEnv => ({
  ...process.env,
  GATEWAY_URL: mock.url,
  GATEWAY_LOAD_SECRET_GATEWAY_KEY: SECRET,
  CI: 'true',
});

function filesUnder(d: string): string[] {
  return readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? filesUnder(join(d, f)) : [join(d, f)]));
}

describe('gateway-load run', () => {
  test('a passing run exits 0 and writes the results folder and --summary-json, no secret anywhere', async () => {
    const out = join(dir, 'pass-out');
    const summaryFile = join(dir, 'pass-summary.json');
    const r = await cli(['run', scenarioFile('pass', '2s'), '--out', out, '--summary-json', summaryFile]);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /thresholds/);
    assert.match(r.stdout, /✓ http_req_failed/);
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
    assert.equal(summary.status, 'completed');
    assert.equal(summary.requests.succeeded, summary.requests.sent, 'the secret reached the gateway');
    assert.ok(summary.requests.sent >= 39);
    for (const f of ['scenario.json', 'run.json', 'windows.ndjson', 'summary.json'])
      assert.ok(existsSync(join(out, f)), f);
    for (const f of [...filesUnder(out), summaryFile])
      assert.ok(!readFileSync(f, 'utf8').includes(SECRET), `secret in ${f}`);
    assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET));
  });

  test('a failing threshold exits 1; --set overrides the file', async () => {
    const file = scenarioFile('fail', '2s', '  http_req_duration: [ "p(95) < 1" ]');
    const r = await cli([
      'run',
      file,
      '--quiet',
      '--out',
      join(dir, 'fail-out'),
      '--set',
      'load.duration=1s',
      '--set',
      'load.rate=10/s',
    ]);
    assert.equal(r.status, 1, r.stderr + r.stdout);
    assert.match(r.stdout, /✗ http_req_duration/);
    const s = JSON.parse(readFileSync(join(dir, 'fail-out', 'summary.json'), 'utf8'));
    assert.ok(s.requests.sent >= 9 && s.requests.sent <= 11, `sent ${s.requests.sent}`);
  });

  test('--report writes the asked reports into the run folder; an unknown format is a usage error', async () => {
    const out = join(dir, 'report-out');
    const r = await cli([
      'run',
      scenarioFile('report', '1s'),
      '--quiet',
      '--out',
      out,
      '--report',
      'html,junit',
      '--baseline',
      'none-such-baseline.json',
    ]);
    // A baseline that does not exist cannot be compared: the reports are not written, and the run fails.
    assert.equal(r.status, 1, r.stderr + r.stdout);
    assert.match(r.stderr, /reports not written/);
    const ok = await cli([
      'run',
      scenarioFile('report', '1s'),
      '--quiet',
      '--out',
      join(dir, 'report-ok'),
      '--report',
      'html,junit',
    ]);
    assert.equal(ok.status, 0, ok.stderr + ok.stdout);
    const junit = readFileSync(join(dir, 'report-ok', 'junit.xml'), 'utf8');
    assert.match(junit, /<testcase[^>]*name="http_req_failed: rate &lt; 0\.01"/);
    assert.match(readFileSync(join(dir, 'report-ok', 'report.html'), 'utf8'), /<canvas/);
    const bad = await cli(['run', scenarioFile('report', '1s'), '--report', 'html,pdf']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown report format 'pdf'/);
  });

  test('an invalid scenario exits 2 with its diagnostics', async () => {
    const file = join(dir, 'bad.load.yaml');
    writeFileSync(file, 'name: bad\nload:\n  executor: warp-drive\n');
    const r = await cli(['run', file]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /bad\.load\.yaml:\d+:\d+: error: /);
  });

  test('kill -9 mid-run: the results folder keeps every second before it', async () => {
    const out = join(dir, 'killed-out');
    const child = spawn(process.execPath, [CLI, 'run', scenarioFile('killed', '30s'), '--out', out], {
      env: env(),
      stdio: 'ignore',
    });
    const ndjson = join(out, 'windows.ndjson');
    const lines = (): string[] => (existsSync(ndjson) ? readFileSync(ndjson, 'utf8').split('\n').filter(Boolean) : []);
    const deadline = Date.now() + 20_000;
    while (lines().length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const before = lines().length;
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const after = lines();
    assert.ok(before >= 3, `windows before the kill: ${before}`);
    assert.ok(after.length >= before);
    const windows = after.map((l) => JSON.parse(l));
    assert.deepEqual(
      windows.map((w) => w.index),
      windows.map((_, i) => i),
      'every second, in order',
    );
    assert.ok(windows.every((w) => w.started > 0));
    assert.ok(!existsSync(join(out, 'summary.json')));
    assert.ok(existsSync(join(out, 'scenario.json')));
    for (const f of filesUnder(out)) assert.ok(!readFileSync(f, 'utf8').includes(SECRET));
  });

  test('SIGINT stops gracefully and still writes the summary', async () => {
    const out = join(dir, 'int-out');
    const child = spawn(process.execPath, [CLI, 'run', scenarioFile('interrupted', '30s'), '--out', out], {
      env: env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    const ndjson = join(out, 'windows.ndjson');
    const deadline = Date.now() + 20_000;
    while (
      (!existsSync(ndjson) || readFileSync(ndjson, 'utf8').split('\n').filter(Boolean).length < 2) &&
      Date.now() < deadline
    )
      await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    assert.equal(code, 0, stdout);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    assert.equal(s.status, 'stopped');
    assert.ok(s.durationMs < 10_000);
    assert.match(stdout, /stopped/);
  });
});
