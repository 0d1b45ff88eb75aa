// Cache-status headers as each vendor documents them, the run's cache accounts, and which streams ask for usage.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CacheRecorder, cacheStatusOf, cacheVerdict } from '../../../src/engine/cache-stats';
import { asksUsage } from '../../../src/engine/stream-stats';
import type { RequestSpec } from '../../../src/scenario/model';
import { chat } from '../../integration/engine/scenario-fixtures';
import { summaryFromWindows } from '../../../src/run/summary-from-windows';
import { makeWindows } from '../report/fixture';

const raw = (...kv: string[]): Buffer[] => kv.map((s) => Buffer.from(s, 'latin1'));

describe('cache-status headers', () => {
  test('each vendor’s words: hit, miss, or neither', () => {
    const cases: Array<[string, string, 1 | 0 | -1]> = [
      ['x-cache', 'HIT', 1],
      ['x-cache', 'MISS', 0],
      ['x-cache', 'MISS, HIT', 1], // a CDN chain: any entry but MISS is a hit (Fastly)
      ['x-cache', 'Hit from cloudfront', 1],
      ['x-portkey-cache-status', 'SEMANTIC HIT', 1],
      ['x-portkey-cache-status', 'SEMANTIC MISS', 0],
      ['x-portkey-cache-status', 'REFRESH', 0],
      ['x-portkey-cache-status', 'DISABLED', -1],
      ['cf-aig-cache-status', 'HIT', 1],
      ['helicone-cache', 'MISS', 0],
      ['cache-status', 'ExampleCache; hit', 1],
      ['cache-status', 'ExampleCache; fwd=uri-miss', 0],
      ['cache-status', 'ExampleCache', -1],
    ];
    for (const [name, value, want] of cases) assert.equal(cacheVerdict(name, value), want, `${name}: ${value}`);
  });

  test('headers are found by name in any case; a vendor header wins over x-cache', () => {
    assert.deepEqual(cacheStatusOf(raw('Content-Type', 'text/event-stream', 'X-Cache', 'HIT')), {
      verdict: 1,
      header: 'x-cache',
    });
    assert.deepEqual(cacheStatusOf(raw('x-portkey-cache-status', 'MISS', 'x-cache', 'HIT')), {
      verdict: 0,
      header: 'x-portkey-cache-status',
    });
    assert.equal(cacheStatusOf(raw('content-type', 'application/json', 'x-request-id', 'abc')), null);
  });

  test('the recorder splits latency and TTFT by side and keeps the window counts apart', () => {
    const c = new CacheRecorder();
    try {
      c.answer(1, 'x-cache', true, 5, 2);
      c.answer(0, 'x-cache', true, 100, 50);
      c.answer(0, 'x-cache', false, 30, null); // a failed miss: counted, not timed
      c.answer(-1, 'x-portkey-cache-status', true, 10, null); // DISABLED: neither side
      assert.deepEqual(c.rollWindow(), { hits: 1, misses: 2 });
      assert.deepEqual(c.rollWindow(), { hits: 0, misses: 0 });
      const s = c.summary(4)!;
      assert.equal(s.hitRatio, 0.3333);
      assert.deepEqual(s.headers, ['x-cache', 'x-portkey-cache-status']);
      assert.equal(s.hit.duration!.count, 1);
      assert.equal(s.miss.duration!.count, 1);
      assert.equal(s.miss.ttft!.p50, 50);
      assert.equal(s.repeatShare, null, 'no prompt.repeat: no share');
    } finally {
      c.destroy();
    }
  });
});

describe('stream usage contract', () => {
  test('the OpenAI dialects ask for usage unless the scenario body removes or turns it off', () => {
    const spec = (body?: unknown, api = 'openai-chat') => ({ ...chat({ body }), api }) as RequestSpec;
    assert.equal(asksUsage(spec()), true);
    assert.equal(asksUsage(spec({ stream_options: {} })), true, 'merged over the dialect’s include_usage: true');
    assert.equal(asksUsage(spec({ stream_options: null })), false);
    assert.equal(asksUsage(spec({ stream_options: { include_usage: false } })), false);
    assert.equal(asksUsage(spec(undefined, 'anthropic-messages')), false);
    assert.equal(asksUsage({ ...spec(), stream: false }), false);
  });
});

describe('a crashed run keeps its cache counts', () => {
  test('the hits and misses of the windows survive in the summary rebuilt from them', () => {
    const ws = makeWindows(3);
    ws[0].cache = { hits: 2, misses: 8 };
    ws[2].cache = { hits: 4, misses: 6 };
    const facts = {
      scenario: { name: 'x', load: { executor: 'constant-arrival-rate' } } as never,
      runId: 'r',
      startedAt: '2026-01-01T00:00:00Z',
      status: 'failed' as const,
      reason: 'crash',
      plannedDurationMs: 3000,
    };
    const s = summaryFromWindows(ws, facts);
    assert.equal(s.cache?.hits, 6);
    assert.equal(s.cache?.hitRatio, 0.3);
    assert.equal(s.cache?.hit.duration, null);
    assert.equal(summaryFromWindows(makeWindows(2), facts).cache, undefined);
  });
});
