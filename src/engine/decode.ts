// Content-Encoding decoding for answers that arrive compressed (a CDN or proxy in front of the
// gateway compresses). Streaming decompressors fed chunk by chunk with a sync flush, so an SSE
// stream's first token is seen as soon as its bytes decode, not when the stream ends.
import {
  constants,
  createBrotliDecompress,
  createGunzip,
  createInflate,
  createInflateRaw,
  type BrotliDecompress,
  type Gunzip,
  type Inflate,
  type InflateRaw,
} from 'node:zlib';

export type Decoder = Gunzip | Inflate | InflateRaw | BrotliDecompress;
export type Coding = 'gzip' | 'br' | 'deflate';

const CE_LENGTH = 'content-encoding'.length;

/** The answer's content coding when it is one we decode; scans raw headers without allocating for others. */
export function contentCoding(raw: Buffer[]): Coding | 'unsupported' | null {
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (raw[i].length !== CE_LENGTH || raw[i].toString('latin1').toLowerCase() !== 'content-encoding') continue;
    const v = raw[i + 1].toString('latin1').trim().toLowerCase();
    if (v === 'gzip' || v === 'x-gzip') return 'gzip';
    if (v === 'br') return 'br';
    if (v === 'deflate') return 'deflate';
    if (v === '' || v === 'identity') return null;
    return 'unsupported';
  }
  return null;
}

// Flush per write so output follows input; the final flush stays strict, so a truncated body is an error.
const SYNC = { flush: constants.Z_SYNC_FLUSH };
const BR_SYNC = { flush: constants.BROTLI_OPERATION_FLUSH };

/**
 * A decoder for one answer. `deflate` is meant to be zlib-wrapped (RFC 9110), but servers send
 * raw deflate too: the first byte tells them apart, as browsers and curl do.
 */
export function createDecoder(coding: Coding, first: Buffer): Decoder {
  if (coding === 'gzip') return createGunzip(SYNC);
  if (coding === 'br') return createBrotliDecompress(BR_SYNC);
  return (first[0] & 0x0f) === 8 && ((first[0] << 8) | (first[1] ?? 0)) % 31 === 0
    ? createInflate(SYNC)
    : createInflateRaw(SYNC);
}
