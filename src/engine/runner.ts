// One request from send to record: builds it, sends it, feeds the answer to the dialect's
// reader, classifies the outcome into exactly one class, runs the checks and records it all.
import type { ErrorClass } from '../scenario/metrics';
import { countTokens, createReader } from './ai';
import { compileChecks, type CompiledCheck } from './checks';
import { HttpClient, type ExchangeEnd, type ExchangeSink } from './http-client';
import type { Recorder } from './recorder';
import type { TokenSampler } from './token-sampler';
import { buildRequest, type BuiltRequest, type CompiledMix, type CompiledRequest } from './request-builder';

type Reader = ReturnType<typeof createReader>;
type ReadResult = ReturnType<Reader['finish']>;

/** How one request ended, for executors (closed loops continue) and dry runs (samples). */
export interface Completed {
  req: CompiledRequest;
  built: BuiltRequest;
  status: number;
  errorClass: ErrorClass | null;
  error: string | null;
  startMs: number;
  endMs: number;
  ttftMs: number | null;
  read: ReadResult | null;
  headers: Record<string, string> | null;
  rawBody: string | null;
  checks: Array<{ name: string; ok: boolean }>;
}

/** Hooks the dry run uses to see everything about a request. */
export interface DryHooks { onText: (text: string) => void; onDone: (c: Completed) => void }

/** Sends requests of the compiled mix and records their outcomes. */
export class Runner {
  active = 0;
  /** One closure for every stream's inter-token gaps (no allocation per request). */
  readonly onGap: (ms: number) => void;
  private readonly checks: CompiledCheck[][];
  /**
   * Per request of the mix: whether its answers carry `usage`. Until one is seen, and while they
   * do not, answers keep their text and are counted in the tokenizer thread, so the tokenizer
   * never loads into this heap (its tables made minor GCs take up to 40 ms).
   */
  readonly usageSeen: Array<boolean | null>;
  private textSample = 0;
  private lastSample = -Infinity;
  constructor(readonly client: HttpClient, readonly mix: CompiledMix, readonly rec: Recorder, readonly sampler: TokenSampler | null = null) {
    this.checks = mix.requests.map((r) => compileChecks(r.checks));
    this.onGap = (ms) => rec.trend('inter_token_latency', ms);
    this.usageSeen = mix.requests.map(() => null);
  }

  /**
   * Starts one request. Open models pass the scheduled start (latency counts from it: no
   * coordinated omission); closed ones pass null and count from the actual send.
   */
  run(vu: number, iteration: number, intendedMs: number | null, after: (() => void) | null, dry?: DryHooks): void {
    const req = this.mix.pick();
    const built = buildRequest(req, vu, iteration);
    this.active++;
    const sentMs = performance.now();
    this.rec.arrival(intendedMs ?? sentMs);
    this.rec.active(this.active);
    let startMs = sentMs;
    if (intendedMs !== null) {
      startMs = intendedMs;
      this.rec.trend('lateness', sentMs > intendedMs ? sentMs - intendedMs : 0);
    }
    const sink = new RequestSink(this, req, built, startMs, sentMs, this.checks[req.index], after, dry);
    this.client.send(built.method, built.path, built.headers, built.bytes ?? built.body, sink, startMs);
  }

  /**
   * Answers whose text goes to the tokenizer thread even when they carry `usage`, to report
   * disagreement: 1 in 50, at most one per 50 ms (each costs a postMessage and a count; at
   * 50k req/s, 1 in 50 alone took 5% of the engine's CPU).
   */
  sampleText(): boolean {
    if (this.sampler === null || !this.sampler.enabled || this.textSample++ % 50 !== 0) return false;
    const now = performance.now();
    if (now - this.lastSample < 50) return false;
    this.lastSample = now;
    return true;
  }
}

