// `slo:` and the sweep executors in scenario files: the model they give and the errors at their ranges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario } from '../../../src/scenario/index';
import { sweepLadder } from '../../../src/scenario/validate-sweep';
import { keyDoc } from '../../../src/scenario/keys';

const HEAD = 'target: { baseUrl: http://127.0.0.1:8790 }\nrequests: [ { model: m, prompt: hi, stream: true } ]\n';

test('a sweep: geometric ladder as stages, Poisson by default, stop and refine read', () => {
  const r = parseScenario(
    `${HEAD}load: { executor: sweep, from: 1/s, to: 200/s, steps: 8, stepDuration: 30s, stop: { sloAttainment: 95%, errorRate: 0.05 }, refine: 3 }\n`,
  );
  assert.deepEqual(r.diagnostics, []);
  const l = r.scenario!.load;
  assert.equal(l.kind, 'open');
  assert.equal(l.arrivals, 'poisson');
  assert.deepEqual(l.sweep, {
    from: 1,
    to: 200,
    steps: 8,
    stepDurationMs: 30_000,
    stop: { sloAttainment: 0.95, errorRate: 0.05 },
    refine: 3,
    vus: false,
  });
  const offered = l.stages.filter((s) => s.durationMs > 0).map((s) => s.target);
  assert.equal(offered.length, 8);
  assert.equal(offered[0], 1);
  assert.equal(offered[7], 200);
  for (let i = 1; i < 8; i++)
    assert.ok(Math.abs(offered[i] / offered[i - 1] - 200 ** (1 / 7)) < 0.01, 'constant ratio');
  assert.equal(l.durationMs, 8 * 30_000);
});

test('sweep-vus: whole VUs, repeats dropped, closed model', () => {
  const r = parseScenario(`${HEAD}load: { executor: sweep-vus, from: 1, to: 8, steps: 10, stepDuration: 5s }\n`);
  assert.deepEqual(r.diagnostics, []);
  const l = r.scenario!.load;
  assert.equal(l.kind, 'closed');
  assert.deepEqual(
    l.stages.filter((s) => s.durationMs > 0).map((s) => s.target),
    sweepLadder({ from: 1, to: 8, steps: 10, vus: true }),
  );
  assert.deepEqual(sweepLadder({ from: 1, to: 8, steps: 10, vus: true }), [1, 2, 3, 4, 5, 6, 8]);
  assert.deepEqual(l.sweep!.stop, { sloAttainment: 0.95, errorRate: 0.05 }, 'defaults');
});

test('sweep errors are at their ranges and say what would be valid', () => {
  const text = `${HEAD}load: { executor: sweep, from: 10/s, to: 5/s, stepDuration: 500ms, stages: [] }\n`;
  const d = parseScenario(text).diagnostics;
  const at = (code: string) => d.find((x) => x.code === code);
  assert.match(at('not-for-executor')!.message, /'stages' does not apply to sweep: it takes from, to/);
  assert.match(at('out-of-range')!.message, /stepDuration' must be at least 1s/);
  const line = text.split('\n')[2];
  assert.equal(at('out-of-range')!.range.start.character, line.indexOf('500ms'));
  const missing = parseScenario(`${HEAD}load: { executor: sweep, from: 1/s }\n`).diagnostics;
  assert.ok(
    missing.some((x) => /needs 'to'/.test(x.message)) && missing.some((x) => /needs 'stepDuration'/.test(x.message)),
  );
  const bad = parseScenario(
    `${HEAD}load: { executor: sweep, from: 1/s, to: 2/s, stepDuration: 2s, stop: { sloAttainment: lots } }\n`,
  ).diagnostics;
  assert.match(bad[0].message, /'load.stop.sloAttainment' must be a fraction/);
  const ramp = parseScenario(`${HEAD}load: { executor: constant-vus, vus: 2, duration: 1m, refine: 2 }\n`).diagnostics;
  assert.match(ramp[0].message, /'refine' does not apply to constant-vus/);
});

test('slo: at the scenario level and per request; unknown bounds and empty blocks are errors', () => {
  const r = parseScenario(
    `${HEAD.replace('stream: true }', 'stream: true, slo: { http_req_duration: 3s } }')}load: { executor: constant-vus, vus: 1, duration: 1s }\nslo: { time_to_first_token: 300ms, time_per_output_token: 50ms, http_req_duration: 5s }\n`,
  );
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(r.scenario!.slo, { ttftMs: 300, tpotMs: 50, durationMs: 5000 });
  assert.deepEqual(r.scenario!.requests[0].slo, { durationMs: 3000 });
  const d = parseScenario(
    `${HEAD}load: { executor: constant-vus, vus: 1, duration: 1s }\nslo: { ttft: 300ms }\n`,
  ).diagnostics;
  assert.equal(d[0].code, 'unknown-key');
  assert.match(d[0].message, /Unknown key 'ttft' in 'slo'.*time_to_first_token/);
  const e = parseScenario(`${HEAD}load: { executor: constant-vus, vus: 1, duration: 1s }\nslo: {}\n`).diagnostics;
  assert.match(e[0].message, /sets no bound/);
});

test('thresholds on goodput, slo_attainment and capacity validate; capacity takes rpm, rate or concurrency', () => {
  const ok = parseScenario(
    `${HEAD}load: { executor: sweep, from: 1/s, to: 2/s, stepDuration: 2s }\nslo: { time_to_first_token: 1s }\nthresholds:\n  slo_attainment: [ "rate > 0.95" ]\n  goodput: [ "rate > 1" ]\n  goodput_tokens_per_second: [ "rate > 10" ]\n  capacity: [ "rpm > 1500", "concurrency >= 4" ]\n`,
  );
  assert.deepEqual(ok.diagnostics, []);
  assert.deepEqual(
    ok.scenario!.thresholds.map((t) => `${t.metric}.${t.stat}`),
    ['slo_attainment.rate', 'goodput.rate', 'goodput_tokens_per_second.rate', 'capacity.rpm', 'capacity.concurrency'],
  );
  const bad = parseScenario(
    `${HEAD}load: { executor: sweep, from: 1/s, to: 2/s, stepDuration: 2s }\nthresholds:\n  capacity: [ "p(95) > 3" ]\n`,
  ).diagnostics;
  assert.match(bad[0].message, /capacity.*rpm, rate, concurrency/);
});

test('the new keys have docs for hover and completion', () => {
  for (const [table, key] of [
    ['', 'slo'],
    ['requests[]', 'slo'],
    ['slo', 'time_to_first_token'],
    ['load', 'stepDuration'],
    ['load', 'refine'],
    ['load.stop', 'sloAttainment'],
  ]) {
    assert.ok(keyDoc(table, key)?.doc, `${table}.${key}`);
  }
  assert.ok(keyDoc('load', 'executor')!.values!.includes('sweep-vus'));
});
