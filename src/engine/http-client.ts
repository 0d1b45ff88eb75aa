// The hot path: one undici Pool per origin, requests sent with `dispatch` and a plain handler
// object (the legacy callback API, which undici's core speaks natively: no wrapper, no header
// parsing we do not ask for). Deadlines are swept from an insertion-ordered set, not a timer each.
// Redirects, decoding and the body limit engage only when an answer needs them.
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import Pool from 'undici/lib/dispatcher/pool';
import ProxyAgent from 'undici/lib/dispatcher/proxy-agent';
import buildConnector from 'undici/lib/core/connect';
import apiConnect from 'undici/lib/api/api-connect';
import type { Dispatcher } from 'undici';
import type { ErrorClass } from '../shared/metrics';
import { classifyError, type Failure } from './error-class';
import { contentCoding, createDecoder, type Coding, type Decoder } from './decode';
import { WarmSockets } from './warm-connections';

/** What an exchange reports when it ends. */
export interface ExchangeEnd {
  /** HTTP status, 0 when no answer arrived. */
  status: number;
  /** Set when the exchange failed below HTTP (timeout, connection, tls, protocol, cancelled). */
  errorClass: ErrorClass | null;
  error: string | null;
  /** The failure's machine code (`DEPTH_ZERO_SELF_SIGNED_CERT`, `ECONNREFUSED`, `UND_ERR_…`), when it has one. */
  code: string | null;
  endMs: number;
}

/** Receives one exchange's events; implemented by the engine's request runner. */
export interface ExchangeSink {
  /** Status and raw headers (`[name, value, …]` as Buffers) of the final answer (after redirects). */
  headers(status: number, raw: Buffer[]): void;
  /** Body bytes, decoded when the answer was compressed. */
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

const LOCATION_LENGTH = 'location'.length;

/** One request in flight, from its first send to the end of its last redirect. */
export class Exchange implements Handler {
  private abortFn: ((err?: Error) => void) | null = null;
  private status = 0;
  private finished = false;
  private forced: Failure | null = null;
  /** Set while a 3xx answer's body is skipped before following it. */
  private location: string | null = null;
  private redirects = 0;
  private decoder: Decoder | null = null;
  private coding: Coding | null = null;
  private bodyBytes = 0;
  /** undici has delivered the whole answer (a decoder may still be draining). */
  private completed = false;
  constructor(
    private readonly client: HttpClient,
    private readonly sink: ExchangeSink,
    readonly deadline: number,
    private method: string,
    private path: string,
    private headers: string[],
    private body: string | Buffer | null,
  ) {}

  onConnect(abort: (err?: Error) => void): void {
    this.abortFn = abort;
    if (this.forced) abort(new Error(this.forced.message));
  }

  onHeaders(status: number, raw: Buffer[]): boolean {
    if (status < 200 && status !== 0) return true; // 1xx informational: the real answer follows
    this.status = status;
    if (status >= 300 && status < 400 && this.client.maxRedirects > 0 && status !== 304) {
      const loc = location(raw);
      if (loc !== null) {
        this.location = loc;
        return true;
      }
    }
    const coding = contentCoding(raw);
    if (coding === 'unsupported') {
      this.fail('protocol', 'UNSUPPORTED_ENCODING', 'unsupported content-encoding');
      return true;
    }
    this.coding = coding;
    this.sink.headers(status, raw);
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.location !== null || this.finished) return true;
    if (this.coding !== null) {
      this.decode(chunk);
      return true;
    }
    this.bodyBytes += chunk.length;
    if (this.bodyBytes > this.client.maxBodyBytes) {
      this.tooLarge();
      return true;
    }
    this.sink.data(chunk, performance.now());
    return true;
  }

  onComplete(): void {
    if (this.finished) return;
    if (this.location === null) this.completed = true;
    if (this.location !== null) {
      this.follow();
      return;
    }
    if (this.decoder) {
      this.decoder.end();
      return;
    } // finishes on the decoder's 'end'
    this.finish(null);
  }

  onError(err: Error): void {
    if (this.forced) {
      this.finish(this.forced);
      return;
    }
    const f = classifyError(err);
    // A TLS alert after the handshake (TLS 1.3 refusing a missing client certificate) reaches
    // undici as "other side closed"; the socket's own error names it.
    const port = f.cls === 'connection' ? (err as { socket?: { localPort?: number } }).socket?.localPort : undefined;
    this.finish(port !== undefined ? (this.client.tlsAlerts.get(port) ?? f) : f);
  }

  /** Ends the exchange as `timeout` or `cancelled` (the deadline sweep and graceful stop call this). */
  force(cls: ErrorClass): void {
    this.fail(cls, null, cls);
  }

  private fail(cls: ErrorClass, code: string | null, message: string): void {
    if (this.finished || this.forced) return;
    this.forced = { cls, code, message };
    if (this.abortFn && !this.completed) this.abortFn(new Error(message));
    // Ended now, whatever undici reports later: a request still queued for a connection is
    // aborted when it reaches a socket, and an abort inside a parse may be followed by onComplete.
    this.finish(this.forced);
  }

