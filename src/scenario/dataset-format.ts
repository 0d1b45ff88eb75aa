// Dataset records and the incremental scanners that cut them out of a file read in chunks:
// JSONL line by line, a JSON array element by element (ShareGPT dumps are one array, often a
// gigabyte). Pure: the validator checks a file's head with it, the engine streams whole files.
import type { DatasetFormat } from './model';

/** One turn of a record: the user's message and, when the record has one, the reply it got. */
export interface DatasetTurn {
  user: string;
  assistant?: string;
}

/** One record, whatever its shape in the file. */
export interface DatasetRecord {
  system?: string;
  turns: DatasetTurn[];
  /** `{ prompt, output_tokens }`: the answer length asked for (max_tokens). */
  outputTokens?: number;
}

/** A record or why an item is not one, with the 1-based line where the item starts. */
export type DatasetItem = { line: number; record: DatasetRecord } | { line: number; error: string };

const SHAREGPT_USER = new Set(['human', 'user']);
const SHAREGPT_ASSISTANT = new Set(['gpt', 'assistant', 'chatgpt', 'bard', 'bing', 'model']);

/** What one item of each format should look like, for messages. */
export const FORMAT_SHAPES: Record<DatasetFormat, string> = {
  sharegpt: '{"conversations": [{"from": "human", "value": …}, {"from": "gpt", "value": …}]}',
  'openai-messages': '{"messages": [{"role": "user", "content": …}, {"role": "assistant", "content": …}]}',
  jsonl: '{"prompt": …, "output_tokens": 128}',
};

/** Normalises one parsed item of a format; a string says what is wrong with it. */
export function toRecord(format: DatasetFormat, v: unknown): DatasetRecord | string {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return `expected an object like ${FORMAT_SHAPES[format]}`;
  const o = v as Record<string, unknown>;
  if (format === 'jsonl') {
    if (typeof o.prompt !== 'string') return 'expected a "prompt" string';
    const out = o.output_tokens;
    if (out !== undefined && !(Number.isInteger(out) && (out as number) >= 1))
      return '"output_tokens" must be a whole number of at least 1';
    const r: DatasetRecord = { turns: [{ user: o.prompt }] };
    if (out !== undefined) r.outputTokens = out as number;
    return r;
  }
  const list = format === 'sharegpt' ? o.conversations : o.messages;
  if (!Array.isArray(list)) return `expected a "${format === 'sharegpt' ? 'conversations' : 'messages'}" list`;
  const r: DatasetRecord = { turns: [] };
  for (const m of list) {
    if (typeof m !== 'object' || m === null) return 'each message must be an object';
    const mo = m as Record<string, unknown>;
    const role = String(format === 'sharegpt' ? mo.from : mo.role).toLowerCase();
    const text = contentText(format === 'sharegpt' ? mo.value : mo.content);
    if (text === null) continue; // tool calls and images carry no text to replay
    if (role === 'system') r.system = text;
    else if (SHAREGPT_USER.has(role)) r.turns.push({ user: text });
    else if (SHAREGPT_ASSISTANT.has(role)) {
      const last = r.turns[r.turns.length - 1];
      if (last && last.assistant === undefined) last.assistant = text;
    }
  }
  if (r.turns.length === 0) return 'the record has no user message';
  return r;
}

/** A message's text: a string, or the text parts of an OpenAI content list. */
function contentText(c: unknown): string | null {
  if (typeof c === 'string') return c;
  if (!Array.isArray(c)) return null;
  let s = '';
  for (const p of c)
    if (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string')
      s += (p as { text: string }).text;
  return s === '' ? null : s;
}

/** Turns decoded text chunks into items of one format; feed chunks, then `end()`. */
export interface ItemScanner {
  push(chunk: string, out: DatasetItem[]): void;
  end(out: DatasetItem[]): void;
}

export function scannerFor(format: DatasetFormat): ItemScanner {
  return format === 'sharegpt' ? new JsonArrayScanner(format) : new JsonlScanner(format);
}

function parseItem(format: DatasetFormat, text: string, line: number): DatasetItem {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { line, error: 'not valid JSON' };
  }
  const r = toRecord(format, v);
  return typeof r === 'string' ? { line, error: r } : { line, record: r };
}

