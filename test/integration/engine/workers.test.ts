// Shared runs with real worker threads against a real loopback server: two workers send exactly
// the planned arrivals (each global index once), their merged windows count as one worker's
// would, a crashed worker's data is kept, and workers: 1 starts no coordinator.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Plan } from '../../../src/engine/schedule';
import { arrivalGaps } from '../../../src/engine/arrivals-gamma';
import type { LoadSpec, Scenario } from '../../../src/scenario/model';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chat, constantRate, constantVus, rampingRate, scenario, stage, threshold } from './scenario-fixtures';
import { run, start } from './run-helpers';

const ANSWER = JSON.stringify({
  id: 'x',
  object: 'chat.completion',
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
});

let server: Server;
let url = '';
/** `x-i` (the request's `${iteration}`) of every request received. */
let seen: number[] = [];
before(async () => {
  server = createServer((req, res) => {
    seen.push(Number(req.headers['x-i']));
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(ANSWER) });
      res.end(ANSWER);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

function sc(load: LoadSpec, workers: number | 'auto' = 2): Scenario {
  const s = scenario(url, { ...load, workers }, [chat({ stream: false, headers: { 'x-i': '${iteration}' } })]);
  return s;
}

/** Arrivals the plan holds: the same walk the executor makes (uniform from 0, random one gap in). */
function plannedArrivals(load: LoadSpec): number[] {
  const plan = new Plan(load.stages);
  const gap = arrivalGaps(load);
  const times: number[] = [];
  for (let c = load.arrivals === 'uniform' ? 0 : gap(); ; c += gap()) {
    const t = plan.timeOfCumulative(c);
    if (!(t < plan.durationMs)) break;
    times.push(t);
  }
  return times;
}

function perSecond(times: number[], seconds: number): number[] {
  const out = new Array<number>(seconds).fill(0);
  for (const t of times) out[Math.min(seconds - 1, Math.floor(t / 1000))]++;
  return out;
}

async function exactPlan(load: LoadSpec): Promise<void> {
  seen = [];
  const planned = plannedArrivals(load);
  const { summary: s, windows, logs } = await run(sc(load));
  assert.equal(s.status, 'completed', logs.join('\n'));
  assert.equal(s.generator.workers, 2);
  assert.equal(s.metrics.dropped_iterations?.count, 0);
  assert.equal(s.requests.sent, planned.length, 'the union of the two shares is the plan');
  assert.equal(s.requests.succeeded, planned.length);
  // Every global arrival index exactly once: none twice, none missing.
  const sorted = [...seen].sort((a, b) => a - b);
  assert.deepEqual(
    sorted,
    planned.map((_, i) => i + 1),
  );
  // Per window, as one worker counts them (arrivals in the second they were due).
  const secs = Math.ceil(load.durationMs / 1000);
  const want = perSecond(planned, secs);
  const got = windows.slice(0, secs).map((w) => w.started);
  const tail = windows.slice(secs).reduce((a, w) => a + w.started, 0);
  got[secs - 1] += tail;
  assert.deepEqual(got, want);
  assert.equal(
    windows.reduce((a, w) => a + w.completed, 0),
    s.metrics.http_reqs?.count,
  );
  assert.equal(s.metrics.http_req_duration?.count, planned.length, 'merged histograms hold every request');
}

test('2 workers, constant-arrival-rate: exactly the planned arrivals, each index once, per window', async () => {
  await exactPlan(constantRate(200, 3000));
});

test('2 workers, Poisson arrivals (seeded): the union is the one seeded schedule', async () => {
  await exactPlan(constantRate(150, 3000, { arrivals: 'poisson', seed: 7 }));
});

test('2 workers, ramping-arrival-rate: the ramp to the arrival', async () => {
  await exactPlan(rampingRate([stage(1500, 300), stage(1500, 50)]));
});

test('2 workers, closed model: VUs split evenly, summed back in the windows', async () => {
  seen = [];
  const { summary: s, windows } = await run(sc(constantVus(5, 2000, { thinkTimeMs: 50 })));
  assert.equal(s.status, 'completed');
  assert.equal(s.metrics.vus?.max, 5);
  assert.ok(windows.some((w) => w.vus === 5));
  assert.equal(windows[0].planned, 5);
  assert.equal(s.requests.sent, seen.length);
  assert.equal(s.requests.sent, s.requests.succeeded + Object.values(s.errors).reduce((a, b) => a + (b ?? 0), 0));
});

test('a crashed worker: reported, the other worker and its data kept, the run finishes', async () => {
  seen = [];
  process.env.GATEWAY_LOAD_TEST_CRASH_SHARD = '1:2500';
  try {
    const { summary: s, logs } = await run(sc(constantRate(100, 4000)));
    assert.deepEqual(s.generator.crashedWorkers, [2]);
    assert.ok(s.generator.warnings.some((w) => /Load worker 2 of 2 crashed/.test(w)));
    assert.ok(logs.some((l) => /Load worker 2 of 2 crashed/.test(l)));
    // Worker 1 sent its 200 (odd iterations); worker 2 about half its share before the crash.
    const odd = seen.filter((i) => i % 2 === 1).length;
    const even = seen.filter((i) => i % 2 === 0).length;
    assert.equal(odd, 200, 'worker 1 sent its whole share');
    assert.ok(even > 50 && even < 200, `worker 2 sent ${even} before its crash`);
    // What worker 2 sent in the second it crashed in is lost with it; its earlier windows are kept.
    assert.ok(s.requests.sent >= 250 && s.requests.sent <= seen.length, `sent ${s.requests.sent} of ${seen.length}`);
  } finally {
    delete process.env.GATEWAY_LOAD_TEST_CRASH_SHARD;
  }
});

test('workers: 1 runs as before: one engine, no coordinator, no workers count in the summary', async () => {
  seen = [];
  const { summary: s, logs } = await run(sc(constantRate(100, 1000), 1));
  assert.equal(s.generator.workers, undefined);
  assert.equal(s.requests.sent, 100);
  assert.ok(!logs.some((l) => /worker 1\/1/.test(l)));
});

test('2 workers: Stop ends both gracefully; the results folder holds the merged windows and the summary', async () => {
  const h = start(sc(constantRate(100, 20_000)));
  setTimeout(() => h.stop('test stop'), 2500);
  const s = await h.done;
  assert.equal(s.status, 'stopped');
  assert.ok(s.durationMs < 8000, `stopped after ${s.durationMs} ms`);
  assert.equal(s.generator.workers, 2);
  const lines = readFileSync(join(h.resultsDir, 'windows.ndjson'), 'utf8').trim().split('\n');
  assert.equal(lines.length, h.windows.length, 'one merged window per second on disk');
  assert.ok(existsSync(join(h.resultsDir, 'summary.json')));
  const onDisk = JSON.parse(readFileSync(join(h.resultsDir, 'summary.json'), 'utf8')) as typeof s;
  assert.equal(onDisk.generator.workers, 2);
  assert.equal(
    h.windows.reduce((a, w) => a + w.started, 0),
    s.requests.sent,
  );
});

test('2 workers: an abortOnFail threshold is judged on the merged data and stops every worker', async () => {
  const scen = sc(constantRate(100, 20_000));
  // No request answers in under 1 µs: fails at the first window.
  scen.thresholds = [threshold('http_req_duration', 'p', '<', 0.001, { percentile: 99, abortOnFail: true })];
  const { summary: s } = await run(scen);
  assert.equal(s.status, 'aborted');
  assert.match(s.reason ?? '', /abortOnFail/);
  assert.ok(s.durationMs < 8000, `aborted after ${s.durationMs} ms`);
  assert.equal(s.thresholds[0].ok, false);
});

test('workers: 2 with a tag-filtered threshold runs on 1 worker and says why (log and summary warning)', async () => {
  const scen = sc(constantRate(50, 1000));
  scen.thresholds = [
    threshold('http_req_duration', 'p', '<', 5000, { percentile: 95, tag: { key: 'name', value: 'chat' } }),
  ];
  const { summary: s, logs } = await run(scen);
  assert.equal(s.generator.workers, undefined, 'no coordinator');
  assert.ok(
    logs.some((l) => /workers: 2 asked, but tag-filtered thresholds/.test(l)),
    logs.join('\n'),
  );
  assert.ok(s.generator.warnings.some((w) => /the run uses 1 worker/.test(w)));
  assert.equal(s.thresholds[0].ok, true);
});
