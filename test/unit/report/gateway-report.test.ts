// The gateway sections in every report: the headline with its ±, the per-percentile table, the
// caution, header metrics and routing (Markdown, HTML, JUnit, CLI), and overhead compared with a
// baseline like any other metric.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Summary } from '../../../src/protocol';
import type { OverheadEstimate, OverheadSummary } from '../../../src/shared/gateway-types';
import { overheadHeadline } from '../../../src/shared/gateway-format';
import { OverheadRecorder, overheadCaution } from '../../../src/engine/overhead';
import { renderMarkdown } from '../../../src/report/markdown';
import { renderHtml } from '../../../src/report/html';
import { renderJunit } from '../../../src/report/junit';
import { compareSummaries } from '../../../src/report/compare';
import { summaryTable } from '../../../src/run/console-format';
import { makeSummary, makeWindows } from './fixture';

function est(added: number, half: number | null, base = 40): OverheadEstimate {
  return {
    gatewayMs: base + added,
    directMs: base,
    addedMs: added,
    ciLowMs: half === null ? null : added - half,
    ciHighMs: half === null ? null : added + half,
  };
}

function overhead(p50: number, p99: number, extra: Partial<OverheadSummary> = {}): OverheadSummary {
  return {
    direct: 'http://127.0.0.1:8791',
    method: 'block-bootstrap',
    blocks: 60,
    blockSeconds: 1,
    resamples: 400,
    requests: { gateway: 3000, direct: 3000 },
    failed: { gateway: 3, direct: 0 },
    errorRate: { gateway: 0.001, direct: 0, added: 0.001 },
    http_req_duration: { p50: est(p50, 0.4), p90: est(p50 * 2, 1), p95: est(p50 * 2.5, 1.5), p99: est(p99, 2.1) },
    time_to_first_token: { p50: est(p50, 0.3), p90: est(p50, 1), p95: est(p50, 1), p99: est(p99, 3) },
    ...extra,
  };
}

function withGateway(s: Summary, o: OverheadSummary): Summary {
  s.overhead = o;
  Object.assign(s.metrics, OverheadRecorder.asMetrics(o));
  s.gatewayHeaders = {
    server_timing_gw: {
      header: 'server-timing',
      unit: 'ms',
      count: 3000,
      avg: 2.5,
      min: 2.5,
      max: 2.5,
      p50: 2.5,
      p90: 2.5,
      p99: 2.5,
      sum: 7500,
    },
    litellm_response_cost: {
      header: 'x-litellm-response-cost',
      unit: 'USD',
      count: 3000,
      avg: 0.0001,
      p50: 0.0001,
      p90: 0.0001,
      p99: 0.0001,
      sum: 0.3,
    },
    cf_aig_cache_status: {
      header: 'cf-aig-cache-status',
      unit: 'count',
      count: 3000,
      values: { MISS: 2000, HIT: 1000 },
    },
  };
  s.routing = {
    byModel: {
      'gpt-4o-mini-2024-07-18': { count: 2900, p50: 40, p90: 60, p99: 90, ttftP50: 20 },
      'claude-fallback': { count: 100, p50: 80, p90: 100, p99: 150, ttftP50: 45 },
    },
    fallbacks: { count: 100, rate: 0.0333, fromHeader: 0, fromModel: 100 },
  };
  return s;
}

