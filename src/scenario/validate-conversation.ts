// `conversation: { turns, thinkTime, userTokens, seed }` on a request, and
// `prompt: { dataset, format, replay }`. Each problem is reported at the key or value causing it;
// a dataset file's head is read (a few KiB, never the file) to report a wrong format at its line.
import { dirname, isAbsolute, resolve as resolvePath } from 'node:path';
import { isMap, type Node, type YAMLMap } from 'yaml';
import type { ApiDialect, ConversationSpec, DatasetFormat, PromptSource, RequestSpec } from './model';
import { error, warn, type Ctx } from './yaml-ranges';
import { readDuration, readEnum, readMap, readNumber, readString, requireKeys, type Entries, type Entry } from './read';
import { readLength } from './validate-lengths';
import { checkHead } from './dataset-format';
import { MAX_TURNS } from './tag-filter';

export const DATASET_FORMATS = ['sharegpt', 'openai-messages', 'jsonl'] as const;
export const REPLAYS = ['server', 'recorded'] as const;
/** Dialects whose bodies carry a list of messages. */
export const CONVERSATION_APIS: readonly ApiDialect[] = ['openai-chat', 'anthropic-messages', 'openai-responses'];
/** Turns of a generated conversation when `turns` is not given. */
export const DEFAULT_TURNS = 4;
/** Bytes of a dataset file the validator reads to check its format. */
const HEAD_BYTES = 64 * 1024;

/** `conversation:` of request `what`; the dialect must carry messages. */
export function readConversation(
  ctx: Ctx,
  e: Entry,
  what: string,
  api: ApiDialect,
  dataset: boolean,
): ConversationSpec | undefined {
  if (!CONVERSATION_APIS.includes(api)) {
    error(
      ctx,
      e.key,
      'conversation-api',
      `'${what}.conversation' needs a dialect that sends messages (${CONVERSATION_APIS.join(', ')}), not ${api}.`,
    );
    return undefined;
  }
  const m = readMap(
    ctx,
    e.value,
    `${what}.conversation`,
    'requests[].conversation',
    '{ turns: { min: 2, max: 6 }, thinkTime: 5s }',
  );
  if (!m) return undefined;
  // Without `turns`: a dataset record's own turns, else a fixed few.
  const turns = dataset ? { min: 1, max: MAX_TURNS } : { min: DEFAULT_TURNS, max: DEFAULT_TURNS };
  const spec: ConversationSpec = { turns, thinkTimeMs: 0, seed: 1 };
  // Every key is checked, so one mistake does not hide the next.
  let ok = true;
  const turnsE = m.get('turns');
  const turnOpts = { integer: true, min: 1, max: MAX_TURNS };
  if (turnsE && isMap(turnsE.value)) {
    const turns = readTurnRange(ctx, turnsE, what);
    if (turns) spec.turns = turns;
    else ok = false;
  } else if (turnsE) {
    const n = readNumber(ctx, turnsE, `${what}.conversation.turns`, turnOpts);
    if (n === undefined) ok = false;
    else spec.turns = { min: n, max: n };
  }
  const thinkE = m.get('thinkTime');
  if (thinkE) {
    const ms = readDuration(ctx, thinkE, `${what}.conversation.thinkTime`, '5s');
    if (ms !== undefined && ms > 3_600_000)
      error(ctx, thinkE.value, 'out-of-range', `'${what}.conversation.thinkTime' is at most 1h.`);
    if (ms === undefined || ms > 3_600_000) ok = false;
    else spec.thinkTimeMs = ms;
  }
  const userE = m.get('userTokens');
  if (userE) {
    const len = readLength(ctx, userE, `${what}.conversation.userTokens`, 'requests[].conversation.userTokens');
    if (len) spec.userTokens = len;
    else ok = false;
  }
  const seedE = m.get('seed');
  if (seedE) {
    const seed = readNumber(ctx, seedE, `${what}.conversation.seed`, { integer: true, min: 0, max: 4_294_967_295 });
    if (seed === undefined) ok = false;
    else spec.seed = seed;
  }
  if (!ok) return undefined;
  return spec;
}

