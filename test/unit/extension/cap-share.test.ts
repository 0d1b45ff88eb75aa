import { test } from 'node:test';
import assert from 'node:assert/strict';
import { capsForNewRun, plannedUse } from '../../../src/extension/cap-share';
import { parseScenario } from '../../../src/scenario';
import type { Scenario } from '../../../src/scenario/model';

function scenario(load: string, maxConnections = 100): Scenario {
  const r = parseScenario(
    `name: s\ntarget: { baseUrl: http://127.0.0.1:1, maxConnections: ${maxConnections} }\nload: ${load}\nrequests: [ { api: openai-chat, model: m, prompt: hi } ]\n`,
    {},
  );
  assert.ok(r.scenario, JSON.stringify(r.diagnostics));
  return r.scenario;
}

test('a run uses its peak rate and its connections (VUs for closed models), within the caps it was given', () => {
  assert.deepEqual(
    plannedUse(
      scenario(
        '{ executor: ramping-arrival-rate, stages: [ { duration: 1m, target: 30/s }, { duration: 1m, target: 10/s } ] }',
      ),
      {},
    ),
    { peakRequestsPerSecond: 30, connections: 100 },
  );
  assert.deepEqual(
    plannedUse(scenario('{ executor: constant-arrival-rate, rate: 50/s, duration: 1m }'), {
      maxRequestsPerSecond: 20,
      maxConnections: 40,
    }),
    { peakRequestsPerSecond: 20, connections: 40 },
  );
  assert.deepEqual(plannedUse(scenario('{ executor: constant-vus, vus: 8, duration: 1m }'), {}), {
    peakRequestsPerSecond: 0,
    connections: 8,
  });
});

test('the caps hold for the sum: a second run gets what the first leaves', () => {
  assert.deepEqual(
    capsForNewRun({}, [{ peakRequestsPerSecond: 500, connections: 900 }]),
    { caps: {} },
    'no caps set: nothing to share',
  );
  assert.deepEqual(capsForNewRun({ maxRequestsPerSecond: 100, maxConnections: 200 }, []), {
    caps: { maxRequestsPerSecond: 100, maxConnections: 200 },
  });
  assert.deepEqual(
    capsForNewRun({ maxRequestsPerSecond: 100, maxConnections: 200 }, [
      { peakRequestsPerSecond: 30, connections: 50 },
      { peakRequestsPerSecond: 25.5, connections: 20 },
    ]),
    { caps: { maxRequestsPerSecond: 44.5, maxConnections: 130 } },
  );
});

test('caps used up: the new run is refused with the reason', () => {
  const r = capsForNewRun({ maxRequestsPerSecond: 50 }, [{ peakRequestsPerSecond: 50, connections: 10 }]);
  assert.deepEqual(r, {
    blocked:
      'the rate cap (gatewayLoad.maxRequestsPerSecond = 50/s) is used up by the 1 run going (50/s at their peaks)',
  });
  const c = capsForNewRun({ maxConnections: 30 }, [
    { peakRequestsPerSecond: 1, connections: 10 },
    { peakRequestsPerSecond: 1, connections: 20 },
  ]);
  assert.deepEqual(c, {
    blocked: 'the connection cap (gatewayLoad.maxConnections = 30) is used up by the 2 runs going (30 connections)',
  });
});
