// A run summary in Markdown, fit for a pull-request comment or a wiki page of baselines.
import { monitorProblems, monitorRows } from '../shared/monitor-format';
import type { Summary } from '../protocol';
import { tokenLengthMarkdown } from './token-lengths-format';
import { conversationMarkdown } from './conversations-format';
import { insightMarkdown } from './insight-format';
import type { Comparison } from './compare';
import { renderComparisonMarkdown } from '../shared/compare-render';
import { duration, num, pct, withUnit } from '../shared/format';
import { atSeconds, bodyPreview, reasonWhere, statusCodesLine } from '../shared/reasons';
import { capacityMarkdown } from './capacity-report';
import { gatewayMarkdown } from './gateway-report';

/** The key figures a reader looks for first, in this order. */
const KEY_ROWS: Array<{ label: string; metric: string; stat: 'rate' | 'p50' | 'p90' | 'p95' | 'p99' | 'avg' }> = [
  { label: 'Throughput (req/s)', metric: 'http_reqs', stat: 'rate' },
  { label: 'Error rate', metric: 'http_req_failed', stat: 'rate' },
  { label: 'Latency p50', metric: 'http_req_duration', stat: 'p50' },
  { label: 'Latency p95', metric: 'http_req_duration', stat: 'p95' },
  { label: 'Latency p99', metric: 'http_req_duration', stat: 'p99' },
  { label: 'TTFT p50', metric: 'time_to_first_token', stat: 'p50' },
  { label: 'TTFT p95', metric: 'time_to_first_token', stat: 'p95' },
  { label: 'TTFO p50 (first output token, after reasoning)', metric: 'time_to_first_output_token', stat: 'p50' },
  { label: 'TTFO p95', metric: 'time_to_first_output_token', stat: 'p95' },
  { label: 'ITL p50', metric: 'inter_token_latency', stat: 'p50' },
  { label: 'ITL p95', metric: 'inter_token_latency', stat: 'p95' },
  { label: 'Output tokens/s per request (p50)', metric: 'output_tokens_per_second', stat: 'p50' },
  { label: 'Output tokens/s (aggregate)', metric: 'output_tokens', stat: 'rate' },
  { label: 'Reasoning tokens/s (aggregate)', metric: 'reasoning_tokens', stat: 'rate' },
];

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The key figures as [label, formatted value] pairs, skipping metrics the run did not record. */
export function keyFigures(summary: Summary): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  for (const r of KEY_ROWS) {
    const v = summary.metrics[r.metric]?.[r.stat];
    if (typeof v !== 'number') continue;
    // Reasoning rows only when the model reasoned: TTFO equals TTFT and the rate is 0 otherwise.
    if (r.metric === 'reasoning_tokens' && v === 0) continue;
    if (r.metric === 'time_to_first_output_token' && v === summary.metrics.time_to_first_token?.[r.stat]) continue;
    rows.push([
      r.label,
      r.metric === 'http_reqs' || r.metric === 'output_tokens' || r.metric === 'reasoning_tokens'
        ? num(v)
        : withUnit(r.metric, v),
    ]);
  }
  return rows;
}

