// Incremental server-sent-events scanner over raw bytes (WHATWG "server-sent events" parsing):
// finds line and event boundaries in each chunk as it arrives, keeps only the unfinished tail
// between chunks, and hands each event's data to a sink as a byte range. An event whose single
// data line lies inside one buffer is passed by reference, without a copy.
import { ByteBuf } from './bytes';

/** Event names the readers care about, as small integers so no string is built per event. */
export const EV_MESSAGE = 0;
export const EV_ERROR = 1;
export const EV_MESSAGE_START = 2;
export const EV_CONTENT_BLOCK_DELTA = 3;
export const EV_MESSAGE_DELTA = 4;
export const EV_MESSAGE_STOP = 5;
export const EV_PING = 6;
export const EV_OTHER = 7;

/** Receives complete events: data bytes in buf[start, end), valid only during the call. */
export interface EventSink {
  onEvent(buf: Buffer, start: number, end: number, event: number, now: number): void;
}

const NAMES: Array<[number, Buffer]> = [
  [EV_ERROR, Buffer.from('error')],
  [EV_MESSAGE_START, Buffer.from('message_start')],
  [EV_CONTENT_BLOCK_DELTA, Buffer.from('content_block_delta')],
  [EV_MESSAGE_DELTA, Buffer.from('message_delta')],
  [EV_MESSAGE_STOP, Buffer.from('message_stop')],
  [EV_PING, Buffer.from('ping')],
  [EV_MESSAGE, Buffer.from('message')],
];

/** Maps an event name in buf[s, e) to its code. */
export function eventCode(buf: Uint8Array, s: number, e: number): number {
  const len = e - s;
  outer: for (const [code, name] of NAMES) {
    if (name.length !== len) continue;
    for (let i = 0; i < len; i++) if (buf[s + i] !== name[i]) continue outer;
    return code;
  }
  return len === 0 ? EV_MESSAGE : EV_OTHER;
}

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;

/** The SSE line and event state machine; one per response. */
export class SseScanner {
  /** Bytes of an unfinished line carried over from earlier chunks. */
  private carry: ByteBuf | null = null;
  /** The last chunk ended in CR: a LF at the start of the next one belongs to it. */
  private skipLf = false;
  private started = false;
  /** Data lines seen in the pending event. */
  private dataLines = 0;
  /** The pending event's single data line, by reference (when `refBuf` is set)… */
  private refBuf: Buffer | null = null;
  private refStart = 0;
  private refEnd = 0;
  /** …or its data copied here (several lines, or a line that must outlive its chunk). */
  private data: ByteBuf | null = null;
  private event = EV_MESSAGE;
  /** Lines seen that were neither blank nor comments (for "did anything arrive"). */
  fieldLines = 0;

  constructor(private readonly sink: EventSink) {}

  /** Scans one chunk; `now` stamps every event completed in it. */
  feed(chunk: Buffer, now: number): void {
    const n = chunk.length;
    if (n === 0) return;
    let pos = 0;
    if (this.skipLf) {
      this.skipLf = false;
      if (chunk[0] === LF) pos = 1;
    }
    // Next CR in this chunk, searched once and then only after passing it: LF-only streams pay
    // one indexOf per chunk for CR support.
    let cr = n > pos ? chunk.indexOf(CR, pos) : -1;
    if (cr < 0) cr = n;
    const carry = this.carry;
    if (carry !== null && carry.len > 0) {
      let lf = chunk.indexOf(LF, pos);
      if (lf < 0) lf = n;
      const eol = lf < cr ? lf : cr;
      if (eol >= n) {
        carry.append(chunk, pos, n);
        return;
      }
      carry.append(chunk, pos, eol);
      this.line(carry.buf, 0, carry.len, now);
      carry.len = 0;
      pos = this.after(chunk, eol, n);
      if (cr <= eol && pos < n) {
        cr = chunk.indexOf(CR, pos);
        if (cr < 0) cr = n;
      }
    }
    while (pos < n) {
      let eol: number;
      if (chunk[pos] === LF) {
        eol = pos;
      } else {
        eol = chunk.indexOf(LF, pos);
        if (eol < 0) eol = n;
      }
      if (cr < eol) eol = cr;
      if (eol >= n) break;
      this.line(chunk, pos, eol, now);
      pos = this.after(chunk, eol, n);
      if (cr <= eol && pos < n) {
        cr = chunk.indexOf(CR, pos);
        if (cr < 0) cr = n;
      }
    }
    // The chunk may be reused by the caller: copy what must survive it.
    if (this.refBuf !== null) this.materialise();
    if (pos < n) {
      if (this.carry === null) this.carry = new ByteBuf(Math.max(256, n - pos));
      this.carry.append(chunk, pos, n);
    }
  }

