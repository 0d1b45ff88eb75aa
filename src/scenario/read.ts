// Typed reads from YAML nodes: each reports a diagnostic at the node and returns undefined
// when the value is not what the key allows, so validators read like the format they check.
import { isAlias, isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { Range } from './model';
import { error, rangeOf, report, type Ctx, nodeSpan } from './yaml-ranges';
import { keyNames } from './keys';
import { didYouMean, oneOf } from './suggestions';
import { parseDuration, parseRate } from './units';

/** One key of a mapping and its value. */
export interface Entry {
  name: string;
  key: Scalar;
  value: Node | null;
}

/** A mapping's entries by key name, in order. */
export type Entries = Map<string, Entry>;

export function resolve(ctx: Ctx, node: unknown): Node | null {
  if (isAlias(node)) {
    try {
      return (node.resolve(ctx.doc) as Node | undefined) ?? null;
    } catch {
      return null;
    }
  }
  return (node as Node | null) ?? null;
}

/** Whether a node is absent or an empty scalar (`key:` with nothing after it). */
export function isEmpty(node: Node | null): boolean {
  return !node || (isScalar(node) && (node.value === null || node.value === undefined));
}

/** The range of a node's first line: where "missing key" problems are shown. */
export function headRange(ctx: Ctx, node: Node | null): Range {
  const [s, e] = nodeSpan(ctx, node);
  const nl = ctx.text.slice(s, e).search(/[\r\n]/);
  return ctx.lines.range(s, nl < 0 ? e : s + nl);
}

/**
 * Reads a mapping. Unknown keys (when `table` names a key table) are errors with a suggestion.
 * `what` names the place for messages (`load`, `requests[2]`).
 */
export function readMap(
  ctx: Ctx,
  node: Node | null,
  what: string,
  table?: string,
  example?: string,
): Entries | undefined {
  const n = resolve(ctx, node);
  if (!isMap(n)) {
    error(ctx, n, 'wrong-type', `'${what}' must be a mapping of keys${example ? `, e.g. ${example}` : ''}.`);
    return undefined;
  }
  const out: Entries = new Map();
  const allowed = table !== undefined ? keyNames(table) : undefined;
  const merged: Node[] = [];
  for (const pair of n.items) {
    const key = pair.key as Node | null;
    if (
      isScalar(key) &&
      (key.value === '<<' || (typeof key.value === 'symbol' && key.source === '<<')) &&
      (isAlias(pair.value) || isMap(pair.value) || isSeq(pair.value))
    ) {
      // `<<: *defaults` merge keys: the merged mapping's keys count unless this one sets them.
      const v = pair.value as Node;
      merged.push(
        ...(isSeq(v) ? v.items.map((i) => resolve(ctx, i)) : [resolve(ctx, v)]).filter((m): m is Node => isMap(m)),
      );
      continue;
    }
    if (!isScalar(key) || (typeof key.value !== 'string' && typeof key.value !== 'number')) {
      error(ctx, key, 'wrong-type', `Keys in '${what}' must be plain names.`);
      continue;
    }
    const name = String(key.value);
    // `x-…` keys at the top level hold anchors for merge keys (`x-defaults: &defaults`), as in Compose files.
    if (table === '' && name.startsWith('x-')) continue;
    if (allowed && !allowed.includes(name)) {
      error(
        ctx,
        key,
        'unknown-key',
        `Unknown key '${name}' in '${what}'.${didYouMean(name, allowed)} Valid keys: ${allowed.join(', ')}.`,
      );
      continue;
    }
    if (out.has(name)) continue; // yaml already reports duplicate keys
    out.set(name, { name, key, value: resolve(ctx, pair.value) });
  }
  for (const m of merged) {
    const inner = readMap(ctx, m, what, table, example);
    for (const [k, e] of inner ?? []) if (!out.has(k)) out.set(k, e);
  }
  return out;
}

/** Reports required keys that are missing, at the mapping's first line. */
export function requireKeys(
  ctx: Ctx,
  entries: Entries,
  node: Node | null,
  what: string,
  keys: string[],
  hint: Record<string, string> = {},
): boolean {
  let ok = true;
  for (const k of keys) {
    if (entries.has(k) && !isEmpty(entries.get(k)!.value)) continue;
    const entry = entries.get(k);
    const where = entry ? rangeOf(ctx, entry.key) : headRange(ctx, node);
    report(ctx, where, 'error', 'missing-key', `'${what}' needs '${k}'${hint[k] ? `, e.g. ${hint[k]}` : ''}.`);
    ok = false;
  }
  return ok;
}

function scalarOf(e: Entry): Scalar | undefined {
  return isScalar(e.value) ? e.value : undefined;
}

function where(e: Entry): Node | null {
  return isEmpty(e.value) ? e.key : e.value;
}

export function readString(ctx: Ctx, e: Entry, what: string, example?: string): string | undefined {
  const s = scalarOf(e);
  if (s && typeof s.value === 'string') return s.value;
  if (s && typeof s.value === 'number' && !isEmpty(e.value)) return String(s.value);
  error(ctx, where(e), 'wrong-type', `'${what}' must be text${example ? `, e.g. ${example}` : ''}.`);
  return undefined;
}

export function readNumber(
  ctx: Ctx,
  e: Entry,
  what: string,
  opts: { min?: number; max?: number; integer?: boolean; exclusiveMin?: boolean } = {},
): number | undefined {
  const s = scalarOf(e);
  const v = s?.value;
  const bounds = [
    opts.min !== undefined ? `${opts.exclusiveMin ? 'greater than' : 'at least'} ${opts.min}` : '',
    opts.max !== undefined ? `at most ${opts.max}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const kind = opts.integer ? 'a whole number' : 'a number';
  const msg = `'${what}' must be ${kind}${bounds ? ` ${bounds}` : ''}.`;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    error(ctx, where(e), 'wrong-type', msg);
    return undefined;
  }
  const bad =
    (opts.integer && !Number.isInteger(v)) ||
    (opts.min !== undefined && (opts.exclusiveMin ? v <= opts.min : v < opts.min)) ||
    (opts.max !== undefined && v > opts.max);
  if (bad) {
    error(ctx, e.value, 'out-of-range', msg);
    return undefined;
  }
  return v;
}

export function readBoolean(ctx: Ctx, e: Entry, what: string): boolean | undefined {
  const v = scalarOf(e)?.value;
  if (typeof v === 'boolean') return v;
  error(ctx, where(e), 'wrong-type', `'${what}' must be true or false.`);
  return undefined;
}

export function readEnum<T extends string>(ctx: Ctx, e: Entry, what: string, values: readonly T[]): T | undefined {
  const v = scalarOf(e)?.value;
  if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
  const word = typeof v === 'string' ? v : '';
  error(
    ctx,
    where(e),
    'bad-value',
    `${word ? `'${word}' is not a valid '${what}'.` : `'${what}' needs a value.`}${word ? didYouMean(word, values) : ''} Valid values: ${oneOf(values)}.`,
  );
  return undefined;
}

export function readDuration(ctx: Ctx, e: Entry, what: string, example = '30s'): number | undefined {
  const v = scalarOf(e)?.value;
  if (typeof v === 'string' || typeof v === 'number') {
    const ms = parseDuration(v);
    if (ms !== undefined) return ms;
  }
  const hint = typeof v === 'number' ? ` Add a unit: '${v}s' or '${v}ms'.` : '';
  error(
    ctx,
    where(e),
    'bad-duration',
    `'${what}' must be a duration such as ${example}, 500ms, 2m or 1h30m (units ms, s, m, h).${hint}`,
  );
  return undefined;
}

export function readRate(ctx: Ctx, e: Entry, what: string): number | undefined {
  const v = scalarOf(e)?.value;
  if (typeof v === 'string' || typeof v === 'number') {
    const r = parseRate(v);
    if (r !== undefined) return r;
  }
  const hint = typeof v === 'number' ? ` Add a unit: '${v}/s' or '${v}/min'.` : '';
  error(ctx, where(e), 'bad-rate', `'${what}' must be a rate such as 20/s or 100/min (per s, min or h).${hint}`);
  return undefined;
}

/** Reads a list; a non-list is an error. */
export function readList(ctx: Ctx, e: Entry, what: string, example?: string): Node[] | undefined {
  if (isSeq(e.value)) return e.value.items.map((i) => resolve(ctx, i)).filter((i): i is Node => i !== null);
  error(ctx, where(e), 'wrong-type', `'${what}' must be a list${example ? `, e.g. ${example}` : ''}.`);
  return undefined;
}

/** Reads a mapping of names to text values (headers, variables). */
export function readStringMap(ctx: Ctx, e: Entry, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = readMap(ctx, e.value, what, undefined, '{ X-Team: load-test }');
  if (!entries) return out;
  for (const [name, sub] of entries) {
    const s = scalarOf(sub);
    if (
      s &&
      !isEmpty(sub.value) &&
      (typeof s.value === 'string' || typeof s.value === 'number' || typeof s.value === 'boolean')
    ) {
      out[name] = String(s.value);
    } else {
      error(ctx, where(sub), 'wrong-type', `'${what}.${name}' must be text.`);
    }
  }
  return out;
}
