// The mock's response cache (`--cache`): an exact repeat of an earlier request (same route, same
// body) is a hit, answered at once and marked `x-cache: HIT`; anything else is a miss, remembered.
// A request counts as cached from the moment it is first answered, as a cache that coalesces
// identical requests in flight would. Bounded: the least recently used keys go first.

/** Keys kept; a scenario's `prompt.recent` within this bound always finds its repeats. */
export const CACHE_ENTRIES = 100_000;
/** Time to first token (streams) and latency (JSON) of a hit, ms: a replay from memory. */
export const CACHE_HIT_MS = 1;

/** An LRU set of request keys. */
export class ResponseCache {
  private readonly keys = new Map<string, true>();

  constructor(private readonly capacity = CACHE_ENTRIES) {}

  /** True for a hit; a miss is remembered for next time. */
  lookup(route: string, body: Record<string, unknown>): boolean {
    const key = `${route}\n${JSON.stringify(body)}`;
    const keys = this.keys;
    if (keys.has(key)) {
      keys.delete(key);
      keys.set(key, true);
      return true;
    }
    keys.set(key, true);
    if (keys.size > this.capacity) keys.delete(keys.keys().next().value as string);
    return false;
  }

  clear(): void {
    this.keys.clear();
  }
}