/** Renders the summary; with a comparison, appends its section. */
export function renderMarkdown(summary: Summary, opts: { comparison?: Comparison } = {}): string {
  const failedThresholds = summary.thresholds.filter((t) => !t.ok);
  const ok = failedThresholds.length === 0 && summary.status === 'completed' && !opts.comparison?.regression;
  const out: string[] = [];
  out.push(`## ${ok ? '✅' : '❌'} Load test: ${cell(summary.scenario)}`, '');
  out.push(
    `**Status:** ${summary.status}${summary.reason ? ` (${cell(summary.reason)})` : ''} · **Duration:** ${duration(summary.durationMs)} of ${duration(summary.plannedDurationMs)} planned · **Executor:** ${summary.executor}${(summary.generator.workers ?? 1) > 1 ? ` on ${summary.generator.workers} load workers` : ''} · **Started:** ${summary.startedAt}`,
    '',
  );
  out.push(
    `**Requests:** ${summary.requests.sent} sent, ${summary.requests.succeeded} succeeded, ${summary.requests.failed} failed`,
    '',
  );

  out.push('| metric | value |', '| --- | ---: |');
  for (const [label, v] of keyFigures(summary)) out.push(`| ${label} | ${v} |`);
  out.push('');

  if (summary.thresholds.length) {
    out.push(
      `### Thresholds (${summary.thresholds.length - failedThresholds.length}/${summary.thresholds.length} passed)`,
      '',
      '| | metric | threshold | value |',
      '| --- | --- | --- | ---: |',
    );
    for (const t of summary.thresholds)
      out.push(`| ${t.ok ? '✓' : '✗'} | ${t.metric} | \`${cell(t.expression)}\` | ${withUnit(t.metric, t.value)} |`);
    out.push('');
  }

  const errors = Object.entries(summary.errors).filter(([, n]) => (n ?? 0) > 0);
  if (errors.length) {
    out.push('### Errors', '', '| class | count | share of requests |', '| --- | ---: | ---: |');
    for (const [cls, n] of errors)
      out.push(`| ${cls} | ${n} | ${pct(summary.requests.sent ? (n ?? 0) / summary.requests.sent : null)} |`);
    out.push('');
  }
  const reasons = summary.errorSamples ?? [];
  if (reasons.length) {
    out.push(
      '### Reasons',
      '',
      '| reason | message | count | first seen | sample body |',
      '| --- | --- | ---: | ---: | --- |',
    );
    for (const e of reasons)
      out.push(
        `| ${cell(reasonWhere(e))} | ${cell(e.message)} | ${e.count} | ${atSeconds(e.firstAtMs)} | ${e.body ? `\`${cell(bodyPreview(e.body)).replace(/`/g, "'")}\`` : ''} |`,
      );
    out.push('');
  }
  const codes = statusCodesLine(summary);
  if (codes) out.push(`**HTTP statuses:** ${codes}`, '');

  const http = summary.http;
  if (http && (http.protocol === 'h2' || http.redirects || http.proxy)) {
    out.push(
      `HTTP: ${[http.protocol === 'h2' ? 'HTTP/2 (h2)' : (http.protocol ?? ''), http.redirects ? `${http.redirects} redirects followed` : '', http.proxy ? `via proxy ${cell(http.proxy)}` : ''].filter(Boolean).join(' · ')}`,
      '',
    );
  }

  if (summary.checks.length) {
    out.push('### Checks', '', '| | check | passes | fails |', '| --- | --- | ---: | ---: |');
    for (const c of summary.checks)
      out.push(`| ${c.fails === 0 ? '✓' : '✗'} | \`${cell(c.name)}\` | ${c.passes} | ${c.fails} |`);
    out.push('');
  }

  out.push(...capacityMarkdown(summary));
  out.push(...gatewayMarkdown(summary));
  const monitor = monitorRows(summary.monitor);
  if (monitor.length) {
    out.push(
      '### Resources',
      '',
      '| series | min | avg | p95 | max | samples | gaps |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const r of monitor)
      out.push(`| ${cell(r.key)} | ${r.min} | ${r.avg} | ${r.p95} | ${r.max} | ${r.samples} | ${r.gaps} |`);
    for (const p of monitorProblems(summary.monitor)) out.push('', `> ⚠️ ${cell(p)}`);
    out.push('');
  }
  out.push(...tokenLengthMarkdown(summary));
  out.push(...conversationMarkdown(summary));
  out.push(...insightMarkdown(summary));

  if (summary.generator.saturated || summary.generator.warnings.length) {
    out.push('### Generator', '');
    if (summary.generator.saturated)
      out.push(
        `> ⚠️ The load generator was saturated (send lateness p99 ${num(summary.generator.latenessP99Ms)} ms, event-loop utilisation up to ${pct(summary.generator.eluMax)}): the gateway may have been under less load than planned.`,
        '',
      );
    for (const w of summary.generator.warnings) out.push(`- ${cell(w)}`);
    out.push('');
  }

  if (opts.comparison) out.push(renderComparisonMarkdown(opts.comparison), '');
  out.push(
    `<sub>${summary.environment.tool} ${summary.environment.version} · Node ${summary.environment.node} · ${summary.environment.platform} · ${summary.environment.cpus} CPUs · run \`${cell(summary.runId)}\`</sub>`,
  );
  return out.join('\n') + '\n';
}

/** A Markdown page listing baselines and their key figures, e.g. for a wiki. */
export function renderBaselineIndex(
  baselines: Array<{ scenario: string; markedAt: string; summary: Summary }>,
): string {
  const out = [
    '# Performance baselines',
    '',
    '| scenario | run started | marked | req/s | error rate | p50 | p95 | p99 | TTFT p95 |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const b of [...baselines].sort((x, y) => x.scenario.localeCompare(y.scenario))) {
    const m = b.summary.metrics;
    const d = m.http_req_duration ?? {};
    out.push(
      `| ${cell(b.scenario)} | ${b.summary.startedAt} | ${b.markedAt} | ${num(m.http_reqs?.rate)} | ${pct(m.http_req_failed?.rate)} | ${withUnit('http_req_duration', d.p50)} | ${withUnit('http_req_duration', d.p95)} | ${withUnit('http_req_duration', d.p99)} | ${withUnit('time_to_first_token', m.time_to_first_token?.p95)} |`,
    );
  }
  if (!baselines.length) out.push('', '_No baselines marked yet: `gateway-load report <run> --mark-baseline`._');
  return out.join('\n') + '\n';
}