/** One JSON value per line; blank lines are skipped. */
class JsonlScanner implements ItemScanner {
  private tail = '';
  private line = 0;
  constructor(private readonly format: DatasetFormat) {}

  push(chunk: string, out: DatasetItem[]): void {
    let text = this.tail + chunk;
    if (this.line === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    let from = 0;
    for (let nl = text.indexOf('\n', from); nl >= 0; nl = text.indexOf('\n', from)) {
      this.take(text.slice(from, nl), out);
      from = nl + 1;
    }
    this.tail = text.slice(from);
  }

  private take(raw: string, out: DatasetItem[]): void {
    this.line++;
    const s = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (s.trim() !== '') out.push(parseItem(this.format, s, this.line));
  }

  end(out: DatasetItem[]): void {
    if (this.tail !== '') this.take(this.tail, out);
    this.tail = '';
  }
}

/**
 * Elements of one top-level JSON array, cut out by tracking depth and strings across chunks:
 * only the element being read is held, never the array.
 */
class JsonArrayScanner implements ItemScanner {
  private state: 'start' | 'between' | 'inside' | 'done' = 'start';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private element = '';
  private elementLine = 0;
  private line = 1;
  constructor(private readonly format: DatasetFormat) {}

  push(chunk: string, out: DatasetItem[]): void {
    let begin = -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10) this.line++;
      if (this.state === 'inside') {
        if (begin < 0) begin = i;
        if (this.inString) {
          // Most of a record is string content: jump to the next quote rather than step through it.
          i = this.skipString(chunk, i) - 1;
          continue;
        }
        if (c === 34) this.inString = true;
        else if (c === 123 || c === 91) this.depth++;
        else if (c === 125 || c === 93) {
          this.depth--;
          if (this.depth === 0) {
            out.push(parseItem(this.format, this.element + chunk.slice(begin, i + 1), this.elementLine));
            this.element = '';
            begin = -1;
            this.state = 'between';
          }
        }
        continue;
      }
      if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff) continue;
      if (this.state === 'start') {
        if (c !== 91) {
          out.push({ line: this.line, error: 'a sharegpt file is one JSON array: expected [' });
          this.state = 'done';
          return;
        }
        this.state = 'between';
      } else if (this.state === 'between') {
        if (c === 44) continue;
        if (c === 93) {
          this.state = 'done';
          continue;
        }
        if (c !== 123) {
          out.push({ line: this.line, error: `expected an object like ${FORMAT_SHAPES[this.format]}` });
          this.state = 'done';
          return;
        }
        this.state = 'inside';
        this.depth = 1;
        this.elementLine = this.line;
        begin = i;
      }
    }
    if (this.state === 'inside' && begin >= 0) this.element += chunk.slice(begin);
  }

  /**
   * Inside a string from `i`: returns the index after its closing quote, or the chunk's length
   * when the string goes on into the next chunk. JSON strings hold no raw line breaks, so no
   * line is skipped uncounted.
   */
  private skipString(chunk: string, i: number): number {
    if (this.escaped) {
      this.escaped = false;
      i++;
    }
    for (;;) {
      const q = chunk.indexOf('"', i);
      const stop = q < 0 ? chunk.length : q;
      let k = 0;
      while (stop - k - 1 >= i && chunk.charCodeAt(stop - k - 1) === 92) k++;
      if (q < 0) {
        this.escaped = k % 2 === 1;
        return chunk.length;
      }
      if (k % 2 === 0) {
        this.inString = false;
        return q + 1;
      }
      i = q + 1;
    }
  }

  end(out: DatasetItem[]): void {
    if (this.state === 'inside') out.push({ line: this.elementLine, error: 'the file ends inside this record' });
    else if (this.state === 'start') out.push({ line: this.line, error: 'the file is empty: expected a JSON array' });
    this.state = 'done';
  }
}

/** Checks the first items of a file's head (the validator reads a few KiB): the first problem, if any. */
export function checkHead(
  format: DatasetFormat,
  head: string,
  complete: boolean,
): { line: number; error: string } | null {
  const s = scannerFor(format);
  const out: DatasetItem[] = [];
  // An incomplete head may end mid-line or mid-element: only what was cut out whole is judged.
  s.push(head, out);
  if (complete) s.end(out);
  for (const it of out) if ('error' in it) return it;
  if (complete && out.length === 0) return { line: 1, error: 'the file holds no records' };
  return null;
}
