// Number formatting and the metric rows every renderer shares, so HTML, Markdown and text
// print the same figure for the same value.
import type { MetricSummary, Summary } from '../protocol';
import { metricInfo } from './metrics';

/** Formats a number for people: few digits, no exponent for ordinary magnitudes. */
export function num(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const abs = Math.abs(v);
  const d = abs >= 100 ? Math.min(digits, 1) : abs >= 1 ? digits : digits + 1;
  return v.toFixed(d);
}

/** A metric value with its unit: `123.4 ms`, `1.20%`, `12.5/s`. */
export function withUnit(metric: string, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  // A tag-filtered series (`http_req_duration{name:chat}`) has its metric's unit.
  const unit = metricInfo(metric.replace(/\{.*\}$/, ''))?.unit;
  if (unit === 'ms') return `${num(v)} ms`;
  if (unit === 'fraction') return pct(v);
  if (unit === 'tokens/s') return `${num(v)} tok/s`;
  if (Number.isInteger(v)) return String(v);
  return num(v);
}

/** A fraction as a percentage: 0.0123 → `1.23%`. */
export function pct(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  return `${(fraction * 100).toFixed(2)}%`;
}

/** A signed change: `+12.3%`, `−4.0%`, `+0.50 pt`. */
export function signed(v: number | null, unit: '%' | ' pt' | ' ms'): string {
  if (v === null) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '+∞' : '−∞';
  const s = Math.abs(v).toFixed(unit === '%' ? 1 : 2);
  return `${v > 0 ? '+' : v < 0 ? '−' : '±'}${s}${unit}`;
}

/** Milliseconds as a short duration: `4.0 s`, `2 min 5 s`. */
export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Statistic columns of trend metrics, in the order reports show them. */
export const TREND_STATS = ['avg', 'min', 'p50', 'p90', 'p95', 'p99', 'p999', 'max'] as const;
export type TrendStat = (typeof TREND_STATS)[number];

/** How a statistic is labelled in tables (`p999` → `p99.9`). */
export function statLabel(stat: string): string {
  return stat === 'p999' ? 'p99.9' : stat;
}

/** Metric order in tables: the catalogue's order, then anything unknown alphabetically. */
export function orderedMetrics(metrics: Record<string, MetricSummary>): string[] {
  const known = [
    'http_reqs',
    'http_req_failed',
    'http_req_duration',
    'http_req_service_duration',
    'time_to_first_token',
    'time_to_first_output_token',
    'inter_token_latency',
    'time_per_output_token',
    'output_tokens_per_second',
    'output_tokens',
    'reasoning_tokens',
    'input_tokens',
    'checks',
    'iterations',
    'dropped_iterations',
    'vus',
    'active_connections',
  ];
  const names = Object.keys(metrics);
  return [...known.filter((k) => names.includes(k)), ...names.filter((n) => !known.includes(n)).sort()];
}

/** One line of the summary table: trend metrics fill the stat columns, others `value`. */
export interface MetricRow {
  metric: string;
  type: string;
  stats: Partial<Record<TrendStat, number>>;
  count?: number;
  value: string;
}

/** The summary table's rows. */
export function metricRows(summary: Summary): MetricRow[] {
  return orderedMetrics(summary.metrics).map((metric) => {
    const m = summary.metrics[metric];
    const type = metricInfo(metric)?.type ?? (m.p50 !== undefined ? 'trend' : m.rate !== undefined ? 'rate' : 'gauge');
    const stats: Partial<Record<TrendStat, number>> = {};
    if (type === 'trend') for (const s of TREND_STATS) if (typeof m[s] === 'number') stats[s] = m[s];
    return { metric, type, stats, count: m.count, value: describeValue(metric, type, m) };
  });
}

function describeValue(metric: string, type: string, m: MetricSummary): string {
  switch (type) {
    case 'trend':
      return m.count !== undefined ? `${m.count} samples` : '';
    case 'rate':
      return pct(m.rate);
    case 'counter':
      return `${m.count ?? m.value ?? '—'} total, ${num(m.rate)}/s`;
    default:
      return `${m.value ?? '—'}${m.max !== undefined ? ` (max ${m.max})` : ''}`;
  }
}
