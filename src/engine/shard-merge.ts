// Merging a shared run: each second, the workers' windows become one window, exactly the shape a
// single worker sends. Histograms arrive encoded and are ADDED into one recorder (a p99 of the
// union, never an average of p99s); counters are summed; failure reasons get run-wide ids.
import type { ErrorSample, ShardWindowMessage, Window } from '../protocol';
import { Recorder, TREND_METRICS, type Counters, type TrendName } from './recorder';
import { eluCountsForLoad } from './failure-report';
import { rolledFigures } from './window-figures';

/** Counters whose window values add up across workers. */
const SUMMED = [
  'started',
  'completed',
  'succeeded',
  'failed',
  'dropped',
  'outputTokens',
  'inputTokens',
  'reasoningTokens',
  'status429',
  'sloJudged',
  'sloMet',
  'sloTokens',
  'sloMissFailed',
  'sloMissTtft',
  'sloMissTpot',
  'sloMissDuration',
] as const;

/** Adds one worker's window counters (a structured-clone copy of its Counters) into `into`. */
export function addCounters(into: Counters, from: Record<string, unknown>, peaks: boolean): void {
  for (const k of SUMMED) {
    const v = from[k];
    if (typeof v === 'number') into[k] += v;
  }
  addMap(into.errors as Record<string, number>, from.errors);
  addMap(into.statusCodes, from.statusCodes);
  into.remainingRequests = minOf(into.remainingRequests, from.remainingRequests);
  into.remainingTokens = minOf(into.remainingTokens, from.remainingTokens);
  const retry = from.retryAfterMs;
  if (typeof retry === 'number' && (into.retryAfterMs === null || retry > into.retryAfterMs)) into.retryAfterMs = retry;
  // Peaks of different workers need not coincide: their sum is the window's upper bound.
  if (peaks && typeof from.activeMax === 'number') into.activeMax += from.activeMax;
}

function addMap(into: Record<string, number>, from: unknown): void {
  if (typeof from !== 'object' || from === null) return;
  for (const [k, v] of Object.entries(from as Record<string, unknown>))
    if (typeof v === 'number') into[k] = (into[k] ?? 0) + v;
}

function minOf(a: number | null, b: unknown): number | null {
  if (typeof b !== 'number') return a;
  return a === null || b < a ? b : a;
}

/** A reason's identity across workers: the fields the engine groups failures by. */
function reasonKey(s: Pick<ErrorSample, 'class' | 'code' | 'status' | 'message'>): string {
  return `${s.class}\u0000${s.code ?? ''}\u0000${s.status ?? ''}\u0000${s.message}`;
}

/** The merged state of a shared run: one recorder fed every worker's windows, in order. */
export class WindowMerger {
  readonly rec = new Recorder();
  vusMax = 0;
  /** Largest event-loop utilisation of any worker after the first second. */
  eluMax = 0;
  private readonly reasonIds = new Map<string, number>();
  private readonly byWorker = new Map<string, number>();
  private readonly checks: Array<[number, number]>;

  constructor(
    workers: number,
    private readonly closed: boolean,
  ) {
    this.checks = Array.from({ length: workers }, () => [0, 0] as [number, number]);
  }

