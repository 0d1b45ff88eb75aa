// Sweep scenarios built directly (the model is the contract) and a check of the answer.
import type { LoadSpec, SweepSpec } from '../../../src/scenario/model';
import { sweepLadder } from '../../../src/scenario/validate-sweep';
import { stage } from './scenario-fixtures';

/** A `sweep` (or `sweep-vus`) load as the parser would produce it. */
export function sweepLoad(
  s: Partial<SweepSpec> & Pick<SweepSpec, 'from' | 'to' | 'steps' | 'stepDurationMs'>,
  extra: Partial<LoadSpec> = {},
): LoadSpec {
  const sweep: SweepSpec = { stop: { sloAttainment: 0.95, errorRate: 0.05 }, refine: 0, vus: false, ...s };
  const stages = sweepLadder(sweep).flatMap((v) => [stage(0, v), stage(sweep.stepDurationMs, v)]);
  return {
    executor: sweep.vus ? 'sweep-vus' : 'sweep',
    kind: sweep.vus ? 'closed' : 'open',
    stages,
    durationMs: stages.reduce((a, x) => a + x.durationMs, 0),
    arrivals: 'uniform',
    gracefulStopMs: 5000,
    thinkTimeMs: 0,
    sweep,
    ...extra,
  };
}
