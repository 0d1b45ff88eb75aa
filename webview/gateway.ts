// The panel's gateway section: the overhead headline (live from the last windows, then the
// summary's with its confidence interval), both paths on one chart, and at the end the header
// metrics and routing tables. Shown only for runs that have something of it to say.
import type { RunInfo, Summary, Window } from '../src/protocol';
import type { ChartSpec } from './chart-specs';
import {
  fallbackLine,
  GATEWAY_HEADER_COLUMNS,
  gatewayHeaderRows,
  OVERHEAD_COLUMNS,
  overheadHeadline,
  overheadMethod,
  overheadRows,
  ROUTING_COLUMNS,
  routingRows,
} from '../src/shared/gateway-format';
import { h } from './dom';

type Side = 'gateway' | 'direct';

function pathStat(side: Side, k: 'p50' | 'p99') {
  return (ws: readonly Window[], i: number): number | null => ws[i].paths?.[side]?.[k] ?? null;
}

/** Both paths' p50 and p99 on one axis (`target.direct` runs). */
export function gatewaySpecs(_info: RunInfo | null): ChartSpec[] {
  return [
    {
      id: 'paths',
      title: 'Gateway and direct path (http_req_duration)',
      axes: { y: 'ms' },
      series: [
        {
          key: 'gw50',
          label: 'gateway p50',
          color: 'blue',
          kind: 'line',
          axis: 'y',
          value: pathStat('gateway', 'p50'),
        },
        {
          key: 'dir50',
          label: 'direct p50',
          color: 'green',
          kind: 'line',
          axis: 'y',
          value: pathStat('direct', 'p50'),
        },
        {
          key: 'gw99',
          label: 'gateway p99',
          color: 'blue',
          kind: 'line',
          axis: 'y',
          dashed: true,
          value: pathStat('gateway', 'p99'),
        },
        {
          key: 'dir99',
          label: 'direct p99',
          color: 'green',
          kind: 'line',
          axis: 'y',
          dashed: true,
          value: pathStat('direct', 'p99'),
        },
      ],
    },
  ];
}

/** Whether the run measures the gateway against a direct path. */
export function hasPaths(windows: readonly Window[], summary: Summary | null): boolean {
  return !!summary?.overhead || windows.some((w) => w.paths);
}

/** The median the gateway adds over the last `n` windows (count-weighted p50s), or null before both paths answered. */
export function liveOverhead(windows: readonly Window[], n = 10): number | null {
  let gw = 0;
  let gn = 0;
  let d = 0;
  let dn = 0;
  for (let i = Math.max(0, windows.length - n); i < windows.length; i++) {
    const p = windows[i].paths;
    if (p?.gateway) {
      gw += p.gateway.p50 * p.gateway.count;
      gn += p.gateway.count;
    }
    if (p?.direct) {
      d += p.direct.p50 * p.direct.count;
      dn += p.direct.count;
    }
  }
  return gn && dn ? gw / gn - d / dn : null;
}

/** The headline: the summary's at the end, a live estimate while running. */
export function headlineText(windows: readonly Window[], summary: Summary | null): string {
  if (summary?.overhead) return overheadHeadline(summary.overhead);
  const live = liveOverhead(windows);
  return live === null
    ? 'Gateway overhead: waiting for answers on both paths…'
    : `Gateway adds about ${live.toFixed(1)} ms at p50 (last 10 s; the interval comes with the summary)`;
}

/** Renders the headline and caution into `el`. */
export function renderHeadline(el: HTMLElement, windows: readonly Window[], summary: Summary | null): void {
  const caution = summary?.overhead?.caution;
  el.replaceChildren(
    h(
      'p',
      { class: 'overhead-headline', 'data-overhead': summary?.overhead ? 'final' : 'live' },
      headlineText(windows, summary),
    ),
    ...(caution ? [h('p', { class: 'warning' }, `⚠ ${caution}`)] : []),
  );
}

function grid(cls: string, head: string[], rows: string[][]): HTMLElement {
  return h(
    'table',
    { class: `grid ${cls}` },
    h(
      'thead',
      {},
      h('tr', {}, ...head.map((t, i) => h('th', { scope: 'col', class: i === 0 ? undefined : 'num' }, t))),
    ),
    h(
      'tbody',
      {},
      ...rows.map((r) => h('tr', {}, ...r.map((c, i) => h('td', { class: i === 0 ? 'mono' : 'num' }, c)))),
    ),
  );
}

/** The summary's gateway parts: overhead per percentile, header metrics, routing. */
export function gatewaySummaryParts(s: Summary): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (s.overhead) {
    out.push(
      h('h3', {}, 'Gateway overhead'),
      grid('overhead', OVERHEAD_COLUMNS, overheadRows(s.overhead)),
      h('p', { class: 'muted' }, overheadMethod(s.overhead)),
    );
  }
  if (s.gatewayHeaders)
    out.push(
      h('h3', {}, 'What the gateway reports'),
      grid('gateway-headers', GATEWAY_HEADER_COLUMNS, gatewayHeaderRows(s.gatewayHeaders)),
    );
  if (s.routing && (Object.keys(s.routing.byModel).length > 1 || s.routing.fallbacks.count > 0))
    out.push(
      h('h3', {}, 'Routing'),
      h('p', { class: 'muted' }, fallbackLine(s.routing)),
      grid('routing', ROUTING_COLUMNS, routingRows(s.routing)),
    );
  return out;
}

const HEADER_COLORS: ReadonlyArray<ChartSpec['series'][number]['color']> = [
  'purple',
  'orange',
  'blue',
  'green',
  'red',
  'yellow',
];

/** One chart of the header metrics seen so far (their per-second means). */
export function headerSpecs(names: readonly string[]): ChartSpec[] {
  return [
    {
      id: 'gateway-headers',
      title: 'What the gateway reports (header metrics, mean per second)',
      axes: { y: 'value' },
      series: names.map((n, i) => ({
        key: n,
        label: n,
        color: HEADER_COLORS[i % HEADER_COLORS.length],
        kind: 'line' as const,
        axis: 'y' as const,
        value: (ws: readonly Window[], w: number) => ws[w].gatewayHeaders?.[n] ?? null,
      })),
    },
  ];
}

/** Header metric names in the windows, sorted; on append only the newest window is read. */
export function headerNames(known: readonly string[], windows: readonly Window[], all: boolean): string[] {
  const set = new Set(known);
  const from = all ? 0 : Math.max(0, windows.length - 1);
  for (let i = from; i < windows.length; i++) for (const k of Object.keys(windows[i].gatewayHeaders ?? {})) set.add(k);
  return set.size === known.length ? (known as string[]) : [...set].sort();
}
