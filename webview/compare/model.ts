// The compare view's model: the overall verdict, the table's rows and the overlay charts'
// series, computed from a `compare/snapshot`. Pure (no DOM), so it is unit-tested in plain Node.
// Figures are printed with the same helpers as the Markdown and text comparisons, so the view,
// the CLI and the report never disagree about a number.
import type { CompareSnapshotNotification, Window } from '../../src/protocol';
import type { Comparison, StatComparison, Verdict } from '../../src/shared/compare-types';
import { change, toleranceLabel, verdictText } from '../../src/shared/compare-render';
import { statLabel, withUnit } from '../../src/shared/format';
import { metricInfo } from '../../src/shared/metrics';
import type { ColorKey } from '../chart-specs';

/** The headline: one verdict for the whole comparison, in words. */
export interface OverallView {
  verdict: Verdict;
  title: string;
  detail: string;
}

/** Worse anywhere is a regression; else better anywhere is better; else the same. */
export function overallVerdict(c: Comparison): OverallView {
  if (c.regression) {
    return {
      verdict: 'worse',
      title: 'Regression',
      detail: `Worse than the baseline beyond tolerance: ${c.worse.join(', ')}`,
    };
  }
  const better = c.metrics.filter((m) => m.verdict === 'better').map((m) => m.metric);
  if (better.length > 0)
    return {
      verdict: 'better',
      title: 'No regression — better',
      detail: `Better than the baseline beyond tolerance: ${better.join(', ')}`,
    };
  return {
    verdict: 'same',
    title: 'No regression',
    detail: 'Every judged metric is within its tolerance of the baseline.',
  };
}

/** One statistic's row of the table, as text. */
export interface StatRow {
  metric: string;
  stat: string;
  label: string;
  baseline: string;
  current: string;
  change: string;
  /** Null when the statistic is shown for information (or was not judged: see `note`). */
  verdict: Verdict | null;
  /** The verdict cell's text: `worse`, `same (within generator noise ±…)`, `not judged (n < 1000)`, or empty. */
  verdictText: string;
  decides: boolean;
}

/** One metric: its verdict, tolerance and statistic rows. */
export interface MetricGroup {
  metric: string;
  verdict: Verdict | null;
  tolerance: string;
  higherIsBetter: boolean;
  rows: StatRow[];
}

function value(metric: string, stat: string, v: number | null): string {
  if (v === null) return '—';
  if (stat === 'count') return String(v);
  if (stat === 'rate' && metricInfo(metric)?.type === 'counter') return `${v.toFixed(2)}/s`;
  return withUnit(metric, v);
}

/**
 * The change column. A change from 0 is ±Infinity, which JSON (and so postMessage) turns into
 * null: tell it apart from a missing side by the values themselves.
 */
export function changeText(metric: string, s: StatComparison): string {
  if (s.changePct === null && s.baseline !== null && s.current !== null && metricInfo(metric)?.type !== 'rate') {
    if (s.baseline === 0) return s.current === 0 ? '±0.0%' : s.current > 0 ? '+∞' : '−∞';
  }
  return change(metric, s);
}

/** Every metric of the comparison, every statistic of each, in the comparison's order. */
export function metricGroups(c: Comparison): MetricGroup[] {
  return c.metrics.map((m) => ({
    metric: m.metric,
    verdict: m.verdict,
    tolerance: toleranceLabel(m.tolerance),
    higherIsBetter: m.higherIsBetter,
    rows: m.stats.map((s) => ({
      metric: m.metric,
      stat: s.stat,
      label: statLabel(s.stat),
      baseline: value(m.metric, s.stat, s.baseline),
      current: value(m.metric, s.stat, s.current),
      change: changeText(m.metric, s),
      verdict: s.verdict,
      verdictText: verdictText(s),
      decides: s.decides,
    })),
  }));
}

/** Which run a series belongs to; the baseline is drawn dashed. */
export type Side = 'baseline' | 'current';

/** One line of an overlay chart. */
export interface OverlaySeries {
  key: string;
  label: string;
  side: Side;
  color: ColorKey;
  value: (ws: readonly Window[], i: number) => number | null;
}

/** One overlay chart: both runs' lines on one time axis. */
export interface OverlaySpec {
  id: string;
  title: string;
  axis: string;
  series: OverlaySeries[];
}

/** Seconds window `i` covers: 1 s, except perhaps the last window of a stopped run. */
function span(ws: readonly Window[], i: number): number {
  const prev = i === 0 ? Math.max(0, ws[i].tMs - 1000) : ws[i - 1].tMs;
  const s = (ws[i].tMs - prev) / 1000;
  return s > 0.05 ? s : 1;
}

const PERCENTILES = [
  ['p50', 'blue'],
  ['p95', 'orange'],
  ['p99', 'red'],
] as const;

function percentiles(prefix: string, pick: (w: Window) => Window['duration']): OverlaySeries[] {
  return (['baseline', 'current'] as const).flatMap((side) =>
    PERCENTILES.map(([k, color]) => ({
      key: `${prefix}-${side}-${k}`,
      label: `${side} ${k}`,
      side,
      color,
      value: (ws: readonly Window[], i: number) => {
        const s = pick(ws[i]);
        return s && s.count > 0 ? s[k] : null;
      },
    })),
  );
}

/** The overlay charts: throughput, response time and TTFT percentiles, failed requests. */
export function overlaySpecs(): OverlaySpec[] {
  const both = (
    key: string,
    label: string,
    color: ColorKey,
    f: (ws: readonly Window[], i: number) => number,
  ): OverlaySeries[] => [
    { key: `${key}-baseline`, label: `baseline ${label}`, side: 'baseline', color, value: f },
    { key: `${key}-current`, label: `current ${label}`, side: 'current', color, value: f },
  ];
  return [
    {
      id: 'throughput',
      title: 'Throughput',
      axis: 'requests/s',
      series: both('succeeded', 'succeeded/s', 'green', (ws, i) => ws[i].succeeded / span(ws, i)),
    },
    {
      id: 'latency',
      title: 'Response time (http_req_duration)',
      axis: 'ms',
      series: percentiles('latency', (w) => w.duration),
    },
    { id: 'ttft', title: 'Time to first token', axis: 'ms', series: percentiles('ttft', (w) => w.ttft) },
    {
      id: 'errors',
      title: 'Failed requests',
      axis: 'failed/s',
      series: both('failed', 'failed/s', 'red', (ws, i) => ws[i].failed / span(ws, i)),
    },
  ];
}

/** A chart point: seconds since the run's start, and the value (null leaves a gap). */
export interface Point {
  x: number;
  y: number | null;
}

/** A series' points over its own run's windows: both runs start at 0:00 on the shared axis. */
export function seriesPoints(snapshot: CompareSnapshotNotification, s: OverlaySeries): Point[] {
  const ws = snapshot[s.side].windows;
  return ws.map((w, i) => ({ x: w.tMs / 1000, y: s.value(ws, i) }));
}

/** The shared time axis' end, in seconds: the longer run's last window. */
export function axisEnd(snapshot: CompareSnapshotNotification): number {
  const last = (ws: readonly Window[]) => (ws.length ? ws[ws.length - 1].tMs / 1000 : 0);
  return Math.max(1, Math.ceil(Math.max(last(snapshot.baseline.windows), last(snapshot.current.windows))));
}
