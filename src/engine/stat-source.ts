// Cumulative statistics of a recorder, as thresholds read them. The engine reads its own
// recorder; a shared run's coordinator reads the merged one, so both judge alike.
import { metricInfo } from '../shared/metrics';
import { TREND_METRICS, type Recorder, type TrendName } from './recorder';
import type { StatSource } from './thresholds';

/** What thresholds read besides the recorder: VUs and requests in flight now, and whether an SLO is judged. */
export interface LiveFigures {
  vusMax: number;
  vus: () => number;
  active: () => number;
  slo: boolean;
}

/** The statistics of `rec` after `elapsedS` seconds of run. */
export function recorderStats(rec: Recorder, elapsedS: number, live: LiveFigures): StatSource {
  return (metric, stat, p, tag) => {
    const t = rec.total;
    const secs = Math.max(elapsedS, 1e-3);
    if (tag) return rec.tagged?.stat(metric, tag, stat, p, secs) ?? null;
    if (metric in TREND_METRICS) {
      const h = rec.trends.h[metric as TrendName];
      if (h.count === 0) return null;
      if (stat === 'avg') return h.sum / h.count;
      if (stat === 'min') return h.min;
      if (stat === 'max') return h.max;
      return h.percentile(p ?? 50);
    }
    switch (metric) {
      case 'http_req_failed':
        return t.completed ? t.failed / t.completed : null;
      case 'checks': {
        const n = rec.checksPassed + rec.checksFailed;
        return n ? rec.checksPassed / n : null;
      }
      case 'vus':
        return stat === 'max' ? live.vusMax : live.vus();
      case 'active_connections':
        return stat === 'max' ? t.activeMax : live.active();
    }
    if (metric === 'slo_attainment') return t.sloJudged ? t.sloMet / t.sloJudged : null;
    if (metric === 'cache_hit_ratio') return rec.cache?.hitRatio() ?? null;
    if (metric === 'goodput' || metric === 'goodput_tokens_per_second') {
      if (!live.slo) return null;
      const n = metric === 'goodput' ? t.sloMet : t.sloTokens;
      return stat === 'rate' ? n / secs : n;
    }
    const counters: Record<string, number> = {
      http_reqs: t.completed,
      output_tokens: t.outputTokens,
      reasoning_tokens: t.reasoningTokens,
      input_tokens: t.inputTokens,
      dropped_iterations: t.dropped,
      iterations: t.started,
    };
    if (!(metric in counters) || !metricInfo(metric)) return null;
    return stat === 'rate' ? counters[metric] / secs : counters[metric];
  };
}
