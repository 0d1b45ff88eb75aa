// `slo:` — per-request service levels, at the scenario level or per request. A request meets its
// SLO when it succeeded and every bound holds for it; goodput counts those.
import { isMap } from 'yaml';
import type { SloSpec } from './model';
import { error } from './yaml-ranges';
import { readDuration, readMap, type Entry } from './read';
import type { Ctx } from './yaml-ranges';

/** The bounds an `slo:` block may set, by the metric they bound, and the model field they fill. */
export const SLO_BOUNDS = [
  ['time_to_first_token', 'ttftMs'],
  ['time_per_output_token', 'tpotMs'],
  ['http_req_duration', 'durationMs'],
] as const;

/** Reads one `slo:` block (`what` is `slo` or `requests[2].slo`); undefined when it is absent or wrong. */
export function validateSlo(
  ctx: Ctx,
  entry: Entry | undefined,
  what: string,
  table: 'slo' | 'requests[].slo',
): SloSpec | undefined {
  if (!entry) return undefined;
  const m = readMap(
    ctx,
    entry.value,
    what,
    table,
    '{ time_to_first_token: 300ms, time_per_output_token: 50ms, http_req_duration: 5s }',
  );
  if (!m) return undefined;
  const out: SloSpec = {};
  for (const [metric, field] of SLO_BOUNDS) {
    const e = m.get(metric);
    if (!e) continue;
    const ms = readDuration(
      ctx,
      e,
      `${what}.${metric}`,
      metric === 'http_req_duration' ? '5s' : metric === 'time_to_first_token' ? '300ms' : '50ms',
    );
    if (ms === undefined) continue;
    if (ms <= 0) {
      error(ctx, e.value, 'out-of-range', `'${what}.${metric}' must be longer than 0ms.`);
      continue;
    }
    out[field] = ms;
  }
  if (isMap(entry.value) && entry.value.items.length === 0) {
    error(
      ctx,
      entry.value ?? entry.key,
      'empty-slo',
      `'${what}' sets no bound: add time_to_first_token, time_per_output_token or http_req_duration, e.g. { time_to_first_token: 300ms }.`,
    );
    return undefined;
  }
  return out;
}
