// What the mock says and how it counts. Output words are each one token in both cl100k and o200k
// (checked by a unit test), so a client that counts with a real tokenizer agrees with `usage`;
// prompts are counted with a real tokenizer.
import { countTokens as o200kCount } from 'gpt-tokenizer/encoding/o200k_base';

const FIRST = 'The';
/** Single-token words, each with its leading space; JSON-safe as they are. */
const WORDS = [
  ' quick',
  ' brown',
  ' fox',
  ' jumps',
  ' over',
  ' the',
  ' lazy',
  ' dog',
  ' and',
  ' a',
  ' gateway',
  ' is',
  ' fast',
  ' load',
  ' test',
  ' of',
  ' model',
  ' in',
  ' time',
  ' to',
  ' first',
  ' token',
  ' with',
  ' every',
  ' request',
  ' that',
  ' we',
  ' send',
  ' for',
  ' you',
  ' it',
  ' on',
  ' as',
  ' at',
  ' by',
  ' this',
  ' from',
  ' or',
  ' are',
  ' be',
  ' an',
  ' will',
  ' can',
  ' all',
  ' more',
  ' when',
  ' which',
  '.',
  ' data',
  ' stream',
  ' server',
  ' answer',
  ' system',
  ' user',
];

/** The i-th output token's text (0-based). */
export function outputToken(i: number): string {
  return i === 0 ? FIRST : WORDS[(i - 1) % WORDS.length];
}

const cache = new Map<number, string>();
/** The whole output of `n` tokens; cached, since non-streamed answers repeat a few lengths. */
export function outputText(n: number): string {
  let s = cache.get(n);
  if (s === undefined) {
    s = '';
    for (let i = 0; i < n; i++) s += outputToken(i);
    if (cache.size < 1000) cache.set(n, s);
  }
  return s;
}

/** Counts seen lately: load tests resend the same prompts, and a BPE count costs ~1 µs per token. */
const counted = new Map<string, number>();
const COUNT_CACHE = 4096;
/** Text such as `<|endoftext|>` in a prompt is counted as text, as the providers do, not refused. */
const AS_TEXT = { disallowedSpecial: new Set<string>() };

/**
 * Tokens of a text in o200k_base, counted with gpt-tokenizer (a library the mock uses on its own:
 * it shares no code with the engine, so a counting bug cannot hide by being on both sides).
 */
export function countTokens(text: string): number {
  if (text.length === 0) return 0;
  let n = counted.get(text);
  if (n === undefined) {
    n = o200kCount(text, AS_TEXT);
    if (counted.size >= COUNT_CACHE) counted.clear();
    counted.set(text, n);
  }
  return n;
}

/** Text of a message content: a string, or a list of parts of which the text ones count. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    let s = '';
    for (const part of content) {
      if (typeof part === 'string') s += part;
      else if (part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string')
        s += ` ${(part as { text: string }).text}`;
    }
    return s;
  }
  return '';
}

/**
 * Prompt tokens of a chat as OpenAI counts them (the cookbook's num_tokens_from_messages): each
 * message costs 3 tokens of framing plus its role, content and name; the reply is primed with 3.
 * One user message therefore costs its content plus 7 (Anthropic's `system` is a message here).
 */
export function countMessages(messages: unknown[], system?: unknown): number {
  let n = REPLY_PRIMING;
  if (system !== undefined) n += PER_MESSAGE + countTokens('system') + countTokens(contentText(system));
  for (const m of messages) {
    if (!m || typeof m !== 'object') continue;
    const msg = m as { role?: unknown; content?: unknown; name?: unknown };
    n += PER_MESSAGE + countTokens(contentText(msg.content));
    if (typeof msg.role === 'string') n += countTokens(msg.role);
    if (typeof msg.name === 'string') n += countTokens(msg.name);
  }
  return n;
}

/** OpenAI's chat framing: per message (`<|start|>`, `<|message|>`, `<|end|>`) and reply priming. */
export const PER_MESSAGE = 3;
export const REPLY_PRIMING = 3;

/** Prompt tokens of a completions/embeddings input: a string, a list of strings, or token ids. */
export function countInput(input: unknown): number {
  if (typeof input === 'string') return countTokens(input);
  if (Array.isArray(input)) {
    let n = 0;
    for (const x of input) n += typeof x === 'number' ? 1 : countInput(x);
    return n;
  }
  return 0;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A deterministic unit vector for an input, so equal inputs embed equally. */
export function embedding(input: string, dims: number): Float32Array {
  const v = new Float32Array(dims);
  let x = hash(input) || 1;
  let norm = 0;
  for (let i = 0; i < dims; i++) {
    // xorshift32: cheap, and enough to make vectors of different inputs differ.
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const f = ((x >>> 0) / 4294967296) * 2 - 1;
    v[i] = f;
    norm += f * f;
  }
  const k = 1 / Math.sqrt(norm || 1);
  for (let i = 0; i < dims; i++) v[i] *= k;
  return v;
}

/** The i-th of n pieces of a tool call's arguments: `{"query":"The quick …"}` one word per piece. */
export function toolArgPiece(i: number, n: number): string {
  let s = outputToken(i);
  if (i === 0) s = `{"query":"${s}`;
  if (i === n - 1) s += '"}';
  return s;
}

/** The whole arguments string of an n-piece tool call. */
export function toolArgs(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += toolArgPiece(i, n);
  return s;
}

/** A string's body as it sits inside a JSON string literal. */
export function jsonInner(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}
