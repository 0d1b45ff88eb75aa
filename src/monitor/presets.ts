// What each preset reads from its exporter, and how a series value is computed from two scrapes.
// Metric names were checked against each project's documentation (node_exporter 1.5, vLLM's
// "Production Metrics", LiteLLM's "Prometheus metrics", Envoy's cluster statistics, Kong's
// Prometheus plugin); where a project renamed a metric, both names are tried, newest first.
import type { MonitorPreset, MonitorSeriesSpec } from '../scenario/model';
import { sumOf, type Exposition, type LabelMatch } from './exposition';

/** How one series is computed from the previous and the current scrape. */
export interface SeriesDef {
  /** Its name within the source: `monitor.<source>.<as>`. */
  as: string;
  unit: string;
  /** Charts group series of one group on one axis. */
  group: string;
  compute(prev: Exposition | null, cur: Exposition): number | null;
}

function gauge(
  as: string,
  unit: string,
  group: string,
  metric: string | string[],
  match: LabelMatch = {},
  scale = 1,
): SeriesDef {
  return {
    as,
    unit,
    group,
    compute: (_p, c) => {
      const v = sumOf(c, metric, match);
      return v === null ? null : v * scale;
    },
  };
}

/** Per-second rate of a counter; null on the first scrape and across a counter reset. */
function rate(
  as: string,
  unit: string,
  group: string,
  metric: string | string[],
  match: LabelMatch = {},
  scale = 1,
): SeriesDef {
  return {
    as,
    unit,
    group,
    compute: (p, c) => {
      if (!p) return null;
      const a = sumOf(p, metric, match);
      const b = sumOf(c, metric, match);
      const dt = (c.atMs - p.atMs) / 1000;
      if (a === null || b === null || dt <= 0 || b < a) return null;
      return ((b - a) / dt) * scale;
    },
  };
}

/** Mean of a histogram's observations between two scrapes: Δsum / Δcount. */
function histogramMean(
  as: string,
  unit: string,
  group: string,
  base: string,
  scale = 1,
  match: LabelMatch = {},
): SeriesDef {
  return {
    as,
    unit,
    group,
    compute: (p, c) => {
      if (!p) return null;
      const ds = delta(p, c, `${base}_sum`, match);
      const dn = delta(p, c, `${base}_count`, match);
      return ds === null || dn === null || dn <= 0 ? null : (ds / dn) * scale;
    },
  };
}

function delta(p: Exposition, c: Exposition, metric: string, match: LabelMatch): number | null {
  const a = sumOf(p, metric, match);
  const b = sumOf(c, metric, match);
  return a === null || b === null || b < a ? null : b - a;
}

/** node_exporter CPU: the share of all CPUs' time spent in `modes` (or not idle), in %. */
function cpuShare(as: string, modes: string[] | 'busy'): SeriesDef {
  return {
    as,
    unit: '%',
    group: 'cpu',
    compute: (p, c) => {
      if (!p) return null;
      const total = delta(p, c, 'node_cpu_seconds_total', {});
      if (total === null || total <= 0) return null;
      const part =
        modes === 'busy'
          ? total - (delta(p, c, 'node_cpu_seconds_total', { mode: 'idle' }) ?? 0)
          : modes.reduce((sum, mode) => sum + (delta(p, c, 'node_cpu_seconds_total', { mode }) ?? 0), 0);
      return Math.max(0, Math.min(100, (100 * part) / total));
    },
  };
}

/** Interfaces other than loopback: a gateway host's traffic leaves through them. */
const NOT_LOOPBACK: LabelMatch = { device: /^(?!lo$)/ };

