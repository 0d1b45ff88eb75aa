// Lengths in tokens as people read them: requested against served percentiles, the chat format's
// overhead, short answers, and TTFT per shared prefix. One formatter for the CLI, Markdown and HTML.
import type { LengthStats, Summary, TokenLengths } from '../protocol';

function dist(d: LengthStats | null): string {
  if (!d) return '—';
  return `p50 ${d.p50} · p90 ${d.p90} · p99 ${d.p99} (mean ${d.mean.toFixed(1)} ± ${d.stddev.toFixed(1)})`;
}

/** Rows `[what, requested, served, note]` for a table of lengths. */
export function tokenLengthRows(t: TokenLengths): Array<[string, string, string, string]> {
  const rows: Array<[string, string, string, string]> = [];
  const { input, output } = t;
  if (input.requested || input.served) {
    const note =
      input.overheadMean !== null
        ? `served − requested: ${input.overheadMean >= 0 ? '+' : ''}${input.overheadMean} per request (chat framing)`
        : '';
    rows.push(['input tokens', dist(input.requested), dist(input.served), note]);
  }
  if (output.requested || output.served) {
    rows.push([
      'output tokens',
      dist(output.requested),
      dist(output.served),
      output.shortAnswers ? `${output.shortAnswers} answers shorter than max_tokens` : '',
    ]);
  }
  return rows;
}

/** `#g p50/p90/p99 ms (n)` per prefix group. */
export function prefixGroupText(t: TokenLengths): string | null {
  if (!t.ttftByPrefixGroup.length) return null;
  return t.ttftByPrefixGroup.map((g) => `#${g.group} ${g.p50}/${g.p90}/${g.p99} ms (${g.count})`).join(' · ');
}

/** Lines for the CLI summary; empty when the run planned no lengths. */
export function tokenLengthLines(s: Summary): string[] {
  const t = s.tokenLengths;
  if (!t) return [];
  const out: string[] = [];
  for (const [what, req, served, note] of tokenLengthRows(t)) {
    out.push(
      `  ${what.padEnd(14)} requested ${req}`,
      `  ${''.padEnd(14)} served    ${served}${note ? ` · ${note}` : ''}`,
    );
  }
  const groups = prefixGroupText(t);
  if (groups) out.push(`  TTFT by prefix group (p50/p90/p99)  ${groups}`);
  return out;
}

/** A Markdown section; empty when the run planned no lengths. */
export function tokenLengthMarkdown(s: Summary): string[] {
  const t = s.tokenLengths;
  if (!t) return [];
  const out = ['### Lengths in tokens', '', '| | requested | served | |', '| --- | --- | --- | --- |'];
  for (const [what, req, served, note] of tokenLengthRows(t)) out.push(`| ${what} | ${req} | ${served} | ${note} |`);
  const groups = prefixGroupText(t);
  if (groups) out.push('', `**TTFT by prefix group (p50/p90/p99):** ${groups}`);
  out.push('');
  return out;
}
