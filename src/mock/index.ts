// The mock AI gateway: an OpenAI- and Anthropic-compatible server for demos, tests and benchmarks.
// An independent peer of the engine: it shares no code with src/engine/, so a wire bug cannot
// hide by being on both sides.
//
// Routes: POST /v1/chat/completions, /v1/completions, /v1/embeddings, /v1/messages; GET /v1/models[/id].
// Control (no auth, for out-of-process tests): GET /__mock/stats, GET|POST /__mock/config (a JSON
// patch of MockConfig), POST /__mock/reset. The stats echo the last requests' auth headers so tests
// can check secrets arrive: bind the mock to loopback (the default) when real keys are sent to it.
export { startMock } from './server';
export {
  DEFAULT_CONFIG,
  MockConfigError,
  normalizePatch,
  applyPatch,
  parseDuration,
  parseLatency,
  parseRateLimit,
} from './config';
export type { LatencySpec, MockConfig, MockServer, MockStats, Outcome, RateLimitSpec, SeenAuth } from './types';