  /**
   * The body ended. A complete body may end without a final blank line: the pending event is
   * dispatched (as most client libraries do) so a last `data: [DONE]` still counts. A broken
   * connection dispatches nothing.
   */
  end(now: number, complete: boolean): void {
    if (!complete) return;
    const carry = this.carry;
    if (carry !== null && carry.len > 0) {
      this.line(carry.buf, 0, carry.len, now);
      carry.len = 0;
    }
    this.dispatch(now);
  }

  /** Position after the line end at `eol` (CRLF counts once; a CR at the chunk's end defers). */
  private after(chunk: Buffer, eol: number, n: number): number {
    if (chunk[eol] === CR) {
      if (eol + 1 < n) return chunk[eol + 1] === LF ? eol + 2 : eol + 1;
      this.skipLf = true;
    }
    return eol + 1;
  }

  private line(buf: Buffer, s: number, e: number, now: number): void {
    if (!this.started) {
      this.started = true;
      if (e - s >= 3 && buf[s] === 0xef && buf[s + 1] === 0xbb && buf[s + 2] === 0xbf) s += 3;
    }
    if (s === e) {
      this.dispatch(now);
      return;
    }
    const c0 = buf[s];
    if (c0 === COLON) return;
    this.fieldLines++;
    // Fast path for `data:` (the common line).
    if (
      c0 === 0x64 &&
      e - s >= 5 &&
      buf[s + 1] === 0x61 &&
      buf[s + 2] === 0x74 &&
      buf[s + 3] === 0x61 &&
      buf[s + 4] === COLON
    ) {
      let v = s + 5;
      if (v < e && buf[v] === 0x20) v++;
      this.addData(buf, v, e);
      return;
    }
    let colon = s;
    while (colon < e && buf[colon] !== COLON) colon++;
    let v = colon + 1;
    if (v < e && buf[v] === 0x20) v++;
    if (v > e) v = e;
    const flen = colon - s;
    if (flen === 4 && buf[s] === 0x64 && buf[s + 1] === 0x61 && buf[s + 2] === 0x74 && buf[s + 3] === 0x61) {
      this.addData(buf, v, e);
    } else if (
      flen === 5 &&
      buf[s] === 0x65 &&
      buf[s + 1] === 0x76 &&
      buf[s + 2] === 0x65 &&
      buf[s + 3] === 0x6e &&
      buf[s + 4] === 0x74
    ) {
      this.event = eventCode(buf, v, e);
    }
    // `id`, `retry` and unknown fields do not matter to a load test.
  }

  private addData(buf: Buffer, s: number, e: number): void {
    if (this.dataLines === 0) {
      this.refBuf = buf;
      this.refStart = s;
      this.refEnd = e;
      this.dataLines = 1;
      return;
    }
    if (this.refBuf !== null) this.materialise();
    const data = this.data as ByteBuf;
    data.push(LF);
    data.append(buf, s, e);
    this.dataLines++;
  }

  private materialise(): void {
    const ref = this.refBuf as Buffer;
    if (this.data === null) this.data = new ByteBuf(Math.max(256, this.refEnd - this.refStart));
    this.data.len = 0;
    this.data.append(ref, this.refStart, this.refEnd);
    this.refBuf = null;
  }

  private dispatch(now: number): void {
    if (this.dataLines === 0) {
      this.event = EV_MESSAGE;
      return;
    }
    const event = this.event;
    this.event = EV_MESSAGE;
    this.dataLines = 0;
    const ref = this.refBuf;
    if (ref !== null) {
      this.refBuf = null;
      this.sink.onEvent(ref, this.refStart, this.refEnd, event, now);
    } else {
      const data = this.data as ByteBuf;
      const len = data.len;
      data.len = 0;
      this.sink.onEvent(data.buf, 0, len, event, now);
    }
  }
}
