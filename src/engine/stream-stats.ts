// How streams arrive over a run: network reads (chunks) per answer, tokens per chunk, answers that
// look buffered by an intermediary, and stream contract problems by kind. Fixed memory: two HDR
// histograms and counters. The runner counts chunks per socket read (never per byte or event).
import type { StreamContract, StreamDist, StreamSummary } from '../shared/stream-summary';
import type { RequestSpec } from '../scenario/model';
import type { ErrorClass } from '../shared/metrics';
import type { ReadResult } from './ai';
import { Hist } from './histogram';

/** An answer with fewer token events than this says nothing about buffering. */
const MIN_JUDGED_TOKENS = 8;
/** A buffered answer: all its tokens in at most this many reads … */
const MAX_BULK_CHUNKS = 3;
/** … and its first token after this share of its whole time. */
const MIN_TTFT_SHARE = 0.8;
/** The run warns when more than this share of the judged answers looked buffered. */
const WARN_SHARE = 0.5;
/** … and at least this many were judged. */
const MIN_JUDGED = 5;

/** Per-run stream statistics; `answer` is called once per successful streamed answer. */
export class StreamRecorder {
  private readonly chunks = new Hist(1);
  /** Tokens per token-bearing chunk, recorded in hundredths. */
  private readonly perChunk = new Hist(100);
  private judged = 0;
  private buffered = 0;
  private ttftShareSum = 0;
  readonly contract: StreamContract = { noTerminator: 0, truncated: 0, noUsage: 0, notEventStream: 0 };

  /**
   * One successful streamed answer: its reads, the reads that carried tokens, its token events
   * and output tokens, and its TTFT and duration (ms from the same start); a null TTFT is not judged for buffering.
   */
  answer(
    chunks: number,
    tokenChunks: number,
    tokenEvents: number,
    tokens: number,
    ttftMs: number | null,
    durMs: number,
  ): void {
    this.chunks.record(chunks);
    if (tokenChunks > 0 && tokens > 0) this.perChunk.record(tokens / tokenChunks);
    if (ttftMs === null || tokenEvents < MIN_JUDGED_TOKENS || !(durMs > 0)) return;
    this.judged++;
    const share = ttftMs / durMs;
    if (tokenChunks <= MAX_BULK_CHUNKS && share >= MIN_TTFT_SHARE) {
      this.buffered++;
      this.ttftShareSum += share;
    }
  }

  summary(): StreamSummary {
    const share = this.judged ? this.buffered / this.judged : 0;
    return {
      streams: this.chunks.count,
      chunksPerResponse: dist(this.chunks),
      tokensPerChunk: dist(this.perChunk),
      buffering: {
        judged: this.judged,
        buffered: this.buffered,
        share: Math.round(share * 10_000) / 10_000,
        ttftShareOfDuration: this.buffered ? Math.round((this.ttftShareSum / this.buffered) * 1000) / 1000 : null,
      },
      buffered: this.judged >= MIN_JUDGED && share > WARN_SHARE,
      contract: { ...this.contract },
    };
  }

  destroy(): void {
    this.chunks.destroy();
    this.perChunk.destroy();
  }
}

function dist(h: Hist): StreamDist | null {
  if (h.count === 0) return null;
  const r = (v: number): number => Math.round(v * 10) / 10;
  return { p50: r(h.percentile(50) ?? 0), p90: r(h.percentile(90) ?? 0), mean: r(h.sum / h.count), max: r(h.max) };
}

/** Whether a content-type is text/event-stream. */
export function isEventStream(contentType: string): boolean {
  return /^\s*text\/event-stream/i.test(contentType);
}

/** Whether a request's stream asks for a usage chunk (the OpenAI dialects ask unless the scenario's body says otherwise). */
export function asksUsage(spec: RequestSpec): boolean {
  if (!spec.stream || (spec.api !== 'openai-chat' && spec.api !== 'openai-completions')) return false;
  const body = spec.body;
  if (typeof body !== 'object' || body === null || !('stream_options' in body)) return true;
  // The scenario's body merges over the dialect's `{ include_usage: true }` (src/dialects/body.ts): null removes it.
  const so = (body as { stream_options: unknown }).stream_options;
  if (so === null) return false;
  if (typeof so !== 'object' || Array.isArray(so)) return true;
  return (so as { include_usage?: unknown }).include_usage !== false;
}

/**
 * One streamed 2xx answer: its contract problems by kind, then (when it succeeded) its chunks and
 * buffering. Times are from the actual send, so the generator's own lateness cannot look like buffering.
 * Cache hits count in the chunk statistics but are judged never buffered.
 */
export function recordStreamAnswer(
  s: StreamRecorder,
  read: ReadResult,
  cls: ErrorClass | null,
  chunks: number,
  tokenChunks: number,
  eventStream: boolean,
  wantsUsage: boolean,
  sentMs: number,
  endMs: number,
  cacheHit: boolean,
): void {
  const c = s.contract;
  if (!eventStream) c.notEventStream++;
  if (read.done === false) {
    if (read.errorKind === 'truncated') c.truncated++;
    else if (read.ok) c.noTerminator++;
  }
  if (cls !== null) return;
  if (wantsUsage && read.outputTokens === null) c.noUsage++;
  if (read.firstTokenAt === null) return;
  const tokens = read.outputTokens ?? read.countedTokens ?? read.tokenEvents;
  // A cache hit replays the answer at once by nature: it says nothing about buffering on the way.
  const ttft = cacheHit ? null : read.firstTokenAt - sentMs;
  s.answer(chunks, tokenChunks, read.tokenEvents, tokens, ttft, endMs - sentMs);
}
