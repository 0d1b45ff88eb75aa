// Micro-benchmark timing shared by the reader benches: best round of many short ones.

/** Results flow here so the optimiser cannot drop the measured work. */
export const blackhole = { sink: 0 };

/** Calibrates an iteration count that takes about `ms`. */
function calibrate(fn: () => number, ms: number): number {
  for (let i = 0; i < 200; i++) blackhole.sink += fn();
  let iters = 20;
  for (;;) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iters; i++) blackhole.sink += fn();
    if (Number(process.hrtime.bigint() - t0) / 1e6 > ms) return iters;
    iters *= 2;
  }
}

/**
 * ns per event for each variant: many short rounds alternate between the variants so a noisy
 * neighbour (2 shared cores) hits all of them alike, and each keeps its best round (a few ms
 * slice often runs undisturbed even on a loaded machine; noise only ever adds time).
 */
export function measure(fns: Array<() => number>, events: number, ms: number, rounds = 60): number[] {
  const iters = fns.map((fn) => calibrate(fn, ms / rounds));
  const best = fns.map(() => Infinity);
  for (let r = 0; r < rounds; r++) {
    fns.forEach((fn, k) => {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < iters[k]; i++) blackhole.sink += fn();
      best[k] = Math.min(best[k], Number(process.hrtime.bigint() - t0) / (iters[k] * events));
    });
  }
  return best;
}
