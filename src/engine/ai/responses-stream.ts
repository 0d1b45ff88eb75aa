// Reads OpenAI Responses API streams (`POST /v1/responses`, `stream: true`). Every event names
// itself in its payload's leading `"type"` (the `event:` line repeats it; proxies may drop that),
// so the reader compares the type bytes and takes the `delta` string of the delta events
// without parsing. The stream has no `[DONE]`: `response.completed` (or `.incomplete`) ends it
// and carries the usage, read by bytes from the `usage` object unless checks need the body whole.
import {
  bytesEqual,
  decodeString,
  find,
  findStringValue,
  findValue,
  needle,
  readInt,
  stringEnd,
  type Needle,
} from './bytes';
import { DialectStream } from './dialect-stream';
import { errorText, readUsage } from './extract';
import type { Accumulator } from './result';
import { EV_ERROR } from './sse-scanner';

const N_TYPE = needle('"type"');
const N_DELTA = needle('"delta"');
const N_MODEL = needle('"model"');
const N_STATUS = needle('"status"');
const N_USAGE = needle('"usage"');
const N_OUTPUT_TOKENS = needle('"output_tokens"');
const N_INPUT_TOKENS = needle('"input_tokens"');
const N_REASONING_TOKENS = needle('"reasoning_tokens"');
const N_INCOMPLETE_REASON = needle('"reason"');

const T_PREFIX = Buffer.from('response.');
const T_TEXT = Buffer.from('output_text.delta');
const T_ARGS = Buffer.from('function_call_arguments.delta');
const T_REFUSAL = Buffer.from('refusal.delta');
const T_REASONING = Buffer.from('reasoning_text.delta');
const T_SUMMARY = Buffer.from('reasoning_summary_text.delta');
const T_CREATED = Buffer.from('created');
const T_COMPLETED = Buffer.from('completed');
const T_INCOMPLETE = Buffer.from('incomplete');
const T_FAILED = Buffer.from('failed');
const T_ERROR = Buffer.from('error');

/** What an event is to a metric. */
const K_OTHER = 0;
const K_OUTPUT = 1;
const K_REASONING = 2;
const K_CREATED = 3;
const K_END = 4;
const K_FAILED = 5;
const K_ERROR = 6;

/** Kind of the event type buf[t, q) (without quotes). */
function kindOf(buf: Buffer, t: number, q: number): number {
  if (q - t === T_ERROR.length && bytesEqual(buf, t, q, T_ERROR)) return K_ERROR;
  if (q - t <= T_PREFIX.length || !bytesEqual(buf, t, t + T_PREFIX.length, T_PREFIX)) return K_OTHER;
  const r = t + T_PREFIX.length;
  // Distinct lengths sort most events out on one compare.
  switch (q - r) {
    case T_TEXT.length:
      return bytesEqual(buf, r, q, T_TEXT) ? K_OUTPUT : K_OTHER;
    case T_ARGS.length:
      return bytesEqual(buf, r, q, T_ARGS) ? K_OUTPUT : K_OTHER;
    case T_REFUSAL.length:
      return bytesEqual(buf, r, q, T_REFUSAL) ? K_OUTPUT : K_OTHER;
    case T_REASONING.length:
      return bytesEqual(buf, r, q, T_REASONING) ? K_REASONING : K_OTHER;
    case T_SUMMARY.length:
      return bytesEqual(buf, r, q, T_SUMMARY) ? K_REASONING : K_OTHER;
    case T_CREATED.length:
      return bytesEqual(buf, r, q, T_CREATED) ? K_CREATED : K_OTHER;
    case T_COMPLETED.length:
      return bytesEqual(buf, r, q, T_COMPLETED) ? K_END : K_OTHER;
    case T_INCOMPLETE.length:
      return bytesEqual(buf, r, q, T_INCOMPLETE) ? K_END : K_OTHER;
    case T_FAILED.length:
      return bytesEqual(buf, r, q, T_FAILED) ? K_FAILED : K_OTHER;
    default:
      return K_OTHER;
  }
}

/** Handles the events of one Responses API stream. */
export class ResponsesStream extends DialectStream {
  constructor(acc: Accumulator) {
    super(acc);
  }

