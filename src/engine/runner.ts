// One request from send to record: builds it, sends it, feeds the answer to the dialect's
// reader, classifies the outcome into exactly one class, runs the checks and records it all.
import type { ErrorClass } from '../shared/metrics';
import { countTokens, createReader } from './ai';
import { compileChecks, type CompiledCheck } from './checks';
import { HttpClient, type ExchangeEnd, type ExchangeSink } from './http-client';
import type { Recorder } from './recorder';
import type { SloJudge } from './slo';
import type { TokenSampler } from './token-sampler';
import { LengthRecorder } from './length-stats';
import type { Lengths } from './length-plan';
import { buildRequest, type BuiltRequest, type CompiledMix, type CompiledRequest } from './request-builder';
import type { ConversationBook } from './conversation';
import type { OverheadRecorder, PathIndex } from './overhead';
import type { GatewayHeaders } from './gateway-headers';
import type { RoutingRecorder } from './routing';
import { CacheRecorder, cacheStatusOf, recordCacheAnswer, type CacheStatus } from './cache-stats';
import { asksUsage, isEventStream, recordStreamAnswer, StreamRecorder } from './stream-stats';

type Reader = ReturnType<typeof createReader>;
type ReadResult = ReturnType<Reader['finish']>;

/** How one request ended, for executors (closed loops continue) and dry runs (samples). */
export interface Completed {
  req: CompiledRequest;
  built: BuiltRequest;
  status: number;
  errorClass: ErrorClass | null;
  error: string | null;
  /** The failure's machine code from the client (OpenSSL, errno, UND_ERR_…), when it has one. */
  code: string | null;
  startMs: number;
  endMs: number;
  ttftMs: number | null;
  read: ReadResult | null;
  headers: Record<string, string> | null;
  rawBody: string | null;
  checks: Array<{ name: string; ok: boolean }>;
}

/** Sees every arrival and every finished request: the sweep keeps its per-step accounts with it. */
export interface CompletionObserver {
  arrival(startMs: number, latenessMs: number): void;
  /** `met`: the request met its SLO (true when it has none). */
  complete(
    startMs: number,
    endMs: number,
    ok: boolean,
    durationMs: number,
    ttftMs: number | null,
    tpotMs: number | null,
    met: boolean,
    outputTokens: number,
  ): void;
}

/** Hooks the dry run uses to see everything about a request. */
export interface DryHooks {
  onText: (text: string) => void;
  onDone: (c: Completed) => void;
}

/** Sends requests of the compiled mix and records their outcomes. */
export class Runner {
  active = 0;
  /** One closure for every stream's inter-token gaps (no allocation per request). */
  readonly onGap: (ms: number) => void;
  private readonly checks: CompiledCheck[][];
  /**
   * Per request of the mix: whether its answers carry `usage`. Until one is seen, and while they
   * do not, answers keep their text and are counted in the tokenizer thread, so the tokenizer
   * never loads into this heap (its tables made minor GCs long: bench/README.md).
   */
  readonly usageSeen: Array<boolean | null>;
  private textSample = 0;
  private lastSample = -Infinity;
  /** Per-request service levels (null when the scenario sets none). */
  slo: SloJudge | null = null;
  observer: CompletionObserver | null = null;
  /** Conversations in flight, when the mix holds conversation requests (set by the engine). */
  conversations: ConversationBook | null = null;
  /** `target.direct`: the upstream's own client, and both paths' figures; arrivals alternate between the paths. */
  direct: HttpClient | null = null;
  overhead: OverheadRecorder | null = null;
  private nextDirect = false;
  /** What the gateway's headers say, and where it routed (gateway path only). */
  gatewayHeaders: GatewayHeaders | null = null;
  routing: RoutingRecorder | null = null;
  constructor(
    readonly client: HttpClient,
    readonly mix: CompiledMix,
    readonly rec: Recorder,
    readonly sampler: TokenSampler | null = null,
  ) {
    this.checks = mix.requests.map((r) => compileChecks(r.checks));
    this.onGap = (ms) => rec.trend('inter_token_latency', ms);
    this.usageSeen = mix.requests.map(() => null);
    if (mix.requests.some((r) => r.lengths)) rec.lengths ??= new LengthRecorder();
    if (mix.requests.some((r) => r.spec.stream)) rec.streams ??= new StreamRecorder();
    if (mix.requests.some((r) => r.repeater)) (rec.cache ??= new CacheRecorder()).repeating = true;
    this.asksUsage = mix.requests.map((r) => asksUsage(r.spec));
  }

