// The mock AI gateway: an OpenAI- and Anthropic-compatible server for demos, tests and benchmarks.
// An independent peer of the engine: it shares no code with src/engine/.
export { startMock } from './server';
export { DEFAULT_CONFIG, MockConfigError, normalizePatch, applyPatch, parseDuration, parseLatency, parseRateLimit } from './config';
export type { LatencySpec, MockConfig, MockServer, MockStats, Outcome, RateLimitSpec, SeenAuth } from './types';
