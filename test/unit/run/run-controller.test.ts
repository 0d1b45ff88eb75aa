import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRun } from '../../../src/run/run-controller';
import type { StartRunOptions } from '../../../src/run/types';
import type { Window } from '../../../src/protocol';
import { constantRate, scenario } from '../../integration/engine/scenario-fixtures';

// A stand-in engine worker speaking the real protocol, so the controller is tested on its own.
// The scenario's name picks its behaviour.
const FAKE_WORKER = `
const { parentPort } = require('node:worker_threads');
const win = (index, extra) => ({ index, tMs: (index + 1) * 1000, stage: 0, planned: 5, started: 5, completed: 5, succeeded: 4, failed: 1,
  errors: { http_5xx: 1 }, dropped: 0, duration: { count: 5, avg: 10, min: 5, max: 20, p50: 10, p90: 15, p95: 18, p99: 20, p999: 20 },
  ttft: null, itl: null, outputTokens: 0, active: 1, activeMax: 2, vus: 1,
  rateLimit: { status429: 0, remainingRequests: null, remainingTokens: null, retryAfterMs: null }, latenessP99Ms: 0.5, elu: 0.1, thresholds: [], ...extra });
const summary = (status, reason) => ({ schemaVersion: 1, scenario: 'x', runId: 'r', status, reason, startedAt: new Date().toISOString(), durationMs: 2000,
  plannedDurationMs: 2000, executor: 'constant-arrival-rate', metrics: {}, requests: { sent: 10, succeeded: 8, failed: 2 }, errors: { http_5xx: 2 },
  thresholds: [], checks: [], models: {}, tokens: { fromUsage: 0, counted: 0, usageVsCountedDiffPct: null }, rateLimitSamples: [],
  generator: { latenessP99Ms: 0, eluMax: 0, saturated: false, warnings: [] }, environment: { tool: 't', version: '0', node: 'v', platform: 'p', cpus: 1 } });
parentPort.on('message', (m) => {
  if (m.type === 'stop') { parentPort.postMessage({ type: 'summary', summary: summary('stopped', m.reason) }); return; }
  const mode = m.scenario.name;
  const secret = m.options.secrets.key;
  parentPort.postMessage({ type: 'started', runId: m.options.runId, startedAt: new Date().toISOString(), plannedDurationMs: 2000 });
  parentPort.postMessage({ type: 'bogus' });
  parentPort.postMessage({ type: 'window', window: win(0) });
  parentPort.postMessage({ type: 'log', level: 'warn', message: 'key in use: ' + secret });
  parentPort.postMessage({ type: 'window', window: win(1) });
  if (mode === 'crash') setTimeout(() => { throw new Error('boom ' + secret); }, 20);
  else if (mode === 'exit') setTimeout(() => process.exit(3), 20);
  else if (mode === 'fatal') parentPort.postMessage({ type: 'fatal', message: 'cannot resolve ' + secret });
  else if (mode === 'abort') parentPort.postMessage({ type: 'summary', summary: summary('aborted', 'threshold failed') });
  else if (mode === 'done') parentPort.postMessage({ type: 'summary', summary: summary('completed', 'said ' + secret) });
  // 'wait': keeps running until told to stop
  if (mode === 'wait') setInterval(() => {}, 1000);
});`;

const SECRET = 'sk-super-secret-123';
let workerPath: string;
let root: string;
let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'gl-fake-worker-'));
  workerPath = join(dir, 'fake-worker.js');
  writeFileSync(workerPath, FAKE_WORKER);
  root = mkdtempSync(join(tmpdir(), 'gl-runs-'));
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(root, { recursive: true, force: true });
});

function opts(): StartRunOptions {
  return {
    workerPath,
    resultsRoot: root,
    env: { GATEWAY_URL: 'http://gw.internal:1234' },
    dotenv: {},
    secrets: { key: SECRET },
  };
}

function allFiles(dir: string): string {
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}

