// What summary.json holds under `cache`: the gateway's response cache as its cache-status headers
// tell it, with latency and TTFT of hits and misses apart. Pure types and the one formatter the
// CLI, the reports and the panel print it with.

/** Latency figures of one side (hits or misses), ms. */
export interface CacheSideStats {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  avg: number;
}

/** `summary.cache`: present when answers carried a cache-status header or the scenario repeats prompts. */
export interface CacheSummary {
  /** Answers whose cache-status header said hit, said miss (DISABLED and unknown words count in neither). */
  hits: number;
  misses: number;
  /** hits / (hits + misses); null when no answer said either. */
  hitRatio: number | null;
  /** The cache-status headers seen, lower-case (`x-cache`, `x-portkey-cache-status`, …). */
  headers: string[];
  /** Requests that resent an earlier prompt (`prompt.repeat`), and their share of the requests sent. */
  repeatsSent: number;
  repeatShare: number | null;
  /** http_req_duration and time_to_first_token of successful answers, by what the header said. */
  hit: { duration: CacheSideStats | null; ttft: CacheSideStats | null };
  miss: { duration: CacheSideStats | null; ttft: CacheSideStats | null };
}

/** `Cache: 29.8% hits (298 of 1,000) …`-style rows `[label, text]`, for every renderer. */
export function cacheRows(c: CacheSummary): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  const judged = c.hits + c.misses;
  rows.push([
    'hit ratio',
    c.hitRatio === null
      ? 'no cache-status header in the answers'
      : `${pct(c.hitRatio)} (${c.hits} hits of ${judged})${c.headers.length ? ` from ${c.headers.join(', ')}` : ''}`,
  ]);
  if (c.repeatShare !== null) rows.push(['repeats sent', `${pct(c.repeatShare)} (${c.repeatsSent}, prompt.repeat)`]);
  const side = (s: CacheSideStats | null): string =>
    s ? `p50 ${ms(s.p50)} · p90 ${ms(s.p90)} · p99 ${ms(s.p99)} (${s.count})` : '—';
  if (c.hit.duration || c.miss.duration) {
    rows.push(['latency hit', side(c.hit.duration)], ['latency miss', side(c.miss.duration)]);
  }
  if (c.hit.ttft || c.miss.ttft) rows.push(['TTFT hit', side(c.hit.ttft)], ['TTFT miss', side(c.miss.ttft)]);
  return rows;
}

function pct(f: number): string {
  return `${(f * 100).toFixed(1)}%`;
}

function ms(v: number): string {
  return v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`;
}

/** The cache section a crashed run's summary can rebuild from its windows: hits and misses only. */
export function cacheFromWindows(
  windows: ReadonlyArray<{ cache?: { hits: number; misses: number } }>,
): CacheSummary | null {
  let hits = 0;
  let misses = 0;
  let seen = false;
  for (const w of windows) {
    if (!w.cache) continue;
    seen = true;
    hits += w.cache.hits;
    misses += w.cache.misses;
  }
  if (!seen) return null;
  const n = hits + misses;
  return {
    hits,
    misses,
    hitRatio: n ? Math.round((hits / n) * 10_000) / 10_000 : null,
    headers: [],
    repeatsSent: 0,
    repeatShare: null,
    hit: { duration: null, ttft: null },
    miss: { duration: null, ttft: null },
  };
}
