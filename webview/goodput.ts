// Goodput live, for runs with an `slo`: a chart of requests per second that met their SLO, the
// SLO attainment of the last 10 s and the met requests' output tokens per second, and a tile with
// the same figures (the last 10 s while running, the summary's at the end). Pure except the tile's
// numbers come from the view model, like kpis.ts.
import type { Window } from '../src/protocol';
import { perSecond, type ChartSpec } from './chart-specs';
import type { Kpi } from './kpis';
import { recentWindows } from './kpis';
import type { ViewState } from './state';
import { fmtNum, fmtPct, fmtPerSec } from './format';

/** The run judges requests against an SLO (its windows say so, or its summary). */
export function hasSlo(state: ViewState): boolean {
  return state.summary?.slo !== undefined || state.windows[state.windows.length - 1]?.slo !== undefined;
}

/** SLO attainment (%) over the last 10 windows up to `i`: steadier than one second's handful. */
function rollingAttainment(ws: readonly Window[], i: number): number | null {
  let judged = 0;
  let met = 0;
  for (let j = Math.max(0, i - 9); j <= i; j++) {
    judged += ws[j].slo?.judged ?? 0;
    met += ws[j].slo?.met ?? 0;
  }
  return judged > 0 ? (met / judged) * 100 : null;
}

function nullablePerSecond(w: Window, count: number | undefined): number | null {
  return count === undefined ? null : perSecond(w, count);
}

/** The goodput chart (one per run with an SLO). */
export function goodputSpecs(): ChartSpec[] {
  return [
    {
      id: 'goodput',
      title: 'Goodput (requests that met the SLO)',
      axes: { y: 'requests/s', y1: 'SLO attainment %', y2: 'tokens/s' },
      series: [
        {
          key: 'goodput',
          label: 'goodput/s',
          color: 'green',
          kind: 'line',
          axis: 'y',
          value: (ws, i) => nullablePerSecond(ws[i], ws[i].slo?.met),
        },
        {
          key: 'attainment',
          label: 'SLO attainment % (10 s)',
          color: 'blue',
          kind: 'line',
          axis: 'y1',
          dashed: true,
          value: rollingAttainment,
        },
        {
          key: 'goodTokens',
          label: 'goodput tokens/s',
          color: 'purple',
          kind: 'line',
          axis: 'y2',
          value: (ws, i) => nullablePerSecond(ws[i], ws[i].slo?.tokens),
        },
      ],
    },
  ];
}

/** The goodput tile, or null without an SLO. */
export function goodputKpi(state: ViewState): Kpi | null {
  if (!hasSlo(state)) return null;
  const s = state.summary?.slo;
  let goodput: number | null;
  let attainment: number | null;
  let tokens: number | null;
  if (state.summary) {
    goodput = s?.goodput ?? null;
    attainment = s?.attainment ?? null;
    tokens = s?.goodputTokensPerSecond ?? null;
  } else {
    const { list, seconds } = recentWindows(state.windows);
    let judged = 0;
    let met = 0;
    let tok = 0;
    for (const w of list) {
      judged += w.slo?.judged ?? 0;
      met += w.slo?.met ?? 0;
      tok += w.slo?.tokens ?? 0;
    }
    goodput = list.length ? met / seconds : null;
    attainment = judged > 0 ? met / judged : null;
    tokens = list.length ? tok / seconds : null;
  }
  return {
    id: 'goodput',
    label: 'Goodput',
    value: fmtPerSec(goodput),
    detail: `SLO attainment ${fmtPct(attainment)} · ${fmtNum(tokens, 1)} tokens/s`,
    target: null,
    verdict: 'none',
    scope: state.summary ? 'whole run' : 'last 10 s',
  };
}
