// The panel's picture of a run, built from a live handle or from a results folder. Pure: no `vscode`.

import type { RunInfo, RunStatus, SnapshotNotification, Summary, Window } from '../protocol';
import type { Scenario } from '../scenario/model';
import { foldWindows } from '../shared/window-fold';

/** What a saved run offers: its summary (absent when the run never finished), windows and scenario. */
export interface SavedRun {
  dir: string;
  summary: Summary | null;
  windows: Window[];
  scenario?: Scenario;
  info?: RunInfo | null;
}

/** RunInfo of a saved run: from its stored info, else rebuilt from its scenario and summary. */
export function infoOfSaved(run: SavedRun): RunInfo | null {
  if (run.info) return { ...run.info, resultsDir: run.info.resultsDir ?? run.dir };
  const { scenario, summary } = run;
  if (!scenario && !summary) return null;
  const executor = scenario?.load.executor ?? summary?.executor ?? 'unknown';
  return {
    runId: summary?.runId ?? baseName(run.dir),
    scenario: scenario?.name ?? summary?.scenario ?? baseName(run.dir),
    file: scenario?.file ?? summary?.file,
    executor,
    kind: scenario?.load.kind ?? (executor.includes('arrival') ? 'open' : 'closed'),
    startedAt: summary?.startedAt ?? '',
    plannedDurationMs: summary?.plannedDurationMs ?? scenario?.load.durationMs ?? 0,
    stages: (scenario?.load.stages ?? []).map((s) => ({ durationMs: s.durationMs, target: s.target, label: s.label })),
    targets: { ...(scenario?.targets ?? {}) },
    resultsDir: run.dir,
  };
}

/** The snapshot of a saved run; one without a summary was cut short (a crash or a window reload). */
export function snapshotOfSaved(run: SavedRun, theme?: SnapshotNotification['theme']): SnapshotNotification {
  const status: RunStatus = run.summary?.status ?? 'failed';
  return {
    type: 'run/snapshot',
    info: infoOfSaved(run),
    windows: windowsForPanel(run.windows),
    status,
    summary: run.summary,
    ...(theme ? { theme } : {}),
  };
}

/**
 * The windows as a snapshot carries them: a long run's history merged into coarser windows
 * (src/shared/window-fold.ts), and threshold states only on the newest, the one the panel reads
 * (the page's own saved state does the same). A 4-hour soak re-posted on each reveal was 14,400
 * windows and 12 MB. The files keep every window whole.
 */
export function windowsForPanel(windows: readonly Window[]): Window[] {
  const folded = foldWindows(windows);
  const last = folded.length - 1;
  return folded.map((w, i) => (i === last || !w.thresholds?.length ? w : { ...w, thresholds: [] }));
}

function baseName(dir: string): string {
  const parts = dir.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? dir;
}
