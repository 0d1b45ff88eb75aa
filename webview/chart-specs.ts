// What each chart plots: series, axes and colours by name. Pure, so the expected points of a
// run can be computed in tests from the same windows the panel receives.
import type { RunInfo, Window } from '../src/protocol';
import { windowsIn } from '../src/shared/window-fold';

/** The engine's error classes, as the protocol's window counts them. */
type ErrorClass = keyof Window['errors'];

/** Colours by role; theme.ts maps them to the theme's `--vscode-charts-*` variables. */
export type ColorKey = 'blue' | 'red' | 'green' | 'yellow' | 'orange' | 'purple' | 'foreground' | 'muted';

/** One dataset: a line of one value per window, or bars summed per bucket of windows. */
export interface SeriesSpec {
  key: string;
  label: string;
  color: ColorKey;
  kind: 'line' | 'bar';
  axis: 'y' | 'y1' | 'y2';
  dashed?: boolean;
  /** The value at window `i` (null leaves a gap). For bars: the count in that window. */
  value: (windows: readonly Window[], i: number) => number | null;
}

/** One chart card. */
export interface ChartSpec {
  id: string;
  title: string;
  axes: Partial<Record<'y' | 'y1' | 'y2', string>>;
  /** Bars stack on top of each other (errors by class). */
  stacked?: boolean;
  series: SeriesSpec[];
}

/** Every error class, in the order the legend shows them. */
export const ERROR_CLASS_LIST = [
  'http_5xx',
  'http_429',
  'http_4xx',
  'timeout',
  'connection',
  'tls',
  'protocol',
  'check',
  'cancelled',
] as const satisfies readonly ErrorClass[];

const ERROR_COLORS: Record<(typeof ERROR_CLASS_LIST)[number], ColorKey> = {
  http_5xx: 'red',
  http_429: 'yellow',
  http_4xx: 'orange',
  timeout: 'purple',
  connection: 'blue',
  tls: 'blue',
  protocol: 'green',
  check: 'foreground',
  cancelled: 'muted',
};

/** A window's count per second: a merged window of a long run's history holds several seconds. */
export function perSecond(w: Window, count: number): number {
  return count / windowsIn(w);
}

/** Arrivals per minute over the last 10 windows: steadier than 60 × one second. */
function rollingPerMin(ws: readonly Window[], i: number): number {
  const from = Math.max(0, i - 9);
  let n = 0;
  for (let j = from; j <= i; j++) n += ws[j].completed;
  const start = from > 0 ? ws[from - 1].tMs : 0;
  const seconds = Math.max(0.001, (ws[i].tMs - start) / 1000);
  return (n / seconds) * 60;
}

type StatKey = 'p50' | 'p95' | 'p99';
function stat(pick: (w: Window) => Window['duration'], k: StatKey) {
  return (ws: readonly Window[], i: number): number | null => {
    const s = pick(ws[i]);
    return s && s.count > 0 ? s[k] : null;
  };
}

function percentileSeries(pick: (w: Window) => Window['duration']): SeriesSpec[] {
  return [
    { key: 'p50', label: 'p50', color: 'blue', kind: 'line', axis: 'y', value: stat(pick, 'p50') },
    { key: 'p95', label: 'p95', color: 'orange', kind: 'line', axis: 'y', value: stat(pick, 'p95') },
    { key: 'p99', label: 'p99', color: 'red', kind: 'line', axis: 'y', value: stat(pick, 'p99') },
  ];
}

