// How the gateway's overhead is compared with a baseline's: added milliseconds judged like a
// latency (with the 1 ms floor and the generator's noise floor), the added error rate in points.

/** Rules for the overhead metrics, in compare.ts's shape. */
export const GATEWAY_RULES = {
  gateway_overhead_duration: {
    stats: ['p50', 'p95', 'p99'],
    higherIsBetter: false,
    tolerance: { kind: 'relative' as const, amount: 25 },
  },
  gateway_overhead_ttft: {
    stats: ['p50', 'p95', 'p99'],
    higherIsBetter: false,
    tolerance: { kind: 'relative' as const, amount: 25 },
  },
  gateway_overhead_failed: {
    stats: ['rate'],
    higherIsBetter: false,
    tolerance: { kind: 'points' as const, amount: 0.5 },
  },
};

/** The catalogue knows nothing of these metrics (they exist only in summaries): their unit and type for compare. */
export function gatewayMetricKind(metric: string): { unit: 'ms' | 'fraction'; type: 'trend' | 'rate' } | undefined {
  if (metric === 'gateway_overhead_failed') return { unit: 'fraction', type: 'rate' };
  if (metric === 'gateway_overhead_duration' || metric === 'gateway_overhead_ttft')
    return { unit: 'ms', type: 'trend' };
  return undefined;
}
