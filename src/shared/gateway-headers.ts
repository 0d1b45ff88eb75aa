// The response headers gateways send about themselves, each checked against its vendor's
// documentation, and the metric each becomes. One table serves the engine, the docs and the reports.

/** How a header's value is read: milliseconds, a plain number, `Server-Timing` entries, or a category. */
export type GatewayHeaderKind = 'ms' | 'number' | 'server-timing' | 'category';

/** One recognised header. */
export interface GatewayHeaderInfo {
  /** Lower case, as looked up in the raw header array. */
  header: string;
  /** The metric's name (`server-timing` gives `server_timing_<entry>` per entry). */
  metric: string;
  kind: GatewayHeaderKind;
  unit: string;
  vendor: string;
  doc: string;
}

export const BUILTIN_GATEWAY_HEADERS: readonly GatewayHeaderInfo[] = [
  {
    header: 'server-timing',
    metric: 'server_timing',
    kind: 'server-timing',
    unit: 'ms',
    vendor: 'W3C Server Timing',
    doc: 'Every entry with a `dur` becomes `server_timing_<name>` (ms).',
  },
  {
    header: 'x-envoy-upstream-service-time',
    metric: 'envoy_upstream_service_time',
    kind: 'ms',
    unit: 'ms',
    vendor: 'Envoy',
    doc: 'Time the upstream took, as Envoy saw it (ms).',
  },
  {
    header: 'x-kong-proxy-latency',
    metric: 'kong_proxy_latency',
    kind: 'ms',
    unit: 'ms',
    vendor: 'Kong',
    doc: "Kong's own processing time (ms).",
  },
  {
    header: 'x-kong-upstream-latency',
    metric: 'kong_upstream_latency',
    kind: 'ms',
    unit: 'ms',
    vendor: 'Kong',
    doc: 'Time the upstream took, as Kong saw it (ms).',
  },
  {
    header: 'x-litellm-overhead-duration-ms',
    metric: 'litellm_overhead_duration',
    kind: 'ms',
    unit: 'ms',
    vendor: 'LiteLLM',
    doc: "LiteLLM's processing overhead (ms).",
  },
  {
    header: 'x-litellm-response-cost',
    metric: 'litellm_response_cost',
    kind: 'number',
    unit: 'USD',
    vendor: 'LiteLLM',
    doc: "The call's cost; the sum is the run's spend.",
  },
  {
    header: 'x-litellm-attempted-retries',
    metric: 'litellm_attempted_retries',
    kind: 'number',
    unit: 'count',
    vendor: 'LiteLLM',
    doc: 'Retries LiteLLM made for the call.',
  },
  {
    header: 'x-litellm-attempted-fallbacks',
    metric: 'litellm_attempted_fallbacks',
    kind: 'number',
    unit: 'count',
    vendor: 'LiteLLM',
    doc: 'Fallbacks LiteLLM tried for the call (> 0 counts the answer as a fallback).',
  },
  {
    header: 'x-litellm-model-id',
    metric: 'litellm_model_id',
    kind: 'category',
    unit: 'count',
    vendor: 'LiteLLM',
    doc: 'The deployment that answered: answers per id.',
  },
  {
    header: 'x-portkey-cache-status',
    metric: 'portkey_cache_status',
    kind: 'category',
    unit: 'count',
    vendor: 'Portkey',
    doc: 'HIT, SEMANTIC HIT, MISS, SEMANTIC MISS, DISABLED, REFRESH: answers per status.',
  },
  {
    header: 'x-portkey-retry-attempt-count',
    metric: 'portkey_retry_attempt_count',
    kind: 'number',
    unit: 'count',
    vendor: 'Portkey',
    doc: 'Retries Portkey made (the first attempt not counted).',
  },
  {
    header: 'cf-aig-cache-status',
    metric: 'cf_aig_cache_status',
    kind: 'category',
    unit: 'count',
    vendor: 'Cloudflare AI Gateway',
    doc: 'HIT or MISS: answers per status.',
  },
];

/** A header the scenario maps to a metric (`gatewayHeaders:`). */
export interface CustomGatewayHeader {
  metric: string;
  unit: 'ms' | 's' | 'number';
}

/** Metric names users may give (and server-timing entries become): lower-case words joined by `_`. */
export const GATEWAY_METRIC_NAME = /^[a-z][a-z0-9_]{0,63}$/;

/** `Server-Timing` entry names as metric suffixes: lower case, anything else folded to `_`. */
export function serverTimingMetric(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 48);
  return `server_timing_${s || 'unnamed'}`;
}

/**
 * The `dur` of each entry of a `Server-Timing` value (`name;dur=1.2;desc="x", other;dur=3`).
 * Entries without a valid `dur` are skipped; a quoted `desc` may hold `,` and `;`.
 * Calls `each(name, ms)` per entry, so the caller allocates nothing per entry.
 */
export function parseServerTiming(value: string, each: (name: string, ms: number) => void): void {
  const n = value.length;
  let i = 0;
  while (i < n) {
    // metric name: a token up to `;`, `,` or whitespace
    while (i < n && (value[i] === ' ' || value[i] === '\t' || value[i] === ',')) i++;
    const start = i;
    while (i < n && value[i] !== ';' && value[i] !== ',' && value[i] !== ' ' && value[i] !== '\t') i++;
    const name = value.slice(start, i);
    let dur = NaN;
    // parameters until the next top-level comma
    while (i < n && value[i] !== ',') {
      if (value[i] !== ';') {
        i++;
        continue;
      }
      i++;
      while (i < n && (value[i] === ' ' || value[i] === '\t')) i++;
      const ks = i;
      while (i < n && value[i] !== '=' && value[i] !== ';' && value[i] !== ',') i++;
      let ke = i;
      while (ke > ks && (value[ke - 1] === ' ' || value[ke - 1] === '\t')) ke--;
      // Only `dur` is read: other parameters (desc) are skipped without building their text.
      const isDur =
        ke - ks === 3 &&
        (value.charCodeAt(ks) | 0x20) === 0x64 &&
        (value.charCodeAt(ks + 1) | 0x20) === 0x75 &&
        (value.charCodeAt(ks + 2) | 0x20) === 0x72;
      let val = '';
      if (value[i] === '=') {
        i++;
        while (i < n && (value[i] === ' ' || value[i] === '\t')) i++;
        if (value[i] === '"') {
          i++;
          const qs = i;
          let escaped = false;
          while (i < n && value[i] !== '"') {
            if (value[i] === '\\' && i + 1 < n) {
              escaped = true;
              i++;
            }
            i++;
          }
          if (isDur) val = escaped ? value.slice(qs, i).replace(/\\(.)/g, '$1') : value.slice(qs, i);
          i++; // closing quote
        } else {
          const vs = i;
          while (i < n && value[i] !== ';' && value[i] !== ',') i++;
          if (isDur) val = value.slice(vs, i).trim();
        }
      }
      // The first `dur` wins, as the specification says for repeated parameters.
      if (isDur && Number.isNaN(dur)) dur = val === '' ? NaN : Number(val);
    }
    if (name !== '' && Number.isFinite(dur) && dur >= 0) each(name, dur);
  }
}