/** The panel's charts for a run of this kind (open models plan a rate, closed ones VUs). */
export function chartSpecs(info: RunInfo | null): ChartSpec[] {
  const open = info?.kind !== 'closed';
  return [
    {
      id: 'throughput',
      title: 'Throughput',
      axes: { y: 'requests/s', y1: 'RPM' },
      series: [
        {
          key: 'succeeded',
          label: 'succeeded/s',
          color: 'green',
          kind: 'line',
          axis: 'y',
          value: (ws, i) => perSecond(ws[i], ws[i].succeeded),
        },
        {
          key: 'failed',
          label: 'failed/s',
          color: 'red',
          kind: 'line',
          axis: 'y',
          value: (ws, i) => perSecond(ws[i], ws[i].failed),
        },
        {
          key: 'rpm',
          label: 'RPM (10 s)',
          color: 'blue',
          kind: 'line',
          axis: 'y1',
          dashed: true,
          value: rollingPerMin,
        },
      ],
    },
    {
      id: 'latency',
      title: 'Response time (http_req_duration)',
      axes: { y: 'ms' },
      series: percentileSeries((w) => w.duration),
    },
    {
      id: 'ttft',
      title: 'Time to first token (and first output token)',
      axes: { y: 'ms' },
      series: [
        ...percentileSeries((w) => w.ttft),
        // AIPerf's TTFO: the first answer token after any reasoning; on top of p95 TTFT when there is none.
        {
          key: 'ttfo',
          label: 'TTFO p95',
          color: 'purple',
          kind: 'line',
          axis: 'y',
          dashed: true,
          value: stat((w) => w.ttfo ?? null, 'p95'),
        },
      ],
    },
    { id: 'itl', title: 'Inter-token latency', axes: { y: 'ms' }, series: percentileSeries((w) => w.itl) },
    {
      id: 'tokens',
      title: 'Output tokens per second',
      axes: { y: 'tokens/s' },
      series: [
        {
          key: 'tokens',
          label: 'tokens/s',
          color: 'purple',
          kind: 'line',
          axis: 'y',
          value: (ws, i) => perSecond(ws[i], ws[i].outputTokens),
        },
        {
          key: 'reasoning',
          label: 'of which reasoning',
          color: 'orange',
          kind: 'line',
          axis: 'y',
          dashed: true,
          value: (ws, i) => perSecond(ws[i], ws[i].reasoningTokens ?? 0),
        },
      ],
    },
    {
      id: 'concurrency',
      title: open ? 'Active connections vs planned rate' : 'VUs vs plan',
      axes: open ? { y: 'in flight', y1: 'planned/s' } : { y: 'VUs' },
      series: [
        { key: 'active', label: 'in flight', color: 'blue', kind: 'line', axis: 'y', value: (ws, i) => ws[i].active },
        ...(open
          ? []
          : [
              {
                key: 'vus',
                label: 'VUs',
                color: 'purple' as const,
                kind: 'line' as const,
                axis: 'y' as const,
                value: (ws: readonly Window[], i: number) => ws[i].vus,
              },
            ]),
        {
          key: 'planned',
          label: open ? 'planned arrivals/s' : 'planned VUs',
          color: 'foreground',
          kind: 'line',
          axis: open ? 'y1' : 'y',
          dashed: true,
          value: (ws, i) => ws[i].planned,
        },
      ],
    },
    {
      id: 'errors',
      title: 'Errors by class',
      axes: { y: 'errors/s' },
      stacked: true,
      series: ERROR_CLASS_LIST.map((c) => ({
        key: c,
        label: c,
        color: ERROR_COLORS[c],
        kind: 'bar' as const,
        axis: 'y' as const,
        value: (ws: readonly Window[], i: number) => ws[i].errors?.[c] ?? 0,
      })),
    },
    {
      id: 'ratelimit',
      title: 'Rate-limit signals',
      axes: { y: '429/s', y1: 'remaining requests', y2: 'remaining tokens' },
      series: [
        {
          key: 'status429',
          label: '429 responses/s',
          color: 'yellow',
          kind: 'bar',
          axis: 'y',
          value: (ws, i) => ws[i].rateLimit?.status429 ?? 0,
        },
        {
          key: 'remainingRequests',
          label: 'x-ratelimit-remaining-requests',
          color: 'blue',
          kind: 'line',
          axis: 'y1',
          value: (ws, i) => ws[i].rateLimit?.remainingRequests ?? null,
        },
        {
          key: 'remainingTokens',
          label: 'x-ratelimit-remaining-tokens',
          color: 'purple',
          kind: 'line',
          axis: 'y2',
          dashed: true,
          value: (ws, i) => ws[i].rateLimit?.remainingTokens ?? null,
        },
      ],
    },
  ];
}

const SERIES_COLORS: readonly ColorKey[] = [
  'blue',
  'orange',
  'green',
  'purple',
  'red',
  'yellow',
  'foreground',
  'muted',
];

/** The Resources charts: one per monitored group (a preset's CPU, memory, network, …), same time axis. */
export function resourceSpecs(info: RunInfo | null): ChartSpec[] {
  const groups = new Map<string, NonNullable<RunInfo['monitor']>>();
  for (const s of info?.monitor ?? []) groups.set(s.group, [...(groups.get(s.group) ?? []), s]);
  return [...groups].map(([group, list], gi) => ({
    id: `monitor-${gi}`,
    title: group,
    axes: { y: list[0].unit || 'value' },
    series: list.map((s, i) => ({
      key: s.key,
      label: s.key,
      color: SERIES_COLORS[i % SERIES_COLORS.length],
      kind: 'line' as const,
      axis: 'y' as const,
      value: (ws: readonly Window[], w: number) => ws[w].monitor?.[s.key] ?? null,
    })),
  }));
}

/** At most this many bars per series: an hour of seconds becomes 15 s buckets. */
export const MAX_BARS = 240;

/** Seconds per bar for a run of `n` seconds (`n` one-second windows). */
export function bucketSize(n: number): number {
  return Math.max(1, Math.ceil(n / MAX_BARS));
}

/**
 * A bar series bucketed by the run's seconds: x at the bucket's middle (s), y the mean per second
 * over the bucket. A window belongs to the bucket of its index, which for a merged window of a long
 * run's history (window-fold.ts) is the index of its last second.
 */
export function barPoints(windows: readonly Window[], value: SeriesSpec['value']): Array<{ x: number; y: number }> {
  const out: Array<{ x: number; y: number }> = [];
  if (windows.length === 0) return out;
  const k = bucketSize(windows[windows.length - 1].index + 1);
  let start = 0;
  while (start < windows.length) {
    const bucket = Math.floor(windows[start].index / k);
    let end = start;
    let sum = 0;
    while (end < windows.length && Math.floor(windows[end].index / k) === bucket) sum += value(windows, end++) ?? 0;
    const t0 = start > 0 ? windows[start - 1].tMs : 0;
    const t1 = windows[end - 1].tMs;
    const seconds = Math.max(0.001, (t1 - t0) / 1000);
    out.push({ x: (t0 + t1) / 2000, y: sum / seconds });
    start = end;
  }
  return out;
}
