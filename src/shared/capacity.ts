// Result types of goodput and of sweeps: what summary.json holds under `slo` and `capacity`, read
// by the engine, the reports, the CLI, compare and the webview alike. Pure types and formatters.
import type { ParetoPoint } from './pareto';

/** Why a request missed its SLO; a request may miss several bounds at once. */
export type SloMissReason = 'failed' | 'time_to_first_token' | 'time_per_output_token' | 'http_req_duration';

/** `summary.slo`: how many requests met their service levels. */
export interface SloSummary {
  /** The scenario-level bounds (ms) as written; requests may set their own. */
  bounds: { time_to_first_token?: number; time_per_output_token?: number; http_req_duration?: number };
  judged: number;
  met: number;
  /** met / judged (1 with nothing judged). */
  attainment: number;
  /** Requests per second that met their SLO, and their output tokens per second. */
  goodput: number;
  goodputTokensPerSecond: number;
  /** Misses by reason (a miss can count under several bounds). */
  misses: Record<SloMissReason, number>;
  /** The reason behind most misses and its share of the misses (0–1); null without misses. */
  worst: { reason: SloMissReason; share: number } | null;
}

/** Why a sweep stopped where it did. */
export type CapacityLimit = 'slo' | 'errors' | 'saturation' | 'generator' | 'not reached';

/** One step of a sweep. Rates are per second; latencies ms. */
export interface SweepStep {
  index: number;
  /** Offered load: arrivals/s (sweep) or VUs (sweep-vus). */
  offered: number;
  /** Completed requests per second, measured over the step shifted by its median latency. */
  achieved: number;
  /** Bisection steps between the last good and the first bad step. */
  refine: boolean;
  sent: number;
  completed: number;
  sloAttainment: number;
  goodput: number;
  /** Output tokens per second of the step's successful requests, over the step (the Pareto front's x). */
  tokensPerSecond: number;
  errorRate: number;
  duration: Percentiles | null;
  ttft: Percentiles | null;
  tpot: Percentiles | null;
  inFlightMax: number;
  /** Mean requests in flight over the step's second half. */
  inFlightMean: number;
  /** In flight kept growing through the step. */
  inFlightGrowing: boolean;
  dropped: number;
  latenessP99Ms: number;
  elu: number;
  /** null: the step met `stop`. */
  limitedBy: Exclude<CapacityLimit, 'not reached'> | null;
  /** The SLO bound missed most in this step, when it was limited by the SLO. */
  bound?: SloMissReason;
  /** Sends were late while the generator was not busy: another process took the CPU; figures are less sure. */
  busyMachine?: boolean;
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

/** `summary.capacity`: the answer of a sweep. */
export interface CapacitySummary {
  executor: 'sweep' | 'sweep-vus';
  /** The highest offered load that met `stop` (req/s), null when none did or the generator limited. */
  rate: number | null;
  rpm: number | null;
  /** VUs (sweep-vus) or mean in-flight requests at that step. */
  concurrency: number | null;
  limitedBy: CapacityLimit;
  /** For `slo`: the bound missed most in the first step that failed. */
  bound?: SloMissReason;
  /** Index (in `steps`) of the step reported as capacity. */
  atStep: number | null;
  stop: { sloAttainment: number; errorRate: number };
  /** p95 TTFT and duration at the capacity step, for the headline. */
  atCapacity: { ttftP95: number | null; durationP95: number | null } | null;
  steps: SweepStep[];
  /** The throughput–latency Pareto front over the steps (src/shared/pareto.ts); absent without streamed tokens. */
  pareto?: ParetoPoint[];
}

/** The one-line answer: "Capacity: 1,840 RPM at ≥ 95% SLO attainment (p95 TTFT 281 ms); limited by time_to_first_token". */
export function capacityHeadline(c: CapacitySummary): string {
  const why = c.limitedBy === 'slo' && c.bound ? (c.bound === 'failed' ? 'failed requests' : c.bound) : c.limitedBy;
  if (c.limitedBy === 'generator') {
    const at = c.steps.find((s) => s.limitedBy === 'generator');
    return `Capacity: not measured: the load generator was the limit${at ? ` at step ${at.index + 1}` : ''} (dropped arrivals, event-loop saturation or late sends); see the steps.`;
  }
  if (c.rate === null)
    return `Capacity: below the first step (${fmtRate(c.steps[0]?.offered ?? 0, c.executor)}); limited by ${why}`;
  const at =
    c.executor === 'sweep-vus' ? `${c.concurrency} VUs, ${fmtInt(c.rpm ?? 0)} RPM` : `${fmtInt(c.rpm ?? 0)} RPM`;
  const lat =
    c.atCapacity?.ttftP95 != null
      ? `p95 TTFT ${Math.round(c.atCapacity.ttftP95)} ms`
      : c.atCapacity?.durationP95 != null
        ? `p95 duration ${Math.round(c.atCapacity.durationP95)} ms`
        : '';
  const head = `Capacity: ${at} at ≥ ${Math.round(c.stop.sloAttainment * 100)}% SLO attainment${lat ? ` (${lat})` : ''}`;
  return c.limitedBy === 'not reached'
    ? `${head}; the limit was not reached by the last step`
    : `${head}; limited by ${why}`;
}

function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function fmtRate(v: number, executor: CapacitySummary['executor']): string {
  return executor === 'sweep-vus' ? `${v} VUs` : `${fmtInt(v * 60)} RPM`;
}

/** "time_to_first_token missed in 71% of misses". */
export function sloWorstLine(s: SloSummary): string | null {
  if (!s.worst) return null;
  const what = s.worst.reason === 'failed' ? 'failed requests make' : `${s.worst.reason} missed in`;
  return `${what} ${Math.round(s.worst.share * 100)}% of misses`;
}
