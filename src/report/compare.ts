// Compares two summaries metric by metric. A metric is worse when one of its deciding
// statistics moved the wrong way by more than its tolerance; the run regressed when any
// metric is worse. Tolerances are relative (%) for latencies and throughput, absolute
// percentage points for rates, as people reason about them ("error rate up half a point").
import type { MetricSummary, Summary } from '../protocol';
import { metricInfo } from '../shared/metrics';
import { orderedMetrics } from '../shared/format';
import { compareResources } from './compare-resources';
import type { Comparison, MetricComparison, StatComparison, Tolerance, Verdict } from '../shared/compare-types';
import { compareFailures } from '../shared/compare-failures';
import { GATEWAY_RULES, gatewayMetricKind } from './compare-gateway';

// The result types live in a types-only module so browser code (the compare view) can import them.
export type { Comparison, MetricComparison, StatComparison, Tolerance, Verdict } from '../shared/compare-types';

interface Rule {
  stats: string[];
  higherIsBetter: boolean;
  tolerance: Tolerance;
}

const LATENCY: Rule = {
  stats: ['p50', 'p90', 'p95', 'p99'],
  higherIsBetter: false,
  tolerance: { kind: 'relative', amount: 10 },
};

/** The metrics that decide a verdict, and how; others are compared for information only. */
const RULES: Record<string, Rule> = {
  http_req_duration: LATENCY,
  http_req_service_duration: LATENCY,
  time_to_first_token: LATENCY,
  time_to_first_output_token: LATENCY,
  inter_token_latency: LATENCY,
  time_per_output_token: LATENCY,
  output_tokens_per_second: {
    stats: ['p50', 'avg'],
    higherIsBetter: true,
    tolerance: { kind: 'relative', amount: 10 },
  },
  http_req_failed: { stats: ['rate'], higherIsBetter: false, tolerance: { kind: 'points', amount: 0.5 } },
  checks: { stats: ['rate'], higherIsBetter: true, tolerance: { kind: 'points', amount: 0.5 } },
  http_reqs: { stats: ['rate'], higherIsBetter: true, tolerance: { kind: 'relative', amount: 5 } },
  output_tokens: { stats: ['rate'], higherIsBetter: true, tolerance: { kind: 'relative', amount: 5 } },
  goodput: { stats: ['rate'], higherIsBetter: true, tolerance: { kind: 'relative', amount: 5 } },
  slo_attainment: { stats: ['rate'], higherIsBetter: true, tolerance: { kind: 'points', amount: 1 } },
  // Sampling alone moves a hit ratio of ~1,000 answers by ±1.5 points.
  cache_hit_ratio: { stats: ['rate'], higherIsBetter: true, tolerance: { kind: 'points', amount: 3 } },
  // A sweep's capacity (RPM): never judged finer than the sweep's own resolution (see below).
  capacity: { stats: ['value'], higherIsBetter: true, tolerance: { kind: 'relative', amount: 10 } },
  ...GATEWAY_RULES,
};

/** Metrics that get a verdict (the others are shown for information). */
export const JUDGED_METRICS: readonly string[] = Object.keys(RULES);

/** The default tolerance per deciding metric (latency 10%, error rate 0.5 pt, throughput 5%). */
export function defaultTolerances(): Record<string, Tolerance> {
  return Object.fromEntries(Object.entries(RULES).map(([k, r]) => [k, { ...r.tolerance }]));
}

/** Latency changes smaller than this are noise whatever their percentage (sub-ms timings). */
const MIN_MS_DELTA = 1;

/**
 * A percentile is judged only when both runs have at least this many samples beyond it: a p99
 * of 80 requests is one request, and one slow request is not a regression.
 */
export const MIN_TAIL_SAMPLES = 10;

/** Samples a statistic needs before it may decide a verdict (`p99` → 1000). */
export function samplesNeeded(stat: string): number {
  const m = /^p(\d+)$/.exec(stat);
  if (!m) return 0;
  const q = stat === 'p999' ? 0.999 : Number(m[1]) / 100;
  return Math.ceil(MIN_TAIL_SAMPLES / (1 - q) - 1e-9);
}

