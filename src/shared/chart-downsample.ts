// Chart series of long runs, thinned for drawing: a 4-hour soak is 14,400 windows, and a panel that
// re-posts them on every reveal must not redraw 14,400 points per series. Old points are folded into
// buckets that keep each bucket's lowest and highest value (a spike or a dip survives, a flat stretch
// costs two points); the most recent points stay whole. The data on disk is never thinned. Pure.

/** One chart point: seconds on x, a value or a gap (null) on y. */
export interface SeriesPoint {
  x: number;
  y: number | null;
}

/** How a series is kept: at most `maxPoints` before folding, then `recent` whole points after `buckets` min/max buckets. */
export interface DownsamplePlan {
  maxPoints: number;
  recent: number;
  buckets: number;
}

/**
 * The panel's plan: an hour (3,600 points) is drawn whole; a longer series folds to 2 × 1,000 points of
 * history plus the last 15 minutes, and grows a point a second until it passes `maxPoints` again.
 */
export const PANEL_DOWNSAMPLE: DownsamplePlan = { maxPoints: 4000, recent: 900, buckets: 1000 };

/**
 * Min/max buckets: the x span of `points` cut into `buckets` equal spans of time, each kept as its
 * lowest and its highest point in x order (one point when they coincide). Spans of time rather than
 * counts, so folding an already folded history again keeps an even resolution. A bucket holding a
 * gap keeps one null point at the gap's x, so a line never bridges a gap it had. Ascending x in and out.
 */
export function minMaxBuckets<P extends SeriesPoint>(points: readonly P[], buckets: number): P[] {
  const out: P[] = [];
  bucketInto(
    out,
    points.length,
    (i) => points[i].x,
    (i) => points[i].y,
    (i) => points[i],
    buckets,
  );
  return out;
}

/** True when a series holds more points than the plan draws whole. */
export function needsFolding(length: number, plan: DownsamplePlan = PANEL_DOWNSAMPLE): boolean {
  return length > plan.maxPoints;
}

/** The series as drawn: unchanged up to `maxPoints`, else min/max buckets of the history and the recent points whole. */
export function foldSeries<P extends SeriesPoint>(points: readonly P[], plan: DownsamplePlan = PANEL_DOWNSAMPLE): P[] {
  if (!needsFolding(points.length, plan)) return points as P[];
  const cut = points.length - plan.recent;
  const out: P[] = [];
  bucketInto(
    out,
    cut,
    (i) => points[i].x,
    (i) => points[i].y,
    (i) => points[i],
    plan.buckets,
  );
  for (let i = cut; i < points.length; i++) out.push(points[i]);
  return out;
}

/**
 * Where a series of `n` points at `x(i)` is cut: the first `cut` points fold into buckets ending
 * before each index of `ends`, the rest stay whole. Every series of a chart board shares the x of
 * its windows, so the layout is computed once per redraw, not once per series.
 */
export interface FoldLayout {
  n: number;
  cut: number;
  /** Exclusive end index of each non-empty bucket, ascending; empty when nothing folds. */
  ends: number[];
}

/** The fold layout of `n` points at `x(i)` under `plan` (nothing folds up to `maxPoints`). */
export function foldLayout(n: number, x: (i: number) => number, plan: DownsamplePlan = PANEL_DOWNSAMPLE): FoldLayout {
  const cut = needsFolding(n, plan) ? n - plan.recent : 0;
  return { n, cut, ends: bucketEnds(cut, x, plan.buckets) };
}

/** The points of the series `i → (x(i), y(i))` under `layout`, built only for the points kept. */
export function foldByLayout(
  layout: FoldLayout,
  x: (i: number) => number,
  y: (i: number) => number | null,
): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  const make = (i: number): SeriesPoint => ({ x: x(i), y: y(i) });
  if (layout.ends.length > 0) keepExtremes(out, layout.ends, y, make);
  else for (let i = 0; i < layout.cut; i++) out.push(make(i));
  for (let i = layout.cut; i < layout.n; i++) out.push(make(i));
  return out;
}

/**
 * `foldSeries` of the series `i → (x(i), y(i))` for `i < n`, without building the points it drops:
 * a 4-hour soak re-posted is 14,400 windows per series, and allocating them all only to fold them
 * cost more garbage collection than the drawing.
 */
export function foldIndexed(
  n: number,
  x: (i: number) => number,
  y: (i: number) => number | null,
  plan: DownsamplePlan = PANEL_DOWNSAMPLE,
): SeriesPoint[] {
  return foldByLayout(foldLayout(n, x, plan), x, y);
}

/** Appends to `out` the min/max buckets of indices `0 … n−1`; every point when there are too few to fold. */
function bucketInto<P>(
  out: P[],
  n: number,
  xAt: (i: number) => number,
  yAt: (i: number) => number | null,
  make: (i: number) => P,
  buckets: number,
): void {
  const ends = bucketEnds(n, xAt, buckets);
  if (ends.length > 0) keepExtremes(out, ends, yAt, make);
  else for (let i = 0; i < n; i++) out.push(make(i));
}

/** Exclusive ends of the non-empty buckets of equal time spans over indices `0 … n−1`; none when too few to fold. */
function bucketEnds(n: number, xAt: (i: number) => number, buckets: number): number[] {
  if (buckets <= 0 || n <= buckets * 2) return [];
  const x0 = xAt(0);
  const span = xAt(n - 1) - x0;
  if (!(span > 0)) return [];
  const ends: number[] = [];
  let bucket = 0;
  for (let i = 1; i < n; i++) {
    const k = Math.min(buckets - 1, Math.floor(((xAt(i) - x0) / span) * buckets));
    if (k !== bucket) {
      ends.push(i);
      bucket = k;
    }
  }
  ends.push(n);
  return ends;
}

/** For each bucket, its lowest and highest point and its first gap, in x order, each once. */
function keepExtremes<P>(
  out: P[],
  ends: readonly number[],
  yAt: (i: number) => number | null,
  make: (i: number) => P,
): void {
  let start = 0;
  for (const end of ends) {
    let lo = -1;
    let loY = 0;
    let hi = -1;
    let hiY = 0;
    let gap = -1;
    for (let i = start; i < end; i++) {
      const v = yAt(i);
      if (v === null) {
        if (gap < 0) gap = i;
        continue;
      }
      if (lo < 0 || v < loY) {
        lo = i;
        loY = v;
      }
      if (hi < 0 || v > hiY) {
        hi = i;
        hiY = v;
      }
    }
    let a = lo;
    let b = hi === lo ? -1 : hi;
    let c = gap;
    if (a > b) [a, b] = [b, a];
    if (b > c) [b, c] = [c, b];
    if (a > b) [a, b] = [b, a];
    if (a >= 0) out.push(make(a));
    if (b >= 0) out.push(make(b));
    if (c >= 0) out.push(make(c));
    start = end;
  }
}