  private tooLarge(): void {
    this.fail('protocol', 'BODY_TOO_LARGE', `body over maxBodyBytes (${this.client.maxBodyBytes} bytes)`);
  }

  private decode(chunk: Buffer): void {
    let d = this.decoder;
    if (d === null) {
      d = createDecoder(this.coding!, chunk);
      this.decoder = d;
      d.on('data', (out: Buffer) => {
        if (this.finished) return;
        this.bodyBytes += out.length;
        if (this.bodyBytes > this.client.maxBodyBytes) this.tooLarge();
        else this.sink.data(out, performance.now());
      });
      d.on('error', (err: Error) => {
        const code = (err as { code?: string }).code ?? 'Z_DATA_ERROR';
        this.fail('protocol', code, `${this.coding} body did not decode: ${err.message}`);
      });
      d.on('end', () => this.finish(null));
    }
    d.write(chunk);
  }

  /** Sends the request again to a same-origin `Location`; the chain keeps its start and deadline. */
  private follow(): void {
    const loc = this.location!;
    this.location = null;
    let url: URL;
    try {
      url = new URL(loc, this.client.origin + this.path);
    } catch {
      url = new URL('invalid:');
    }
    if (url.origin !== this.client.origin) {
      // The engine sends only to the origin the user confirmed.
      this.finish({
        cls: 'protocol',
        code: 'REDIRECT_OTHER_ORIGIN',
        message: `redirect ${this.status} to ${url.protocol === 'invalid:' ? `'${loc}'` : url.origin} not followed: only same-origin redirects are`,
      });
      return;
    }
    if (this.redirects >= this.client.maxRedirects) {
      this.finish({
        cls: 'protocol',
        code: 'TOO_MANY_REDIRECTS',
        message: `more than maxRedirects (${this.client.maxRedirects}) redirects`,
      });
      return;
    }
    this.redirects++;
    this.client.redirects++;
    // 307/308 repeat the request as it was; 301/302/303 turn it into a GET, as browsers and k6 do.
    if (this.status !== 307 && this.status !== 308 && this.method !== 'GET' && this.method !== 'HEAD') {
      this.method = 'GET';
      this.body = null;
      this.headers = this.headers.filter((_, i, a) => (i % 2 === 0 ? !isBodyHeader(a[i]) : !isBodyHeader(a[i - 1])));
    }
    this.path = url.pathname + url.search;
    this.status = 0;
    this.abortFn = null;
    this.client.dispatch(this, this.method, this.path, this.headers, this.body);
  }

  private finish(f: Failure | null): void {
    if (this.finished) return;
    this.finished = true;
    if (this.decoder) this.decoder.destroy();
    this.client.inflight.delete(this);
    // The sweep runs every 100 ms: a request timed out by it ended at its deadline, not at the sweep.
    const now = performance.now();
    const endMs = f?.cls === 'timeout' && now > this.deadline ? this.deadline : now;
    const result: ExchangeEnd = {
      status: this.status,
      errorClass: f ? f.cls : null,
      error: f ? f.message : null,
      code: f ? f.code : null,
      endMs,
    };
    // A request undici refused synchronously must not end (and start the next one) inside send():
    // under a closed model with thinkTime 0 that recursed without bound.
    if (this.client.dispatching === this) setImmediate(() => this.sink.end(result));
    else this.sink.end(result);
  }
}

function isBodyHeader(name: string): boolean {
  const n = name.toLowerCase();
  return n === 'content-type' || n === 'content-length' || n === 'transfer-encoding';
}

function location(raw: Buffer[]): string | null {
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (raw[i].length === LOCATION_LENGTH && raw[i].toString('latin1').toLowerCase() === 'location')
      return raw[i + 1].toString('latin1');
  }
  return null;
}

/** Options of the connection pool to one origin. */
export interface ClientOptions {
  connections: number;
  pipelining: number;
  timeoutMs: number;
  tls?: ConnectionOptions;
  /** Forward proxy URL, or none. */
  proxy?: string | null;
  /** Verify the proxy's own certificate (`http.proxyStrictSSL`); default true. */
  proxyStrictSSL?: boolean;
  http2?: boolean;
  maxRedirects?: number;
  maxBodyBytes?: number;
}

/** A keep-alive connection pool to one origin and the requests in flight on it. */
export class HttpClient {
  readonly pool: Dispatcher;
  /** In start order, so deadlines (start + constant timeout) are in order too. */
  readonly inflight = new Set<Exchange>();
  readonly maxRedirects: number;
  readonly maxBodyBytes: number;
  /** Redirects followed in the run. */
  redirects = 0;
  /** The proxy requests go through (credentials removed), if any. */
  proxied: string | null = null;
  /** Connections by negotiated protocol (`h2`, `http/1.1`). */
  readonly protocols: Record<string, number> = {};
  /** The exchange being handed to undici right now (its synchronous failures are deferred). */
  dispatching: Exchange | null = null;
  readonly timeoutMs: number;

