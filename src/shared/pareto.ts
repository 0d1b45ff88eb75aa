// The throughput–latency Pareto front of a sweep, as AIPerf draws it: each step is a point of
// total output tokens per second (what the gateway serves) against p50 time per output token
// (what each user feels; 1000 / TPOT is the user's tokens per second, "interactivity"). A step is
// on the front when no other step served more tokens per second at a TPOT as low or lower. Steps
// where the generator was the limit are left out: their figures are the generator's, not the
// gateway's. Pure, shared by the engine (summary.capacity.pareto), the reports, the CLI and the panel.
import type { SweepStep } from './capacity';

/** One step on the front. Sorted by `tokensPerSecond`, rising (and so TPOT rising too). */
export interface ParetoPoint {
  /** Index of the step in `capacity.steps`. */
  step: number;
  offered: number;
  /** Output tokens per second of the step's requests over the step. */
  tokensPerSecond: number;
  /** p50 time per output token, ms. */
  tpotP50: number;
  /** 1000 / tpotP50: tokens per second one user sees. */
  interactivity: number;
  /** The step met `stop` (not only a point of the front but a load the gateway sustained). */
  ok: boolean;
}

/** The Pareto-optimal steps (empty when no step streamed tokens, so none has a TPOT). */
export function paretoFront(steps: readonly SweepStep[]): ParetoPoint[] {
  const pts = steps
    .filter((s) => s.limitedBy !== 'generator' && s.tpot !== null && s.tpot.p50 > 0 && (s.tokensPerSecond ?? 0) > 0)
    .map((s) => ({ s, tps: s.tokensPerSecond ?? 0, tpot: s.tpot!.p50 }));
  const front = pts.filter(
    (a) => !pts.some((b) => b !== a && b.tps >= a.tps && b.tpot <= a.tpot && (b.tps > a.tps || b.tpot < a.tpot)),
  );
  // Two steps with the same figures are one point of the front: keep the earlier.
  const seen = new Set<string>();
  return front
    .filter((p) => {
      const k = `${p.tps}/${p.tpot}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.tps - b.tps)
    .map((p) => ({
      step: p.s.index,
      offered: p.s.offered,
      tokensPerSecond: p.tps,
      tpotP50: p.tpot,
      interactivity: Math.round((1000 / p.tpot) * 10) / 10,
      ok: p.s.limitedBy === null,
    }));
}

/** "step 3 (8/s): 412 tokens/s at p50 TPOT 21 ms (47.6 tokens/s per user)". */
export function paretoPointText(p: ParetoPoint, unit: '/s' | ' VUs'): string {
  return `step ${p.step + 1} (${p.offered}${unit}): ${Math.round(p.tokensPerSecond).toLocaleString('en-US')} tokens/s at p50 TPOT ${Math.round(p.tpotP50 * 10) / 10} ms (${p.interactivity} tokens/s per user)${p.ok ? '' : ', past the stop rule'}`;
}
