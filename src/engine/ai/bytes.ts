// Byte-level helpers for reading JSON fields out of SSE events without JSON.parse.
// Everything here works on Buffers within [start, end) ranges and allocates nothing on the
// fast path: the stream reader calls these once or twice per event at hundreds of thousands
// of events per second.

/** A precompiled search pattern (Boyer-Moore-Horspool skip table). */
export interface Needle {
  bytes: Uint8Array;
  skip: Uint8Array;
  last: number;
  lastByte: number;
}

/** Compiles an ASCII pattern such as `"content"` for `find`. */
export function needle(text: string): Needle {
  const bytes = Buffer.from(text, 'latin1');
  const n = bytes.length;
  if (n === 0 || n > 255) throw new Error('needle length must be 1..255');
  const skip = new Uint8Array(256).fill(n);
  for (let j = 0; j < n - 1; j++) skip[bytes[j]] = n - 1 - j;
  return { bytes: new Uint8Array(bytes), skip, last: n - 1, lastByte: bytes[n - 1] };
}

/**
 * First index of `n` in buf[from, end), or -1. Horspool in plain JS beats Buffer.indexOf for
 * short ranges: the native call rebuilds its tables each time and searches past `end`.
 */
export function find(buf: Uint8Array, from: number, end: number, n: Needle): number {
  const last = n.last;
  const lastByte = n.lastByte;
  const bytes = n.bytes;
  const skip = n.skip;
  let i = from;
  while (i + last < end) {
    const c = buf[i + last];
    if (c === lastByte) {
      let j = 0;
      while (j < last && buf[i + j] === bytes[j]) j++;
      if (j === last) return i;
    }
    i += skip[c];
  }
  return -1;
}

/** True for JSON whitespace. */
export function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * Given the index just after a matched `"key"`, skips `ws : ws` and returns the index of the
 * value's first byte, or -1 when no colon follows (the match was a string value, not a key).
 */
export function valueAt(buf: Uint8Array, p: number, end: number): number {
  while (p < end && isWs(buf[p])) p++;
  if (p >= end || buf[p] !== 0x3a) return -1;
  p++;
  while (p < end && isWs(buf[p])) p++;
  return p < end ? p : -1;
}

/**
 * Finds key `n` (a needle like `"content"`) whose value is a string and returns the index of
 * the first byte inside the quotes; -1 when the key is absent. Keys whose value is not a string
 * (`null`, an array such as `logprobs.content`) are skipped and the search continues.
 */
export function findStringValue(buf: Uint8Array, start: number, end: number, n: Needle): number {
  let from = start;
  for (;;) {
    const k = find(buf, from, end, n);
    if (k < 0) return -1;
    const v = valueAt(buf, k + n.bytes.length, end);
    if (v >= 0 && buf[v] === 0x22) return v + 1;
    from = k + n.bytes.length;
  }
}

/** The non-negative integer value of key `n` in buf[start, end), or null when absent or not a number. */
export function readInt(buf: Uint8Array, start: number, end: number, n: Needle): number | null {
  let v = findValue(buf, start, end, n);
  if (v < 0) return null;
  let x = 0;
  let digits = 0;
  for (; v < end; v++, digits++) {
    const c = buf[v] - 0x30;
    if (c < 0 || c > 9) break;
    x = x * 10 + c;
  }
  if (digits === 0) return null;
  // `12.0` or `1e3` are legal JSON numbers no server sends for counts: don't guess.
  if (v < end && (buf[v] === 0x2e || buf[v] === 0x65 || buf[v] === 0x45)) return null;
  return x;
}

/**
 * True when buf[v] starts the body of a string that is the value of key `n` written without
 * whitespace (`"key":"` ending at v), all within [s, v).
 */
export function keyBefore(buf: Uint8Array, s: number, v: number, n: Needle): boolean {
  const bytes = n.bytes;
  const k = v - 2 - bytes.length;
  if (k < s || buf[v - 1] !== 0x22 || buf[v - 2] !== 0x3a) return false;
  for (let i = 0; i < bytes.length; i++) if (buf[k + i] !== bytes[i]) return false;
  return true;
}

/** Index of the first byte of key `n`'s value (any type), or -1. */
export function findValue(buf: Uint8Array, start: number, end: number, n: Needle): number {
  let from = start;
  for (;;) {
    const k = find(buf, from, end, n);
    if (k < 0) return -1;
    const v = valueAt(buf, k + n.bytes.length, end);
    if (v >= 0) return v;
    from = k + n.bytes.length;
  }
}

/**
 * Index of the closing quote of a JSON string whose body starts at `p`, or -1. A plain loop:
 * token strings are a few bytes, shorter than the cost of a native indexOf call.
 */
export function stringEnd(buf: Uint8Array, p: number, end: number): number {
  for (let q = p; q < end; q++) {
    const c = buf[q];
    if (c === 0x22) return q;
    if (c === 0x5c) q++;
  }
  return -1;
}

/** Decodes the JSON string body buf[p, q) (without quotes). */
export function decodeString(buf: Buffer, p: number, q: number): string {
  const bs = buf.indexOf(0x5c, p);
  if (bs < 0 || bs >= q) return buf.toString('utf8', p, q);
  try {
    return JSON.parse(buf.toString('utf8', p - 1, q + 1)) as string;
  } catch {
    return buf.toString('utf8', p, q);
  }
}

/** True when buf[s, e) is exactly the ASCII text `t`. */
export function bytesEqual(buf: Uint8Array, s: number, e: number, t: Uint8Array): boolean {
  if (e - s !== t.length) return false;
  for (let i = 0; i < t.length; i++) if (buf[s + i] !== t[i]) return false;
  return true;
}

/** True when buf[?, e) ends with the ASCII text `t`. */
export function endsWith(buf: Uint8Array, s: number, e: number, t: Uint8Array): boolean {
  const n = t.length;
  if (e - s < n) return false;
  const o = e - n;
  for (let i = 0; i < n; i++) if (buf[o + i] !== t[i]) return false;
  return true;
}

/** A growable byte buffer reused across events; `len` bytes are valid. */
export class ByteBuf {
  buf: Buffer;
  len = 0;
  constructor(initial = 256) {
    this.buf = Buffer.allocUnsafe(initial);
  }
  append(src: Uint8Array, s: number, e: number): void {
    const n = e - s;
    this.reserve(n);
    const dst = this.buf;
    // Small copies by hand; larger through a plain Uint8Array view (Buffer#subarray and
    // Buffer#copy cost more per call: bench/README.md).
    if (n <= 24) {
      let d = this.len;
      for (let i = s; i < e; i++) dst[d++] = src[i];
    } else {
      dst.set(new Uint8Array(src.buffer, src.byteOffset + s, n), this.len);
    }
    this.len += n;
  }
  push(byte: number): void {
    this.reserve(1);
    this.buf[this.len++] = byte;
  }
  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }
}
