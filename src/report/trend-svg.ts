// The trend as SVG: a chart for the HTML trend page and a sparkline for the runs view. Pure
// strings, no DOM: the same code renders in the CLI and in the extension host.
import { withUnit } from '../shared/format';
import type { Trend } from './trend';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Scale {
  x(i: number): number;
  y(v: number): number;
}

function scale(
  values: readonly (number | null)[],
  extra: number | null,
  w: number,
  h: number,
  pad: { l: number; r: number; t: number; b: number },
): Scale {
  const known = values.filter((v): v is number => v !== null);
  if (extra !== null) known.push(extra);
  const max = known.length ? Math.max(...known) : 1;
  const min = known.length ? Math.min(...known) : 0;
  // Start at 0 unless the values sit far above it: a trend of 500 → 520 ms should not look like a cliff, nor a flat line.
  const lo = min > max * 0.5 ? min - (max - min) * 0.5 : 0;
  const hi = max === lo ? lo + 1 : max + (max - lo) * 0.08;
  const n = Math.max(values.length - 1, 1);
  return {
    x: (i) => pad.l + (values.length === 1 ? (w - pad.l - pad.r) / 2 : (i / n) * (w - pad.l - pad.r)),
    y: (v) => pad.t + (1 - (v - lo) / (hi - lo)) * (h - pad.t - pad.b),
  };
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** The trend chart: one point per run, the baseline as a dashed line, regressed runs in the error colour. */
export function trendChartSvg(trend: Trend, width = 720, height = 260): string {
  const pad = { l: 64, r: 16, t: 16, b: 36 };
  const values = trend.points.map((p) => p.value);
  const base = trend.baseline?.value ?? null;
  const s = scale(values, base, width, height, pad);
  const parts: string[] = [
    `<svg class="trend-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(`${trend.metric} ${trend.stat} across ${trend.points.length} runs`)}">`,
  ];
  parts.push(`<line class="axis" x1="${pad.l}" y1="${height - pad.b}" x2="${width - pad.r}" y2="${height - pad.b}"/>`);
  const known = values.filter((v): v is number => v !== null);
  if (known.length) {
    for (const v of [Math.min(...known), Math.max(...known)])
      parts.push(
        `<text class="tick" x="${pad.l - 6}" y="${r1(s.y(v) + 4)}" text-anchor="end">${esc(withUnit(trend.metric, v))}</text>`,
      );
  }
  if (base !== null)
    parts.push(
      `<line class="baseline-line" x1="${pad.l}" y1="${r1(s.y(base))}" x2="${width - pad.r}" y2="${r1(s.y(base))}"/><text class="tick" x="${width - pad.r}" y="${r1(s.y(base) - 4)}" text-anchor="end">baseline</text>`,
    );
  const path = trend.points
    .map((p, i) => (p.value === null ? null : `${r1(s.x(i))},${r1(s.y(p.value))}`))
    .filter((x) => x !== null)
    .join(' ');
  if (path) parts.push(`<polyline class="trend-line" points="${path}"/>`);
  trend.points.forEach((p, i) => {
    const x = r1(s.x(i));
    parts.push(`<text class="tick" x="${x}" y="${height - pad.b + 16}" text-anchor="middle">${i + 1}</text>`);
    if (p.value === null) return;
    const title = `run ${i + 1} (${p.startedAt}): ${withUnit(trend.metric, p.value)}${p.verdict === 'regressed' ? ` — regressed: ${p.worse.join(', ')}` : p.verdict === 'baseline' ? ' — baseline' : ''}`;
    parts.push(
      `<circle class="point ${p.verdict}" data-run="${esc(p.runId)}" data-value="${p.value}" data-verdict="${p.verdict}" cx="${x}" cy="${r1(s.y(p.value))}" r="${p.verdict === 'regressed' || p.verdict === 'baseline' ? 6 : 4}"><title>${esc(title)}</title></circle>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

/** A small sparkline (runs view): a line through the values, the baseline's run as a ring, a regressed last run in red. */
export function sparklineSvg(
  values: readonly (number | null)[],
  opts: { baselineIndex?: number; regressed?: readonly number[]; width?: number; height?: number; color?: string } = {},
): string {
  const w = opts.width ?? 64;
  const h = opts.height ?? 16;
  const s = scale(values, null, w, h, { l: 3, r: 3, t: 3, b: 3 });
  const pts = values
    .map((v, i) => (v === null ? null : `${r1(s.x(i))},${r1(s.y(v))}`))
    .filter((x) => x !== null)
    .join(' ');
  const color = opts.color ?? '#3794ff';
  const marks: string[] = [];
  const b = opts.baselineIndex;
  if (b !== undefined && values[b] !== null && values[b] !== undefined)
    marks.push(
      `<circle cx="${r1(s.x(b))}" cy="${r1(s.y(values[b] as number))}" r="2.5" fill="none" stroke="#89d185" stroke-width="1.5"/>`,
    );
  for (const i of opts.regressed ?? []) {
    if (values[i] !== null && values[i] !== undefined)
      marks.push(`<circle cx="${r1(s.x(i))}" cy="${r1(s.y(values[i] as number))}" r="2.5" fill="#f14c4c"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><polyline points="${pts}" fill="none" stroke="${color}" stroke-width="1.5"/>${marks.join('')}</svg>`;
}

const BLOCKS = '▁▂▃▄▅▆▇█';

/** A text sparkline (`▁▂▁█▁`) for places that show only text, such as a tree item's description; a missing value is a space. */
export function textSparkline(values: readonly (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return '';
  const lo = Math.min(...known);
  const hi = Math.max(...known);
  return values
    .map((v) => (v === null ? ' ' : BLOCKS[hi === lo ? 3 : Math.min(7, Math.floor(((v - lo) / (hi - lo)) * 8))]))
    .join('');
}
