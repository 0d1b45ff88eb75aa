// The comparison's result types, with no code, so the webview's compare view can import them
// without pulling in anything of Node. compare.ts computes them; compare-render.ts prints them.

/** How far a statistic may move the wrong way before it counts as worse. */
export interface Tolerance {
  kind: 'relative' | 'points' | 'ms';
  /** % for relative, percentage points, or ms */ amount: number;
}

export type Verdict = 'better' | 'same' | 'worse';

/** One statistic of one metric in both runs. */
export interface StatComparison {
  stat: string;
  baseline: number | null;
  current: number | null;
  /** Relative change in % (null when either side is missing; ±Infinity from 0). */
  changePct: number | null;
  /** current − baseline, in the metric's unit (fraction for rates). */
  delta: number | null;
  /** Whether this statistic decides the metric's verdict (avg, min, max and p99.9 are shown only). */
  decides: boolean;
  /** Why a statistic that would decide does not, e.g. `n < 1000` for a p99 of few samples. */
  note?: string;
  verdict: Verdict | null;
}

/** One metric in both runs and its verdict; `verdict` is null for metrics shown for information. */
export interface MetricComparison {
  metric: string;
  higherIsBetter: boolean;
  tolerance: Tolerance | null;
  stats: StatComparison[];
  verdict: Verdict | null;
}

/** Answers per status and failures per reason in both runs (information, not a verdict). */
export interface FailureDiff {
  statusCodes: Array<{ status: string; baseline: number; current: number }>;
  reasons: Array<{ reason: string; message: string; baseline: number; current: number }>;
}

/** The whole comparison; `regression` is what CI acts on. */
export interface Comparison {
  baseline: { scenario: string; runId: string; startedAt: string };
  current: { scenario: string; runId: string; startedAt: string };
  metrics: MetricComparison[];
  regression: boolean;
  /** `metric` or `metric.stat` of every statistic judged worse. */
  worse: string[];
  tolerances: Record<string, Tolerance>;
  /** Tail latency (p90 and up) moves smaller than this are within the generator's own timing error. */
  noiseFloorMs: number;
  /** What a reader should know before trusting the verdicts (a saturated generator, different scenarios). */
  warnings: string[];
  /** How the runs failed, when either did or either has status counts. */
  failures?: FailureDiff;
  /** Monitored series of both runs, for information (they do not decide `regression`). */
  resources?: ResourceComparison[];
}

/** One monitored series in both runs; `finding` when it moved ≥ 10% at the same load. */
export interface ResourceComparison {
  key: string;
  unit: string;
  baselineAvg: number | null;
  currentAvg: number | null;
  baselineMax: number | null;
  currentMax: number | null;
  changePct: number | null;
  finding?: string;
}
