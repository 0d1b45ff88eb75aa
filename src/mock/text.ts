// What the mock says and how it counts. Output words are each one token in both cl100k and o200k
// (checked by a unit test), so a client that counts with a real tokenizer agrees with `usage`.

const FIRST = 'The';
/** Single-token words, each with its leading space; JSON-safe as they are. */
const WORDS = [' quick', ' brown', ' fox', ' jumps', ' over', ' the', ' lazy', ' dog', ' and', ' a', ' gateway',
  ' is', ' fast', ' load', ' test', ' of', ' model', ' in', ' time', ' to', ' first', ' token', ' with', ' every',
  ' request', ' that', ' we', ' send', ' for', ' you', ' it', ' on', ' as', ' at', ' by', ' this', ' from', ' or',
  ' are', ' be', ' an', ' will', ' can', ' all', ' more', ' when', ' which', '.', ' data', ' stream', ' server',
  ' answer', ' system', ' user'];

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

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 128;
}

/**
 * Roughly what a BPE tokenizer would count: one token per short word or punctuation mark,
 * long words split every ~5 characters, digits in groups of 3. Within ~20% on English prose.
 */
export function countTokens(text: string): number {
  let tokens = 0;
  let i = 0;
  const len = text.length;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13) { i++; continue; }
    if (!isWordChar(c)) { tokens++; i++; continue; }
    const start = i;
    const digits = c >= 48 && c <= 57;
    while (i < len && isWordChar(text.charCodeAt(i)) && (c >= 48 && c <= 57) === digits) i++;
    const w = i - start;
    tokens += digits ? Math.ceil(w / 3) : w <= 7 ? 1 : Math.ceil(w / 5);
  }
  return tokens;
}

/** Text of a message content: a string, or a list of parts of which the text ones count. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    let s = '';
    for (const part of content) {
      if (typeof part === 'string') s += part;
      else if (part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string') s += ` ${(part as { text: string }).text}`;
    }
    return s;
  }
  return '';
}

/** Prompt tokens of a chat: content plus OpenAI's per-message overhead (3) and reply priming (3). */
export function countMessages(messages: unknown[], system?: unknown): number {
  let n = 3;
  if (system !== undefined) n += 3 + countTokens(contentText(system));
  for (const m of messages) {
    if (m && typeof m === 'object') n += 3 + countTokens(contentText((m as { content?: unknown }).content));
  }
  return n;
}

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
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    const f = ((x >>> 0) / 4294967296) * 2 - 1;
    v[i] = f;
    norm += f * f;
  }
  const k = 1 / Math.sqrt(norm || 1);
  for (let i = 0; i < dims; i++) v[i] *= k;
  return v;
}
