// The summary of a shared run: built from the merged recorder (every window's counters and
// histograms, added), with what only the workers' own summaries hold folded in: checks, models,
// token sources, 429 samples, failure reasons, cut streams, the HTTP spoken, their warnings.
import type { Summary, ThresholdState } from '../protocol';
import type { Scenario } from '../scenario/model';
import { MAX_ERROR_SAMPLES } from './error-samples';
import type { WindowMerger } from './shard-merge';
import { buildSloSummary } from './slo-summary';
import { buildSummary } from './summary';

/** What the coordinator knows about the run besides the merged windows. */
export interface SharedRunFacts {
  scenario: Scenario;
  runId: string;
  status: Summary['status'];
  reason?: string;
  startedAt: string;
  durationMs: number;
  plannedDurationMs: number;
  thresholds: ThresholdState[];
  workers: number;
  /** 0-based indices of the workers that crashed, with why. */
  crashed: Array<{ worker: number; message: string }>;
}

const LATENESS_LIMIT_MS = 5;
const ELU_LIMIT = 0.9;
const MAX_429_SAMPLES = 10;

/** One summary for the run, from the merged data and the summaries of the workers that finished. */
export function sharedSummary(m: WindowMerger, parts: ReadonlyArray<Summary | null>, f: SharedRunFacts): Summary {
  const rec = m.rec;
  const done = parts.filter((p): p is Summary => p !== null);
  let usageWeighted = 0;
  for (const s of done) {
    for (const c of s.checks) {
      const had = rec.checks.get(c.name);
      if (had) {
        had.passes += c.passes;
        had.fails += c.fails;
      } else rec.checks.set(c.name, { ...c });
    }
    for (const [model, n] of Object.entries(s.models)) rec.models.set(model, (rec.models.get(model) ?? 0) + n);
    rec.tokensFromUsage += s.tokens.fromUsage;
    rec.tokensCounted += s.tokens.counted;
    if (s.tokens.usageVsCountedDiffPct !== null) {
      rec.usageCompared += s.tokens.fromUsage;
      usageWeighted += (s.tokens.usageVsCountedDiffPct / 100) * s.tokens.fromUsage;
    }
    for (const r of s.rateLimitSamples) if (rec.rateLimitSamples.length < MAX_429_SAMPLES) rec.rateLimitSamples.push(r);
    rec.cutStreams += s.cutStreams?.count ?? 0;
    rec.cutOutputTokens += s.cutStreams?.outputTokens ?? 0;
  }
  rec.usageDiffAbs = usageWeighted;
  // Workers that crashed counted only in the windows they sent; the windows hold every request's counters.
  const latenessP99Ms = rec.latenessP99();
  const eluMax = Math.max(m.eluMax, ...done.map((s) => s.generator.eluMax));
  const limited = done.find((s) => s.generator.limit);
  // The run's name, span and thresholds as the coordinator knows them; `workers` and `crashed` go to the warnings.
  const { workers: _workers, crashed: _crashed, ...facts } = f;
  const summary = buildSummary(rec, {
    ...facts,
    lastVus: 0,
    lastActive: done.reduce((a, s) => a + (s.metrics.active_connections?.value ?? 0), 0),
    vusMax: m.vusMax,
    latenessP99Ms,
    eluMax,
    saturated: latenessP99Ms > LATENESS_LIMIT_MS || eluMax > ELU_LIMIT,
    warnings: sharedWarnings(parts, f),
    limit: limited?.generator.limit,
    cpuShare: limited?.generator.cpuShare,
    loadAvg: limited?.generator.loadAvg,
  });
  const reasons = m.errorSamples(
    done.map((s) => s.errorSamples ?? []),
    MAX_ERROR_SAMPLES,
  );
  summary.errorSamples = reasons.list;
  const omitted = reasons.omitted + done.reduce((a, s) => a + (s.errorSamplesOmitted ?? 0), 0);
  if (omitted) summary.errorSamplesOmitted = omitted;
  // Cut streams' TTFT is not sent per window: the worker with the most of them stands for all.
  const cutTtft = done
    .map((s) => s.cutStreams)
    .filter((c) => c && c.ttft)
    .sort((a, b) => b!.count - a!.count)[0]?.ttft;
  if (summary.cutStreams && cutTtft) summary.cutStreams.ttft = cutTtft;
  const lengths = done.find((s) => s.tokenLengths)?.tokenLengths;
  if (lengths) summary.tokenLengths = lengths;
  const http = done.find((s) => s.http)?.http;
  if (http) summary.http = { ...http, redirects: done.reduce((a, s) => a + (s.http?.redirects ?? 0), 0) };
  if (done.some((s) => s.slo)) {
    const slo = buildSloSummary(rec.total, f.scenario, summary.durationMs);
    summary.slo = slo;
    summary.metrics.goodput = { count: slo.met, rate: slo.goodput };
    summary.metrics.slo_attainment = { count: slo.judged, rate: slo.attainment };
    summary.metrics.goodput_tokens_per_second = { count: rec.total.sloTokens, rate: slo.goodputTokensPerSecond };
  }
  foldPerWorkerSections(summary, done);
  summary.generator.workers = f.workers;
  if (f.crashed.length) summary.generator.crashedWorkers = f.crashed.map((c) => c.worker + 1);
  return summary;
}

/**
 * Sections a worker builds from its own answers and the coordinator does not merge (what the
 * gateway's headers said, routing, cache, streams): the worker with the most answers stands for
 * the run, and the summary says so. The gateway's own warnings are kept from every worker, once.
 */
function foldPerWorkerSections(summary: Summary, done: Summary[]): void {
  const warnings = [...new Set(done.flatMap((s) => s.warnings ?? []))];
  if (warnings.length) summary.warnings = warnings;
  const byAnswers = [...done].sort((a, b) => b.requests.sent - a.requests.sent);
  const taken: string[] = [];
  for (const key of ['gatewayHeaders', 'routing', 'cache', 'stream'] as const) {
    const from = byAnswers.find((s) => s[key] !== undefined);
    if (!from) continue;
    (summary as unknown as Record<string, unknown>)[key] = from[key];
    taken.push(key);
  }
  if (taken.length && done.length > 1)
    summary.generator.warnings.push(
      `${taken.join(', ')}: from one worker's answers (the busiest of ${done.length}), not merged across workers.`,
    );
}

/** The workers' warnings once each (prefixed with who said it unless all did), then the crashes. */
function sharedWarnings(parts: ReadonlyArray<Summary | null>, f: SharedRunFacts): string[] {
  const by = new Map<string, number[]>();
  parts.forEach((s, i) => {
    for (const w of new Set(s?.generator.warnings ?? [])) by.set(w, [...(by.get(w) ?? []), i + 1]);
  });
  const out = [...by].map(([w, who]) => (who.length === parts.length ? w : `worker ${who.join(', ')}: ${w}`));
  for (const c of f.crashed) out.push(crashWarning(c.worker, f.workers, c.message));
  return out;
}

/** The words of a crashed worker, in the summary and the log alike. */
export function crashWarning(worker: number, workers: number, message: string): string {
  return `Load worker ${worker + 1} of ${workers} crashed (${message}): the other workers' data is kept; its share of the plan after the crash was not sent.`;
}
