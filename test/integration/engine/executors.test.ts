// Executors against the real mock: counts per executor and stage within 2% of the plan.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMock, type MockServer } from '../../../src/mock/index';
import { chat, constantRate, constantVus, rampingRate, rampingVus, scenario, stage } from './scenario-fixtures';
import { errorSum, near, run } from './run-helpers';

let mock: MockServer;
before(async () => {
  mock = await startMock({ port: 0, latencyMs: 10, ttftMs: 10, tokensPerSecond: 0, outputTokens: 5 });
});
after(async () => {
  await mock.close();
});

const quick = chat({ stream: false, maxTokens: 5 });

describe('open model', () => {
  test('constant-arrival-rate sends rate × duration, about the same each second', async () => {
    const { summary: s, windows } = await run(scenario(mock.url, constantRate(100, 4000), [quick]));
    assert.equal(s.status, 'completed');
    assert.ok(near(s.requests.sent, 400, 0.02), `sent ${s.requests.sent}`);
    assert.equal(s.requests.sent, s.requests.succeeded + errorSum(s));
    assert.equal(s.requests.succeeded, s.requests.sent);
    assert.equal(s.metrics.dropped_iterations?.count, 0);
    for (const w of windows.slice(0, 4)) assert.ok(near(w.started, 100, 0.02, 2), `window ${w.index}: ${w.started}`);
    assert.ok(s.metrics.http_req_duration!.p50! >= 10);
  });

  test('ramping-arrival-rate: counts per stage follow the ramps and the jump', async () => {
    // 0→100/s over 2 s (100), 100/s for 2 s (200), jump to 50/s for 1 s (50)
    const load = rampingRate([stage(2000, 100), stage(2000, 100), stage(0, 50), stage(1000, 50)]);
    const { summary: s, windows } = await run(scenario(mock.url, load, [quick]));
    const inStage = (a: number, b: number): number =>
      windows.filter((w) => w.index >= a && w.index < b).reduce((n, w) => n + w.started, 0);
    assert.ok(near(inStage(0, 2), 100, 0.02, 2), `stage 1: ${inStage(0, 2)}`);
    assert.ok(near(inStage(2, 4), 200, 0.02, 2), `stage 2: ${inStage(2, 4)}`);
    assert.ok(near(inStage(4, 5), 50, 0.02, 2), `stage 3: ${inStage(4, 5)}`);
    assert.ok(near(s.requests.sent, 350, 0.02), `sent ${s.requests.sent}`);
    assert.ok(windows[0].started < windows[1].started, 'the first stage ramps up from 0');
    assert.deepEqual(
      windows.slice(0, 5).map((w) => w.stage),
      [0, 1, 1, 2, 2],
    );
  });

  test('arrivals that find no free connection are dropped, not delayed', async () => {
    mock.setConfig({ latencyMs: 200 });
    try {
      const sc = scenario(mock.url, constantRate(100, 3000), [quick]);
      sc.target.maxConnections = 5;
      const { summary: s } = await run(sc);
      const dropped = s.metrics.dropped_iterations?.count ?? 0;
      assert.ok(dropped > 150, `dropped ${dropped}`);
      assert.ok(near(s.requests.sent + dropped, 300, 0.02), `sent ${s.requests.sent} + dropped ${dropped}`);
      assert.ok((s.metrics.active_connections?.max ?? 0) <= 5);
      // 5 connections × 200 ms → at most ~25 completions a second
      assert.ok(s.requests.sent <= 5 * 3 * 5 + 5, `sent ${s.requests.sent}`);
    } finally {
      mock.setConfig({ latencyMs: 10 });
    }
  });

  test('poisson arrivals keep the planned rate on average, unevenly', async () => {
    const { summary: s, windows } = await run(
      scenario(mock.url, constantRate(100, 4000, { arrivals: 'poisson' }), [quick]),
    );
    assert.ok(near(s.requests.sent, 400, 0.15), `sent ${s.requests.sent}`);
    assert.ok(new Set(windows.slice(0, 4).map((w) => w.started)).size > 1, 'per-second counts vary');
  });
});

describe('closed model', () => {
  test('constant-vus keeps N users looping with think time', async () => {
    mock.setConfig({ latencyMs: 50 });
    try {
      const { summary: s, windows } = await run(scenario(mock.url, constantVus(5, 3000, { thinkTimeMs: 50 }), [quick]));
      for (const w of windows.slice(0, 3)) assert.equal(w.vus, 5, `window ${w.index}`);
      // Little's law: each VU loops once per (answer time + think time).
      const perIteration = s.metrics.http_req_duration!.avg! + 50;
      const expected = (5 * 3000) / perIteration;
      assert.ok(near(s.requests.sent, expected, 0.05, 2), `sent ${s.requests.sent}, expected ${expected.toFixed(1)}`);
      assert.equal(s.metrics.vus?.max, 5);
      assert.equal(s.requests.sent, s.requests.succeeded + errorSum(s));
    } finally {
      mock.setConfig({ latencyMs: 10 });
    }
  });

  test('ramping-vus follows the stages', async () => {
    const { windows } = await run(
      scenario(mock.url, rampingVus([stage(2000, 10), stage(0, 4), stage(2000, 4)], { thinkTimeMs: 20 }), [quick]),
    );
    assert.ok(near(windows[0].vus, 5, 0, 1), `1 s: ${windows[0].vus}`);
    assert.ok(near(windows[1].vus, 10, 0, 1), `2 s: ${windows[1].vus}`);
    assert.equal(windows[2].vus, 4);
    assert.equal(windows[3].vus, 4);
  });
});
