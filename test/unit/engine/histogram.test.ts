import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Hist, initHistograms } from '../../../src/engine/histogram';

describe('Hist', () => {
  before(async () => {
    await initHistograms();
  });

  test('percentiles within HDR precision; avg, min, max exact', () => {
    const h = new Hist(1000);
    for (let i = 1; i <= 10_000; i++) h.record(i / 10); // 0.1 … 1000 ms
    const s = h.stats()!;
    assert.equal(s.count, 10_000);
    assert.equal(s.min, 0.1);
    assert.equal(s.max, 1000);
    assert.ok(Math.abs(s.avg - 500.05) < 1e-6);
    assert.ok(Math.abs(s.p50 - 500) / 500 < 0.002, `p50 ${s.p50}`);
    assert.ok(Math.abs(s.p99 - 990) / 990 < 0.002, `p99 ${s.p99}`);
    h.destroy();
  });

  test('add merges windows into a cumulative histogram; reset empties', () => {
    const a = new Hist(1000);
    const b = new Hist(1000);
    a.record(5);
    b.record(15);
    b.record(25);
    a.add(b);
    assert.equal(a.count, 3);
    assert.equal(a.max, 25);
    assert.equal(a.sum, 45);
    b.reset();
    assert.equal(b.stats(), null);
    assert.equal(b.percentile(50), null);
    a.destroy();
    b.destroy();
  });
});
