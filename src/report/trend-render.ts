// The trend as Markdown, JSON and a self-contained HTML page (table plus SVG chart), for the
// `trend` command and a CI job that publishes the project's performance record.
import { signed, statLabel, withUnit } from '../shared/format';
import type { Trend, TrendPoint } from './trend';
import { trendChartSvg } from './trend-svg';

const VERDICT_TEXT: Record<TrendPoint['verdict'], string> = {
  baseline: 'baseline',
  regressed: '**REGRESSED**',
  better: 'better',
  same: 'same',
  none: '—',
};

function title(t: Trend): string {
  return `${t.metric} ${statLabel(t.stat)}`;
}

function baselineLine(t: Trend): string {
  return t.baseline
    ? `Baseline: run ${t.baseline.runId} (${t.baseline.startedAt}), ${title(t)} = ${withUnit(t.metric, t.baseline.value)}.`
    : 'No baseline is marked for this scenario (`gateway-load report <run> --mark-baseline`): runs are shown without verdicts.';
}

function row(t: Trend, p: TrendPoint, i: number): string[] {
  return [
    String(i + 1),
    p.runId,
    p.startedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    withUnit(t.metric, p.value),
    signed(p.changePct, '%'),
    p.thresholdsPassed ? 'pass' : 'FAIL',
    p.status,
  ];
}

const HEAD = ['#', 'run', 'started', '', 'vs baseline', 'thresholds', 'status', 'verdict'];

/** The trend as a Markdown section: the baseline, a table of the runs, the regressions named. */
export function renderTrendMarkdown(t: Trend): string {
  const head = HEAD.map((h) => (h === '' ? title(t) : h));
  const lines = [
    `## Trend: ${t.scenario} — ${title(t)}`,
    '',
    baselineLine(t),
    '',
    `| ${head.join(' | ')} |`,
    `| ${head.map((h, i) => (i === 0 || i === 3 || i === 4 ? '---:' : '---')).join(' | ')} |`,
  ];
  t.points.forEach((p, i) => lines.push(`| ${[...row(t, p, i), VERDICT_TEXT[p.verdict]].join(' | ')} |`));
  lines.push('');
  const regressed = t.points.map((p, i) => ({ p, i })).filter(({ p }) => p.verdict === 'regressed');
  lines.push(
    regressed.length
      ? `Regressed: ${regressed.map(({ p, i }) => `run ${i + 1} (${p.runId}: ${p.worse.join(', ')})`).join('; ')}.`
      : t.baseline
        ? 'No run regressed against the baseline.'
        : '',
  );
  return lines.join('\n').trimEnd() + '\n';
}

export function renderTrendJson(trends: readonly Trend[]): string {
  return JSON.stringify(trends.length === 1 ? trends[0] : trends, null, 2) + '\n';
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const CSS = `
:root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #656d76; --line: #d0d7de; --accent: #0969da; --bad: #cf222e; --good: #1a7f37; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #8d96a0; --line: #30363d; --accent: #4493f8; --bad: #f85149; --good: #3fb950; } }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 24px; }
h2 { font-size: 18px; margin: 24px 0 4px; } p.base { color: var(--muted); margin: 0 0 12px; }
table { border-collapse: collapse; margin-top: 12px; } th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; } td:last-child { white-space: normal; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.regressed td { color: var(--bad); font-weight: 600; } tr.baseline td:last-child { color: var(--good); }
.trend-chart .axis { stroke: var(--line); } .trend-chart .tick { fill: var(--muted); font-size: 11px; }
.trend-chart .trend-line { fill: none; stroke: var(--accent); stroke-width: 2; }
.trend-chart .baseline-line { stroke: var(--good); stroke-dasharray: 5 4; }
.trend-chart .point { fill: var(--accent); } .trend-chart .point.regressed { fill: var(--bad); } .trend-chart .point.baseline { fill: var(--good); }
`;

/** A self-contained HTML page: per scenario, the chart and the table. */
export function renderTrendHtml(trends: readonly Trend[]): string {
  const sections = trends
    .map((t) => {
      const head = HEAD.map((h) => `<th>${esc(h === '' ? title(t) : h)}</th>`).join('');
      const rows = t.points
        .map((p, i) => {
          const cells = row(t, p, i)
            .map((c, j) => `<td${j === 0 || j === 3 || j === 4 ? ' class="num"' : ''}>${esc(c)}</td>`)
            .join('');
          const verdict =
            p.verdict === 'regressed' ? `regressed (${esc(p.worse.join(', '))})` : VERDICT_TEXT[p.verdict];
          return `<tr class="${p.verdict}" data-run="${esc(p.runId)}">${cells}<td>${verdict}</td></tr>`;
        })
        .join('\n');
      return `<section class="trend" data-scenario="${esc(t.scenario)}">
<h2>${esc(t.scenario)} — ${esc(title(t))}</h2>
<p class="base">${esc(baselineLine(t))}${t.regressions ? ` <strong class="regressions">${t.regressions} regressed run${t.regressions > 1 ? 's' : ''}</strong>` : ''}</p>
${trendChartSvg(t)}
<table><thead><tr>${head}</tr></thead><tbody>
${rows}
</tbody></table>
</section>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Gateway Load trend</title><style>${CSS}</style></head>
<body><h1>Performance trend</h1>
${sections}
</body></html>
`;
}
