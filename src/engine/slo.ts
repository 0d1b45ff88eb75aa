// Per-request service levels, evaluated in the completion path with a few comparisons: a request
// meets its SLO when it succeeded and every bound set for it holds. Goodput counts those.
import type { SloSpec, Scenario } from '../scenario/model';
import type { Recorder } from './recorder';

/** Bits of a miss: which bounds a request missed (a failed request misses as `failed`). */
export const MISS_FAILED = 1;
export const MISS_TTFT = 2;
export const MISS_TPOT = 4;
export const MISS_DURATION = 8;

/** The bounds of one request of the mix, unset ones as Infinity. */
interface Bounds {
  ttft: number;
  tpot: number;
  duration: number;
}

/** The compiled SLO of a run's mix (per request index); `enabled` is false when no request has one. */
export class SloJudge {
  readonly enabled: boolean;
  private readonly bounds: Array<Bounds | null>;

  constructor(scenario: Scenario) {
    this.bounds = scenario.requests.map((r) => compileBounds(r.slo ?? scenario.slo));
    this.enabled = this.bounds.some((b) => b !== null);
  }

  /**
   * Judges one finished request and records it. `ttftMs` is null for answers without a first token
   * (not streamed): the TTFT bound then does not apply; likewise TPOT without two tokens.
   */
  judge(
    rec: Recorder,
    index: number,
    ok: boolean,
    durationMs: number,
    ttftMs: number | null,
    tpotMs: number | null,
    tokens: number,
  ): boolean {
    const b = this.bounds[index];
    if (b === null) return ok;
    let miss = 0;
    if (!ok) miss = MISS_FAILED;
    else {
      if (ttftMs !== null && ttftMs > b.ttft) miss |= MISS_TTFT;
      if (tpotMs !== null && tpotMs > b.tpot) miss |= MISS_TPOT;
      if (durationMs > b.duration) miss |= MISS_DURATION;
    }
    rec.slo(miss, ok ? tokens : 0);
    return miss === 0;
  }

  /** True when request `index` of the mix has an SLO. */
  has(index: number): boolean {
    return this.bounds[index] !== null;
  }
}

function compileBounds(s: SloSpec | undefined): Bounds | null {
  if (!s || (s.ttftMs === undefined && s.tpotMs === undefined && s.durationMs === undefined)) return null;
  return { ttft: s.ttftMs ?? Infinity, tpot: s.tpotMs ?? Infinity, duration: s.durationMs ?? Infinity };
}
