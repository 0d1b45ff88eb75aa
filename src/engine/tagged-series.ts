// Tag-filtered series (`http_req_duration{name:chat}`): one cumulative histogram or counter
// pair per series that a threshold names, plus the views every summary carries
// (`{expected_response:true}`, and `{name:…}` per request when the mix has several). The list is
// fixed at the start and bounded by the scenario file, so recording is a short loop, no lookup.
import type { MetricSummary } from '../protocol';
import type { Threshold } from '../scenario/model';
import { seriesName, type TagFilter, type TagKey } from '../scenario/tag-filter';
import { Hist, type HistStats } from './histogram';

/** One filtered series and its figures. */
interface Series {
  name: string;
  metric: string;
  key: TagKey;
  value: string;
  /** For `name`: the request's index in the mix (−1: none matches); for `status`: the status. */
  num: number;
  hist: Hist | null;
  count: number;
  failed: number;
}

const TRENDS = new Set(['http_req_duration', 'http_req_service_duration', 'time_to_first_token']);

/** The run's tag-filtered series. */
export class TaggedSeries {
  private readonly list: Series[] = [];

  constructor(thresholds: readonly Threshold[], requestNames: readonly string[]) {
    this.add('http_req_duration', { key: 'expected_response', value: 'true' }, requestNames);
    if (requestNames.length > 1)
      for (const n of requestNames) this.add('http_req_duration', { key: 'name', value: n }, requestNames);
    for (const t of thresholds) if (t.tag) this.add(t.metric, t.tag, requestNames);
  }

  private add(metric: string, tag: TagFilter, names: readonly string[]): void {
    const name = seriesName(metric, tag);
    if (this.list.some((s) => s.name === name)) return;
    const num = tag.key === 'name' ? names.indexOf(tag.value) : tag.key === 'expected_response' ? 0 : Number(tag.value);
    this.list.push({
      name,
      metric,
      key: tag.key,
      value: tag.value,
      num,
      hist: TRENDS.has(metric) ? new Hist(1000) : null,
      count: 0,
      failed: 0,
    });
  }

  /**
   * One request that ended (not cancelled). `expected`: a 2xx answer read to its end.
   * `ttftMs` is null for answers without a first token; `turn` is the conversation turn (0: none).
   */
  record(
    reqIndex: number,
    status: number,
    expected: boolean,
    failed: boolean,
    durationMs: number,
    serviceMs: number,
    ttftMs: number | null,
    turn = 0,
  ): void {
    const list = this.list;
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      const hit =
        s.key === 'name'
          ? s.num === reqIndex
          : s.key === 'status'
            ? s.num === status
            : s.key === 'turn'
              ? s.num === turn
              : expected === (s.value === 'true');
      if (!hit) continue;
      s.count++;
      if (failed) s.failed++;
      const h = s.hist;
      if (h === null) continue;
      if (s.metric === 'http_req_duration') h.record(durationMs);
      else if (s.metric === 'http_req_service_duration') h.record(serviceMs);
      else if (ttftMs !== null) h.record(ttftMs);
    }
  }

  /** A threshold's statistic on its series; null without data (or for a series not kept). */
  stat(metric: string, tag: TagFilter, stat: string, percentile: number | undefined, secs: number): number | null {
    const s = this.list.find((x) => x.metric === metric && x.key === tag.key && x.value === tag.value);
    if (!s) return null;
    if (s.hist) {
      const h = s.hist;
      if (h.count === 0) return null;
      if (stat === 'avg') return h.sum / h.count;
      if (stat === 'min') return h.min;
      if (stat === 'max') return h.max;
      return h.percentile(percentile ?? 50);
    }
    if (metric === 'http_req_failed') return s.count ? s.failed / s.count : null;
    return stat === 'rate' ? s.count / secs : s.count;
  }

  /** Summary entries, keyed by series name (`http_req_duration{name:chat}`); series without data are left out. */
  summaries(secs: number): Record<string, MetricSummary> {
    const out: Record<string, MetricSummary> = {};
    for (const s of this.list) {
      if (s.count === 0) continue;
      if (s.hist) {
        const st: HistStats | null = s.hist.stats();
        if (st) out[s.name] = st;
      } else if (s.metric === 'http_req_failed') out[s.name] = { count: s.failed, rate: round4(s.failed / s.count) };
      else out[s.name] = { count: s.count, rate: round4(s.count / secs) };
    }
    return out;
  }

  destroy(): void {
    for (const s of this.list) s.hist?.destroy();
  }
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
