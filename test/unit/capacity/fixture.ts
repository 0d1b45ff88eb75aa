// Sweep summaries for the capacity tests.
import type { CapacitySummary, SweepStep } from '../../../src/shared/capacity';
import type { Summary } from '../../../src/protocol';
import { makeSummary } from '../report/fixture';
import { paretoFront } from '../../../src/shared/pareto';

export function step(index: number, offered: number, limitedBy: SweepStep['limitedBy'], refine = false): SweepStep {
  return {
    index,
    offered,
    achieved: offered,
    refine,
    sent: offered * 10,
    completed: offered * 10,
    sloAttainment: limitedBy ? 0.8 : 0.99,
    goodput: offered,
    tokensPerSecond: offered * 40,
    errorRate: 0,
    duration: { p50: 200, p95: 300, p99: 350 },
    ttft: { p50: 150, p95: 281, p99: 300 },
    // TPOT rises with the load: every step is on the throughput–latency front.
    tpot: { p50: 10 + offered, p95: 20 + offered, p99: 30 + offered },
    inFlightMax: 5,
    inFlightMean: 4,
    inFlightGrowing: false,
    dropped: 0,
    latenessP99Ms: 1,
    elu: 0.1,
    limitedBy,
    ...(limitedBy === 'slo' ? { bound: 'time_to_first_token' as const } : {}),
  };
}

/** A sweep summary whose capacity step offers `good`/s and whose first bad step offers `bad`/s. */
export function sweepSummary(good: number, bad: number): Summary {
  const s = makeSummary();
  const steps = [step(0, good / 2, null), step(1, good, null), step(2, bad, 'slo')];
  const capacity: CapacitySummary = {
    executor: 'sweep',
    rate: good,
    rpm: good * 60,
    concurrency: 4,
    limitedBy: 'slo',
    bound: 'time_to_first_token',
    atStep: 1,
    stop: { sloAttainment: 0.95, errorRate: 0.05 },
    atCapacity: { ttftP95: 281, durationP95: 300 },
    steps,
    pareto: paretoFront(steps),
  };
  return { ...s, capacity, metrics: { ...s.metrics, capacity: { value: good * 60 } } };
}
