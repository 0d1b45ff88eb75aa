// Reads run folders back: the Runs view lists them, reports render them. Tolerates folders of
// runs that were killed (no summary, a torn last line in windows.ndjson).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RunInfo, RunStatus, Summary, Window } from '../protocol';
import type { Scenario } from '../scenario/model';
import { readJsonOrNull as readJson, readRunFolder } from '../shared/results-folder';

/** One run folder, as the Runs view lists it. */
export interface RunListing {
  dir: string;
  runId: string;
  name: string;
  startedAt: string;
  status: RunStatus;
  /** All thresholds passed; null when the run has no summary (killed, or still running). */
  passed: boolean | null;
}

/** A run folder that is not written to for this long and has no summary was killed. */
const STALE_MS = 5_000;

/** Run folders under `resultsRoot`, newest first. */
export function listRuns(resultsRoot: string): RunListing[] {
  if (!existsSync(resultsRoot)) return [];
  const out: RunListing[] = [];
  for (const entry of readdirSync(resultsRoot, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(resultsRoot, entry.name);
    if (!existsSync(join(dir, 'scenario.json')) && !existsSync(join(dir, 'summary.json'))) continue;
    const summary = readJson<Summary>(join(dir, 'summary.json'));
    const info = readJson<RunInfo>(join(dir, 'run.json'));
    const scenario = readJson<Scenario>(join(dir, 'scenario.json'));
    let status: RunStatus;
    if (summary) status = summary.status;
    else {
      const w = join(dir, 'windows.ndjson');
      const touched = existsSync(w) ? statSync(w).mtimeMs : statSync(dir).mtimeMs;
      status = Date.now() - touched < STALE_MS ? 'running' : 'failed';
    }
    out.push({
      dir,
      runId: summary?.runId ?? info?.runId ?? entry.name,
      name: summary?.scenario ?? info?.scenario ?? scenario?.name ?? entry.name,
      startedAt: summary?.startedAt ?? info?.startedAt ?? statSync(dir).birthtime.toISOString(),
      status,
      passed: summary
        ? summary.thresholds.every((t) => t.ok) && summary.status !== 'failed' && summary.status !== 'aborted'
        : null,
    });
  }
  return out.sort((a, b) =>
    a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : b.dir.localeCompare(a.dir),
  );
}

/**
 * A run folder's content: the shared reader's rule (a torn last line of windows.ndjson is skipped
 * and counted, a torn middle line throws a ResultsFileError naming it).
 */
export function readRun(dir: string): {
  summary: Summary | null;
  windows: Window[];
  skippedLines: number;
  scenario: Scenario | null;
} {
  const { summary, windows, skippedLines, scenario } = readRunFolder(dir);
  return { summary, windows, skippedLines, scenario };
}
