// The gateway sections of the HTML and Markdown reports: overhead (headline, per-percentile table,
// method and caution), header metrics, routing per served model and fallbacks.
import type { Summary } from '../protocol';
import {
  fallbackLine,
  GATEWAY_HEADER_COLUMNS,
  gatewayHeaderRows,
  OVERHEAD_COLUMNS,
  overheadHeadline,
  overheadMethod,
  overheadRows,
  ROUTING_COLUMNS,
  routingRows,
} from '../shared/gateway-format';

type Table = (head: string[], rows: string[][], numeric?: boolean[]) => string;

/** HTML sections; `table` and `esc` are the report's own. */
export function gatewayHtml(summary: Summary, table: Table, esc: (s: string) => string): string[] {
  const out: string[] = [];
  const o = summary.overhead;
  if (o) {
    const rows = overheadRows(o).map((r) => r.map(esc));
    out.push(
      `<section id="overhead"><h2>Gateway overhead</h2><p class="headline"><strong>${esc(overheadHeadline(o))}</strong></p>${
        o.caution ? `<p class="warn">⚠ ${esc(o.caution)}</p>` : ''
      }${table(OVERHEAD_COLUMNS, rows, [false, false, true, true, true, true])}<p class="note">${esc(overheadMethod(o))}</p></section>`,
    );
  }
  const h = summary.gatewayHeaders;
  if (h)
    out.push(
      `<section id="gateway-headers"><h2>What the gateway reports</h2>${table(
        GATEWAY_HEADER_COLUMNS,
        gatewayHeaderRows(h).map((r) => r.map((c, i) => (i === 0 ? `<code>${esc(c)}</code>` : esc(c)))),
        [false, false, true, true, true, true, true, false],
      )}</section>`,
    );
  const r = summary.routing;
  if (r)
    out.push(
      `<section id="routing"><h2>Routing</h2><p>${esc(fallbackLine(r))}</p>${table(
        ROUTING_COLUMNS,
        routingRows(r).map((row) => row.map(esc)),
        [false, true, true, true, true, true],
      )}</section>`,
    );
  return out;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function mdTable(head: string[], rows: string[][], numeric: boolean[]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `| ${numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
    '',
  ];
}

/** Markdown sections. */
export function gatewayMarkdown(summary: Summary): string[] {
  const out: string[] = [];
  const o = summary.overhead;
  if (o) {
    out.push('### Gateway overhead', '', `**${cell(overheadHeadline(o))}**`, '');
    if (o.caution) out.push(`> ⚠️ ${cell(o.caution)}`, '');
    out.push(...mdTable(OVERHEAD_COLUMNS, overheadRows(o), [false, false, true, true, true, true]));
    out.push(`_${cell(overheadMethod(o))}_`, '');
  }
  const h = summary.gatewayHeaders;
  if (h)
    out.push(
      '### What the gateway reports',
      '',
      ...mdTable(
        GATEWAY_HEADER_COLUMNS,
        gatewayHeaderRows(h).map((r) => [`\`${r[0]}\``, ...r.slice(1)]),
        [false, false, true, true, true, true, true, false],
      ),
    );
  const r = summary.routing;
  if (r)
    out.push(
      '### Routing',
      '',
      cell(fallbackLine(r)),
      '',
      ...mdTable(ROUTING_COLUMNS, routingRows(r), [false, true, true, true, true, true]),
    );
  return out;
}