const RL_NAMES = new Set(['content-type', 'retry-after', 'retry-after-ms', 'x-ratelimit-remaining-requests', 'x-ratelimit-remaining-tokens']);
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

  constructor(
    private readonly runner: Runner,
    private readonly req: CompiledRequest,
    private readonly built: BuiltRequest,
    private readonly startMs: number,
    private readonly sentMs: number,
    private readonly checks: CompiledCheck[],
    private readonly after: (() => void) | null,
    private readonly dry: DryHooks | undefined,
  ) {}

  headers(status: number, raw: Buffer[]): void {
    this.status = status;
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
      this.runner.rec.rateLimit(status, remainingRequests, remainingTokens, retryAfterMs, status === 429 ? () => headerRecord(raw) : null);
    }
    if (status >= 200 && status < 300) {
      const spec = this.req.spec;
      const runner = this.runner;
      this.sampled = this.dry === undefined && runner.sampleText();
      // Checks on output_tokens need the count now: those answers are counted here.
      this.offload = this.dry === undefined && runner.sampler !== null && runner.sampler.enabled && runner.usageSeen[this.req.index] !== true
        && spec.api !== 'raw' && spec.api !== 'openai-embeddings' && !this.req.checks.some((c) => c.subject === 'output_tokens');
      try {
        this.reader = createReader(spec.api, spec.stream, contentType, {
        needBody: this.req.needBody || this.dry !== undefined,
        needText: this.dry !== undefined || this.sampled || this.offload,
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
    if (this.reader) {
      try { this.reader.onData(chunk, now); } catch (err) { this.readerFailed(err); }
    } else if (this.readerError !== null) return;
    else if (this.errorBody === null || this.errorBody.length < ERROR_BODY_MAX) this.errorBody = (this.errorBody ?? '') + chunk.toString('utf8', 0, Math.min(chunk.length, ERROR_BODY_MAX));
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
      try { read = this.reader.finish(r.endMs, cls === null); } catch (err) { this.readerFailed(err); }
    }
    if (cls === null && this.readerError !== null) { cls = 'protocol'; error = this.readerError; }
    if (cls === null) {
      if (status === 429) cls = 'http_429';
      else if (status >= 500) cls = 'http_5xx';
      else if (status >= 400) cls = 'http_4xx';
      else if (status < 200 || status >= 300) { cls = 'protocol'; error = `unexpected status ${status}`; }
      else if (read && !read.ok) { cls = 'protocol'; error = read.error ?? 'malformed response'; }
    }
    const durationMs = r.endMs - this.startMs;
    let ttftMs: number | null = null;
    if (cls !== 'cancelled' && cls !== 'connection' && status > 0) {
      rec.trend('http_req_duration', durationMs);
      rec.trend('http_req_service_duration', r.endMs - this.sentMs);
    }
    if (read && status >= 200 && status < 300) ttftMs = this.recordTokens(read, r.endMs);
    const checkResults: Array<{ name: string; ok: boolean }> | null = this.checks.length ? [] : null;
    if (checkResults && this.checks.length && status > 0 && cls !== 'timeout' && cls !== 'cancelled') {
      const input = { status, latencyMs: durationMs, ttftMs, outputTokens: read ? read.outputTokens ?? read.countedTokens : null, body: parseBody(read, this.errorBody), header: headerLookup(this.raw) };
      let allOk = true;
      for (const c of this.checks) {
        let ok: boolean;
        try { ok = c.test(input); } catch { ok = false; }
        rec.check(c.name, ok);
        checkResults.push({ name: c.name, ok });
        if (!ok) allOk = false;
      }
      if (!allOk && cls === null) { cls = 'check'; error = `check failed: ${checkResults.filter((c) => !c.ok).map((c) => c.name).join(', ')}`; }
    }
    rec.complete(cls);
    if (this.dry) {
      this.dry.onDone({
        req: this.req, built: this.built, status, errorClass: cls, error, startMs: this.startMs, endMs: r.endMs, ttftMs, read,
        headers: this.raw ? headerRecord(this.raw) : null,
        rawBody: read && read.body !== undefined ? (typeof read.body === 'string' ? read.body : JSON.stringify(read.body)) : this.errorBody,
        checks: checkResults ?? [],
      });
    }
    if (this.after) this.after();
  }

  /** Token metrics of a successful answer; returns its TTFT (ms from the start) if it streamed. */
  private recordTokens(read: ReadResult, endMs: number): number | null {
    const runner = this.runner;
    const rec = runner.rec;
    if (read.model) rec.model(read.model);
    if (this.offload || this.sampled) runner.usageSeen[this.req.index] = read.outputTokens !== null;
    const ttft = read.firstTokenAt === null ? null : read.firstTokenAt - this.startMs;
    if (ttft !== null) rec.trend('time_to_first_token', ttft);
    // Without a first token (not streamed) there is no generation time to divide by.
    const gen = read.firstTokenAt === null ? null : endMs - read.firstTokenAt;
    const input = read.inputTokens ?? 0;
    let counted = read.countedTokens;
    if (read.outputTokens === null && counted === null && read.text !== undefined && runner.sampler?.enabled) {
      // No usage: the count comes back from the tokenizer thread in a moment.
      runner.sampler.count(read.text, read.model, (n) => recordOutput(rec, n, input, gen, null, n));
      return ttft;
    }
    if (read.outputTokens !== null && this.sampled && read.text !== undefined) runner.sampler?.offer(read.outputTokens, read.text, read.model);
    if (read.outputTokens === null && counted === null && read.text !== undefined) counted = countTokens(read.text, read.model ?? undefined);
    recordOutput(rec, read.outputTokens ?? counted ?? 0, input, gen, read.outputTokens, counted);
    return ttft;
  }
}

/** Output-token metrics of one answer; `gen` is the time from its first token to its end (streams only). */
function recordOutput(rec: Recorder, out: number, input: number, gen: number | null, usage: number | null, counted: number | null): void {
  rec.tokens(out, input);
  rec.tokenSource(usage, counted);
  if (gen === null) return;
  if (out > 1) rec.trend('time_per_output_token', gen / (out - 1));
  if (out > 0 && gen >= 1) rec.trend('output_tokens_per_second', out / (gen / 1000));
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
  try { return JSON.parse(b); } catch { return undefined; }
}
