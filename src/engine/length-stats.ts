// Lengths in tokens over a run: requested (planned by the scenario or a trace) against served
// (the answers' usage), and TTFT per shared-prefix group. Fixed memory: HDR histograms plus sums.
import type { LengthStats as LengthSummary, TokenLengths } from '../protocol';
import { Hist } from './histogram';

/** One length distribution: percentiles from a histogram, mean and stddev from exact sums. */
class LengthHist {
  private readonly h = new Hist(1);
  private sumSq = 0;

  record(n: number): void {
    this.h.record(n);
    this.sumSq += n * n;
  }

  get count(): number {
    return this.h.count;
  }
  get mean(): number {
    return this.h.count ? this.h.sum / this.h.count : 0;
  }

  summary(): LengthSummary | null {
    const h = this.h;
    if (h.count === 0) return null;
    const mean = h.sum / h.count;
    const variance = Math.max(0, this.sumSq / h.count - mean * mean);
    const p = (q: number): number => Math.round(h.percentile(q) ?? 0);
    return {
      count: h.count,
      mean: round(mean),
      stddev: round(Math.sqrt(variance)),
      min: h.min,
      max: h.max,
      p50: p(50),
      p90: p(90),
      p99: p(99),
    };
  }

  destroy(): void {
    this.h.destroy();
  }
}

/** The run's length statistics; the runner records one successful answer at a time. */
export class LengthRecorder {
  private readonly inReq = new LengthHist();
  private readonly inServed = new LengthHist();
  private readonly outReq = new LengthHist();
  private readonly outServed = new LengthHist();
  private overheadSum = 0;
  private overheadCount = 0;
  private shortAnswers = 0;
  private readonly groups: Hist[] = [];

  /** One answer: planned lengths (undefined when not planned) and what usage reported (null when absent). */
  record(
    plannedIn: number | undefined,
    plannedOut: number | undefined,
    servedIn: number | null,
    servedOut: number | null,
  ): void {
    if (plannedIn !== undefined) this.inReq.record(plannedIn);
    if (plannedOut !== undefined) this.outReq.record(plannedOut);
    if (servedIn !== null) {
      this.inServed.record(servedIn);
      if (plannedIn !== undefined) {
        this.overheadSum += servedIn - plannedIn;
        this.overheadCount++;
      }
    }
    if (servedOut !== null) {
      this.outServed.record(servedOut);
      if (plannedOut !== undefined && servedOut < plannedOut) this.shortAnswers++;
    }
  }

  /** Time to first token of an answer whose prompt began with prefix `group`. */
  ttft(group: number, ms: number): void {
    (this.groups[group] ??= new Hist(1000)).record(ms);
  }

  summary(): TokenLengths {
    const ttftByPrefixGroup: TokenLengths['ttftByPrefixGroup'] = [];
    this.groups.forEach((h, group) => {
      if (!h || h.count === 0) return;
      const p = (q: number): number => round(h.percentile(q) ?? 0);
      ttftByPrefixGroup.push({ group, count: h.count, p50: p(50), p90: p(90), p99: p(99) });
    });
    return {
      input: {
        requested: this.inReq.summary(),
        served: this.inServed.summary(),
        overheadMean: this.overheadCount ? round(this.overheadSum / this.overheadCount) : null,
      },
      output: { requested: this.outReq.summary(), served: this.outServed.summary(), shortAnswers: this.shortAnswers },
      ttftByPrefixGroup,
    };
  }

  destroy(): void {
    for (const h of [this.inReq, this.inServed, this.outReq, this.outServed]) h.destroy();
    for (const h of this.groups) h?.destroy();
  }
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
