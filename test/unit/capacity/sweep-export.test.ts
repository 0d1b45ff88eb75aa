// Exports of a sweep: the planned ladder as k6 stages / Artillery phases, and a header note that
// the search (stop rule, refine) is not expressible there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportScenario } from '../../../src/export/index';
import { parseScenario } from '../../../src/scenario/index';

const sc = parseScenario(`name: sweep export
target: { baseUrl: http://127.0.0.1:8790 }
load: { executor: sweep, from: 10/s, to: 40/s, steps: 3, stepDuration: 30s, refine: 2, arrivals: uniform }
slo: { time_to_first_token: 500ms }
requests: [ { model: m, prompt: hi, stream: true } ]
`).scenario!;

test('k6: the ladder as ramping-arrival-rate stages (jump, hold) and the note in the header', () => {
  const r = exportScenario(sc, 'k6', '/tmp/out/sweep.k6.js');
  const js = r.files[0].content;
  const options = JSON.parse(/export const options = (\{[\s\S]*?\n\});/.exec(js)![1]) as {
    scenarios: { load: { executor: string; startRate: number; stages: Array<{ duration: string; target: number }> } };
  };
  const load = options.scenarios.load;
  assert.equal(load.executor, 'ramping-arrival-rate');
  assert.equal(load.startRate, 10);
  assert.deepEqual(load.stages, [
    { duration: '30s', target: 10 },
    { duration: '0s', target: 20 },
    { duration: '30s', target: 20 },
    { duration: '0s', target: 40 },
    { duration: '30s', target: 40 },
  ]);
  assert.match(js, /^\/\/.*Sweep: k6 runs the planned ladder of 3 steps .*not expressible/m);
});

test('Artillery: one phase per step and the note in the header', () => {
  const r = exportScenario(sc, 'artillery', '/tmp/out/sweep.artillery.yml');
  const yml = r.files.find((f) => f.path.endsWith('.yml'))!.content;
  for (const v of [10, 20, 40]) assert.match(yml, new RegExp(`arrivalRate: ${v}\\b`));
  assert.match(
    yml,
    /^#.*Sweep: Artillery runs the planned ladder of 3 steps \(10\/s, 20\/s, 40\/s\).*not expressible/m,
  );
});
