// Reads what the gateway says about itself from each answer's headers: a fixed small set of
// lower-case names (the built-in ones and the scenario's `gatewayHeaders:`), looked up once per
// answer in undici's raw header array: candidates by length, then compared byte by byte without
// making a string, so a header that is not one of them costs a lookup and a few byte compares.
import type { MetricSummary } from '../protocol';
import {
  BUILTIN_GATEWAY_HEADERS,
  parseServerTiming,
  serverTimingMetric,
  type CustomGatewayHeader,
  type GatewayHeaderKind,
} from '../shared/gateway-headers';
import type { GatewayHeaderMetric } from '../shared/gateway-types';
import { Hist } from './histogram';

/** Distinct server-timing entries and category values kept; more are folded together. */
const MAX_SERVER_TIMING = 16;
const MAX_CATEGORIES = 20;
const OTHER = '(other)';

interface Slot {
  header: string;
  /** The lower-case name's bytes. */
  bytes: Buffer;
  metric: string;
  kind: GatewayHeaderKind;
  unit: string;
  /** Custom headers in seconds are recorded in ms. */
  factor: number;
}

/** One numeric header metric: cumulative histogram plus the window's sum and count (for the live chart). */
class NumericSeries {
  readonly hist: Hist;
  winSum = 0;
  winCount = 0;
  constructor(
    readonly header: string,
    readonly unit: string,
  ) {
    // Costs are fractions of a cent: recorded in millionths; everything else in thousandths.
    this.hist = new Hist(unit === 'USD' ? 1e6 : 1000);
  }
  record(v: number): void {
    this.hist.record(v);
    this.winSum += v;
    this.winCount++;
  }
}

/** The header metrics of a run. */
export class GatewayHeaders {
  /** Candidates per name length (names are short: a sparse array indexed by length). */
  private readonly byLength: Array<Slot[] | undefined> = [];
  private readonly numeric = new Map<string, NumericSeries>();
  private readonly categories = new Map<string, { header: string; values: Map<string, number>; count: number }>();
  private timingEntries = 0;
  private readonly timingByEntry = new Map<string, NumericSeries>();
  /** `x-litellm-attempted-fallbacks` of the answer just read (−1: absent). */
  lastFallbacks = -1;
  private readonly onTiming: (name: string, ms: number) => void;

  constructor(custom: Readonly<Record<string, CustomGatewayHeader>> = {}) {
    for (const h of BUILTIN_GATEWAY_HEADERS)
      this.add({
        header: h.header,
        bytes: Buffer.from(h.header),
        metric: h.metric,
        kind: h.kind,
        unit: h.unit,
        factor: 1,
      });
    for (const [header, c] of Object.entries(custom))
      this.add({
        header: header.toLowerCase(),
        bytes: Buffer.from(header.toLowerCase(), 'latin1'),
        metric: c.metric,
        kind: c.unit === 'number' ? 'number' : 'ms',
        unit: c.unit === 'number' ? 'value' : 'ms',
        factor: c.unit === 's' ? 1000 : 1,
      });
    this.onTiming = (name, ms) => {
      // Entry names repeat on every answer: their series is looked up by the raw name.
      let s = this.timingByEntry.get(name);
      if (s === undefined) {
        const metric = serverTimingMetric(name);
        s = this.numeric.get(metric);
        if (!s) {
          if (this.timingEntries >= MAX_SERVER_TIMING) return;
          this.timingEntries++;
          s = new NumericSeries('server-timing', 'ms');
          this.numeric.set(metric, s);
        }
        if (this.timingByEntry.size < 4 * MAX_SERVER_TIMING) this.timingByEntry.set(name, s);
      }
      s.record(ms);
    };
  }

  private add(s: Slot): void {
    const list = (this.byLength[s.bytes.length] ??= []);
    const at = list.findIndex((x) => x.header === s.header);
    // A custom header of a built-in name replaces it.
    if (at >= 0) list[at] = s;
    else list.push(s);
  }

