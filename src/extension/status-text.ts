// Texts of the status bar item and the progress notification while a run goes. Pure: no `vscode`.

import type { Window } from '../protocol';
import { formatDuration } from './run-gate';

/** `$(pulse) 42 req/s · p95 120 ms · 0.3% err`, from the latest windows (a few seconds smooth the flicker). */
export function statusBarText(windows: readonly Window[], span = 3): string {
  if (windows.length === 0) return '$(pulse) starting…';
  const recent = windows.slice(-span);
  const completed = recent.reduce((n, w) => n + w.completed, 0);
  const failed = recent.reduce((n, w) => n + w.failed, 0);
  const seconds = Math.max(1, recent.length);
  const rps = completed / seconds;
  const last = windows[windows.length - 1];
  const p95 = [...recent].reverse().find((w) => w.duration)?.duration?.p95;
  const err = completed > 0 ? (failed / completed) * 100 : 0;
  const parts = [
    `$(pulse) ${formatRps(rps)} req/s`,
    p95 === undefined ? 'p95 –' : `p95 ${formatMs(p95)}`,
    `${formatPct(err)} err`,
  ];
  if (last.elu > 0.9 || last.latenessP99Ms > 5) parts.push('$(warning) generator-bound');
  return parts.join(' · ');
}

/** The progress notification's line: `1m 05s / 8m 00s · stage 2/3`. */
export function progressText(elapsedMs: number, plannedMs: number, stage?: { index: number; count: number }): string {
  const time = `${formatDuration(elapsedMs)} / ${formatDuration(plannedMs)}`;
  return stage && stage.count > 1 ? `${time} · stage ${Math.min(stage.index + 1, stage.count)}/${stage.count}` : time;
}

function formatRps(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n >= 10 ? n.toFixed(0) : n.toFixed(1).replace(/\.0$/, '');
}

function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return Math.round(ms) >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

function formatPct(p: number): string {
  if (p === 0) return '0%';
  return p < 10 ? `${p.toFixed(1)}%` : `${Math.round(p)}%`;
}
