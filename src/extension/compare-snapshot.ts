// What the compare view is sent, built from two loaded runs (run folders or baseline files), and
// the check run at the end of every run against its scenario's baseline. Pure of `vscode`, so it
// is unit-tested in plain Node and the webview fixture recorder builds its snapshot with it.

import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { CompareSide, CompareSnapshotNotification, RunInfo, Summary } from '../protocol';
import {
  baselinePath,
  compareSummaries,
  getBaseline,
  type Comparison,
  type RunData,
  type Tolerance,
} from '../report/index';
import { infoOfSaved } from './snapshot';

function readRunInfo(dir: string): RunInfo | null {
  try {
    const v = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunInfo;
    return typeof v === 'object' && v !== null && typeof v.runId === 'string' ? v : null;
  } catch {
    return null;
  }
}

/** One side of the comparison: the run's header (from run.json when there is one), windows and summary. */
export function compareSideOf(run: RunData, source?: string): CompareSide {
  const info = infoOfSaved({
    dir: run.dir ?? '',
    summary: run.summary,
    windows: run.windows,
    scenario: run.scenario,
    info: run.dir ? readRunInfo(run.dir) : null,
  });
  // Never null with a summary; the fallback only satisfies the type.
  const header: RunInfo = {
    ...(info ?? {
      runId: run.summary.runId,
      scenario: run.summary.scenario,
      executor: run.summary.executor,
      kind: 'open',
      startedAt: run.summary.startedAt,
      plannedDurationMs: run.summary.plannedDurationMs,
      stages: [],
      targets: {},
    }),
    resultsDir: run.dir,
  };
  const from = source ?? run.dir ?? run.baselineFile;
  return { info: header, windows: run.windows, summary: run.summary, ...(from ? { source: from } : {}) };
}

/** The compare view's snapshot of `current` against `baseline`, with the CLI's verdicts. */
export function compareSnapshotOf(
  baseline: RunData,
  current: RunData,
  opts: { tolerances?: Record<string, Tolerance>; sources?: { baseline?: string; current?: string } } = {},
): CompareSnapshotNotification {
  return {
    type: 'compare/snapshot',
    baseline: compareSideOf(baseline, opts.sources?.baseline),
    current: compareSideOf(current, opts.sources?.current),
    comparison: compareSummaries(baseline.summary, current.summary, opts.tolerances),
  };
}

/** A run checked against its scenario's baseline at its end. */
export interface BaselineCheck {
  baselineFile: string;
  comparison: Comparison;
}

/**
 * Compares a run's summary with the baseline of its scenario in `workspace`. Undefined when the
 * scenario has no baseline or the run is the baseline.
 */
export function checkAgainstBaseline(workspace: string, current: Summary): BaselineCheck | undefined {
  const baseline = getBaseline(workspace, current.scenario);
  if (!baseline || baseline.summary.runId === current.runId) return undefined;
  return {
    baselineFile: baselinePath(workspace, current.scenario),
    comparison: compareSummaries(baseline.summary, current),
  };
}

/** The run folder a baseline was taken from, when it still exists. */
export function baselineSourceDir(workspace: string, baselineFile: string): string | undefined {
  try {
    const source = (JSON.parse(readFileSync(baselineFile, 'utf8')) as { source?: unknown }).source;
    if (typeof source !== 'string' || !source) return undefined;
    const dir = isAbsolute(source) ? source : join(workspace, source);
    return existsSync(join(dir, 'summary.json')) ? dir : undefined;
  } catch {
    return undefined;
  }
}
