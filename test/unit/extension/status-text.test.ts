import { test } from 'node:test';
import assert from 'node:assert/strict';
import { progressText, statusBarText } from '../../../src/extension/status-text';
import type { Stats, Window } from '../../../src/protocol';

function stats(p95: number): Stats {
  return { count: 1, avg: p95, min: p95, max: p95, p50: p95, p90: p95, p95, p99: p95, p999: p95 };
}
function win(
  index: number,
  completed: number,
  failed: number,
  p95: number | null,
  extra: Partial<Window> = {},
): Window {
  return {
    index,
    tMs: (index + 1) * 1000,
    stage: 0,
    planned: 0,
    started: completed,
    completed,
    succeeded: completed - failed,
    failed,
    errors: {},
    dropped: 0,
    duration: p95 === null ? null : stats(p95),
    ttft: null,
    itl: null,
    outputTokens: 0,
    active: 0,
    activeMax: 0,
    vus: 0,
    rateLimit: { status429: 0, remainingRequests: null, remainingTokens: null, retryAfterMs: null },
    latenessP99Ms: 0,
    elu: 0.2,
    thresholds: [],
    ...extra,
  };
}

test('status bar: rate and error share over the last 3 windows, latest p95', () => {
  const ws = [win(0, 1000, 1000, 999), win(1, 40, 0, 100), win(2, 42, 0, 110), win(3, 44, 1, 120.4)];
  assert.equal(statusBarText(ws), '$(pulse) 42 req/s · p95 120 ms · 0.8% err');
});

test('status bar: before the first window, without latency, and when the generator saturates', () => {
  assert.equal(statusBarText([]), '$(pulse) starting…');
  assert.equal(statusBarText([win(0, 3, 0, null)]), '$(pulse) 3 req/s · p95 – · 0% err');
  assert.equal(statusBarText([win(0, 12, 0, 1179.4)]), '$(pulse) 12 req/s · p95 1.18 s · 0% err');
  assert.equal(statusBarText([win(0, 4, 2, 999.6)]), '$(pulse) 4 req/s · p95 1.00 s · 50% err');
  assert.equal(
    statusBarText([win(0, 5000, 0, 12_345, { elu: 0.95 })]),
    '$(pulse) 5,000 req/s · p95 12.3 s · 0% err · $(warning) generator-bound',
  );
});

test('progress: elapsed over planned, with the stage when there are several', () => {
  assert.equal(progressText(65_000, 480_000, { index: 1, count: 3 }), '1m 05s / 8m 00s · stage 2/3');
  assert.equal(progressText(5_000, 60_000, { index: 0, count: 1 }), '5s / 1m 00s');
});
