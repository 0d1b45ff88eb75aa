// Defaults, parsing and validation of the mock's configuration. Accepts the typed shape and the
// friendlier strings a person writes (`200ms`, `lognormal:50ms:20ms`, `100/s,200`), so the CLI,
// a config file and `POST /__mock/config` share one set of rules.
import type { LatencySpec, MockConfig, RateLimitSpec } from './types';

/** The mock's behaviour when nothing is said: a quick, faultless, streaming-friendly peer. */
export const DEFAULT_CONFIG: MockConfig = {
  host: '127.0.0.1',
  port: 8790,
  ttftMs: 200,
  tokensPerSecond: 50,
  latencyMs: 0,
  flushIntervalMs: 0,
  latencyFactor: 1,
  failRate: 0,
  resetRate: 0,
  hangRate: 0,
  malformedRate: 0,
  midStreamErrorRate: 0,
  rateLimit: null,
  apiKeys: [],
  outputTokens: 64,
  reasoningTokens: 0,
  toolCallRate: 0,
  models: ['gpt-4o-mini', 'gpt-4o', 'text-embedding-3-small', 'claude-3-5-haiku-latest'],
  routeModel: null,
  embeddingDimensions: 256,
  seed: null,
  maxConcurrency: 0,
  queueLimit: null,
  queueFullStatus: 429,
  totalTokensPerSecond: 0,
  recordRequests: 0,
  cache: false,
};

/** A configuration value the mock cannot use; the message names the key. */
export class MockConfigError extends Error {}

const UNITS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/** `250`, `250ms`, `1.5s`, `2m` → milliseconds. */
export function parseDuration(text: string | number, key = 'duration'): number {
  if (typeof text === 'number') {
    if (!Number.isFinite(text) || text < 0) throw new MockConfigError(`${key}: expected a duration ≥ 0, got ${text}`);
    return text;
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*(us|ms|s|m|min|h)?\s*$/.exec(text);
  if (!m) throw new MockConfigError(`${key}: expected a duration like 200ms or 1.5s, got '${text}'`);
  return Number(m[1]) * UNITS[m[2] ?? 'ms'];
}

/** `50ms`, `normal:50ms:10ms`, `lognormal:50ms:20ms`, or the object form. */
export function parseLatency(value: unknown, key: string): LatencySpec {
  if (typeof value === 'number') return parseDuration(value, key);
  if (typeof value === 'string') {
    const parts = value.split(':');
    if (parts.length === 1) return parseDuration(value, key);
    const [dist, mean, stddev] = parts;
    if ((dist !== 'normal' && dist !== 'lognormal') || parts.length !== 3) {
      throw new MockConfigError(`${key}: expected DURATION or normal|lognormal:MEAN:STDDEV, got '${value}'`);
    }
    return { dist, mean: parseDuration(mean, key), stddev: parseDuration(stddev, key) };
  }
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ((o.dist === 'normal' || o.dist === 'lognormal') && o.mean !== undefined && o.stddev !== undefined) {
      return {
        dist: o.dist,
        mean: parseDuration(o.mean as number | string, key),
        stddev: parseDuration(o.stddev as number | string, key),
      };
    }
  }
  throw new MockConfigError(`${key}: expected a duration or { dist, mean, stddev }, got ${JSON.stringify(value)}`);
}

/** `100/s`, `6000/min`, `100/s,200` (burst after the comma), or the object form; `off`/null for none. */
export function parseRateLimit(value: unknown, key = 'rateLimit'): RateLimitSpec | null {
  if (value === null || value === 'off' || value === 'none') return null;
  if (typeof value === 'string') {
    const m = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(s|sec|second|m|min|minute)\s*(?:,\s*(\d+)\s*)?$/.exec(value);
    if (!m)
      throw new MockConfigError(
        `${key}: expected RATE/s or RATE/min, optionally ',BURST' (e.g. 100/s,200), got '${value}'`,
      );
    const perSecond = m[2].startsWith('s') ? Number(m[1]) : Number(m[1]) / 60;
    return checkRate({ requestsPerSecond: perSecond, burst: m[3] === undefined ? undefined : Number(m[3]) }, key);
  }
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.requestsPerSecond === 'number' && (o.burst === undefined || typeof o.burst === 'number')) {
      return checkRate({ requestsPerSecond: o.requestsPerSecond, burst: o.burst as number | undefined }, key);
    }
  }
  throw new MockConfigError(
    `${key}: expected '100/s,200' or { requestsPerSecond, burst }, got ${JSON.stringify(value)}`,
  );
}

function checkRate(spec: RateLimitSpec, key: string): RateLimitSpec {
  if (!(spec.requestsPerSecond > 0)) throw new MockConfigError(`${key}: the rate must be > 0`);
  if (spec.burst !== undefined && !(spec.burst >= 1)) throw new MockConfigError(`${key}: the burst must be ≥ 1`);
  return spec;
}

