// Text, Markdown and JSON views of a comparison. Text is for terminals and CI logs (no
// colours under CI or without a TTY), Markdown for pull-request comments.
import { formatMonitorValue } from './monitor-format';
import type { Comparison, MetricComparison, StatComparison, Tolerance, Verdict } from './compare-types';
import { signed, statLabel, withUnit } from './format';
import { metricInfo } from './metrics';
import { failureLines } from './compare-failures';
import { capacityChangeLine } from './capacity-overlay';

const MARK: Record<Verdict, string> = { better: 'better', same: 'same', worse: 'WORSE' };
const EMOJI: Record<Verdict, string> = { better: '🟢 better', same: '⚪ same', worse: '🔴 worse' };

/** A tolerance as written on the command line: `10%`, `0.5pt`, `20ms`. */
export function toleranceLabel(t: Tolerance | null): string {
  if (!t) return '—';
  return t.kind === 'relative' ? `${t.amount}%` : t.kind === 'points' ? `${t.amount}pt` : `${t.amount}ms`;
}

function value(metric: string, stat: string, v: number | null): string {
  if (stat === 'count') return v === null ? '—' : String(v);
  if (stat === 'rate' && metricInfo(metric)?.type === 'counter') return v === null ? '—' : `${v.toFixed(2)}/s`;
  return withUnit(metric, v);
}

/** The change column: points for rates, percent otherwise. */
export function change(metric: string, s: StatComparison): string {
  if (metricInfo(metric)?.type === 'rate') return s.delta === null ? '—' : signed(s.delta * 100, ' pt');
  return signed(s.changePct, '%');
}

/** The verdict cell: the verdict and why it is not what the numbers alone suggest, or why there is none. */
export function verdictText(
  s: StatComparison,
  names: Record<Verdict, string> = { better: 'better', same: 'same', worse: 'worse' },
): string {
  if (s.verdict) return s.note ? `${names[s.verdict]} (${s.note})` : names[s.verdict];
  return s.note ? `not judged (${s.note})` : '';
}

function decisiveStats(m: MetricComparison): StatComparison[] {
  const d = m.stats.filter((s) => s.decides || s.note);
  return d.length ? d : m.stats;
}

/** Plain text for terminals and CI logs. `full` adds every statistic of every metric. */
export function renderComparisonText(c: Comparison, opts: { full?: boolean } = {}): string {
  const lines = [
    `baseline ${c.baseline.runId} (${c.baseline.startedAt})`,
    `current  ${c.current.runId} (${c.current.startedAt})`,
    '',
  ];
  const capacity = capacityChangeLine(c);
  if (capacity) lines.push(capacity, '');
  const rows: string[][] = [['metric', 'stat', 'baseline', 'current', 'change', 'verdict']];
  for (const m of c.metrics) {
    if (!opts.full && m.verdict === null) continue;
    for (const s of opts.full ? m.stats : decisiveStats(m)) {
      rows.push([
        m.metric,
        statLabel(s.stat),
        value(m.metric, s.stat, s.baseline),
        value(m.metric, s.stat, s.current),
        change(m.metric, s),
        verdictText(s, MARK),
      ]);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows)
    lines.push(
      r
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    );
  lines.push('');
  if (c.failures) lines.push(...failureLines(c.failures), '');
  for (const r of c.resources ?? []) if (r.finding) lines.push(`finding: ${r.finding}`);
  for (const w of c.warnings) lines.push(`warning: ${w}`);
  lines.push(
    c.regression ? `REGRESSION: ${c.worse.join(', ')} worse than the baseline beyond tolerance` : 'no regression',
  );
  return lines.join('\n');
}

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Markdown for a pull-request comment: one table of judged metrics, details collapsed. */
export function renderComparisonMarkdown(c: Comparison, heading = '###'): string {
  const out: string[] = [];
  out.push(`${heading} Comparison with baseline`, '');
  out.push(
    c.regression
      ? `**🔴 Regression** — worse beyond tolerance: ${c.worse.map((w) => `\`${w}\``).join(', ')}`
      : '**🟢 No regression** against the baseline.',
  );
  const capacity = capacityChangeLine(c);
  if (capacity) out.push('', `**${capacity}**`);
  for (const w of c.warnings) out.push('', `> ⚠️ ${mdCell(w)}`);
  out.push(
    '',
    `Baseline \`${mdCell(c.baseline.runId)}\` (${c.baseline.startedAt}) → current \`${mdCell(c.current.runId)}\` (${c.current.startedAt})`,
    '',
  );
  out.push(
    '| metric | stat | baseline | current | change | tolerance | verdict |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- |',
  );
  for (const m of c.metrics.filter((x) => x.verdict !== null)) {
    for (const s of decisiveStats(m)) {
      out.push(
        `| ${m.metric} | ${statLabel(s.stat)} | ${value(m.metric, s.stat, s.baseline)} | ${value(m.metric, s.stat, s.current)} | ${change(m.metric, s)} | ${toleranceLabel(m.tolerance)} | ${verdictText(s, EMOJI)} |`,
      );
    }
  }
  if (c.failures?.reasons.length) {
    out.push('', '| failure reason | message | baseline | current |', '| --- | --- | ---: | ---: |');
    for (const r of c.failures.reasons)
      out.push(`| ${mdCell(r.reason)} | ${mdCell(r.message)} | ${r.baseline} | ${r.current} |`);
  }
  if (c.failures?.statusCodes.length)
    out.push(
      '',
      `HTTP statuses: ${c.failures.statusCodes.map((s) => `${s.status} ${s.baseline} → ${s.current}`).join(' · ')}`,
    );
  const info = c.metrics.filter((x) => x.verdict === null || x.stats.some((s) => !s.decides));
  if (info.length) {
    out.push(
      '',
      '<details><summary>All statistics</summary>',
      '',
      '| metric | stat | baseline | current | change |',
      '| --- | --- | ---: | ---: | ---: |',
    );
    for (const m of c.metrics)
      for (const s of m.stats)
        out.push(
          `| ${m.metric} | ${statLabel(s.stat)} | ${value(m.metric, s.stat, s.baseline)} | ${value(m.metric, s.stat, s.current)} | ${change(m.metric, s)} |`,
        );
    out.push('', '</details>');
  }
  const res = c.resources ?? [];
  if (res.length) {
    out.push(
      '',
      '**Resources** (for information: they do not decide the verdict)',
      '',
      '| series | baseline avg | current avg | change | baseline max | current max |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const r of res)
      out.push(
        `| ${mdCell(r.key)} | ${formatMonitorValue(r.baselineAvg, r.unit)} | ${formatMonitorValue(r.currentAvg, r.unit)} | ${r.changePct === null ? '—' : `${r.changePct > 0 ? '+' : ''}${r.changePct.toFixed(1)}%`} | ${formatMonitorValue(r.baselineMax, r.unit)} | ${formatMonitorValue(r.currentMax, r.unit)} |`,
      );
    for (const r of res) if (r.finding) out.push('', `> 🔎 ${mdCell(r.finding)}`);
  }
  return out.join('\n');
}

/** JSON with ±Infinity written as strings, since JSON has no infinity. */
export function renderComparisonJson(c: Comparison): string {
  return JSON.stringify(
    c,
    (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? (v > 0 ? 'Infinity' : '-Infinity') : v),
    2,
  );
}