const PRESETS: Record<MonitorPreset, SeriesDef[]> = {
  node: [
    cpuShare('cpu_busy', 'busy'),
    cpuShare('cpu_user', ['user', 'nice']),
    cpuShare('cpu_system', ['system', 'irq', 'softirq']),
    cpuShare('cpu_iowait', ['iowait']),
    {
      as: 'memory_used',
      unit: 'bytes',
      group: 'memory',
      compute: (_p, c) => {
        const total = sumOf(c, 'node_memory_MemTotal_bytes');
        const avail = sumOf(c, 'node_memory_MemAvailable_bytes');
        return total === null || avail === null ? null : total - avail;
      },
    },
    rate('network_rx', 'bytes/s', 'network', 'node_network_receive_bytes_total', NOT_LOOPBACK),
    rate('network_tx', 'bytes/s', 'network', 'node_network_transmit_bytes_total', NOT_LOOPBACK),
    rate('disk_read', 'bytes/s', 'disk', 'node_disk_read_bytes_total'),
    rate('disk_write', 'bytes/s', 'disk', 'node_disk_written_bytes_total'),
    rate('disk_io_time', 's/s', 'disk io', 'node_disk_io_time_seconds_total'),
    gauge('load1', 'load', 'load', 'node_load1'),
  ],
  vllm: [
    gauge('requests_running', 'requests', 'requests', 'vllm:num_requests_running'),
    gauge('requests_waiting', 'requests', 'requests', 'vllm:num_requests_waiting'),
    gauge('kv_cache_usage', 'fraction', 'kv cache', ['vllm:kv_cache_usage_perc', 'vllm:gpu_cache_usage_perc']),
    rate('prompt_tokens', 'tokens/s', 'tokens', ['vllm:prompt_tokens_total', 'vllm:prompt_tokens']),
    rate('generation_tokens', 'tokens/s', 'tokens', ['vllm:generation_tokens_total', 'vllm:generation_tokens']),
  ],
  litellm: [
    rate('requests', 'req/s', 'requests', [
      'litellm_proxy_total_requests_metric_total',
      'litellm_proxy_total_requests_metric',
    ]),
    rate('failed_requests', 'req/s', 'requests', [
      'litellm_proxy_failed_requests_metric_total',
      'litellm_proxy_failed_requests_metric',
    ]),
    rate('deployment_failures', 'req/s', 'requests', [
      'litellm_deployment_failure_responses_total',
      'litellm_deployment_failure_responses',
    ]),
    histogramMean('latency', 's', 'latency', 'litellm_request_total_latency_metric'),
    histogramMean('overhead', 's', 'latency', 'litellm_overhead_latency_metric'),
  ],
  envoy: [
    rate('upstream_requests', 'req/s', 'requests', 'envoy_cluster_upstream_rq_total'),
    rate('upstream_5xx', 'req/s', 'requests', 'envoy_cluster_upstream_rq_xx', { envoy_response_code_class: '5' }),
    histogramMean('upstream_latency', 'ms', 'latency', 'envoy_cluster_upstream_rq_time'),
  ],
  kong: [
    rate('requests', 'req/s', 'requests', 'kong_http_requests_total'),
    rate('errors_5xx', 'req/s', 'requests', 'kong_http_requests_total', { code: /^5/ }),
    histogramMean('latency', 'ms', 'latency', 'kong_request_latency_ms'),
    histogramMean('upstream_latency', 'ms', 'latency', 'kong_upstream_latency_ms'),
    histogramMean('kong_latency', 'ms', 'latency', 'kong_kong_latency_ms'),
  ],
};

/** The series of a preset. */
export function presetSeries(preset: MonitorPreset): readonly SeriesDef[] {
  return PRESETS[preset];
}

/** A user's `series:` entry: summed samples; counters (declared or by TYPE) as per-second rates. */
export function customSeries(spec: MonitorSeriesSpec): SeriesDef {
  const asRate = rate(spec.as, spec.unit ?? '/s', spec.as, spec.metric, spec.labels);
  const asGauge = gauge(spec.as, spec.unit ?? '', spec.as, spec.metric, spec.labels);
  return {
    as: spec.as,
    unit: spec.unit ?? '',
    group: spec.as,
    compute: (p, c) => {
      const kind =
        spec.kind ??
        (c.types.get(spec.metric) === 'counter' || c.types.get(spec.metric.replace(/_total$/, '')) === 'counter'
          ? 'counter'
          : 'gauge');
      return kind === 'counter' ? asRate.compute(p, c) : asGauge.compute(p, c);
    },
  };
}