  constructor(
    readonly origin: string,
    opts: ClientOptions,
  ) {
    this.timeoutMs = opts.timeoutMs;
    this.maxRedirects = opts.maxRedirects ?? 10;
    this.maxBodyBytes = opts.maxBodyBytes ?? 10 * 1024 * 1024;
    const connectTimeout = Math.min(opts.timeoutMs, 10_000);
    const common = {
      connections: opts.connections,
      pipelining: Math.max(1, opts.pipelining),
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
      keepAliveTimeout: 30_000,
      allowH2: opts.http2 === true,
    };
    if (opts.proxy) {
      this.pool = new ProxyAgent({
        ...common,
        uri: opts.proxy,
        requestTls: { ...opts.tls, timeout: connectTimeout },
        proxyTls: { rejectUnauthorized: opts.proxyStrictSSL !== false, timeout: connectTimeout },
        // http:// targets go as absolute-form requests (as curl sends them); https:// ones through CONNECT.
        proxyTunnel: false,
        // The tunnel needs `connect()`, which undici's index adds to every dispatcher; we import its parts alone.
        clientFactory: (o: string | URL, po: Pool.Options) => Object.assign(new Pool(o, po), { connect: apiConnect }),
      } as ProxyAgent.Options);
    } else {
      const connector = buildConnector({ ...opts.tls, allowH2: opts.http2 === true, timeout: connectTimeout });
      const protocols = this.protocols;
      const plain = origin.startsWith('http:');
      // Wrapped only to learn what ALPN negotiated: once per connection, not per request.
      const dial: buildConnector.connector = (o, cb) =>
        connector(o, (err, socket) => {
          if (!err && socket) {
            const p = plain ? 'http/1.1' : (socket as TLSSocket).alpnProtocol || 'http/1.1';
            protocols[p] = (protocols[p] ?? 0) + 1;
            if (!plain) {
              const port = socket.localPort;
              if (port !== undefined) this.tlsAlerts.delete(port); // a reused port: an older alert is not this one's
              socket.on('error', (e: Error) => {
                const f = classifyError(e);
                if (f.cls === 'tls' && port !== undefined) this.noteTlsAlert(port, f);
              });
            }
          }
          cb(err, socket as never);
        });
      const warm = new WarmSockets(origin, dial);
      this.warmSockets = warm;
      const connect: buildConnector.connector = (o, cb) => {
        const s = warm.take();
        if (s) process.nextTick(cb, null, s);
        else dial(o, cb);
      };
      this.pool = new Pool(origin, { ...common, connect });
    }
  }

  /** Connections opened ahead of the first arrival (none through a proxy). */
  private warmSockets: WarmSockets | null = null;

  /** Opens up to `n` connections before the load starts; resolves with how many opened. */
  warm(n: number, timeoutMs = 3000): Promise<number> {
    return this.warmSockets ? this.warmSockets.warm(n, timeoutMs) : Promise.resolve(0);
  }

  /** TLS errors a connection's socket reported after its handshake, by local port (few: bounded below). */
  readonly tlsAlerts = new Map<number, Failure>();

  private noteTlsAlert(port: number, f: Failure): void {
    if (this.tlsAlerts.size >= 1000) this.tlsAlerts.clear();
    this.tlsAlerts.set(port, f);
  }

  /** Sends one request; the sink hears everything, errors included (nothing throws). */
  send(
    method: string,
    path: string,
    headers: string[],
    body: string | Buffer | null,
    sink: ExchangeSink,
    startMs: number,
  ): Exchange {
    const ex = new Exchange(this, sink, startMs + this.timeoutMs, method, path, headers, body);
    this.inflight.add(ex);
    this.dispatch(ex, method, path, headers, body);
    return ex;
  }

  /**
   * Fails a request undici would refuse without sending it, on the next turn of the event loop:
   * ending inside the caller would start the next iteration of a closed loop in the same stack.
   */
  refuse(sink: ExchangeSink, message: string): void {
    setImmediate(() =>
      sink.end({
        status: 0,
        errorClass: 'protocol',
        error: message,
        code: 'INVALID_REQUEST',
        endMs: performance.now(),
      }),
    );
  }

  /** Hands an exchange (a first send or a redirect) to undici. */
  dispatch(ex: Exchange, method: string, path: string, headers: string[], body: string | Buffer | null): void {
    this.dispatching = ex;
    try {
      this.pool.dispatch({ origin: this.origin, method: method as 'GET', path, headers, body }, ex);
    } catch (err) {
      ex.onError(err as Error);
    } finally {
      this.dispatching = null;
    }
  }

  /** The protocol most connections negotiated, or null before any connected. */
  protocol(): string | null {
    let best: string | null = null;
    for (const [p, n] of Object.entries(this.protocols)) if (best === null || n > this.protocols[best]) best = p;
    return best;
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
    this.warmSockets?.close();
    try {
      await this.pool.destroy();
    } catch {
      // Destroying a pool whose sockets already failed can reject; nothing is left to release.
    }
  }
}
