// The KPI tiles' numbers and verdicts, computed from the view model. Pure.
// While running, latency and rates describe the last 10 s (what the gateway does now); success
// rate is cumulative. At the end every figure comes from the summary, i.e. the whole run.
import type { Window } from '../src/protocol';
import type { ViewState } from './state';
import { fmtMs, fmtNum, fmtPct, fmtPerMin, fmtPerSec } from './format';
import { cacheKpis } from './insight';

/** A tile's verdict against the scenario's `targets`; `none` when there is no target or no data. */
export type Verdict = 'met' | 'missed' | 'none';

/** One KPI tile, as text: a person reads the verdict from ✓/✗ and words, not only colour. */
export interface Kpi {
  id: 'success' | 'latency' | 'throughput' | 'ttft' | 'tokens' | 'goodput' | 'cache';
  label: string;
  /** The headline figure, compared with the target. */
  value: string;
  /** Secondary figures, e.g. the average beside p95. */
  detail: string;
  /** "target 99.2%", or null without a target. */
  target: string | null;
  verdict: Verdict;
  /** What period the figures cover: "so far", "last 10 s", "whole run". */
  scope: string;
}

/** How far back the live figures look. */
export const RECENT_MS = 10_000;

/** The windows of the last 10 s and the time they span, in seconds. */
export function recentWindows(windows: readonly Window[]): { list: Window[]; seconds: number } {
  const last = windows[windows.length - 1];
  if (!last) return { list: [], seconds: 0 };
  let start = windows.length - 1;
  while (start > 0 && windows[start - 1].tMs > last.tMs - RECENT_MS) start--;
  const before = start > 0 ? windows[start - 1].tMs : 0;
  return { list: windows.slice(start), seconds: Math.max(0.001, (last.tMs - before) / 1000) };
}

/** Count-weighted mean of a statistic over windows: exact for `avg`, an estimate for percentiles. */
export function weighted(
  list: readonly Window[],
  pick: (w: Window) => { count: number; value: number } | null,
): number | null {
  let n = 0;
  let sum = 0;
  for (const w of list) {
    const s = pick(w);
    if (!s || s.count <= 0 || !Number.isFinite(s.value)) continue;
    n += s.count;
    sum += s.count * s.value;
  }
  return n > 0 ? sum / n : null;
}

/** The best 10 s of completions per second: what the gateway sustained, ramps notwithstanding. */
export function peakRecentRate(windows: readonly Window[]): number | null {
  let best: number | null = null;
  for (let i = 0; i < windows.length; i++) {
    // Short spans exaggerate; only a run shorter than 10 s is judged on less.
    if (windows[i].tMs < RECENT_MS && !(i === windows.length - 1 && best === null)) continue;
    const { list, seconds } = recentWindows(windows.slice(Math.max(0, i - 20), i + 1));
    const rate = list.reduce((a, w) => a + w.completed, 0) / seconds;
    if (best === null || rate > best) best = rate;
  }
  return best;
}

function verdict(value: number | null, target: number | undefined, better: 'higher' | 'lower'): Verdict {
  if (value === null || target === undefined) return 'none';
  return (better === 'higher' ? value >= target : value <= target) ? 'met' : 'missed';
}

interface Figures {
  success: number | null;
  avgMs: number | null;
  p95Ms: number | null;
  perSec: number | null;
  ttftP95: number | null;
  /** Time to first output token (after reasoning) p95. */
  ttfoP95: number | null;
  tokensPerSec: number | null;
  /** Share of the output tokens that were reasoning. */
  reasoningShare: number | null;
}

