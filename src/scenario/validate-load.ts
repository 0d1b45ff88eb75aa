// `load:` — the executor and its stages. Constant executors are normalised to a jump stage and
// one flat stage, so the engine only ever sees stages.
import { isScalar, type Node } from 'yaml';
import type { ExecutorKind, LoadSpec, Stage, TraceSpec } from './model';
import { readTrace } from './validate-trace';
import { error, warn, type Ctx } from './yaml-ranges';
import {
  isEmpty,
  readDuration,
  readEnum,
  readList,
  readMap,
  readNumber,
  readRate,
  requireKeys,
  type Entry,
} from './read';
import { ARRIVALS, EXECUTORS } from './keys';
import { parseRate } from './units';
import { readSweep } from './validate-sweep';
import { readWorkers, warnUnshardable } from './validate-workers';

export const LOAD_DEFAULTS = { gracefulStopMs: 30_000, thinkTimeMs: 0 };

/** Load keys that only some executors take. */
export const ONLY_FOR: Record<string, readonly ExecutorKind[]> = {
  stages: ['ramping-arrival-rate', 'ramping-vus'],
  rate: ['constant-arrival-rate'],
  vus: ['constant-vus'],
  duration: ['constant-arrival-rate', 'constant-vus'],
  from: ['sweep', 'sweep-vus'],
  to: ['sweep', 'sweep-vus'],
  steps: ['sweep', 'sweep-vus'],
  stepDuration: ['sweep', 'sweep-vus'],
  stop: ['sweep', 'sweep-vus'],
  refine: ['sweep', 'sweep-vus'],
  file: ['trace'],
  speed: ['trace'],
  columns: ['trace'],
  timeUnit: ['trace'],
};

