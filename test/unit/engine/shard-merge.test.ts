// Merging shared runs: two workers' windows, encoded as they travel between threads and added,
// give exactly what one recorder fed every sample gives (percentiles of the union, never averages).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { initHistograms } from '../../../src/engine/histogram';
import { Recorder } from '../../../src/engine/recorder';
import { encodeTrends } from '../../../src/engine/shard-window';
import { WindowMerger } from '../../../src/engine/shard-merge';
import { evenShare, ownsArrival, shardOptions, shardScenario } from '../../../src/engine/shard-executors';
import { resolveWorkerCount, singleWorkerReason } from '../../../src/scenario/validate-workers';
import type { ShardWindowMessage, Window } from '../../../src/protocol';
import type { Scenario } from '../../../src/scenario/model';
import { seededRandom } from '../../../src/dialects/token-prompts';

before(async () => {
  await initHistograms();
});

/** One worker's window as the engine posts it (structured-cloned, as postMessage does). */
function shardWindow(rec: Recorder, index: number): ShardWindowMessage {
  const hists = encodeTrends(rec.winTrends);
  const r = rec.rollWindow();
  const w = { index, tMs: (index + 1) * 1000, planned: 10, vus: 1, active: 0, elu: 0.1, slo: undefined } as Window;
  return structuredClone({
    type: 'shard-window',
    window: w,
    counters: { ...r.counters },
    hists,
    checksPassed: rec.checksPassed,
    checksFailed: rec.checksFailed,
  }) as ShardWindowMessage;
}

test('merged windows equal a single recorder fed the same samples: every percentile, count, min, max, avg', () => {
  const rand = seededRandom(3);
  const one = new Recorder();
  const a = new Recorder();
  const b = new Recorder();
  const merger = new WindowMerger(2, false);
  for (let second = 0; second < 3; second++) {
    for (let i = 0; i < 5000; i++) {
      // A skewed mix: worker b sees the slow tail, so averaging the two p99s would be far off.
      const slow = i % 50 === 0;
      const ms = slow ? 200 + rand() * 800 : 1 + rand() * 20;
      const into = slow ? b : a;
      const late = rand() * 3;
      for (const r of [one, into]) {
        r.arrival(0);
        r.trend('http_req_duration', ms);
        r.trend('lateness', late);
        r.complete(i % 97 === 0 ? 'http_5xx' : null);
        r.status(i % 97 === 0 ? 500 : 200);
        r.tokens(3, 7);
      }
    }
    const single = one.rollWindow();
    const merged = merger.merge([
      { worker: 0, msg: shardWindow(a, second) },
      { worker: 1, msg: shardWindow(b, second) },
    ]);
    assert.deepEqual(merged.duration, single.duration, `second ${second}: duration stats`);
    assert.equal(merged.latenessP99Ms, Math.round(single.latenessP99Ms * 1000) / 1000);
    assert.equal(merged.started, single.counters.started);
    assert.equal(merged.completed, single.counters.completed);
    assert.equal(merged.failed, single.counters.failed);
    assert.deepEqual(merged.errors, single.counters.errors);
    assert.deepEqual(merged.statusCodes, { ...single.counters.statusCodes });
    assert.equal(merged.outputTokens, single.counters.outputTokens);
  }
  assert.deepEqual(merger.rec.trendStats('http_req_duration'), one.trendStats('http_req_duration'), 'cumulative');
  assert.equal(merger.rec.total.completed, one.total.completed);
  assert.equal(merger.rec.latenessP99(), one.latenessP99());
  for (const r of [one, a, b]) r.destroy();
  merger.destroy();
});

test('failure reasons get run-wide ids: the same reason from two workers is one id, counted together', () => {
  const merger = new WindowMerger(2, false);
  const reason = (id: number, message: string) => ({
    id,
    class: 'http_5xx' as const,
    code: null,
    status: 500,
    message,
    body: null,
    count: 1,
    firstAtMs: 0,
    lastAtMs: 0,
  });
  const msg = (w: Partial<Window>): ShardWindowMessage => ({
    type: 'shard-window',
    window: { index: 0, tMs: 1000, planned: 1, vus: 0, active: 0, elu: 0, ...w } as Window,
    counters: {},
    hists: {},
    checksPassed: 0,
    checksFailed: 0,
  });
  const w = merger.merge([
    { worker: 0, msg: msg({ reasons: { 1: 3, 2: 1 }, newReasons: [reason(1, 'boom'), reason(2, 'bang')] }) },
    { worker: 1, msg: msg({ reasons: { 1: 4 }, newReasons: [reason(1, 'bang')] }) },
  ]);
  assert.deepEqual(w.reasons, { 1: 3, 2: 5 });
  assert.deepEqual(
    w.newReasons?.map((r) => [r.id, r.message]),
    [
      [1, 'boom'],
      [2, 'bang'],
    ],
  );
  merger.destroy();
});

