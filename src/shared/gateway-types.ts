// What a run learns about the gateway itself: the latency it adds (measured against `target.direct`),
// what its own headers say, and where it routed. Types only, so the webview can import them.

/** One percentile of one metric on both paths, and the gateway's share with its 95% confidence interval. */
export interface OverheadEstimate {
  gatewayMs: number;
  directMs: number;
  /** gateway − direct. */
  addedMs: number;
  /** The 95% interval of `addedMs` (null with too few windows to resample). */
  ciLowMs: number | null;
  ciHighMs: number | null;
}

/** The four percentiles the overhead is given at. */
export const OVERHEAD_PERCENTILES = ['p50', 'p90', 'p95', 'p99'] as const;
export type OverheadPercentile = (typeof OVERHEAD_PERCENTILES)[number];

/** One metric's overhead per percentile; null where a path had no data. */
export type OverheadByPercentile = Record<OverheadPercentile, OverheadEstimate | null>;

/** `summary.json` → `overhead`: the gateway against the direct path, request by request interleaved. */
export interface OverheadSummary {
  /** The direct path's origin (no credentials, no path). */
  direct: string;
  /** How the interval was computed: paired block bootstrap over per-second windows. */
  method: 'block-bootstrap';
  /** Blocks resampled (per-second windows, merged in pairs on long runs), block length, resamples. */
  blocks: number;
  blockSeconds: number;
  resamples: number;
  /** Requests that ended on each path, and those that failed. */
  requests: { gateway: number; direct: number };
  failed: { gateway: number; direct: number };
  /** Failure fractions, and gateway − direct. */
  errorRate: { gateway: number; direct: number; added: number };
  http_req_duration: OverheadByPercentile;
  time_to_first_token?: OverheadByPercentile;
  /** Set when the figure cannot be trusted (the generator's own lateness is of the same order). */
  caution?: string;
}

/** The per-path figures of one window, for the live chart. */
export interface PathWindow {
  gateway: { count: number; p50: number; p99: number } | null;
  direct: { count: number; p50: number; p99: number } | null;
}

/** One header-derived metric in `summary.json` → `gatewayHeaders`. */
export interface GatewayHeaderMetric {
  /** The response header it came from (lower case). */
  header: string;
  /** `ms`, or what a value counts (`USD`, `count`, a custom unit). */
  unit: string;
  /** Answers that carried it. */
  count: number;
  /** Numeric headers: distribution and total (a cost's total is the run's spend). */
  avg?: number;
  min?: number;
  max?: number;
  p50?: number;
  p90?: number;
  p99?: number;
  sum?: number;
  /** Categorical headers (cache status, model id): answers per value. */
  values?: Record<string, number>;
}

/** Latency of the answers one served model gave. */
export interface ModelLatency {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  /** TTFT p50 of its streamed answers, when any streamed. */
  ttftP50: number | null;
}

/** `summary.json` → `routing`: where the gateway sent requests and how often it fell back. */
export interface RoutingSummary {
  /** Per served model (the answer's `model`), successful answers only. */
  byModel: Record<string, ModelLatency>;
  /** Answers that fell back: `x-litellm-attempted-fallbacks` > 0, or a served model that is not the one asked for. */
  fallbacks: { count: number; rate: number; fromHeader: number; fromModel: number };
}