/** `turns: { min, max }`. */
function readTurnRange(ctx: Ctx, e: Entry, what: string): { min: number; max: number } | undefined {
  const where = `${what}.conversation.turns`;
  const tm = readMap(ctx, e.value, where, 'requests[].conversation.turns', '{ min: 2, max: 6 }');
  if (!tm || !requireKeys(ctx, tm, e.value, where, ['min', 'max'], { min: 'min: 2', max: 'max: 6' })) return undefined;
  const opts = { integer: true, min: 1, max: MAX_TURNS };
  const min = readNumber(ctx, tm.get('min')!, `${where}.min`, opts);
  const max = readNumber(ctx, tm.get('max')!, `${where}.max`, opts);
  if (min === undefined || max === undefined) return undefined;
  if (min > max) {
    error(ctx, tm.get('min')!.value, 'out-of-range', `'${where}.min' (${min}) is above max (${max}).`);
    return undefined;
  }
  return { min, max };
}

/** Whether a prompt mapping names a dataset. */
export function isDatasetPrompt(m: Entries): boolean {
  return m.has('dataset') || m.has('format') || m.has('replay');
}

/** `prompt: { dataset: FILE, format, replay }`. */
export function readDatasetPrompt(ctx: Ctx, m: Entries, node: Node, what: string): PromptSource | undefined {
  for (const k of ['file', 'items', 'tokens', 'prefix', 'pick']) {
    const x = m.get(k);
    if (x) {
      error(ctx, x.key, 'conflicting-keys', `'${what}.prompt' reads records from 'dataset': remove '${k}'.`);
      return undefined;
    }
  }
  if (!requireKeys(ctx, m, node, `${what}.prompt`, ['dataset'], { dataset: 'dataset: conversations.json' }))
    return undefined;
  const fileE = m.get('dataset')!;
  const rel = readString(ctx, fileE, `${what}.prompt.dataset`, 'conversations.json');
  if (rel === undefined) return undefined;
  const formatE = m.get('format');
  const format: DatasetFormat | undefined = formatE
    ? readEnum(ctx, formatE, `${what}.prompt.format`, DATASET_FORMATS)
    : guessFormat(rel);
  if (format === undefined && !formatE)
    error(ctx, fileE.key, 'missing-key', `'${what}.prompt' needs a format: sharegpt, openai-messages or jsonl.`);
  const replayE = m.get('replay');
  const replay = replayE ? readEnum(ctx, replayE, `${what}.prompt.replay`, REPLAYS) : 'server';
  if (format === undefined || replay === undefined) return undefined;
  const base = ctx.file ? dirname(ctx.file) : process.cwd();
  const abs = isAbsolute(rel) ? rel : resolvePath(base, rel);
  if (ctx.fileExists && !ctx.fileExists(abs)) {
    error(
      ctx,
      fileE.value,
      'missing-file',
      `Dataset '${rel}' not found (looked for ${abs}): paths are relative to the scenario file's folder.`,
    );
    return undefined;
  }
  const head = ctx.readHead?.(abs, HEAD_BYTES);
  if (head) {
    const bad = checkHead(format, head.text, head.complete);
    if (bad) {
      error(ctx, fileE.value, 'bad-dataset', `Dataset '${rel}', line ${bad.line}: ${bad.error} (format ${format}).`);
      return undefined;
    }
  }
  return { kind: 'dataset', path: abs, format, replay };
}

/** `.json` is ShareGPT's array; other names need `format`. */
function guessFormat(rel: string): DatasetFormat | undefined {
  return rel.toLowerCase().endsWith('.json') ? 'sharegpt' : undefined;
}

/** Keys that mean nothing in their combination: warned about where they are written. */
export function checkConversationPrompt(ctx: Ctx, m: Entries, spec: RequestSpec, what: string): void {
  const p = spec.prompt;
  if (p?.kind !== 'dataset') return;
  const promptNode = m.get('prompt')?.value;
  const convNode = m.get('conversation')?.value;
  if (p.replay === 'recorded' && !spec.conversation && isMap(promptNode)) {
    const at = (promptNode as YAMLMap).get('replay', true) as Node | undefined;
    warn(
      ctx,
      at,
      'ignored-key',
      `'${what}.prompt.replay' decides the assistant turns of a conversation: without 'conversation', each request sends one user message and it has no effect.`,
    );
  }
  if (spec.conversation?.userTokens && isMap(convNode)) {
    const at = (convNode as YAMLMap).get('userTokens', true) as Node | undefined;
    warn(
      ctx,
      at,
      'ignored-key',
      `'${what}.conversation.userTokens' is not used: the user messages come from the dataset.`,
    );
  }
}
