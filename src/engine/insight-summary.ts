// The summary's `cache`, `stream` and gateway `warnings` sections, from the recorders that keep them.
import type { Summary } from '../protocol';
import { bufferingWarning } from '../shared/stream-summary';
import type { Recorder } from './recorder';

/**
 * The sections to spread into the summary (empty when the run had neither cache headers, repeats
 * nor streams); the hit ratio also joins `metrics`, where thresholds and comparisons read it.
 */
export function gatewayInsight(
  rec: Recorder,
  metrics: Summary['metrics'],
): Pick<Summary, 'cache' | 'stream' | 'warnings'> {
  const out: Pick<Summary, 'cache' | 'stream' | 'warnings'> = {};
  const cache = rec.cache?.summary(rec.total.started) ?? null;
  if (cache) out.cache = cache;
  if (cache && cache.hitRatio !== null)
    metrics.cache_hit_ratio = { count: cache.hits + cache.misses, rate: cache.hitRatio };
  const stream = rec.streams?.summary() ?? null;
  if (stream && stream.streams + stream.contract.truncated + stream.contract.notEventStream > 0) {
    out.stream = stream;
    if (stream.buffered) out.warnings = [bufferingWarning(stream)];
  }
  return out;
}
