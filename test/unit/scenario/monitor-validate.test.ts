// `monitor:`, `outputs:` and thresholds on monitored series: each mistake at its exact range.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario } from '../../../src/scenario/parse';

const HEAD = `name: m
target: { baseUrl: http://127.0.0.1:8790 }
load: { executor: constant-vus, vus: 1, duration: 2s }
requests: [ { api: openai-chat, model: m, prompt: hi } ]
`;

function diags(tail: string): Array<[number, number, number, string]> {
  return parseScenario(HEAD + tail).diagnostics.map((d) => [
    d.range.start.line,
    d.range.start.character,
    d.range.end.character,
    d.code ?? '',
  ]);
}

test('a valid monitor and outputs block parses into the model', () => {
  const r = parseScenario(`${HEAD}monitor:
  interval: 2s
  prometheus:
    - { url: http://127.0.0.1:9100/metrics, preset: node }
    - url: http://127.0.0.1:4000/metrics
      name: gw
      headers: { Authorization: "Bearer \${env:METRICS_KEY:-x}" }
      series: [ { metric: "vllm:num_requests_running", as: running, kind: gauge } ]
  process: { pid: 42 }
outputs: [ { type: prometheus-rw, url: http://127.0.0.1:9090/api/v1/write } ]
thresholds:
  monitor.node.cpu_busy: [ "max < 85" ]
  monitor.gw.running: "p(95) < 10"
  http_req_duration: [ "p(95) < 500" ]
`);
  assert.deepEqual(r.diagnostics, []);
  const s = r.scenario!;
  assert.equal(s.monitor!.intervalMs, 2000);
  assert.deepEqual(
    s.monitor!.prometheus.map((p) => p.name),
    ['node', 'gw'],
  );
  assert.deepEqual(s.monitor!.process, { name: 'process', pid: 42 });
  assert.deepEqual(
    s.monitor!.thresholds.map((t) => t.metric),
    ['monitor.node.cpu_busy', 'monitor.gw.running'],
  );
  assert.deepEqual(
    s.thresholds.map((t) => t.metric),
    ['http_req_duration'],
    'the engine sees only its own thresholds',
  );
  assert.deepEqual(s.outputs, [{ type: 'prometheus-rw', url: 'http://127.0.0.1:9090/api/v1/write', headers: {} }]);
});

test('mistakes in monitor: each at its range', () => {
  assert.deepEqual(
    diags(`monitor:
  prometheus:
    - { url: ftp://x, preset: nodes }
    - { url: http://127.0.0.1:1/metrics }
  interval: 10ms
  process: {}
`),
    [
      [6, 13, 20, 'bad-url'],
      [6, 30, 35, 'bad-value'],
      [7, 6, 41, 'missing-key'],
      [8, 12, 16, 'out-of-range'],
      [9, 2, 9, 'missing-key'],
    ],
  );
});

test('a threshold on an undeclared monitor source names the declared ones', () => {
  const r = parseScenario(`${HEAD}monitor: { prometheus: [ { url: http://127.0.0.1:9100/metrics, preset: node } ] }
thresholds:
  monitor.gpu.util: [ "max < 90" ]
`);
  assert.equal(r.diagnostics.length, 1);
  assert.deepEqual(r.diagnostics[0].range, { start: { line: 6, character: 2 }, end: { line: 6, character: 18 } });
  assert.match(r.diagnostics[0].message, /Sources: node, generator/);
});

test('outputs need a known type and a URL', () => {
  assert.deepEqual(
    diags(`outputs:
  - { type: statsd, url: http://127.0.0.1:1 }
  - { type: prometheus-rw }
`),
    [
      [5, 12, 18, 'bad-value'],
      [6, 4, 27, 'missing-key'],
    ],
  );
});
