// The history of one scenario: its saved runs, oldest first, one chosen statistic per run, and
// each run's verdict against the scenario's baseline (the same comparison `compare` makes).
// Pure: summaries in, a plain model out, for the CLI's trend, the runs view's sparkline and CI.
import type { Summary } from '../protocol';
import { compareSummaries, type Tolerance } from './compare';

/** One run on the trend. */
export interface TrendPoint {
  runId: string;
  startedAt: string;
  dir?: string;
  status: string;
  /** Every threshold of the run passed. */
  thresholdsPassed: boolean;
  /** The chosen statistic; null when the run has none (no request finished). */
  value: number | null;
  /** `baseline`: this is the baseline's run; `none`: there is no baseline to judge against. */
  verdict: 'baseline' | 'regressed' | 'better' | 'same' | 'none';
  /** `metric.stat` of each statistic judged worse than the baseline. */
  worse: string[];
  /** Change of the chosen statistic against the baseline, in %. */
  changePct: number | null;
}

/** The trend of one scenario over its last runs. */
export interface Trend {
  scenario: string;
  metric: string;
  stat: string;
  baseline?: { runId: string; startedAt: string; value: number | null };
  points: TrendPoint[];
  regressions: number;
}

/** A saved run as the trend reads it. */
export interface TrendRun {
  summary: Summary;
  dir?: string;
}

/** The default statistic: p95 time to first token when the runs stream, p95 duration otherwise. */
export function defaultTrendMetric(summaries: readonly Summary[]): { metric: string; stat: string } {
  const streams = summaries.some((s) => (s.metrics.time_to_first_token?.count ?? 0) > 0);
  return { metric: streams ? 'time_to_first_token' : 'http_req_duration', stat: 'p95' };
}

/** `http_req_duration` → p95 of it; `http_req_duration.p99`, `http_reqs.rate` name the statistic too. */
export function parseTrendMetric(
  spec: string | undefined,
  summaries: readonly Summary[],
): { metric: string; stat: string } {
  if (!spec) return defaultTrendMetric(summaries);
  const dot = spec.lastIndexOf('.');
  const stat =
    dot > 0
      ? spec
          .slice(dot + 1)
          .replace(/^p\(([\d.]+)\)$/, 'p$1')
          .replace('p99.9', 'p999')
      : undefined;
  const metric = dot > 0 ? spec.slice(0, dot) : spec;
  if (stat) return { metric, stat };
  const sample = summaries.find((s) => s.metrics[metric])?.metrics[metric];
  return { metric, stat: sample && sample.p95 === undefined && sample.rate !== undefined ? 'rate' : 'p95' };
}

function statOf(s: Summary, metric: string, stat: string): number | null {
  const m = s.metrics[metric] as Record<string, number | undefined> | undefined;
  const v = m?.[stat];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Builds the trend of the runs of one scenario (any order in; oldest first out, the last `last`
 * kept). A regressed run is one the comparison with the baseline calls a regression.
 */
export function buildTrend(
  runs: readonly TrendRun[],
  baseline: Summary | undefined,
  opts: { metric?: string; last?: number; tolerances?: Record<string, Tolerance> } = {},
): Trend {
  const sorted = [...runs].sort((a, b) => a.summary.startedAt.localeCompare(b.summary.startedAt));
  const kept = opts.last !== undefined && opts.last > 0 ? sorted.slice(-opts.last) : sorted;
  const { metric, stat } = parseTrendMetric(
    opts.metric,
    kept.map((r) => r.summary),
  );
  const base = baseline ? statOf(baseline, metric, stat) : null;
  const points = kept.map(({ summary, dir }): TrendPoint => {
    const value = statOf(summary, metric, stat);
    const changePct = base !== null && value !== null && base !== 0 ? ((value - base) / base) * 100 : null;
    const point = {
      runId: summary.runId,
      startedAt: summary.startedAt,
      dir,
      status: summary.status,
      thresholdsPassed: summary.thresholds.every((t) => t.ok),
      value,
      changePct,
      worse: [] as string[],
    };
    if (!baseline) return { ...point, verdict: 'none' };
    if (summary.runId === baseline.runId) return { ...point, verdict: 'baseline' };
    const c = compareSummaries(baseline, summary, opts.tolerances ?? {});
    const verdict = c.regression ? 'regressed' : c.metrics.some((m) => m.verdict === 'better') ? 'better' : 'same';
    return { ...point, verdict, worse: c.worse };
  });
  return {
    scenario: kept[kept.length - 1]?.summary.scenario ?? baseline?.scenario ?? '',
    metric,
    stat,
    ...(baseline ? { baseline: { runId: baseline.runId, startedAt: baseline.startedAt, value: base } } : {}),
    points,
    regressions: points.filter((p) => p.verdict === 'regressed').length,
  };
}

/** Groups runs by scenario name, each group's runs as given. */
export function runsByScenario(runs: readonly TrendRun[]): Map<string, TrendRun[]> {
  const out = new Map<string, TrendRun[]>();
  for (const r of runs) {
    const list = out.get(r.summary.scenario) ?? [];
    list.push(r);
    out.set(r.summary.scenario, list);
  }
  return out;
}
