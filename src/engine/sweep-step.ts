// One step of a sweep: its own accounts of the requests it started (attributed by start time, so
// stragglers of an earlier step never count here), sampled in-flight counts, and its verdict.
import type { Percentiles, SloMissReason, SweepStep } from '../shared/capacity';
import type { SweepSpec } from '../scenario/model';
import { Hist } from './histogram';
import type { CompletionObserver } from './runner';

/** Completion times are counted in buckets of this many ms from the step's start. */
const BUCKET_MS = 50;
/** Achieved below this share of offered, or in-flight growing, means saturated (GuideLLM's over-saturation). */
const ACHIEVED_MIN = 0.95;
/**
 * A step is the generator's limit when it dropped arrivals, when its event loop was busier than
 * ELU_LIMIT, or when its sends were late (p99 above STEP_LATENESS_MS and above LATENESS_SHARE of
 * the step's median latency) while its event loop was busier than LATE_ELU. Late sends at low
 * utilisation mean a busy machine, not a saturated generator (DESIGN, "Honest numbers"): the step
 * is marked `busyMachine` instead. A shared 2-core machine showed 20–215 ms lateness p99 at 9–29%
 * utilisation.
 */
const ELU_LIMIT = 0.9;
const STEP_LATENESS_MS = 20;
const LATENESS_SHARE = 0.25;
const LATE_ELU = 0.6;

/** What a step's verdict needs besides its own accounts. */
export interface StepContext {
  spec: SweepSpec;
  index: number;
  offered: number;
  refine: boolean;
  /** The last good step before this one (closed sweeps compare throughput with it). */
  previousGood: SweepStep | null;
  dropped: number;
  elu: number;
}

/** Accounts of one step; the runner's observer while the step runs and drains. */
export class StepAccount implements CompletionObserver {
  sent = 0;
  completed = 0;
  failed = 0;
  met = 0;
  private readonly misses: Record<SloMissReason, number> = {
    failed: 0,
    time_to_first_token: 0,
    time_per_output_token: 0,
    http_req_duration: 0,
  };
  readonly duration = new Hist(1000);
  readonly ttft = new Hist(1000);
  readonly tpot = new Hist(1000);
  readonly lateness = new Hist(1000);
  private readonly buckets: Uint32Array;
  /** Output tokens of the successful completions, by the same buckets. */
  private readonly tokenBuckets: Float64Array;
  /** In-flight samples by quarter of the step. */
  private readonly quarterSum = [0, 0, 0, 0];
  private readonly quarterN = [0, 0, 0, 0];
  inFlightMax = 0;
  /** Arrivals before this time (performance.now()) do not count towards the step's send lateness. */
  warmupUntil = 0;

  constructor(
    readonly startMs: number,
    readonly durationMs: number,
    drainMs: number,
    private readonly bounds: { ttft: number; tpot: number; duration: number } | null,
  ) {
    this.buckets = new Uint32Array(Math.ceil((durationMs + drainMs) / BUCKET_MS) + 2);
    this.tokenBuckets = new Float64Array(this.buckets.length);
  }

  arrival(startMs: number, latenessMs: number): void {
    if (startMs < this.startMs) return;
    this.sent++;
    if (startMs >= this.warmupUntil) this.lateness.record(latenessMs);
  }

  complete(
    startMs: number,
    endMs: number,
    ok: boolean,
    durationMs: number,
    ttftMs: number | null,
    tpotMs: number | null,
    met: boolean,
    outputTokens: number,
  ): void {
    if (startMs < this.startMs) return;
    this.completed++;
    const b = Math.min(this.buckets.length - 1, Math.max(0, Math.floor((endMs - this.startMs) / BUCKET_MS)));
    this.buckets[b]++;
    this.duration.record(durationMs);
    if (ttftMs !== null) this.ttft.record(ttftMs);
    if (tpotMs !== null) this.tpot.record(tpotMs);
    if (!ok) this.failed++;
    else this.tokenBuckets[b] += outputTokens;
    if (met) {
      this.met++;
      return;
    }
    // Which bound it missed, with the scenario-level bounds (requests may set their own; the
    // judge already decided met or not, this only names the likeliest reason).
    if (!ok) {
      this.misses.failed++;
      return;
    }
    const bd = this.bounds;
    if (!bd) return;
    if (ttftMs !== null && ttftMs > bd.ttft) this.misses.time_to_first_token++;
    if (tpotMs !== null && tpotMs > bd.tpot) this.misses.time_per_output_token++;
    if (durationMs > bd.duration) this.misses.http_req_duration++;
  }

