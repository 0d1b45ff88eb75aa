// Builds `summary.json`'s content from the recorder at the end of a run.
import type { MetricSummary, Summary, ThresholdState } from '../protocol';
import type { Scenario } from '../scenario/model';
import { ERROR_CLASSES } from '../shared/metrics';
import type { Recorder, TrendName } from './recorder';
import { round4 as round, summaryEnvironment, summaryHead, summaryThresholds } from '../shared/summary-fields';
import { gatewayInsight } from './insight-summary';

/** What the engine knows about the run besides the recorder. */
export interface RunFacts extends Pick<
  Summary,
  'runId' | 'status' | 'reason' | 'startedAt' | 'durationMs' | 'plannedDurationMs'
> {
  scenario: Scenario;
  thresholds: ThresholdState[];
  lastVus: number;
  lastActive: number;
  vusMax: number;
  latenessP99Ms: number;
  eluMax: number;
  saturated: boolean;
  warnings: string[];
  /** What held the generator back when it was saturated, with the CPU share and load average then. */
  limit?: 'event-loop' | 'machine';
  cpuShare?: number;
  loadAvg?: number;
  /** What each dataset file gave the run. */
  datasets?: Summary['datasets'];
}

const TRENDS: TrendName[] = [
  'http_req_duration',
  'http_req_service_duration',
  'time_to_first_token',
  'time_to_first_output_token',
  'inter_token_latency',
  'time_per_output_token',
  'output_tokens_per_second',
];

/** The run's summary; `requests.sent` = succeeded + the sum of `errors`. */
export function buildSummary(rec: Recorder, f: RunFacts): Summary {
  const t = rec.total;
  const secs = Math.max(f.durationMs / 1000, 1e-3);
  const perSec = (n: number): number => round(n / secs);
  const metrics: Record<string, MetricSummary> = {};
  metrics.http_reqs = { count: t.completed, rate: perSec(t.completed) };
  for (const name of TRENDS) {
    const s = rec.trendStats(name);
    if (s) metrics[name] = s;
  }
  metrics.http_req_failed = { count: t.failed, rate: t.completed ? round(t.failed / t.completed) : 0 };
  metrics.output_tokens = { count: t.outputTokens, rate: perSec(t.outputTokens) };
  metrics.reasoning_tokens = { count: t.reasoningTokens, rate: perSec(t.reasoningTokens) };
  metrics.input_tokens = { count: t.inputTokens, rate: perSec(t.inputTokens) };
  metrics.vus = { value: f.lastVus, max: f.vusMax };
  metrics.active_connections = { value: f.lastActive, max: t.activeMax };
  metrics.dropped_iterations = { count: t.dropped, rate: perSec(t.dropped) };
  const checksTotal = rec.checksPassed + rec.checksFailed;
  metrics.checks = { count: checksTotal, rate: checksTotal ? round(rec.checksPassed / checksTotal) : 1 };
  metrics.iterations = { count: t.started, rate: perSec(t.started) };
  if (rec.tagged) Object.assign(metrics, rec.tagged.summaries(secs));
  const errors: Summary['errors'] = {};
  for (const c of ERROR_CLASSES) if (t.errors[c]) errors[c] = t.errors[c];
  return {
    ...summaryHead({ ...f, durationMs: Math.round(f.durationMs) }),
    metrics,
    requests: { sent: t.started, succeeded: t.succeeded, failed: t.failed },
    errors,
    thresholds: summaryThresholds(f.thresholds),
    checks: [...rec.checks.values()].map((c) => ({ ...c })),
    models: Object.fromEntries(rec.models),
    tokens: {
      fromUsage: rec.tokensFromUsage,
      counted: rec.tokensCounted,
      usageVsCountedDiffPct: rec.usageCompared ? round((rec.usageDiffAbs / rec.usageCompared) * 100) : null,
    },
    ...(rec.lengths ? { tokenLengths: rec.lengths.summary() } : {}),
    ...(rec.conversations ? { conversations: rec.conversations.summary() } : {}),
    ...(f.datasets?.length ? { datasets: f.datasets } : {}),
    ...gatewayInsight(rec, metrics),
    rateLimitSamples: rec.rateLimitSamples,
    statusCodes: { ...t.statusCodes },
    errorSamples: rec.samples.list(),
    ...(rec.samples.omitted ? { errorSamplesOmitted: rec.samples.omitted } : {}),
    cutStreams: { count: rec.cutStreams, ttft: rec.cutTtft.stats(), outputTokens: rec.cutOutputTokens },
    generator: {
      latenessP99Ms: round(f.latenessP99Ms),
      eluMax: round(f.eluMax),
      saturated: f.saturated,
      warnings: f.warnings,
      ...(f.limit ? { limit: f.limit, cpuShare: f.cpuShare, loadAvg: f.loadAvg } : {}),
    },
    environment: summaryEnvironment(),
  };
}
