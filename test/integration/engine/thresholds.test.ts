// Thresholds evaluated live and at the end; abortOnFail stops the run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMock, type MockServer } from '../../../src/mock/index';
import { chat, constantRate, scenario, threshold } from './scenario-fixtures';
import { run } from './run-helpers';

let mock: MockServer;
before(async () => {
  mock = await startMock({ port: 0, latencyMs: 30, ttftMs: 30, tokensPerSecond: 0 });
});
after(async () => {
  await mock.close();
});

test('thresholds pass and fail as they should, live and in the summary', async () => {
  const sc = scenario(mock.url, constantRate(20, 3000), [chat({ stream: false })], {
    thresholds: [
      threshold('http_req_duration', 'p', '<', 2000, { percentile: 95 }),
      threshold('http_req_duration', 'p', '<', 5, { percentile: 95 }),
      threshold('http_req_failed', 'rate', '<', 0.01),
      threshold('http_reqs', 'count', '>', 1000),
      threshold('time_to_first_token', 'avg', '<', 1),
    ],
  });
  const { summary: s, windows } = await run(sc);
  assert.equal(s.status, 'completed');
  assert.deepEqual(
    s.thresholds.map((t) => t.ok),
    [true, false, true, false, true],
  );
  assert.ok(s.thresholds[1].value! >= 30);
  assert.equal(s.thresholds[4].value, null, 'no streamed answers: no TTFT, no failure');
  assert.equal(windows[0].thresholds.length, 5);
  assert.equal(windows[1].thresholds[1].ok, false, 'evaluated live');
});

test('abortOnFail stops the run once delayAbortEval has passed', async () => {
  mock.setConfig({ failRate: 1 });
  try {
    const sc = scenario(mock.url, constantRate(20, 20_000), [chat({ stream: false })], {
      thresholds: [threshold('http_req_failed', 'rate', '<', 0.1, { abortOnFail: true, delayAbortEvalMs: 1500 })],
    });
    const { summary: s, logs } = await run(sc);
    assert.equal(s.status, 'aborted');
    assert.match(s.reason ?? '', /http_req_failed/);
    assert.ok(s.durationMs >= 1500 && s.durationMs < 5000, `ran ${s.durationMs} ms`);
    assert.equal(s.thresholds[0].ok, false);
    assert.ok(logs.some((l) => l.includes('abortOnFail')));
  } finally {
    mock.setConfig({ failRate: 0 });
  }
});
