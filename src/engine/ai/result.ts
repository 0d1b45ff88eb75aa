// What a response reader reports, and the per-response state the dialect readers share.
import { ByteBuf } from './bytes';
import { countTokens } from './tokens';

/** How a reader uses the tokenizer: only when usage is absent, always (to report disagreement), or never. */
export type TokenCountMode = 'fallback' | 'always' | 'never';

/** What the caller needs from a response beyond the timing metrics. */
export interface ReaderOptions {
  /** Keep the parsed JSON body (non-streaming) for checks on body paths. */
  needBody: boolean;
  /** Keep assembled output text (dry runs show it; also used to count tokens when usage is absent). */
  needText: boolean;
  /** Called for every inter-token gap, in ms (recorder records it into an HDR histogram) — no arrays. */
  onGap?: (ms: number) => void;
  /** Dry run: streamed text pieces as they arrive. */
  onText?: (text: string) => void;
  /**
   * When to count output tokens with gpt-tokenizer. Default `fallback`: the reader keeps the raw
   * output bytes (one copy per token event, no strings) and counts only if usage is absent.
   */
  tokenCount?: TokenCountMode;
}

/** Why a response failed at the protocol level, for the engine's error classes and messages. */
export type ProtocolErrorKind = 'truncated' | 'malformed' | 'error-event' | 'error-body' | 'cut';

/** The outcome of reading one response body. */
export interface ReadResult {
  ok: boolean; // false → protocol error
  error?: string; // human text: 'stream ended without [DONE]', 'malformed JSON in SSE event', 'error event: overloaded_error …'
  /** Machine-readable kind of `error`. */
  errorKind?: ProtocolErrorKind;
  firstTokenAt: number | null; // performance.now() ms of the first token-bearing event
  /** performance.now() ms of the first non-reasoning token (answer text or tool-call arguments): AIPerf's TTFO. */
  firstOutputAt: number | null;
  lastTokenAt: number | null;
  tokenEvents: number; // token-bearing events seen
  outputTokens: number | null; // from usage when present
  inputTokens: number | null;
  /** Reasoning tokens from usage (`completion_tokens_details` / `output_tokens_details`); null when usage gives no split. Included in `outputTokens`. */
  reasoningTokens: number | null;
  /** The reasoning text, when usage gave no reasoning count (Anthropic `thinking`): the caller counts it off the engine thread. */
  reasoningText?: string;
  /** Token-bearing events that carried reasoning text. */
  reasoningEvents: number;
  countedTokens: number | null; // counted with gpt-tokenizer from text when usage is absent (or when asked, to report disagreement)
  model: string | null; // the model that answered
  finishReason: string | null;
  body?: unknown; // parsed JSON body when needBody (non-stream), or for streams an assembled object {model, content, usage}
  text?: string;
  /** SSE events seen (all kinds, keep-alive comments excluded). */
  events?: number;
  /** Streams: the terminator (`[DONE]`, `message_stop`, `response.completed`) arrived. */
  done?: boolean;
}

/** Reads one response body incrementally. */
export interface ResponseReader {
  /** Token-bearing events so far (stream readers), so a caller can tell which reads carried tokens. */
  readonly tokenEvents?: number;
  /** Feed raw bytes as they arrive (chunks split anywhere: mid-line, mid-UTF-8, between \r and \n). `now` = performance.now(). */
  onData(chunk: Uint8Array, now: number): void;
  /** The body ended (or was cut); returns the result. `complete` false when the connection broke. */
  finish(now: number, complete: boolean): ReadResult;
}

/** Per-response state filled by the dialect readers; turned into a ReadResult at the end. */
export class Accumulator {
  firstTokenAt: number | null = null;
  firstOutputAt: number | null = null;
  lastTokenAt: number | null = null;
  tokenEvents = 0;
  reasoningEvents = 0;
  /** From usage; null when the answer's usage gave no split. */
  reasoningTokens: number | null = null;
  /** Raw JSON-escaped bytes of the reasoning strings, kept apart so they can be counted. */
  rawReasoning: ByteBuf | null = null;
  events = 0;
  outputTokens: number | null = null;
  inputTokens: number | null = null;
  model: string | null = null;
  finishReason: string | null = null;
  usage: unknown = undefined;
  error: string | undefined = undefined;
  errorKind: ProtocolErrorKind | undefined = undefined;
  /** The stream's terminator ([DONE] / message_stop) arrived. */
  done = false;
  /** Raw JSON-escaped bytes of the output strings, concatenated (a valid JSON string body). */
  raw: ByteBuf | null = null;
  readonly collect: boolean;
  private readonly onGap: ((ms: number) => void) | undefined;

