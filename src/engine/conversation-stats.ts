// Conversations over a run: how many started, finished, broke off, and per turn the duration,
// TTFT and context length (input tokens as the server counted them). Fixed memory: a few HDR
// histograms per turn, at most MAX_TURNS turns.
import type { ConversationsSummary, ConversationTurnStats, Percentiles } from '../protocol';
import { Hist } from './histogram';

class TurnHists {
  readonly duration = new Hist(1000);
  readonly ttft = new Hist(1000);
  readonly input = new Hist(1);
  count = 0;
  failed = 0;

  destroy(): void {
    this.duration.destroy();
    this.ttft.destroy();
    this.input.destroy();
  }
}

export class ConversationRecorder {
  started = 0;
  completed = 0;
  /** A turn failed: the conversation cannot go on without its answer. */
  broken = 0;
  /** Open model: a later turn found no free capacity (also counted in dropped_iterations). */
  dropped = 0;
  /** The run ended before a conversation's next turn was due. */
  unfinished = 0;
  private readonly turns: TurnHists[] = [];

  /** One turn ended (not cancelled); `inputTokens` from the answer's usage, null without. */
  turn(index: number, ok: boolean, durationMs: number, ttftMs: number | null, inputTokens: number | null): void {
    const t = (this.turns[index] ??= new TurnHists());
    t.count++;
    if (!ok) {
      t.failed++;
      return;
    }
    t.duration.record(durationMs);
    if (ttftMs !== null) t.ttft.record(ttftMs);
    if (inputTokens !== null) t.input.record(inputTokens);
  }

  summary(): ConversationsSummary {
    const turns: ConversationTurnStats[] = [];
    this.turns.forEach((t, turn) => {
      if (!t) return;
      const row: ConversationTurnStats = {
        turn,
        count: t.count,
        failed: t.failed,
        duration: pct(t.duration),
        ttft: pct(t.ttft),
        inputTokens: t.input.count
          ? { mean: Math.round(t.input.sum / t.input.count), min: t.input.min, max: t.input.max }
          : null,
      };
      turns.push(row);
    });
    return {
      started: this.started,
      completed: this.completed,
      broken: this.broken,
      dropped: this.dropped,
      unfinished: this.unfinished,
      turns,
    };
  }

  destroy(): void {
    for (const t of this.turns) t?.destroy();
  }
}

function pct(h: Hist): Percentiles | null {
  if (h.count === 0) return null;
  const p = (q: number): number => Math.round((h.percentile(q) ?? 0) * 1000) / 1000;
  return { p50: p(50), p90: p(90), p99: p(99) };
}
