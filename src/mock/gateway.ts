// The AI routes: authentication, rate limit, fault draw, then an answer in the caller's dialect.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { anthropicError, messageJson, messageStream } from './anthropic';
import { CapacityModel } from './capacity';
import { applyPatch } from './config';
import type { Answer, ErrorAnswer, StreamFraming } from './framing';
import {
  chatJson,
  chatStream,
  completionJson,
  completionStream,
  embeddingsJson,
  modelObject,
  modelsJson,
  openaiError,
} from './openai';
import { clockSeed, Random } from './random';
import { formatResetDuration, RateLimiter, type BucketVerdict } from './rate-limit';
import { StatsRecorder } from './stats';
import { CACHE_HIT_MS, ResponseCache } from './cache';
import { startStream, type StreamEnd } from './stream';
import { responsesJson, responsesStream } from './responses';
import { countInput, countMessages } from './text';
import type { AnswerRecord, MockConfig, Outcome, RecordedRequest } from './types';

type Route = 'chat' | 'completions' | 'embeddings' | 'models' | 'model' | 'messages' | 'responses';
type Fault = 'none' | '500' | 'reset' | 'hang' | 'malformed' | 'midstream_error';

const ROUTES: Record<string, Route> = {
  'POST /v1/chat/completions': 'chat',
  'POST /v1/completions': 'completions',
  'POST /v1/embeddings': 'embeddings',
  'GET /v1/models': 'models',
  'POST /v1/messages': 'messages',
  'POST /v1/responses': 'responses',
};

const MAX_BODY = 16 * 1024 * 1024;

/** Headers an OpenAI-style answer carries when no rate limit is configured: generous and constant. */
const UNLIMITED: OutgoingHttpHeaders = {
  'x-ratelimit-limit-requests': '10000',
  'x-ratelimit-remaining-requests': '9999',
  'x-ratelimit-reset-requests': '6ms',
  'x-ratelimit-limit-tokens': '10000000',
  'x-ratelimit-remaining-tokens': '9999000',
  'x-ratelimit-reset-tokens': '6ms',
};

/** The state behind the AI routes; the HTTP server hands it every non-control request. */
export class MockGateway {
  readonly stats = new StatsRecorder();
  private cfg: MockConfig;
  private random: Random;
  private limiter: RateLimiter | null;
  private readonly capacity: CapacityModel;
  private seq = 0;
  /** `--cache`: exact repeats answered at once (kept across config changes; cleared with the stats). */
  readonly cache = new ResponseCache();
  private readonly idBase = Date.now().toString(36);

  constructor(config: MockConfig) {
    this.cfg = config;
    this.random = new Random(config.seed ?? clockSeed());
    this.limiter = config.rateLimit ? new RateLimiter(config.rateLimit) : null;
    this.capacity = new CapacityModel(capacitySpec(config));
  }

  get config(): MockConfig {
    return this.cfg;
  }

  /** Applies a patch; a new rate limit starts with full buckets, a new seed restarts the draws. */
  setConfig(patch: Partial<MockConfig>): void {
    const next = applyPatch(this.cfg, patch);
    if ('rateLimit' in patch) this.limiter = next.rateLimit ? new RateLimiter(next.rateLimit) : null;
    if ('seed' in patch) this.random = new Random(next.seed ?? clockSeed());
    this.cfg = next;
    this.capacity.spec = capacitySpec(next);
  }

