// The end-of-run summary: every metric's statistics, error classes, checks, and the actions
// the host offers on a finished run (export, mark as baseline, compare).
import type { MetricSummary, Summary } from '../src/protocol';
import { fmtMs, fmtNum, fmtPct } from './format';
import { h } from './dom';
import { gatewaySummaryParts } from './gateway';
import { insightTables, insightWarnings } from './insight';
import { conversationParts } from './conversations';

/** The actions the summary's buttons ask the host for. */
export type SummaryAction = 'run/exportReport' | 'run/markBaseline' | 'run/compareBaseline';

const RATE_METRICS = new Set([
  'http_req_failed',
  'checks',
  'gateway_overhead_failed',
  'gateway_fallbacks',
  'cache_hit_ratio',
]);
const COUNT_UNITS = new Set([
  'http_reqs',
  'output_tokens',
  'input_tokens',
  'iterations',
  'dropped_iterations',
  'vus',
  'active_connections',
]);

/** A statistic of a metric in its unit: ms for time trends, tokens/s, plain counts. */
export function fmtStat(metric: string, v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  if (metric === 'output_tokens_per_second') return fmtNum(v, 1);
  if (COUNT_UNITS.has(metric)) return fmtNum(v, 1);
  return fmtMs(v);
}

function metricRow(name: string, m: MetricSummary): HTMLElement {
  const stat = (k: 'avg' | 'p50' | 'p90' | 'p95' | 'p99' | 'max') => h('td', { class: 'num' }, fmtStat(name, m[k]));
  let extra = '—';
  // Tag-filtered series (`http_req_failed{path:direct}`) are fractions like their metric.
  if (m.rate !== undefined)
    extra = RATE_METRICS.has(name.replace(/\{.*\}$/, '')) ? fmtPct(m.rate) : `${fmtNum(m.rate, 2)}/s`;
  else if (m.value !== undefined) extra = fmtNum(m.value, 1);
  const unit = name === 'output_tokens_per_second' ? ' (tok/s)' : '';
  return h(
    'tr',
    { 'data-metric': name },
    h('td', { class: 'mono' }, name + unit),
    h('td', { class: 'num' }, m.count === undefined ? '—' : fmtNum(m.count, 0)),
    stat('avg'),
    stat('p50'),
    stat('p90'),
    stat('p95'),
    stat('p99'),
    stat('max'),
    h('td', { class: 'num' }, extra),
  );
}

function table(cls: string, head: string[], rows: HTMLElement[]): HTMLElement {
  return h(
    'table',
    { class: `grid ${cls}` },
    h(
      'thead',
      {},
      h('tr', {}, ...head.map((t, i) => h('th', { scope: 'col', class: i === 0 ? undefined : 'num' }, t))),
    ),
    h('tbody', {}, ...rows),
  );
}

/** Renders the summary and its action buttons; `act` posts the chosen action to the host. */
export function renderSummary(root: HTMLElement, s: Summary, act: (a: SummaryAction) => void): void {
  const button = (label: string, action: SummaryAction, secondary: boolean) => {
    const b = h('vscode-button', { 'data-action': action, secondary });
    b.textContent = label;
    b.addEventListener('click', () => act(action));
    return b;
  };
  const names = Object.keys(s.metrics).sort();
  const errors = Object.entries(s.errors)
    .filter(([, n]) => (n ?? 0) > 0)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
  const sent = s.requests.sent;
  const parts: Array<Node | null> = [
    h(
      'div',
      { class: 'actions' },
      button('Export report', 'run/exportReport', false),
      button('Mark as baseline', 'run/markBaseline', true),
      button('Compare with baseline', 'run/compareBaseline', true),
    ),
    s.reason ? h('p', { class: 'reason' }, `Ended: ${s.reason}`) : null,
    ...insightWarnings(s),
    h(
      'p',
      { class: 'muted' },
      `${fmtNum(sent, 0)} requests sent · ${fmtNum(s.requests.succeeded, 0)} succeeded · ${fmtNum(s.requests.failed, 0)} failed · ${(s.durationMs / 1000).toFixed(1)} s`,
    ),
    h('h3', {}, 'Metrics'),
    table(
      'metrics',
      ['Metric', 'count', 'avg', 'p50', 'p90', 'p95', 'p99', 'max', 'rate'],
      names.map((n) => metricRow(n, s.metrics[n])),
    ),
    h('h3', {}, 'Errors by class'),
    errors.length === 0
      ? h('p', { class: 'muted' }, 'No failed requests.')
      : table(
          'errors',
          ['Class', 'requests', 'share of sent'],
          errors.map(([c, n]) =>
            h(
              'tr',
              { 'data-class': c },
              h('td', { class: 'mono' }, c),
              h('td', { class: 'num' }, fmtNum(n ?? 0, 0)),
              h('td', { class: 'num' }, sent > 0 ? fmtPct((n ?? 0) / sent) : '—'),
            ),
          ),
        ),
    h('h3', {}, 'Checks'),
    s.checks.length === 0
      ? h('p', { class: 'muted' }, 'No checks.')
      : table(
          'checks',
          ['Check', 'passes', 'fails', 'pass rate'],
          s.checks.map((c) =>
            h(
              'tr',
              { 'data-state': c.fails > 0 ? 'fail' : 'pass' },
              h('td', { class: 'mono' }, `${c.fails > 0 ? '✗' : '✓'} ${c.name}`),
              h('td', { class: 'num' }, fmtNum(c.passes, 0)),
              h('td', { class: 'num' }, fmtNum(c.fails, 0)),
              h('td', { class: 'num' }, c.passes + c.fails > 0 ? fmtPct(c.passes / (c.passes + c.fails)) : '—'),
            ),
          ),
        ),
    Object.keys(s.models).length > 0
      ? h(
          'p',
          { class: 'muted' },
          `Models that answered: ${Object.entries(s.models)
            .map(([m, n]) => `${m} (${fmtNum(n, 0)})`)
            .join(', ')}`,
        )
      : null,
    (s.generator.workers ?? 1) > 1
      ? h('p', { class: 'muted' }, `Load shared among ${fmtNum(s.generator.workers ?? 1, 0)} worker threads.`)
      : null,
    ...gatewaySummaryParts(s),
    ...insightTables(s),
    ...conversationParts(s),
    ...s.generator.warnings.map((w) => h('p', { class: 'warning' }, `⚠ ${w}`)),
  ];
  root.replaceChildren(...parts.filter((p): p is Node => p !== null));
}
