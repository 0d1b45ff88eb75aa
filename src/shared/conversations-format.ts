// Conversations and datasets as people read them: how conversations ended, a row per turn (TTFT,
// duration, context in input tokens), and what each dataset file gave. Pure, so the CLI, the
// reports and the panel agree.
import type { ConversationTurnStats, Percentiles, Summary } from '../protocol';

const pct = (p: Percentiles | null): string => (p ? `${fmt(p.p50)} / ${fmt(p.p90)} / ${fmt(p.p99)}` : '—');

function fmt(ms: number): string {
  return ms >= 100 ? String(Math.round(ms)) : ms.toFixed(1);
}

/** Columns of the per-turn table. */
export const TURN_HEAD = [
  'turn',
  'sent',
  'failed',
  'TTFT p50/p90/p99 ms',
  'duration p50/p90/p99 ms',
  'context (input tokens) mean [min–max]',
];

/** One row per turn. */
export function turnRows(turns: readonly ConversationTurnStats[]): string[][] {
  return turns.map((t) => [
    String(t.turn),
    String(t.count),
    String(t.failed),
    pct(t.ttft),
    pct(t.duration),
    t.inputTokens ? `${t.inputTokens.mean} [${t.inputTokens.min}–${t.inputTokens.max}]` : '—',
  ]);
}

/** `12 started · 9 completed · 1 broken …`, or null without conversations. */
export function conversationLine(s: Summary): string | null {
  const c = s.conversations;
  if (!c || c.started === 0) return null;
  const parts = [`${c.started} started`, `${c.completed} completed`];
  if (c.broken) parts.push(`${c.broken} broken off by a failed turn`);
  if (c.dropped) parts.push(`${c.dropped} dropped (no capacity for a later turn)`);
  if (c.unfinished) parts.push(`${c.unfinished} unfinished at the end of the run`);
  return parts.join(' · ');
}

/** `file (format): 120 records used, 2 skipped (line 7: …), read 3 times`, one per dataset. */
export function datasetLines(s: Summary): string[] {
  return (s.datasets ?? []).map((d) => {
    const parts = [`${d.used} records used${d.records !== null ? ` of ${d.records}` : ''}`];
    if (d.wraps) parts.push(`went round the file ${d.wraps} times`);
    if (d.skipped) parts.push(`${d.skipped} items skipped (${d.firstError ?? 'not records of the format'})`);
    if (d.underruns) parts.push(`${d.underruns} requests reused a record (the file was read slower than used)`);
    return `${d.request}: ${d.file} (${d.format}) · ${parts.join(' · ')}`;
  });
}