function num(value: unknown, key: string, min: number, max = Infinity, integer = false): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    const range = max === Infinity ? `≥ ${min}` : `between ${min} and ${max}`;
    throw new MockConfigError(
      `${key}: expected ${integer ? 'an integer' : 'a number'} ${range}, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

function strings(value: unknown, key: string): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw new MockConfigError(`${key}: expected a string or a list of strings`);
}

const RATES = ['failRate', 'resetRate', 'hangRate', 'malformedRate', 'midStreamErrorRate'] as const;

/**
 * Checks a partial configuration (typed or loosely written) and returns it normalised.
 * Unknown keys are an error so that a typo in a config file does not pass silently.
 */
export function normalizePatch(input: unknown): Partial<MockConfig> {
  if (!input || typeof input !== 'object' || Array.isArray(input))
    throw new MockConfigError('config: expected a JSON object');
  const out: Partial<MockConfig> = {};
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (value === undefined) continue;
    switch (key) {
      case 'host':
        if (typeof value !== 'string' || !value) throw new MockConfigError('host: expected a host name or address');
        out.host = value;
        break;
      case 'port':
        out.port = num(value, key, 0, 65535, true);
        break;
      case 'ttftMs':
        out.ttftMs = parseLatency(value, key);
        break;
      case 'latencyMs':
        out.latencyMs = parseLatency(value, key);
        break;
      case 'tokensPerSecond':
        out.tokensPerSecond = num(value, key, 0);
        break;
      case 'latencyFactor':
        out.latencyFactor = num(value, key, 0);
        break;
      case 'flushIntervalMs':
        out.flushIntervalMs = parseDuration(value as string | number, key);
        break;
      case 'rateLimit':
        out.rateLimit = parseRateLimit(value, key);
        break;
      case 'apiKeys':
        out.apiKeys = strings(value, key);
        break;
      case 'models':
        out.models = strings(value, key);
        break;
      case 'outputTokens':
        out.outputTokens = num(value, key, 1, 1_000_000, true);
        break;
      case 'reasoningTokens':
        out.reasoningTokens = num(value, key, 0, 1_000_000, true);
        break;
      // Not a fault: drawn apart from the fault rates, so it does not count towards their sum.
      case 'toolCallRate':
        out.toolCallRate = num(value, key, 0, 1);
        break;
      case 'embeddingDimensions':
        out.embeddingDimensions = num(value, key, 1, 65_536, true);
        break;
      case 'maxConcurrency':
        out.maxConcurrency = num(value, key, 0, 1_000_000, true);
        break;
      case 'queueLimit':
        out.queueLimit =
          value === null || value === 'none' || value === 'off' ? null : num(value, key, 0, 10_000_000, true);
        break;
      case 'queueFullStatus': {
        const n = num(value, key, 429, 503, true);
        if (n !== 429 && n !== 503)
          throw new MockConfigError(`queueFullStatus: expected 429 or 503, got ${JSON.stringify(value)}`);
        out.queueFullStatus = n;
        break;
      }
      case 'totalTokensPerSecond':
        out.totalTokensPerSecond = num(value, key, 0);
        break;
      case 'recordRequests':
        out.recordRequests = num(value, key, 0, 100_000, true);
        break;
      case 'cache':
        if (typeof value === 'boolean') out.cache = value;
        else if (value === 'true' || value === 'on') out.cache = true;
        else if (value === 'false' || value === 'off') out.cache = false;
        else throw new MockConfigError(`cache: expected true or false, got ${JSON.stringify(value)}`);
        break;
      case 'seed':
        out.seed = value === null ? null : num(value, key, 0, 2 ** 32 - 1, true);
        break;
      case 'routeModel':
        if (value === null || typeof value === 'string') out.routeModel = value;
        else if (
          typeof value === 'object' &&
          !Array.isArray(value) &&
          Object.values(value).every((v) => typeof v === 'string')
        )
          out.routeModel = value as Record<string, string>;
        else throw new MockConfigError('routeModel: expected a model name or a map { asked: answered }');
        break;
      default:
        if ((RATES as readonly string[]).includes(key)) {
          out[key as (typeof RATES)[number]] = num(value, key, 0, 1);
          break;
        }
        throw new MockConfigError(`unknown config key '${key}'`);
    }
  }
  return out;
}

/** Merges a patch onto a full configuration; the fault rates together must not pass 1. */
export function applyPatch(base: MockConfig, patch: Partial<MockConfig>): MockConfig {
  const next = { ...base, ...normalizePatch(patch) };
  const total = RATES.reduce((sum, k) => sum + next[k], 0);
  if (total > 1 + 1e-9) throw new MockConfigError(`the fault rates add up to ${total}, more than 1`);
  return next;
}