  handle(req: IncomingMessage, res: ServerResponse, path: string): void {
    const route: Route | undefined =
      ROUTES[`${req.method} ${path}`] ?? (req.method === 'GET' && path.startsWith('/v1/models/') ? 'model' : undefined);
    const authorization = req.headers.authorization;
    const xApiKey = req.headers['x-api-key'] as string | undefined;
    this.stats.request(route ? (route === 'model' ? '/v1/models' : path) : 'other', authorization, xApiKey);
    res.once('close', () => this.stats.requestDone());
    const anthropic = route === 'messages';
    const requestId = `req_${this.idBase}${(++this.seq).toString(36)}`;
    const headers: OutgoingHttpHeaders = anthropic ? { 'request-id': requestId } : { 'x-request-id': requestId };

    if (!route) {
      return this.fail(
        res,
        '404',
        headers,
        openaiError(404, 'invalid_request_error', `Unknown request URL: ${req.method} ${path}.`, 'unknown_url'),
      );
    }
    const key = bearer(authorization) ?? xApiKey;
    if (this.cfg.apiKeys.length > 0 && (key === undefined || !this.cfg.apiKeys.includes(key))) {
      const message =
        key === undefined ? "You didn't provide an API key." : `Incorrect API key provided: ${redact(key)}.`;
      return this.fail(
        res,
        '401',
        headers,
        anthropic
          ? anthropicError(401, 'authentication_error', message)
          : openaiError(401, 'invalid_request_error', message, 'invalid_api_key'),
      );
    }
    const verdict = this.limiter?.take(key ?? 'anonymous');
    Object.assign(headers, anthropic ? anthropicLimits(verdict) : openaiLimits(verdict));
    if (verdict && !verdict.allowed) {
      headers['retry-after'] = String(Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)));
      headers['retry-after-ms'] = String(verdict.retryAfterMs);
      const message = `Rate limit reached for requests. Limit ${verdict.limit}, remaining 0. Please try again in ${formatResetDuration(verdict.retryAfterMs)}.`;
      return this.fail(
        res,
        '429',
        headers,
        anthropic
          ? anthropicError(429, 'rate_limit_error', message)
          : openaiError(429, 'requests', message, 'rate_limit_exceeded'),
      );
    }
    if (route === 'models') return this.send(res, 200, headers, modelsJson(this.cfg.models), 'ok');
    if (route === 'model')
      return this.send(
        res,
        200,
        headers,
        JSON.stringify(modelObject(safeDecode(path.slice('/v1/models/'.length)))),
        'ok',
      );

    readBody(req, (err, raw) => {
      if (err) return this.fail(res, '400', headers, openaiError(413, 'invalid_request_error', err.message));
      let body: Record<string, unknown>;
      try {
        const parsed: unknown = JSON.parse(raw);
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
        body = parsed as Record<string, unknown>;
      } catch {
        const message =
          "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)";
        return this.fail(
          res,
          '400',
          headers,
          anthropic
            ? anthropicError(400, 'invalid_request_error', message)
            : openaiError(400, 'invalid_request_error', message),
        );
      }
      if (this.cfg.recordRequests > 0) this.keep(route, body);
      guard(res, () => this.admit(route, body, res, headers));
    });
  }

  /** The capacity model stands between a valid request and its answer (see capacity.ts). */
  private admit(route: Route, body: Record<string, unknown>, res: ServerResponse, headers: OutgoingHttpHeaders): void {
    const cap = this.capacity;
    if (cap.unlimited) return this.answer(route, body, res, headers);
    const invalid = validate(route, body);
    if (invalid) return this.answer(route, body, res, headers);
    const { admission, release } = cap.admit(() => {
      if (!res.destroyed) guard(res, () => this.answer(route, body, res, headers));
    });
    if (admission === 'refused') {
      const status = this.cfg.queueFullStatus;
      headers['retry-after'] = '1';
      const message =
        status === 429
          ? 'The server is at capacity: too many requests are queued. Please retry.'
          : 'The server is overloaded. Please retry later.';
      this.stats.outcome('queue_full');
      const err =
        route === 'messages'
          ? anthropicError(status, status === 429 ? 'rate_limit_error' : 'overloaded_error', message)
          : openaiError(
              status,
              status === 429 ? 'requests' : 'server_error',
              message,
              status === 429 ? 'rate_limit_exceeded' : 'server_overloaded',
            );
      return this.send(res, err.status, headers, err.body, null);
    }
    res.once('close', () => {
      release();
      this.stats.capacity(cap.waiting, cap.serving);
    });
    this.stats.capacity(cap.waiting, cap.serving);
  }

  private answer(route: Route, body: Record<string, unknown>, res: ServerResponse, headers: OutgoingHttpHeaders): void {
    const anthropic = route === 'messages';
    const invalid = validate(route, body);
    if (invalid)
      return this.fail(
        res,
        '400',
        headers,
        anthropic
          ? anthropicError(400, 'invalid_request_error', invalid)
          : openaiError(400, 'invalid_request_error', invalid),
      );
    const cfg = this.cfg;
    const asked = typeof body.model === 'string' ? body.model : (cfg.models[0] ?? 'mock');
    const model = routeModel(cfg.routeModel, asked);
    const stream = body.stream === true && route !== 'embeddings';
    const fault = this.drawFault(stream);

    if (fault === '500') {
      return this.fail(
        res,
        '500',
        headers,
        anthropic
          ? anthropicError(500, 'api_error', 'Internal server error')
          : openaiError(
              500,
              'server_error',
              'The server had an error while processing your request. Sorry about that!',
            ),
      );
    }
    if (fault === 'hang') {
      this.stats.outcome('hang');
      return;
    }

    // Only whole answers are cached: a faulty one is neither served from nor stored in the cache.
    const hit = cfg.cache && fault === 'none' ? this.cache.lookup(route, body) : null;
    if (hit !== null) {
      headers['x-cache'] = hit ? 'HIT' : 'MISS';
      this.stats.cached(hit);
    }

    if (route === 'embeddings') {
      const inputs = Array.isArray(body.input)
        ? (body.input as unknown[]).map((x) => (typeof x === 'string' ? x : JSON.stringify(x)))
        : [String(body.input)];
      const prompt = countInput(body.input);
      const dims =
        typeof body.dimensions === 'number' && body.dimensions >= 1
          ? Math.min(65_536, Math.floor(body.dimensions))
          : cfg.embeddingDimensions;
      const json = embeddingsJson(model, inputs, dims, body.encoding_format === 'base64', prompt);
      if (hit) return this.finishJson(res, headers, json, fault, prompt, 0);
      return this.later(res, () => this.finishJson(res, headers, json, fault, prompt, 0));
    }

    const promptTokens =
      route === 'responses'
        ? responsesPrompt(body)
        : anthropic || route === 'chat'
          ? countMessages(body.messages as unknown[], body.system)
          : countInput(body.prompt);
    const cap = numberOr(
      body.max_output_tokens,
      numberOr(body.max_completion_tokens, numberOr(body.max_tokens, Infinity)),
    );
    // vLLM's extensions: `ignore_eos` generates up to the cap; `min_tokens` holds the answer back from ending sooner.
    const ignoreEos = body.ignore_eos === true && Number.isFinite(cap);
    const natural = Math.max(cfg.outputTokens, ignoreEos ? cap : 0, Math.min(numberOr(body.min_tokens, 0), cap));
    const outputTokens = Math.max(1, Math.min(natural, cap));
    const so = body.stream_options as { include_usage?: unknown } | undefined;
    const prefix = anthropic ? 'msg_' : route === 'chat' ? 'chatcmpl-' : route === 'responses' ? 'resp_' : 'cmpl-';
    const tool = route === 'completions' ? null : this.drawToolCall(body);
    const a: Answer = {
      id: `${prefix}${this.idBase}${this.seq.toString(36)}`,
      created: Math.floor(Date.now() / 1000),
      model,
      promptTokens,
      outputTokens,
      truncated: cap < natural || (ignoreEos && outputTokens === cap),
      includeUsage: so?.include_usage === true,
      reasoningTokens: route === 'completions' ? 0 : cfg.reasoningTokens,
      toolCall: tool === null ? null : { name: tool, id: `call_${this.idBase}${this.seq.toString(36)}` },
    };
    const record = (ttftMs: number, intervalMs: number): AnswerRecord => {
      const r: AnswerRecord = {
        route,
        stream,
        ttftMs,
        intervalMs,
        reasoningTokens: a.reasoningTokens,
        outputTokens,
        toolCall: tool !== null,
        firstTokenMs: null,
        firstOutputMs: null,
        lastTokenMs: null,
      };
      this.stats.answer(r);
      return r;
    };
    const generated = outputTokens + a.reasoningTokens;
    if (!stream) {
      const json =
        route === 'chat'
          ? chatJson(a)
          : route === 'completions'
            ? completionJson(a)
            : route === 'responses'
              ? responsesJson(a)
              : messageJson(a);
      record(0, 0);
      if (hit) return this.finishJson(res, headers, json, fault, promptTokens, generated);
      return this.later(res, () => this.finishJson(res, headers, json, fault, promptTokens, generated));
    }
    const framing: StreamFraming =
      route === 'chat'
        ? chatStream(a)
        : route === 'completions'
          ? completionStream(a)
          : route === 'responses'
            ? responsesStream(a)
            : messageStream(a);
    this.stats.outcome(fault === 'none' ? 'ok' : fault);
    this.stats.tokens(promptTokens, 0);
    this.stats.streamOpened();
    headers['content-type'] = 'text/event-stream; charset=utf-8';
    headers['cache-control'] = 'no-cache';
    res.writeHead(200, headers);
    const tps = cfg.tokensPerSecond;
    // A hit replays the stored answer from memory: every token at once.
    const ttftMs = hit ? CACHE_HIT_MS : this.random.sample(cfg.ttftMs) * cfg.latencyFactor;
    const intervalMs = !hit && tps > 0 ? (1000 / tps) * cfg.latencyFactor : 0;
    const told = record(ttftMs, intervalMs);
    const t0 = performance.now();
    let written = 0;
    const cancel = startStream({
      res,
      framing,
      tokens: generated,
      ttftMs,
      intervalMs,
      flushIntervalMs: cfg.flushIntervalMs,
      end: fault === 'none' ? 'done' : (fault as StreamEnd),
      onTokens: (n) => {
        this.stats.tokens(0, n);
        const at = Math.round((performance.now() - t0) * 1000) / 1000;
        if (written === 0) told.firstTokenMs = at;
        written += n;
        if (told.firstOutputMs === null && written > a.reasoningTokens) told.firstOutputMs = at;
        told.lastTokenMs = at;
      },
      share: this.capacity,
    });
    res.once('close', () => {
      cancel();
      this.stats.streamClosed();
    });
  }

  /**
   * The tool this answer calls, or null for a text answer: only when the request offers tools;
   * `tool_choice` none never calls, required / any / a named tool always does, else `toolCallRate`.
   */
  private drawToolCall(body: Record<string, unknown>): string | null {
    const tools = body.tools;
    if (!Array.isArray(tools) || tools.length === 0) return null;
    const choice = body.tool_choice;
    const kind =
      typeof choice === 'string'
        ? choice
        : choice && typeof choice === 'object'
          ? (choice as { type?: unknown }).type
          : undefined;
    if (kind === 'none') return null;
    const forced = kind === 'required' || kind === 'any' || kind === 'function' || kind === 'tool';
    if (!forced && !(this.cfg.toolCallRate > 0 && this.random.next() < this.cfg.toolCallRate)) return null;
    const named = choice && typeof choice === 'object' ? toolName(choice) : undefined;
    return named ?? toolName(tools[0]) ?? 'tool';
  }

  /** The last `recordRequests` requests; a ring would save the shift, but this is for tests, not load. */
  readonly recorded: RecordedRequest[] = [];
  private readonly t0 = performance.now();

  private keep(route: string, body: Record<string, unknown>): void {
    this.recorded.push({ atMs: performance.now() - this.t0, route, body });
    if (this.recorded.length > this.cfg.recordRequests)
      this.recorded.splice(0, this.recorded.length - this.cfg.recordRequests);
  }

  /** One draw decides every fault, so the configured rates are exclusive and add up. */
  private drawFault(stream: boolean): Fault {
    const c = this.cfg;
    if (c.failRate + c.resetRate + c.hangRate + c.malformedRate + c.midStreamErrorRate === 0) return 'none';
    let u = this.random.next();
    if ((u -= c.failRate) < 0) return '500';
    if ((u -= c.resetRate) < 0) return 'reset';
    if ((u -= c.hangRate) < 0) return 'hang';
    if ((u -= c.malformedRate) < 0) return 'malformed';
    // A JSON answer has no middle to fail in, so this fault only touches streams.
    if ((u -= c.midStreamErrorRate) < 0 && stream) return 'midstream_error';
    return 'none';
  }

  /** Runs `fn` after the configured non-streaming latency (synchronously when it is 0). */
  private later(res: ServerResponse, fn: () => void): void {
    const delay = this.random.sample(this.cfg.latencyMs) * this.cfg.latencyFactor;
    if (delay <= 0) return fn();
    const t = setTimeout(fn, delay);
    res.once('close', () => clearTimeout(t));
  }

  private finishJson(
    res: ServerResponse,
    headers: OutgoingHttpHeaders,
    json: string,
    fault: Fault,
    prompt: number,
    output: number,
  ): void {
    if (res.destroyed) return;
    headers['content-type'] = 'application/json';
    if (fault === 'reset' || fault === 'malformed') {
      this.stats.outcome(fault);
      const half = json.slice(0, json.length >> 1);
      if (fault === 'malformed') return this.send(res, 200, headers, half, null);
      // Promise the whole body, send half, then cut: the client sees the socket close mid-body.
      headers['content-length'] = Buffer.byteLength(json);
      res.writeHead(200, headers);
      res.write(half, () => res.socket?.destroy());
      return;
    }
    this.stats.tokens(prompt, output);
    this.send(res, 200, headers, json, 'ok');
  }

  private fail(res: ServerResponse, outcome: Outcome, headers: OutgoingHttpHeaders, err: ErrorAnswer): void {
    this.send(res, err.status, headers, err.body, outcome);
  }

  private send(
    res: ServerResponse,
    status: number,
    headers: OutgoingHttpHeaders,
    body: string,
    outcome: Outcome | null,
  ): void {
    if (outcome) this.stats.outcome(outcome);
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = Buffer.byteLength(body);
    res.writeHead(status, headers);
    res.end(body);
  }
}

