// A killed run is still a run: its folder keeps run.json, scenario.json and the windows written
// every second, but no summary.json. Reports, compare and the runs view rebuild the summary from
// those windows, and say plainly that it is partial.
import type { RunInfo, Summary, Window } from '../protocol';
import type { Scenario } from '../scenario/model';
import { summaryFromWindows } from '../run/summary-from-windows';

/** `0:06`, `12:34`, `1:02:03`: where the run stopped. */
export function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The reason an interrupted run's summary carries (its start is what the runs view and reports show). */
export function interruptedReason(
  windows: readonly Window[],
  plannedDurationMs: number,
  hasThresholds: boolean,
): string {
  const at = windows.at(-1)?.tMs ?? 0;
  const partial = hasThresholds
    ? `; the threshold verdict is partial (${clock(at)} of ${clock(plannedDurationMs)} planned)`
    : '';
  return `interrupted at ${clock(at)} (no summary written)${partial}`;
}

/** A summary for a folder without summary.json, or undefined when there is not enough to build one. */
export function summaryOfInterrupted(
  windows: readonly Window[],
  scenario: Scenario | undefined | null,
  info: RunInfo | undefined | null,
): Summary | undefined {
  if (!scenario || !info) return undefined;
  const hasThresholds = (windows.at(-1)?.thresholds ?? []).length > 0 || (scenario.thresholds ?? []).length > 0;
  return summaryFromWindows(windows, {
    scenario,
    runId: info.runId,
    startedAt: info.startedAt,
    status: 'failed',
    reason: interruptedReason(windows, info.plannedDurationMs, hasThresholds),
    plannedDurationMs: info.plannedDurationMs,
  });
}
