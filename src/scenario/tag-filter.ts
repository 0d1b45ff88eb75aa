// k6-style tag filters on a metric name: `http_req_duration{expected_response:true}`,
// `http_req_duration{name:chat}`, `http_req_failed{status:500}`. One filter per series, as the
// engine keeps one extra histogram per filtered series a threshold names (bounded by the file).
import { metricInfo, type MetricInfo } from '../shared/metrics';

/** Most turns a conversation may have (per-turn series and the summary's table are bounded by it). */
export const MAX_TURNS = 100;

/** The tags a filter may name. */
export const TAG_KEYS = ['expected_response', 'name', 'status', 'turn'] as const;
export type TagKey = (typeof TAG_KEYS)[number];

/** One `{key:value}` filter. */
export interface TagFilter {
  key: TagKey;
  value: string;
}

/** What each tag means, for hover and completion. */
export const TAG_DOCS: Record<TagKey, string> = {
  expected_response:
    "`true`: answers with a 2xx status that were read to the end (a failed check does not remove one); `false`: every other request. As k6's `{expected_response:true}`.",
  name: 'Requests of one entry of `requests:` (its `name`).',
  status: 'Answers with this HTTP status, e.g. `{status:200}` or `{status:429}`.',
  turn: 'Requests that were turn N of a conversation (`conversation:` or a multi-turn dataset), e.g. `{turn:3}`; 1 to 100.',
};

/** Metrics that can be filtered by tag: the ones recorded once per request. */
export const TAGGABLE_METRICS = [
  'http_req_duration',
  'http_req_service_duration',
  'time_to_first_token',
  'http_req_failed',
  'http_reqs',
] as const;

/** A metric key split into its metric and filter; `error` has offsets into the key. */
export type MetricKey =
  | { metric: MetricInfo; tag?: TagFilter; error?: undefined }
  | { error: { message: string; start: number; end: number }; metric?: undefined };

const KEY = /^([A-Za-z_]\w*)\{(.*)\}$/;

/** Parses `metric` or `metric{key:value}`. Unknown metrics are left to the caller (`metric` undefined, no error). */
export function parseMetricKey(text: string, requestNames?: readonly string[]): MetricKey | null {
  const plain = metricInfo(text);
  if (plain) return { metric: plain };
  const m = KEY.exec(text);
  if (!m) return null;
  const metric = metricInfo(m[1]);
  if (!metric) return null;
  const inner = m[2];
  const open = m[1].length + 1;
  const fail = (message: string, start = open, end = open + inner.length): MetricKey => ({
    error: { message, start, end: Math.max(end, start + 1) },
  });
  if (!(TAGGABLE_METRICS as readonly string[]).includes(metric.name)) {
    return fail(
      `'${metric.name}' cannot be filtered by tag: filters apply to ${TAGGABLE_METRICS.join(', ')}.`,
      0,
      text.length,
    );
  }
  const colon = inner.indexOf(':');
  if (colon < 0)
    return fail(`Expected 'key:value' inside the braces, e.g. {expected_response:true}, {name:chat} or {status:200}.`);
  const key = inner.slice(0, colon).trim();
  const value = inner.slice(colon + 1).trim();
  if (!(TAG_KEYS as readonly string[]).includes(key)) {
    return fail(`Unknown tag '${key}': filter by ${TAG_KEYS.join(', ')}.`, open, open + colon);
  }
  const vs = open + colon + 1;
  const ve = open + inner.length;
  if (key === 'expected_response' && value !== 'true' && value !== 'false')
    return fail(`'expected_response' is true or false, not '${value}'.`, vs, ve);
  if (key === 'status' && !/^[1-5]\d\d$/.test(value))
    return fail(`'${value}' is not an HTTP status: write a number from 100 to 599, e.g. {status:200}.`, vs, ve);
  if (key === 'turn' && !/^[1-9]\d*$/.test(value))
    return fail(`'${value}' is not a turn: write 1 to 100, e.g. {turn:3}.`, vs, ve);
  if (key === 'turn' && Number(value) > MAX_TURNS)
    return fail(`Turn ${value} is beyond the ${MAX_TURNS} turns a conversation may have.`, vs, ve);
  if (key === 'name') {
    if (value === '') return fail('Name the request to filter by, e.g. {name:chat}.', vs, ve);
    if (requestNames && !requestNames.includes(value))
      return fail(`No request is named '${value}'. Names: ${requestNames.join(', ') || 'none'}.`, vs, ve);
  }
  return { metric, tag: { key: key as TagKey, value } };
}

/** The series name a summary and a threshold state use, e.g. `http_req_duration{name:chat}`. */
export function seriesName(metric: string, tag?: TagFilter): string {
  return tag ? `${metric}{${tag.key}:${tag.value}}` : metric;
}