  /** One in-flight sample at `now` (ms, performance.now()). */
  sample(now: number, inFlight: number): void {
    const x = (now - this.startMs) / this.durationMs;
    if (x < 0 || x >= 1) return;
    const q = Math.min(3, Math.floor(x * 4));
    this.quarterSum[q] += inFlight;
    this.quarterN[q]++;
    if (inFlight > this.inFlightMax) this.inFlightMax = inFlight;
  }

  /** The step's figures and whether (and why) it missed `stop`. */
  verdict(ctx: StepContext): SweepStep {
    const T = this.durationMs / 1000;
    const med = this.duration.percentile(50) ?? 0;
    // Completions over the step shifted by its median latency: in a steady state as many finish
    // in [start + L, end + L] as arrived in [start, end], whatever L is.
    const from = Math.floor(med / BUCKET_MS);
    const to = Math.min(this.buckets.length, from + Math.round(this.durationMs / BUCKET_MS));
    let n = 0;
    let tokens = 0;
    for (let i = from; i < to; i++) {
      n += this.buckets[i];
      tokens += this.tokenBuckets[i];
    }
    const achieved = n / T;
    // Tokens over the same shifted span: what the gateway served, not what the step's requests
    // got in the end (a saturated step's stragglers finish during the drain).
    const tokensPerSecond = tokens / T;
    const q = this.quarterSum.map((sum, i) => (this.quarterN[i] ? sum / this.quarterN[i] : 0));
    const growing = q[3] > q[2] && q[2] > q[1] && q[3] - q[1] > Math.max(3, 0.3 * q[1]);
    const sloAttainment = this.completed ? this.met / this.completed : 0;
    const errorRate = this.completed ? this.failed / this.completed : 0;
    const latenessP99Ms = this.lateness.percentile(99) ?? 0;
    const spec = ctx.spec;
    let limitedBy: SweepStep['limitedBy'] = null;
    let bound: SloMissReason | undefined;
    const late = latenessP99Ms > Math.max(STEP_LATENESS_MS, LATENESS_SHARE * med);
    if (ctx.dropped > 0 || ctx.elu > ELU_LIMIT || (late && ctx.elu > LATE_ELU)) limitedBy = 'generator';
    else if (this.completed === 0 || errorRate > spec.stop.errorRate) limitedBy = 'errors';
    // Against what the step sent, not the nominal rate: Poisson arrivals (the default) put ±1/√N
    // around it (±14% for 50 arrivals), and a gateway that keeps up with them is not saturated.
    else if (!spec.vus && (achieved < ACHIEVED_MIN * Math.min(ctx.offered, this.sent / T) || growing))
      limitedBy = 'saturation';
    else if (
      spec.vus &&
      ctx.previousGood &&
      achieved < ctx.previousGood.achieved * 1.05 &&
      ctx.offered > ctx.previousGood.offered
    )
      limitedBy = 'saturation';
    else if (sloAttainment < spec.stop.sloAttainment) limitedBy = 'slo';
    if (limitedBy === 'slo' || limitedBy === 'saturation') bound = this.worstBound();
    const step: SweepStep = {
      index: ctx.index,
      offered: ctx.offered,
      achieved: round(achieved),
      refine: ctx.refine,
      sent: this.sent,
      completed: this.completed,
      sloAttainment: round(sloAttainment),
      goodput: round(this.met / T),
      tokensPerSecond: round(tokensPerSecond),
      errorRate: round(errorRate),
      duration: pct(this.duration),
      ttft: pct(this.ttft),
      tpot: pct(this.tpot),
      inFlightMax: this.inFlightMax,
      inFlightMean: round((q[2] + q[3]) / 2),
      inFlightGrowing: growing,
      dropped: ctx.dropped,
      latenessP99Ms: round(latenessP99Ms),
      elu: round(ctx.elu),
      limitedBy,
    };
    if (bound) step.bound = bound;
    if (late && limitedBy !== 'generator') step.busyMachine = true;
    return step;
  }

  private worstBound(): SloMissReason | undefined {
    let best: SloMissReason | undefined;
    for (const [k, v] of Object.entries(this.misses) as Array<[SloMissReason, number]>)
      if (v > 0 && (best === undefined || v > this.misses[best])) best = k;
    return best;
  }

  destroy(): void {
    this.duration.destroy();
    this.ttft.destroy();
    this.tpot.destroy();
    this.lateness.destroy();
  }
}

function pct(h: Hist): Percentiles | null {
  if (h.count === 0) return null;
  return { p50: round(h.percentile(50) ?? 0), p95: round(h.percentile(95) ?? 0), p99: round(h.percentile(99) ?? 0) };
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
