// Reads Anthropic Messages streams. The `event:` name says what each event is, so token events
// (`content_block_delta`) are recognised without parsing; `message_start` and `message_delta`
// (one each per stream) are parsed for the model, usage and stop reason.
import { decodeString, findStringValue, needle, readInt, stringEnd } from './bytes';
import { errorText, readUsage } from './extract';
import { DialectStream } from './dialect-stream';
import {
  EV_CONTENT_BLOCK_DELTA,
  EV_ERROR,
  EV_MESSAGE,
  EV_MESSAGE_DELTA,
  EV_MESSAGE_START,
  EV_MESSAGE_STOP,
  eventCode,
} from './sse-scanner';

const N_TYPE = needle('"type"');
const N_TEXT = needle('"text"');
const N_PARTIAL_JSON = needle('"partial_json"');
const N_THINKING = needle('"thinking"');
const N_MODEL = needle('"model"');
const N_STOP_REASON = needle('"stop_reason"');
const N_INPUT_TOKENS = needle('"input_tokens"');
const N_OUTPUT_TOKENS = needle('"output_tokens"');

/** Handles the events of one Anthropic Messages stream. */
export class AnthropicStream extends DialectStream {
  protected handle(buf: Buffer, s: number, e: number, event: number, now: number): void {
    const acc = this.acc;
    // Without an `event:` line (some proxies drop it) the payload's `type` names the event.
    if (event === EV_MESSAGE) {
      const t = findStringValue(buf, s, e, N_TYPE);
      const q = t >= 0 ? stringEnd(buf, t, e) : -1;
      if (q >= 0) event = eventCode(buf, t, q);
    }
    if (event === EV_ERROR) {
      acc.fail(`error event: ${errorText(buf.toString('utf8', s, e))}`, 'error-event');
      return;
    }
    if (buf[s] !== 0x7b || buf[e - 1] !== 0x7d) {
      acc.fail('malformed JSON in SSE event', 'malformed');
      return;
    }
    switch (event) {
      case EV_CONTENT_BLOCK_DELTA:
        this.delta(buf, s, e, now);
        return;
      case EV_MESSAGE_START:
      case EV_MESSAGE_DELTA:
        // Parsed whole only when checks need the usage object; else two numbers and a string by bytes.
        if (acc.opts.needBody) this.parse(buf, s, e, event);
        else this.scan(buf, s, e, event);
        return;
      case EV_MESSAGE_STOP:
        acc.done = true;
        return;
      default:
        // ping, content_block_start/stop, unknown future events
        return;
    }
  }

  private delta(buf: Buffer, s: number, e: number, now: number): void {
    const acc = this.acc;
    let p = findStringValue(buf, s, e, N_TEXT);
    if (p < 0) p = findStringValue(buf, s, e, N_PARTIAL_JSON);
    if (p < 0) {
      // thinking_delta: reasoning, a token for TTFT but not output for TTFO.
      p = findStringValue(buf, s, e, N_THINKING);
      if (p < 0 || p >= e || buf[p] === 0x22) return;
      acc.reasoning(now);
      this.keepReasoning(buf, p, e);
      return;
    }
    // Empty pieces (the first `partial_json: ""` of a tool call) and signature deltas carry no token.
    if (p >= e || buf[p] === 0x22) return;
    acc.token(now);
    this.keep(buf, p, e);
  }

  private scan(buf: Buffer, s: number, e: number, event: number): void {
    const acc = this.acc;
    const input = readInt(buf, s, e, N_INPUT_TOKENS);
    if (input !== null) acc.inputTokens = input;
    if (event === EV_MESSAGE_START) {
      const m = findStringValue(buf, s, e, N_MODEL);
      const q = m >= 0 ? stringEnd(buf, m, e) : -1;
      if (q > m) acc.model = decodeString(buf, m, q);
      return;
    }
    const out = readInt(buf, s, e, N_OUTPUT_TOKENS);
    if (out !== null) acc.outputTokens = out;
    const r = findStringValue(buf, s, e, N_STOP_REASON);
    const q = r >= 0 ? stringEnd(buf, r, e) : -1;
    if (q > r) acc.finishReason = buf.toString('latin1', r, q);
  }

  private parse(buf: Buffer, s: number, e: number, event: number): void {
    const acc = this.acc;
    let o: unknown;
    try {
      o = JSON.parse(buf.toString('utf8', s, e));
    } catch {
      acc.fail('malformed JSON in SSE event', 'malformed');
      return;
    }
    if (typeof o !== 'object' || o === null) return;
    const obj = o as Record<string, unknown>;
    if (event === EV_MESSAGE_START) {
      const m = obj.message as Record<string, unknown> | undefined;
      if (typeof m !== 'object' || m === null) return;
      if (typeof m.model === 'string') acc.model = m.model;
      readUsage(acc, m.usage);
      // message_start's output_tokens is a placeholder (1 or so); the count comes with message_delta.
      acc.outputTokens = null;
      return;
    }
    const delta = obj.delta as Record<string, unknown> | undefined;
    if (typeof delta === 'object' && delta !== null && typeof delta.stop_reason === 'string')
      acc.finishReason = delta.stop_reason;
    // message_delta usage is cumulative output (and sometimes input) tokens.
    readUsage(acc, obj.usage);
  }
}
