// The hot path: one undici Pool per origin, requests sent with `dispatch` and a plain handler
// object (the legacy callback API, which undici's core speaks natively: no wrapper, no header
// parsing we do not ask for). Deadlines are swept from an insertion-ordered set, not a timer each.
import Pool from 'undici/lib/dispatcher/pool';
import type { ErrorClass } from '../scenario/metrics';

/** What an exchange reports when it ends. */
export interface ExchangeEnd {
  /** HTTP status, 0 when no answer arrived. */
  status: number;
  /** Set when the exchange failed below HTTP (timeout, connection, protocol, cancelled). */
  errorClass: ErrorClass | null;
  error: string | null;
  endMs: number;
}

/** Receives one exchange's events; implemented by the engine's request runner. */
export interface ExchangeSink {
  /** Status and raw headers (`[name, value, …]` as Buffers). Return false to drop the body unread. */
  headers(status: number, raw: Buffer[]): void;
  data(chunk: Buffer, now: number): void;
  end(result: ExchangeEnd): void;
}

interface Handler {
  onConnect(abort: (err?: Error) => void): void;
  onHeaders(status: number, raw: Buffer[], resume: () => void, text: string): boolean;
  onData(chunk: Buffer): boolean;
  onComplete(trailers: unknown): void;
  onError(err: Error): void;
}

/** One request in flight. */
export class Exchange implements Handler {
  private abortFn: ((err?: Error) => void) | null = null;
  private status = 0;
  private finished = false;
  private forced: ErrorClass | null = null;
  constructor(private readonly client: HttpClient, private readonly sink: ExchangeSink, readonly deadline: number) {}

  onConnect(abort: (err?: Error) => void): void {
    this.abortFn = abort;
    if (this.forced) abort(new Error(this.forced));
  }

  onHeaders(status: number, raw: Buffer[]): boolean {
    if (status < 200 && status !== 0) return true; // 1xx informational: the real answer follows
    this.status = status;
    this.sink.headers(status, raw);
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.sink.data(chunk, performance.now());
    return true;
  }

  onComplete(): void {
    this.finish(null, null);
  }

  onError(err: Error): void {
    this.finish(this.forced ?? classifyError(err), this.forced ? this.forced : describe(err));
  }

  /** Ends the exchange as `timeout` or `cancelled` (the deadline sweep and graceful stop call this). */
  force(cls: ErrorClass): void {
    if (this.finished || this.forced) return;
    this.forced = cls;
    if (this.abortFn) this.abortFn(new Error(cls));
    // Still queued for a connection: end it now; undici aborts it when it reaches a socket.
    else this.finish(cls, cls);
  }

  private finish(errorClass: ErrorClass | null, error: string | null): void {
    if (this.finished) return;
    this.finished = true;
    this.client.inflight.delete(this);
    this.sink.end({ status: this.status, errorClass, error, endMs: performance.now() });
  }
}

/** Options of the connection pool to one origin. */
export interface ClientOptions { connections: number; pipelining: number; timeoutMs: number }

/** A keep-alive connection pool to one origin and the requests in flight on it. */
export class HttpClient {
  readonly pool: Pool;
  /** In start order, so deadlines (start + constant timeout) are in order too. */
  readonly inflight = new Set<Exchange>();
  private readonly timeoutMs: number;

  constructor(readonly origin: string, opts: ClientOptions) {
    this.timeoutMs = opts.timeoutMs;
    this.pool = new Pool(origin, {
      connections: opts.connections,
      pipelining: Math.max(1, opts.pipelining),
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
      keepAliveTimeout: 30_000,
      connect: { timeout: Math.min(opts.timeoutMs, 10_000) },
    });
  }

  /** Sends one request; the sink hears everything, errors included (nothing throws). */
  send(method: string, path: string, headers: string[], body: string | Buffer | null, sink: ExchangeSink, startMs: number): Exchange {
    const ex = new Exchange(this, sink, startMs + this.timeoutMs);
    this.inflight.add(ex);
    try {
      this.pool.dispatch({ origin: this.origin, method: method as 'GET', path, headers, body }, ex);
    } catch (err) {
      ex.onError(err as Error);
    }
    return ex;
  }

  /** Times out every exchange past its overall deadline. */
  sweep(now: number): void {
    for (const ex of this.inflight) {
      if (ex.deadline > now) break;
      ex.force('timeout');
    }
  }

  /** Cancels everything still in flight (after `gracefulStop`). */
  cancelAll(): void {
    for (const ex of [...this.inflight]) ex.force('cancelled');
  }

  async close(): Promise<void> {
    try {
      await this.pool.destroy();
    } catch {
      // Destroying a pool whose sockets already failed can reject; nothing is left to release.
    }
  }
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_DESTROYED', 'ENOBUFS', 'EADDRNOTAVAIL']);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);

/** Maps an undici or socket error to its class. */
export function classifyError(err: Error): ErrorClass {
  const code = (err as { code?: string }).code ?? '';
  if (TIMEOUT_CODES.has(code)) return 'timeout';
  if (CONNECTION_CODES.has(code)) return 'connection';
  if (code.startsWith('HPE_') || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' || err.name === 'HTTPParserError' || code === 'UND_ERR_INFO') return 'protocol';
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof Error) return classifyError(cause);
  return 'connection';
}

function describe(err: Error): string {
  const code = (err as { code?: string }).code;
  return code ? `${code}: ${err.message}` : err.message;
}