test('shares: arrivals interleaved by index, VUs and connections split evenly with the remainder first', () => {
  assert.deepEqual(
    [0, 1, 2].map((k) => evenShare(10, k, 3)),
    [4, 3, 3],
  );
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5].filter((i) => ownsArrival(i, { index: 1, count: 2 })),
    [1, 3, 5],
  );
  const sc = {
    load: {
      kind: 'closed',
      arrivals: 'uniform',
      stages: [
        { durationMs: 1000, target: 5, label: '5' },
        { durationMs: 1000, target: 2, label: '2' },
      ],
    },
    target: { maxConnections: 7 },
    thresholds: [],
  } as unknown as Scenario;
  const shares = [0, 1].map((index) => shardScenario(sc, { index, count: 2 }, 1));
  assert.deepEqual(
    shares.map((s) => s.load.stages.map((st) => st.target)),
    [
      [3, 1],
      [2, 1],
    ],
  );
  assert.deepEqual(
    shares.map((s) => s.target.maxConnections),
    [4, 3],
  );
  const open = { ...sc, load: { ...sc.load, kind: 'open', arrivals: 'poisson' } } as Scenario;
  assert.equal(shardScenario(open, { index: 1, count: 2 }, 99).load.seed, 99, 'one seed for every worker');
  assert.equal(
    shardOptions({ runId: 'r', env: {}, dotenv: {}, secrets: {}, maxConnections: 5 }, { index: 1, count: 2 })
      .maxConnections,
    2,
  );
});

test('workers: auto is availableParallelism − 1 (at least 1); sweeps, traces and tag-filtered thresholds run on one', () => {
  assert.equal(resolveWorkerCount('auto', 16), 15);
  assert.equal(resolveWorkerCount('auto', 1), 1);
  assert.equal(resolveWorkerCount(undefined, 16), 1);
  assert.equal(resolveWorkerCount(3, 2), 3);
  const base = { load: {}, thresholds: [], target: {}, requests: [{}] } as unknown as Scenario;
  assert.equal(singleWorkerReason(base), null);
  assert.match(singleWorkerReason({ ...base, load: { sweep: {} } } as Scenario) ?? '', /sweep/);
  assert.match(singleWorkerReason({ ...base, load: { trace: {} } } as Scenario) ?? '', /trace/);
  assert.match(singleWorkerReason({ ...base, thresholds: [{ tag: {} }] } as unknown as Scenario) ?? '', /tag-filtered/);
  const one = (patch: object) => singleWorkerReason({ ...base, ...patch } as unknown as Scenario) ?? '';
  assert.match(one({ target: { direct: 'http://127.0.0.1:1' } }), /target\.direct/);
  assert.match(one({ requests: [{ conversation: { turns: 2 } }] }), /conversations/);
  assert.match(one({ requests: [{ prompt: { kind: 'dataset' } }] }), /datasets/);
  assert.match(one({ requests: [{ promptRepeat: { share: 0.3, recent: 10 } }] }), /prompt\.repeat/);
  assert.match(one({ thresholds: [{ metric: 'cache_hit_ratio' }] }), /cache/);
  assert.match(one({ thresholds: [{ metric: 'server_timing_gw' }] }), /gateway-header/);
  assert.match(one({ thresholds: [{ metric: 'kong_proxy_latency' }] }), /gateway-header/);
  assert.match(
    one({ gatewayHeaders: { 'x-gw': { metric: 'my_gw_ms', unit: 'ms' } }, thresholds: [{ metric: 'my_gw_ms' }] }),
    /gateway-header/,
  );
  assert.equal(one({ thresholds: [{ metric: 'http_req_duration' }] }), '');
});