  /** One answer's raw headers (`[name, value, …]`). */
  read(raw: Buffer[]): void {
    this.lastFallbacks = -1;
    const byLength = this.byLength;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const nameBuf = raw[i];
      const list = byLength[nameBuf.length];
      if (list === undefined) continue;
      const slot = match(list, nameBuf);
      if (slot === undefined) continue;
      const value = raw[i + 1].toString('latin1');
      if (slot.kind === 'server-timing') parseServerTiming(value, this.onTiming);
      else if (slot.kind === 'category') this.category(slot, value.trim());
      else {
        const v = Number(value.trim());
        if (!Number.isFinite(v) || value.trim() === '') continue;
        if (slot.metric === 'litellm_attempted_fallbacks') this.lastFallbacks = v;
        this.number(slot, v * slot.factor);
      }
    }
  }

  private number(slot: Slot, v: number): void {
    let s = this.numeric.get(slot.metric);
    if (!s) {
      s = new NumericSeries(slot.header, slot.unit);
      this.numeric.set(slot.metric, s);
    }
    s.record(v);
  }

  private category(slot: Slot, value: string): void {
    let c = this.categories.get(slot.metric);
    if (!c) {
      c = { header: slot.header, values: new Map(), count: 0 };
      this.categories.set(slot.metric, c);
    }
    c.count++;
    const key = c.values.has(value) || c.values.size < MAX_CATEGORIES ? value : OTHER;
    c.values.set(key, (c.values.get(key) ?? 0) + 1);
  }

  /** Window averages of the numeric metrics seen in it, for the live chart; resets the window. */
  rollWindow(): Record<string, number> | undefined {
    let out: Record<string, number> | undefined;
    for (const [metric, s] of this.numeric) {
      if (s.winCount === 0) continue;
      (out ??= {})[metric] = Math.round((s.winSum / s.winCount) * 1000) / 1000;
      s.winSum = 0;
      s.winCount = 0;
    }
    return out;
  }

  /** Numeric header metrics as trend metrics for `summary.metrics` (thresholds, compare, tables). */
  metrics(): Record<string, MetricSummary> {
    const out: Record<string, MetricSummary> = {};
    for (const [metric, s] of this.numeric) {
      const st = s.hist.stats();
      if (st) out[metric] = st;
    }
    return out;
  }

  /** `summary.json` → `gatewayHeaders`; undefined when no answer carried one. */
  summary(): Record<string, GatewayHeaderMetric> | undefined {
    if (this.numeric.size === 0 && this.categories.size === 0) return undefined;
    const out: Record<string, GatewayHeaderMetric> = {};
    for (const [metric, s] of this.numeric) {
      const st = s.hist.stats();
      if (!st) continue;
      out[metric] = {
        header: s.header,
        unit: s.unit,
        count: st.count,
        avg: st.avg,
        min: st.min,
        max: st.max,
        p50: st.p50,
        p90: st.p90,
        p99: st.p99,
        sum: Math.round(s.hist.sum * 1e6) / 1e6,
      };
    }
    for (const [metric, c] of this.categories)
      out[metric] = { header: c.header, unit: 'count', count: c.count, values: Object.fromEntries(c.values) };
    return out;
  }

  destroy(): void {
    for (const s of this.numeric.values()) s.hist.destroy();
  }
}

/** The slot whose name equals `name` ignoring ASCII case (`| 0x20` lowers a letter). */
function match(list: Slot[], name: Buffer): Slot | undefined {
  for (let j = 0; j < list.length; j++) {
    const want = list[j].bytes;
    let k = 0;
    for (; k < want.length; k++) {
      const b = name[k];
      const c = want[k];
      if (b !== c && (b | 0x20) !== c) break;
    }
    if (k === want.length) return list[j];
  }
  return undefined;
}
