import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { compareSummaries } from '../../../src/report/compare';
import { renderHtml } from '../../../src/report/html';
import { buildCharts } from '../../../src/report/html-charts';
import { redactScenario, redactUrl, redactValue } from '../../../src/shared/redact';
import { makeScenario, makeSummary, makeWindows } from './fixture';

describe('html report', () => {
  const summary = makeSummary({ failedRate: 0.025, checkFails: 2 });
  const html = renderHtml({
    summary,
    windows: makeWindows(4, { errors: true }),
    scenario: makeScenario(),
    comparison: compareSummaries(makeSummary(), summary),
    generatedAt: new Date('2026-11-26T11:00:00Z'),
  });

  test('is self-contained: chart.js inlined, a CSP that forbids the network, no external URLs loaded', () => {
    assert.match(html, /Chart\.js v4\./);
    assert.match(html, /default-src 'none'/);
    assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)=/i);
    assert.doesNotMatch(html, /sourceMappingURL/);
  });
  test('a canvas per chart and the chart data embedded', () => {
    for (const id of [
      'chart-throughput',
      'chart-latency',
      'chart-tokens-latency',
      'chart-output-tokens',
      'chart-errors',
      'chart-connections',
    ])
      assert.match(html, new RegExp(`<canvas id="${id}"`));
    const data = JSON.parse(
      /<script type="application\/json" id="chart-data">(.*?)<\/script>/s.exec(html)?.[1] ?? 'null',
    ) as Array<{ id: string }>;
    assert.equal(data.length, 6);
  });
  test('escapes the scenario name and shows the summary, thresholds, checks, errors, environment', () => {
    assert.match(html, /<title>Chat &lt;smoke&gt; &amp; &quot;quotes&quot; — Gateway Load report<\/title>/);
    assert.doesNotMatch(html, /<smoke>/);
    assert.match(
      html,
      /<td><code>http_req_duration<\/code><\/td><td class="n">105\.0<\/td><td class="n">50\.00<\/td><td class="n">100\.0<\/td>/,
    );
    assert.match(html, /<code>rate &lt; 0\.01<\/code><\/td><td class="n">2\.50%<\/td>/);
    assert.match(html, /<code>status == 200<\/code><\/td><td class="n">78<\/td><td class="n">2<\/td>/);
    assert.match(html, /<td>http_5xx<\/td><td class="n">2<\/td>/);
    assert.match(html, /<td>Node<\/td><td>v20\.20\.2<\/td>/);
    assert.match(html, /<td>Machine<\/td><td>linux x64, 2 CPUs, box<\/td>/);
    assert.match(html, /<td>Run started<\/td><td>2026-11-26T10:00:00\.000Z<\/td>/);
    assert.match(html, /Comparison with baseline/);
    assert.match(html, /class="badge bad">FAIL/);
  });
  test('redacts credentials from the scenario', () => {
    for (const secret of ['sk-live-123456', 'hunter2', 'plain-secret', 'sk-literal-abc', 'abc123', 'tok-literal'])
      assert.ok(!html.includes(secret), secret);
    assert.match(html, /Bearer \[redacted\]/);
    assert.match(html, /\$\{secret:gw\}/);
    assert.match(html, /&quot;X-Team&quot;: &quot;perf&quot;/);
  });
  test('with a baseline, its windows are overlaid in the comparison section', () => {
    const withBase = renderHtml({
      summary,
      windows: makeWindows(4),
      comparison: compareSummaries(makeSummary(), summary),
      baselineWindows: makeWindows(3),
    });
    const section = withBase.slice(withBase.indexOf('<section id="comparison">'));
    assert.match(section, /<canvas id="chart-compare-latency"/);
    assert.match(section, /<canvas id="chart-compare-throughput"/);
    const data = JSON.parse(
      /<script type="application\/json" id="chart-data">(.*?)<\/script>/s.exec(withBase)?.[1] ?? 'null',
    ) as Array<{ id: string; datasets: Array<{ label: string; data: unknown[] }> }>;
    const lat = data.find((c) => c.id === 'chart-compare-latency');
    assert.deepEqual(
      lat?.datasets.map((d) => [d.label, d.data.length]),
      [
        ['baseline p50', 3],
        ['baseline p95', 3],
        ['current p50', 4],
        ['current p95', 4],
      ],
    );
    assert.doesNotMatch(html, /chart-compare-latency/, 'no overlay without baseline windows');
  });
  test('without windows it says so and inlines no script', () => {
    const bare = renderHtml({ summary: makeSummary(), windows: [] });
    assert.match(bare, /no charts over time/);
    assert.doesNotMatch(bare, /<script/);
  });
});

describe('chart series', () => {
  test('throughput per second, planned for open models, error classes stacked', () => {
    const w = makeWindows(4, { errors: true });
    const charts = buildCharts(w, { openModel: true });
    const tp = charts.find((c) => c.id === 'chart-throughput');
    assert.deepEqual(
      tp?.datasets.map((d) => d.label),
      ['completed/s', 'succeeded/s', 'failed/s', 'planned arrivals/s'],
    );
    assert.deepEqual(tp?.datasets[2].data, [
      { x: 1, y: 0 },
      { x: 2, y: 0 },
      { x: 3, y: 3 },
      { x: 4, y: 0 },
    ]);
    const errs = charts.find((c) => c.id === 'chart-errors');
    assert.deepEqual(
      errs?.datasets.map((d) => d.label),
      ['http_5xx', 'timeout'],
    );
    assert.equal(errs?.stacked, true);
    assert.deepEqual(
      charts.find((c) => c.id === 'chart-latency')?.datasets[0].data.map((p) => p.y),
      [100, 110, 120, 130],
    );
  });
  test('a short last window is scaled to a per-second rate; no token charts without tokens', () => {
    const w = makeWindows(2).map((x) => ({ ...x, ttft: null, itl: null, outputTokens: 0 }));
    w[1].tMs = 1500;
    const charts = buildCharts(w, { openModel: false });
    assert.equal(charts.find((c) => c.id === 'chart-throughput')?.datasets[0].data[1].y, 40);
    assert.equal(charts.find((c) => c.id === 'chart-throughput')?.datasets.length, 3);
    assert.ok(!charts.some((c) => c.id === 'chart-tokens-latency' || c.id === 'chart-output-tokens'));
  });
});

describe('redaction', () => {
  test('keeps references and the auth scheme, replaces literals', () => {
    assert.equal(redactValue('Bearer ${secret:key}'), 'Bearer ${secret:key}');
    assert.equal(redactValue('Bearer sk-123'), 'Bearer [redacted]');
    assert.equal(redactValue('sk-123'), '[redacted]');
    assert.equal(redactValue('${env:A}:${env:B}'), '${env:A}[redacted]${env:B}');
  });
  test('URLs lose their password; the input is not mutated', () => {
    assert.equal(redactUrl('https://u:p@h/x'), 'https://u:[redacted]@h/x');
    assert.equal(redactUrl('https://h/x'), 'https://h/x');
    const s = makeScenario();
    const r = redactScenario(s);
    assert.equal(s.target.headers.Authorization, 'Bearer sk-live-123456');
    assert.equal(r.target.headers.Authorization, 'Bearer [redacted]');
    assert.equal(r.requests[0].headers['api-key'], '[redacted]');
    assert.equal(r.variables.region, 'eu');
  });
});