describe('gateway overhead in the reports', () => {
  test('the headline says the added ms at p50 and p99 with the interval half-widths', () => {
    assert.equal(
      overheadHeadline(overhead(3.6, 11.2)),
      'Gateway adds 3.6 ms at p50 (±0.40), 11.2 ms at p99 (±2.1); errors +0.10 pt',
    );
    const none = overhead(3.6, 11.2, {
      http_req_duration: { p50: est(0.3, null), p90: null, p95: null, p99: null },
      errorRate: { gateway: 0, direct: 0, added: 0 },
    });
    assert.equal(overheadHeadline(none), 'Gateway adds 0.30 ms at p50');
  });

  test('the caution: lateness of the same order as the overhead, or no interval', () => {
    assert.equal(overheadCaution(overhead(3.6, 11), 0.5), undefined);
    assert.match(overheadCaution(overhead(3.6, 11), 2)!, /send lateness p99 \(2 ms\) is of the same order/);
    assert.match(overheadCaution(overhead(3.6, 11), 0.5, true)!, /generator was saturated/);
    const few = overhead(3.6, 11, { http_req_duration: { p50: est(3.6, null), p90: null, p95: null, p99: null } });
    assert.match(overheadCaution(few, 0)!, /Too few seconds/);
  });

  test('Markdown, HTML, JUnit and the CLI summary carry the sections', () => {
    const s = withGateway(makeSummary(), overhead(3.6, 11.2, { caution: 'The figure is unreliable here.' }));
    const md = renderMarkdown(s);
    assert.match(md, /### Gateway overhead\n\n\*\*Gateway adds 3\.6 ms at p50 \(±0\.40\), 11\.2 ms at p99 \(±2\.1\)/);
    assert.match(md, /\| http_req_duration \| p99 \| 51\.2 \| 40\.0 \| \+11\.2 \| 9\.1 … 13\.3 \|/);
    assert.match(md, /> ⚠️ The figure is unreliable here\./);
    assert.match(md, /\| `cf_aig_cache_status` \| cf-aig-cache-status \| 3000 \|.*MISS ×2000 · HIT ×1000 \|/);
    assert.match(md, /\| `litellm_response_cost` \| .*0\.3 USD \|/);
    assert.match(md, /fallbacks 100 \(3\.3% of answers\): 0 by x-litellm-attempted-fallbacks, 100 by a served model/);
    const html = renderHtml({ summary: s, windows: makeWindows(4) });
    assert.match(
      html,
      /<section id="overhead"><h2>Gateway overhead<\/h2><p class="headline"><strong>Gateway adds 3\.6 ms/,
    );
    assert.match(html, /<section id="gateway-headers">/);
    assert.match(html, /<section id="routing">.*claude-fallback/s);
    const xml = renderJunit(s);
    assert.match(xml, /testcase name="http_req_duration p50: gateway adds \+3\.6 ms \(95% CI 3\.2 … 4\.0 ms\)"/);
    assert.match(xml, /testcase name="caution: The figure is unreliable here\."/);
    assert.doesNotMatch(xml, /<failure[^>]*overhead/);
    const cli = summaryTable(s);
    assert.match(cli, /overhead {3}Gateway adds 3\.6 ms at p50 \(±0\.40\)/);
    assert.match(cli, /caution {4}The figure is unreliable here\./);
    assert.match(cli, /server_timing_gw +\(server-timing\) +×3000 {2}p50 2\.5 ms/);
    assert.match(cli, /routing {4}fallbacks 100/);
  });

  test('compare: overhead judged like a latency, its error rate in points', () => {
    const base = withGateway(makeSummary({ runId: 'a' }), overhead(3.6, 11.2));
    const same = withGateway(makeSummary({ runId: 'b' }), overhead(3.9, 11.8));
    const worse = withGateway(makeSummary({ runId: 'c' }), overhead(9.5, 30));
    const m = (c: ReturnType<typeof compareSummaries>, name: string) => c.metrics.find((x) => x.metric === name)!;
    assert.equal(m(compareSummaries(base, same), 'gateway_overhead_duration').verdict, 'same');
    const c = compareSummaries(base, worse);
    assert.equal(m(c, 'gateway_overhead_duration').verdict, 'worse');
    assert.ok(c.worse.includes('gateway_overhead_duration.p50'), c.worse.join(','));
    assert.ok(c.regression);
    // Under 1 ms is never judged, whatever its percentage.
    const tiny = withGateway(makeSummary({ runId: 'd' }), overhead(0.2, 11.2));
    const tiny2 = withGateway(makeSummary({ runId: 'e' }), overhead(0.9, 11.2));
    const t = m(compareSummaries(tiny, tiny2), 'gateway_overhead_duration');
    assert.equal(t.stats.find((x) => x.stat === 'p50')!.verdict, 'same');
    const f = m(compareSummaries(base, base), 'gateway_overhead_failed');
    assert.deepEqual(
      f.stats.map((x) => x.stat),
      ['rate'],
    );
    assert.equal(f.verdict, 'same');
  });
});