describe('run controller', () => {
  test('start: forwards windows and logs, writes the results folder, resolves with the summary', async () => {
    const sc = scenario('${env:GATEWAY_URL}', constantRate(5, 2000), undefined, { name: 'done' });
    const h = startRun(sc, opts());
    const windows: Window[] = [];
    const logs: string[] = [];
    h.on('window', (w) => windows.push(w));
    h.on('log', (_l, m) => logs.push(m));
    const s = await h.done;
    assert.equal(s.status, 'completed');
    assert.equal(h.status, 'completed');
    assert.equal(windows.length, 2);
    assert.equal(h.windows.length, 2);
    assert.match(h.resultsDir, /\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-done$/);
    assert.deepEqual(readdirSync(h.resultsDir).sort(), ['run.json', 'scenario.json', 'summary.json', 'windows.ndjson']);
    assert.equal(readFileSync(join(h.resultsDir, 'windows.ndjson'), 'utf8').trim().split('\n').length, 2);
    assert.ok(logs.some((m) => m.includes('***')) && logs.every((m) => !m.includes(SECRET)));
    assert.ok(logs.some((m) => m.includes('unknown shape')));
    const files = allFiles(h.resultsDir);
    assert.ok(!files.includes(SECRET));
    assert.ok(files.includes('${env:GATEWAY_URL}'), 'the scenario keeps its templates');
  });

  test("stop: relays the stop and ends with the worker's summary", async () => {
    const h = startRun(scenario('http://127.0.0.1:1', constantRate(5, 60_000), undefined, { name: 'wait' }), opts());
    await new Promise<void>((r) => {
      const off = h.on('window', (w) => {
        if (w.index === 1) {
          off();
          r();
        }
      });
    });
    h.stop('enough');
    const s = await h.done;
    assert.equal(s.status, 'stopped');
    assert.equal(s.reason, 'enough');
  });

  test('abort: an aborted summary ends the run as aborted', async () => {
    const h = startRun(scenario('http://127.0.0.1:1', constantRate(5, 2000), undefined, { name: 'abort' }), opts());
    assert.equal((await h.done).status, 'aborted');
    assert.equal(h.status, 'aborted');
  });

  for (const mode of ['crash', 'exit', 'fatal']) {
    test(`worker ${mode}: the run ends 'failed' with a summary built from its windows, results kept`, async () => {
      const h = startRun(scenario('http://127.0.0.1:1', constantRate(5, 2000), undefined, { name: mode }), opts());
      let ended = 0;
      h.on('ended', () => ended++);
      const s = await h.done;
      assert.equal(s.status, 'failed');
      assert.equal(ended, 1);
      assert.equal(s.requests.sent, 10);
      assert.equal(s.requests.succeeded, 8);
      assert.equal(s.errors.http_5xx, 2);
      assert.equal(s.requests.sent, s.requests.succeeded + Object.values(s.errors).reduce((a, b) => a + (b ?? 0), 0));
      assert.ok(s.reason && s.reason.length > 0);
      const saved = JSON.parse(readFileSync(join(h.resultsDir, 'summary.json'), 'utf8'));
      assert.equal(saved.status, 'failed');
      assert.equal(readFileSync(join(h.resultsDir, 'windows.ndjson'), 'utf8').trim().split('\n').length, 2);
      assert.ok(!allFiles(h.resultsDir).includes(SECRET), 'no secret in any file');
      assert.ok(!(s.reason ?? '').includes(SECRET));
    });
  }

  test('a results folder that disappears mid-run: the run still ends, the user is told once', async () => {
    const h = startRun(scenario('http://127.0.0.1:1', constantRate(5, 60_000), undefined, { name: 'wait' }), opts());
    const errors: string[] = [];
    h.on('log', (level, m) => {
      if (level === 'error') errors.push(m);
    });
    await new Promise<void>((r) => {
      const off = h.on('window', () => {
        off();
        r();
      });
    });
    rmSync(h.resultsDir, { recursive: true, force: true });
    h.stop();
    const s = await h.done;
    assert.equal(s.status, 'stopped');
    assert.equal(errors.length, 1);
    assert.match(errors[0], /cannot write the results folder/);
  });

  test('a missing worker file ends the run failed, with the reason', async () => {
    const h = startRun(scenario('http://127.0.0.1:1', constantRate(5, 2000)), {
      ...opts(),
      workerPath: join(root, 'no-such-worker.js'),
    });
    const s = await h.done;
    assert.equal(s.status, 'failed');
    assert.match(s.reason ?? '', /no-such-worker/);
    assert.equal(s.requests.sent, 0);
  });

  test('two runs in the same second get distinct folders', async () => {
    const a = startRun(scenario('http://127.0.0.1:1', constantRate(5, 2000), undefined, { name: 'abort' }), opts());
    const b = startRun(scenario('http://127.0.0.1:1', constantRate(5, 2000), undefined, { name: 'abort' }), opts());
    assert.notEqual(a.resultsDir, b.resultsDir);
    await Promise.all([a.done, b.done]);
  });
});
