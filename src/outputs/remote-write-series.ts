// Pure: one window of a run → Prometheus time series, named the way k6's Prometheus output names
// its metrics (`gateway_load_` prefix, `_total` counters, `_seconds` durations, quantiles as gauges).
import type { Window } from '../protocol';

/** One series with one sample, as remote write carries it. */
export interface TimeSeries {
  labels: Array<{ name: string; value: string }>;
  samples: Array<{ value: number; timestamp: number }>;
}

/** Running totals across windows: remote-write counters are cumulative. */
export interface Totals {
  reqs: number;
  failed: number;
  iterations: number;
  dropped: number;
  outputTokens: number;
  errors: Record<string, number>;
}

export function newTotals(): Totals {
  return { reqs: 0, failed: 0, iterations: 0, dropped: 0, outputTokens: 0, errors: {} };
}

const QUANTILES: Array<[string, 'p50' | 'p90' | 'p95' | 'p99']> = [
  ['0.5', 'p50'],
  ['0.9', 'p90'],
  ['0.95', 'p95'],
  ['0.99', 'p99'],
];

/** The series of one window; `base` labels (scenario, run_id) go on every one. */
export function windowSeries(
  w: Window,
  totals: Totals,
  base: Record<string, string>,
  timestampMs: number,
): TimeSeries[] {
  totals.reqs += w.completed;
  totals.failed += w.failed;
  totals.iterations += w.started;
  totals.dropped += w.dropped;
  totals.outputTokens += w.outputTokens;
  for (const [cls, n] of Object.entries(w.errors)) totals.errors[cls] = (totals.errors[cls] ?? 0) + (n ?? 0);
  const out: TimeSeries[] = [];
  const add = (name: string, value: number | null | undefined, extra: Record<string, string> = {}): void => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return;
    const labels = Object.entries({ __name__: name, ...base, ...extra })
      .map(([n, v]) => ({ name: n, value: v }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    out.push({ labels, samples: [{ value, timestamp: timestampMs }] });
  };
  add('gateway_load_http_reqs_total', totals.reqs);
  add('gateway_load_http_req_failed_total', totals.failed);
  add('gateway_load_iterations_total', totals.iterations);
  add('gateway_load_dropped_iterations_total', totals.dropped);
  add('gateway_load_output_tokens_total', totals.outputTokens);
  for (const [cls, n] of Object.entries(totals.errors)) add('gateway_load_errors_total', n, { class: cls });
  for (const [metric, stats] of [
    ['http_req_duration', w.duration],
    ['time_to_first_token', w.ttft],
    ['inter_token_latency', w.itl],
  ] as const) {
    if (!stats) continue;
    for (const [q, field] of QUANTILES) add(`gateway_load_${metric}_seconds`, stats[field] / 1000, { quantile: q });
  }
  add('gateway_load_vus', w.vus);
  add('gateway_load_active_requests', w.active);
  add('gateway_load_send_lateness_p99_seconds', w.latenessP99Ms / 1000);
  add('gateway_load_event_loop_utilization', w.elu);
  for (const [key, v] of Object.entries(w.monitor ?? {})) {
    const dot = key.indexOf('.');
    add('gateway_load_monitor_value', v, { source: key.slice(0, dot), series: key.slice(dot + 1) });
  }
  return out;
}
