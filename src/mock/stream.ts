// Paces one streamed answer. One armed timer per stream at a time, aimed at the next token's due
// time on an absolute schedule (setInterval drifts a little every tick, and the drift adds up); each
// tick writes every token due by then in one write, so a loaded event loop batches instead of lagging.
import type { ServerResponse } from 'node:http';
import type { CapacityModel } from './capacity';
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
  /** A shared token rate (`totalTokensPerSecond`): the stream's pace follows how many generate. */
  share?: CapacityModel;
}

/** Half a millisecond of slack so a timer that fires a hair early still sends its token. */
const EARLY = 0.5;

/** Starts pacing; returns a cancel function for when the client goes away. */
export function startStream(job: StreamJob): () => void {
  if (job.share && job.share.spec.totalTokensPerSecond > 0) return startSharedStream(job, job.share);
  const { res, framing, intervalMs } = job;
  const last = job.end === 'done' ? job.tokens : Math.max(1, Math.floor(job.tokens / 2));
  let sent = 0;
  let t0 = 0;
  let timer: NodeJS.Timeout | null = null;
  let over = false;

  const stop = (): void => {
    over = true;
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
  };

  const finish = (chunk: string): void => {
    stop();
    switch (job.end) {
      case 'done':
        res.end(chunk + framing.tail);
        break;
      case 'midstream_error':
        res.end(chunk + framing.error);
        break;
      case 'malformed':
        res.end(chunk + framing.malformed);
        break;
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

/**
 * Pacing under a shared token rate: progress is integrated tick by tick at the interval that holds
 * now (it changes as streams start and end), instead of on a fixed absolute schedule.
 */
function startSharedStream(job: StreamJob, share: CapacityModel): () => void {
  const { res, framing } = job;
  const last = job.end === 'done' ? job.tokens : Math.max(1, Math.floor(job.tokens / 2));
  let sent = 0;
  let progress = 0;
  let at = 0;
  let timer: NodeJS.Timeout | null = null;
  let over = false;
  let joined = false;

  const stop = (): void => {
    if (over) return;
    over = true;
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (joined) {
      joined = false;
      share.generating--;
    }
  };

  const tick = (): void => {
    timer = null;
    if (over) return;
    const now = performance.now();
    if (!joined) {
      joined = true;
      share.generating++;
      at = now;
    }
    const step = share.interval(job.intervalMs);
    if (step > 0) progress += (now - at) / step;
    at = now;
    const due = step <= 0 ? last : Math.min(last, Math.floor(progress + EARLY / step) + 1);
    if (due > sent) {
      let chunk = '';
      for (let i = sent; i < due; i++) chunk += framing.token(i);
      job.onTokens(due - sent);
      sent = due;
      if (sent >= last) {
        stop();
        switch (job.end) {
          case 'done':
            res.end(chunk + framing.tail);
            break;
          case 'midstream_error':
            res.end(chunk + framing.error);
            break;
          case 'malformed':
            res.end(chunk + framing.malformed);
            break;
          case 'reset':
            res.write(chunk, () => res.socket?.destroy());
            break;
        }
        return;
      }
      res.write(chunk);
    }
    timer = setTimeout(tick, Math.max(job.flushIntervalMs, (sent - progress) * share.interval(job.intervalMs)));
  };

  if (framing.head) res.write(framing.head);
  else res.flushHeaders();
  timer = setTimeout(tick, job.ttftMs);
  return stop;
}
