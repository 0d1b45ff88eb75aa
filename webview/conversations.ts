// The panel's conversations section at the end of a run: how conversations ended, a row per turn
// and what each dataset gave, in the same words as the CLI and the reports (src/shared).
import type { Summary } from '../src/protocol';
import { conversationLine, datasetLines, TURN_HEAD, turnRows } from '../src/shared/conversations-format';
import { h } from './dom';

/** Heading, line, per-turn table and dataset lines; nothing for a run without them. */
export function conversationParts(s: Summary): HTMLElement[] {
  const line = conversationLine(s);
  const turns = s.conversations?.turns ?? [];
  const datasets = datasetLines(s);
  if (!line && !datasets.length) return [];
  const out: HTMLElement[] = [h('h3', {}, 'Conversations')];
  if (line) out.push(h('p', { class: 'conversations-line' }, line));
  if (turns.length)
    out.push(
      h(
        'table',
        { class: 'grid turns' },
        h('thead', {}, h('tr', {}, ...TURN_HEAD.map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, ...turnRows(turns).map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))),
      ),
    );
  for (const d of datasets) out.push(h('p', { class: 'dataset-line' }, `Dataset ${d}`));
  return out;
}
