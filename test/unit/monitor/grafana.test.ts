// The example Grafana dashboard queries only series the remote-write output really sends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newTotals, windowSeries } from '../../../src/outputs/remote-write-series';
import type { Window } from '../../../src/protocol';

test('every metric the dashboard queries is one the output writes', () => {
  const dash = JSON.parse(readFileSync(join(__dirname, '../../../examples/grafana/gateway-load.json'), 'utf8')) as {
    panels: Array<{ targets: Array<{ expr: string }> }>;
  };
  const queried = new Set(
    dash.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/gateway_load_[a-z0-9_]+/g) ?? [])),
  );
  const stats = { count: 1, avg: 1, min: 1, max: 1, p50: 1, p90: 1, p95: 1, p99: 1, p999: 1 };
  const w = {
    index: 0,
    tMs: 1000,
    completed: 1,
    failed: 1,
    started: 1,
    dropped: 0,
    outputTokens: 1,
    errors: { http_5xx: 1 },
    duration: stats,
    ttft: stats,
    itl: stats,
    vus: 1,
    active: 1,
    latenessP99Ms: 1,
    elu: 0.1,
    monitor: { 'node.cpu_busy': 1 },
  } as unknown as Window;
  const written = new Set(
    windowSeries(w, newTotals(), { scenario: 's', run_id: 'r' }, 0).map(
      (s) => s.labels.find((l) => l.name === '__name__')!.value,
    ),
  );
  assert.ok(queried.size >= 8);
  for (const q of queried) assert.ok(written.has(q), `${q} is queried but never written`);
});