export function validateLoad(ctx: Ctx, entry: Entry | undefined): LoadSpec | undefined {
  if (!entry) return undefined;
  const m = readMap(ctx, entry.value, 'load', 'load', '{ executor: constant-arrival-rate, rate: 10/s, duration: 1m }');
  if (!m) return undefined;
  if (
    !requireKeys(ctx, m, entry.value, 'load', ['executor'], {
      executor: `executor: ramping-arrival-rate (or ${EXECUTORS.slice(1).join(', ')})`,
    })
  )
    return undefined;
  const executor = readEnum(ctx, m.get('executor')!, 'load.executor', EXECUTORS);
  if (!executor) return undefined;
  const kind = executor.endsWith('arrival-rate') || executor === 'sweep' || executor === 'trace' ? 'open' : 'closed';
  let ok = true;
  for (const [k, allowed] of Object.entries(ONLY_FOR)) {
    const e = m.get(k);
    if (e && !allowed.includes(executor)) {
      error(ctx, e.key, 'not-for-executor', `'${k}' does not apply to ${executor}: ${usage(executor)}`);
      ok = false;
    }
  }
  let stages: Stage[] | undefined;
  let sweep: LoadSpec['sweep'];
  let trace: TraceSpec | undefined;
  if (executor === 'sweep' || executor === 'sweep-vus') {
    const r = readSweep(ctx, m, entry.value, executor === 'sweep-vus');
    if (!r) return undefined;
    stages = r.stages;
    sweep = r.sweep;
  } else if (executor === 'trace') {
    // The trace's length is known only once it has been read: no stages, no planned duration.
    trace = readTrace(ctx, m, entry.value);
    if (trace) stages = [];
  } else if (executor === 'ramping-arrival-rate' || executor === 'ramping-vus') {
    if (
      !requireKeys(ctx, m, entry.value, 'load', ['stages'], {
        stages: kind === 'open' ? '[ { duration: 1m, target: 10/s } ]' : '[ { duration: 1m, target: 10 } ]',
      })
    )
      return undefined;
    stages = readStages(ctx, m.get('stages')!, kind);
  } else {
    const what = executor === 'constant-vus' ? 'vus' : 'rate';
    if (
      !requireKeys(ctx, m, entry.value, 'load', [what, 'duration'], {
        rate: 'rate: 10/s',
        vus: 'vus: 10',
        duration: 'duration: 1m',
      })
    )
      return undefined;
    const valueEntry = m.get(what)!;
    let value =
      what === 'rate'
        ? readRate(ctx, valueEntry, 'load.rate')
        : readNumber(ctx, valueEntry, 'load.vus', { integer: true, min: 1 });
    if (value === 0) {
      error(ctx, valueEntry.value, 'out-of-range', "'load.rate' must be more than 0, e.g. 10/s.");
      value = undefined;
    }
    const duration = readDuration(ctx, m.get('duration')!, 'load.duration', '5m');
    if (value !== undefined && duration !== undefined) {
      const label = labelOf(valueEntry.value, value);
      stages = [
        { durationMs: 0, target: value, label },
        { durationMs: duration, target: value, label },
      ];
      if (duration === 0) {
        error(ctx, m.get('duration')!.value, 'zero-duration', "'load.duration' must be longer than 0s, e.g. 1m.");
        stages = undefined;
      }
    }
  }
  const spec: LoadSpec = {
    executor,
    kind,
    stages: stages ?? [],
    durationMs: 0,
    arrivals: sweep && !sweep.vus ? 'poisson' : 'uniform',
    gracefulStopMs: LOAD_DEFAULTS.gracefulStopMs,
    thinkTimeMs: LOAD_DEFAULTS.thinkTimeMs,
  };
  if (trace) spec.trace = trace;
  const arrivals = m.get('arrivals');
  if (arrivals) {
    spec.arrivals = readEnum(ctx, arrivals, 'load.arrivals', ARRIVALS) ?? spec.arrivals;
    if (kind === 'closed' || trace)
      warn(
        ctx,
        arrivals.key,
        'ignored-key',
        `'arrivals' applies to arrival-rate executors only; ${executor} ignores it.`,
      );
  }
  const burst = m.get('burstiness');
  if (burst) {
    const b = readNumber(ctx, burst, 'load.burstiness', { min: 0, exclusiveMin: true, max: 1000 });
    if (b === undefined) ok = false;
    else spec.burstiness = b;
    if (spec.arrivals !== 'gamma')
      warn(
        ctx,
        burst.key,
        'ignored-key',
        "'burstiness' shapes gamma arrivals: add arrivals: gamma (it is ignored otherwise).",
      );
  }
  const seedE = m.get('seed');
  if (seedE) {
    const sd = readNumber(ctx, seedE, 'load.seed', { integer: true, min: 0, max: 4_294_967_295 });
    if (sd === undefined) ok = false;
    else spec.seed = sd;
  }
  const workersE = m.get('workers');
  if (workersE) {
    const w = readWorkers(ctx, workersE);
    if (w === undefined) ok = false;
    else spec.workers = w;
  }
  const graceful = m.get('gracefulStop');
  if (graceful) spec.gracefulStopMs = readDuration(ctx, graceful, 'load.gracefulStop', '30s') ?? spec.gracefulStopMs;
  const think = m.get('thinkTime');
  if (think) {
    spec.thinkTimeMs = readDuration(ctx, think, 'load.thinkTime', '1s') ?? 0;
    if (kind === 'open')
      warn(
        ctx,
        think.key,
        'ignored-key',
        `'thinkTime' applies to VU executors only; ${executor} starts requests on schedule and ignores it.`,
      );
  }
  if (!stages || !ok) return undefined;
  if (sweep) spec.sweep = sweep;
  if (workersE) warnUnshardable(ctx, workersE, spec);
  if (trace) return spec;
  spec.durationMs = stages.reduce((sum, s) => sum + s.durationMs, 0);
  return spec;
}

