// Pure formatting of monitored series for every face (CLI, reports, panel): units people read
// (MB, MB/s, %) instead of raw bytes.
import type { MonitorSummary } from '../protocol';

/** A value in its unit, scaled for reading: `1.2 GB`, `3.4 MB/s`, `42.0%`, `12.3 ms`. */
export function formatMonitorValue(v: number | null | undefined, unit: string): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (unit === 'bytes' || unit === 'bytes/s') {
    const per = unit === 'bytes/s' ? '/s' : '';
    const abs = Math.abs(v);
    if (abs >= 1e9) return `${(v / 1e9).toFixed(2)} GB${per}`;
    if (abs >= 1e6) return `${(v / 1e6).toFixed(1)} MB${per}`;
    if (abs >= 1e3) return `${(v / 1e3).toFixed(1)} kB${per}`;
    return `${v.toFixed(0)} B${per}`;
  }
  if (unit === '%') return `${v.toFixed(1)}%`;
  if (unit === 'fraction') return v.toFixed(3);
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return `${v.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
}

/** One row per series, sorted by source then name, for tables. */
export interface MonitorRow {
  key: string;
  unit: string;
  min: string;
  avg: string;
  p95: string;
  max: string;
  samples: number;
  gaps: number;
}

export function monitorRows(m: MonitorSummary | undefined): MonitorRow[] {
  if (!m) return [];
  return Object.entries(m.series)
    .filter(([, s]) => s.samples > 0 || s.gaps > 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, s]) => ({
      key,
      unit: s.unit,
      samples: s.samples,
      gaps: s.gaps,
      min: formatMonitorValue(s.min, s.unit),
      avg: formatMonitorValue(s.avg, s.unit),
      p95: formatMonitorValue(s.p95, s.unit),
      max: formatMonitorValue(s.max, s.unit),
    }));
}

/** Sources that lost samples or outputs that lost pushes: what a summary must not hide. */
export function monitorProblems(m: MonitorSummary | undefined): string[] {
  if (!m) return [];
  const out: string[] = [];
  for (const [name, s] of Object.entries(m.sources)) {
    if (s.failed)
      out.push(
        `${name}: ${s.failed} of ${s.ok + s.failed} samples failed${s.lastError ? ` (last: ${s.lastError})` : ''}`,
      );
  }
  for (const [name, o] of Object.entries(m.outputs ?? {})) {
    if (o.failed || o.dropped)
      out.push(
        `${name}: ${o.sent} pushes sent, ${o.failed} failed, ${o.dropped} dropped${o.lastError ? ` (last: ${o.lastError})` : ''}`,
      );
  }
  return out;
}
