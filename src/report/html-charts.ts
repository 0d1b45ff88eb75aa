// Chart.js configurations for the HTML report, computed in Node from the run's windows so the
// page itself only draws (and so the series are unit-testable without a browser).
import type { MonitorSummary, Window } from '../protocol';
import { ERROR_CLASSES } from '../shared/metrics';

/** One point of a series: x in seconds since the start, y or null for a gap. */
export interface Point {
  x: number;
  y: number | null;
}

/** A dataset as Chart.js takes it. */
export interface Dataset {
  label: string;
  data: Point[];
  borderColor: string;
  backgroundColor: string;
  borderDash?: number[];
  stack?: string;
  type?: 'line' | 'bar';
  fill?: boolean;
}

/** One chart of the report: its canvas id, title, axis label and data. */
export interface ChartSpec {
  id: string;
  title: string;
  type: 'line' | 'bar';
  yLabel: string;
  stacked?: boolean;
  datasets: Dataset[];
}

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
export function buildCharts(
  windows: Window[],
  opts: { openModel: boolean; monitor?: MonitorSummary['series'] },
): ChartSpec[] {
  const sp = spans(windows);
  const series = (f: (w: Window, i: number) => number | null | undefined): Point[] =>
    windows.map((w, i) => ({ x: x(w), y: f(w, i) ?? null }));
  const charts: ChartSpec[] = [];

  const throughput = [
    ds(
      'completed/s',
      0,
      series((w, i) => w.completed / sp[i]),
    ),
    ds(
      'succeeded/s',
      1,
      series((w, i) => w.succeeded / sp[i]),
    ),
    ds(
      'failed/s',
      2,
      series((w, i) => w.failed / sp[i]),
    ),
  ];
  if (opts.openModel)
    throughput.push(
      ds(
        'planned arrivals/s',
        8,
        series((w) => w.planned),
        { borderDash: [6, 4] },
      ),
    );
  charts.push({
    id: 'chart-throughput',
    title: 'Throughput',
    type: 'line',
    yLabel: 'requests/s',
    datasets: throughput,
  });

  charts.push({
    id: 'chart-latency',
    title: 'Request duration percentiles',
    type: 'line',
    yLabel: 'ms',
    datasets: [
      ds(
        'p50',
        0,
        series((w) => w.duration?.p50),
      ),
      ds(
        'p90',
        1,
        series((w) => w.duration?.p90),
      ),
      ds(
        'p95',
        3,
        series((w) => w.duration?.p95),
      ),
      ds(
        'p99',
        2,
        series((w) => w.duration?.p99),
      ),
    ],
  });

  if (windows.some((w) => w.ttft || w.itl)) {
    charts.push({
      id: 'chart-tokens-latency',
      title: 'Time to first token and inter-token latency',
      type: 'line',
      yLabel: 'ms',
      datasets: [
        ds(
          'TTFT p50',
          0,
          series((w) => w.ttft?.p50),
        ),
        ds(
          'TTFT p95',
          4,
          series((w) => w.ttft?.p95),
        ),
        ds(
          'ITL p50',
          1,
          series((w) => w.itl?.p50),
        ),
        ds(
          'ITL p95',
          5,
          series((w) => w.itl?.p95),
        ),
        // The first output token after reasoning, only when reasoning moved it off the TTFT.
        ...(windows.some((w) => w.ttfo && w.ttft && w.ttfo.p50 !== w.ttft.p50)
          ? [
              ds(
                'TTFO p50',
                6,
                series((w) => w.ttfo?.p50),
              ),
            ]
          : []),
      ],
    });
  }
  if (windows.some((w) => w.outputTokens > 0)) {
    charts.push({
      id: 'chart-output-tokens',
      title: 'Output tokens per second (aggregate)',
      type: 'line',
      yLabel: 'tokens/s',
      datasets: [
        ds(
          'output tokens/s',
          4,
          series((w, i) => w.outputTokens / sp[i]),
          { fill: true },
        ),
        ...(windows.some((w) => (w.reasoningTokens ?? 0) > 0)
          ? [
              ds(
                'of which reasoning',
                6,
                series((w, i) => (w.reasoningTokens ?? 0) / sp[i]),
              ),
            ]
          : []),
      ],
    });
  }

  const classes = ERROR_CLASSES.filter((c) => windows.some((w) => (w.errors[c] ?? 0) > 0));
  charts.push({
    id: 'chart-errors',
    title: 'Errors by class',
    type: 'bar',
    yLabel: 'errors',
    stacked: true,
    datasets: (classes.length ? classes : ['none' as const]).map((c, i) =>
      ds(
        c,
        i + 2,
        series((w) => (c === 'none' ? 0 : (w.errors[c] ?? 0))),
        { stack: 'errors' },
      ),
    ),
  });

  charts.push({
    id: 'chart-connections',
    title: 'Concurrency',
    type: 'line',
    yLabel: 'count',
    datasets: [
      ds(
        'in flight',
        0,
        series((w) => w.active),
      ),
      ds(
        'peak in flight',
        5,
        series((w) => w.activeMax),
        { borderDash: [4, 3] },
      ),
      ds(
        opts.openModel ? 'VUs' : 'VUs (closed model)',
        1,
        series((w) => w.vus),
      ),
      ds(
        'dropped arrivals',
        2,
        series((w) => w.dropped),
      ),
    ],
  });
  charts.push(...monitorCharts(windows, opts.monitor ?? {}, series));
  charts.push(...gatewayCharts(windows, series));
  return charts;
}

