// `prompt: { …, repeat: 0.3, recent: 100 }`: a share of requests that resend an earlier prompt
// exactly, so that a gateway's response cache has something to hit.
import { isMap } from 'yaml';
import type { PromptRepeat } from './model';
import { readMap, readNumber, type Entry } from './read';
import { error, warn, type Ctx } from './yaml-ranges';

/** Most fresh prompts a repeat may be drawn from (the engine keeps them in memory). */
export const MAX_RECENT = 100_000;
const DEFAULT_RECENT = 100;

/** Whether a prompt mapping holds nothing but repeat keys (no source of fresh prompts). */
export function onlyRepeatKeys(keys: Iterable<string>): boolean {
  let any = false;
  for (const k of keys) {
    if (k !== 'repeat' && k !== 'recent') return false;
    any = true;
  }
  return any;
}

/** Reads `repeat` and `recent` of a `prompt:` mapping; undefined when it sets no repeats (or they are invalid). */
export function readPromptRepeat(ctx: Ctx, e: Entry, what: string): PromptRepeat | undefined {
  if (!isMap(e.value)) return undefined;
  // Unknown keys are reported by readPrompt, which read the same mapping with the key table.
  const m = readMap({ ...ctx, diagnostics: [] }, e.value, `${what}.prompt`);
  if (!m) return undefined;
  const repeatE = m.get('repeat');
  const recentE = m.get('recent');
  if (onlyRepeatKeys(m.keys())) {
    error(
      ctx,
      repeatE?.key ?? recentE?.key ?? null,
      'missing-key',
      `'${what}.prompt' repeats earlier prompts: give it a source of fresh ones, e.g. { tokens: 200, repeat: 0.3 } (generated, each distinct), or file / items.`,
    );
    return undefined;
  }
  if (!repeatE) {
    if (recentE)
      warn(ctx, recentE.key, 'ignored-key', `'${what}.prompt.recent' has no effect without repeat, e.g. repeat: 0.3.`);
    return undefined;
  }
  const share = readNumber(ctx, repeatE, `${what}.prompt.repeat`, { min: 0, max: 1 });
  const recent = recentE
    ? readNumber(ctx, recentE, `${what}.prompt.recent`, { integer: true, min: 1, max: MAX_RECENT })
    : DEFAULT_RECENT;
  if (share === undefined || recent === undefined || share === 0) return undefined;
  return { share, recent };
}
