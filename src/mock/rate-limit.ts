// Per-key token buckets answering "may this request go now, and what do the headers say".
import type { RateLimitSpec } from './types';

/** The state of one key's bucket after a request was weighed. */
export interface BucketVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** ms until one more request is allowed (0 when allowed now). */
  retryAfterMs: number;
  /** ms until the bucket is full again. */
  resetMs: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Token buckets keyed by API key (or `anonymous`); refills continuously at the configured rate. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacity: number;
  private readonly perMs: number;

  constructor(
    spec: RateLimitSpec,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.capacity = spec.burst ?? Math.max(1, spec.requestsPerSecond);
    this.perMs = spec.requestsPerSecond / 1000;
  }

  take(key: string): BucketVerdict {
    const t = this.now();
    let b = this.buckets.get(key);
    if (!b) {
      // Bound the map: a scan of many one-off keys must not grow memory without end.
      if (this.buckets.size >= 100_000) this.buckets.clear();
      b = { tokens: this.capacity, at: t };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(this.capacity, b.tokens + (t - b.at) * this.perMs);
      b.at = t;
    }
    const allowed = b.tokens >= 1;
    if (allowed) b.tokens -= 1;
    return {
      allowed,
      limit: this.capacity,
      remaining: Math.floor(b.tokens),
      retryAfterMs: allowed ? 0 : Math.ceil((1 - b.tokens) / this.perMs),
      resetMs: Math.ceil((this.capacity - b.tokens) / this.perMs),
    };
  }
}

/** OpenAI's duration notation for reset headers: `12ms`, `1s`, `6m0s`. */
export function formatResetDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.ceil(ms))}ms`;
  const s = ms / 1000;
  if (s < 60) return `${Number(s.toFixed(3))}s`;
  const m = Math.floor(s / 60);
  return `${m}m${Math.round(s - m * 60)}s`;
}
