// Fixed-memory latency recording. HDR histograms hold the distribution (percentiles); count,
// sum, min and max are kept exactly beside them so averages and extremes are not bucketed.
import * as hdr from 'hdr-histogram-js';
import type { HistWire } from '../protocol';

/** Largest recordable value in raw units (1 hour in microseconds); larger values are clamped. */
const HIGHEST = 3_600_000_000;
let useWasm = false;

/** Loads the WASM build once per thread (several times cheaper per record than pure JS: bench/README.md); falls back silently. */
export async function initHistograms(): Promise<'wasm' | 'js'> {
  try {
    await hdr.initWebAssembly();
    useWasm = true;
    return 'wasm';
  } catch {
    useWasm = false;
    return 'js';
  }
}

/** Percentile summary of one histogram, in the recorded unit (ms for latencies). */
export interface HistStats {
  count: number;
  avg: number;
  min: number;
  max: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
}

/**
 * One HDR histogram recording values of a unit scaled to integers: `scale` 1000 records
 * milliseconds as integer microseconds, 100 records tokens/s in hundredths.
 */
export class Hist {
  private h: hdr.Histogram;
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;

  constructor(readonly scale: number) {
    this.h = hdr.build({
      useWebAssembly: useWasm,
      lowestDiscernibleValue: 1,
      highestTrackableValue: HIGHEST,
      numberOfSignificantValueDigits: 3,
      autoResize: false,
    });
  }

  record(value: number): void {
    if (!(value >= 0)) value = 0;
    let raw = Math.round(value * this.scale);
    if (raw > HIGHEST) raw = HIGHEST;
    this.h.recordValue(raw);
    this.count++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  /** Adds another histogram of the same scale into this one. */
  add(other: Hist): void {
    if (other.count === 0) return;
    this.h.add(other.h);
    this.count += other.count;
    this.sum += other.sum;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
  }

  /** The histogram as it travels between threads (HDR's compressed encoding beside the exact moments), or null when empty. */
  encode(): HistWire | null {
    if (this.count === 0) return null;
    const moments = { count: this.count, sum: this.sum, min: this.min, max: this.max };
    // The WASM build's plain encoding takes ~0.07 ms; deflating it into base64 ~1.2 ms per histogram,
    // which at eight a second would show in the worker's send lateness.
    if (useWasm) return { raw: (this.h as unknown as { encode(): Uint8Array }).encode(), ...moments };
    return { hdr: hdr.encodeIntoCompressedBase64(this.h, 1), ...moments };
  }

  /** Adds an encoded histogram of the same scale (another thread's): its HDR counts are added, never its percentiles. */
  addEncoded(w: HistWire): void {
    if (w.count === 0) return;
    const other =
      w.raw !== undefined
        ? useWasm
          ? hdr.WasmHistogram.decode(w.raw, 32)
          : (hdr.JsHistogram as unknown as { decode(d: Uint8Array, bits: 32): hdr.Histogram }).decode(w.raw, 32)
        : hdr.decodeFromCompressedBase64(w.hdr ?? '', 32, useWasm);
    this.h.add(other);
    other.destroy();
    this.count += w.count;
    this.sum += w.sum;
    if (w.min < this.min) this.min = w.min;
    if (w.max > this.max) this.max = w.max;
  }

  /** Value at percentile `p` (0–100) in the recorded unit; null when empty. */
  percentile(p: number): number | null {
    if (this.count === 0) return null;
    const v = this.h.getValueAtPercentile(p) / this.scale;
    // HDR reports bucket edges; never let that step outside the exact extremes.
    return Math.min(this.max, Math.max(this.min, v));
  }

  stats(): HistStats | null {
    if (this.count === 0) return null;
    const p = (q: number): number => round3(this.percentile(q) ?? 0);
    return {
      count: this.count,
      avg: round3(this.sum / this.count),
      min: round3(this.min),
      max: round3(this.max),
      p50: p(50),
      p90: p(90),
      p95: p(95),
      p99: p(99),
      p999: p(99.9),
    };
  }

  reset(): void {
    this.h.reset();
    this.count = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = -Infinity;
  }

  /** Frees the WASM memory; the histogram is unusable afterwards. */
  destroy(): void {
    this.h.destroy();
  }
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