/** `target.direct` runs: both paths on one axis; header metrics (ms) over time when any came. */
function gatewayCharts(
  windows: Window[],
  series: (f: (w: Window) => number | null | undefined) => Point[],
): ChartSpec[] {
  const out: ChartSpec[] = [];
  if (windows.some((w) => w.paths))
    out.push({
      id: 'chart-paths',
      title: 'Gateway and direct path',
      type: 'line',
      yLabel: 'ms',
      datasets: [
        ds(
          'gateway p50',
          0,
          series((w) => w.paths?.gateway?.p50),
        ),
        ds(
          'direct p50',
          1,
          series((w) => w.paths?.direct?.p50),
        ),
        ds(
          'gateway p99',
          0,
          series((w) => w.paths?.gateway?.p99),
          { borderDash: [6, 4] },
        ),
        ds(
          'direct p99',
          1,
          series((w) => w.paths?.direct?.p99),
          { borderDash: [6, 4] },
        ),
      ],
    });
  const names = [...new Set(windows.flatMap((w) => Object.keys(w.gatewayHeaders ?? {})))].sort();
  if (names.length)
    out.push({
      id: 'chart-gateway-headers',
      title: 'What the gateway reports (header metrics, mean per second)',
      type: 'line',
      yLabel: 'value',
      datasets: names.map((n, i) =>
        ds(
          n,
          i,
          series((w) => w.gatewayHeaders?.[n]),
        ),
      ),
    });
  return out;
}

/** One chart per monitored group (CPU, memory, network, …), on the load charts' time axis. */
function monitorCharts(
  windows: Window[],
  monitor: MonitorSummary['series'],
  series: (f: (w: Window) => number | null | undefined) => Point[],
): ChartSpec[] {
  const groups = new Map<string, Array<[string, string]>>();
  for (const [key, s] of Object.entries(monitor)) {
    if (!s.samples || !windows.some((w) => w.monitor?.[key] !== undefined)) continue;
    const list = groups.get(s.group) ?? [];
    list.push([key, s.unit]);
    groups.set(s.group, list);
  }
  return [...groups].map(([group, keys], gi) => ({
    id: `chart-monitor-${gi}`,
    title: `Resources: ${group}`,
    type: 'line' as const,
    yLabel: keys[0][1] || 'value',
    datasets: keys.map(([key], i) =>
      ds(
        key,
        i,
        series((w) => w.monitor?.[key]),
      ),
    ),
  }));
}

/** Baseline and current on one time axis: median and p95 latency, and throughput. */
export function buildOverlayCharts(baseline: Window[], current: Window[]): ChartSpec[] {
  const series = (ws: Window[], f: (w: Window, i: number) => number | null | undefined): Point[] =>
    ws.map((w, i) => ({ x: x(w), y: f(w, i) ?? null }));
  const bs = spans(baseline);
  const cs = spans(current);
  return [
    {
      id: 'chart-compare-latency',
      title: 'Request duration: baseline vs current',
      type: 'line',
      yLabel: 'ms',
      datasets: [
        ds(
          'baseline p50',
          8,
          series(baseline, (w) => w.duration?.p50),
          { borderDash: [6, 4] },
        ),
        ds(
          'baseline p95',
          6,
          series(baseline, (w) => w.duration?.p95),
          { borderDash: [6, 4] },
        ),
        ds(
          'current p50',
          0,
          series(current, (w) => w.duration?.p50),
        ),
        ds(
          'current p95',
          2,
          series(current, (w) => w.duration?.p95),
        ),
      ],
    },
    {
      id: 'chart-compare-throughput',
      title: 'Throughput: baseline vs current',
      type: 'line',
      yLabel: 'requests/s',
      datasets: [
        ds(
          'baseline completed/s',
          8,
          series(baseline, (w, i) => w.completed / bs[i]),
          { borderDash: [6, 4] },
        ),
        ds(
          'current completed/s',
          0,
          series(current, (w, i) => w.completed / cs[i]),
        ),
      ],
    },
  ];
}
