// Configuration and statistics of the mock gateway. Plain JSON data, so the same shapes travel
// through `POST /__mock/config` and `GET /__mock/stats` for tests that run the mock out of process.

/** A delay in milliseconds: a fixed value, or a distribution sampled per request. */
export type LatencySpec = number | { dist: 'normal' | 'lognormal'; mean: number; stddev: number };

/** A per-key token bucket: `requestsPerSecond` refill, `burst` capacity (defaults to the rate). */
export interface RateLimitSpec { requestsPerSecond: number; burst?: number }

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
  /** Model ids listed by `GET /v1/models`. */
  models: string[];
  /** Answer as another model: one name for every request, or a map from asked to answered. */
  routeModel: string | Record<string, string> | null;
  /** Embedding length when the request gives no `dimensions`. */
  embeddingDimensions: number;
  /** Seed of the fault and latency draws; `null` seeds from the clock. */
  seed: number | null;
}

/** How a request ended, as the mock decided it. */
export type Outcome = 'ok' | '500' | 'reset' | 'hang' | 'malformed' | 'midstream_error' | '429' | '401' | '400' | '404';

/** Header values a request carried, kept so tests can check secrets arrive. */
export interface SeenAuth { route: string; authorization?: string; xApiKey?: string }

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
  /** The last 20 requests' auth headers, oldest first. */
  lastAuth: SeenAuth[];
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
}
