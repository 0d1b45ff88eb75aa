// The parts of a summary that do not depend on how its figures were gathered, shared by the
// engine's summary (from the recorder) and the host's fallback (from saved windows), so the two
// cannot drift apart. Pure: the host may import it without starting anything.
import { cpus, hostname } from 'node:os';
import type { RunStatus, Summary, ThresholdState } from '../protocol';
import type { Scenario } from '../scenario/model';
import { VERSION } from '../version';
import { SUMMARY_SCHEMA_VERSION } from './summary-schema';

/** What names a run and its span, as a summary opens with it. */
export interface SummaryHeadFacts {
  scenario: Scenario;
  runId: string;
  status: RunStatus;
  reason?: string;
  startedAt: string;
  durationMs: number;
  plannedDurationMs: number;
}

/** A summary's opening fields (which run, how it ended, how long), in the order summary.json shows them. */
export function summaryHead(
  f: SummaryHeadFacts,
): Pick<
  Summary,
  | 'schemaVersion'
  | 'scenario'
  | 'file'
  | 'runId'
  | 'status'
  | 'reason'
  | 'startedAt'
  | 'durationMs'
  | 'plannedDurationMs'
  | 'executor'
> {
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    scenario: f.scenario.name,
    file: f.scenario.file,
    runId: f.runId,
    status: f.status,
    reason: f.reason,
    startedAt: f.startedAt,
    durationMs: f.durationMs,
    plannedDurationMs: f.plannedDurationMs,
    executor: f.scenario.load.executor,
  };
}

/** Thresholds as a summary keeps them: the verdict, without the evaluator's working state. */
export function summaryThresholds(list: readonly ThresholdState[]): Summary['thresholds'] {
  return list.map(({ metric, expression, ok, value }) => ({ metric, expression, ok, value }));
}

/** The tool and machine that produced the summary. */
export function summaryEnvironment(): Summary['environment'] {
  return {
    tool: 'gateway-load',
    version: VERSION,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: cpus().length,
    hostname: hostname(),
  };
}

/** Rates and averages in a summary keep four decimals. */
export function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
