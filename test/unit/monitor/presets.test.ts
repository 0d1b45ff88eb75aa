// Preset series computed from two scrapes of real-shaped exposition text, by hand-checked arithmetic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import protobuf from 'protobufjs';
import { uncompress } from 'snappyjs';
import { parseExposition } from '../../../src/monitor/exposition';
import { customSeries, presetSeries } from '../../../src/monitor/presets';
import { evaluateMonitorThresholds, summarizeSeries } from '../../../src/monitor/summarize';
import { encodeWriteRequest } from '../../../src/outputs/prometheus-rw';
import { newTotals, windowSeries } from '../../../src/outputs/remote-write-series';
import type { Window } from '../../../src/protocol';

const node = (
  idle0: number,
  user0: number,
  rx: number,
  mem: number,
) => `# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.
# TYPE node_cpu_seconds_total counter
node_cpu_seconds_total{cpu="0",mode="idle"} ${idle0}
node_cpu_seconds_total{cpu="0",mode="user"} ${user0}
node_cpu_seconds_total{cpu="0",mode="system"} 10
node_cpu_seconds_total{cpu="1",mode="idle"} ${idle0}
node_cpu_seconds_total{cpu="1",mode="user"} ${user0}
node_cpu_seconds_total{cpu="1",mode="system"} 10
# TYPE node_memory_MemTotal_bytes gauge
node_memory_MemTotal_bytes 8e+09
# TYPE node_memory_MemAvailable_bytes gauge
node_memory_MemAvailable_bytes ${mem}
# TYPE node_network_receive_bytes_total counter
node_network_receive_bytes_total{device="eth0"} ${rx}
node_network_receive_bytes_total{device="lo"} ${rx * 100}
# TYPE node_load1 gauge
node_load1 1.5
`;

test('node preset: CPU busy and by mode, memory used, network without loopback, load', () => {
  const a = parseExposition(node(100, 50, 1000, 6e9), 0);
  // 2 s later: each CPU 0.5 s idle and 1.5 s user → 75% busy, 75% user.
  const b = parseExposition(node(100.5, 51.5, 5000, 5e9), 2000);
  const by = Object.fromEntries(presetSeries('node').map((d) => [d.as, d.compute(a, b)]));
  assert.equal(by.cpu_busy, 75);
  assert.equal(by.cpu_user, 75);
  assert.equal(by.cpu_system, 0);
  assert.equal(by.memory_used, 3e9);
  assert.equal(by.network_rx, 2000, 'eth0 only: (5000 − 1000) / 2 s');
  assert.equal(by.load1, 1.5);
  assert.equal(
    presetSeries('node')
      .find((d) => d.as === 'cpu_busy')!
      .compute(null, b),
    null,
    'no rate from one scrape',
  );
});

test('counter resets and histogram means', () => {
  const text = (count: number, sum: number, reqs: number) => `# TYPE kong_request_latency_ms histogram
kong_request_latency_ms_bucket{le="100"} ${count}
kong_request_latency_ms_bucket{le="+Inf"} ${count}
kong_request_latency_ms_sum ${sum}
kong_request_latency_ms_count ${count}
# TYPE kong_http_requests_total counter
kong_http_requests_total{code="200"} ${reqs}
kong_http_requests_total{code="503"} 7
`;
  const a = parseExposition(text(10, 200, 100), 0);
  const b = parseExposition(text(30, 800, 300), 1000);
  const by = Object.fromEntries(presetSeries('kong').map((d) => [d.as, d.compute(a, b)]));
  assert.equal(by.latency, 30, '(800 − 200) / (30 − 10)');
  assert.equal(by.requests, 200);
  assert.equal(by.errors_5xx, 0);
  const reset = parseExposition(text(1, 5, 3), 2000);
  assert.equal(
    presetSeries('kong')
      .find((d) => d.as === 'requests')!
      .compute(b, reset),
    null,
    'a counter that went down is a reset, not a negative rate',
  );
  const custom = customSeries({ metric: 'kong_http_requests_total', labels: { code: '200' }, as: 'ok' });
  assert.equal(custom.compute(a, b), 200, 'a TYPE counter becomes a rate');
});