  /** Per request of the mix: its stream asks for usage (`include_usage`), so an answer without it is a contract problem. */
  readonly asksUsage: boolean[];

  /**
   * Starts one request. Open models pass the scheduled start (latency counts from it: no
   * coordinated omission); closed ones pass null and count from the actual send.
   */
  run(
    vu: number,
    iteration: number,
    intendedMs: number | null,
    after: (() => void) | null,
    dry?: DryHooks,
    given?: Lengths,
  ): void {
    const book = this.conversations;
    let conv = book ? book.take(vu) : null;
    const req = conv ? conv.req : this.mix.pick();
    if (book && !conv && req.conversation) conv = book.begin(req, vu);
    const built = conv ? book!.build(conv, vu, iteration) : buildRequest(req, vu, iteration, given);
    if (built.repeat) this.rec.cache!.repeatsSent++;
    this.active++;
    const sentMs = performance.now();
    this.rec.arrival(intendedMs ?? sentMs);
    this.rec.active(this.active);
    let startMs = sentMs;
    if (intendedMs !== null) {
      startMs = intendedMs;
      this.rec.trend('lateness', sentMs > intendedMs ? sentMs - intendedMs : 0);
    }
    if (this.observer)
      this.observer.arrival(startMs, intendedMs !== null && sentMs > intendedMs ? sentMs - intendedMs : 0);
    let path: PathIndex = 0;
    let client = this.client;
    let url = built.path;
    if (this.direct !== null) {
      if (this.nextDirect) {
        path = 1;
        client = this.direct;
        url = directPath(this.mix, url);
      }
      this.nextDirect = !this.nextDirect;
    }
    const sink = new RequestSink(this, req, built, startMs, sentMs, this.checks[req.index], after, dry, path);
    if (built.refused !== undefined) client.refuse(sink, built.refused);
    else client.send(built.method, url, built.headers, built.bytes ?? built.body, sink, startMs);
  }

  /**
   * Answers whose text goes to the tokenizer thread even when they carry `usage`, to report
   * disagreement: 1 in 50, at most one per 50 ms (each costs a postMessage and a count, which at
   * high request rates is a visible share of the engine's CPU: bench/README.md).
   */
  sampleText(): boolean {
    if (this.sampler === null || !this.sampler.enabled || this.textSample++ % 50 !== 0) return false;
    const now = performance.now();
    if (now - this.lastSample < 50) return false;
    this.lastSample = now;
    return true;
  }
}

const RL_NAMES = new Set([
  'content-type',
  'retry-after',
  'retry-after-ms',
  'x-ratelimit-remaining-requests',
  'x-ratelimit-remaining-tokens',
]);
const RL_LENGTHS = new Set([...RL_NAMES].map((n) => n.length));
/** Bytes of a non-2xx body kept for a dry-run sample or a log line. */
const ERROR_BODY_MAX = 4096;

class RequestSink implements ExchangeSink {
  private status = 0;
  private reader: Reader | null = null;
  private raw: Buffer[] | null = null;
  private errorBody: string | null = null;
  private readerError: string | null = null;
  /** This answer's text is kept for the usage-vs-tokenizer comparison. */
  private sampled = false;
  /** This answer's text is kept to be counted off-thread if it has no usage. */
  private offload = false;
  /** TPOT and output tokens of a successful answer, for its SLO; `counting` while the tokenizer thread counts. */
  private tpot: number | null = null;
  private outTokens = 0;
  private counting = false;
  private pendingJudge: { ok: boolean; durationMs: number; ttftMs: number | null; endMs: number } | null = null;
  /** Network reads of the body, and those that carried tokens (streams: buffering shows in them). */
  private chunks = 0;
  private tokenChunks = 0;
  /** What the answer's cache-status header said, if it had one. */
  private cacheStatus: CacheStatus | null = null;
  /** A streamed answer's content-type was text/event-stream. */
  private eventStream = true;

