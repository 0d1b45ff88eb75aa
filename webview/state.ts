// The panel's view model and the pure reducer that turns host messages into it. No DOM here:
// the reducer is unit-tested in plain Node, and the DOM modules only read what it produces.
import type { HostToWebview, RunInfo, RunStatus, Summary, Window } from '../src/protocol';
import { foldWindows, PANEL_WINDOW_FOLD } from '../src/shared/window-fold';

/** `idle` until the host has told us about a run. */
export type RunPhase = RunStatus | 'idle';

/** Everything the panel shows, rebuilt from the host's messages (the host owns the truth). */
export interface ViewState {
  info: RunInfo | null;
  status: RunPhase;
  /** Windows of the current run, ascending by index, without duplicates. */
  windows: readonly Window[];
  summary: Summary | null;
}

/** What a message changed, so the DOM layer can push one point instead of redrawing everything. */
export type Change = 'reset' | 'append' | 'ended' | 'ignored';

export const initialState: ViewState = { info: null, status: 'idle', windows: [], summary: null };

const STATUSES: readonly RunStatus[] = ['running', 'completed', 'stopped', 'aborted', 'failed'];

function isStatus(v: unknown): v is RunStatus {
  return typeof v === 'string' && (STATUSES as readonly string[]).includes(v);
}

/** The guard in protocol.ts checks the envelope; a window must also carry the numbers we plot. */
export function isWindowLike(v: unknown): v is Window {
  if (typeof v !== 'object' || v === null) return false;
  const w = v as Record<string, unknown>;
  return (
    Number.isInteger(w.index) &&
    typeof w.tMs === 'number' &&
    Number.isFinite(w.tMs) &&
    typeof w.completed === 'number' &&
    typeof w.succeeded === 'number' &&
    typeof w.failed === 'number'
  );
}

/** Sorted by index, later copies of an index dropped, malformed entries skipped. */
function cleanWindows(list: readonly unknown[]): Window[] {
  const seen = new Set<number>();
  const out: Window[] = [];
  for (const w of list) {
    if (!isWindowLike(w) || seen.has(w.index)) continue;
    seen.add(w.index);
    out.push(w);
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Applies one validated host message. Returns the same state object when nothing changed. */
export function reduce(state: ViewState, msg: HostToWebview): { state: ViewState; change: Change } {
  switch (msg.type) {
    case 'run/snapshot': {
      if (!msg.info) return { state: initialState, change: 'reset' };
      const status = isStatus(msg.status) ? msg.status : 'running';
      return {
        state: {
          info: msg.info,
          status,
          windows: foldWindows(cleanWindows(msg.windows)),
          summary: msg.summary ?? null,
        },
        change: 'reset',
      };
    }
    case 'run/window': {
      if (!state.info || msg.runId !== state.info.runId || state.status !== 'running')
        return { state, change: 'ignored' };
      if (!isWindowLike(msg.window)) return { state, change: 'ignored' };
      const last = state.windows[state.windows.length - 1];
      // A window already in a replayed snapshot may arrive again right after it.
      if (last && msg.window.index <= last.index) return { state, change: 'ignored' };
      const windows = [...state.windows, msg.window];
      // Past the limit the history merges into coarser windows, about every 15 minutes: a redraw.
      if (windows.length > PANEL_WINDOW_FOLD.maxWindows)
        return { state: { ...state, windows: foldWindows(windows) }, change: 'reset' };
      return { state: { ...state, windows }, change: 'append' };
    }
    case 'run/ended': {
      if (!state.info || msg.runId !== state.info.runId || !isStatus(msg.status)) return { state, change: 'ignored' };
      return { state: { ...state, status: msg.status, summary: msg.summary }, change: 'ended' };
    }
    default:
      return { state, change: 'ignored' };
  }
}

/** Windows kept by `setState`: enough for a redraw until the host's snapshot replays the rest. */
export const SAVED_WINDOWS = 600;

/** A compact copy for `setState`: the latest windows, threshold states only on the newest. */
export function stateForSaving(state: ViewState): ViewState {
  const recent = state.windows.slice(-SAVED_WINDOWS);
  const windows = recent.map((w, i) => (i === recent.length - 1 ? w : { ...w, thresholds: [] }));
  return { ...state, windows };
}

/** The state saved with `setState` for a quick redraw after the panel is hidden; checked before use. */
export function restoreState(saved: unknown): ViewState {
  if (typeof saved !== 'object' || saved === null) return initialState;
  const s = saved as Record<string, unknown>;
  if (typeof s.info !== 'object' || s.info === null || !Array.isArray(s.windows)) return initialState;
  const info = s.info as RunInfo;
  if (typeof info.runId !== 'string' || typeof info.plannedDurationMs !== 'number' || !Array.isArray(info.stages))
    return initialState;
  return {
    info,
    status: isStatus(s.status) ? s.status : 'running',
    windows: cleanWindows(s.windows),
    summary: typeof s.summary === 'object' && s.summary !== null ? (s.summary as Summary) : null,
  };
}

/** Elapsed time: the summary's at the end, else the last window's end. */
export function elapsedMs(state: ViewState): number {
  if (state.summary) return state.summary.durationMs;
  const last = state.windows[state.windows.length - 1];
  return last ? last.tMs : 0;
}

/** Planned time left, never negative (graceful stop may overrun the plan). */
export function remainingMs(state: ViewState): number {
  if (!state.info || state.status !== 'running') return 0;
  return Math.max(0, state.info.plannedDurationMs - elapsedMs(state));
}

/** "stage 3/5 · ramp to 500/min", from the plan and the last window; null before any window. */
export function stageLabel(state: ViewState): string | null {
  const info = state.info;
  const last = state.windows[state.windows.length - 1];
  if (!info || !last || info.stages.length === 0) return null;
  const i = Math.min(Math.max(0, last.stage), info.stages.length - 1);
  const stage = info.stages[i];
  const prev = i > 0 ? info.stages[i - 1].target : 0;
  const verb =
    stage.durationMs === 0
      ? 'jump to'
      : stage.target === prev
        ? 'hold at'
        : stage.target > prev
          ? 'ramp to'
          : 'ramp down to';
  const unit = info.kind === 'closed' && !/[a-z]/i.test(stage.label) ? ' VUs' : '';
  return `stage ${i + 1}/${info.stages.length} · ${verb} ${stage.label}${unit}`;
}
