// Gaps between open-model arrivals, in units of planned arrivals (the plan's clock turns them
// into times, so a ramp stays a ramp): 1 for evenly spaced, exponential for Poisson, and gamma
// with shape `burstiness` as vLLM's benchmark draws them (coefficient of variation 1/√shape).
import type { LoadSpec } from '../scenario/model';
import { gauss, seededRandom } from '../dialects/token-prompts';

/**
 * A Gamma(shape, 1) draw: Marsaglia and Tsang's method; shapes below 1 draw Gamma(shape + 1)
 * and scale it by U^(1/shape).
 */
export function gammaDraw(shape: number, rand: () => number): number {
  if (shape < 1) return gammaDraw(shape + 1, rand) * Math.pow(1 - rand(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = gauss(rand);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rand();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** The gap generator of a load: each call is the next gap, with mean 1. */
export function arrivalGaps(load: Pick<LoadSpec, 'arrivals' | 'burstiness' | 'seed'>): () => number {
  const rand = load.seed === undefined ? Math.random : seededRandom(load.seed);
  switch (load.arrivals) {
    case 'poisson':
      return () => -Math.log(1 - rand());
    case 'gamma': {
      const shape = load.burstiness ?? 1;
      // Gamma(k, θ = 1/k) has mean 1 and variance 1/k.
      return () => gammaDraw(shape, rand) / shape;
    }
    default:
      return () => 1;
  }
}

/** Coefficient of variation (stddev / mean) of a list of gaps. */
export function coefficientOfVariation(gaps: readonly number[]): number {
  const n = gaps.length;
  if (n < 2) return 0;
  let sum = 0;
  for (const g of gaps) sum += g;
  const mean = sum / n;
  let sq = 0;
  for (const g of gaps) sq += (g - mean) ** 2;
  return mean > 0 ? Math.sqrt(sq / n) / mean : 0;
}
