// The two paths of a `target.direct` run, each in its own histograms: successful answers' duration
// and TTFT per path, failures per path, and the per-second blocks the bootstrap resamples.
import type { MetricSummary, Stats } from '../protocol';
import {
  OVERHEAD_PERCENTILES,
  type OverheadByPercentile,
  type OverheadSummary,
  type PathWindow,
} from '../shared/gateway-types';
import { Hist } from './histogram';
import { bootstrapOverhead, PairedBlocks } from './overhead-bootstrap';

/** 0: through the gateway; 1: straight to the upstream. */
export type PathIndex = 0 | 1;
const PATH_NAMES = ['gateway', 'direct'] as const;
const QS = [50, 90, 95, 99];

/** Records both paths; the runner calls `record` once per request that ended (not cancelled). */
export class OverheadRecorder {
  private readonly duration: [Hist, Hist] = [new Hist(1000), new Hist(1000)];
  private readonly ttft: [Hist, Hist] = [new Hist(1000), new Hist(1000)];
  private readonly winDuration: [Hist, Hist] = [new Hist(1000), new Hist(1000)];
  private readonly durationBlocks = new PairedBlocks();
  private readonly ttftBlocks = new PairedBlocks();
  readonly requests: [number, number] = [0, 0];
  readonly failed: [number, number] = [0, 0];

  constructor(readonly directOrigin: string) {}

  /** One request that ended; only successful answers are timed, so a fast error cannot look like speed. */
  record(path: PathIndex, failed: boolean, durationMs: number, ttftMs: number | null): void {
    this.requests[path]++;
    if (failed) {
      this.failed[path]++;
      return;
    }
    this.duration[path].record(durationMs);
    this.winDuration[path].record(durationMs);
    this.durationBlocks.record(path, durationMs);
    if (ttftMs !== null) {
      this.ttft[path].record(ttftMs);
      this.ttftBlocks.record(path, ttftMs);
    }
  }

  /** The window's figures per path, then a new block. */
  rollWindow(): PathWindow {
    const side = (h: Hist): PathWindow['gateway'] =>
      h.count === 0 ? null : { count: h.count, p50: round(h.percentile(50) ?? 0), p99: round(h.percentile(99) ?? 0) };
    const out: PathWindow = { gateway: side(this.winDuration[0]), direct: side(this.winDuration[1]) };
    this.winDuration[0].reset();
    this.winDuration[1].reset();
    this.durationBlocks.roll();
    this.ttftBlocks.roll();
    return out;
  }

  /** `{path:gateway}` / `{path:direct}` series for `summary.metrics`. */
  metrics(): Record<string, MetricSummary> {
    const out: Record<string, MetricSummary> = {};
    for (const p of [0, 1] as const) {
      const tag = `{path:${PATH_NAMES[p]}}`;
      const d: Stats | null = this.duration[p].stats();
      if (d) out[`http_req_duration${tag}`] = d;
      const t: Stats | null = this.ttft[p].stats();
      if (t) out[`time_to_first_token${tag}`] = t;
      const n = this.requests[p];
      out[`http_req_failed${tag}`] = { count: this.failed[p], rate: n ? round4(this.failed[p] / n) : 0 };
    }
    return out;
  }

  /** The `overhead` section; the generator's own lateness and saturation decide the caution. */
  summary(latenessP99Ms: number, saturated = false): OverheadSummary {
    this.durationBlocks.flush();
    this.ttftBlocks.flush();
    const rate = (p: PathIndex): number => (this.requests[p] ? this.failed[p] / this.requests[p] : 0);
    const ok = (h: [Hist, Hist]): number => Math.min(h[0].count, h[1].count);
    const duration = estimate(this.durationBlocks, ok(this.duration));
    const ttft = this.ttft[0].count > 0 && this.ttft[1].count > 0 ? estimate(this.ttftBlocks, ok(this.ttft)) : null;
    const out: OverheadSummary = {
      direct: this.directOrigin,
      method: 'block-bootstrap',
      blocks: this.durationBlocks.blocks.length,
      blockSeconds: this.durationBlocks.blockSeconds,
      resamples: RESAMPLES,
      requests: { gateway: this.requests[0], direct: this.requests[1] },
      failed: { gateway: this.failed[0], direct: this.failed[1] },
      errorRate: { gateway: round4(rate(0)), direct: round4(rate(1)), added: round4(rate(0) - rate(1)) },
      http_req_duration: duration,
      ...(ttft ? { time_to_first_token: ttft } : {}),
    };
    const caution = overheadCaution(out, latenessP99Ms, saturated);
    if (caution) out.caution = caution;
    return out;
  }

