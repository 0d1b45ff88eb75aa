// How several load workers share one plan, so that their union is the plan itself. Open models:
// every worker walks the SAME global schedule (the same seed for Poisson and gamma draws) and
// sends only the arrivals whose index falls to it (i mod n = k). Closed models: each stage's VU
// target is split evenly, the remainder going to the first workers. Connection caps are split
// the same way, so the run never opens more than it was allowed. Pure.
import type { RunOptions } from '../protocol';
import type { Scenario } from '../scenario/model';

/** Which worker this is, of how many. */
export interface Shard {
  index: number;
  count: number;
}

/** Worker `index`'s even share of `total` (the first `total mod count` workers take one more). */
export function evenShare(total: number, index: number, count: number): number {
  const base = Math.floor(total / count);
  return base + (index < total - base * count ? 1 : 0);
}

/** Whether global arrival `i` (0-based) is this worker's. */
export function ownsArrival(i: number, shard: Shard | undefined): boolean {
  return shard === undefined || shard.count <= 1 || i % shard.count === shard.index;
}

/**
 * The scenario worker `shard.index` runs: the same plan for open models (it skips arrivals that are
 * not its own), its share of every stage's VU target for closed ones, its share of the connections;
 * `seed` fixes random arrivals so every worker draws the same schedule.
 */
export function shardScenario(sc: Scenario, shard: Shard, seed: number): Scenario {
  const load = { ...sc.load };
  if (load.kind === 'closed')
    load.stages = load.stages.map((s) => ({ ...s, target: evenShare(Math.round(s.target), shard.index, shard.count) }));
  else if (load.arrivals !== 'uniform' && load.seed === undefined) load.seed = seed;
  const target = {
    ...sc.target,
    maxConnections: Math.max(1, evenShare(sc.target.maxConnections, shard.index, shard.count)),
  };
  return { ...sc, load, target };
}

/** The run options of worker `shard.index`: its share of the connection cap, and who it is. */
export function shardOptions(opt: RunOptions, shard: Shard): RunOptions {
  const out: RunOptions = { ...opt, shard };
  if (opt.maxConnections !== undefined)
    out.maxConnections = Math.max(1, evenShare(opt.maxConnections, shard.index, shard.count));
  return out;
}
