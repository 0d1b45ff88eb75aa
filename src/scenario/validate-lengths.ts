// Lengths in tokens: `prompt: { tokens: {…}, distribution, seed, prefix }`, `maxTokens: { mean, stddev }`
// and `exactOutput`. Each problem is reported at the key or value that causes it.
import { isMap, type Node } from 'yaml';
import type { LengthDistribution, LengthSpec, PromptSource } from './model';
import { error, type Ctx } from './yaml-ranges';
import { readEnum, readMap, readNumber, type Entries, type Entry } from './read';
import { DISTRIBUTIONS } from './keys';

/** Longest prompt or answer a length may ask for (the engine's corpus wraps beyond its size). */
export const MAX_LENGTH_TOKENS = 1_048_576;

/**
 * A length: a plain integer (fixed) or `{ mean, stddev, min, max, distribution }`. `table` names
 * the key table for unknown keys; `outerDist` is a `distribution` written beside it (prompt).
 */
export function readLength(ctx: Ctx, e: Entry, what: string, table: string, outerDist?: Entry): LengthSpec | undefined {
  const opts = { integer: true, min: 1, max: MAX_LENGTH_TOKENS };
  if (!isMap(e.value)) {
    const n = readNumber(ctx, e, what, opts);
    return n === undefined ? undefined : { distribution: 'fixed', mean: n, stddev: 0 };
  }
  const m = readMap(ctx, e.value, what, table, '{ mean: 300, stddev: 50 }');
  if (!m) return undefined;
  const meanE = m.get('mean');
  if (!meanE) {
    error(ctx, e.value as Node, 'missing-key', `'${what}' needs a mean, e.g. { mean: 300, stddev: 50 }.`);
    return undefined;
  }
  const mean = readNumber(ctx, meanE, `${what}.mean`, { min: 1, max: MAX_LENGTH_TOKENS });
  const get = (k: string, o: Parameters<typeof readNumber>[3]): number | undefined => {
    const x = m.get(k);
    return x ? readNumber(ctx, x, `${what}.${k}`, o) : undefined;
  };
  const stddev = get('stddev', { min: 0, max: MAX_LENGTH_TOKENS }) ?? 0;
  const min = get('min', opts);
  const max = get('max', opts);
  const distE = m.get('distribution') ?? outerDist;
  const distribution: LengthDistribution = distE
    ? (readEnum(
        ctx,
        distE,
        distE === outerDist ? what.replace(/\.tokens$/, '.distribution') : `${what}.distribution`,
        DISTRIBUTIONS,
      ) ?? 'normal')
    : stddev > 0
      ? 'normal'
      : 'fixed';
  if (mean === undefined) return undefined;
  if (min !== undefined && max !== undefined && min > max) {
    error(ctx, m.get('min')!.value, 'out-of-range', `'${what}.min' (${min}) is above '${what}.max' (${max}).`);
    return undefined;
  }
  if (min !== undefined && mean < min) {
    error(ctx, meanE.value, 'out-of-range', `'${what}.mean' (${mean}) is below min (${min}).`);
    return undefined;
  }
  if (max !== undefined && mean > max) {
    error(ctx, meanE.value, 'out-of-range', `'${what}.mean' (${mean}) is above max (${max}).`);
    return undefined;
  }
  const spec: LengthSpec = { distribution, mean, stddev };
  if (min !== undefined) spec.min = min;
  if (max !== undefined) spec.max = max;
  return spec;
}

/** `prompt: { tokens, distribution, seed, prefix }` once `tokens` or `prefix` is present. */
export function readTokenPrompt(ctx: Ctx, m: Entries, what: string): PromptSource | undefined {
  for (const k of ['file', 'items']) {
    const x = m.get(k);
    if (x) {
      error(
        ctx,
        x.key,
        'conflicting-keys',
        `'${what}.prompt' generates prompts from 'tokens': remove '${k}' (or remove tokens to use ${k}).`,
      );
      return undefined;
    }
  }
  const tokensE = m.get('tokens');
  const distE = m.get('distribution');
  if (distE && !tokensE) {
    error(
      ctx,
      distE.key,
      'ignored-key',
      `'${what}.prompt.distribution' shapes 'tokens': add tokens: { mean: 300, stddev: 50 }.`,
    );
    return undefined;
  }
  const tokens = tokensE
    ? readLength(ctx, tokensE, `${what}.prompt.tokens`, 'requests[].prompt.tokens', distE)
    : undefined;
  if (tokensE && !tokens) return undefined;
  const seedE = m.get('seed');
  const seed = seedE ? readNumber(ctx, seedE, `${what}.prompt.seed`, { integer: true, min: 0, max: 4_294_967_295 }) : 1;
  if (seed === undefined) return undefined;
  const out: PromptSource = { kind: 'tokens', seed };
  if (tokens) out.tokens = tokens;
  const prefixE = m.get('prefix');
  if (prefixE) {
    const pm = readMap(
      ctx,
      prefixE.value,
      `${what}.prompt.prefix`,
      'requests[].prompt.prefix',
      '{ tokens: 2000, groups: 8 }',
    );
    if (!pm) return undefined;
    const t = pm.get('tokens');
    if (!t) {
      error(
        ctx,
        prefixE.value,
        'missing-key',
        `'${what}.prompt.prefix' needs tokens, e.g. { tokens: 2000, groups: 8 }.`,
      );
      return undefined;
    }
    const pt = readNumber(ctx, t, `${what}.prompt.prefix.tokens`, { integer: true, min: 1, max: MAX_LENGTH_TOKENS });
    const g = pm.get('groups');
    const groups = g ? readNumber(ctx, g, `${what}.prompt.prefix.groups`, { integer: true, min: 1, max: 1000 }) : 1;
    if (pt === undefined || groups === undefined) return undefined;
    out.prefix = { tokens: pt, groups };
    // `tokens` then counts the suffix: the prompt is the prefix plus that many tokens.
  }
  if (!tokens && !prefixE) {
    error(
      ctx,
      m.values().next().value?.key ?? null,
      'missing-key',
      `'${what}.prompt' needs tokens, e.g. tokens: { mean: 300, stddev: 50 }.`,
    );
    return undefined;
  }
  return out;
}

/** Whether a prompt mapping asks for generated prompts. */
export function isTokenPrompt(m: Entries): boolean {
  return m.has('tokens') || m.has('prefix') || m.has('distribution') || m.has('seed');
}
