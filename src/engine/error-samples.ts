// Every failure keeps its reason: a small table of distinct failures (class, code, status and
// normalised message), each with a count, first and last time, and the first 512 bytes of one
// answer. Only failures reach it; a new reason costs one string key and one JSON.parse of a
// short body, a known one a Map lookup. The host redacts bodies like everything it writes.
import type { ErrorSample } from '../protocol';
import type { ErrorClass } from '../shared/metrics';

/** Most distinct reasons kept; later new reasons are counted as omitted. */
export const MAX_ERROR_SAMPLES = 20;
/** Bytes of an answer kept in a sample. */
export const SAMPLE_BODY_BYTES = 512;

/** The run's failure reasons, and what changed in the current window. */
export class ErrorSamples {
  private readonly byKey = new Map<string, ErrorSample>();
  omitted = 0;
  private winCounts: Record<string, number> = {};
  private winAny = false;
  private winNew: ErrorSample[] = [];

  /**
   * One failure. `body` is the answer's text so far (or null); returns the sample when its
   * reason is new, so the caller can log its first occurrence once.
   */
  record(
    cls: ErrorClass,
    code: string | null,
    status: number,
    message: string | null,
    body: string | null,
    atMs: number,
  ): ErrorSample | null {
    const msg = reasonMessage(cls, status, message, body);
    const key = `${cls}|${code ?? ''}|${status}|${normalise(msg)}`;
    let s = this.byKey.get(key);
    let fresh: ErrorSample | null = null;
    if (s === undefined) {
      if (this.byKey.size >= MAX_ERROR_SAMPLES) {
        this.omitted++;
        return null;
      }
      s = {
        id: this.byKey.size + 1,
        class: cls,
        code,
        status: status > 0 ? status : null,
        message: msg,
        body: body === null ? null : prefix(body),
        count: 0,
        firstAtMs: Math.round(atMs),
        lastAtMs: 0,
      };
      this.byKey.set(key, s);
      this.winNew.push(s);
      fresh = s;
    }
    s.count++;
    s.lastAtMs = Math.round(atMs);
    this.winCounts[s.id] = (this.winCounts[s.id] ?? 0) + 1;
    this.winAny = true;
    return fresh;
  }

  /** What the window carries: counts per reason id and the reasons first seen in it (copies). */
  rollWindow(): { reasons?: Record<string, number>; newReasons?: ErrorSample[] } {
    if (!this.winAny) return {};
    const out = {
      reasons: this.winCounts,
      ...(this.winNew.length ? { newReasons: this.winNew.map((s) => ({ ...s })) } : {}),
    };
    this.winCounts = {};
    this.winAny = false;
    this.winNew = [];
    return out;
  }

  /** All reasons, most frequent first. */
  list(): ErrorSample[] {
    return [...this.byKey.values()]
      .sort((a, b) => b.count - a.count || a.firstAtMs - b.firstAtMs)
      .map((s) => ({ ...s }));
  }
}

/** Digits and id-like runs vary between otherwise equal failures (request ids, ports, byte counts). */
export function normalise(message: string): string {
  // Ids such as `req_kzqhbtmwxa` may hold no digit at all: a short prefix, `_` or `-`, 10+ letters or digits.
  return message
    .replace(/\b[A-Za-z]{1,6}[_-][A-Za-z0-9]{10,}\b/g, '#')
    .replace(/[A-Za-z0-9_-]*\d[A-Za-z0-9_-]*/g, '#')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** What a reason says: the gateway's own message when its body has one, else the engine's. */
export function reasonMessage(cls: ErrorClass, status: number, message: string | null, body: string | null): string {
  if (body !== null && (cls === 'http_4xx' || cls === 'http_429' || cls === 'http_5xx')) {
    const said = bodyMessage(body);
    if (said) return said.length > 300 ? `${said.slice(0, 300)}…` : said;
  }
  if (message) return message;
  if (status > 0) return `HTTP ${status}`;
  return cls;
}

/** `error.message`, `message`, `error` or `detail` of a JSON error body (OpenAI, Anthropic and common gateway shapes). */
function bodyMessage(body: string): string | null {
  const t = body.trimStart();
  if (t[0] !== '{') return firstLine(t);
  let v: unknown;
  try {
    v = JSON.parse(t);
  } catch {
    return firstLine(t);
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const err = o.error;
  if (typeof err === 'object' && err !== null && typeof (err as Record<string, unknown>).message === 'string')
    return (err as Record<string, string>).message;
  for (const k of ['message', 'error', 'detail', 'msg']) if (typeof o[k] === 'string' && o[k]) return o[k] as string;
  return null;
}

function firstLine(t: string): string | null {
  const line = t.split(/\r?\n/, 1)[0].trim();
  // HTML error pages say little in their first line; their title does.
  const title = /<title>([^<]{1,200})<\/title>/i.exec(t);
  if (title) return title[1].trim();
  return line ? line.slice(0, 200) : null;
}

function prefix(body: string): string {
  if (body.length * 3 <= SAMPLE_BODY_BYTES) return body;
  const b = Buffer.from(body, 'utf8');
  if (b.length <= SAMPLE_BODY_BYTES) return body;
  // Cut at a character boundary: a UTF-8 continuation byte is 10xxxxxx.
  let end = SAMPLE_BODY_BYTES;
  while (end > 0 && (b[end] & 0xc0) === 0x80) end--;
  return b.subarray(0, end).toString('utf8');
}