  constructor(
    private readonly runner: Runner,
    private readonly req: CompiledRequest,
    private readonly built: BuiltRequest,
    private readonly startMs: number,
    private readonly sentMs: number,
    private readonly checks: CompiledCheck[],
    private readonly after: (() => void) | null,
    private readonly dry: DryHooks | undefined,
    private readonly path: PathIndex = 0,
  ) {}

  /** `x-litellm-attempted-fallbacks` of this answer (−1: absent). */
  private fallbacks = -1;

  headers(status: number, raw: Buffer[]): void {
    this.status = status;
    this.runner.rec.status(status);
    const gw = this.runner.gatewayHeaders;
    if (gw !== null && this.path === 0) {
      gw.read(raw);
      this.fallbacks = gw.lastFallbacks;
    }
    let contentType = '';
    let remainingRequests: number | null = null;
    let remainingTokens: number | null = null;
    let retryAfterMs: number | null = null;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const nameBuf = raw[i];
      if (!RL_LENGTHS.has(nameBuf.length)) continue;
      const name = nameBuf.toString('latin1').toLowerCase();
      if (!RL_NAMES.has(name)) continue;
      const value = raw[i + 1].toString('latin1');
      if (name === 'content-type') contentType = value;
      else if (name === 'x-ratelimit-remaining-requests') remainingRequests = toNumber(value);
      else if (name === 'x-ratelimit-remaining-tokens') remainingTokens = toNumber(value);
      else if (name === 'retry-after-ms') retryAfterMs = toNumber(value);
      else if (retryAfterMs === null) retryAfterMs = parseRetryAfter(value);
    }
    const keepHeaders = status === 429 || this.dry !== undefined || this.checks.length > 0;
    if (keepHeaders) this.raw = raw;
    if (status === 429 || remainingRequests !== null || remainingTokens !== null || retryAfterMs !== null) {
      this.runner.rec.rateLimit(
        status,
        remainingRequests,
        remainingTokens,
        retryAfterMs,
        status === 429 ? () => headerRecord(raw) : null,
      );
    }
    this.cacheStatus = cacheStatusOf(raw);
    if (status >= 200 && status < 300) {
      const spec = this.req.spec;
      const runner = this.runner;
      if (spec.stream) this.eventStream = isEventStream(contentType);
      this.sampled = this.dry === undefined && runner.sampleText();
      // Checks on output_tokens need the count now: those answers are counted here.
      this.offload =
        this.dry === undefined &&
        runner.sampler !== null &&
        runner.sampler.enabled &&
        runner.usageSeen[this.req.index] !== true &&
        spec.api !== 'raw' &&
        spec.api !== 'openai-embeddings' &&
        !this.req.checks.some((c) => c.subject === 'output_tokens');
      try {
        this.reader = createReader(spec.api, spec.stream, contentType, {
          needBody: this.req.needBody || this.dry !== undefined,
          needText: this.dry !== undefined || this.sampled || this.offload || this.built.turn?.keepAnswer === true,
          // Sampled and offloaded answers are counted off-thread (or below, if nothing else can).
          tokenCount: this.sampled || this.offload ? 'never' : 'fallback',
          onGap: spec.stream ? this.runner.onGap : undefined,
          onText: this.dry ? this.dry.onText : undefined,
        });
      } catch (err) {
        this.readerFailed(err);
      }
    }
  }

  /** A reader bug must not escape into undici (it would be misread as a socket error). */
  private readerFailed(err: unknown): void {
    this.reader = null;
    this.readerError = `response reader failed: ${err instanceof Error ? err.message : String(err)}`;
  }

  data(chunk: Buffer, now: number): void {
    this.chunks++;
    const reader = this.reader;
    if (reader) {
      try {
        const before = reader.tokenEvents;
        reader.onData(chunk, now);
        if (reader.tokenEvents !== before) this.tokenChunks++;
      } catch (err) {
        this.readerFailed(err);
      }
    } else if (this.readerError !== null) return;
    else if (this.errorBody === null || this.errorBody.length < ERROR_BODY_MAX)
      this.errorBody = (this.errorBody ?? '') + chunk.toString('utf8', 0, Math.min(chunk.length, ERROR_BODY_MAX));
  }

  end(r: ExchangeEnd): void {
    const runner = this.runner;
    const rec = runner.rec;
    runner.active--;
    const status = this.status;
    let cls: ErrorClass | null = r.errorClass;
    let error = r.error;
    let read: ReadResult | null = null;
    if (this.reader) {
      try {
        read = this.reader.finish(r.endMs, cls === null);
      } catch (err) {
        this.readerFailed(err);
      }
    }
    if (cls === null && this.readerError !== null) {
      cls = 'protocol';
      error = this.readerError;
    }
    if (cls === null) {
      if (status === 429) cls = 'http_429';
      else if (status >= 500) cls = 'http_5xx';
      else if (status >= 400) cls = 'http_4xx';
      else if (status < 200 || status >= 300) {
        cls = 'protocol';
        error = `unexpected status ${status}`;
      } else if (read && !read.ok) {
        cls = 'protocol';
        error = read.error ?? 'malformed response';
      }
    }
    const durationMs = r.endMs - this.startMs;
    const serviceMs = r.endMs - this.sentMs;
    let ttftMs: number | null = null;
    // Every request that ended is timed, as in k6: a timeout at its deadline, a reset when it
    // happened. Only requests cut by the end of the run have no duration of their own.
    if (cls !== 'cancelled') {
      rec.trend('http_req_duration', durationMs);
      rec.trend('http_req_service_duration', serviceMs);
    }
    if (read && status >= 200 && status < 300) {
      if (cls === null) ttftMs = this.recordTokens(read, r.endMs);
      else if (this.req.spec.stream)
        rec.cutStream(
          read.firstTokenAt === null ? null : read.firstTokenAt - this.startMs,
          read.outputTokens ?? read.countedTokens ?? 0,
        );
    }
    const checkResults: Array<{ name: string; ok: boolean }> | null = this.checks.length ? [] : null;
    if (checkResults && this.checks.length && status > 0 && cls !== 'timeout' && cls !== 'cancelled') {
      const input = {
        status,
        latencyMs: durationMs,
        ttftMs,
        outputTokens: read ? (read.outputTokens ?? read.countedTokens) : null,
        body: parseBody(read, this.errorBody),
        header: headerLookup(this.raw),
      };
      let allOk = true;
      for (const c of this.checks) {
        let ok: boolean;
        try {
          ok = c.test(input);
        } catch {
          ok = false;
        }
        rec.check(c.name, ok);
        checkResults.push({ name: c.name, ok });
        if (!ok) allOk = false;
      }
      if (!allOk && cls === null) {
        cls = 'check';
        error = `check failed: ${checkResults
          .filter((c) => !c.ok)
          .map((c) => c.name)
          .join(', ')}`;
      }
    }
    if (this.cacheStatus !== null) recordCacheAnswer(rec, this.cacheStatus, cls === null, durationMs, ttftMs);
    if (read !== null && rec.streams !== null && this.req.spec.stream && status >= 200 && status < 300)
      recordStreamAnswer(
        rec.streams,
        read,
        cls,
        this.chunks,
        this.tokenChunks,
        this.eventStream,
        runner.asksUsage[this.req.index],
        this.sentMs,
        r.endMs,
        this.cacheStatus?.verdict === 1,
      );
    if (cls !== 'cancelled')
      rec.tagged?.record(
        this.req.index,
        status,
        status >= 200 && status < 300 && (cls === null || cls === 'check'),
        cls !== null,
        durationMs,
        serviceMs,
        ttftMs,
        this.built.turn?.index ?? 0,
      );
    const turn = this.built.turn;
    if (turn)
      runner.conversations?.done(
        turn,
        cls === null,
        cls === 'cancelled',
        read?.text,
        durationMs,
        ttftMs,
        read?.inputTokens ?? null,
        r.endMs,
      );
    if (cls !== 'cancelled' && runner.overhead !== null)
      runner.overhead.record(this.path, cls !== null, durationMs, ttftMs);
    if (cls === null && this.path === 0 && runner.routing !== null && read?.model)
      runner.routing.record(this.req.spec.model, read.model, durationMs, ttftMs, this.fallbacks);
    if (cls !== null) this.failed(cls, r.code ?? null, error, read, r.endMs);
    rec.complete(cls);
    if (runner.slo !== null || runner.observer !== null) {
      if (this.counting) this.pendingJudge = { ok: cls === null, durationMs, ttftMs, endMs: r.endMs };
      else this.judge(cls === null, durationMs, ttftMs, r.endMs);
    }
    if (this.dry) {
      this.dry.onDone({
        req: this.req,
        built: this.built,
        status,
        errorClass: cls,
        error,
        code: r.code,
        startMs: this.startMs,
        endMs: r.endMs,
        ttftMs,
        read,
        headers: this.raw ? headerRecord(this.raw) : null,
        rawBody:
          read && read.body !== undefined
            ? typeof read.body === 'string'
              ? read.body
              : JSON.stringify(read.body)
            : this.errorBody,
        checks: checkResults ?? [],
      });
    }
    if (this.after) this.after();
  }

  /** Gives the recorder a failure's reason: what the gateway said (its body) or what the engine saw. */
  private failed(
    cls: ErrorClass,
    code: string | null,
    error: string | null,
    read: ReadResult | null,
    endMs: number,
  ): void {
    let message = error;
    if (message !== null && code !== null && message.startsWith(`${code}: `)) message = message.slice(code.length + 2);
    if (cls === 'timeout' && (message === 'timeout' || message === null)) {
      message = `${this.status > 0 ? 'answer not complete' : 'no answer'} within the ${this.runner.client.timeoutMs} ms timeout`;
    } else if (cls === 'cancelled' && message === 'cancelled') message = 'still in flight at the end of gracefulStop';
    let body = this.errorBody;
    if (body === null && read && read.body !== undefined)
      body = typeof read.body === 'string' ? read.body : JSON.stringify(read.body);
    this.runner.rec.failure(cls, code, this.status, message, body, endMs);
  }

  /** SLO and per-step accounts of a finished request, once its token count is known. */
  private judge(ok: boolean, durationMs: number, ttftMs: number | null, endMs: number): void {
    const runner = this.runner;
    const met =
      runner.slo === null
        ? ok
        : runner.slo.judge(runner.rec, this.req.index, ok, durationMs, ttftMs, this.tpot, this.outTokens);
    if (runner.observer)
      runner.observer.complete(this.startMs, endMs, ok, durationMs, ttftMs, this.tpot, met, this.outTokens);
  }

  /** Token metrics of a successful answer; returns its TTFT (ms from the start) if it streamed. */
  private recordTokens(read: ReadResult, endMs: number): number | null {
    const runner = this.runner;
    const rec = runner.rec;
    if (read.model) rec.model(read.model);
    if (this.offload || this.sampled) runner.usageSeen[this.req.index] = read.outputTokens !== null;
    const ttft = read.firstTokenAt === null ? null : read.firstTokenAt - this.startMs;
    if (ttft !== null) rec.trend('time_to_first_token', ttft);
    if (read.firstOutputAt !== null) rec.trend('time_to_first_output_token', read.firstOutputAt - this.startMs);
    if (read.reasoningTokens !== null) rec.reasoning(read.reasoningTokens);
    else if (read.reasoningText !== undefined) {
      // Usage gave no split (Anthropic): count the thinking text, off the engine thread when possible.
      if (runner.sampler?.enabled) runner.sampler.count(read.reasoningText, read.model, (n) => rec.reasoning(n));
      else rec.reasoning(countTokens(read.reasoningText, read.model ?? undefined));
    }
    const lengths = rec.lengths;
    if (lengths && this.req.lengths) {
      const b = this.built;
      lengths.record(b.plannedInput, b.plannedOutput, read.inputTokens, read.outputTokens ?? read.countedTokens);
      if (ttft !== null && b.group !== undefined) lengths.ttft(b.group, ttft);
    }
    // Without a first token (not streamed) there is no generation time to divide by.
    const gen = read.firstTokenAt === null ? null : endMs - read.firstTokenAt;
    const input = read.inputTokens ?? 0;
    let counted = read.countedTokens;
    if (read.outputTokens === null && counted === null && read.text !== undefined && runner.sampler?.enabled) {
      // No usage: the count comes back from the tokenizer thread in a moment.
      this.counting = true;
      runner.sampler.count(read.text, read.model, (n) => {
        this.tpot = recordOutput(rec, n, input, gen, null, n);
        this.outTokens = n;
        this.counting = false;
        const p = this.pendingJudge;
        if (p) {
          this.pendingJudge = null;
          this.judge(p.ok, p.durationMs, p.ttftMs, p.endMs);
        }
      });
      return ttft;
    }
    if (read.outputTokens !== null && this.sampled && read.text !== undefined)
      runner.sampler?.offer(read.outputTokens, read.text, read.model);
    if (read.outputTokens === null && counted === null && read.text !== undefined)
      counted = countTokens(read.text, read.model ?? undefined);
    this.outTokens = read.outputTokens ?? counted ?? 0;
    this.tpot = recordOutput(rec, this.outTokens, input, gen, read.outputTokens, counted);
    return ttft;
  }
}

