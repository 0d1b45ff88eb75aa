// The gateway's overhead and its own headers, measured through a real nginx in front of the mock:
// `target.direct` alternates arrivals between nginx and the mock itself; nginx's `add_header`
// stands for a gateway that reports its timings; the mock's routing stands for a fallback.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMock, type MockServer } from '../../../src/mock/index';
import { startNginx, type Nginx } from '../../support/nginx';
import { chat, constantRate, scenario } from '../engine/scenario-fixtures';
import { run } from '../engine/run-helpers';
import { overheadHeadline } from '../../../src/shared/gateway-format';

describe('gateway insight through real nginx', { timeout: 120_000 }, () => {
  let mock: MockServer;
  let gw: Nginx;
  before(async () => {
    mock = await startMock({ port: 0, ttftMs: 15, tokensPerSecond: 0, outputTokens: 8, seed: 4 });
    gw = await startNginx(mock.url, {
      location: [
        'add_header Server-Timing \'gw;dur=2.5, db;desc="a, b; c";dur=1.25, nodur\' always;',
        'add_header X-My-Gw-Ms 7 always;',
        'add_header X-Litellm-Response-Cost 0.00012 always;',
        'add_header cf-aig-cache-status MISS always;',
      ].join('\n'),
    });
  });
  after(async () => {
    await gw?.stop();
    await mock?.close();
  });

  test('direct: the overhead through nginx is positive and small, with its interval; both paths alternate', async (t) => {
    // Without upstream keep-alive nginx opens a connection to the mock per request, as many
    // gateways do to providers: an overhead well above the machine's noise.
    const plain = await startNginx(mock.url, { upstreamKeepalive: 0 });
    const sc = scenario(plain.url, constantRate(40, 8000), [chat()]);
    sc.target.direct = mock.url;
    const { summary, windows } = await run(sc).finally(() => plain.stop());
    const o = summary.overhead;
    assert.ok(o, 'an overhead section');
    t.diagnostic(`${overheadHeadline(o)}; lateness p99 ${summary.generator.latenessP99Ms} ms`);
    assert.equal(o.direct, new URL(mock.url).origin);
    // Alternation, request by request: the two paths differ by at most one request.
    assert.ok(Math.abs(o.requests.gateway - o.requests.direct) <= 1, JSON.stringify(o.requests));
    assert.equal(o.requests.gateway + o.requests.direct, summary.requests.sent);
    assert.equal(o.failed.gateway + o.failed.direct, 0);
    const p50 = o.http_req_duration.p50!;
    const p99 = o.http_req_duration.p99!;
    assert.ok(p50.ciLowMs !== null && p50.ciHighMs !== null, 'an interval');
    assert.ok(p50.ciLowMs! <= p50.addedMs && p50.addedMs <= p50.ciHighMs!, JSON.stringify(p50));
    // nginx costs a fraction of a millisecond to a few. The generator's own lateness is noise of
    // the same kind: on a quiet machine the figure is positive and small; on a busy one the run
    // must say the figure is unreliable rather than pass off the noise as the gateway's.
    const lateness = summary.generator.latenessP99Ms;
    assert.ok(Math.abs(p50.addedMs) < 20 + 2 * lateness, `p50 added ${p50.addedMs} ms, lateness p99 ${lateness} ms`);
    assert.ok(p99.addedMs < 100 + 4 * lateness, `p99 added ${p99.addedMs} ms`);
    if (o.caution === undefined) {
      assert.ok(p50.addedMs > 0 && p50.gatewayMs > p50.directMs, JSON.stringify(p50));
      assert.ok(p50.ciHighMs! - p50.ciLowMs! < 20, JSON.stringify(p50));
    } else assert.match(o.caution, /lateness|saturated/);
    assert.ok(o.time_to_first_token?.p50, 'TTFT overhead for a streamed run');
    assert.ok(o.blocks >= 5, `blocks ${o.blocks}`);
    // As metrics: per path, and the overhead itself (compare and the reports read these).
    assert.equal(summary.metrics['http_req_duration{path:gateway}']?.count, o.requests.gateway);
    assert.equal(summary.metrics['http_req_duration{path:direct}']?.count, o.requests.direct);
    assert.equal(summary.metrics.gateway_overhead_duration?.p50, p50.addedMs);
    // Live: every full window carries both paths.
    const full = windows.filter((w) => w.paths?.gateway && w.paths?.direct);
    assert.ok(full.length >= windows.length - 3, `${full.length} of ${windows.length} windows carry both paths`);
    // Neither nginx (here) nor the mock sends gateway headers.
    assert.equal(summary.gatewayHeaders, undefined);
  });

  test('add_header Server-Timing and custom headers become metrics', async () => {
    const sc = scenario(gw.url, constantRate(20, 3000), [chat({ stream: false })], {
      gatewayHeaders: { 'x-my-gw-ms': { metric: 'my_gateway_ms', unit: 'ms' } },
    });
    const { summary, windows } = await run(sc);
    const n = summary.requests.succeeded;
    assert.ok(n >= 40, `${n} answers`);
    const gh = summary.gatewayHeaders!;
    assert.deepEqual(
      { p50: gh.server_timing_gw.p50, count: gh.server_timing_gw.count, header: gh.server_timing_gw.header },
      { p50: 2.5, count: n, header: 'server-timing' },
    );
    // A quoted desc holding `,` and `;` does not split the entry; an entry without dur is not a metric.
    assert.equal(gh.server_timing_db.p50, 1.25);
    assert.equal(gh.server_timing_nodur, undefined);
    assert.equal(gh.my_gateway_ms.p50, 7);
    assert.equal(gh.litellm_response_cost.unit, 'USD');
    assert.ok(Math.abs(gh.litellm_response_cost.sum! - 0.00012 * n) < 1e-9, String(gh.litellm_response_cost.sum));
    assert.deepEqual(gh.cf_aig_cache_status.values, { MISS: n });
    assert.equal(summary.metrics.server_timing_gw?.p50, 2.5);
    assert.equal(summary.metrics.my_gateway_ms?.p99, 7);
    assert.ok(windows.some((w) => w.gatewayHeaders?.server_timing_gw === 2.5));
    assert.equal(summary.overhead, undefined);
  });
});

