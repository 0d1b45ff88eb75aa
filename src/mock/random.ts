// A small seedable PRNG (sfc32) so fault injection and latency draws repeat exactly in tests.
import type { LatencySpec } from './types';

/** Uniform numbers in [0, 1) from a 32-bit seed; the same seed gives the same sequence. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | null = null;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    // Warm-up: the first outputs of sfc32 still echo the seed.
    for (let i = 0; i < 15; i++) this.next();
  }

  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Standard normal draw (Box–Muller, keeping the second value for the next call). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** One delay in ms from a latency spec; never negative. */
  sample(spec: LatencySpec): number {
    if (typeof spec === 'number') return spec;
    const { mean, stddev } = spec;
    if (stddev <= 0 || mean <= 0) return Math.max(0, mean);
    if (spec.dist === 'normal') return Math.max(0, mean + stddev * this.normal());
    // Parameters of the underlying normal chosen so the lognormal has the asked mean and stddev.
    const sigma2 = Math.log(1 + (stddev * stddev) / (mean * mean));
    const mu = Math.log(mean) - sigma2 / 2;
    return Math.exp(mu + Math.sqrt(sigma2) * this.normal());
  }
}

/** A seed from the clock for when none is configured. */
export function clockSeed(): number {
  return (Date.now() ^ (process.hrtime()[1] << 7)) >>> 0;
}
