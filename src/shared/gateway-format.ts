// Words and table rows for what a run learned about the gateway itself: the overhead headline,
// the per-percentile table, the header metrics and the routing. One module for the CLI, the
// reports and the panel, so they say the same thing.
import type { Summary } from '../protocol';
import {
  OVERHEAD_PERCENTILES,
  type GatewayHeaderMetric,
  type OverheadEstimate,
  type OverheadSummary,
  type RoutingSummary,
} from './gateway-types';

function ms(v: number): string {
  const a = Math.abs(v);
  return a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : a >= 1 ? v.toFixed(1) : v.toFixed(2);
}

/** Half the width of the 95% interval, or null without one. */
export function halfWidth(e: OverheadEstimate): number | null {
  return e.ciLowMs === null || e.ciHighMs === null ? null : (e.ciHighMs - e.ciLowMs) / 2;
}

/** "Gateway adds 3.6 ms at p50 (±0.4), 11.2 ms at p99 (±2.1)" — or why there is no figure. */
export function overheadHeadline(o: OverheadSummary): string {
  const d = o.http_req_duration;
  const part = (p: 'p50' | 'p99'): string | null => {
    const e = d[p];
    if (!e) return null;
    const h = halfWidth(e);
    return `${ms(e.addedMs)} ms at ${p}${h === null ? '' : ` (±${ms(h)})`}`;
  };
  const parts = [part('p50'), part('p99')].filter((x): x is string => x !== null);
  if (!parts.length) return 'Gateway overhead: no successful answers on both paths.';
  const err =
    o.errorRate.added !== 0
      ? `; errors ${o.errorRate.added > 0 ? '+' : ''}${(o.errorRate.added * 100).toFixed(2)} pt`
      : '';
  return `Gateway adds ${parts.join(', ')}${err}`;
}

/** One row per metric and percentile: gateway, direct, added and its interval (ms, as text). */
export function overheadRows(o: OverheadSummary): string[][] {
  const rows: string[][] = [];
  const metrics = [
    ['http_req_duration', o.http_req_duration],
    ['time_to_first_token', o.time_to_first_token],
  ] as const;
  for (const [name, by] of metrics) {
    if (!by) continue;
    for (const p of OVERHEAD_PERCENTILES) {
      const e = by[p];
      if (!e) continue;
      rows.push([
        name,
        p,
        ms(e.gatewayMs),
        ms(e.directMs),
        `${e.addedMs >= 0 ? '+' : ''}${ms(e.addedMs)}`,
        e.ciLowMs === null || e.ciHighMs === null ? '–' : `${ms(e.ciLowMs)} … ${ms(e.ciHighMs)}`,
      ]);
    }
  }
  return rows;
}

export const OVERHEAD_COLUMNS = ['metric', 'percentile', 'gateway ms', 'direct ms', 'added ms', '95% CI ms'];

/** How the figure was made, in one sentence. */
export function overheadMethod(o: OverheadSummary): string {
  return `Arrivals alternated between the gateway and ${o.direct} (${o.requests.gateway} / ${o.requests.direct} requests); 95% intervals from ${o.resamples} paired block-bootstrap resamples of ${o.blocks} ${o.blockSeconds === 1 ? 'one-second' : `${o.blockSeconds}-second`} blocks (none where fewer than 10 answers lie beyond the percentile). Error rate ${(o.errorRate.gateway * 100).toFixed(2)}% through the gateway, ${(o.errorRate.direct * 100).toFixed(2)}% direct.`;
}

export const GATEWAY_HEADER_COLUMNS = ['metric', 'header', 'answers', 'p50', 'p90', 'p99', 'avg', 'total / values'];

/** One row per header metric. */
export function gatewayHeaderRows(h: Record<string, GatewayHeaderMetric>): string[][] {
  return Object.entries(h)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([metric, m]) => {
      if (m.values)
        return [
          metric,
          m.header,
          String(m.count),
          '',
          '',
          '',
          '',
          Object.entries(m.values)
            .sort((a, b) => b[1] - a[1])
            .map(([v, n]) => `${v} ×${n}`)
            .join(' · '),
        ];
      const u = m.unit === 'ms' ? ' ms' : m.unit === 'USD' ? ' USD' : '';
      const f = (v: number | undefined): string => (v === undefined ? '' : `${num(v)}${u}`);
      return [
        metric,
        m.header,
        String(m.count),
        f(m.p50),
        f(m.p90),
        f(m.p99),
        f(m.avg),
        m.unit === 'ms' ? '' : f(m.sum),
      ];
    });
}

function num(v: number): string {
  const a = Math.abs(v);
  return a === 0 ? '0' : a < 0.01 ? v.toPrecision(3) : a < 100 ? String(Math.round(v * 1000) / 1000) : v.toFixed(0);
}

export const ROUTING_COLUMNS = ['served model', 'answers', 'p50 ms', 'p90 ms', 'p99 ms', 'TTFT p50 ms'];

/** One row per served model, most answers first. */
export function routingRows(r: RoutingSummary): string[][] {
  return Object.entries(r.byModel)
    .sort((a, b) => b[1].count - a[1].count)
    .map(([model, m]) => [
      model,
      String(m.count),
      ms(m.p50),
      ms(m.p90),
      ms(m.p99),
      m.ttftP50 === null ? '–' : ms(m.ttftP50),
    ]);
}

/** "fallbacks 12 (3.0%): 12 by x-litellm-attempted-fallbacks, 0 by served model". */
export function fallbackLine(r: RoutingSummary): string {
  const f = r.fallbacks;
  return `fallbacks ${f.count} (${(f.rate * 100).toFixed(1)}% of answers)${f.count ? `: ${f.fromHeader} by x-litellm-attempted-fallbacks, ${f.fromModel} by a served model other than the one asked for` : ''}`;
}

/** The console's lines for the gateway sections (empty when the run learned nothing of them). */
export function gatewayLines(s: Summary): string[] {
  const out: string[] = [];
  const o = s.overhead;
  if (o) {
    out.push('', `  overhead   ${overheadHeadline(o)}`);
    const rows = overheadRows(o);
    const w = [22, 12, 12, 12, 12, 20];
    out.push(`    ${OVERHEAD_COLUMNS.map((c, i) => (i < 2 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('')}`);
    for (const r of rows) out.push(`    ${r.map((c, i) => (i < 2 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('')}`);
    out.push(`    ${overheadMethod(o)}`);
    if (o.caution) out.push(`  caution    ${o.caution}`);
  }
  const h = s.gatewayHeaders;
  if (h) {
    out.push('', '  gateway headers');
    for (const r of gatewayHeaderRows(h)) {
      const [metric, header, n, p50, , p99, avg, rest] = r;
      const stats = p50 ? `p50 ${p50} · p99 ${p99} · avg ${avg}${rest ? ` · total ${rest}` : ''}` : rest;
      out.push(`    ${metric.padEnd(32)} ${`(${header})`.padEnd(34)} ×${n}  ${stats}`);
    }
  }
  const r = s.routing;
  if (r && (Object.keys(r.byModel).length > 1 || r.fallbacks.count > 0)) {
    out.push('', '  routing    ' + fallbackLine(r));
    for (const row of routingRows(r))
      out.push(`    ${row[0].padEnd(32)} ×${row[1].padEnd(7)} p50 ${row[2]} ms · p90 ${row[3]} ms · p99 ${row[4]} ms`);
  }
  return out;
}
