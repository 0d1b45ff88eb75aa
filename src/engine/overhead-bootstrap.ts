// The gateway's added latency with a 95% confidence interval, by a paired block bootstrap.
// Requests alternate between the gateway and the direct path, so each second (a block) holds
// both paths at the same moment of the upstream. Resampling whole blocks, the same blocks for
// both paths, keeps what the paths share (the upstream's slow seconds) out of the interval and
// what lasts within a second (bursts, GC pauses) in it. Each block keeps a bounded uniform
// sample per path, so memory is fixed per block, and long runs merge blocks in pairs.

/** Values kept per path per block; a block stands for all its values through weights. */
export const BLOCK_SAMPLE = 128;
/** Most blocks kept; past it, neighbours merge and a block spans twice the time. */
export const MAX_BLOCKS = 512;
/** Fewer blocks with data on both paths than this give the estimate without an interval. */
export const MIN_BLOCKS = 5;

/** A bounded uniform sample of one path's values in one block (reservoir sampling). */
export class Reservoir {
  values = new Float64Array(BLOCK_SAMPLE);
  filled = 0;
  /** Values offered, of which `filled` are kept. */
  seen = 0;

  add(v: number, rand: () => number): void {
    this.seen++;
    if (this.filled < BLOCK_SAMPLE) this.values[this.filled++] = v;
    else {
      const j = Math.floor(rand() * this.seen);
      if (j < BLOCK_SAMPLE) this.values[j] = v;
    }
  }

  /** A uniform sample of both, in proportion to how many values each stands for. */
  static merge(a: Reservoir, b: Reservoir, rand: () => number): Reservoir {
    const out = new Reservoir();
    const total = a.seen + b.seen;
    out.seen = total;
    if (total === 0) return out;
    let fromA = Math.round((BLOCK_SAMPLE * a.seen) / total);
    fromA = Math.min(fromA, a.filled);
    const fromB = Math.min(BLOCK_SAMPLE - fromA, b.filled);
    pick(a, fromA, out, rand);
    pick(b, fromB, out, rand);
    return out;
  }
}

function pick(src: Reservoir, k: number, out: Reservoir, rand: () => number): void {
  const v = src.values.slice(0, src.filled);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rand() * (v.length - i));
    const t = v[i];
    v[i] = v[j];
    v[j] = t;
    out.values[out.filled++] = v[i];
  }
}

/** The blocks of one metric on both paths (0 = gateway, 1 = direct). */
export class PairedBlocks {
  readonly blocks: Array<[Reservoir, Reservoir]> = [];
  private current: [Reservoir, Reservoir] = [new Reservoir(), new Reservoir()];
  /** Seconds per block (doubles when blocks merge). */
  blockSeconds = 1;
  private secondsInCurrent = 0;

  constructor(private readonly rand: () => number = Math.random) {}

  record(path: 0 | 1, v: number): void {
    this.current[path].add(v, this.rand);
  }

  /** One second ended. */
  roll(): void {
    if (++this.secondsInCurrent < this.blockSeconds) return;
    this.secondsInCurrent = 0;
    const c = this.current;
    if (c[0].seen > 0 || c[1].seen > 0) this.blocks.push(c);
    this.current = [new Reservoir(), new Reservoir()];
    if (this.blocks.length >= MAX_BLOCKS) this.halve();
  }

  private halve(): void {
    const merged: Array<[Reservoir, Reservoir]> = [];
    for (let i = 0; i < this.blocks.length; i += 2) {
      const a = this.blocks[i];
      const b = this.blocks[i + 1];
      merged.push(b ? [Reservoir.merge(a[0], b[0], this.rand), Reservoir.merge(a[1], b[1], this.rand)] : a);
    }
    this.blocks.length = 0;
    this.blocks.push(...merged);
    this.blockSeconds *= 2;
  }

  /** Closes the block in progress (the run's last partial second counts). */
  flush(): void {
    const c = this.current;
    if (c[0].seen > 0 || c[1].seen > 0) this.blocks.push(c);
    this.current = [new Reservoir(), new Reservoir()];
    this.secondsInCurrent = 0;
  }
}

/** One percentile of the difference gateway − direct. */
export interface PercentileDiff {
  q: number;
  gateway: number;
  direct: number;
  added: number;
  low: number | null;
  high: number | null;
}

