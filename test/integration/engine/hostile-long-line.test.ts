// The engine against a server that answers with one 100 MB SSE line that never ends: no crash,
// the request is read to its end and classified, memory bounded (the peak is printed). The
// engine has no body cap yet (issue 10 adds maxBodyBytes): this proves it survives as it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorSum } from './run-helpers';
import { chat, constantVus, scenario } from './scenario-fixtures';
import { base, measured, useHostileServer } from './hostile-server';

useHostileServer();

const CASES = [
  {
    name: 'a 100 MB line with no end',
    path: '/long-line',
    load: constantVus(1, 1000, { gracefulStopMs: 60_000 }),
    stream: true,
    maxPeakMb: 1500,
  },
];

for (const c of CASES) {
  test(`hostile server, ${c.name}: no crash, every request classified, memory bounded`, async () => {
    const sc = scenario(base, c.load, [chat({ path: c.path, stream: c.stream })]);
    sc.target.timeoutMs = 20_000;
    const { result, peakMb } = await measured(sc);
    const s = result.summary;
    console.log(
      `[figure] hostile ${c.path}: status ${s.status}, sent ${s.requests.sent}, ok ${s.requests.succeeded}, classes ${JSON.stringify(s.errors)}; peak RSS growth ${peakMb.toFixed(0)} MB`,
    );
    assert.notEqual(s.status, 'failed', `the run failed: ${s.reason} ${result.logs.join(' | ')}`);
    assert.ok(s.requests.sent > 0, 'requests were sent');
    assert.equal(
      s.requests.sent,
      s.requests.succeeded + errorSum(s),
      `sent = ok + Σ classes: ${JSON.stringify(s.requests)} ${JSON.stringify(s.errors)}`,
    );
    assert.equal(s.requests.succeeded, 0, 'nothing a hostile server sends is a success');
    assert.equal(s.errors.cancelled ?? 0, 0, 'each answer was read to its end, not cut by the end of the run');
    assert.ok(peakMb < c.maxPeakMb, `peak RSS growth ${peakMb.toFixed(0)} MB ≥ ${c.maxPeakMb} MB`);
  });
}
