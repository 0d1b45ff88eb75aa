// A sweep step's verdict from its own accounts: saturation is judged against what the step sent
// (Poisson arrivals put ±1/√N around the nominal rate), and tokens/s counts the successful
// completions over the same shifted span as `achieved`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StepAccount } from '../../../src/engine/sweep-step';
import type { SweepSpec } from '../../../src/scenario/model';

const spec: SweepSpec = {
  from: 5,
  to: 40,
  steps: 4,
  stepDurationMs: 10_000,
  stop: { sloAttainment: 0.95, errorRate: 0.05 },
  refine: 0,
  vus: false,
};

/** A 10 s step of `sent` arrivals spread evenly, each answered after 200 ms unless past `served`/s. */
function step(offered: number, sent: number, served: number, tokens = 20) {
  const acc = new StepAccount(0, 10_000, 5000, null);
  const gap = 10_000 / sent;
  let free = 0;
  for (let i = 0; i < sent; i++) {
    const start = i * gap;
    acc.arrival(start, 0);
    // One server at `served`/s: a request waits for the one before it.
    const end = Math.max(start + 200, free + 1000 / served);
    free = end;
    acc.complete(start, end, true, end - start, 50, 5, true, tokens);
  }
  const v = acc.verdict({ spec, index: 0, offered, refine: false, previousGood: null, dropped: 0, elu: 0.1 });
  acc.destroy();
  return v;
}

test('Poisson sent fewer than offered (80 of 100), all served: not saturated', () => {
  const v = step(10, 80, 1000);
  assert.equal(v.limitedBy, null, JSON.stringify(v));
  assert.equal(v.sent, 80);
  assert.ok(Math.abs(v.achieved - 8) <= 0.2, String(v.achieved));
  assert.ok(Math.abs(v.tokensPerSecond - 160) <= 4, `tokens/s ${v.tokensPerSecond}: 8/s × 20`);
});

test('a gateway that serves 6/s of 10/s sent is saturated, and its tokens/s is what it served', () => {
  const v = step(10, 100, 6);
  assert.equal(v.limitedBy, 'saturation');
  assert.ok(v.achieved < 7, String(v.achieved));
  assert.ok(v.tokensPerSecond <= 6 * 20 * 1.05, `tokens/s ${v.tokensPerSecond} ≤ 6/s × 20`);
});

test('failed answers bring no tokens', () => {
  const acc = new StepAccount(0, 10_000, 5000, null);
  for (let i = 0; i < 50; i++) {
    acc.arrival(i * 200, 0);
    acc.complete(i * 200, i * 200 + 100, i % 2 === 0, 100, null, null, i % 2 === 0, 10);
  }
  const v = acc.verdict({ spec, index: 0, offered: 5, refine: false, previousGood: null, dropped: 0, elu: 0.1 });
  acc.destroy();
  assert.equal(v.tokensPerSecond, 25, '25 successes × 10 tokens over 10 s');
  assert.equal(v.limitedBy, 'errors');
});
