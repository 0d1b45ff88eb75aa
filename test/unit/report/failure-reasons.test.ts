import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ErrorSample, Summary, Window } from '../../../src/protocol';
import { compareFailures } from '../../../src/shared/compare-failures';
import { renderComparisonText } from '../../../src/shared/compare-render';
import { compareSummaries } from '../../../src/report/compare';
import { summaryFromWindows } from '../../../src/run/summary-from-windows';
import { summaryTable } from '../../../src/run/console-format';

const sample = (id: number, count: number, message: string, status = 500): ErrorSample => ({
  id,
  class: status === 429 ? 'http_429' : 'http_5xx',
  code: null,
  status,
  message,
  body: `{"message":"${message}"}`,
  count,
  firstAtMs: 100 * id,
  lastAtMs: 900,
});

function win(index: number, extra: Partial<Window>): Window {
  return {
    index,
    tMs: (index + 1) * 1000,
    stage: 0,
    planned: 10,
    started: 10,
    completed: 10,
    succeeded: 7,
    failed: 3,
    errors: { http_5xx: 3 },
    dropped: 0,
    duration: null,
    ttft: null,
    itl: null,
    outputTokens: 0,
    active: 0,
    activeMax: 1,
    vus: 1,
    rateLimit: { status429: 0, remainingRequests: null, remainingTokens: null, retryAfterMs: null },
    latenessP99Ms: 0,
    elu: 0.1,
    thresholds: [],
    ...extra,
  };
}

test("a crashed run's rebuilt summary keeps statuses and reasons from its windows", () => {
  const ws = [
    win(0, {
      statusCodes: { 200: 7, 500: 3 },
      reasons: { 1: 3 },
      newReasons: [{ ...sample(1, 3, 'Something went wrong'), lastAtMs: 400 }],
    }),
    win(1, { statusCodes: { 200: 7, 500: 3 }, reasons: { 1: 3 } }),
  ];
  const s = summaryFromWindows(ws, {
    scenario: { name: 'x', load: { executor: 'constant-arrival-rate' } } as never,
    runId: 'r',
    startedAt: '2026-01-01T00:00:00Z',
    status: 'failed',
    reason: 'crash',
    plannedDurationMs: 2000,
  });
  assert.deepEqual(s.statusCodes, { 200: 14, 500: 6 });
  assert.equal(s.errorSamples?.length, 1);
  assert.equal(s.errorSamples![0].count, 6);
  assert.equal(s.errorSamples![0].lastAtMs, 2000);
  assert.ok(summaryTable(s).includes('http_5xx 500: Something went wrong ×6'));
});

test('compare shows how statuses and reasons moved', () => {
  const base = {
    statusCodes: { 200: 90, 500: 10 },
    errorSamples: [sample(1, 10, 'Something went wrong')],
  } as Partial<Summary>;
  const cur = {
    statusCodes: { 200: 60, 429: 40 },
    errorSamples: [sample(1, 40, 'Rate limit reached', 429)],
  } as Partial<Summary>;
  const d = compareFailures(base as Summary, cur as Summary)!;
  assert.deepEqual(d.statusCodes, [
    { status: '200', baseline: 90, current: 60 },
    { status: '429', baseline: 0, current: 40 },
    { status: '500', baseline: 10, current: 0 },
  ]);
  assert.deepEqual(
    d.reasons.map((r) => [r.reason, r.baseline, r.current]),
    [
      ['http_429 429', 0, 40],
      ['http_5xx 500', 10, 0],
    ],
  );
  const mk = (extra: Partial<Summary>): Summary =>
    ({
      scenario: 's',
      runId: 'r',
      startedAt: 't',
      metrics: {},
      generator: { latenessP99Ms: 0, eluMax: 0, saturated: false, warnings: [] },
      ...extra,
    }) as Summary;
  const text = renderComparisonText(compareSummaries(mk(base), mk(cur)));
  assert.match(text, /statuses {2}200 90 → 60 · 429 0 → 40 · 500 10 → 0/);
  assert.match(text, /reason {4}http_429 429: Rate limit reached {2}0 → 40/);
});
