// The one place an error below HTTP (socket, TLS, undici, decoder) becomes a class, a code and a
// message. Part of the "every failure explained" contract: whatever records a failure gets all three.
import type { ErrorClass } from '../shared/metrics';

/** A classified failure: its class, a machine code (OpenSSL, errno, UND_ERR_…) and a message. */
export interface Failure {
  cls: ErrorClass;
  code: string | null;
  message: string;
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
  'ENOBUFS',
  'EADDRNOTAVAIL',
]);
const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
]);
const PROTOCOL_CODES = new Set([
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_INFO',
  'UND_ERR_INVALID_ARG',
  'UND_ERR_NOT_SUPPORTED',
  'UND_ERR_RES_EXCEEDED_MAX_SIZE',
  // Headers beyond the parser's limit (16 KB): the server broke HTTP, the connection did not fail.
  'UND_ERR_HEADERS_OVERFLOW',
  'ERR_HTTP2_ERROR',
  'ERR_HTTP2_STREAM_ERROR',
  'ERR_HTTP2_INVALID_HEADER_VALUE',
  'ERR_INVALID_CHAR',
  'ERR_INVALID_HTTP_TOKEN',
  'Z_DATA_ERROR',
  'Z_BUF_ERROR',
  'ERR_BROTLI_DECOMPRESSION_FAILED',
  'ERR__ERROR_FORMAT_PADDING_1',
]);
/** OpenSSL verification codes (`DEPTH_ZERO_SELF_SIGNED_CERT`, `CERT_HAS_EXPIRED`, …) and Node's TLS errors. */
const TLS_CODE = /^(ERR_SSL_|ERR_TLS_)|CERT|^UNABLE_TO_|SELF_SIGNED|^HOSTNAME_MISMATCH$|^EPROTO$/;

/** Maps an undici, socket, TLS or zlib error (or its cause) to its class, code and message. */
export function classifyError(err: Error): Failure {
  let e: Error = err;
  for (let depth = 0; depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    const c = typeof code === 'string' ? code : '';
    const cls = classOfCode(c, e);
    if (cls) return { cls, code: c || null, message: e.message };
    const cause = (e as { cause?: unknown }).cause;
    if (!(cause instanceof Error)) break;
    e = cause;
  }
  const code = (err as { code?: unknown }).code;
  return { cls: 'connection', code: typeof code === 'string' ? code : null, message: err.message };
}

function classOfCode(code: string, err: Error): ErrorClass | null {
  if (TIMEOUT_CODES.has(code)) return 'timeout';
  if (CONNECTION_CODES.has(code)) return 'connection';
  if (code && TLS_CODE.test(code)) return 'tls';
  if (code.startsWith('HPE_') || PROTOCOL_CODES.has(code) || err.name === 'HTTPParserError') return 'protocol';
  return null;
}

/** `code: message`, the one-line form logs and dry-run samples show. */
export function describeFailure(f: Failure): string {
  return f.code && !f.message.includes(f.code) ? `${f.code}: ${f.message}` : f.message;
}
