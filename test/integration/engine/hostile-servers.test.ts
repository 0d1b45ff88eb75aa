// The engine against servers that break every rule: random bytes instead of HTTP, SSE streams cut
// mid-event, 1 MB of headers (the 100 MB line: hostile-long-line.test.ts). 0 crashes, every
// request counted in a class (sent = ok + Σ classes), memory bounded (the peak is printed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorSum } from './run-helpers';
import { chat, constantRate, scenario } from './scenario-fixtures';
import { base, measured, useHostileServer } from './hostile-server';

useHostileServer();

const CASES: Array<{
  name: string;
  path: string;
  load: ReturnType<typeof constantRate>;
  stream: boolean;
  maxPeakMb: number;
  /** Every request lands in this class, and the error samples carry this code as the reason. */
  expect?: { cls: string; code: string };
}> = [
  { name: 'random bytes instead of HTTP', path: '/random', load: constantRate(20, 1000), stream: true, maxPeakMb: 300 },
  { name: 'SSE cut mid-event', path: '/truncated', load: constantRate(20, 1000), stream: true, maxPeakMb: 300 },
  {
    name: '1 MB of headers',
    path: '/big-headers',
    load: constantRate(10, 1000),
    stream: false,
    maxPeakMb: 300,
    expect: { cls: 'protocol', code: 'UND_ERR_HEADERS_OVERFLOW' },
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
    if (c.expect) {
      const errors = s.errors as Record<string, number | undefined>;
      assert.equal(
        errors[c.expect.cls],
        s.requests.sent,
        `every request is ${c.expect.cls}: ${JSON.stringify(s.errors)}`,
      );
      const samples = s.errorSamples ?? [];
      assert.ok(samples.length > 0, 'the failures keep a sample');
      for (const e of samples) {
        assert.equal(e.class, c.expect.cls);
        assert.equal(e.code, c.expect.code, `reason of ${JSON.stringify(e)}`);
      }
    }
    assert.ok(peakMb < c.maxPeakMb, `peak RSS growth ${peakMb.toFixed(0)} MB ≥ ${c.maxPeakMb} MB`);
  });
}
