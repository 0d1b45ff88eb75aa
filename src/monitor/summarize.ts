// Pure: monitored series across a run's windows → `summary.monitor.series`, and the thresholds on
// them (`monitor.node.cpu_busy: ["max < 85"]`), evaluated the way the engine evaluates its own.
import type { Threshold } from '../scenario/model';
import type { MonitorSeriesInfo, MonitorSummary, ThresholdState, Window } from '../protocol';
import { compareThreshold } from '../scenario/threshold-expr';

type SeriesSummary = MonitorSummary['series'][string];

/** Every series of the catalogue (and any other key found in the windows), summarised. */
export function summarizeSeries(
  windows: ReadonlyArray<Pick<Window, 'monitor'>>,
  catalogue: readonly MonitorSeriesInfo[],
): MonitorSummary['series'] {
  const keys = new Map(catalogue.map((c) => [c.key, c]));
  for (const w of windows)
    for (const k of Object.keys(w.monitor ?? {}))
      if (!keys.has(k)) keys.set(k, { key: k, source: k.split('.')[0], unit: '', group: k });
  const out: MonitorSummary['series'] = {};
  for (const [key, info] of keys)
    out[key] = summarizeOne(
      windows.map((w) => w.monitor?.[key]),
      info,
    );
  return out;
}

function summarizeOne(raw: ReadonlyArray<number | null | undefined>, info: MonitorSeriesInfo): SeriesSummary {
  const values = raw.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const gaps = raw.length - values.length;
  if (!values.length)
    return {
      unit: info.unit,
      group: info.group,
      samples: 0,
      gaps,
      min: null,
      avg: null,
      max: null,
      p95: null,
      last: null,
    };
  const sorted = [...values].sort((a, b) => a - b);
  return {
    unit: info.unit,
    group: info.group,
    samples: values.length,
    gaps,
    min: sorted[0],
    max: sorted[sorted.length - 1],
    avg: round(values.reduce((a, b) => a + b, 0) / values.length),
    p95: percentile(sorted, 95),
    last: values[values.length - 1],
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

/** The states of thresholds on monitored series over these windows (no data: passes, value null). */
export function evaluateMonitorThresholds(
  thresholds: readonly Threshold[],
  windows: ReadonlyArray<Pick<Window, 'monitor'>>,
): ThresholdState[] {
  return thresholds.map((t) => {
    const key = t.metric.slice('monitor.'.length);
    const values = windows
      .map((w) => w.monitor?.[key])
      .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    const value = statOf(values, t);
    return {
      metric: t.metric,
      expression: t.expression,
      ok: value === null ? true : compareThreshold(value, t.op, t.value),
      value: value === null ? null : round(value),
      abortOnFail: t.abortOnFail,
    };
  });
}

function statOf(values: number[], t: Threshold): number | null {
  if (!values.length) return null;
  switch (t.stat) {
    case 'avg':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'min':
      return Math.min(...values);
    case 'max':
      return Math.max(...values);
    case 'value':
      return values[values.length - 1];
    case 'med':
      return percentile(
        [...values].sort((a, b) => a - b),
        50,
      );
    case 'p':
      return percentile(
        [...values].sort((a, b) => a - b),
        t.percentile ?? 95,
      );
    default:
      return null;
  }
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
