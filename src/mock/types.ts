// Configuration and statistics of the mock gateway. Plain JSON data, so the same shapes travel
// through `POST /__mock/config` and `GET /__mock/stats` for tests that run the mock out of process.

/** A delay in milliseconds: a fixed value, or a distribution sampled per request. */
export type LatencySpec = number | { dist: 'normal' | 'lognormal'; mean: number; stddev: number };

/** A per-key token bucket: `requestsPerSecond` refill, `burst` capacity (defaults to the rate). */
export interface RateLimitSpec {
  requestsPerSecond: number;
  burst?: number;
}

/** Everything that steers the mock; every field has a default (see `DEFAULT_CONFIG`). */
export interface MockConfig {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Time to first token of a streamed answer. */
  ttftMs: LatencySpec;
  /** Streamed output rate; 0 sends every token at once. */
  tokensPerSecond: number;
  /** Total latency of a non-streamed answer (chat, completions, messages, embeddings). */
  latencyMs: LatencySpec;
  /**
   * Least time between two writes of one stream (0: every token on time). Batching tokens cuts
   * the syscalls that bound how many streams one core can feed (10,000 streams at 50 tokens/s).
   */
  flushIntervalMs: number;
  /** Multiplies every delay (1.3 makes the mock 30% slower). */
  latencyFactor: number;
  /** Fractions of requests that fail each way; they are exclusive and drawn with one number. */
  failRate: number;
  resetRate: number;
  hangRate: number;
  malformedRate: number;
  midStreamErrorRate: number;
  /** Per-key limit answered with 429; `null` for none. */
  rateLimit: RateLimitSpec | null;
  /** When non-empty, requests must carry one of these as `Authorization: Bearer` or `x-api-key`. */
  apiKeys: string[];
  /** Output tokens of an answer when the request sets no lower `max_tokens`. */
  outputTokens: number;
  /**
   * Reasoning tokens streamed before the answer (`reasoning_content`, Responses reasoning
   * summary, Anthropic `thinking`), paced like output tokens and counted in usage; 0 for none.
   */
  reasoningTokens: number;
  /** Fraction of requests that carry `tools` answered with a tool call instead of text. */
  toolCallRate: number;
  /** Model ids listed by `GET /v1/models`. */
  models: string[];
  /** Answer as another model: one name for every request, or a map from asked to answered. */
  routeModel: string | Record<string, string> | null;
  /** Embedding length when the request gives no `dimensions`. */
  embeddingDimensions: number;
  /** Seed of the fault and latency draws; `null` seeds from the clock. */
  seed: number | null;
  /** Capacity model (see src/mock/capacity.ts): requests served at once; 0 for no limit. */
  maxConcurrency: number;
  /** Requests that may wait for a slot; beyond it arrivals are refused. `null`: no limit. */
  queueLimit: number | null;
  /** Status of a refusal when the queue is full: 429 (rate-limit style) or 503 (overloaded). */
  queueFullStatus: 429 | 503;
  /** Token rate shared by all generating streams; 0 for no shared limit. */
  totalTokensPerSecond: number;
  /** Keep the last this many AI requests (arrival time, route, body) for `GET /__mock/requests`; 0 keeps none. */
  recordRequests: number;
  /** Answer exact repeats of an earlier request from a cache, at once, marked `x-cache: HIT` (misses `MISS`). */
  cache: boolean;
}

/** One request the mock received, kept when `recordRequests` > 0. */
export interface RecordedRequest {
  /** Milliseconds since the mock started, when its body had arrived. */
  atMs: number;
  route: string;
  body: Record<string, unknown>;
}

/** How a request ended, as the mock decided it. */
export type Outcome =
  'ok' | '500' | 'reset' | 'hang' | 'malformed' | 'midstream_error' | '429' | '401' | '400' | '404' | 'queue_full';

/** One answer as decided: a streamed token `i` (0-based, reasoning first) is due `ttftMs + i × intervalMs` after the headers. */
export interface AnswerRecord {
  route: string;
  stream: boolean;
  ttftMs: number;
  intervalMs: number;
  reasoningTokens: number;
  outputTokens: number;
  toolCall: boolean;
  /**
   * When the first token and the first answer (non-reasoning) token were actually written, in ms
   * after the headers: the schedule above plus the mock's own timer lateness. Null until written.
   */
  firstTokenMs: number | null;
  firstOutputMs: number | null;
  /** When the last token was written (the stream's end follows in the same write). */
  lastTokenMs: number | null;
}

/** Header values a request carried, kept so tests can check secrets arrive. */
export interface SeenAuth {
  route: string;
  authorization?: string;
  xApiKey?: string;
}

/** Counters of everything the mock served since start or the last reset. */
export interface MockStats {
  requests: number;
  byRoute: Record<string, number>;
  byOutcome: Record<Outcome, number>;
  streams: number;
  openConnections: number;
  peakConnections: number;
  inFlightStreams: number;
  peakInFlightStreams: number;
  inFlightRequests: number;
  peakInFlightRequests: number;
  outputTokens: number;
  promptTokens: number;
  /** Capacity model: requests waiting for a slot now and at most, and served at once at most. */
  queued: number;
  peakQueued: number;
  peakServing: number;
  /** Reasoning tokens among `outputTokens`, and answers that were tool calls. */
  reasoningTokens: number;
  toolCalls: number;
  /** The last 100 answers as the mock decided them, oldest first: what a client should measure. */
  answers: AnswerRecord[];
  /** The last 20 requests' auth headers, oldest first. */
  lastAuth: SeenAuth[];
  /** `cache`: answers served from the cache (exact repeats) and answers that missed it. */
  cacheHits: number;
  cacheMisses: number;
  startedAt: string;
}

/** A running mock. */
export interface MockServer {
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
  stats(): MockStats;
  resetStats(): void;
  setConfig(patch: Partial<MockConfig>): void;
  config(): MockConfig;
  /** The requests kept under `recordRequests`, oldest first. */
  requests(): RecordedRequest[];
}
