// Paces one streamed answer. One armed timer per stream at a time, aimed at the next token's due
// time on an absolute schedule (setInterval would drift ~1 ms per tick, 5% at 50 tokens/s); each
// tick writes every token due by then in one write, so a loaded event loop batches instead of lagging.
import type { ServerResponse } from 'node:http';
import type { StreamFraming } from './framing';

/** How a stream ends: normally, or with an injected fault after about half its tokens. */
export type StreamEnd = 'done' | 'reset' | 'malformed' | 'midstream_error';

/** What one stream needs to run. */
export interface StreamJob {
  res: ServerResponse;
  framing: StreamFraming;
  tokens: number;
  ttftMs: number;
  /** ms between tokens; 0 sends all at once. */
  intervalMs: number;
  /** At least this many ms between two writes; tokens due meanwhile go out together. */
  flushIntervalMs: number;
  end: StreamEnd;
  /** Called with the number of tokens just written. */
  onTokens(n: number): void;
}

/** Half a millisecond of slack so a timer that fires a hair early still sends its token. */
const EARLY = 0.5;

/** Starts pacing; returns a cancel function for when the client goes away. */
export function startStream(job: StreamJob): () => void {
  const { res, framing, intervalMs } = job;
  const last = job.end === 'done' ? job.tokens : Math.max(1, Math.floor(job.tokens / 2));
  let sent = 0;
  let t0 = 0;
  let timer: NodeJS.Timeout | null = null;
  let over = false;

  const stop = (): void => {
    over = true;
    if (timer) { clearTimeout(timer); timer = null; }
  };

  const finish = (chunk: string): void => {
    stop();
    switch (job.end) {
      case 'done': res.end(chunk + framing.tail); break;
      case 'midstream_error': res.end(chunk + framing.error); break;
      case 'malformed': res.end(chunk + framing.malformed); break;
      case 'reset':
        // Destroy only once the tokens so far are on the wire, so the client sees a cut stream.
        res.write(chunk, () => res.socket?.destroy());
        break;
    }
  };

  const tick = (): void => {
    timer = null;
    if (over) return;
    const elapsed = performance.now() - t0;
    const due = intervalMs <= 0 ? last : Math.min(last, Math.floor((elapsed + EARLY) / intervalMs) + 1);
    if (due > sent) {
      let chunk = '';
      for (let i = sent; i < due; i++) chunk += framing.token(i);
      job.onTokens(due - sent);
      sent = due;
      if (sent >= last) return finish(chunk);
      res.write(chunk);
    }
    timer = setTimeout(tick, Math.max(job.flushIntervalMs, sent * intervalMs - elapsed));
  };

  if (framing.head) res.write(framing.head);
  else res.flushHeaders();
  // The token schedule starts when the first token is due, not when its timer happened to fire.
  t0 = performance.now() + job.ttftMs;
  timer = setTimeout(tick, job.ttftMs);
  return stop;
}
