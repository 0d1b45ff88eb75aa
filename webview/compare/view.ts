// The compare view's DOM: the overall verdict, the two runs, the overlay charts and the table.
// Verdicts are written (better / same / worse, with a mark) as well as coloured, for people
// who do not see the colour and for screen readers.
import type { CompareSide, CompareSnapshotNotification } from '../../src/protocol';
import type { Verdict } from '../../src/shared/compare-types';
import { metricGroups, overallVerdict, type MetricGroup } from './model';
import { fmtClock } from '../format';
import { h } from '../dom';

/** What the view's buttons ask the host for. */
export type CompareAction =
  { type: 'compare/openMarkdown' } | { type: 'compare/openRun'; side: 'baseline' | 'current' };

// Marks that say good or bad, not up or down: lower is better for latency, higher for throughput.
const MARK: Record<Verdict, string> = { better: '✓', same: '=', worse: '✗' };

/** A verdict badge: the word, an arrow, and the verdict's colour from the theme. */
export function verdictBadge(v: Verdict | null, text?: string): HTMLElement {
  if (!v) return h('span', { class: 'verdict-badge', 'data-verdict': 'none' }, text ?? '—');
  return h(
    'span',
    { class: 'verdict-badge', 'data-verdict': v },
    h('span', { 'aria-hidden': 'true' }, `${MARK[v]} `),
    text ?? v,
  );
}

function runCard(label: string, side: CompareSide, open: () => void): HTMLElement {
  const s = side.summary;
  const link = h('vscode-button', { secondary: true, 'data-action': `open-${label}` });
  link.textContent = 'Show run';
  link.addEventListener('click', open);
  return h(
    'section',
    { class: 'run-card', 'data-side': label, 'aria-label': label },
    h(
      'div',
      { class: 'run-card-title' },
      h('span', { class: 'side-label' }, label),
      h('span', { class: 'mono run-id' }, side.info.runId),
      h('span', { class: 'spacer' }),
      link,
    ),
    h(
      'div',
      { class: 'muted' },
      `${s.startedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')} · ${s.status} · ${fmtClock(s.durationMs)} · ${s.requests.sent.toLocaleString('en-US')} requests`,
    ),
    side.source ? h('div', { class: 'muted mono source' }, side.source) : null,
  );
}

function table(groups: MetricGroup[]): HTMLElement {
  const head = ['Metric / stat', 'Baseline', 'Current', 'Change', 'Tolerance', 'Verdict'];
  const rows: HTMLElement[] = [];
  for (const g of groups) {
    rows.push(
      h(
        'tr',
        { class: 'metric-row', 'data-metric': g.metric, 'data-verdict': g.verdict ?? 'none' },
        h(
          'th',
          { scope: 'rowgroup', colspan: '4', class: 'mono' },
          g.metric,
          h(
            'span',
            { class: 'muted direction' },
            g.verdict === null
              ? '  shown for information'
              : g.higherIsBetter
                ? '  higher is better'
                : '  lower is better',
          ),
        ),
        h('td', { class: 'num' }, g.tolerance),
        h('td', {}, verdictBadge(g.verdict, g.verdict ?? 'info')),
      ),
    );
    for (const r of g.rows) {
      const note =
        r.verdictText && r.verdict && r.verdictText !== r.verdict ? r.verdictText.slice(r.verdict.length).trim() : '';
      const verdictCell = r.verdict
        ? h('td', {}, verdictBadge(r.verdict), note ? h('span', { class: 'muted note' }, ` ${note}`) : null)
        : h('td', { class: 'muted' }, r.verdictText);
      rows.push(
        h(
          'tr',
          {
            class: 'stat-row',
            'data-metric': r.metric,
            'data-stat': r.stat,
            'data-verdict': r.verdict ?? 'none',
            'data-decides': r.decides ? 'yes' : 'no',
          },
          h('td', { class: 'stat' }, r.label),
          h('td', { class: 'num' }, r.baseline),
          h('td', { class: 'num' }, r.current),
          h('td', { class: 'num change' }, r.change),
          h('td', {}),
          verdictCell,
        ),
      );
    }
  }
  return h(
    'table',
    { class: 'grid compare' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...head.map((t, i) =>
          h('th', { scope: 'col', class: i === 0 || i === head.length - 1 ? undefined : 'num' }, t),
        ),
      ),
    ),
    h('tbody', {}, ...rows),
  );
}

/** The parts of the view that are rebuilt from each snapshot; the charts fill `charts`. */
export interface CompareDom {
  root: HTMLElement;
  charts: HTMLElement;
  /** Where the capacity section goes (both runs sweeps). */
  capacity: HTMLElement;
}

/** Builds the view's skeleton in `root`. */
export function buildCompareDom(
  root: HTMLElement,
): CompareDom & { body: HTMLElement; head: HTMLElement; tableBox: HTMLElement } {
  const head = h(
    'header',
    { class: 'compare-header' },
    h('h1', {}, 'Gateway Load: comparison'),
    h('p', { class: 'muted' }, 'Waiting for the two runs…'),
  );
  const charts = h('div', { class: 'charts' });
  const capacity = h('div', {});
  const tableBox = h('div', {});
  const body = h(
    'main',
    { class: 'compare-body', hidden: true },
    capacity,
    h('section', { 'aria-label': 'Charts' }, h('h2', {}, 'Over time — baseline dashed, current solid'), charts),
    h('section', { 'aria-label': 'Every metric' }, h('h2', {}, 'Every metric'), tableBox),
  );
  root.replaceChildren(head, body);
  return { root, charts, capacity, body, head, tableBox };
}

/** Fills the header and the table from a snapshot; `act` posts a button's action to the host. */
export function renderCompare(
  dom: ReturnType<typeof buildCompareDom>,
  snap: CompareSnapshotNotification,
  act: (a: CompareAction) => void,
): void {
  const c = snap.comparison;
  const overall = overallVerdict(c);
  const md = h('vscode-button', { secondary: true, 'data-action': 'compare/openMarkdown' });
  md.textContent = 'Open as Markdown';
  md.addEventListener('click', () => act({ type: 'compare/openMarkdown' }));
  const scenario =
    c.current.scenario === c.baseline.scenario ? c.current.scenario : `${c.baseline.scenario} → ${c.current.scenario}`;
  dom.head.replaceChildren(
    h('div', { class: 'title-row' }, h('h1', {}, `Comparison: ${scenario}`), h('span', { class: 'spacer' }), md),
    h(
      'section',
      { class: 'overall', 'data-verdict': overall.verdict, role: 'status', 'aria-label': `Overall: ${overall.title}` },
      verdictBadge(overall.verdict, overall.title),
      h('span', { class: 'overall-detail' }, overall.detail),
    ),
    ...c.warnings.map((w) => h('p', { class: 'warning' }, `⚠ ${w}`)),
    h(
      'div',
      { class: 'run-cards' },
      runCard('baseline', snap.baseline, () => act({ type: 'compare/openRun', side: 'baseline' })),
      runCard('current', snap.current, () => act({ type: 'compare/openRun', side: 'current' })),
    ),
  );
  dom.tableBox.replaceChildren(table(metricGroups(c)));
  dom.body.hidden = false;
}