function liveFigures(windows: readonly Window[]): Figures {
  let completed = 0;
  let succeeded = 0;
  for (const w of windows) {
    completed += w.completed;
    succeeded += w.succeeded;
  }
  const { list, seconds } = recentWindows(windows);
  const done = list.reduce((a, w) => a + w.completed, 0);
  const tokens = list.reduce((a, w) => a + w.outputTokens, 0);
  const reasoning = list.reduce((a, w) => a + (w.reasoningTokens ?? 0), 0);
  return {
    success: completed > 0 ? succeeded / completed : null,
    avgMs: weighted(list, (w) => w.duration && { count: w.duration.count, value: w.duration.avg }),
    p95Ms: weighted(list, (w) => w.duration && { count: w.duration.count, value: w.duration.p95 }),
    perSec: list.length ? done / seconds : null,
    ttftP95: weighted(list, (w) => w.ttft && { count: w.ttft.count, value: w.ttft.p95 }),
    ttfoP95: weighted(list, (w) => (w.ttfo ? { count: w.ttfo.count, value: w.ttfo.p95 } : null)),
    tokensPerSec: list.length ? tokens / seconds : null,
    reasoningShare: tokens > 0 ? reasoning / tokens : null,
  };
}

function finalFigures(state: ViewState): Figures {
  const s = state.summary!;
  const m = s.metrics;
  const num = (v: number | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    success: s.requests.sent > 0 ? s.requests.succeeded / s.requests.sent : null,
    avgMs: num(m.http_req_duration?.avg),
    p95Ms: num(m.http_req_duration?.p95),
    // A ramp's average always misses a peak target; judge what the gateway sustained for 10 s.
    perSec: peakRecentRate(state.windows) ?? num(m.http_reqs?.rate),
    ttftP95: num(m.time_to_first_token?.p95),
    ttfoP95: num(m.time_to_first_output_token?.p95),
    tokensPerSec: num(m.output_tokens?.rate),
    reasoningShare: m.output_tokens?.count ? (m.reasoning_tokens?.count ?? 0) / m.output_tokens.count : null,
  };
}

/** The five tiles (six with a cache), in display order. */
export function computeKpis(state: ViewState): Kpi[] {
  const ended = state.summary !== null;
  const f = ended ? finalFigures(state) : liveFigures(state.windows);
  const t = state.info?.targets ?? {};
  const recent = ended ? 'whole run' : 'last 10 s';
  return [
    {
      id: 'success',
      label: 'Success rate',
      value: fmtPct(f.success),
      detail: ended
        ? `${fmtNum(state.summary!.requests.succeeded, 0)} of ${fmtNum(state.summary!.requests.sent, 0)} requests`
        : 'of completed requests',
      target: t.successRate === undefined ? null : `target ${fmtPct(t.successRate)}`,
      verdict: verdict(f.success, t.successRate, 'higher'),
      scope: ended ? 'whole run' : 'so far',
    },
    {
      id: 'latency',
      label: 'Response time p95',
      value: fmtMs(f.p95Ms),
      detail: `avg ${fmtMs(f.avgMs)}`,
      target: t.responseTimeMs === undefined ? null : `target ${fmtMs(t.responseTimeMs)}`,
      verdict: verdict(f.p95Ms, t.responseTimeMs, 'lower'),
      scope: recent,
    },
    {
      id: 'throughput',
      label: 'Throughput',
      value: fmtPerSec(f.perSec),
      detail: ended
        ? `${fmtPerMin(f.perSec)} · run avg ${fmtPerSec(state.summary!.metrics.http_reqs?.rate)}`
        : fmtPerMin(f.perSec),
      target: t.throughputPerSec === undefined ? null : `target ${fmtPerMin(t.throughputPerSec)}`,
      verdict: verdict(f.perSec, t.throughputPerSec, 'higher'),
      scope: ended && state.windows.length > 0 ? 'best 10 s' : recent,
    },
    {
      id: 'ttft',
      label: 'Time to first token p95',
      value: fmtMs(f.ttftP95),
      target: null,
      verdict: 'none',
      scope: recent,
      // Reasoning models: the first answer token (TTFO) comes after the thinking.
      detail:
        f.ttfoP95 !== null && f.ttftP95 !== null && f.ttfoP95 > f.ttftP95
          ? `first output token p95 ${fmtMs(f.ttfoP95)}`
          : 'streaming requests',
    },
    {
      id: 'tokens',
      label: 'Output tokens',
      value: fmtPerSec(f.tokensPerSec),
      target: null,
      verdict: 'none',
      scope: recent,
      detail: f.reasoningShare ? `tokens per second · ${fmtPct(f.reasoningShare)} reasoning` : 'tokens per second',
    },
    ...cacheKpis(state),
  ];
}