  /** Overhead as metrics (`gateway_overhead_duration`, …) so thresholds, compare and the metric tables see them. */
  static asMetrics(o: OverheadSummary): Record<string, MetricSummary> {
    const out: Record<string, MetricSummary> = {};
    const n = Math.min(o.requests.gateway - o.failed.gateway, o.requests.direct - o.failed.direct);
    const put = (name: string, by: OverheadByPercentile | undefined): void => {
      if (!by || !by.p50) return;
      const m: MetricSummary = { count: n };
      for (const p of OVERHEAD_PERCENTILES) if (by[p]) m[p] = by[p]!.addedMs;
      out[name] = m;
    };
    put('gateway_overhead_duration', o.http_req_duration);
    put('gateway_overhead_ttft', o.time_to_first_token);
    out.gateway_overhead_failed = { count: o.failed.gateway - o.failed.direct, rate: o.errorRate.added };
    return out;
  }

  destroy(): void {
    for (const h of [...this.duration, ...this.ttft, ...this.winDuration]) h.destroy();
  }
}

const RESAMPLES = 400;

/**
 * Answers needed beyond a percentile for its interval: a p99 of 90 answers is their maximum, and
 * resampling a maximum gives an interval that means nothing (compare.ts asks the same of a verdict).
 */
const MIN_BEYOND = 10;

/** Each percentile's estimate; `n` is the smaller path's count of timed answers. */
function estimate(blocks: PairedBlocks, n: number): OverheadByPercentile {
  const r = bootstrapOverhead(blocks.blocks, QS, RESAMPLES);
  const out = {} as OverheadByPercentile;
  OVERHEAD_PERCENTILES.forEach((p, i) => {
    const x = r?.[i];
    const enough = n * (1 - QS[i] / 100) >= MIN_BEYOND - 1e-9;
    out[p] = x
      ? {
          gatewayMs: round(x.gateway),
          directMs: round(x.direct),
          addedMs: round(x.added),
          ciLowMs: x.low === null || !enough ? null : round(x.low),
          ciHighMs: x.high === null || !enough ? null : round(x.high),
        }
      : null;
  });
  return out;
}

/**
 * Why the figure cannot be trusted, if it cannot: the generator's own send lateness p99 is of the
 * same order as the overhead (at least half of the p50 overhead), or the interval is missing.
 */
export function overheadCaution(o: OverheadSummary, latenessP99Ms: number, saturated = false): string | undefined {
  const p50 = o.http_req_duration.p50;
  if (!p50) return 'No successful answer on one of the paths: no overhead figure.';
  if (p50.ciLowMs === null)
    return `Too few seconds with answers on both paths (${o.blocks}) for a confidence interval.`;
  if (latenessP99Ms >= 0.5 * Math.abs(p50.addedMs) && latenessP99Ms >= 0.5)
    return `The generator's own send lateness p99 (${round(latenessP99Ms)} ms) is of the same order as the overhead (${round(p50.addedMs)} ms at p50): the figure is unreliable; lower the rate or give the generator a quieter machine.`;
  // The invariant of honest numbers: a figure measured while the generator was the limit says so.
  if (saturated)
    return 'The load generator was saturated during the run: its own delays are in both paths, and the overhead figure may be off; lower the rate.';
  return undefined;
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
