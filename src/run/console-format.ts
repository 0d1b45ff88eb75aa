// Text for a terminal: the live progress line of a run and the summary table at its end.
// Shared by `gateway-load run` and `gateway-load demo`.
import type { MetricSummary, Summary, Window } from '../protocol';

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
  out.push(`  requests   ${r.sent} sent · ${r.succeeded} ok · ${r.failed} failed (${r.sent ? ((100 * r.failed) / r.sent).toFixed(2) : '0.00'}%) · ${fmtNum(rate)}/s`);
  const errs = Object.entries(s.errors).filter(([, n]) => n);
  if (errs.length) out.push(`  errors     ${errs.map(([k, n]) => `${k} ${n}`).join(' · ')}`);
  const dropped = s.metrics.dropped_iterations?.count ?? 0;
  if (dropped) out.push(`  dropped    ${dropped} arrivals found no free connection (maxConnections)`);
  const rows = TREND_ROWS.filter(([n]) => s.metrics[n]?.count);
  if (rows.length) {
    const cols = ['avg', 'p50', 'p90', 'p95', 'p99', 'max'] as const;
    out.push('', `  ${'metric'.padEnd(27)}${cols.map((c) => c.padStart(9)).join('')}`);
    for (const [name, unit] of rows) {
      const m = s.metrics[name] as MetricSummary;
      out.push(`  ${name.padEnd(27)}${cols.map((c) => fmtNum(m[c]).padStart(9)).join('')}  ${unit}`);
    }
  }
  const tok = s.metrics.output_tokens;
  if (tok?.count) {
    const diff = s.tokens.usageVsCountedDiffPct;
    out.push('', `  tokens     ${tok.count} out (${fmtNum(tok.rate)}/s) · ${s.metrics.input_tokens?.count ?? 0} in${diff !== null && diff > 5 ? ` · tokenizer disagrees with usage by ${diff.toFixed(1)}%` : ''}`);
  }
  const models = Object.entries(s.models);
  if (models.length) out.push(`  models     ${models.map(([m, n]) => `${m} ×${n}`).join(' · ')}`);
  if (s.checks.length) {
    out.push('', '  checks');
    for (const c of s.checks) out.push(`    ${c.fails ? '✗' : '✓'} ${c.name}  ${c.passes}/${c.passes + c.fails}`);
  }
  if (s.thresholds.length) {
    out.push('', '  thresholds');
    for (const t of s.thresholds) out.push(`    ${t.ok ? '✓' : '✗'} ${t.metric}  ${t.expression}  (value ${t.value === null ? 'no data' : fmtNum(t.value, 3)})`);
  }
  const g = s.generator;
  out.push('', `  generator  send lateness p99 ${g.latenessP99Ms.toFixed(2)} ms · event-loop utilisation max ${Math.round(g.eluMax * 100)}%${g.saturated ? ' · SATURATED: the generator may have limited the load' : ''}`);
  for (const w of g.warnings) out.push(`  warning    ${w}`);
  if (resultsDir) out.push(`  results    ${resultsDir}`);
  out.push('');
  return out.join('\n');
}

/** All thresholds passed and the run did not fail. */
export function runPassed(s: Summary): boolean {
  return s.status !== 'failed' && s.status !== 'aborted' && s.thresholds.every((t) => t.ok);
}
