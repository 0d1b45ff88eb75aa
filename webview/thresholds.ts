// The thresholds table: live from the last window (cumulative values), final from the summary.
import type { ViewState } from './state';
import { fmtMs, fmtNum, fmtPct } from './format';
import { h } from './dom';

/** One row: a threshold expression and where it stands now. */
export interface ThresholdRow {
  metric: string;
  expression: string;
  value: number | null;
  state: 'pass' | 'fail' | 'pending';
}

/** The rows to show: the summary's at the end, else the newest window's. */
export function thresholdRows(state: ViewState): ThresholdRow[] {
  const list = state.summary?.thresholds ?? state.windows[state.windows.length - 1]?.thresholds ?? [];
  return list.map((t) => ({
    metric: t.metric,
    expression: t.expression,
    value: t.value,
    state: t.value === null && !state.summary ? 'pending' : t.ok ? 'pass' : 'fail',
  }));
}

/** A threshold's current value in the metric's unit. */
export function fmtThresholdValue(metric: string, expression: string, value: number | null): string {
  if (value === null) return '—';
  if (/^\s*rate\b/.test(expression) && (metric === 'http_req_failed' || metric === 'checks')) return fmtPct(value);
  if (metric === 'output_tokens_per_second') return `${fmtNum(value)} tok/s`;
  if (/^\s*(p\(|avg|min|max|med)/.test(expression) && metric !== 'vus' && metric !== 'active_connections')
    return fmtMs(value);
  return fmtNum(value, 3);
}

const STATE_TEXT: Record<ThresholdRow['state'], string> = { pass: '✓ pass', fail: '✗ fail', pending: '… no data' };

/** Renders the table (or a note that the scenario has no thresholds). */
export function renderThresholds(root: HTMLElement, state: ViewState): void {
  const rows = thresholdRows(state);
  if (rows.length === 0) {
    root.replaceChildren(h('p', { class: 'muted' }, 'This scenario defines no thresholds.'));
    return;
  }
  root.replaceChildren(
    h(
      'table',
      { class: 'grid thresholds' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Metric'),
          h('th', { scope: 'col' }, 'Threshold'),
          h('th', { scope: 'col', class: 'num' }, 'Now'),
          h('th', { scope: 'col' }, 'State'),
        ),
      ),
      h(
        'tbody',
        {},
        ...rows.map((r) =>
          h(
            'tr',
            { 'data-state': r.state, 'data-metric': r.metric },
            h('td', { class: 'mono' }, r.metric),
            h('td', { class: 'mono' }, r.expression),
            h('td', { class: 'num' }, fmtThresholdValue(r.metric, r.expression, r.value)),
            h('td', { class: 'threshold-state' }, STATE_TEXT[r.state]),
          ),
        ),
      ),
    ),
  );
}
