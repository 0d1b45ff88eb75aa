// Reads OpenAI-style streams (chat completions and legacy completions) event by event.
// The fast path finds the token field by a byte search; JSON.parse runs only on the few events
// a metric needs in full: the usage chunk and error events.
import {
  bytesEqual,
  decodeString,
  endsWith,
  find,
  findStringValue,
  findValue,
  isWs,
  keyBefore,
  needle,
  readInt,
  stringEnd,
  valueAt,
  type Needle,
} from './bytes';
import type { Accumulator } from './result';
import { EV_ERROR } from './sse-scanner';
import { errorText, readUsage } from './extract';
import { DialectStream } from './dialect-stream';

const N_CONTENT = needle('"content"');
const N_TEXT = needle('"text"');
// One search finds both `"reasoning"` (OpenRouter) and `"reasoning_content"` (DeepSeek, vLLM).
const N_REASONING = needle('"reasoning');
const CONTENT_SUFFIX = Buffer.from('_content"');
const N_TOOL_CALLS = needle('"tool_calls"');
const N_ARGUMENTS = needle('"arguments"');
const N_USAGE = needle('"usage"');
const N_FINISH = needle('"finish_reason"');
const N_MODEL = needle('"model"');
const N_ERROR = needle('"error"');
const N_COMPLETION_TOKENS = needle('"completion_tokens"');
const N_PROMPT_TOKENS = needle('"prompt_tokens"');
const N_OUTPUT_TOKENS = needle('"output_tokens"');
const N_INPUT_TOKENS = needle('"input_tokens"');
const N_REASONING_TOKENS = needle('"reasoning_tokens"');
const DONE = Buffer.from('[DONE]');
// OpenAI sends `"usage":null` as the last field of every chunk when include_usage is on: a
// suffix test rejects it without searching the event.
const USAGE_NULL_END = Buffer.from('"usage":null}');

/** Handles the events of one OpenAI-style stream. */
export class OpenAiStream extends DialectStream {
  private readonly key: Needle;
  /**
   * Offset from the event's start of the token string in the previous token event. A stream's
   * chunks share their shape, so the key is usually at the same place: checking there first
   * spares a search through the id, model and other leading fields (most of the reading cost).
   */
  private at = -1;
  /** The last reasoning-or-tool event was a tool call. */
  private lastTool = false;

  /** `alsoText`: raw streams of unknown shape accept completions-style `text` too. */
  constructor(
    acc: Accumulator,
    private readonly chat: boolean,
    private readonly alsoText = false,
  ) {
    super(acc);
    this.key = chat ? N_CONTENT : N_TEXT;
  }

  protected handle(buf: Buffer, s: number, e: number, event: number, now: number): void {
    const acc = this.acc;
    const c0 = buf[s];
    if (c0 === 0x5b) {
      if (bytesEqual(buf, s, e, DONE)) {
        acc.done = true;
        return;
      }
      // A [DONE] cut short by the end of the body: the stream is truncated, not malformed.
      if (e - s < DONE.length && bytesEqual(buf, s, e, DONE.subarray(0, e - s))) return;
    }
    if (event === EV_ERROR) {
      acc.fail(`error event: ${errorText(buf.toString('utf8', s, e))}`, 'error-event');
      return;
    }
    // A cheap shape test instead of validating every event: catches cut and non-JSON events.
    if (c0 !== 0x7b || buf[e - 1] !== 0x7d) {
      acc.fail('malformed JSON in SSE event', 'malformed');
      return;
    }
    if (acc.model === null) this.readModel(buf, s, e);
    let p = s + this.at;
    if (this.at < 0 || p >= e || !keyBefore(buf, s, p, this.key)) {
      p = findStringValue(buf, s, e, this.key);
      if (p >= 0) this.at = p - s;
    }
    if (p >= 0 && p < e && buf[p] !== 0x22) {
      acc.token(now);
      if (!this.keep(buf, p, e)) return;
      this.tail(buf, s, e, p);
      return;
    }
    if (this.alsoText) {
      const t = findStringValue(buf, s, e, N_TEXT);
      if (t >= 0 && t < e && buf[t] !== 0x22) {
        acc.token(now);
        if (this.keep(buf, t, e)) this.tail(buf, s, e, t);
        return;
      }
    }
    if (this.chat) {
      const at = this.otherToken(buf, s, e, now);
      if (at >= 0) {
        // finish_reason follows the delta: search from the token's value, not the event's start.
        this.tail(buf, s, e, at);
        return;
      }
    }
    this.nonToken(buf, s, e);
  }

  /**
   * Reasoning text or tool calls: token-bearing too, on the gateways that send them. Returns
   * where the token's value starts (-1: no token). A stream keeps to one kind for a while, so
   * the kind of the last such event is tried first.
   */
  private otherToken(buf: Buffer, s: number, e: number, now: number): number {
    if (this.lastTool) {
      const t = this.toolCall(buf, s, e, now);
      return t !== -1 ? t : this.reasoningToken(buf, s, e, now);
    }
    const r = this.reasoningToken(buf, s, e, now);
    return r !== -1 ? r : this.toolCall(buf, s, e, now);
  }

