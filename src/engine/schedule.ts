// The plan of a run as functions of time: the target (arrivals/s or VUs) at t, the number of
// arrivals planned by t (∫rate), and its inverse, the time of the n-th arrival. Pure.
import type { Stage } from '../scenario/model';

interface Segment {
  start: number;
  end: number;
  from: number;
  to: number;
  cumStart: number;
  cumEnd: number;
}

/** Piecewise-linear stages: each ramps from the previous target (the first from 0); 0 ms stages jump. */
export class Plan {
  private readonly segs: Segment[] = [];
  /** Planned duration in ms. */
  readonly durationMs: number;
  /** Arrivals planned over the whole run (open models). */
  readonly totalArrivals: number;

  constructor(stages: readonly Stage[], cap = Infinity) {
    let t = 0;
    let prev = 0;
    let cum = 0;
    for (const s of stages) {
      const to = Math.min(s.target, cap);
      if (s.durationMs <= 0) {
        prev = to;
        continue;
      }
      const area = ((prev + to) / 2) * (s.durationMs / 1000);
      this.segs.push({ start: t, end: t + s.durationMs, from: prev, to, cumStart: cum, cumEnd: cum + area });
      t += s.durationMs;
      cum += area;
      prev = to;
    }
    this.durationMs = t;
    this.totalArrivals = cum;
  }

  /** Index of the stage (among those with a duration) at time t, clamped to the last. */
  stageAt(tMs: number): number {
    for (let i = 0; i < this.segs.length; i++) if (tMs < this.segs[i].end) return i;
    return Math.max(0, this.segs.length - 1);
  }

  /** Target at time t (arrivals/s or VUs). */
  targetAt(tMs: number): number {
    if (this.segs.length === 0) return 0;
    const s = this.segs[this.stageAt(tMs)];
    const x = Math.min(Math.max(tMs - s.start, 0), s.end - s.start);
    return s.from + ((s.to - s.from) * x) / (s.end - s.start);
  }

  /** Arrivals planned in [0, t]: the integral of the rate. */
  cumulativeAt(tMs: number): number {
    if (this.segs.length === 0 || tMs <= 0) return 0;
    if (tMs >= this.durationMs) return this.totalArrivals;
    const s = this.segs[this.stageAt(tMs)];
    const x = (tMs - s.start) / 1000;
    const d = (s.end - s.start) / 1000;
    return s.cumStart + s.from * x + ((s.to - s.from) * x * x) / (2 * d);
  }

  /** Planned arrivals between two times (for counts per stage). */
  arrivalsBetween(fromMs: number, toMs: number): number {
    return this.cumulativeAt(toMs) - this.cumulativeAt(fromMs);
  }

  /** Start and end (ms) of each stage with a duration. */
  stageBounds(): Array<{ start: number; end: number }> {
    return this.segs.map((s) => ({ start: s.start, end: s.end }));
  }

  /**
   * The time (ms) at which cumulative arrivals reach `c`, or Infinity past the plan's end.
   * Solves a·x + (b−a)·x²/(2d) = Δ within the segment holding `c`.
   */
  timeOfCumulative(c: number): number {
    if (c > this.totalArrivals || this.segs.length === 0) return Infinity;
    for (const s of this.segs) {
      if (c > s.cumEnd) continue;
      if (c === s.cumEnd && s.to === 0 && s !== this.segs[this.segs.length - 1]) continue;
      const delta = c - s.cumStart;
      const d = (s.end - s.start) / 1000;
      const a = s.from;
      const k = (s.to - s.from) / (2 * d);
      let x: number;
      if (Math.abs(k) < 1e-12) {
        if (a <= 0) continue;
        x = delta / a;
      } else {
        const disc = a * a + 4 * k * delta;
        x = (-a + Math.sqrt(Math.max(0, disc))) / (2 * k);
      }
      return s.start + Math.min(Math.max(x, 0), d) * 1000;
    }
    return Infinity;
  }
}