test('summaries and thresholds over windows with gaps', () => {
  const ws = [10, null, 30, 20].map(
    (v, i) => ({ index: i, tMs: (i + 1) * 1000, monitor: { 'node.cpu_busy': v } }) as unknown as Window,
  );
  const s = summarizeSeries(ws, [{ key: 'node.cpu_busy', source: 'node', unit: '%', group: 'node cpu' }])[
    'node.cpu_busy'
  ];
  assert.deepEqual(s, {
    unit: '%',
    group: 'node cpu',
    samples: 3,
    gaps: 1,
    min: 10,
    avg: 20,
    max: 30,
    p95: 30,
    last: 20,
  });
  const states = evaluateMonitorThresholds(
    [
      {
        metric: 'monitor.node.cpu_busy',
        expression: 'max < 25',
        stat: 'max',
        op: '<',
        value: 25,
        abortOnFail: false,
        delayAbortEvalMs: 0,
      },
      {
        metric: 'monitor.node.cpu_busy',
        expression: 'avg < 25',
        stat: 'avg',
        op: '<',
        value: 25,
        abortOnFail: false,
        delayAbortEvalMs: 0,
      },
      {
        metric: 'monitor.gw.x',
        expression: 'max < 1',
        stat: 'max',
        op: '<',
        value: 1,
        abortOnFail: false,
        delayAbortEvalMs: 0,
      },
    ],
    ws,
  );
  assert.deepEqual(
    states.map((t) => [t.ok, t.value]),
    [
      [false, 30],
      [true, 20],
      [true, null],
    ],
  );
});

test('remote write: the body decodes to k6-style series with cumulative counters', () => {
  const w = (i: number): Window =>
    ({
      index: i,
      tMs: (i + 1) * 1000,
      completed: 10,
      failed: 1,
      started: 11,
      dropped: 0,
      outputTokens: 50,
      errors: { http_5xx: 1 },
      duration: { count: 10, avg: 20, min: 1, max: 90, p50: 15, p90: 40, p95: 60, p99: 90, p999: 90 },
      ttft: null,
      itl: null,
      vus: 3,
      active: 2,
      latenessP99Ms: 1.5,
      elu: 0.2,
      monitor: { 'node.cpu_busy': 42 },
    }) as unknown as Window;
  const totals = newTotals();
  windowSeries(w(0), totals, { scenario: 's', run_id: 'r' }, 1000);
  const body = encodeWriteRequest(windowSeries(w(1), totals, { scenario: 's', run_id: 'r' }, 2000));
  const root = protobuf.Root.fromJSON({
    nested: {
      WriteRequest: { fields: { timeseries: { rule: 'repeated', type: 'TS', id: 1 } } },
      TS: {
        fields: { labels: { rule: 'repeated', type: 'L', id: 1 }, samples: { rule: 'repeated', type: 'S', id: 2 } },
      },
      L: { fields: { name: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
      S: { fields: { value: { type: 'double', id: 1 }, timestamp: { type: 'int64', id: 2 } } },
    },
  });
  const decoded = root
    .lookupType('WriteRequest')
    .toObject(root.lookupType('WriteRequest').decode(uncompress(body)), { longs: Number }) as {
    timeseries: Array<{
      labels: Array<{ name: string; value: string }>;
      samples: Array<{ value: number; timestamp: number }>;
    }>;
  };
  const find = (name: string, extra: Record<string, string> = {}) =>
    decoded.timeseries.find(
      (t) =>
        t.labels.some((l) => l.name === '__name__' && l.value === name) &&
        Object.entries(extra).every(([k, v]) => t.labels.some((l) => l.name === k && l.value === v)),
    );
  assert.deepEqual(find('gateway_load_http_reqs_total')?.samples, [{ value: 20, timestamp: 2000 }]);
  assert.equal(find('gateway_load_http_req_duration_seconds', { quantile: '0.95' })?.samples[0].value, 0.06);
  assert.equal(find('gateway_load_errors_total', { class: 'http_5xx' })?.samples[0].value, 2);
  assert.equal(find('gateway_load_monitor_value', { source: 'node', series: 'cpu_busy' })?.samples[0].value, 42);
  for (const t of decoded.timeseries) {
    const names = t.labels.map((l) => l.name);
    assert.deepEqual(names, [...names].sort(), 'labels sorted, as remote write requires');
    assert.ok(names.includes('run_id') && names.includes('scenario'));
  }
});
