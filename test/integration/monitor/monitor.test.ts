// `monitor:` and `outputs:` against real peers: Debian's prometheus-node-exporter is scraped during
// a run, and the run's metrics are pushed by remote write into a real Prometheus and read back
// through its HTTP API. A scrape target that dies mid-run leaves a complete run with the gap counted.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMock, type MockServer } from '../../../src/mock/index';
import { cli, ensureBuilt } from '../../support/cli-runs';
import { startNodeExporter, startPrometheus, type Peer } from '../../support/peers';
import type { Summary, Window } from '../../../src/protocol';

let mock: MockServer;
let dir: string;

before(async () => {
  ensureBuilt();
  mock = await startMock({ port: 0, ttftMs: 5, tokensPerSecond: 500, outputTokens: 5 });
  dir = mkdtempSync(join(tmpdir(), 'gl-monitor-'));
});
after(async () => {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

function scenario(name: string, extra: string, duration = '4s'): string {
  const file = join(dir, `${name}.load.yaml`);
  writeFileSync(
    file,
    `name: ${name}
target: { baseUrl: ${mock.url} }
load: { executor: constant-arrival-rate, rate: 20/s, duration: ${duration}, gracefulStop: 1s }
requests:
  - { name: chat, api: openai-chat, model: gpt-4o-mini, prompt: Hello }
${extra}`,
  );
  return file;
}

function results(out: string): { summary: Summary; windows: Window[] } {
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
  const windows = readFileSync(join(out, 'windows.ndjson'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Window);
  return { summary, windows };
}

describe('monitor: node_exporter beside the load', () => {
  let exporter: Peer;
  before(async () => {
    exporter = await startNodeExporter();
  });
  after(async () => {
    await exporter.stop();
  });

  test('CPU and memory series with one sample a second, in windows.ndjson and summary.json', async () => {
    const file = scenario(
      'node',
      `monitor:
  prometheus:
    - { url: ${exporter.url}/metrics, preset: node }
  process: { command: "prometheus-node-exporter --web.listen-address=127.0.0.1:${exporter.port}", name: exporter }
thresholds:
  monitor.node.memory_used: [ "max > 0" ]
  monitor.generator.rss: [ "max > 1000000" ]
`,
    );
    const out = join(dir, 'node-run');
    const r = await cli(['run', file, '--out', out, '--quiet']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const { summary, windows } = results(out);
    const cpu = summary.monitor?.series['node.cpu_busy'];
    const mem = summary.monitor?.series['node.memory_used'];
    assert.ok(cpu && mem, `no node series in ${JSON.stringify(summary.monitor)}`);
    assert.equal(cpu.unit, '%');
    assert.equal(mem.unit, 'bytes');
    // One sample per window: the first CPU sample has no previous scrape to make a rate from.
    assert.ok(windows.length >= 4, `${windows.length} windows`);
    assert.ok(mem.samples >= windows.length - 1, `memory samples ${mem.samples} of ${windows.length} windows`);
    assert.ok(cpu.samples >= windows.length - 2, `cpu samples ${cpu.samples} of ${windows.length} windows`);
    assert.ok(cpu.max! > 0 && cpu.max! <= 100, `cpu max ${cpu.max}`);
    assert.ok(mem.min! > 1e6, `memory used ${mem.min}`);
    assert.ok(
      windows.slice(1).every((w) => typeof w.monitor?.['node.memory_used'] === 'number'),
      'every window after the first carries node.memory_used',
    );
    assert.ok(summary.monitor!.sources.node.ok >= windows.length - 1);
    assert.equal(summary.monitor!.sources.node.failed, 0);
    const rss = summary.monitor!.series['exporter.rss'];
    assert.ok(
      rss.samples >= windows.length - 1 && rss.min! > 1e6,
      `node_exporter's RSS sampled: ${JSON.stringify(rss)}`,
    );
    assert.equal(summary.monitor!.sources.exporter.failed, 0);
    const gen = summary.monitor!.series['generator.cpu'];
    assert.equal(gen.samples, windows.length);
    assert.deepEqual(
      summary.thresholds.filter((t) => t.metric.startsWith('monitor.')).map((t) => [t.metric, t.ok]),
      [
        ['monitor.node.memory_used', true],
        ['monitor.generator.rss', true],
      ],
    );
    assert.match(r.stdout, /monitor/);
  });
});

test('a threshold on a monitored series fails the run: exit 1, and the verdict in summary.json', async () => {
  const file = scenario(
    'alert',
    `thresholds:
  monitor.generator.rss: [ "max < 1000" ]
`,
    '2s',
  );
  const out = join(dir, 'alert-run');
  const r = await cli(['run', file, '--out', out, '--quiet']);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const { summary } = results(out);
  const t = summary.thresholds.find((x) => x.metric === 'monitor.generator.rss');
  assert.ok(t && !t.ok && t.value! > 1000, JSON.stringify(summary.thresholds));
});

test('a scrape target that dies mid-run: the run completes, the gap is counted', async () => {
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits++;
    res.setHeader('content-type', 'text/plain; version=0.0.4');
    res.end(`# TYPE gw_requests_total counter\ngw_requests_total ${hits * 10}\n# TYPE gw_queue gauge\ngw_queue 3\n`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  setTimeout(() => {
    server.closeAllConnections();
    server.close();
  }, 2200);
  const file = scenario(
    'dies',
    `monitor:
  prometheus:
    - url: http://127.0.0.1:${port}/metrics
      name: gw
      series: [ { metric: gw_requests_total, as: requests }, { metric: gw_queue, as: queue } ]
`,
    '5s',
  );
  const out = join(dir, 'dies-run');
  const r = await cli(['run', file, '--out', out, '--quiet']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const { summary, windows } = results(out);
  assert.equal(summary.status, 'completed');
  const src = summary.monitor!.sources.gw;
  assert.ok(src.ok >= 1 && src.failed >= 1, JSON.stringify(src));
  assert.match(src.lastError ?? '', /ECONNREFUSED|no answer|socket/i);
  const queue = summary.monitor!.series['gw.queue'];
  assert.equal(queue.max, 3);
  assert.ok(queue.gaps >= 2, `gaps ${queue.gaps} of ${windows.length}`);
  // A counter becomes a rate: 10 per scrape at one scrape a second.
  const reqs = summary.monitor!.series['gw.requests'];
  assert.ok(reqs.avg! > 5 && reqs.avg! < 20, `rate ${reqs.avg}`);
  assert.match(r.stderr + r.stdout, /monitor: sampling gw failed/);
});

describe('outputs: Prometheus remote write into a real Prometheus', () => {
  let prom: Peer;
  before(async () => {
    prom = await startPrometheus();
  });
  after(async () => {
    await prom.stop();
  });

  test("gateway_load_http_reqs_total for the run_id equals the run's count", async () => {
    const file = scenario('rw', '', '3s');
    const out = join(dir, 'rw-run');
    const r = await cli(['run', file, '--out', out, '--quiet', '--output', `prometheus-rw=${prom.url}/api/v1/write`]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const { summary } = results(out);
    const stats = summary.monitor?.outputs?.['prometheus-rw#1'];
    assert.ok(stats && stats.sent >= 3 && stats.failed === 0 && stats.dropped === 0, JSON.stringify(stats));
    const q = encodeURIComponent(`gateway_load_http_reqs_total{run_id="${summary.runId}"}`);
    const res = await fetch(`${prom.url}/api/v1/query?query=${q}&time=${Date.now() / 1000}`);
    const body = (await res.json()) as {
      data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
    };
    assert.equal(body.data.result.length, 1, JSON.stringify(body));
    assert.equal(Number(body.data.result[0].value[1]), summary.requests.sent);
    assert.equal(body.data.result[0].metric.scenario, 'rw');
    const p95 = await fetch(
      `${prom.url}/api/v1/query?query=${encodeURIComponent(`gateway_load_http_req_duration_seconds{run_id="${summary.runId}",quantile="0.95"}`)}`,
    );
    const p95Body = (await p95.json()) as { data: { result: unknown[] } };
    assert.equal(p95Body.data.result.length, 1);
  });
});
