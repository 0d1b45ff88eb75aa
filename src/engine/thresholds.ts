// Thresholds (`p(95) < 500`, `rate < 0.01`) evaluated on the cumulative metrics of the run,
// every second and at the end. A metric with no data yet has no value and does not fail.
import type { Threshold } from '../scenario/model';
import { metricInfo } from '../shared/metrics';
import { seriesName, type TagFilter } from '../scenario/tag-filter';
import { compareThreshold } from '../scenario/threshold-expr';
import type { ThresholdState } from '../protocol';

/** The cumulative view a threshold reads: a statistic of a metric, or null without data. */
export type StatSource = (
  metric: string,
  stat: Threshold['stat'],
  percentile?: number,
  tag?: TagFilter,
) => number | null;

/** Evaluates every threshold; the states go into each window and into the summary. */
export function evaluateThresholds(thresholds: readonly Threshold[], source: StatSource): ThresholdState[] {
  return thresholds.map((t) => {
    const stat = t.stat === 'med' ? 'p' : t.stat;
    const percentile = t.stat === 'med' ? 50 : t.percentile;
    const value = source(t.metric, stat, percentile, t.tag);
    return {
      metric: seriesName(t.metric, t.tag),
      expression: t.expression,
      ok: value === null ? true : compareThreshold(value, t.op, t.value),
      value: value === null ? null : round(value),
      abortOnFail: t.abortOnFail,
    };
  });
}

/** The first failing threshold that may abort the run now, if any. */
export function abortingThreshold(
  thresholds: readonly Threshold[],
  states: readonly ThresholdState[],
  elapsedMs: number,
): Threshold | undefined {
  return thresholds.find((t, i) => t.abortOnFail && !states[i].ok && elapsedMs >= t.delayAbortEvalMs);
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** True when the metric is known to the catalogue (unknown ones are reported with no value). */
export function isKnownMetric(name: string): boolean {
  return metricInfo(name) !== undefined;
}
