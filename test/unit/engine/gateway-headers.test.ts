// Header metrics: the Server-Timing grammar, the built-in names read from undici's raw header
// array whatever their case, custom headers in seconds, categories, and what is left out.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseServerTiming, serverTimingMetric } from '../../../src/shared/gateway-headers';
import { GatewayHeaders } from '../../../src/engine/gateway-headers';
import { initHistograms } from '../../../src/engine/histogram';
import { sameModel } from '../../../src/engine/routing';

function timings(v: string): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  parseServerTiming(v, (n, ms) => out.push([n, ms]));
  return out;
}

const raw = (...pairs: string[]): Buffer[] => pairs.map((p) => Buffer.from(p, 'latin1'));

describe('Server-Timing grammar', () => {
  test('name;dur=…;desc="…", several entries, spaces', () => {
    assert.deepEqual(timings('name;dur=1.2;desc="x"'), [['name', 1.2]]);
    assert.deepEqual(timings('db;dur=53, app;dur=47.2'), [
      ['db', 53],
      ['app', 47.2],
    ]);
    assert.deepEqual(timings('cache;desc="Cache Read";dur=23.2'), [['cache', 23.2]]);
    assert.deepEqual(timings(' gw ; dur = 2.5 ,upstream;dur=10'), [
      ['gw', 2.5],
      ['upstream', 10],
    ]);
  });

  test('a quoted desc may hold commas, semicolons and escaped quotes', () => {
    assert.deepEqual(timings('a;desc="x, y; \\"z\\"";dur=3, b;dur=4'), [
      ['a', 3],
      ['b', 4],
    ]);
  });

  test('entries without a valid dur are skipped; the first dur wins', () => {
    assert.deepEqual(timings('missedCache'), []);
    assert.deepEqual(timings('x;dur=abc, y;dur=, z;dur=-1, w;dur=1;dur=9'), [['w', 1]]);
    assert.deepEqual(timings(''), []);
    assert.deepEqual(timings(',,;;'), []);
  });

  test('entry names become metric names', () => {
    assert.equal(serverTimingMetric('gw'), 'server_timing_gw');
    assert.equal(serverTimingMetric('Edge-Cache.Read'), 'server_timing_edge_cache_read');
    assert.equal(serverTimingMetric('---'), 'server_timing_unnamed');
  });
});

describe('GatewayHeaders reader', () => {
  test('built-in headers in any case, custom ones, seconds to ms, categories', async () => {
    await initHistograms();
    const g = new GatewayHeaders({
      'x-my-gw-s': { metric: 'my_gw', unit: 's' },
      'x-score': { metric: 'score', unit: 'number' },
    });
    g.read(
      raw(
        'Content-Type',
        'application/json',
        'Server-Timing',
        'gw;dur=2.5, db;dur=1',
        'X-Kong-Proxy-Latency',
        '3',
        'x-envoy-upstream-service-time',
        '41',
        'X-Litellm-Attempted-Fallbacks',
        '2',
        'x-portkey-cache-status',
        'SEMANTIC HIT',
        'x-my-gw-s',
        '0.25',
        'x-score',
        ' 7 ',
        'x-kong-upstream-latency',
        'n/a',
      ),
    );
    assert.equal(g.lastFallbacks, 2);
    g.read(raw('x-portkey-cache-status', 'MISS', 'server-timing', 'gw;dur=3.5'));
    assert.equal(g.lastFallbacks, -1, 'reset per answer');
    const s = g.summary()!;
    assert.equal(s.server_timing_gw.count, 2);
    assert.equal(s.server_timing_gw.max, 3.5);
    assert.equal(s.server_timing_db.p50, 1);
    assert.equal(s.kong_proxy_latency.p50, 3);
    assert.equal(s.envoy_upstream_service_time.header, 'x-envoy-upstream-service-time');
    assert.equal(s.litellm_attempted_fallbacks.sum, 2);
    assert.deepEqual(s.portkey_cache_status.values, { 'SEMANTIC HIT': 1, MISS: 1 });
    assert.equal(s.my_gw.p50, 250);
    assert.equal(s.my_gw.unit, 'ms');
    assert.equal(s.score.p50, 7);
    assert.equal(s.kong_upstream_latency, undefined, 'a value that is not a number is not recorded');
    assert.deepEqual(g.rollWindow(), {
      server_timing_gw: 3,
      server_timing_db: 1,
      kong_proxy_latency: 3,
      envoy_upstream_service_time: 41,
      litellm_attempted_fallbacks: 2,
      my_gw: 250,
      score: 7,
    });
    assert.equal(g.rollWindow(), undefined, 'a window without header metrics says nothing');
    g.destroy();
  });

  test('server-timing entries and category values are bounded', async () => {
    await initHistograms();
    const g = new GatewayHeaders();
    for (let i = 0; i < 40; i++) g.read(raw('server-timing', `e${i};dur=1`, 'cf-aig-cache-status', `V${i}`));
    const s = g.summary()!;
    assert.equal(Object.keys(s).filter((k) => k.startsWith('server_timing_')).length, 16);
    const values = s.cf_aig_cache_status.values!;
    assert.equal(Object.keys(values).length, 21);
    assert.equal(values['(other)'], 20);
    g.destroy();
  });
});

describe('served model against requested', () => {
  test('a dated snapshot or a provider prefix is the same model; another model is a fallback', () => {
    assert.ok(sameModel('gpt-4o-mini', 'gpt-4o-mini-2024-07-18'));
    assert.ok(sameModel('gpt-4o-mini', 'openai/gpt-4o-mini'));
    assert.ok(sameModel('GPT-4o', 'gpt-4o'));
    assert.ok(!sameModel('gpt-4o', 'claude-3-5-sonnet'));
    assert.ok(!sameModel('gpt-4o-mini', 'gpt-4o'));
  });
});