  private reasoningToken(buf: Buffer, s: number, e: number, now: number): number {
    const p = reasoningValue(buf, s, e);
    if (p < 0 || p >= e || buf[p] === 0x22) return -1;
    this.lastTool = false;
    this.acc.reasoning(now);
    return this.keepReasoning(buf, p, e) ? p : -2;
  }

  /** A non-empty `tool_calls` array: a token (the first names the call), its arguments output text. */
  private toolCall(buf: Buffer, s: number, e: number, now: number): number {
    let v = findValue(buf, s, e, N_TOOL_CALLS);
    if (v < 0 || buf[v] !== 0x5b) return -1;
    v++;
    while (v < e && isWs(buf[v])) v++;
    if (v >= e || buf[v] === 0x5d) return -1;
    this.lastTool = true;
    this.acc.token(now);
    const a = findStringValue(buf, v, e, N_ARGUMENTS);
    if (a >= 0 && a < e && buf[a] !== 0x22) return this.keep(buf, a, e) ? a : -2;
    return v;
  }

  /** Finish reason and usage on a token event (vLLM and others put them on the last one). */
  private tail(buf: Buffer, s: number, e: number, from: number): void {
    const acc = this.acc;
    if (acc.finishReason === null) this.readFinish(buf, from, e);
    if (endsWith(buf, s, e, USAGE_NULL_END)) return;
    const u = findValue(buf, s, e, N_USAGE);
    if (u >= 0 && buf[u] === 0x7b) this.usage(buf, s, e, u);
  }

  private nonToken(buf: Buffer, s: number, e: number): void {
    const acc = this.acc;
    if (acc.finishReason === null) this.readFinish(buf, s, e);
    const u = endsWith(buf, s, e, USAGE_NULL_END) ? -1 : findValue(buf, s, e, N_USAGE);
    if (u >= 0 && buf[u] === 0x7b) {
      this.usage(buf, s, e, u);
      return;
    }
    const er = findValue(buf, s, e, N_ERROR);
    if (er >= 0 && (buf[er] === 0x7b || buf[er] === 0x22)) this.parseAll(buf, s, e);
  }

  private readFinish(buf: Buffer, from: number, e: number): void {
    const f = findStringValue(buf, from, e, N_FINISH);
    if (f < 0) return;
    const q = stringEnd(buf, f, e);
    if (q > f) this.acc.finishReason = buf.toString('latin1', f, q);
  }

  private readModel(buf: Buffer, s: number, e: number): void {
    const m = findStringValue(buf, s, e, N_MODEL);
    if (m < 0) return;
    const q = stringEnd(buf, m, e);
    if (q > m) this.acc.model = decodeString(buf, m, q);
  }

  /**
   * Token counts from the usage object at u. Read as bytes unless the body is wanted whole
   * (checks on `body.usage`): JSON.parse of the usage chunk costs more than the rest of a
   * 20-token stream's reading.
   */
  private usage(buf: Buffer, s: number, e: number, u: number): void {
    const acc = this.acc;
    if (acc.opts.needBody) {
      this.parseAll(buf, s, e);
      return;
    }
    const out = readInt(buf, u, e, N_COMPLETION_TOKENS) ?? readInt(buf, u, e, N_OUTPUT_TOKENS);
    const inp = readInt(buf, u, e, N_PROMPT_TOKENS) ?? readInt(buf, u, e, N_INPUT_TOKENS);
    if (out !== null) acc.outputTokens = out;
    if (inp !== null) acc.inputTokens = inp;
    const r = readInt(buf, u, e, N_REASONING_TOKENS);
    if (r !== null) acc.reasoningTokens = r;
  }

  /** The rare event a metric needs whole: usage chunk or an error object. */
  private parseAll(buf: Buffer, s: number, e: number): void {
    const acc = this.acc;
    let obj: unknown;
    try {
      obj = JSON.parse(buf.toString('utf8', s, e));
    } catch {
      acc.fail('malformed JSON in SSE event', 'malformed');
      return;
    }
    if (typeof obj !== 'object' || obj === null) return;
    const o = obj as Record<string, unknown>;
    if (o.error !== undefined && o.error !== null) {
      acc.fail(`error event: ${errorText(o)}`, 'error-event');
      return;
    }
    if (typeof o.model === 'string' && acc.model === null) acc.model = o.model;
    readUsage(acc, o.usage);
  }
}

/** Start of a non-empty `reasoning` / `reasoning_content` string value, or -1. */
function reasoningValue(buf: Buffer, s: number, e: number): number {
  const len = N_REASONING.bytes.length;
  for (let from = s; ;) {
    const k = find(buf, from, e, N_REASONING);
    if (k < 0) return -1;
    let after = k + len;
    from = after;
    if (buf[after] === 0x22) after++;
    else if (endsWith(buf, after, Math.min(e, after + CONTENT_SUFFIX.length), CONTENT_SUFFIX))
      after += CONTENT_SUFFIX.length;
    else continue;
    const v = valueAt(buf, after, e);
    if (v < 0 || buf[v] !== 0x22) continue;
    return v + 1 < e && buf[v + 1] !== 0x22 ? v + 1 : -1;
  }
}
