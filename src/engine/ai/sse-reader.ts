// The streaming reader: SSE scanner + the dialect's event handler + end-of-stream rules.
import type { ApiDialect } from '../../scenario/model';
import { AnthropicStream } from './anthropic-stream';
import { asBuffer } from './json-body';
import { OpenAiStream } from './openai-stream';
import { ResponsesStream } from './responses-stream';
import { Accumulator, type ReaderOptions, type ReadResult, type ResponseReader } from './result';
import { EV_MESSAGE_START, SseScanner, type EventSink } from './sse-scanner';

const ANTHROPIC_FIRST = Buffer.from('"message_start"');

/**
 * `raw` streams: the first event picks the reader (Anthropic when it is a `message_start`,
 * else OpenAI chat, whose handler also counts completions-style `text`).
 */
class RawStream implements EventSink {
  private sink: EventSink | null = null;
  constructor(private readonly acc: Accumulator) {}
  onEvent(buf: Buffer, s: number, e: number, event: number, now: number): void {
    if (this.sink === null) {
      const anthropic = event === EV_MESSAGE_START || buf.subarray(s, e).includes(ANTHROPIC_FIRST);
      this.sink = anthropic ? new AnthropicStream(this.acc) : new OpenAiStream(this.acc, true, true);
    }
    this.sink.onEvent(buf, s, e, event, now);
  }
}

/** Reads one `text/event-stream` body. */
export class SseReader implements ResponseReader {
  private readonly acc: Accumulator;
  private readonly scanner: SseScanner;

  constructor(
    private readonly api: ApiDialect,
    opts: ReaderOptions,
  ) {
    const acc = new Accumulator(opts);
    this.acc = acc;
    const sink =
      api === 'anthropic-messages'
        ? new AnthropicStream(acc)
        : api === 'openai-responses'
          ? new ResponsesStream(acc)
          : api === 'raw'
            ? new RawStream(acc)
            : new OpenAiStream(acc, api !== 'openai-completions');
    this.scanner = new SseScanner(sink);
  }

  get tokenEvents(): number {
    return this.acc.tokenEvents;
  }

  onData(chunk: Uint8Array, now: number): void {
    this.scanner.feed(asBuffer(chunk), now);
  }

  finish(now: number, complete: boolean): ReadResult {
    const acc = this.acc;
    this.scanner.end(now, complete);
    if (!complete) acc.fail('connection closed mid-stream', 'cut');
    // `raw` promises no protocol, so no terminator is required of it. Without its terminator but
    // with a finish reason the answer is whole and usable: a contract problem, counted, not an error.
    else if (!acc.done && this.api !== 'raw' && acc.finishReason === null) {
      const end =
        this.api === 'anthropic-messages'
          ? 'message_stop'
          : this.api === 'openai-responses'
            ? 'response.completed'
            : '[DONE]';
      acc.fail(`stream ended without ${end} (truncated)`, 'truncated');
    }
    const r = acc.result(true);
    r.done = acc.done;
    return r;
  }
}
