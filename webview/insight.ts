// What the run found about the gateway itself, in the panel: the live cache tile (hit ratio from
// cache-status headers, so far) and, in the summary, the gateway's warnings and the cache and
// stream tables, from the same rows as the CLI and the reports.
import type { Summary } from '../src/protocol';
import { cacheRows } from '../src/shared/cache-summary';
import { streamRows } from '../src/shared/stream-summary';
import type { Kpi } from './kpis';
import type { ViewState } from './state';
import { fmtNum, fmtPct } from './format';
import { h } from './dom';

/** The cache tile, once any answer carried a cache-status header (or the run repeats prompts); else none. */
export function cacheKpis(state: ViewState): Kpi[] {
  const s = state.summary;
  let hits = 0;
  let misses = 0;
  let seen = false;
  if (s) {
    if (!s.cache) return [];
    hits = s.cache.hits;
    misses = s.cache.misses;
    seen = true;
  } else {
    for (const w of state.windows) {
      if (!w.cache) continue;
      seen = true;
      hits += w.cache.hits;
      misses += w.cache.misses;
    }
  }
  if (!seen) return [];
  const n = hits + misses;
  const repeat = s?.cache?.repeatShare ?? null;
  return [
    {
      id: 'cache',
      label: 'Cache hit ratio',
      value: n ? fmtPct(hits / n) : '—',
      detail: n
        ? `${fmtNum(hits, 0)} hits of ${fmtNum(n, 0)}${repeat !== null ? ` · ${fmtPct(repeat)} repeats sent` : ''}`
        : 'no cache-status header yet',
      target: null,
      verdict: 'none',
      scope: s ? 'whole run' : 'so far',
    },
  ];
}

/** The gateway's warnings, first in the summary: they change how to read the rest. */
export function insightWarnings(s: Summary): HTMLElement[] {
  return (s.warnings ?? []).map((w) => h('p', { class: 'warning', 'data-warning': 'gateway' }, `⚠ ${w}`));
}

/** The cache and stream tables of the summary. */
export function insightTables(s: Summary): HTMLElement[] {
  const out: HTMLElement[] = [];
  const rows = (cls: string, r: Array<[string, string]>): HTMLElement =>
    h(
      'table',
      { class: `grid ${cls}` },
      h('tbody', {}, ...r.map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v)))),
    );
  if (s.cache) out.push(h('h3', {}, 'Cache'), rows('cache', cacheRows(s.cache)));
  if (s.stream) out.push(h('h3', {}, 'Stream'), rows('stream', streamRows(s.stream)));
  return out;
}
