// The AI routes: authentication, rate limit, fault draw, then an answer in the caller's dialect.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { anthropicError, messageJson, messageStream } from './anthropic';
import { applyPatch } from './config';
import type { Answer, ErrorAnswer, StreamFraming } from './framing';
import { chatJson, chatStream, completionJson, completionStream, embeddingsJson, modelObject, modelsJson, openaiError } from './openai';
import { clockSeed, Random } from './random';
import { formatResetDuration, RateLimiter, type BucketVerdict } from './rate-limit';
import { StatsRecorder } from './stats';
import { startStream, type StreamEnd } from './stream';
import { countInput, countMessages } from './text';
import type { MockConfig, Outcome } from './types';

type Route = 'chat' | 'completions' | 'embeddings' | 'models' | 'model' | 'messages';
type Fault = 'none' | '500' | 'reset' | 'hang' | 'malformed' | 'midstream_error';

const ROUTES: Record<string, Route> = {
  'POST /v1/chat/completions': 'chat',
  'POST /v1/completions': 'completions',
  'POST /v1/embeddings': 'embeddings',
  'GET /v1/models': 'models',
  'POST /v1/messages': 'messages',
};

const MAX_BODY = 16 * 1024 * 1024;

/** Headers an OpenAI-style answer carries when no rate limit is configured: generous and constant. */
const UNLIMITED: OutgoingHttpHeaders = {
  'x-ratelimit-limit-requests': '10000', 'x-ratelimit-remaining-requests': '9999', 'x-ratelimit-reset-requests': '6ms',
  'x-ratelimit-limit-tokens': '10000000', 'x-ratelimit-remaining-tokens': '9999000', 'x-ratelimit-reset-tokens': '6ms',
};

/** The state behind the AI routes; the HTTP server hands it every non-control request. */
export class MockGateway {
  readonly stats = new StatsRecorder();
  private cfg: MockConfig;
  private random: Random;
  private limiter: RateLimiter | null;
  private seq = 0;
  private readonly idBase = Date.now().toString(36);

  constructor(config: MockConfig) {
    this.cfg = config;
    this.random = new Random(config.seed ?? clockSeed());
    this.limiter = config.rateLimit ? new RateLimiter(config.rateLimit) : null;
  }

  get config(): MockConfig { return this.cfg; }

  /** Applies a patch; a new rate limit starts with full buckets, a new seed restarts the draws. */
  setConfig(patch: Partial<MockConfig>): void {
    const next = applyPatch(this.cfg, patch);
    if ('rateLimit' in patch) this.limiter = next.rateLimit ? new RateLimiter(next.rateLimit) : null;
    if ('seed' in patch) this.random = new Random(next.seed ?? clockSeed());
    this.cfg = next;
  }

