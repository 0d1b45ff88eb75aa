// The paired block bootstrap on data whose answer is known: a constant shift is found with a
// narrow interval, no shift gives an interval around zero, and percentiles weigh blocks by size.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BLOCK_SAMPLE,
  bootstrapOverhead,
  MAX_BLOCKS,
  PairedBlocks,
  Reservoir,
} from '../../../src/engine/overhead-bootstrap';
import { seededRandom } from '../../../src/shared/seeded-random';

/** `seconds` blocks; each second the upstream has its own speed, shared by both paths. */
function run(seconds: number, perSecond: number, shiftMs: number, seed = 7): PairedBlocks {
  const rand = seededRandom(seed);
  const blocks = new PairedBlocks(rand);
  for (let s = 0; s < seconds; s++) {
    const upstream = 40 + 30 * rand();
    for (let i = 0; i < perSecond; i++) {
      const path = (i % 2) as 0 | 1;
      const v = upstream + 10 * rand() + (path === 0 ? shiftMs : 0);
      blocks.record(path, v);
    }
    blocks.roll();
  }
  return blocks;
}

describe('overhead bootstrap', () => {
  test('a constant 5 ms shift: estimate near 5 at every percentile, interval holds it and is narrow', () => {
    const r = bootstrapOverhead(run(60, 100, 5).blocks, [50, 90, 95, 99], 400, seededRandom(1));
    assert.ok(r);
    for (const p of r) {
      assert.ok(Math.abs(p.added - 5) < 2.5, `p${p.q}: ${p.added}`);
      assert.ok(p.low !== null && p.high !== null);
      assert.ok(p.low! <= 5 && p.high! >= 5, `p${p.q}: [${p.low}, ${p.high}]`);
      assert.ok(p.high! - p.low! < 6, `p${p.q}: width ${p.high! - p.low!}`);
    }
    // The median is tighter than the far tail.
    const w = (q: number) => r.find((x) => x.q === q)!.high! - r.find((x) => x.q === q)!.low!;
    assert.ok(w(50) <= w(99) + 0.5);
  });

  test('no shift: the interval straddles zero', () => {
    const r = bootstrapOverhead(run(60, 100, 0, 3).blocks, [50, 99], 400, seededRandom(2))!;
    for (const p of r) assert.ok(p.low! <= 0 && p.high! >= 0, `p${p.q}: [${p.low}, ${p.high}]`);
  });

  test('pairing: shared upstream swings stay out of the interval', () => {
    // Upstream speed varies 40–70 ms between seconds, far more than the 5 ms shift: an unpaired
    // comparison would be noisy; paired resampling keeps the interval within a few ms.
    const r = bootstrapOverhead(run(30, 60, 5, 11).blocks, [50], 400, seededRandom(5))!;
    assert.ok(r[0].high! - r[0].low! < 5, `[${r[0].low}, ${r[0].high}]`);
  });

  test('too few blocks: an estimate without an interval; one path empty: null', () => {
    const r = bootstrapOverhead(run(3, 20, 5).blocks, [50])!;
    assert.equal(r[0].low, null);
    assert.ok(Math.abs(r[0].added - 5) < 4);
    const only = new PairedBlocks();
    only.record(0, 1);
    only.roll();
    assert.equal(bootstrapOverhead(only.blocks, [50]), null);
  });

  test('percentiles weigh each kept value by how many it stands for', () => {
    // Block A: 1000 values of 10 (kept 128); block B: 10 values of 100. The p50 of all is 10, not a mix.
    const b = new PairedBlocks(seededRandom(9));
    for (let i = 0; i < 1000; i++) b.record(0, 10);
    for (let i = 0; i < 1000; i++) b.record(1, 10);
    b.roll();
    for (let i = 0; i < 10; i++) b.record(0, 100);
    for (let i = 0; i < 10; i++) b.record(1, 100);
    b.roll();
    assert.equal(b.blocks[0][0].filled, BLOCK_SAMPLE);
    const [p50, p995] = bootstrapOverhead(b.blocks, [50, 99.5], 0)!;
    assert.equal(p50.gateway, 10);
    assert.equal(p995.gateway, 100);
  });

  test('long runs merge blocks in pairs: memory stays bounded, counts are kept', () => {
    const b = new PairedBlocks(seededRandom(4));
    for (let s = 0; s < MAX_BLOCKS + 10; s++) {
      b.record(0, s);
      b.record(1, s);
      b.roll();
    }
    assert.ok(b.blocks.length <= MAX_BLOCKS / 2 + 10, String(b.blocks.length));
    assert.equal(b.blockSeconds, 2);
    b.flush();
    const seen = b.blocks.reduce((n, x) => n + x[0].seen, 0);
    assert.equal(seen, MAX_BLOCKS + 10);
    const m = Reservoir.merge(b.blocks[0][0], b.blocks[1][0], seededRandom(1));
    assert.equal(m.seen, b.blocks[0][0].seen + b.blocks[1][0].seen);
  });
});