  constructor(readonly opts: ReaderOptions) {
    this.onGap = opts.onGap;
    this.collect = opts.needText || opts.needBody || (opts.tokenCount ?? 'fallback') !== 'never';
  }

  /** A token-bearing event of the answer (text or tool-call arguments) arrived at `now`. */
  token(now: number): void {
    const last = this.lastTokenAt;
    if (last === null) this.firstTokenAt = now;
    else if (this.onGap !== undefined) this.onGap(now - last);
    if (this.firstOutputAt === null) this.firstOutputAt = now;
    this.lastTokenAt = now;
    this.tokenEvents++;
  }

  /** A reasoning event arrived: a token for TTFT and ITL, but not yet output (TTFO). */
  reasoning(now: number): void {
    const last = this.lastTokenAt;
    if (last === null) this.firstTokenAt = now;
    else if (this.onGap !== undefined) this.onGap(now - last);
    this.lastTokenAt = now;
    this.tokenEvents++;
    this.reasoningEvents++;
  }

  /** Keeps the escaped reasoning string body buf[p, q), for counting when usage gives no split. */
  keepReasoning(buf: Buffer, p: number, q: number): void {
    if (this.rawReasoning === null) this.rawReasoning = new ByteBuf(256);
    this.rawReasoning.append(buf, p, q);
  }

  /** Keeps the escaped string body buf[p, q) of an output piece. */
  keep(buf: Buffer, p: number, q: number): void {
    if (this.raw === null) this.raw = new ByteBuf(512);
    this.raw.append(buf, p, q);
  }

  fail(error: string, kind: ProtocolErrorKind): void {
    if (this.error !== undefined) return;
    this.error = error;
    this.errorKind = kind;
  }

  /** The collected output text, decoded once. */
  text(): string {
    const raw = this.raw;
    if (raw === null || raw.len === 0) return '';
    return decodeRaw(raw);
  }

  result(countable: boolean, body?: unknown, knownText?: string): ReadResult {
    const opts = this.opts;
    const mode = opts.tokenCount ?? 'fallback';
    let text: string | undefined = knownText;
    const needText = opts.needText || opts.needBody;
    const wantCount = countable && (mode === 'always' || (mode === 'fallback' && this.outputTokens === null));
    if (text === undefined && (needText || wantCount)) text = this.text();
    let counted: number | null = null;
    if (wantCount && text !== undefined) counted = text.length === 0 ? 0 : countTokens(text, this.model ?? undefined);
    const r: ReadResult = {
      ok: this.error === undefined,
      firstTokenAt: this.firstTokenAt,
      firstOutputAt: this.firstOutputAt,
      lastTokenAt: this.lastTokenAt,
      tokenEvents: this.tokenEvents,
      outputTokens: this.outputTokens,
      inputTokens: this.inputTokens,
      reasoningTokens: this.reasoningTokens,
      reasoningEvents: this.reasoningEvents,
      countedTokens: counted,
      model: this.model,
      finishReason: this.finishReason,
      events: this.events,
    };
    const rr = this.rawReasoning;
    if (this.reasoningTokens === null && rr !== null && rr.len > 0) r.reasoningText = decodeRaw(rr);
    if (this.error !== undefined) {
      r.error = this.error;
      r.errorKind = this.errorKind;
    }
    if (opts.needText && text !== undefined) r.text = text;
    if (opts.needBody)
      r.body =
        body !== undefined
          ? body
          : { model: this.model, content: text ?? '', usage: this.usage ?? null, finish_reason: this.finishReason };
    return r;
  }
}

/** Decodes collected JSON-escaped string bytes. */
function decodeRaw(raw: ByteBuf): string {
  const s = raw.buf.toString('utf8', 0, raw.len);
  try {
    return JSON.parse(`"${s}"`) as string;
  } catch {
    return s;
  }
}
