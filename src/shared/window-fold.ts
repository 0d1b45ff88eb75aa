// Long runs in the panel: a 4-hour soak is 14,400 one-second windows, and re-posting them on every
// reveal was a 12 MB message (issue #11). The panel draws history coarsely anyway, so old windows are
// merged into one window per span of time before they are posted or kept in the page; the most
// recent windows stay whole, and the files on disk keep every window. Pure.
//
// A merged window keeps what sums (requests, errors by class and reason, tokens, SLO and cache counts)
// as sums, so totals and ratios over it stay exact, and says how many windows it holds in `folded`,
// so a per-second chart divides by it. What cannot be merged from percentiles (p50…p999, gauges such
// as in-flight requests, ELU and lateness) takes the largest value of its windows: the envelope of the
// worst second, the same upper bound the summary rebuilt from windows uses.
import type { ErrorSample, Stats, Window } from '../protocol';
import type { PathWindow } from './gateway-types';

/** When to fold: above `maxWindows`, all but the last `recent` windows merge into about `buckets` windows. */
export interface WindowFoldPlan {
  maxWindows: number;
  recent: number;
  buckets: number;
}

/** The panel's plan: a snapshot holds at most 2,400 windows (about 2.5 MB), the last 15 minutes whole. */
export const PANEL_WINDOW_FOLD: WindowFoldPlan = { maxWindows: 2400, recent: 900, buckets: 600 };

/** How many one-second windows `w` stands for (1 for a window as the engine sent it). */
export function windowsIn(w: Window): number {
  return w.folded ?? 1;
}

/** The windows as the panel keeps them: unchanged up to `maxWindows`, else the history merged by spans of time. */
export function foldWindows(windows: readonly Window[], plan: WindowFoldPlan = PANEL_WINDOW_FOLD): Window[] {
  if (windows.length <= plan.maxWindows) return windows as Window[];
  const cut = windows.length - plan.recent;
  const span = Math.max(1, windows[cut - 1].tMs / plan.buckets);
  const out: Window[] = [];
  let start = 0;
  while (start < cut) {
    // Spans of time, not counts: folding an already folded history again keeps an even resolution.
    const bucket = Math.min(plan.buckets - 1, Math.floor((windows[start].tMs - 1e-6) / span));
    let end = start + 1;
    while (end < cut && Math.min(plan.buckets - 1, Math.floor((windows[end].tMs - 1e-6) / span)) === bucket) end++;
    out.push(end - start === 1 ? windows[start] : mergeWindows(windows.slice(start, end)));
    start = end;
  }
  for (let i = cut; i < windows.length; i++) out.push(windows[i]);
  return out;
}

