// When the worker dies without a summary, the host builds one from the windows it kept, so a
// crashed run still has a summary.json. Percentiles cannot be merged exactly from windows: the
// largest window value is used (an upper bound), and the summary says so in its reason.
import type { ErrorSample, MetricSummary, RunStatus, Stats, Summary, Window } from '../protocol';
import type { Scenario } from '../scenario/model';
import { ERROR_CLASSES } from '../shared/metrics';
import { cacheFromWindows } from '../shared/cache-summary';
import { windowsIn } from '../shared/window-fold';
import { round4 as round, summaryEnvironment, summaryHead, summaryThresholds } from '../shared/summary-fields';

/** What the host knows of a run whose worker died. */
export interface FallbackFacts {
  scenario: Scenario;
  runId: string;
  startedAt: string;
  status: RunStatus;
  reason: string;
  plannedDurationMs: number;
}

/** A summary rebuilt from the saved windows (status and reason from the host). */
export function summaryFromWindows(windows: readonly Window[], f: FallbackFacts): Summary {
  const sum = (pick: (w: Window) => number): number => windows.reduce((a, w) => a + pick(w), 0);
  const durationMs = windows.length ? windows[windows.length - 1].tMs : 0;
  const secs = Math.max(durationMs / 1000, 1e-3);
  const completed = sum((w) => w.completed);
  const succeeded = sum((w) => w.succeeded);
  const failed = sum((w) => w.failed);
  const errors: Summary['errors'] = {};
  for (const c of ERROR_CLASSES) {
    const n = sum((w) => w.errors[c] ?? 0);
    if (n) errors[c] = n;
  }
  // Requests in flight when the worker died never completed: count them as cancelled so sent = succeeded + Σ errors.
  const started = sum((w) => w.started);
  const lost = Math.max(0, started - completed);
  if (lost) errors.cancelled = (errors.cancelled ?? 0) + lost;
  const metrics: Record<string, MetricSummary> = {
    http_reqs: { count: completed, rate: round(completed / secs) },
    http_req_failed: { count: failed + lost, rate: completed + lost ? round((failed + lost) / (completed + lost)) : 0 },
    dropped_iterations: { count: sum((w) => w.dropped), rate: round(sum((w) => w.dropped) / secs) },
    output_tokens: { count: sum((w) => w.outputTokens), rate: round(sum((w) => w.outputTokens) / secs) },
    reasoning_tokens: {
      count: sum((w) => w.reasoningTokens ?? 0),
      rate: round(sum((w) => w.reasoningTokens ?? 0) / secs),
    },
    iterations: { count: started, rate: round(started / secs) },
    vus: { value: windows.at(-1)?.vus ?? 0, max: Math.max(0, ...windows.map((w) => w.vus)) },
    active_connections: { value: windows.at(-1)?.active ?? 0, max: Math.max(0, ...windows.map((w) => w.activeMax)) },
  };
  const d = mergeStats(windows.map((w) => w.duration));
  if (d) metrics.http_req_duration = d;
  const t = mergeStats(windows.map((w) => w.ttft));
  if (t) metrics.time_to_first_token = t;
  const o = mergeStats(windows.map((w) => w.ttfo ?? null));
  if (o) metrics.time_to_first_output_token = o;
  const i = mergeStats(windows.map((w) => w.itl));
  if (i) metrics.inter_token_latency = i;
  const last = windows.at(-1);
  // Statuses and reasons add up exactly from the windows (each reason arrives once with its body).
  const statusCodes: Record<string, number> = {};
  const reasons = new Map<number, ErrorSample>();
  for (const w of windows) {
    for (const [k, n] of Object.entries(w.statusCodes ?? {})) statusCodes[k] = (statusCodes[k] ?? 0) + n;
    for (const e of w.newReasons ?? []) if (!reasons.has(e.id)) reasons.set(e.id, { ...e, count: 0 });
    for (const [id, n] of Object.entries(w.reasons ?? {})) {
      const e = reasons.get(Number(id));
      if (e) {
        e.count += n;
        e.lastAtMs = Math.max(e.lastAtMs, w.tMs);
      }
    }
  }
  return {
    ...summaryHead({
      ...f,
      reason: `${f.reason} (summary rebuilt from ${windows.reduce((n, w) => n + windowsIn(w), 0)} saved windows; percentiles are upper bounds)`,
      durationMs,
    }),
    metrics,
    requests: { sent: started, succeeded, failed: failed + lost },
    errors,
    thresholds: summaryThresholds(last?.thresholds ?? []),
    checks: [],
    models: {},
    tokens: { fromUsage: 0, counted: 0, usageVsCountedDiffPct: null },
    rateLimitSamples: [],
    statusCodes,
    errorSamples: [...reasons.values()].sort((a, b) => b.count - a.count),
    generator: {
      latenessP99Ms: Math.max(0, ...windows.map((w) => w.latenessP99Ms)),
      eluMax: Math.max(0, ...windows.map((w) => w.elu)),
      saturated: false,
      warnings: [],
    },
    ...cacheSection(windows),
    environment: summaryEnvironment(),
  };
}

/** Hits and misses survive a crash in the windows (latency by side does not). */
function cacheSection(windows: readonly Window[]): Pick<Summary, 'cache'> {
  const cache = cacheFromWindows(windows);
  return cache ? { cache } : {};
}

function mergeStats(list: Array<Stats | null>): Stats | null {
  const xs = list.filter((s): s is Stats => s !== null && s.count > 0);
  if (xs.length === 0) return null;
  const count = xs.reduce((a, s) => a + s.count, 0);
  const max = (k: keyof Stats): number => Math.max(...xs.map((s) => s[k]));
  return {
    count,
    avg: round(xs.reduce((a, s) => a + s.avg * s.count, 0) / count),
    min: Math.min(...xs.map((s) => s.min)),
    max: max('max'),
    p50: max('p50'),
    p90: max('p90'),
    p95: max('p95'),
    p99: max('p99'),
    p999: max('p999'),
  };
}
