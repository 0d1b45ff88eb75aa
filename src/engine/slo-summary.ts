// `summary.slo` from the run's SLO counters: attainment, goodput and which bound fails most.
import type { Scenario } from '../scenario/model';
import type { SloMissReason, SloSummary } from '../shared/capacity';
import type { Counters } from './recorder';

/** The goodput figures of one scope (a run, or a sweep's step) over `durationMs`. */
export function buildSloSummary(c: Counters, scenario: Scenario, durationMs: number): SloSummary {
  const secs = Math.max(durationMs / 1000, 1e-3);
  const misses: Record<SloMissReason, number> = {
    failed: c.sloMissFailed,
    time_to_first_token: c.sloMissTtft,
    time_per_output_token: c.sloMissTpot,
    http_req_duration: c.sloMissDuration,
  };
  const missed = c.sloJudged - c.sloMet;
  let worst: SloSummary['worst'] = null;
  for (const [reason, n] of Object.entries(misses) as Array<[SloMissReason, number]>) {
    if (n > 0 && (worst === null || n > worst.share)) worst = { reason, share: n };
  }
  if (worst) worst.share = round(worst.share / Math.max(1, missed));
  const b = scenario.slo ?? {};
  const bounds: SloSummary['bounds'] = {};
  if (b.ttftMs !== undefined) bounds.time_to_first_token = b.ttftMs;
  if (b.tpotMs !== undefined) bounds.time_per_output_token = b.tpotMs;
  if (b.durationMs !== undefined) bounds.http_req_duration = b.durationMs;
  return {
    bounds,
    judged: c.sloJudged,
    met: c.sloMet,
    attainment: c.sloJudged ? round(c.sloMet / c.sloJudged) : 1,
    goodput: round(c.sloMet / secs),
    goodputTokensPerSecond: round(c.sloTokens / secs),
    misses,
    worst,
  };
}

function round(v: number): number {
  return Math.round(v * 10000) / 10000;
}
