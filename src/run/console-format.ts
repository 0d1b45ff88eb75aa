// Text for a terminal: the live progress line of a run and the summary table at its end.
// Shared by `gateway-load run` and `gateway-load demo`.
import { monitorProblems, monitorRows } from '../shared/monitor-format';
import type { MetricSummary, Summary, Window } from '../protocol';
import { bodyPreview, reasonLine, statusCodesLine, topReasons } from '../shared/reasons';
import { capacitySummaryLines } from './capacity-format';
import { tokenLengthLines } from '../report/token-lengths-format';
import { conversationConsoleLines } from '../report/conversations-format';
import { gatewayLines } from '../shared/gateway-format';
import { insightLines, insightWarningLines } from '../report/insight-format';

/** Running totals a progress line needs beyond the last window. */
export class ProgressTotals {
  sent = 0;
  completed = 0;
  failed = 0;
  dropped = 0;
  add(w: Window): void {
    this.sent += w.started;
    this.completed += w.completed;
    this.failed += w.failed;
    this.dropped += w.dropped;
  }
}

/** One line: elapsed / planned, rate, p95, errors. */
export function progressLine(w: Window, plannedMs: number, t: ProgressTotals): string {
  const secs = (ms: number): string => `${Math.round(ms / 1000)}s`;
  const parts = [
    `${secs(w.tMs).padStart(4)}/${secs(plannedMs)}`,
    `${w.completed.toString().padStart(5)} req/s`,
    `p95 ${w.duration ? fmtMs(w.duration.p95) : '–'}`,
  ];
  if (w.ttft) parts.push(`ttft p95 ${fmtMs(w.ttft.p95)}`);
  if (w.slo && w.slo.judged) parts.push(`slo ${Math.round((100 * w.slo.met) / w.slo.judged)}%`);
  if (w.sweepStep !== undefined) parts.push(`step ${w.sweepStep + 1} at ${w.planned}`);
  // Only when reasoning delays the answer: otherwise it repeats the TTFT.
  if (w.ttfo && w.ttft && w.ttfo.p95 !== w.ttft.p95) parts.push(`ttfo p95 ${fmtMs(w.ttfo.p95)}`);
  const pct = t.completed ? (100 * t.failed) / t.completed : 0;
  parts.push(`errors ${t.failed} (${pct.toFixed(1)}%)`, `active ${w.active}`);
  if (t.dropped) parts.push(`dropped ${t.dropped}`);
  if (w.rateLimit.status429) parts.push(`429s ${w.rateLimit.status429}`);
  const failing = w.thresholds.filter((x) => !x.ok).length;
  if (failing) parts.push(`thresholds failing ${failing}`);
  if (w.tMs > plannedMs + 500 && w.active > 0) parts.push('waiting for in-flight requests (gracefulStop)');
  return parts.join('  ');
}

function fmtMs(v: number): string {
  return v >= 10_000 ? `${(v / 1000).toFixed(1)}s` : v >= 100 ? `${Math.round(v)}ms` : `${v.toFixed(1)}ms`;
}

function fmtNum(v: number | undefined, digits = 1): string {
  if (v === undefined || v === null || Number.isNaN(v)) return '–';
  return Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : v.toFixed(digits);
}

const TREND_ROWS: Array<[string, string]> = [
  ['http_req_duration', 'ms'],
  ['http_req_service_duration', 'ms'],
  ['time_to_first_token', 'ms'],
  ['time_to_first_output_token', 'ms'],
  ['inter_token_latency', 'ms'],
  ['time_per_output_token', 'ms'],
  ['output_tokens_per_second', 'tok/s'],
];

