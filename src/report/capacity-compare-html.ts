// The HTML comparison's capacity part: the change in one line and both sweeps' load–latency
// curves overlaid (inline SVG; baseline dashed, current solid, each capacity a vertical line).
// The series come from src/shared/capacity-overlay.ts, as in the compare panel.
import type { CapacitySummary } from '../shared/capacity';
import { capacityChangeLine, capacityOverlay, type CapacityOverlay } from '../shared/capacity-overlay';
import type { Comparison } from '../shared/compare-types';
import { axisLines, LOAD_FRAME, logX, paretoFrame, escNumeric } from './svg-plot';

const COLORS: Record<string, string> = { 'ttft-p95': '#2563eb', 'duration-p95': '#f59e0b', goodput: '#16a34a' };

/** The capacity line and the overlaid curves; empty when neither run was a sweep. */
export function capacityCompareHtml(
  baseline: CapacitySummary | undefined,
  current: CapacitySummary | undefined,
  comparison: Comparison,
): string {
  const line = capacityChangeLine(comparison);
  const overlay = capacityOverlay(baseline, current);
  if (!line && !overlay) return '';
  const verdict = comparison.metrics.find((m) => m.metric === 'capacity')?.verdict;
  const cls = verdict === 'worse' ? 'bad' : verdict === 'better' ? 'ok' : '';
  return `<div id="capacity-comparison">${line ? `<p class="${cls}"><strong>${escNumeric(line)}</strong></p>` : ''}${overlay ? overlaySvg(overlay) + frontsSvg(overlay) : ''}</div>`;
}

/** x = offered load (log), left axis ms, right axis goodput/s. */
export function overlaySvg(o: CapacityOverlay): string {
  const frame = LOAD_FRAME;
  const { W, H, R, T, B } = frame;
  const xs = o.series.flatMap((s) => s.points.map((p) => p.x)).concat(o.marks.map((m) => m.offered));
  if (!xs.length) return '';
  const x = logX(frame, xs);
  const top = (axis: 'ms' | 'rate') =>
    Math.max(1, ...o.series.filter((s) => s.axis === axis).flatMap((s) => s.points.map((p) => p.y))) * 1.1;
  const tops = { ms: top('ms'), rate: top('rate') };
  const y = (v: number, axis: 'ms' | 'rate'): number => H - B - (v / tops[axis]) * (H - T - B);
  const series = o.series
    .map((s) => {
      const q = s.id.slice(s.side.length + 1);
      const color = COLORS[q] ?? '#888888';
      const path = s.points
        .map((p, i) => `${i ? 'L' : 'M'}${x(p.x).toFixed(1)},${y(p.y, s.axis).toFixed(1)}`)
        .join(' ');
      const dots = s.points
        .map(
          (p) =>
            `<circle class="point" cx="${x(p.x).toFixed(1)}" cy="${y(p.y, s.axis).toFixed(1)}" r="3" fill="${color}"><title>${escNumeric(`${s.label} at ${p.x}: ${Math.round(p.y * 10) / 10}`)}</title></circle>`,
        )
        .join('');
      return `<g class="overlay-series" data-series="${s.id}" data-side="${s.side}" data-points="${s.points.length}"><path d="${path}" fill="none" stroke="${color}" stroke-width="2"${s.side === 'baseline' ? ' stroke-dasharray="6 4" opacity="0.7"' : ''}/>${dots}</g>`;
    })
    .join('');
  const marks = o.marks
    .map(
      (m, i) =>
        `<g class="overlay-capacity" data-side="${m.side}" data-offered="${m.offered}"><line x1="${x(m.offered).toFixed(1)}" x2="${x(m.offered).toFixed(1)}" y1="${T}" y2="${H - B}" stroke="#dc2626" stroke-width="2"${m.side === 'baseline' ? ' stroke-dasharray="6 4" opacity="0.7"' : ''}/><text x="${(x(m.offered) + (x(m.offered) > W * 0.6 ? -4 : 4)).toFixed(1)}" y="${T + 12 + i * 14}"${x(m.offered) > W * 0.6 ? ' text-anchor="end"' : ''} fill="#dc2626" font-size="12">${m.side} capacity ${Math.round(m.rpm).toLocaleString('en-US')} RPM</text></g>`,
    )
    .join('');
  const unit = o.executor === 'sweep-vus' ? 'VUs' : 'arrivals/s';
  return `<figure class="capacity-overlay"><svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Load–latency curves of both runs">
${axisLines(frame)}
<text x="4" y="${T + 10}" font-size="11" fill="currentColor">${Math.round(tops.ms)} ms</text><text x="${W - R + 4}" y="${T + 10}" font-size="11" fill="currentColor">${Math.round(tops.rate)}/s</text>
${series}${marks}</svg><figcaption>Load–latency curves against offered load (${unit}, log scale): baseline dashed, current solid; TTFT p95 blue, duration p95 orange, goodput green</figcaption></figure>`;
}

/** Both Pareto fronts: x = output tokens/s, y = p50 TPOT (ms); baseline dashed. Empty without fronts. */
export function frontsSvg(o: CapacityOverlay): string {
  if (!o.fronts.length) return '';
  const frame = paretoFrame(260);
  const { W, H, L, R, T, B } = frame;
  const pts = o.fronts.flatMap((f) => f.points);
  const maxX = Math.max(1, ...pts.map((p) => p.x)) * 1.1;
  const maxY = Math.max(1, ...pts.map((p) => p.y)) * 1.1;
  const x = (v: number): number => L + (v / maxX) * (W - L - R);
  const y = (v: number): number => H - B - (v / maxY) * (H - T - B);
  const lines = o.fronts
    .map((f) => {
      const path = f.points.map((p, i) => `${i ? 'L' : 'M'}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join(' ');
      const dots = f.points
        .map(
          (p) =>
            `<circle class="point" cx="${x(p.x).toFixed(1)}" cy="${y(p.y).toFixed(1)}" r="3" fill="#7c3aed"><title>${escNumeric(`${f.side}: ${Math.round(p.x)} tokens/s at p50 TPOT ${p.y} ms`)}</title></circle>`,
        )
        .join('');
      return `<g class="overlay-front" data-side="${f.side}" data-points="${f.points.length}"><path d="${path}" fill="none" stroke="#7c3aed" stroke-width="2"${f.side === 'baseline' ? ' stroke-dasharray="6 4" opacity="0.7"' : ''}/>${dots}</g>`;
    })
    .join('');
  return `<figure class="fronts-overlay"><svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Pareto fronts of both runs">
${axisLines(frame)}
<text x="4" y="${T + 10}" font-size="11" fill="currentColor">${Math.round(maxY)} ms</text><text x="${W - R}" y="${H - B + 16}" text-anchor="end" font-size="11" fill="currentColor">${Math.round(maxX)} tokens/s</text>
${lines}</svg><figcaption>Throughput–latency Pareto fronts (p50 TPOT against output tokens/s): baseline dashed, current solid</figcaption></figure>`;
}