describe('routing: latency per served model and fallbacks', { timeout: 60_000 }, () => {
  let mock: MockServer;
  let gw: Nginx;
  before(async () => {
    mock = await startMock({
      port: 0,
      ttftMs: 5,
      tokensPerSecond: 0,
      outputTokens: 4,
      seed: 2,
      routeModel: { 'gpt-4o': 'claude-fallback' },
    });
    gw = await startNginx(mock.url, { location: 'add_header x-litellm-attempted-fallbacks 0 always;' });
  });
  after(async () => {
    await gw?.stop();
    await mock?.close();
  });

  test('a served model other than the one asked for counts as a fallback; latency is kept per served model', async () => {
    const sc = scenario(gw.url, constantRate(30, 3000), [
      chat({ name: 'mini', model: 'gpt-4o-mini', weight: 1 }),
      chat({ name: 'big', model: 'gpt-4o', weight: 1 }),
    ]);
    const { summary } = await run(sc);
    const r = summary.routing!;
    const served = r.byModel;
    assert.ok(served['claude-fallback']?.count > 0, JSON.stringify(served));
    assert.ok(
      Object.keys(served).some((m) => m.startsWith('gpt-4o-mini')),
      JSON.stringify(served),
    );
    assert.equal(r.fallbacks.count, served['claude-fallback'].count);
    assert.equal(r.fallbacks.fromModel, r.fallbacks.count);
    assert.equal(r.fallbacks.fromHeader, 0, 'x-litellm-attempted-fallbacks: 0 is no fallback');
    assert.ok(served['claude-fallback'].p50 > 0 && served['claude-fallback'].ttftP50 !== null);
    assert.equal(summary.metrics.gateway_fallbacks?.count, r.fallbacks.count);
  });
});