/** Output-token metrics of one answer; `gen` is the time from its first token to its end (streams only). Returns its TPOT. */
function recordOutput(
  rec: Recorder,
  out: number,
  input: number,
  gen: number | null,
  usage: number | null,
  counted: number | null,
): number | null {
  rec.tokens(out, input);
  rec.tokenSource(usage, counted);
  if (gen === null) return null;
  let tpot: number | null = null;
  if (out > 1) {
    tpot = gen / (out - 1);
    rec.trend('time_per_output_token', tpot);
  }
  if (out > 0 && gen >= 1) rec.trend('output_tokens_per_second', out / (gen / 1000));
  return tpot;
}

/** A gateway path rewritten for the direct path: `baseUrl`'s prefix replaced by `direct`'s. */
function directPath(mix: CompiledMix, path: string): string {
  const d = mix.direct!;
  const from = mix.prefix ?? '';
  if (d.prefix === from) return path;
  return d.prefix + (path.startsWith(from) ? path.slice(from.length) : path);
}

function toNumber(v: string): number | null {
  const n = Number(v.trim());
  return Number.isFinite(n) ? n : null;
}

/** `retry-after` is seconds or an HTTP date. */
function parseRetryAfter(v: string): number | null {
  const n = Number(v.trim());
  if (Number.isFinite(n)) return n * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.max(0, t - Date.now());
}

function headerRecord(raw: Buffer[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const k = raw[i].toString('latin1').toLowerCase();
    const v = raw[i + 1].toString('latin1');
    out[k] = k in out ? `${out[k]}, ${v}` : v;
  }
  return out;
}

function headerLookup(raw: Buffer[] | null): (name: string) => string | undefined {
  let rec: Record<string, string> | null = null;
  return (name) => {
    if (!raw) return undefined;
    rec ??= headerRecord(raw);
    return rec[name];
  };
}

function parseBody(read: ReadResult | null, errorBody: string | null): unknown {
  const b: unknown = read ? read.body : errorBody;
  if (typeof b !== 'string') return b;
  try {
    return JSON.parse(b);
  } catch {
    return undefined;
  }
}
