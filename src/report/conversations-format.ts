// Conversations and datasets in the CLI summary and the Markdown report; the rows themselves are
// the shared floor's, so the HTML report and the panel say the same.
import type { Summary } from '../protocol';
import { conversationLine, datasetLines, TURN_HEAD, turnRows } from '../shared/conversations-format';

export { conversationLine, datasetLines, TURN_HEAD, turnRows };

/** Lines for the CLI summary; empty without conversations or datasets. */
export function conversationConsoleLines(s: Summary): string[] {
  const out: string[] = [];
  const line = conversationLine(s);
  const turns = s.conversations?.turns ?? [];
  if (line && turns.length > 1) {
    out.push(`  conversations ${line}`);
    const rows = [TURN_HEAD, ...turnRows(turns)];
    const widths = TURN_HEAD.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const r of rows) out.push(`    ${r.map((c, i) => c.padEnd(widths[i])).join('  ')}`.trimEnd());
  }
  for (const d of datasetLines(s)) out.push(`  dataset    ${d}`);
  return out;
}

/** A Markdown section; empty without conversations or datasets. */
export function conversationMarkdown(s: Summary): string[] {
  const line = conversationLine(s);
  const datasets = datasetLines(s);
  const turns = s.conversations?.turns ?? [];
  if (!(line && turns.length > 1) && !datasets.length) return [];
  const out = ['### Conversations', ''];
  if (line && turns.length > 1) {
    out.push(`**${line}**`, '', `| ${TURN_HEAD.join(' | ')} |`, `| ${TURN_HEAD.map(() => '---').join(' | ')} |`);
    for (const r of turnRows(turns)) out.push(`| ${r.join(' | ')} |`);
    out.push('');
  }
  for (const d of datasets) out.push(`- dataset ${d.replace(/\|/g, '\\|')}`);
  if (datasets.length) out.push('');
  return out;
}
