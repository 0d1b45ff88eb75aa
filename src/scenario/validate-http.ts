// `target:` keys for the HTTP real gateways speak (TLS, proxy, HTTP/2, redirects, compression,
// body limit) and the characters undici refuses in header values and paths, checked where literal.
import { dirname, isAbsolute, resolve as resolvePath } from 'node:path';
import { isMap, isScalar, type Node } from 'yaml';
import type { TargetSpec, TlsSpec } from './model';
import { error, report, subRange, type Ctx } from './yaml-ranges';
import { readBoolean, readEnum, readMap, readNumber, readString, type Entries, type Entry } from './read';
import { hasReferences } from './references';
import { COMPRESSIONS } from './keys';
import { parseHttpUrl } from './http-url';

export const HTTP_DEFAULTS = { maxRedirects: 10, maxBodyBytes: 10 * 1024 * 1024 };

/** Reads the HTTP keys of `target` into `spec`. */
export function validateHttp(ctx: Ctx, m: Entries, spec: TargetSpec): void {
  const tls = m.get('tls');
  if (tls) spec.tls = readTls(ctx, tls);
  const proxy = m.get('proxy');
  if (proxy) {
    const url = readString(ctx, proxy, 'target.proxy', 'http://127.0.0.1:3128');
    if (url !== undefined && checkProxyUrl(ctx, proxy.value, url)) spec.proxy = url;
  }
  const h2 = m.get('http2');
  if (h2) spec.http2 = readBoolean(ctx, h2, 'target.http2');
  const redirects = m.get('maxRedirects');
  if (redirects)
    spec.maxRedirects = readNumber(ctx, redirects, 'target.maxRedirects', { integer: true, min: 0, max: 100 });
  const comp = m.get('compression');
  if (comp) spec.compression = readEnum(ctx, comp, 'target.compression', COMPRESSIONS);
  const body = m.get('maxBodyBytes');
  if (body) spec.maxBodyBytes = readBytes(ctx, body, 'target.maxBodyBytes');
  for (const k of ['tls', 'proxy', 'http2', 'maxRedirects', 'compression', 'maxBodyBytes'] as const)
    if (spec[k] === undefined) delete spec[k];
}

function readTls(ctx: Ctx, e: Entry): TlsSpec | undefined {
  const m = readMap(ctx, e.value, 'target.tls', 'target.tls', '{ ca: certs/ca.pem }');
  if (!m) return undefined;
  const out: TlsSpec = {};
  for (const k of ['ca', 'cert', 'key'] as const) {
    const f = m.get(k);
    if (!f) continue;
    const rel = readString(ctx, f, `target.tls.${k}`, `certs/${k}.pem`);
    if (rel === undefined) continue;
    const abs = isAbsolute(rel) ? rel : resolvePath(ctx.file ? dirname(ctx.file) : process.cwd(), rel);
    if (ctx.fileExists && !ctx.fileExists(abs)) {
      error(
        ctx,
        f.value,
        'missing-file',
        `TLS file '${rel}' not found (looked for ${abs}): paths are relative to the scenario file's folder.`,
      );
      continue;
    }
    out[k] = abs;
  }
  const sn = m.get('servername');
  if (sn) out.servername = readString(ctx, sn, 'target.tls.servername', 'gw.example.com');
  const insecure = m.get('insecure');
  if (insecure) out.insecure = readBoolean(ctx, insecure, 'target.tls.insecure');
  const cert = m.get('cert');
  const key = m.get('key');
  if (cert && !key)
    error(ctx, cert.key, 'missing-key', "'target.tls.cert' needs 'key' too (the client certificate's private key).");
  if (key && !cert) error(ctx, key.key, 'missing-key', "'target.tls.key' needs 'cert' too (the client certificate).");
  for (const k of Object.keys(out) as Array<keyof TlsSpec>) if (out[k] === undefined) delete out[k];
  return out;
}

function checkProxyUrl(ctx: Ctx, node: Node | null, url: string): boolean {
  if (hasReferences(url)) return true;
  if (!parseHttpUrl(url)) {
    error(ctx, node, 'bad-url', `'${url}' is not an http(s) proxy URL, e.g. http://127.0.0.1:3128.`);
    return false;
  }
  return true;
}

const UNITS: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

function readBytes(ctx: Ctx, e: Entry, what: string): number | undefined {
  const v = isScalar(e.value) ? e.value.value : undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1) return v;
  const m = typeof v === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b|b)?\s*$/i.exec(v) : null;
  const n = m ? Math.round(Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]) : NaN;
  if (n >= 1) return n;
  error(ctx, e.value ?? e.key, 'bad-size', `'${what}' must be a size in bytes such as 10MB, 512KB, 1MiB or 1048576.`);
  return undefined;
}

/** What undici refuses in a header value: controls (CR, LF, NUL…) and characters beyond Latin-1. */
const BAD_HEADER_CHAR = /[^\t\x20-\x7e\x80-\xff]/;
/** What undici refuses in a path: spaces, controls and characters beyond Latin-1. */
const BAD_PATH_CHAR = /[^\x21-\xff]/;

/** Flags the first refused character of each literal header value at its exact range. */
export function checkHeaderValues(ctx: Ctx, node: Node | null, what: string): void {
  if (!isMap(node)) return;
  for (const pair of node.items) {
    const v = pair.value;
    if (!isScalar(v) || typeof v.value !== 'string' || !isScalar(pair.key)) continue;
    checkChars(ctx, v, v.value, BAD_HEADER_CHAR, `'${what}.${String(pair.key.value)}'`, 'a header value');
  }
}

/** Flags a refused character in a literal path at its exact range. */
export function checkPathChars(ctx: Ctx, node: Node | null, path: string, what: string): void {
  if (node) checkChars(ctx, node, path, BAD_PATH_CHAR, `'${what}'`, 'a path (encode it, e.g. %20 for a space)');
}

function checkChars(ctx: Ctx, node: Node, value: string, bad: RegExp, where: string, allowed: string): void {
  // Only the literal text is known here; what references fill in is checked per request.
  const literal = value.replace(/\$\{[^}]*\}/g, (s) => 'x'.repeat(s.length));
  const m = bad.exec(literal);
  if (!m) return;
  const ch = m[0];
  const name =
    ch === '\r'
      ? 'a carriage return (CR)'
      : ch === '\n'
        ? 'a line feed (LF)'
        : ch.charCodeAt(0) < 0x20 || ch === '\x7f'
          ? `control character U+${ch.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`
          : ch === ' '
            ? 'a space'
            : `'${ch}' (U+${ch.codePointAt(0)!.toString(16).padStart(4, '0').toUpperCase()}, beyond Latin-1)`;
  report(
    ctx,
    subRange(ctx, node, value, m.index, m.index + ch.length),
    'error',
    'bad-char',
    `${where} holds ${name}, which is not allowed in ${allowed}: HTTP would refuse the request.`,
  );
}
