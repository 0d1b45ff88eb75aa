// What summary.json holds under `stream`: how the streams arrived (chunks per answer, tokens per
// chunk), whether an intermediary buffered them, and the stream contract problems by kind. Pure
// types and the formatter every renderer shares.

/** A distribution of a per-answer figure. */
export interface StreamDist {
  p50: number;
  p90: number;
  mean: number;
  max: number;
}

/** Stream contract problems, counted by kind; only `truncated` made the answer unusable (a `protocol` error). */
export interface StreamContract {
  /** Ended without `[DONE]` (OpenAI) / `message_stop` (Anthropic) but with a finish reason: usable, not an error. */
  noTerminator: number;
  /** Ended without its terminator and without a finish reason: counted as a `protocol` error. */
  truncated: number;
  /** No usage in a stream that asked for it (`stream_options.include_usage`): tokens were counted instead. */
  noUsage: number;
  /** A stream asked for, answered with a `content-type` other than `text/event-stream`. */
  notEventStream: number;
}

/** `summary.stream`: present when the run streamed. */
export interface StreamSummary {
  /** Successful streamed answers measured. */
  streams: number;
  /** Network reads (chunks) per answer, and output tokens per chunk that carried tokens. */
  chunksPerResponse: StreamDist | null;
  tokensPerChunk: StreamDist | null;
  /**
   * Answers long enough to judge (≥ 8 token events), those that looked buffered (all tokens in at
   * most 3 chunks and the first token after 80% of the answer's time), and the share.
   */
  buffering: { judged: number; buffered: number; share: number; ttftShareOfDuration: number | null };
  /** True when the buffered share passed one half: then `warnings` carries the one buffering warning. */
  buffered: boolean;
  contract: StreamContract;
}

/** The one warning a buffered run gets, naming the likely causes. */
export function bufferingWarning(s: StreamSummary): string {
  const b = s.buffering;
  const p50 = s.chunksPerResponse?.p50;
  const chunks = p50 !== undefined ? ` (median ${fmt(p50)} chunk${p50 === 1 ? '' : 's'} per answer)` : '';
  const ttft =
    b.ttftShareOfDuration !== null
      ? `, and the first token came at ${Math.round(b.ttftShareOfDuration * 100)}% of the answer's time`
      : '';
  return (
    `Streams look buffered: ${b.buffered} of ${b.judged} answers arrived in a few bulk chunks${chunks}${ttft}, ` +
    `though they were sent as text/event-stream. Likely cause: an intermediary that buffers the response ` +
    `(proxy buffering, e.g. nginx proxy_buffering) or compresses it (gzip of text/event-stream at a CDN or proxy). ` +
    `Time to first token here measures the whole answer, not the model.`
  );
}

/** Rows `[label, text]` for every renderer. */
export function streamRows(s: StreamSummary): Array<[string, string]> {
  const dist = (d: StreamDist | null): string =>
    d ? `p50 ${fmt(d.p50)} · p90 ${fmt(d.p90)} · mean ${fmt(d.mean)} · max ${fmt(d.max)}` : '—';
  const rows: Array<[string, string]> = [
    ['chunks per answer', dist(s.chunksPerResponse)],
    ['tokens per chunk', dist(s.tokensPerChunk)],
  ];
  const b = s.buffering;
  rows.push([
    'buffered answers',
    b.judged ? `${b.buffered} of ${b.judged} (${(b.share * 100).toFixed(1)}%)${s.buffered ? ' ⚠' : ''}` : '—',
  ]);
  const c = s.contract;
  const problems = [
    c.noTerminator ? `${c.noTerminator} without terminator (finish reason given: not errors)` : '',
    c.truncated ? `${c.truncated} truncated (protocol errors)` : '',
    c.noUsage ? `${c.noUsage} without usage though include_usage was asked` : '',
    c.notEventStream ? `${c.notEventStream} not text/event-stream` : '',
  ].filter(Boolean);
  rows.push(['contract problems', problems.length ? problems.join(' · ') : 'none']);
  return rows;
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}
