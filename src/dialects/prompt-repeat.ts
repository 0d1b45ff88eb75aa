// `prompt.repeat`: a share of requests resend one of the latest fresh prompts exactly, so that a
// gateway's response cache has something to hit. Pure and seeded: the same seed repeats the same
// requests; memory is bounded by `recent` (a ring of the latest fresh prompts).
import type { PromptRepeat } from '../scenario/model';
import { seededRandom } from './token-prompts';

/** Draws, per request, a fresh prompt or a repeat of one of the latest `recent` fresh ones. */
export class PromptRepeater<T> {
  private readonly ring: T[] = [];
  private next = 0;
  private readonly rand: () => number;
  /** Whether the last `pick` was a repeat. */
  repeated = false;

  constructor(
    readonly spec: PromptRepeat,
    seed: number,
  ) {
    this.rand = seededRandom(seed ^ 0x5bd1e995);
  }

  /** A prompt: with probability `share` one of the recent ones (once there is one), else `fresh()`, kept for later. */
  pick(fresh: () => T): T {
    const ring = this.ring;
    // One draw per request whatever the outcome, so the share holds from the first request on.
    const u = this.rand();
    if (ring.length > 0 && u < this.spec.share) {
      this.repeated = true;
      return ring[Math.floor(this.rand() * ring.length)];
    }
    this.repeated = false;
    const p = fresh();
    if (ring.length < this.spec.recent) ring.push(p);
    else {
      ring[this.next] = p;
      this.next = this.next + 1 === ring.length ? 0 : this.next + 1;
    }
    return p;
  }
}
