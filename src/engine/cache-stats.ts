// A gateway's response cache as its answers tell it: cache-status headers read per answer, hits
// and misses counted per window and per run, latency and TTFT of each side in HDR histograms.
import type { CacheSideStats, CacheSummary } from '../shared/cache-summary';
import { Hist } from './histogram';

/**
 * Cache-status headers, checked against each vendor's documentation: `x-cache` (CDNs, Varnish,
 * nginx setups: HIT / MISS), `x-portkey-cache-status` (Portkey: HIT, SEMANTIC HIT, MISS, SEMANTIC
 * MISS, DISABLED, REFRESH), `cf-aig-cache-status` (Cloudflare AI Gateway: HIT / MISS),
 * `helicone-cache` (Helicone: HIT / MISS) and RFC 9211 `cache-status` (`name; hit`, `name; fwd=miss`).
 * LiteLLM documents no cache-status response header, so none is read for it.
 */
export const CACHE_HEADERS = [
  'x-cache',
  'x-portkey-cache-status',
  'cf-aig-cache-status',
  'helicone-cache',
  'cache-status',
];
const NAMES = new Set(CACHE_HEADERS);
const LENGTHS = new Set(CACHE_HEADERS.map((n) => n.length));

/** What one answer's headers said: 1 hit, 0 miss, −1 nothing (no header, DISABLED, an unknown word). */
export type CacheVerdict = 1 | 0 | -1;

/** The verdict of one header value. Several comma-separated entries (a CDN chain): any hit is a hit. */
export function cacheVerdict(name: string, value: string): CacheVerdict {
  const v = value.toLowerCase();
  if (name === 'cache-status') {
    // RFC 9211: `Cache; hit`, `Cache; fwd=uri-miss`; the last entry is the one nearest the client.
    if (/;\s*hit\b/.test(v)) return 1;
    return /;\s*fwd=/.test(v) ? 0 : -1;
  }
  let verdict: CacheVerdict = -1;
  for (const part of v.split(',')) {
    const w = part.trim();
    if (w.startsWith('hit') || w === 'semantic hit') return 1;
    if (w.startsWith('miss') || w === 'semantic miss' || w === 'refresh' || w === 'expired') verdict = 0;
  }
  return verdict;
}

/** The cache verdict of an answer's raw headers (`[name, value, …]` as undici gives them) and the header that gave it. */
export function cacheStatusOf(raw: Buffer[]): { verdict: CacheVerdict; header: string } | null {
  let out: { verdict: CacheVerdict; header: string } | null = null;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (!LENGTHS.has(raw[i].length)) continue;
    const name = raw[i].toString('latin1').toLowerCase();
    if (!NAMES.has(name)) continue;
    const verdict = cacheVerdict(name, raw[i + 1].toString('latin1'));
    // A vendor's own header wins over a generic one further down the chain.
    if (out === null || out.verdict === -1 || name !== 'x-cache') out = { verdict, header: name };
  }
  return out;
}

/** The run's cache accounts. */
export class CacheRecorder {
  hits = 0;
  misses = 0;
  winHits = 0;
  winMisses = 0;
  repeatsSent = 0;
  /** The scenario repeats prompts (`prompt.repeat`): the summary then gives their share even when it is 0. */
  repeating = false;
  readonly headers = new Set<string>();
  private readonly hitDur = new Hist(1000);
  private readonly missDur = new Hist(1000);
  private readonly hitTtft = new Hist(1000);
  private readonly missTtft = new Hist(1000);

  /** One answer with a cache header; `ok` answers also give their latency and TTFT to the side they fell on. */
  answer(verdict: CacheVerdict, header: string, ok: boolean, durationMs: number, ttftMs: number | null): void {
    if (!this.headers.has(header)) this.headers.add(header);
    if (verdict === -1) return;
    const hit = verdict === 1;
    if (hit) {
      this.hits++;
      this.winHits++;
    } else {
      this.misses++;
      this.winMisses++;
    }
    if (!ok) return;
    (hit ? this.hitDur : this.missDur).record(durationMs);
    if (ttftMs !== null) (hit ? this.hitTtft : this.missTtft).record(ttftMs);
  }

  /** Hits among the answers that said hit or miss; null before any did. */
  hitRatio(): number | null {
    const n = this.hits + this.misses;
    return n ? this.hits / n : null;
  }

  /** The window's hits and misses, then a new window. */
  rollWindow(): { hits: number; misses: number } {
    const w = { hits: this.winHits, misses: this.winMisses };
    this.winHits = 0;
    this.winMisses = 0;
    return w;
  }

  /** The summary's `cache` section; null when no answer carried a cache header and the scenario repeats no prompts. */
  summary(sent: number): CacheSummary | null {
    if (this.headers.size === 0 && !this.repeating) return null;
    const judged = this.hits + this.misses;
    return {
      hits: this.hits,
      misses: this.misses,
      hitRatio: judged ? Math.round((this.hits / judged) * 10_000) / 10_000 : null,
      headers: [...this.headers].sort(),
      repeatsSent: this.repeatsSent,
      repeatShare: this.repeating && sent ? Math.round((this.repeatsSent / sent) * 10_000) / 10_000 : null,
      hit: { duration: side(this.hitDur), ttft: side(this.hitTtft) },
      miss: { duration: side(this.missDur), ttft: side(this.missTtft) },
    };
  }

  destroy(): void {
    for (const h of [this.hitDur, this.missDur, this.hitTtft, this.missTtft]) h.destroy();
  }
}

function side(h: Hist): CacheSideStats | null {
  const s = h.stats();
  return s ? { count: s.count, p50: s.p50, p90: s.p90, p99: s.p99, avg: s.avg } : null;
}

/** What one answer's cache-status header said. */
export type CacheStatus = NonNullable<ReturnType<typeof cacheStatusOf>>;

/** Records one answer that carried a cache-status header (the recorder starts at the first). */
export function recordCacheAnswer(
  rec: { cache: CacheRecorder | null },
  s: CacheStatus,
  ok: boolean,
  durationMs: number,
  ttftMs: number | null,
): void {
  (rec.cache ??= new CacheRecorder()).answer(s.verdict, s.header, ok, durationMs, ttftMs);
}