function usage(executor: ExecutorKind): string {
  switch (executor) {
    case 'ramping-arrival-rate':
      return 'it takes stages: [ { duration: 1m, target: 10/s } ].';
    case 'ramping-vus':
      return 'it takes stages: [ { duration: 1m, target: 10 } ].';
    case 'constant-arrival-rate':
      return 'it takes rate and duration, e.g. { rate: 10/s, duration: 1m }.';
    case 'constant-vus':
      return 'it takes vus and duration, e.g. { vus: 10, duration: 1m }.';
    case 'sweep':
      return 'it takes from, to, steps, stepDuration, stop and refine, e.g. { from: 1/s, to: 200/s, steps: 8, stepDuration: 30s }.';
    case 'sweep-vus':
      return 'it takes from, to, steps, stepDuration, stop and refine, e.g. { from: 1, to: 256, steps: 9, stepDuration: 30s }.';
    case 'trace':
      return 'it takes file, speed, columns and timeUnit, e.g. { file: trace.csv, speed: 1 }.';
  }
}

function labelOf(node: Node | null, value: number): string {
  return isScalar(node) && node.source !== undefined ? String(node.source) : String(value);
}

function readStages(ctx: Ctx, e: Entry, kind: 'open' | 'closed'): Stage[] | undefined {
  const items = readList(
    ctx,
    e,
    'load.stages',
    kind === 'open' ? '[ { duration: 1m, target: 10/s } ]' : '[ { duration: 1m, target: 10 } ]',
  );
  if (!items) return undefined;
  if (items.length === 0) {
    error(ctx, e.value, 'empty-list', "'load.stages' needs at least one stage, e.g. - { duration: 1m, target: 10/s }.");
    return undefined;
  }
  const stages: Stage[] = [];
  let ok = true;
  items.forEach((item, i) => {
    const what = `load.stages[${i}]`;
    const m = readMap(ctx, item, what, 'load.stages[]', '{ duration: 1m, target: 10/s }');
    if (
      !m ||
      !requireKeys(ctx, m, item, what, ['duration', 'target'], {
        duration: 'duration: 1m',
        target: kind === 'open' ? 'target: 10/s' : 'target: 10',
      })
    ) {
      ok = false;
      return;
    }
    const durationMs = readDuration(ctx, m.get('duration')!, `${what}.duration`, '1m');
    const t = m.get('target')!;
    const target = kind === 'open' ? readStageRate(ctx, t, what) : readStageUsers(ctx, t, what);
    if (durationMs === undefined || target === undefined) {
      ok = false;
      return;
    }
    stages.push({ durationMs, target, label: labelOf(t.value, target) });
  });
  if (!ok) return undefined;
  if (stages.every((s) => s.target === 0)) {
    warn(
      ctx,
      e.key,
      'no-load',
      `Every stage targets 0: this test sends no requests. Raise a target, e.g. ${kind === 'open' ? '10/s' : '10'}.`,
    );
  }
  if (stages.every((s) => s.durationMs === 0)) {
    error(ctx, e.key, 'zero-duration', 'The stages last 0s in total: give at least one stage a duration, e.g. 1m.');
    return undefined;
  }
  return stages;
}

/** Arrival-rate stage targets are rates; a bare 0 is allowed (ramp down to nothing). */
function readStageRate(ctx: Ctx, t: Entry, what: string): number | undefined {
  const v = isScalar(t.value) ? t.value.value : undefined;
  if (v === 0) return 0;
  if (typeof v === 'number' && !isEmpty(t.value)) {
    error(
      ctx,
      t.value,
      'bad-rate',
      `Arrival-rate targets are rates: write '${v}/s' or '${v}/min' (a plain number means users, for VU executors).`,
    );
    return undefined;
  }
  if (typeof v === 'string' && parseRate(v) !== undefined) return parseRate(v);
  return readRate(ctx, t, `${what}.target`);
}

/** VU stage targets are numbers of users; a rate here means the wrong executor. */
function readStageUsers(ctx: Ctx, t: Entry, what: string): number | undefined {
  const v = isScalar(t.value) ? t.value.value : undefined;
  if (typeof v === 'string' && parseRate(v) !== undefined) {
    error(
      ctx,
      t.value,
      'bad-target',
      `ramping-vus targets are numbers of virtual users, e.g. target: 10; for a rate such as '${v}' use executor: ramping-arrival-rate.`,
    );
    return undefined;
  }
  return readNumber(ctx, t, `${what}.target`, { integer: true, min: 0 });
}
