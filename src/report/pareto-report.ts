// A sweep's throughput–latency Pareto front in the reports: a table in Markdown, and in HTML the
// table with an inline SVG of every step (output tokens/s against p50 TPOT) and the front drawn
// through its points. SVG keeps the report self-contained and its points countable by tests.
import type { CapacitySummary } from '../shared/capacity';
import type { ParetoPoint } from '../shared/pareto';
import { axisLines, paretoFrame, escNumeric } from './svg-plot';

const HEAD = ['step', 'offered', 'output tokens/s', 'p50 TPOT ms', 'tokens/s per user', ''];

function cells(c: CapacitySummary, p: ParetoPoint): string[] {
  return [
    `step ${p.step + 1}`,
    `${p.offered}${c.executor === 'sweep-vus' ? ' VUs' : '/s'}`,
    String(Math.round(p.tokensPerSecond)),
    String(Math.round(p.tpotP50 * 10) / 10),
    String(p.interactivity),
    p.step === c.atStep ? '← capacity' : p.ok ? '' : 'past the stop rule',
  ];
}

/** Markdown lines of the front (none without one). */
export function paretoMarkdown(c: CapacitySummary): string[] {
  const front = c.pareto ?? [];
  if (!front.length) return [];
  return [
    '#### Throughput–latency Pareto front',
    '',
    'Steps that no other step beats on both output tokens per second and p50 time per output token.',
    '',
    `| ${HEAD.join(' | ')} |`,
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...front.map((p) => `| ${cells(c, p).join(' | ')} |`),
    '',
  ];
}

/** The HTML part: the SVG (every step, the front as a line) and the table. Empty without a front. */
export function paretoHtml(c: CapacitySummary): string {
  const front = c.pareto ?? [];
  if (!front.length) return '';
  const rows = front
    .map(
      (p) =>
        `<tr>${cells(c, p)
          .map((v, i) => `<td${i >= 1 && i <= 4 ? ' class="num"' : ''}>${escNumeric(v)}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  return `<div id="pareto"><h3>Throughput–latency Pareto front</h3>${paretoSvg(c)}<table><thead><tr>${HEAD.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** x = output tokens/s, y = p50 TPOT (ms): grey dots for every step with a TPOT, the front in colour. */
export function paretoSvg(c: CapacitySummary): string {
  const frame = paretoFrame(280);
  const { W, H, L, R, T, B } = frame;
  const all = c.steps
    .filter((s) => s.tpot !== null && s.limitedBy !== 'generator')
    .map((s) => ({ step: s.index, x: s.tokensPerSecond ?? 0, y: s.tpot!.p50 }));
  const front = c.pareto ?? [];
  const maxX = Math.max(1, ...all.map((p) => p.x)) * 1.1;
  const maxY = Math.max(1, ...all.map((p) => p.y)) * 1.1;
  const x = (v: number): number => L + (v / maxX) * (W - L - R);
  const y = (v: number): number => H - B - (v / maxY) * (H - T - B);
  const dots = all
    .map(
      (p) =>
        `<circle class="step-point" cx="${x(p.x).toFixed(1)}" cy="${y(p.y).toFixed(1)}" r="3" fill="currentColor" opacity="0.45"><title>${escNumeric(`step ${p.step + 1}: ${Math.round(p.x)} tokens/s, p50 TPOT ${p.y} ms`)}</title></circle>`,
    )
    .join('');
  const path = front
    .map((p, i) => `${i ? 'L' : 'M'}${x(p.tokensPerSecond).toFixed(1)},${y(p.tpotP50).toFixed(1)}`)
    .join(' ');
  const frontDots = front
    .map(
      (p) =>
        `<circle class="front-point" data-step="${p.step}" cx="${x(p.tokensPerSecond).toFixed(1)}" cy="${y(p.tpotP50).toFixed(1)}" r="4" fill="#7c3aed"><title>${escNumeric(`step ${p.step + 1}: ${Math.round(p.tokensPerSecond)} tokens/s at p50 TPOT ${p.tpotP50} ms (${p.interactivity} tokens/s per user)`)}</title></circle>`,
    )
    .join('');
  return `<figure class="pareto"><svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Throughput–latency Pareto front">
${axisLines(frame)}
<text x="4" y="${T + 10}" font-size="11" fill="currentColor">${Math.round(maxY)} ms</text><text x="${W - R}" y="${H - B + 16}" text-anchor="end" font-size="11" fill="currentColor">${Math.round(maxX)} tokens/s</text>
<g class="steps" data-points="${all.length}">${dots}</g><g class="front" data-points="${front.length}"><path d="${path}" fill="none" stroke="#7c3aed" stroke-width="2"/>${frontDots}</g></svg><figcaption>p50 time per output token against output tokens per second, per step; the line joins the Pareto-optimal steps</figcaption></figure>`;
}
