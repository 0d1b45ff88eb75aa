// The HTML report: one self-contained file (chart.js inlined, no network; a CSP forbids it)
// with the run's charts over time, the summary table, thresholds, checks, errors, the redacted
// scenario and the environment.
import { capacityHtml } from './capacity-report';
import { capacityCompareHtml } from './capacity-compare-html';
import type { Summary, Window } from '../protocol';
import { prefixGroupText, tokenLengthRows } from './token-lengths-format';
import { conversationLine, datasetLines, TURN_HEAD, turnRows } from './conversations-format';
import { gatewayHtml } from './gateway-report';
import { insightHtml } from './insight-format';
import type { Scenario } from '../scenario/model';
import { VERSION } from '../version';
import { chartJsSource } from './chart-source';
import type { Comparison } from './compare';
import { change, toleranceLabel, verdictText } from '../shared/compare-render';
import { duration, metricRows, num, pct, statLabel, TREND_STATS, withUnit } from '../shared/format';
import { monitorProblems, monitorRows } from '../shared/monitor-format';
import { buildCharts, buildOverlayCharts, type ChartSpec } from './html-charts';
import { REPORT_CSS, REPORT_SCRIPT } from './html-page';
import { keyFigures } from './markdown';
import { atSeconds, reasonWhere, statusCodesLine } from '../shared/reasons';
import { redactHeaders, redactScenario } from '../shared/redact';

