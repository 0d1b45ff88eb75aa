// One scrape of a Prometheus text exposition, flattened for the series computations: samples by
// metric name (histogram and summary parts under their `_bucket`, `_sum`, `_count` names).
// The text format is parsed by parse-prometheus-text-format, not by hand.
import parsePrometheusTextFormat from 'parse-prometheus-text-format';

/** One sample: its labels and value. */
export interface Sample {
  labels: Record<string, string>;
  value: number;
}

/** A scrape: samples by metric name, each metric's declared type, and when it was taken. */
export interface Exposition {
  samples: Map<string, Sample[]>;
  types: Map<string, 'gauge' | 'counter' | 'histogram' | 'summary' | 'untyped'>;
  atMs: number;
}

interface ParsedFamily {
  name: string;
  type: string;
  metrics: Array<{
    value?: string;
    labels?: Record<string, string>;
    buckets?: Record<string, string>;
    quantiles?: Record<string, string>;
    count?: string;
    sum?: string;
  }>;
}

function num(v: string | undefined): number {
  if (v === undefined) return NaN;
  if (v === '+Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  return Number(v);
}

function push(map: Map<string, Sample[]>, name: string, sample: Sample): void {
  const list = map.get(name);
  if (list) list.push(sample);
  else map.set(name, [sample]);
}

/** Parses exposition text; throws with the parser's message when the text is not the format. */
export function parseExposition(text: string, atMs: number): Exposition {
  const families = parsePrometheusTextFormat(text) as ParsedFamily[];
  const samples = new Map<string, Sample[]>();
  const types: Exposition['types'] = new Map();
  for (const f of families) {
    const type = f.type.toLowerCase() as 'gauge' | 'counter' | 'histogram' | 'summary' | 'untyped';
    types.set(f.name, type);
    for (const m of f.metrics) {
      const labels = m.labels ?? {};
      if (type === 'histogram' || type === 'summary') {
        push(samples, `${f.name}_sum`, { labels, value: num(m.sum) });
        push(samples, `${f.name}_count`, { labels, value: num(m.count) });
        for (const [le, v] of Object.entries(m.buckets ?? {}))
          push(samples, `${f.name}_bucket`, { labels: { ...labels, le }, value: num(v) });
        for (const [q, v] of Object.entries(m.quantiles ?? {}))
          push(samples, f.name, { labels: { ...labels, quantile: q }, value: num(v) });
      } else {
        push(samples, f.name, { labels, value: num(m.value) });
      }
    }
  }
  return { samples, types, atMs };
}

/** Label values a sample must have: exact text, or a pattern the value must match. */
export type LabelMatch = Record<string, string | RegExp>;

/** Sum of the samples of the first of `metrics` present whose labels match, or null when none do. */
export function sumOf(e: Exposition, metrics: string | readonly string[], match: LabelMatch = {}): number | null {
  const names = typeof metrics === 'string' ? [metrics] : metrics;
  const list = names.map((n) => e.samples.get(n)).find((l) => l !== undefined);
  if (!list) return null;
  const conditions = Object.entries(match);
  let sum = 0;
  let n = 0;
  outer: for (const s of list) {
    for (const [k, v] of conditions) {
      const have = s.labels[k] ?? '';
      if (typeof v === 'string' ? have !== v : !v.test(have)) continue outer;
    }
    if (!Number.isFinite(s.value)) continue;
    sum += s.value;
    n++;
  }
  return n ? sum : null;
}