/** One path's kept values, sorted, with the block each came from and the weight each stands for. */
interface Pooled {
  values: Float64Array;
  block: Int32Array;
  weight: Float64Array;
}

function pool(blocks: ReadonlyArray<[Reservoir, Reservoir]>, path: 0 | 1): Pooled {
  let n = 0;
  for (const b of blocks) n += b[path].filled;
  const idx: number[] = new Array(n);
  const vals = new Float64Array(n);
  const blk = new Int32Array(n);
  const w = new Float64Array(n);
  let k = 0;
  for (let bi = 0; bi < blocks.length; bi++) {
    const r = blocks[bi][path];
    const weight = r.filled ? r.seen / r.filled : 0;
    for (let i = 0; i < r.filled; i++, k++) {
      vals[k] = r.values[i];
      blk[k] = bi;
      w[k] = weight;
      idx[k] = k;
    }
  }
  idx.sort((a, b) => vals[a] - vals[b]);
  const out: Pooled = { values: new Float64Array(n), block: new Int32Array(n), weight: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    out.values[i] = vals[idx[i]];
    out.block[i] = blk[idx[i]];
    out.weight[i] = w[idx[i]];
  }
  return out;
}

/**
 * Weighted percentiles of a pooled path with each block counted `mult[block]` times: the smallest
 * value whose cumulative weight reaches q% of the total. `qs` ascending; one pass for all.
 */
function percentiles(p: Pooled, mult: Float64Array, qs: readonly number[], out: Float64Array): boolean {
  let total = 0;
  const n = p.values.length;
  for (let i = 0; i < n; i++) total += p.weight[i] * mult[p.block[i]];
  if (total <= 0) return false;
  let acc = 0;
  let qi = 0;
  let target = (qs[0] / 100) * total;
  for (let i = 0; i < n && qi < qs.length; i++) {
    acc += p.weight[i] * mult[p.block[i]];
    while (qi < qs.length && acc >= target - 1e-9) {
      out[qi++] = p.values[i];
      if (qi < qs.length) target = (qs[qi] / 100) * total;
    }
  }
  while (qi < qs.length) out[qi++] = p.values[n - 1];
  return true;
}

/**
 * Gateway − direct at each percentile `qs` (ascending), with the 2.5–97.5% percentile interval of
 * `resamples` block resamples. Null when either path has no value; the interval is null with
 * fewer than MIN_BLOCKS blocks holding both paths.
 */
export function bootstrapOverhead(
  blocks: ReadonlyArray<[Reservoir, Reservoir]>,
  qs: readonly number[],
  resamples = 400,
  rand: () => number = Math.random,
): PercentileDiff[] | null {
  const both = blocks.filter((b) => b[0].filled > 0 && b[1].filled > 0);
  if (both.length === 0) return null;
  const g = pool(both, 0);
  const d = pool(both, 1);
  const B = both.length;
  const ones = new Float64Array(B).fill(1);
  const pg = new Float64Array(qs.length);
  const pd = new Float64Array(qs.length);
  percentiles(g, ones, qs, pg);
  percentiles(d, ones, qs, pd);
  const result: PercentileDiff[] = qs.map((q, i) => ({
    q,
    gateway: pg[i],
    direct: pd[i],
    added: pg[i] - pd[i],
    low: null,
    high: null,
  }));
  if (B < MIN_BLOCKS) return result;
  const diffs = qs.map(() => new Float64Array(resamples));
  const mult = new Float64Array(B);
  let kept = 0;
  for (let r = 0; r < resamples; r++) {
    mult.fill(0);
    for (let i = 0; i < B; i++) mult[Math.floor(rand() * B)]++;
    if (!percentiles(g, mult, qs, pg) || !percentiles(d, mult, qs, pd)) continue;
    for (let i = 0; i < qs.length; i++) diffs[i][kept] = pg[i] - pd[i];
    kept++;
  }
  if (kept < 20) return result;
  for (let i = 0; i < qs.length; i++) {
    const s = diffs[i].slice(0, kept).sort();
    result[i].low = s[Math.floor(0.025 * (kept - 1))];
    result[i].high = s[Math.ceil(0.975 * (kept - 1))];
  }
  return result;
}
