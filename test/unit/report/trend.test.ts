import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Summary } from '../../../src/protocol';
import { buildTrend, parseTrendMetric } from '../../../src/report/trend';
import { renderTrendMarkdown } from '../../../src/report/trend-render';
import { sparklineSvg, textSparkline } from '../../../src/report/trend-svg';

function run(id: string, minute: number, p50: number, opts: { ttft?: number; ok?: boolean } = {}): Summary {
  const lat = {
    count: 400,
    avg: p50,
    min: p50 / 2,
    max: p50 * 3,
    p50,
    p90: p50 * 1.5,
    p95: p50 * 1.6,
    p99: p50 * 2,
    p999: p50 * 2.5,
  };
  return {
    schemaVersion: 1,
    scenario: 'S',
    runId: id,
    status: 'completed',
    startedAt: `2026-12-02T10:${String(minute).padStart(2, '0')}:00.000Z`,
    durationMs: 10_000,
    plannedDurationMs: 10_000,
    executor: 'constant-arrival-rate',
    metrics: {
      http_req_duration: lat,
      http_reqs: { count: 400, rate: 40 },
      http_req_failed: { rate: 0 },
      ...(opts.ttft ? { time_to_first_token: { ...lat, p95: opts.ttft } } : {}),
    },
    requests: { sent: 400, succeeded: 400, failed: 0 },
    errors: {},
    thresholds: [{ metric: 'http_req_duration', expression: 'p(95) < 500', ok: opts.ok ?? true, value: p50 * 1.6 }],
    checks: [],
    models: {},
    tokens: { fromUsage: 0, counted: 0, usageVsCountedDiffPct: null },
    rateLimitSamples: [],
    generator: { latenessP99Ms: 0.5, eluMax: 0.2, saturated: false, warnings: [] },
    environment: { tool: 'gateway-load', version: '0', node: 'v20', platform: 'linux', cpus: 2 },
  };
}

test('runs oldest first, judged against the baseline; the slow one regressed', () => {
  const runs = [run('c', 3, 100), run('a', 1, 100), run('d', 4, 200, { ok: false }), run('b', 2, 104)].map(
    (summary) => ({ summary }),
  );
  const t = buildTrend(runs, runs[1].summary);
  assert.deepEqual([t.metric, t.stat], ['http_req_duration', 'p95']);
  assert.deepEqual(
    t.points.map((p) => [p.runId, p.verdict, p.value, p.thresholdsPassed]),
    [
      ['a', 'baseline', 160, true],
      ['b', 'same', 166.4, true],
      ['c', 'same', 160, true],
      ['d', 'regressed', 320, false],
    ],
  );
  assert.ok(t.points[3].worse.includes('http_req_duration.p50'));
  assert.equal(t.points[3].changePct, 100);
  assert.equal(t.regressions, 1);
  assert.deepEqual(
    buildTrend(runs, runs[1].summary, { last: 2 }).points.map((p) => p.runId),
    ['c', 'd'],
  );
  const md = renderTrendMarkdown(t);
  assert.match(
    md,
    /^\| 4 \| d \| 2026-12-02 10:04:00Z \| 320\.0 ms \| \+100\.0% \| FAIL \| completed \| \*\*REGRESSED\*\* \|$/m,
  );
  assert.match(md, /^Regressed: run 4 \(d: .*http_req_duration\.p50/m);
});

test('without a baseline, no verdicts and a hint; a streaming history trends TTFT; metric.stat is honoured', () => {
  const runs = [run('a', 1, 100, { ttft: 50 }), run('b', 2, 100, { ttft: 70 })].map((summary) => ({ summary }));
  const t = buildTrend(runs, undefined);
  assert.deepEqual(
    [t.metric, t.stat, t.points.map((p) => p.verdict)],
    ['time_to_first_token', 'p95', ['none', 'none']],
  );
  assert.match(renderTrendMarkdown(t), /No baseline is marked/);
  assert.deepEqual(parseTrendMetric('http_req_duration.p(99)', []), { metric: 'http_req_duration', stat: 'p99' });
  assert.deepEqual(
    parseTrendMetric(
      'http_reqs',
      runs.map((r) => r.summary),
    ),
    { metric: 'http_reqs', stat: 'rate' },
  );
});

test('sparklines: text blocks from low to high, and an SVG with the baseline ring and the regressed dot', () => {
  assert.equal(textSparkline([1, 2, null, 8]), '▁▂ █');
  assert.equal(textSparkline([5, 5]), '▄▄');
  const svg = sparklineSvg([1, 2, 3], { baselineIndex: 0, regressed: [2] });
  // The axis starts at 0 (values far above it would start nearer): 1, 2, 3 of a 0–3.24 range over 3–13 px.
  assert.match(svg, /<polyline points="3,9.9 32,6.8 61,3.7"/);
  assert.match(svg, /stroke="#89d185"/);
  assert.match(svg, /fill="#f14c4c"/);
});