/** The end-of-run table; `resultsDir` is shown on the last line. */
export function summaryTable(s: Summary, resultsDir?: string): string {
  const out: string[] = [];
  const statusText = s.status === 'completed' ? 'completed' : `${s.status}${s.reason ? `: ${s.reason}` : ''}`;
  out.push('', `${s.scenario} — ${statusText} in ${(s.durationMs / 1000).toFixed(1)} s (${s.executor})`, '');
  const r = s.requests;
  const rate = s.metrics.http_reqs?.rate;
  out.push(
    `  requests   ${r.sent} sent · ${r.succeeded} ok · ${r.failed} failed (${r.sent ? ((100 * r.failed) / r.sent).toFixed(2) : '0.00'}%) · ${fmtNum(rate)}/s`,
  );
  const errs = Object.entries(s.errors).filter(([, n]) => n);
  if (errs.length) out.push(`  errors     ${errs.map(([k, n]) => `${k} ${n}`).join(' · ')}`);
  for (const e of topReasons(s, 5))
    out.push(`    ${reasonLine(e, r.sent)}${e.body ? `\n      body ${bodyPreview(e.body, 200)}` : ''}`);
  if (s.errorSamplesOmitted) out.push(`    … ${s.errorSamplesOmitted} more failures of reasons past the first 20`);
  const codes = statusCodesLine(s);
  if (codes) out.push(`  statuses   ${codes}`);
  const http = s.http;
  if (http && (http.protocol === 'h2' || http.redirects || http.proxy)) {
    out.push(
      `  http       ${[http.protocol === 'h2' ? 'HTTP/2 (h2)' : http.protocol, http.redirects ? `${http.redirects} redirects followed` : '', http.proxy ? `via proxy ${http.proxy}` : ''].filter(Boolean).join(' · ')}`,
    );
  }
  const dropped = s.metrics.dropped_iterations?.count ?? 0;
  if (dropped) out.push(`  dropped    ${dropped} arrivals found no free connection (maxConnections)`);
  const rows = TREND_ROWS.filter(([n]) => s.metrics[n]?.count);
  // Tag-filtered series (k6's sub-metrics) follow their metric.
  for (const name of Object.keys(s.metrics)) {
    const base = name.replace(/\{.*\}$/, '');
    const at = rows.findIndex(([n]) => n === base);
    if (base === name || at < 0 || s.metrics[name].p50 === undefined) continue;
    let end = at + 1;
    while (end < rows.length && rows[end][0].startsWith(`${base}{`)) end++;
    rows.splice(end, 0, [name, rows[at][1]]);
  }
  if (rows.length) {
    const cols = ['avg', 'p50', 'p90', 'p95', 'p99', 'max'] as const;
    const w = Math.max(27, ...rows.map(([n]) => n.length + 2));
    out.push('', `  ${'metric'.padEnd(w)}${cols.map((c) => c.padStart(9)).join('')}`);
    for (const [name, unit] of rows) {
      const m = s.metrics[name] as MetricSummary;
      out.push(`  ${name.padEnd(w)}${cols.map((c) => fmtNum(m[c]).padStart(9)).join('')}  ${unit}`);
    }
  }
  const tok = s.metrics.output_tokens;
  if (tok?.count) {
    const diff = s.tokens.usageVsCountedDiffPct;
    const reasoning = s.metrics.reasoning_tokens?.count ?? 0;
    out.push(
      '',
      `  tokens     ${tok.count} out (${fmtNum(tok.rate)}/s)${reasoning ? ` of which ${reasoning} reasoning` : ''} · ${s.metrics.input_tokens?.count ?? 0} in${diff !== null && diff > 5 ? ` · tokenizer disagrees with usage by ${diff.toFixed(1)}%` : ''}`,
    );
  }
  const cut = s.cutStreams;
  if (cut?.count)
    out.push(
      `  cut short  ${cut.count} streams ended early (their TTFT and tokens are left out of the metrics above${cut.ttft ? `; their TTFT p50 ${fmtNum(cut.ttft.p50)} ms` : ''})`,
    );
  out.push(...tokenLengthLines(s));
  out.push(...conversationConsoleLines(s));
  out.push(...insightLines(s));
  const models = Object.entries(s.models);
  if (models.length) out.push(`  models     ${models.map(([m, n]) => `${m} ×${n}`).join(' · ')}`);
  out.push(...gatewayLines(s));
  if (s.checks.length) {
    out.push('', '  checks');
    for (const c of s.checks) out.push(`    ${c.fails ? '✗' : '✓'} ${c.name}  ${c.passes}/${c.passes + c.fails}`);
  }
  out.push(...capacitySummaryLines(s));
  if (s.thresholds.length) {
    out.push('', '  thresholds');
    for (const t of s.thresholds)
      out.push(
        `    ${t.ok ? '✓' : '✗'} ${t.metric}  ${t.expression}  (value ${t.value === null ? 'no data' : fmtNum(t.value, 3)})`,
      );
  }
  const monitor = monitorRows(s.monitor);
  if (monitor.length) {
    out.push('', `  ${'monitor'.padEnd(27)}${['min', 'avg', 'p95', 'max'].map((c) => c.padStart(11)).join('')}`);
    for (const r of monitor)
      out.push(
        `  ${r.key.padEnd(27)}${[r.min, r.avg, r.p95, r.max].map((c) => c.padStart(11)).join('')}${r.gaps ? `  (${r.gaps} gaps)` : ''}`,
      );
    for (const p of monitorProblems(s.monitor)) out.push(`  warning    monitor ${p}`);
  }
  const g = s.generator;
  out.push(
    '',
    `  generator  ${g.workers && g.workers > 1 ? `${g.workers} workers · ` : ''}send lateness p99 ${g.latenessP99Ms.toFixed(2)} ms · event-loop utilisation max ${Math.round(g.eluMax * 100)}%${g.saturated ? (g.limit === 'machine' ? ' · MACHINE BUSY: other processes delayed the sends' : ' · SATURATED: the generator may have limited the load') : ''}`,
  );
  for (const w of g.warnings) out.push(`  warning    ${w}`);
  out.push(...insightWarningLines(s));
  if (resultsDir) out.push(`  results    ${resultsDir}`);
  out.push('');
  return out.join('\n');
}

/** All thresholds passed and the run did not fail. */
export function runPassed(s: Summary): boolean {
  return s.status !== 'failed' && s.status !== 'aborted' && s.thresholds.every((t) => t.ok);
}