/** Runs a handler; a bug in the mock answers 500 (or cuts the stream) rather than killing the process. */
export function guard(res: ServerResponse, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const body = JSON.stringify({
      error: { message: `mock error: ${String(err)}`, type: 'server_error', param: null, code: null },
    });
    res.writeHead(500, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }
}

function capacitySpec(c: MockConfig): { maxConcurrency: number; queueLimit: number; totalTokensPerSecond: number } {
  return {
    maxConcurrency: c.maxConcurrency,
    queueLimit: c.queueLimit ?? Infinity,
    totalTokensPerSecond: c.totalTokensPerSecond,
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function bearer(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  return /^bearer\s+/i.test(authorization) ? authorization.replace(/^bearer\s+/i, '').trim() : undefined;
}

function redact(key: string): string {
  return key.length <= 8 ? '****' : `${key.slice(0, 3)}****${key.slice(-4)}`;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** A tool's name in any dialect's shape: `{ function: { name } }` (chat) or `{ name }` (responses, messages). */
function toolName(t: unknown): string | undefined {
  if (!t || typeof t !== 'object') return undefined;
  const o = t as { name?: unknown; function?: { name?: unknown } };
  if (typeof o.name === 'string') return o.name;
  return o.function && typeof o.function.name === 'string' ? o.function.name : undefined;
}

/** Prompt tokens of a Responses request: `input` text or message items, plus `instructions`. */
function responsesPrompt(b: Record<string, unknown>): number {
  const inst = typeof b.instructions === 'string' ? b.instructions : undefined;
  if (Array.isArray(b.input)) return countMessages(b.input, inst);
  return countInput(b.input) + (inst !== undefined ? countInput(inst) : 0);
}

function routeModel(route: MockConfig['routeModel'], asked: string): string {
  if (!route) return asked;
  if (typeof route === 'string') return route;
  return route[asked] ?? asked;
}

/** The checks a real provider makes first; anything else is answered leniently. */
function validate(route: Route, b: Record<string, unknown>): string | null {
  for (const k of ['max_tokens', 'max_completion_tokens', 'max_output_tokens']) {
    if (
      b[k] !== undefined &&
      b[k] !== null &&
      !(typeof b[k] === 'number' && Number.isInteger(b[k]) && (b[k] as number) >= 1)
    )
      return `Invalid '${k}': expected an integer ≥ 1.`;
  }
  switch (route) {
    case 'chat':
      return Array.isArray(b.messages) && b.messages.length > 0 ? null : "Missing required parameter: 'messages'.";
    case 'messages':
      if (!Array.isArray(b.messages) || b.messages.length === 0) return 'messages: Field required';
      return typeof b.max_tokens === 'number' ? null : 'max_tokens: Field required';
    case 'responses':
      return b.input === undefined || b.input === '' ? "Missing required parameter: 'input'." : null;
    case 'completions':
      return b.prompt === undefined ? "Missing required parameter: 'prompt'." : null;
    case 'embeddings':
      return b.input === undefined || b.input === '' ? "Missing required parameter: 'input'." : null;
    default:
      return null;
  }
}

function openaiLimits(v: BucketVerdict | undefined): OutgoingHttpHeaders {
  if (!v) return UNLIMITED;
  return {
    ...UNLIMITED,
    'x-ratelimit-limit-requests': String(v.limit),
    'x-ratelimit-remaining-requests': String(v.remaining),
    'x-ratelimit-reset-requests': formatResetDuration(v.resetMs),
  };
}

function anthropicLimits(v: BucketVerdict | undefined): OutgoingHttpHeaders {
  const limit = v ? v.limit : 10000;
  return {
    'anthropic-ratelimit-requests-limit': String(limit),
    'anthropic-ratelimit-requests-remaining': String(v ? v.remaining : limit - 1),
    'anthropic-ratelimit-requests-reset': new Date(Date.now() + (v ? v.resetMs : 6))
      .toISOString()
      .replace(/\.\d+Z$/, 'Z'),
  };
}

/** Collects a request body as text, refusing bodies past MAX_BODY. */
function readBody(req: IncomingMessage, done: (err: Error | null, body: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let failed = false;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size > MAX_BODY && !failed) {
      failed = true;
      done(new Error('Request body too large.'), '');
    } else if (!failed) chunks.push(c);
  });
  req.on('end', () => {
    if (!failed) done(null, chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8'));
  });
}