  handle(req: IncomingMessage, res: ServerResponse, path: string): void {
    const route: Route | undefined = ROUTES[`${req.method} ${path}`] ?? (req.method === 'GET' && path.startsWith('/v1/models/') ? 'model' : undefined);
    const authorization = req.headers.authorization;
    const xApiKey = req.headers['x-api-key'] as string | undefined;
    this.stats.request(route ? (route === 'model' ? '/v1/models' : path) : 'other', authorization, xApiKey);
    res.once('close', () => this.stats.requestDone());
    const anthropic = route === 'messages';
    const requestId = `req_${this.idBase}${(++this.seq).toString(36)}`;
    const headers: OutgoingHttpHeaders = anthropic ? { 'request-id': requestId } : { 'x-request-id': requestId };

    if (!route) {
      return this.fail(res, '404', headers, openaiError(404, 'invalid_request_error', `Unknown request URL: ${req.method} ${path}.`, 'unknown_url'));
    }
    const key = bearer(authorization) ?? xApiKey;
    if (this.cfg.apiKeys.length > 0 && (key === undefined || !this.cfg.apiKeys.includes(key))) {
      const message = key === undefined ? 'You didn\'t provide an API key.' : `Incorrect API key provided: ${redact(key)}.`;
      return this.fail(res, '401', headers, anthropic ? anthropicError(401, 'authentication_error', message) : openaiError(401, 'invalid_request_error', message, 'invalid_api_key'));
    }
    const verdict = this.limiter?.take(key ?? 'anonymous');
    Object.assign(headers, anthropic ? anthropicLimits(verdict) : openaiLimits(verdict));
    if (verdict && !verdict.allowed) {
      headers['retry-after'] = String(Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)));
      headers['retry-after-ms'] = String(verdict.retryAfterMs);
      const message = `Rate limit reached for requests. Limit ${verdict.limit}, remaining 0. Please try again in ${formatResetDuration(verdict.retryAfterMs)}.`;
      return this.fail(res, '429', headers, anthropic ? anthropicError(429, 'rate_limit_error', message) : openaiError(429, 'requests', message, 'rate_limit_exceeded'));
    }
    if (route === 'models') return this.send(res, 200, headers, modelsJson(this.cfg.models), 'ok');
    if (route === 'model') return this.send(res, 200, headers, JSON.stringify(modelObject(safeDecode(path.slice('/v1/models/'.length)))), 'ok');

    readBody(req, (err, raw) => {
      if (err) return this.fail(res, '400', headers, openaiError(413, 'invalid_request_error', err.message));
      let body: Record<string, unknown>;
      try {
        const parsed: unknown = JSON.parse(raw);
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
        body = parsed as Record<string, unknown>;
      } catch {
        const message = 'We could not parse the JSON body of your request. (HINT: This likely means you aren\'t using your HTTP library correctly.)';
        return this.fail(res, '400', headers, anthropic ? anthropicError(400, 'invalid_request_error', message) : openaiError(400, 'invalid_request_error', message));
      }
      guard(res, () => this.answer(route, body, res, headers));
    });
  }

  private answer(route: Route, body: Record<string, unknown>, res: ServerResponse, headers: OutgoingHttpHeaders): void {
    const anthropic = route === 'messages';
    const invalid = validate(route, body);
    if (invalid) return this.fail(res, '400', headers, anthropic ? anthropicError(400, 'invalid_request_error', invalid) : openaiError(400, 'invalid_request_error', invalid));
    const cfg = this.cfg;
    const asked = typeof body.model === 'string' ? body.model : cfg.models[0] ?? 'mock';
    const model = routeModel(cfg.routeModel, asked);
    const stream = body.stream === true && route !== 'embeddings';
    const fault = this.drawFault(stream);

    if (fault === '500') {
      return this.fail(res, '500', headers, anthropic ? anthropicError(500, 'api_error', 'Internal server error') : openaiError(500, 'server_error', 'The server had an error while processing your request. Sorry about that!'));
    }
    if (fault === 'hang') { this.stats.outcome('hang'); return; }

    if (route === 'embeddings') {
      const inputs = Array.isArray(body.input) ? (body.input as unknown[]).map((x) => (typeof x === 'string' ? x : JSON.stringify(x))) : [String(body.input)];
      const prompt = countInput(body.input);
      const dims = typeof body.dimensions === 'number' && body.dimensions >= 1 ? Math.min(65_536, Math.floor(body.dimensions)) : cfg.embeddingDimensions;
      const json = embeddingsJson(model, inputs, dims, body.encoding_format === 'base64', prompt);
      return this.later(res, () => this.finishJson(res, headers, json, fault, prompt, 0));
    }

    const promptTokens = anthropic || route === 'chat' ? countMessages(body.messages as unknown[], body.system) : countInput(body.prompt);
    const cap = numberOr(body.max_completion_tokens, numberOr(body.max_tokens, Infinity));
    const outputTokens = Math.max(1, Math.min(cfg.outputTokens, cap));
    const so = body.stream_options as { include_usage?: unknown } | undefined;
    const a: Answer = {
      id: `${anthropic ? 'msg_' : route === 'chat' ? 'chatcmpl-' : 'cmpl-'}${this.idBase}${this.seq.toString(36)}`,
      created: Math.floor(Date.now() / 1000), model, promptTokens, outputTokens,
      truncated: cap < cfg.outputTokens, includeUsage: so?.include_usage === true,
    };
    if (!stream) {
      const json = route === 'chat' ? chatJson(a) : route === 'completions' ? completionJson(a) : messageJson(a);
      return this.later(res, () => this.finishJson(res, headers, json, fault, promptTokens, outputTokens));
    }
    const framing: StreamFraming = route === 'chat' ? chatStream(a) : route === 'completions' ? completionStream(a) : messageStream(a);
    this.stats.outcome(fault === 'none' ? 'ok' : fault);
    this.stats.tokens(promptTokens, 0);
    this.stats.streamOpened();
    headers['content-type'] = 'text/event-stream; charset=utf-8';
    headers['cache-control'] = 'no-cache';
    res.writeHead(200, headers);
    const tps = cfg.tokensPerSecond;
    const cancel = startStream({
      res, framing, tokens: outputTokens,
      ttftMs: this.random.sample(cfg.ttftMs) * cfg.latencyFactor,
      intervalMs: tps > 0 ? (1000 / tps) * cfg.latencyFactor : 0,
      flushIntervalMs: cfg.flushIntervalMs,
      end: fault === 'none' ? 'done' : (fault as StreamEnd),
      onTokens: (n) => this.stats.tokens(0, n),
    });
    res.once('close', () => { cancel(); this.stats.streamClosed(); });
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

  private finishJson(res: ServerResponse, headers: OutgoingHttpHeaders, json: string, fault: Fault, prompt: number, output: number): void {
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

  private send(res: ServerResponse, status: number, headers: OutgoingHttpHeaders, body: string, outcome: Outcome | null): void {
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
    if (res.headersSent) { res.destroy(); return; }
    const body = JSON.stringify({ error: { message: `mock error: ${String(err)}`, type: 'server_error', param: null, code: null } });
    res.writeHead(500, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }
}

function safeDecode(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
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

function routeModel(route: MockConfig['routeModel'], asked: string): string {
  if (!route) return asked;
  if (typeof route === 'string') return route;
  return route[asked] ?? asked;
}

/** The checks a real provider makes first; anything else is answered leniently. */
function validate(route: Route, b: Record<string, unknown>): string | null {
  for (const k of ['max_tokens', 'max_completion_tokens']) {
    if (b[k] !== undefined && b[k] !== null && !(typeof b[k] === 'number' && Number.isInteger(b[k]) && (b[k] as number) >= 1)) return `Invalid '${k}': expected an integer ≥ 1.`;
  }
  switch (route) {
    case 'chat': return Array.isArray(b.messages) && b.messages.length > 0 ? null : 'Missing required parameter: \'messages\'.';
    case 'messages':
      if (!Array.isArray(b.messages) || b.messages.length === 0) return 'messages: Field required';
      return typeof b.max_tokens === 'number' ? null : 'max_tokens: Field required';
    case 'completions': return b.prompt === undefined ? 'Missing required parameter: \'prompt\'.' : null;
    case 'embeddings': return b.input === undefined || b.input === '' ? 'Missing required parameter: \'input\'.' : null;
    default: return null;
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
    'anthropic-ratelimit-requests-reset': new Date(Date.now() + (v ? v.resetMs : 6)).toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

/** Collects a request body as text, refusing bodies past MAX_BODY. */
function readBody(req: IncomingMessage, done: (err: Error | null, body: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let failed = false;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size > MAX_BODY && !failed) { failed = true; done(new Error('Request body too large.'), ''); }
    else if (!failed) chunks.push(c);
  });
  req.on('end', () => {
    if (!failed) done(null, chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8'));
  });
}
