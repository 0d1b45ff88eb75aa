// What every dialect's stream handler does the same way: skip events once the stream is over,
// count them, trim the data, and keep (and show) an output string found in an event.
import { decodeString, isWs, stringEnd } from './bytes';
import type { Accumulator } from './result';
import type { EventSink } from './sse-scanner';

/** Base of the OpenAI and Anthropic stream handlers: they implement `handle` on trimmed, non-empty data. */
export abstract class DialectStream implements EventSink {
  protected readonly onText: ((text: string) => void) | undefined;

  constructor(protected readonly acc: Accumulator) {
    this.onText = acc.opts.onText;
  }

  onEvent(buf: Buffer, s: number, e: number, event: number, now: number): void {
    const acc = this.acc;
    if (acc.done || acc.error !== undefined) return;
    acc.events++;
    while (s < e && isWs(buf[s])) s++;
    while (e > s && isWs(buf[e - 1])) e--;
    if (s !== e) this.handle(buf, s, e, event, now);
  }

  /** One event's data, buf[s, e), trimmed and non-empty. */
  protected abstract handle(buf: Buffer, s: number, e: number, event: number, now: number): void;

  /** Keeps (and shows) the output string starting at p; false when the string is cut. */
  protected keep(buf: Buffer, p: number, e: number): boolean {
    const acc = this.acc;
    if (!acc.collect && this.onText === undefined) return true;
    const q = stringEnd(buf, p, e);
    if (q < 0) {
      acc.fail('malformed JSON in SSE event', 'malformed');
      return false;
    }
    if (acc.collect) acc.keep(buf, p, q);
    if (this.onText !== undefined) this.onText(decodeString(buf, p, q));
    return true;
  }

  /** `keep` for a reasoning string: kept with the output text and apart, to be counted. */
  protected keepReasoning(buf: Buffer, p: number, e: number): boolean {
    const acc = this.acc;
    if (!acc.collect) return this.keep(buf, p, e);
    const q = stringEnd(buf, p, e);
    if (q < 0) {
      acc.fail('malformed JSON in SSE event', 'malformed');
      return false;
    }
    acc.keep(buf, p, q);
    acc.keepReasoning(buf, p, q);
    if (this.onText !== undefined) this.onText(decodeString(buf, p, q));
    return true;
  }
}