  protected handle(buf: Buffer, s: number, e: number, event: number, now: number): void {
    const acc = this.acc;
    if (buf[s] !== 0x7b || buf[e - 1] !== 0x7d) {
      acc.fail('malformed JSON in SSE event', 'malformed');
      return;
    }
    // The type leads the payload as OpenAI writes it: `{"type":"response.…"`.
    let t = s + 9;
    if (!(
      buf[s + 1] === 0x22 &&
      buf[s + 2] === 0x74 &&
      buf[s + 6] === 0x22 &&
      buf[s + 7] === 0x3a &&
      buf[s + 8] === 0x22
    )) {
      t = findStringValue(buf, s, e, N_TYPE);
      if (t < 0) {
        if (event === EV_ERROR) acc.fail(`error event: ${errorText(buf.toString('utf8', s, e))}`, 'error-event');
        return;
      }
    }
    const q = stringEnd(buf, t, e);
    if (q < 0) {
      acc.fail('malformed JSON in SSE event', 'malformed');
      return;
    }
    const kind = event === EV_ERROR ? K_ERROR : kindOf(buf, t, q);
    switch (kind) {
      case K_OUTPUT:
      case K_REASONING: {
        const p = findStringValue(buf, q, e, N_DELTA);
        // An empty delta carries no token.
        if (p < 0 || p >= e || buf[p] === 0x22) return;
        if (kind === K_OUTPUT) {
          acc.token(now);
          this.keep(buf, p, e);
        } else {
          acc.reasoning(now);
          this.keepReasoning(buf, p, e);
        }
        return;
      }
      case K_CREATED:
        if (acc.model === null) this.readModel(buf, q, e);
        return;
      case K_END:
        this.end(buf, s, e, q);
        return;
      case K_FAILED:
      case K_ERROR:
        acc.fail(`error event: ${errorText(this.errorPayload(buf, s, e))}`, 'error-event');
        return;
      default:
        // in_progress, output_item.added/done, content_part.*, *.done: structure, no tokens.
        return;
    }
  }

  /** `response.completed` / `response.incomplete`: the usage, the model, the status; the stream is over. */
  private end(buf: Buffer, s: number, e: number, q: number): void {
    const acc = this.acc;
    acc.done = true;
    if (acc.opts.needBody) {
      this.parseAll(buf, s, e);
      return;
    }
    if (acc.model === null) this.readModel(buf, q, e);
    // The status leads the response object; the output items (with their own statuses) follow it.
    const st = findStringValue(buf, q, e, N_STATUS);
    const sq = st >= 0 ? stringEnd(buf, st, e) : -1;
    if (sq > st) acc.finishReason = buf.toString('latin1', st, sq);
    if (acc.finishReason === 'incomplete') {
      const r = findStringValue(buf, q, e, N_INCOMPLETE_REASON);
      const rq = r >= 0 ? stringEnd(buf, r, e) : -1;
      if (rq > r) acc.finishReason = `incomplete:${buf.toString('latin1', r, rq)}`;
    }
    // `usage` comes after `output`, which holds the whole answer: search from the end's side.
    const u = lastValue(buf, q, e, N_USAGE);
    if (u < 0 || buf[u] !== 0x7b) return;
    const out = readInt(buf, u, e, N_OUTPUT_TOKENS);
    const inp = readInt(buf, u, e, N_INPUT_TOKENS);
    const r = readInt(buf, u, e, N_REASONING_TOKENS);
    if (out !== null) acc.outputTokens = out;
    if (inp !== null) acc.inputTokens = inp;
    if (r !== null) acc.reasoningTokens = r;
  }

  private readModel(buf: Buffer, from: number, e: number): void {
    const m = findStringValue(buf, from, e, N_MODEL);
    const q = m >= 0 ? stringEnd(buf, m, e) : -1;
    if (q > m) this.acc.model = decodeString(buf, m, q);
  }

  /** The failed response's `error`, or the error event itself. */
  private errorPayload(buf: Buffer, s: number, e: number): string {
    const text = buf.toString('utf8', s, e);
    try {
      const o = JSON.parse(text) as Record<string, unknown>;
      const r = o.response as Record<string, unknown> | undefined;
      if (r !== undefined && r !== null && typeof r === 'object' && r.error !== undefined && r.error !== null)
        return JSON.stringify({ error: r.error });
      if (typeof o.message === 'string')
        return JSON.stringify({ error: { type: o.code ?? 'error', message: o.message } });
    } catch {
      // fall through: errorText shows the raw text
    }
    return text;
  }

  private parseAll(buf: Buffer, s: number, e: number): void {
    const acc = this.acc;
    let o: unknown;
    try {
      o = JSON.parse(buf.toString('utf8', s, e));
    } catch {
      acc.fail('malformed JSON in SSE event', 'malformed');
      return;
    }
    const r = typeof o === 'object' && o !== null ? (o as Record<string, unknown>).response : undefined;
    if (typeof r !== 'object' || r === null) return;
    const resp = r as Record<string, unknown>;
    if (typeof resp.model === 'string') acc.model = resp.model;
    if (typeof resp.status === 'string') acc.finishReason = resp.status;
    readUsage(acc, resp.usage);
  }
}

/** Start of the value of the last occurrence of a key in buf[s, e), or -1. */
function lastValue(buf: Buffer, s: number, e: number, n: Needle): number {
  let last = -1;
  for (let from = s; ;) {
    const k = find(buf, from, e, n);
    if (k < 0) break;
    last = k;
    from = k + 1;
  }
  return last < 0 ? -1 : findValue(buf, last, e, n);
}