/** Escapes text for HTML content and attribute values. */
export function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** JSON safe inside a <script> element (no `</script>`, no `<!--`). */
function scriptJson(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** What the HTML report is made of. */
export interface HtmlReportInput {
  summary: Summary;
  windows: Window[];
  scenario?: Scenario;
  comparison?: Comparison;
  /** Overlaid on the current run's when there is a comparison. */ baselineWindows?: Window[];
  /** The baseline's summary, for the overlay of two sweeps' load–latency curves. */ baselineSummary?: Summary;
  generatedAt?: Date;
}

function table(head: string[], rows: string[][], numeric: boolean[] = []): string {
  const th = head.map((h, i) => `<th${numeric[i] ? ' class="n"' : ''}>${h}</th>`).join('');
  const tr = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${numeric[i] ? ' class="n"' : ''}>${c}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table>`;
}

const mark = (ok: boolean) => (ok ? '<span class="ok">✓ pass</span>' : '<span class="bad">✗ fail</span>');

function summaryTable(summary: Summary): string {
  const rows = metricRows(summary).map((r) => [
    `<code>${esc(r.metric)}</code>`,
    ...TREND_STATS.map((s) => (r.stats[s] !== undefined ? esc(num(r.stats[s])) : '')),
    esc(r.value),
  ]);
  return table(['metric', ...TREND_STATS.map(statLabel), 'value'], rows, [
    false,
    ...TREND_STATS.map(() => true),
    false,
  ]);
}

function figure(c: ChartSpec): string {
  return `<figure><figcaption>${esc(c.title)}</figcaption><div class="chart-box"><canvas id="${c.id}" role="img" aria-label="${esc(c.title)}"></canvas></div></figure>`;
}

function comparisonSection(c: Comparison, overlay: ChartSpec[], capacity = ''): string {
  const rows: string[][] = [];
  for (const m of c.metrics)
    for (const s of m.stats) {
      rows.push([
        `<code>${esc(m.metric)}</code>`,
        esc(statLabel(s.stat)),
        esc(withUnit(m.metric, s.baseline)),
        esc(withUnit(m.metric, s.current)),
        esc(change(m.metric, s)),
        s.decides ? esc(toleranceLabel(m.tolerance)) : '',
        `<span class="${s.verdict === 'worse' ? 'bad' : s.verdict === 'better' ? 'ok' : s.verdict ? '' : 'note'}">${esc(verdictText(s))}</span>`,
      ]);
    }
  const head = c.regression
    ? `<p class="bad"><strong>Regression:</strong> ${esc(c.worse.join(', '))}</p>`
    : '<p class="ok"><strong>No regression</strong> against the baseline.</p>';
  const warn = c.warnings.map((w) => `<p class="warn">⚠ ${esc(w)}</p>`).join('');
  return `<section id="comparison"><h2>Comparison with baseline</h2>${head}${warn}<p class="meta">baseline ${esc(c.baseline.runId)} (${esc(c.baseline.startedAt)})</p>${capacity}
${overlay.length ? `<div class="charts">${overlay.map(figure).join('\n')}</div>` : ''}
${table(['metric', 'stat', 'baseline', 'current', 'change', 'tolerance', 'verdict'], rows, [false, false, true, true, true, true, false])}</section>`;
}

/** The failure reasons (what the gateway said) and the status counts. */
function reasonsHtml(summary: Summary): string {
  const out: string[] = [];
  const reasons = summary.errorSamples ?? [];
  if (reasons.length) {
    out.push(
      '<h3>Reasons</h3>',
      table(
        ['reason', 'message', 'count', 'share', 'first seen', 'sample body'],
        reasons.map((e) => [
          `<code>${esc(reasonWhere(e))}</code>`,
          esc(e.message),
          String(e.count),
          esc(pct(summary.requests.sent ? e.count / summary.requests.sent : null)),
          esc(atSeconds(e.firstAtMs)),
          e.body ? `<pre class="body"><code>${esc(e.body)}</code></pre>` : '',
        ]),
        [false, false, true, true, true, false],
      ),
    );
    if (summary.errorSamplesOmitted)
      out.push(
        `<p class="note">${summary.errorSamplesOmitted} more failures had reasons past the first ${reasons.length}.</p>`,
      );
  }
  const codes = statusCodesLine(summary);
  if (codes) out.push(`<p>HTTP statuses: ${esc(codes)}</p>`);
  return out.join('');
}

/** Renders the whole report as one HTML document. */
export function renderHtml(input: HtmlReportInput): string {
  const { summary, windows, scenario, comparison } = input;
  const openModel = scenario ? scenario.load.kind === 'open' : /arrival-rate/.test(summary.executor);
  const overlay =
    comparison && input.baselineWindows?.length && windows.length
      ? buildOverlayCharts(input.baselineWindows, windows)
      : [];
  const charts = [...buildCharts(windows, { openModel, monitor: summary.monitor?.series }), ...overlay];
  const failed = summary.thresholds.filter((t) => !t.ok).length;
  const ok = summary.status === 'completed' && failed === 0 && !comparison?.regression;
  const env = summary.environment;
  const s: string[] = [];
  s.push(
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    // Nothing in a report may reach the network: inline script and style only.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(summary.scenario)} — Gateway Load report</title>`,
    `<style>${REPORT_CSS}</style></head><body><main>`,
  );
  s.push(
    `<header><h1>${esc(summary.scenario)}</h1><div class="meta"><span class="badge ${ok ? 'ok' : 'bad'}">${ok ? 'PASS' : 'FAIL'}</span> status <strong>${esc(summary.status)}</strong>${summary.reason ? ` (${esc(summary.reason)})` : ''} · started ${esc(summary.startedAt)} · ${esc(duration(summary.durationMs))} of ${esc(duration(summary.plannedDurationMs))} planned · ${esc(summary.executor)}${(summary.generator.workers ?? 1) > 1 ? ` on ${summary.generator.workers} load workers` : ''} · run <code>${esc(summary.runId)}</code></div></header>`,
  );
  const tiles = [
    ['Requests sent', String(summary.requests.sent)],
    ['Succeeded', String(summary.requests.succeeded)],
    ['Failed', String(summary.requests.failed)],
    ...keyFigures(summary),
  ];
  s.push(
    `<section class="tiles">${tiles.map(([l, v]) => `<div class="tile"><div class="label">${esc(l)}</div><div class="value">${esc(v)}</div></div>`).join('')}</section>`,
  );
  if (summary.generator.saturated && summary.generator.limit === 'machine')
    s.push(
      `<p class="warn">⚠ The machine was busy: sends were late (lateness p99 ${esc(num(summary.generator.latenessP99Ms))} ms) while the generator's event loop was mostly idle; other processes took the CPU.</p>`,
    );
  else if (summary.generator.saturated)
    s.push(
      `<p class="warn">⚠ The load generator was saturated (lateness p99 ${esc(num(summary.generator.latenessP99Ms))} ms, event-loop utilisation up to ${esc(pct(summary.generator.eluMax))}): the gateway may have received less load than planned.</p>`,
    );

  s.push('<section id="charts"><h2>Over time</h2>');
  if (!windows.length) s.push('<p class="note">No windows.ndjson beside this summary: no charts over time.</p>');
  else
    s.push(
      `<div class="charts">${charts
        .filter((c) => !overlay.includes(c))
        .map(figure)
        .join('\n')}</div>`,
    );
  s.push('</section>');

  s.push(capacityHtml(summary));
  s.push(...gatewayHtml(summary, table, esc));
  const http = summary.http;
  const httpParts = http
    ? [
        http.protocol === 'h2' ? 'HTTP/2 (h2)' : (http.protocol ?? ''),
        http.redirects ? `${http.redirects} redirects followed` : '',
        http.proxy ? `via proxy ${http.proxy}` : '',
      ].filter(Boolean)
    : [];
  s.push(
    `<section id="summary"><h2>Summary</h2>${summaryTable(summary)}${httpParts.length ? `<p class="note">HTTP: ${esc(httpParts.join(' · '))}</p>` : ''}</section>`,
  );
  s.push(
    `<section id="thresholds"><h2>Thresholds</h2>${
      summary.thresholds.length
        ? table(
            ['', 'metric', 'threshold', 'value'],
            summary.thresholds.map((t) => [
              mark(t.ok),
              `<code>${esc(t.metric)}</code>`,
              `<code>${esc(t.expression)}</code>`,
              esc(withUnit(t.metric, t.value)),
            ]),
            [false, false, false, true],
          )
        : '<p class="note">No thresholds.</p>'
    }</section>`,
  );
  s.push(
    `<section id="checks"><h2>Checks</h2>${
      summary.checks.length
        ? table(
            ['', 'check', 'passes', 'fails'],
            summary.checks.map((c) => [
              mark(c.fails === 0),
              `<code>${esc(c.name)}</code>`,
              String(c.passes),
              String(c.fails),
            ]),
            [false, false, true, true],
          )
        : '<p class="note">No checks.</p>'
    }</section>`,
  );
  const errors = Object.entries(summary.errors).filter(([, n]) => (n ?? 0) > 0);
  s.push(
    `<section id="errors"><h2>Errors</h2>${
      errors.length
        ? table(
            ['class', 'count', 'share of requests'],
            errors.map(([c, n]) => [
              esc(c),
              String(n),
              esc(pct(summary.requests.sent ? (n ?? 0) / summary.requests.sent : null)),
            ]),
            [false, true, true],
          )
        : '<p class="note">No failed requests.</p>'
    }`,
  );
  s.push(reasonsHtml(summary));
  if (summary.rateLimitSamples.length)
    s.push(
      `<h3>Sample 429 headers</h3><pre><code>${esc(JSON.stringify(summary.rateLimitSamples.map(redactHeaders), null, 2))}</code></pre>`,
    );
  s.push('</section>');
  if (summary.tokenLengths) {
    const rows = tokenLengthRows(summary.tokenLengths).map(([w, r, sv, n]) => [esc(w), esc(r), esc(sv), esc(n)]);
    const groups = prefixGroupText(summary.tokenLengths);
    s.push(
      `<section id="token-lengths"><h2>Lengths in tokens</h2>${table(['', 'requested', 'served', ''], rows, [false, false, false, false])}${groups ? `<p>TTFT by prefix group (p50/p90/p99): ${esc(groups)}</p>` : ''}</section>`,
    );
  }
  const convLine = conversationLine(summary);
  const turns = summary.conversations?.turns ?? [];
  const datasets = datasetLines(summary);
  if ((convLine && turns.length > 1) || datasets.length)
    s.push(
      `<section id="conversations"><h2>Conversations</h2>${
        convLine && turns.length > 1
          ? `<p>${esc(convLine)}</p>${table(
              TURN_HEAD.map(esc),
              turnRows(turns).map((r) => r.map(esc)),
              [true, true, true],
            )}`
          : ''
      }${datasets.map((d) => `<p>Dataset ${esc(d)}</p>`).join('')}</section>`,
    );
  s.push(insightHtml(summary, esc));
  const models = Object.entries(summary.models);
  if (models.length)
    s.push(
      `<section id="models"><h2>Models that answered</h2>${table(
        ['model', 'responses'],
        models.map(([m, n]) => [esc(m), String(n)]),
        [false, true],
      )}</section>`,
    );
  if (comparison)
    s.push(
      comparisonSection(
        comparison,
        overlay,
        capacityCompareHtml(input.baselineSummary?.capacity, summary.capacity, comparison),
      ),
    );
  const monitor = monitorRows(summary.monitor);
  if (monitor.length) {
    const problems = monitorProblems(summary.monitor);
    s.push(
      `<section id="resources"><h2>Resources</h2>${table(
        ['series', 'min', 'avg', 'p95', 'max', 'samples', 'gaps'],
        monitor.map((r) => [
          `<code>${esc(r.key)}</code>`,
          esc(r.min),
          esc(r.avg),
          esc(r.p95),
          esc(r.max),
          String(r.samples),
          String(r.gaps),
        ]),
        [false, true, true, true, true, true, true],
      )}${problems.map((p) => `<p class="warn">⚠ ${esc(p)}</p>`).join('')}</section>`,
    );
  }
  if (summary.generator.warnings.length)
    s.push(
      `<section id="generator"><h2>Generator</h2><ul>${summary.generator.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul></section>`,
    );
  s.push(
    `<section id="scenario"><h2>Scenario</h2>${scenario ? `<pre><code>${esc(JSON.stringify(redactScenario(scenario), null, 2))}</code></pre>` : '<p class="note">No scenario.json beside this summary.</p>'}</section>`,
  );
  const envRows: string[][] = [
    ['Tool', `${env.tool} ${env.version}`],
    ['Node', env.node],
    ['Machine', `${env.platform}, ${env.cpus} CPUs${env.hostname ? `, ${env.hostname}` : ''}`],
    ['Run started', summary.startedAt],
    ['Report generated', `${(input.generatedAt ?? new Date()).toISOString()} by gateway-load ${VERSION}`],
  ];
  s.push(
    `<section id="environment"><h2>Environment</h2>${table(
      ['', ''],
      envRows.map(([k, v]) => [esc(k), esc(v)]),
    )}</section>`,
  );
  s.push('</main>');
  if (windows.length) {
    s.push(`<script>${chartJsSource().replace(/<\/(script)/gi, '<\\/$1')}</script>`);
    s.push(`<script type="application/json" id="chart-data">${scriptJson(charts)}</script>`);
    s.push(`<script>${REPORT_SCRIPT}</script>`);
  }
  s.push('</body></html>');
  return s.join('\n') + '\n';
}