/** One window for consecutive windows `ws` (at least one), at the time and index of the last. */
export function mergeWindows(ws: readonly Window[]): Window {
  const last = ws[ws.length - 1];
  const sum = (pick: (w: Window) => number | undefined): number => ws.reduce((a, w) => a + (pick(w) ?? 0), 0);
  const max = (pick: (w: Window) => number): number => ws.reduce((a, w) => Math.max(a, pick(w)), -Infinity);
  const merged: Window = {
    ...last,
    started: sum((w) => w.started),
    completed: sum((w) => w.completed),
    succeeded: sum((w) => w.succeeded),
    failed: sum((w) => w.failed),
    dropped: sum((w) => w.dropped),
    errors: sumRecords(ws.map((w) => w.errors)),
    duration: mergeStats(ws.map((w) => w.duration)),
    ttft: mergeStats(ws.map((w) => w.ttft)),
    itl: mergeStats(ws.map((w) => w.itl)),
    outputTokens: sum((w) => w.outputTokens),
    active: max((w) => w.active),
    activeMax: max((w) => w.activeMax),
    vus: max((w) => w.vus),
    rateLimit: {
      status429: sum((w) => w.rateLimit?.status429),
      remainingRequests: minOf(ws.map((w) => w.rateLimit?.remainingRequests)),
      remainingTokens: minOf(ws.map((w) => w.rateLimit?.remainingTokens)),
      retryAfterMs: maxOf(ws.map((w) => w.rateLimit?.retryAfterMs)),
    },
    latenessP99Ms: max((w) => w.latenessP99Ms),
    elu: max((w) => w.elu),
    thresholds: [],
    folded: sum(windowsIn),
  };
  if (ws.some((w) => w.ttfo !== undefined)) merged.ttfo = mergeStats(ws.map((w) => w.ttfo ?? null));
  if (ws.some((w) => w.reasoningTokens !== undefined)) merged.reasoningTokens = sum((w) => w.reasoningTokens);
  if (ws.some((w) => w.fallbacks !== undefined)) merged.fallbacks = sum((w) => w.fallbacks);
  if (ws.some((w) => w.statusCodes)) merged.statusCodes = sumRecords(ws.map((w) => w.statusCodes));
  if (ws.some((w) => w.reasons)) merged.reasons = sumRecords(ws.map((w) => w.reasons));
  const samples: ErrorSample[] = ws.flatMap((w) => w.newReasons ?? []);
  if (samples.length) merged.newReasons = samples;
  else delete merged.newReasons;
  if (ws.some((w) => w.slo))
    merged.slo = { judged: sum((w) => w.slo?.judged), met: sum((w) => w.slo?.met), tokens: sum((w) => w.slo?.tokens) };
  if (ws.some((w) => w.cache)) merged.cache = { hits: sum((w) => w.cache?.hits), misses: sum((w) => w.cache?.misses) };
  if (ws.some((w) => w.monitor)) merged.monitor = largestPerKey(ws.map((w) => w.monitor));
  if (ws.some((w) => w.gatewayHeaders))
    merged.gatewayHeaders = largestPerKey(ws.map((w) => w.gatewayHeaders)) as Record<string, number>;
  if (ws.some((w) => w.paths))
    merged.paths = {
      gateway: mergePath(ws.map((w) => w.paths?.gateway ?? null)),
      direct: mergePath(ws.map((w) => w.paths?.direct ?? null)),
    };
  return merged;
}

function mergeStats(list: ReadonlyArray<Stats | null | undefined>): Stats | null {
  const some = list.filter((s): s is Stats => !!s && s.count > 0);
  if (!some.length) return list.find((s) => s) ?? null;
  const count = some.reduce((a, s) => a + s.count, 0);
  const top = (k: keyof Stats): number => some.reduce((a, s) => Math.max(a, s[k]), -Infinity);
  return {
    count,
    avg: some.reduce((a, s) => a + s.avg * s.count, 0) / count,
    min: some.reduce((a, s) => Math.min(a, s.min), Infinity),
    max: top('max'),
    p50: top('p50'),
    p90: top('p90'),
    p95: top('p95'),
    p99: top('p99'),
    p999: top('p999'),
  };
}

function mergePath(list: ReadonlyArray<PathWindow['gateway']>): PathWindow['gateway'] {
  const some = list.filter((p): p is NonNullable<PathWindow['gateway']> => !!p && p.count > 0);
  if (!some.length) return null;
  const count = some.reduce((a, p) => a + p.count, 0);
  return {
    count,
    p50: some.reduce((a, p) => a + p.p50 * p.count, 0) / count,
    p99: some.reduce((a, p) => Math.max(a, p.p99), -Infinity),
  };
}

function sumRecords<K extends string>(list: ReadonlyArray<Partial<Record<K, number>> | undefined>): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const r of list) if (r) for (const [k, v] of Object.entries(r) as Array<[K, number]>) out[k] = (out[k] ?? 0) + v;
  return out;
}

function largestPerKey(list: ReadonlyArray<Record<string, number | null> | undefined>): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const r of list)
    if (r)
      for (const [k, v] of Object.entries(r)) {
        const prev = out[k];
        out[k] = v === null ? (prev ?? null) : prev === null || prev === undefined ? v : Math.max(prev, v);
      }
  return out;
}

function minOf(list: ReadonlyArray<number | null | undefined>): number | null {
  const xs = list.filter((x): x is number => typeof x === 'number');
  return xs.length ? Math.min(...xs) : null;
}

function maxOf(list: ReadonlyArray<number | null | undefined>): number | null {
  const xs = list.filter((x): x is number => typeof x === 'number');
  return xs.length ? Math.max(...xs) : null;
}
