// Open models time requests from their scheduled start: when the generator itself stalls, the
// requests it owed during the stall show the wait (no coordinated omission), while the service
// time (from the actual send) stays short. The engine runs in this thread here, so the test can
// stall it; everything else (undici, the mock, the recorder) is real.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMock, type MockServer } from '../../../src/mock/index';
import { Engine } from '../../../src/engine/engine';
import type { Summary, Window } from '../../../src/protocol';
import { chat, constantRate, scenario } from './scenario-fixtures';

let mock: MockServer;
before(async () => {
  mock = await startMock({ port: 0, latencyMs: 5 });
});
after(async () => {
  await mock.close();
});

test('a 300 ms stall of the generator shows in http_req_duration, not in the service time', async () => {
  const windows: Window[] = [];
  let summary: Summary | undefined;
  const engine = new Engine(
    scenario(mock.url, constantRate(100, 3000), [chat({ stream: false })]),
    { runId: 'co', env: {}, dotenv: {}, secrets: {} },
    (m) => {
      if (m.type === 'window') windows.push(m.window);
      if (m.type === 'summary') summary = m.summary;
    },
  );
  const stall = setTimeout(() => {
    const until = performance.now() + 300;
    while (performance.now() < until) {
      /* the generator's thread is busy */
    }
  }, 1200);
  await engine.run();
  clearTimeout(stall);
  const s = summary!;
  assert.ok(Math.abs(s.requests.sent - 300) <= 6, `sent ${s.requests.sent}`);
  const d = s.metrics.http_req_duration!;
  const svc = s.metrics.http_req_service_duration!;
  // ~30 arrivals were due during the stall: the first waited ~300 ms.
  assert.ok(d.max! >= 250, `duration max ${d.max}`);
  assert.ok(d.p95! >= 100, `duration p95 ${d.p95}`);
  assert.ok(svc.p95! < 100, `service p95 ${svc.p95}`);
  assert.ok(
    windows.some((w) => w.latenessP99Ms >= 200),
    'the stall is reported as send lateness',
  );
  assert.ok(s.generator.latenessP99Ms >= 100);
  assert.equal(s.generator.saturated, true);
});
