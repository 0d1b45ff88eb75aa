// The summary's `cache`, `stream` and gateway `warnings` as people read them: one set of rows
// (src/shared/) printed as terminal lines, Markdown and HTML, so every face says the same thing.
import type { Summary } from '../protocol';
import { cacheRows } from '../shared/cache-summary';
import { streamRows } from '../shared/stream-summary';

/** Lines for the CLI summary: the gateway's warnings first (they change how to read the rest). */
export function insightLines(s: Summary): string[] {
  const out: string[] = [];
  if (s.cache) {
    out.push('', '  cache');
    for (const [k, v] of cacheRows(s.cache)) out.push(`    ${k.padEnd(18)} ${v}`);
  }
  if (s.stream) {
    out.push('', '  stream');
    for (const [k, v] of streamRows(s.stream)) out.push(`    ${k.padEnd(18)} ${v}`);
  }
  return out;
}

/** The gateway's warnings for the CLI (printed beside the generator's). */
export function insightWarningLines(s: Summary): string[] {
  return (s.warnings ?? []).map((w) => `  warning    ${w}`);
}

/** Markdown sections; empty without cache, stream or warnings. */
export function insightMarkdown(s: Summary): string[] {
  const out: string[] = [];
  for (const w of s.warnings ?? []) out.push(`> ⚠ ${w}`, '');
  const section = (title: string, rows: Array<[string, string]>): void => {
    out.push(`### ${title}`, '', '| | |', '| --- | --- |');
    for (const [k, v] of rows) out.push(`| ${k} | ${v.replace(/\|/g, '\\|')} |`);
    out.push('');
  };
  if (s.cache) section('Cache', cacheRows(s.cache));
  if (s.stream) section('Stream', streamRows(s.stream));
  return out;
}

/** HTML sections (`esc` is the report's escaper); empty without cache, stream or warnings. */
export function insightHtml(s: Summary, esc: (t: string) => string): string {
  const rows = (r: Array<[string, string]>): string =>
    `<table><tbody>${r.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</tbody></table>`;
  let html = '';
  const warnings = s.warnings ?? [];
  if (warnings.length)
    html += `<section id="gateway-warnings">${warnings.map((w) => `<p class="warn">⚠ ${esc(w)}</p>`).join('')}</section>`;
  if (s.cache) html += `<section id="cache"><h2>Cache</h2>${rows(cacheRows(s.cache))}</section>`;
  if (s.stream) html += `<section id="stream"><h2>Stream</h2>${rows(streamRows(s.stream))}</section>`;
  return html;
}

/** JUnit `<property>` pairs: the cache hit ratio and the stream's shape, for CI dashboards. */
export function insightProperties(s: Summary): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (s.cache && s.cache.hitRatio !== null) out.push(['cacheHitRatio', String(s.cache.hitRatio)]);
  if (s.stream) {
    out.push(['streamBuffered', String(s.stream.buffered)]);
    if (s.stream.chunksPerResponse) out.push(['streamChunksPerResponseP50', String(s.stream.chunksPerResponse.p50)]);
  }
  return out;
}
