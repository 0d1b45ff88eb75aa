// `load:` of the sweep executors: `sweep` (arrival rates, open model) and `sweep-vus`
// (concurrency, closed model). Steps are geometric from `from` to `to`; the plan's stages are the
// ladder without refinement, so progress bars and exports see the steps a sweep may run.
import type { Node } from 'yaml';
import type { Stage, SweepSpec } from './model';
import { error } from './yaml-ranges';
import { readDuration, readMap, readNumber, readRate, requireKeys, type Entries, type Entry } from './read';
import { parsePercent } from './units';
import { isScalar } from 'yaml';
import type { Ctx } from './yaml-ranges';

/** Defaults of a sweep's stop rule and shape. */
export const SWEEP_DEFAULTS = { steps: 8, sloAttainment: 0.95, errorRate: 0.05, refine: 0 };

/** The offered load of each planned step: geometric from `from` to `to` (VUs rounded, repeats dropped). */
export function sweepLadder(s: Pick<SweepSpec, 'from' | 'to' | 'steps' | 'vus'>): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.steps; i++) {
    const v = s.steps === 1 ? s.from : s.from * (s.to / s.from) ** (i / (s.steps - 1));
    const x = s.vus ? Math.round(v) : Math.round(v * 1000) / 1000;
    if (out[out.length - 1] !== x) out.push(x);
  }
  return out;
}

/** Reads the sweep's keys; returns the spec and the planned ladder as stages. */
export function readSweep(
  ctx: Ctx,
  m: Entries,
  node: Node | null,
  vus: boolean,
): { sweep: SweepSpec; stages: Stage[] } | undefined {
  const ex = vus ? { from: 'from: 1', to: 'to: 256' } : { from: 'from: 1/s', to: 'to: 200/s' };
  if (!requireKeys(ctx, m, node, 'load', ['from', 'to', 'stepDuration'], { ...ex, stepDuration: 'stepDuration: 30s' }))
    return undefined;
  const read = (k: 'from' | 'to'): number | undefined =>
    vus
      ? readNumber(ctx, m.get(k)!, `load.${k}`, { integer: true, min: 1 })
      : positiveRate(ctx, m.get(k)!, `load.${k}`);
  const from = read('from');
  const to = read('to');
  const stepDurationMs = readDuration(ctx, m.get('stepDuration')!, 'load.stepDuration', '30s');
  if (stepDurationMs !== undefined && stepDurationMs < 1000) {
    error(
      ctx,
      m.get('stepDuration')!.value,
      'out-of-range',
      "'load.stepDuration' must be at least 1s, e.g. 30s: a step needs time to show its latencies.",
    );
    return undefined;
  }
  const stepsE = m.get('steps');
  const steps = stepsE
    ? readNumber(ctx, stepsE, 'load.steps', { integer: true, min: 1, max: 100 })
    : SWEEP_DEFAULTS.steps;
  const refineE = m.get('refine');
  const refine = refineE
    ? readNumber(ctx, refineE, 'load.refine', { integer: true, min: 0, max: 10 })
    : SWEEP_DEFAULTS.refine;
  const stop = { sloAttainment: SWEEP_DEFAULTS.sloAttainment, errorRate: SWEEP_DEFAULTS.errorRate };
  const stopE = m.get('stop');
  if (stopE) {
    const sm = readMap(ctx, stopE.value, 'load.stop', 'load.stop', '{ sloAttainment: 0.95, errorRate: 0.05 }');
    if (!sm) return undefined;
    for (const k of ['sloAttainment', 'errorRate'] as const) {
      const e = sm.get(k);
      if (!e) continue;
      const f = fraction(e);
      if (f === undefined) {
        error(
          ctx,
          e.value ?? e.key,
          'bad-percent',
          `'load.stop.${k}' must be a fraction from 0 to 1 or a percentage, e.g. ${k === 'errorRate' ? '0.05 or 5%' : '0.95 or 95%'}.`,
        );
        return undefined;
      }
      stop[k] = f;
    }
  }
  if (
    from === undefined ||
    to === undefined ||
    stepDurationMs === undefined ||
    steps === undefined ||
    refine === undefined
  )
    return undefined;
  if (to < from) {
    error(
      ctx,
      m.get('to')!.value,
      'out-of-range',
      `'load.to' must be at least 'load.from' (${vus ? from : `${from}/s`}).`,
    );
    return undefined;
  }
  const sweep: SweepSpec = { from, to, steps, stepDurationMs, stop, refine, vus };
  const stages: Stage[] = [];
  for (const v of sweepLadder(sweep)) {
    const label = vus ? String(v) : `${v}/s`;
    stages.push({ durationMs: 0, target: v, label }, { durationMs: stepDurationMs, target: v, label });
  }
  return { sweep, stages };
}

function positiveRate(ctx: Ctx, e: Entry, what: string): number | undefined {
  const r = readRate(ctx, e, what);
  if (r === 0) {
    error(ctx, e.value, 'out-of-range', `'${what}' must be more than 0, e.g. 1/s.`);
    return undefined;
  }
  return r;
}

function fraction(e: Entry): number | undefined {
  const v = isScalar(e.value) ? e.value.value : undefined;
  return typeof v === 'string' || typeof v === 'number' ? parsePercent(v) : undefined;
}