/** Parses `http_req_duration=15%,http_req_failed=1pt,http_reqs=5%,time_to_first_token.p99=20ms`. */
export function parseTolerances(spec: string): Record<string, Tolerance> {
  const out: Record<string, Tolerance> = {};
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([A-Za-z_][\w]*(?:\.(?:p\d+|avg|rate|min|max|med))?)\s*=\s*(\d+(?:\.\d+)?)\s*(%|pt|pts|ms)$/.exec(part);
    if (!m)
      throw new Error(
        `bad tolerance '${part}': write metric=N% (relative), metric=Npt (percentage points) or metric=Nms, e.g. http_req_duration=15%`,
      );
    const amount = Number(m[2]);
    out[m[1]] = { kind: m[3] === '%' ? 'relative' : m[3] === 'ms' ? 'ms' : 'points', amount };
  }
  return out;
}

function statValue(m: MetricSummary | undefined, stat: string): number | null {
  const v = m ? (m as Record<string, unknown>)[stat] : undefined;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Judges one statistic's move against its tolerance. `floorMs` (time statistics only) is the
 * smallest move in ms that counts at all.
 */
export function judge(
  baseline: number,
  current: number,
  higherIsBetter: boolean,
  tol: Tolerance,
  floorMs: number | null,
): Verdict {
  const delta = current - baseline;
  // Positive `bad` means the statistic moved the wrong way.
  const bad = higherIsBetter ? -delta : delta;
  if (floorMs !== null && Math.abs(delta) < Math.max(MIN_MS_DELTA, floorMs)) return 'same';
  let exceeds: boolean;
  if (tol.kind === 'points') exceeds = Math.abs(delta) * 100 > tol.amount;
  else if (tol.kind === 'ms') exceeds = Math.abs(delta) > tol.amount;
  else exceeds = baseline === 0 ? delta !== 0 : (Math.abs(delta) / Math.abs(baseline)) * 100 > tol.amount;
  if (!exceeds || delta === 0) return 'same';
  return bad > 0 ? 'worse' : 'better';
}

const INFO_TREND = ['avg', 'min', 'p50', 'p90', 'p95', 'p99', 'p999', 'max'];

/** How finely a sweep located its capacity: the gap (%) between the capacity step and the first bad one. */
function capacityResolutionPct(s: Summary): number {
  const c = s.capacity;
  if (!c || c.atStep === null) return 0;
  const good = c.steps[c.atStep]?.offered;
  const bad = c.steps
    .filter((x) => x.limitedBy !== null && x.offered > (good ?? Infinity))
    .reduce((m, x) => Math.min(m, x.offered), Infinity);
  return good && Number.isFinite(bad) ? ((bad - good) / good) * 100 : 0;
}

/** Compares `current` with `baseline`; `overrides` replace default tolerances per metric or metric.stat. */
export function compareSummaries(
  baseline: Summary,
  current: Summary,
  overrides: Record<string, Tolerance> = {},
): Comparison {
  const tolerances = { ...defaultTolerances(), ...inheritedTolerances(overrides) };
  const noiseFloorMs = Math.max(baseline.generator?.latenessP99Ms ?? 0, current.generator?.latenessP99Ms ?? 0);
  const warnings: string[] = [];
  for (const [label, s] of [
    ['baseline', baseline],
    ['current', current],
  ] as const) {
    if (s.generator?.saturated)
      warnings.push(
        `The ${label} run's load generator was saturated (send lateness p99 ${s.generator.latenessP99Ms.toFixed(1)} ms): tail latency moves under ±${noiseFloorMs.toFixed(1)} ms are not judged.`,
      );
  }
  if (baseline.scenario !== current.scenario)
    warnings.push(`Different scenarios: '${baseline.scenario}' and '${current.scenario}'.`);
  const names = orderedMetrics({ ...baseline.metrics, ...current.metrics });
  const metrics: MetricComparison[] = [];
  const worse: string[] = [];
  for (const metric of names) {
    const b = baseline.metrics[metric];
    const c = current.metrics[metric];
    const rule = RULES[metric];
    const info = metricInfo(metric) ?? gatewayMetricKind(metric);
    const unitMs = info?.unit === 'ms';
    const shown =
      info?.type === 'trend' || (!info && (b?.p50 !== undefined || c?.p50 !== undefined))
        ? INFO_TREND
        : info?.type === 'rate'
          ? ['rate']
          : info?.type === 'counter'
            ? ['count', 'rate']
            : ['value', 'max'];
    const stats: StatComparison[] = [];
    for (const stat of shown) {
      const bv = statValue(b, stat);
      const cv = statValue(c, stat);
      if (bv === null && cv === null) continue;
      const judged = !!rule && rule.stats.includes(stat) && bv !== null && cv !== null;
      const counts = [b?.count, c?.count].filter((n): n is number => typeof n === 'number');
      const need = samplesNeeded(stat);
      const enough = counts.length === 0 || Math.min(...counts) >= need;
      const decides = judged && enough;
      const rawNote = judged && !enough ? `n < ${need}` : undefined;
      let tol = tolerances[`${metric}.${stat}`] ?? tolerances[metric];
      // Capacity is known only to within the bracket between the last good and first bad step:
      // a rerun may land one bisection apart, which is not a regression.
      if (metric === 'capacity' && tol?.kind === 'relative')
        tol = {
          kind: 'relative',
          amount: Math.max(tol.amount, capacityResolutionPct(baseline), capacityResolutionPct(current)),
        };
      const delta = bv !== null && cv !== null ? cv - bv : null;
      const changePct =
        delta === null
          ? null
          : bv === 0
            ? delta === 0
              ? 0
              : delta > 0
                ? Infinity
                : -Infinity
            : (delta / Math.abs(bv as number)) * 100;
      // A late generator delays the handling of some answers: that inflates the tail, not the median.
      const tail = /^p(9\d|99\d*)$/.test(stat);
      const floor = unitMs && tol?.kind !== 'ms' ? (tail ? noiseFloorMs : 0) : null;
      const verdict = decides && tol ? judge(bv as number, cv as number, rule.higherIsBetter, tol, floor) : null;
      let note = rawNote;
      if (
        verdict === 'same' &&
        tail &&
        noiseFloorMs > MIN_MS_DELTA &&
        decides &&
        tol &&
        judge(bv as number, cv as number, rule.higherIsBetter, tol, unitMs ? 0 : null) !== 'same'
      ) {
        note = `within generator noise ±${noiseFloorMs.toFixed(1)} ms`;
      }
      if (verdict === 'worse') worse.push(`${metric}.${stat}`);
      stats.push({ stat, baseline: bv, current: cv, changePct, delta, decides, verdict, ...(note ? { note } : {}) });
    }
    const verdicts = stats.map((s) => s.verdict).filter((v): v is Verdict => v !== null);
    const verdict: Verdict | null =
      verdicts.length === 0
        ? null
        : verdicts.includes('worse')
          ? 'worse'
          : verdicts.includes('better')
            ? 'better'
            : 'same';
    metrics.push({
      metric,
      higherIsBetter: rule?.higherIsBetter ?? false,
      tolerance: rule ? (tolerances[metric] ?? null) : null,
      stats,
      verdict,
    });
  }
  const ref = (s: Summary) => ({ scenario: s.scenario, runId: s.runId, startedAt: s.startedAt });
  const resources = compareResources(baseline, current);
  const failures = compareFailures(baseline, current);
  return {
    baseline: ref(baseline),
    current: ref(current),
    metrics,
    regression: worse.length > 0,
    worse,
    tolerances,
    noiseFloorMs,
    warnings,
    ...(resources.length ? { resources } : {}),
    ...(failures ? { failures } : {}),
  };
}

/**
 * Without reasoning, time to first output token is time to first token: a tolerance given for
 * `time_to_first_token` (or one of its statistics) holds for TTFO too unless TTFO has its own.
 */
function inheritedTolerances(overrides: Record<string, Tolerance>): Record<string, Tolerance> {
  const out = { ...overrides };
  for (const [key, tol] of Object.entries(overrides)) {
    if (key !== 'time_to_first_token' && !key.startsWith('time_to_first_token.')) continue;
    const twin = key.replace('time_to_first_token', 'time_to_first_output_token');
    if (!(twin in overrides)) out[twin] = tol;
  }
  return out;
}
