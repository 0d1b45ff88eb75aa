// A window's counts and latencies, read from the recorder's roll: the same fields, in the same
// order, in a worker's own window (engine.ts) and in the coordinator's merged one (shard-merge.ts).
import type { Window } from '../protocol';
import type { Recorder } from './recorder';

type Rolled = ReturnType<Recorder['rollWindow']>;

/** The window fields taken as they are from `rollWindow()`, from `started` to `reasoningTokens`. */
export function rolledFigures(
  r: Rolled,
): Pick<
  Window,
  | 'started'
  | 'completed'
  | 'succeeded'
  | 'failed'
  | 'errors'
  | 'dropped'
  | 'duration'
  | 'ttft'
  | 'ttfo'
  | 'itl'
  | 'outputTokens'
  | 'reasoningTokens'
> {
  const c = r.counters;
  return {
    started: c.started,
    completed: c.completed,
    succeeded: c.succeeded,
    failed: c.failed,
    errors: c.errors,
    dropped: c.dropped,
    duration: r.duration,
    ttft: r.ttft,
    ttfo: r.ttfo,
    itl: r.itl,
    outputTokens: c.outputTokens,
    reasoningTokens: c.reasoningTokens,
  };
}
