// A load worker's side of a shared run: the start handshake with the coordinator, and the
// window's histograms encoded for merging.
import type { HistWire } from '../protocol';
import type { Post } from './engine';
import { TREND_METRICS, type TrendName, type Trends } from './recorder';

/** Says ready, waits for the common start (or a stop), then until that instant; returns t0 on this thread's clock. */
export async function shardStart(post: Post, goAt: Promise<number>, stopped: Promise<void>): Promise<number> {
  post({ type: 'shard-ready' });
  const t0Epoch = await Promise.race([goAt, stopped.then(() => performance.timeOrigin + performance.now())]);
  const t0 = t0Epoch - performance.timeOrigin;
  const wait = t0 - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  return t0;
}

/** Every trend of a window, encoded (null when empty). */
export function encodeTrends(t: Trends): Record<TrendName, HistWire | null> {
  const out = {} as Record<TrendName, HistWire | null>;
  for (const name of Object.keys(TREND_METRICS) as TrendName[]) out[name] = t.h[name].encode();
  return out;
}
