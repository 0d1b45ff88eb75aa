// `load: { executor: trace, file, speed, columns, timeUnit }`: replaying a trace's arrivals.
import { dirname, isAbsolute, resolve as resolvePath } from 'node:path';
import type { Node } from 'yaml';
import type { TraceSpec } from './model';
import { error, type Ctx } from './yaml-ranges';
import { readEnum, readMap, readNumber, readString, type Entries } from './read';
import { TIME_UNITS } from './keys';

/** Reads the trace keys of `load`; undefined (with diagnostics) when they are unusable. */
export function readTrace(ctx: Ctx, m: Entries, node: Node | null): TraceSpec | undefined {
  const fileE = m.get('file');
  if (!fileE) {
    error(
      ctx,
      node,
      'missing-key',
      "'load' with executor: trace needs file, e.g. file: trace.csv (CSV with a header row, or JSONL).",
    );
    return undefined;
  }
  const rel = readString(ctx, fileE, 'load.file', 'trace.csv');
  if (rel === undefined) return undefined;
  const lower = rel.toLowerCase();
  if (!/\.(csv|jsonl|ndjson)$/.test(lower)) {
    error(ctx, fileE.value, 'bad-file', `'load.file' must be a .csv or .jsonl trace, not '${rel}'.`);
    return undefined;
  }
  const abs = isAbsolute(rel) ? rel : resolvePath(ctx.file ? dirname(ctx.file) : process.cwd(), rel);
  // Every key is checked, so one run of the validator shows every problem.
  let ok = true;
  if (ctx.fileExists && !ctx.fileExists(abs)) {
    error(
      ctx,
      fileE.value,
      'missing-file',
      `Trace file '${rel}' not found (looked for ${abs}): paths are relative to the scenario file's folder.`,
    );
    ok = false;
  }
  const spec: TraceSpec = { file: abs, speed: 1, columns: {} };
  const speedE = m.get('speed');
  if (speedE) {
    const s = readNumber(ctx, speedE, 'load.speed', { min: 0, exclusiveMin: true, max: 1000 });
    if (s === undefined) ok = false;
    else spec.speed = s;
  }
  const colE = m.get('columns');
  if (colE) {
    const cm = readMap(
      ctx,
      colE.value,
      'load.columns',
      'load.columns',
      '{ time: TIMESTAMP, input: ContextTokens, output: GeneratedTokens }',
    );
    if (!cm) ok = false;
    for (const k of ['time', 'input', 'output'] as const) {
      const e = cm?.get(k);
      if (!e) continue;
      const v = readString(ctx, e, `load.columns.${k}`);
      if (v === undefined) ok = false;
      else spec.columns[k] = v;
    }
  }
  const unitE = m.get('timeUnit');
  if (unitE) {
    const u = readEnum(ctx, unitE, 'load.timeUnit', TIME_UNITS);
    if (!u) ok = false;
    else spec.timeUnit = u;
  }
  return ok ? spec : undefined;
}
