// Chart.js configurations for the HTML report, computed in Node from the run's windows so the
// page itself only draws (and so the series are unit-testable without a browser).
import type { Window } from '../protocol';
import { ERROR_CLASSES } from '../scenario/metrics';

/** One point of a series: x in seconds since the start, y or null for a gap. */
export interface Point { x: number; y: number | null }

/** A dataset as Chart.js takes it. */
export interface Dataset { label: string; data: Point[]; borderColor: string; backgroundColor: string; borderDash?: number[]; stack?: string; type?: 'line' | 'bar'; fill?: boolean }

/** One chart of the report: its canvas id, title, axis label and data. */
export interface ChartSpec { id: string; title: string; type: 'line' | 'bar'; yLabel: string; stacked?: boolean; datasets: Dataset[] }

const PALETTE = ['#3b82f6', '#10b981', '#ef4444', '#f59e0b', '#8b5cf6', '#06b6d4', '#ec4899', '#84cc16', '#64748b'];

function color(i: number, alpha = 1): string {
  const hex = PALETTE[i % PALETTE.length];
  if (alpha === 1) return hex;
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

function ds(label: string, i: number, data: Point[], extra: Partial<Dataset> = {}): Dataset {
  return { label, data, borderColor: color(i), backgroundColor: color(i, 0.35), ...extra };
}

/** Seconds each window covers (1 s normally; the last one of a stopped run may be shorter). */
function spans(windows: Window[]): number[] {
  return windows.map((w, i) => {
    const prev = i === 0 ? Math.max(0, w.tMs - 1000) : windows[i - 1].tMs;
    const s = (w.tMs - prev) / 1000;
    return s > 0.05 ? s : 1;
  });
}

const x = (w: Window) => Math.round(w.tMs / 100) / 10;

/** The report's charts; TTFT/ITL and tokens charts only when the run streamed tokens. */
export function buildCharts(windows: Window[], opts: { openModel: boolean }): ChartSpec[] {
  const sp = spans(windows);
  const series = (f: (w: Window, i: number) => number | null | undefined): Point[] => windows.map((w, i) => ({ x: x(w), y: f(w, i) ?? null }));
  const charts: ChartSpec[] = [];

  const throughput = [
    ds('completed/s', 0, series((w, i) => w.completed / sp[i])),
    ds('succeeded/s', 1, series((w, i) => w.succeeded / sp[i])),
    ds('failed/s', 2, series((w, i) => w.failed / sp[i])),
  ];
  if (opts.openModel) throughput.push(ds('planned arrivals/s', 8, series((w) => w.planned), { borderDash: [6, 4] }));
  charts.push({ id: 'chart-throughput', title: 'Throughput', type: 'line', yLabel: 'requests/s', datasets: throughput });

  charts.push({ id: 'chart-latency', title: 'Request duration percentiles', type: 'line', yLabel: 'ms', datasets: [
    ds('p50', 0, series((w) => w.duration?.p50)),
    ds('p90', 1, series((w) => w.duration?.p90)),
    ds('p95', 3, series((w) => w.duration?.p95)),
    ds('p99', 2, series((w) => w.duration?.p99)),
  ] });

  if (windows.some((w) => w.ttft || w.itl)) {
    charts.push({ id: 'chart-tokens-latency', title: 'Time to first token and inter-token latency', type: 'line', yLabel: 'ms', datasets: [
      ds('TTFT p50', 0, series((w) => w.ttft?.p50)),
      ds('TTFT p95', 4, series((w) => w.ttft?.p95)),
      ds('ITL p50', 1, series((w) => w.itl?.p50)),
      ds('ITL p95', 5, series((w) => w.itl?.p95)),
    ] });
  }
  if (windows.some((w) => w.outputTokens > 0)) {
    charts.push({ id: 'chart-output-tokens', title: 'Output tokens per second (aggregate)', type: 'line', yLabel: 'tokens/s', datasets: [
      ds('output tokens/s', 4, series((w, i) => w.outputTokens / sp[i]), { fill: true }),
    ] });
  }

  const classes = ERROR_CLASSES.filter((c) => windows.some((w) => (w.errors[c] ?? 0) > 0));
  charts.push({ id: 'chart-errors', title: 'Errors by class', type: 'bar', yLabel: 'errors', stacked: true, datasets: (classes.length ? classes : ['none' as const]).map((c, i) =>
    ds(c, i + 2, series((w) => (c === 'none' ? 0 : w.errors[c] ?? 0)), { stack: 'errors' })) });

  charts.push({ id: 'chart-connections', title: 'Concurrency', type: 'line', yLabel: 'count', datasets: [
    ds('in flight', 0, series((w) => w.active)),
    ds('peak in flight', 5, series((w) => w.activeMax), { borderDash: [4, 3] }),
    ds(opts.openModel ? 'VUs' : 'VUs (closed model)', 1, series((w) => w.vus)),
    ds('dropped arrivals', 2, series((w) => w.dropped)),
  ] });
  return charts;
}

/** Baseline and current on one time axis: median and p95 latency, and throughput. */
export function buildOverlayCharts(baseline: Window[], current: Window[]): ChartSpec[] {
  const series = (ws: Window[], f: (w: Window, i: number) => number | null | undefined): Point[] => ws.map((w, i) => ({ x: x(w), y: f(w, i) ?? null }));
  const bs = spans(baseline);
  const cs = spans(current);
  return [
    { id: 'chart-compare-latency', title: 'Request duration: baseline vs current', type: 'line', yLabel: 'ms', datasets: [
      ds('baseline p50', 8, series(baseline, (w) => w.duration?.p50), { borderDash: [6, 4] }),
      ds('baseline p95', 6, series(baseline, (w) => w.duration?.p95), { borderDash: [6, 4] }),
      ds('current p50', 0, series(current, (w) => w.duration?.p50)),
      ds('current p95', 2, series(current, (w) => w.duration?.p95)),
    ] },
    { id: 'chart-compare-throughput', title: 'Throughput: baseline vs current', type: 'line', yLabel: 'requests/s', datasets: [
      ds('baseline completed/s', 8, series(baseline, (w, i) => w.completed / bs[i]), { borderDash: [6, 4] }),
      ds('current completed/s', 0, series(current, (w, i) => w.completed / cs[i])),
    ] },
  ];
}