  /** One second: the windows of that index from every worker still sending (`worker` is each one's 0-based index). */
  merge(parts: ReadonlyArray<{ worker: number; msg: ShardWindowMessage }>): Window {
    const rec = this.rec;
    let tMs = 0;
    let planned = 0;
    let active = 0;
    let vus = 0;
    let elu = 0;
    let slo: Window['slo'];
    const reasons: Record<string, number> = {};
    const newReasons: ErrorSample[] = [];
    for (const { worker, msg } of parts) {
      const w = msg.window;
      addCounters(rec.win, msg.counters, true);
      addCounters(rec.total, msg.counters, false);
      for (const name of Object.keys(TREND_METRICS) as TrendName[]) {
        const h = msg.hists[name];
        if (h) rec.winTrends.h[name].addEncoded(h);
      }
      this.checks[worker] = [msg.checksPassed, msg.checksFailed];
      tMs = Math.max(tMs, w.tMs);
      planned = this.closed ? planned + w.planned : Math.max(planned, w.planned);
      active += w.active;
      vus += w.vus;
      elu = Math.max(elu, w.elu);
      if (w.slo) {
        slo ??= { judged: 0, met: 0, tokens: 0 };
        slo.judged += w.slo.judged;
        slo.met += w.slo.met;
        slo.tokens += w.slo.tokens;
      }
      for (const s of w.newReasons ?? []) this.learnReason(worker, s, newReasons);
      for (const [id, n] of Object.entries(w.reasons ?? {})) {
        const merged = this.byWorker.get(`${worker}:${id}`);
        if (merged !== undefined) reasons[merged] = (reasons[merged] ?? 0) + n;
      }
    }
    rec.checksPassed = this.checks.reduce((a, c) => a + c[0], 0);
    rec.checksFailed = this.checks.reduce((a, c) => a + c[1], 0);
    const index = parts[0]?.msg.window.index ?? 0;
    const first = parts[0]?.msg.window;
    const r = rec.rollWindow();
    const c = r.counters;
    if (c.activeMax > rec.total.activeMax) rec.total.activeMax = c.activeMax;
    if (vus > this.vusMax) this.vusMax = vus;
    if (first && eluCountsForLoad(first) && elu > this.eluMax) this.eluMax = elu;
    const window: Window = {
      index,
      tMs,
      stage: first?.stage ?? 0,
      planned: Math.round(planned * 1000) / 1000,
      ...rolledFigures(r),
      active,
      activeMax: Math.max(c.activeMax, active),
      vus,
      rateLimit: r.rateLimit,
      latenessP99Ms: Math.round(r.latenessP99Ms * 1000) / 1000,
      elu,
      thresholds: [],
    };
    if (Object.keys(c.statusCodes).length) window.statusCodes = c.statusCodes as Record<string, number>;
    if (Object.keys(reasons).length) window.reasons = reasons;
    if (newReasons.length) window.newReasons = newReasons;
    if (slo) window.slo = slo;
    return window;
  }

  /** Gives a worker's reason its run-wide id; a reason new to the run is announced in this window. */
  private learnReason(worker: number, s: ErrorSample, fresh: ErrorSample[]): void {
    const key = reasonKey(s);
    let id = this.reasonIds.get(key);
    if (id === undefined) {
      id = this.reasonIds.size + 1;
      this.reasonIds.set(key, id);
      fresh.push({ ...s, id });
    }
    this.byWorker.set(`${worker}:${s.id}`, id);
  }

  /** The workers' failure reasons as one table: equal reasons counted together, most frequent first, ids as the windows gave them. */
  errorSamples(lists: ReadonlyArray<readonly ErrorSample[]>, max: number): { list: ErrorSample[]; omitted: number } {
    const byKey = new Map<string, ErrorSample>();
    for (const list of lists)
      for (const s of list) {
        const k = reasonKey(s);
        const had = byKey.get(k);
        if (!had) {
          let id = this.reasonIds.get(k);
          if (id === undefined) {
            id = this.reasonIds.size + 1;
            this.reasonIds.set(k, id);
          }
          byKey.set(k, { ...s, id });
        } else {
          had.count += s.count;
          had.firstAtMs = Math.min(had.firstAtMs, s.firstAtMs);
          had.lastAtMs = Math.max(had.lastAtMs, s.lastAtMs);
        }
      }
    const all = [...byKey.values()].sort((a, b) => b.count - a.count || a.firstAtMs - b.firstAtMs);
    return { list: all.slice(0, max), omitted: Math.max(0, all.length - max) };
  }

  destroy(): void {
    this.rec.destroy();
  }
}
