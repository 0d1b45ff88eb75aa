import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  foldIndexed,
  foldSeries,
  minMaxBuckets,
  needsFolding,
  PANEL_DOWNSAMPLE,
  type SeriesPoint,
} from '../../../src/shared/chart-downsample';

/** A series of `n` seconds: a slow wave, one spike, one dip and a gap, at known places. */
function series(n: number): SeriesPoint[] {
  return Array.from({ length: n }, (_, i) => ({
    x: i + 1,
    y: i === 5000 ? 900 : i === 9000 ? -50 : i >= 7000 && i < 7010 ? null : 100 + 10 * Math.sin(i / 300),
  }));
}

test('min/max buckets keep every bucket extreme, in x order, and a gap where there was one', () => {
  const pts = series(12_000);
  const out = minMaxBuckets(pts, 500);
  assert.ok(out.length <= 500 * 3 && out.length >= 500, `${out.length} points`);
  for (let i = 1; i < out.length; i++) assert.ok(out[i].x > out[i - 1].x, `x ascends at ${i}`);
  const ys = out.map((p) => p.y).filter((y): y is number => y !== null);
  assert.equal(Math.max(...ys), 900, 'the spike survives');
  assert.equal(Math.min(...ys), -50, 'the dip survives');
  assert.ok(
    out.some((p) => p.y === null && p.x >= 7001 && p.x <= 7010),
    'the gap survives',
  );
  // Every kept point is one of the input's, not an average.
  const byX = new Map(pts.map((p) => [p.x, p]));
  assert.ok(out.every((p) => byX.get(p.x) === p));
  // Each bucket's extremes are those of its span of the input.
  const span = pts[pts.length - 1].x - pts[0].x;
  const bucketOf = (x: number) => Math.min(499, Math.floor(((x - pts[0].x) / span) * 500));
  for (const b of [0, 17, 250, 499]) {
    const inB = pts.filter((p) => bucketOf(p.x) === b && p.y !== null).map((p) => p.y as number);
    const kept = out.filter((p) => bucketOf(p.x) === b && p.y !== null).map((p) => p.y as number);
    assert.equal(Math.max(...kept), Math.max(...inB), `max of bucket ${b}`);
    assert.equal(Math.min(...kept), Math.min(...inB), `min of bucket ${b}`);
  }
});

test('too few points to fold come back whole; a flat bucket is one point', () => {
  const few = series(800);
  assert.deepEqual(minMaxBuckets(few, 500), few);
  const flat = Array.from({ length: 1000 }, (_, i) => ({ x: i, y: 7 }));
  assert.equal(minMaxBuckets(flat, 100).length, 100);
});

test('the panel draws an hour whole and folds a 4-hour soak, keeping its last 15 minutes whole', () => {
  const hour = series(3600);
  assert.equal(needsFolding(hour.length), false);
  assert.equal(foldSeries(hour), hour, 'the same array: chart.js keeps observing it');
  const soak = series(14_400);
  const folded = foldSeries(soak);
  assert.ok(folded.length <= PANEL_DOWNSAMPLE.buckets * 3 + PANEL_DOWNSAMPLE.recent, `${folded.length}`);
  assert.deepEqual(folded.slice(-PANEL_DOWNSAMPLE.recent), soak.slice(-PANEL_DOWNSAMPLE.recent));
  assert.equal(needsFolding(folded.length), false);
  // Built from the indices directly, the same points.
  const direct = foldIndexed(
    soak.length,
    (i) => soak[i].x,
    (i) => soak[i].y,
  );
  assert.deepEqual(direct, folded);
  // Folding a folded history again keeps its extremes.
  const again = foldSeries([...folded, ...series(16_000).slice(14_400)]);
  const ys = again.map((p) => p.y).filter((y): y is number => y !== null);
  assert.equal(Math.max(...ys), 900);
  assert.equal(Math.min(...ys), -50);
});
