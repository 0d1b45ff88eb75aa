// A sweep's answer in the reports: the headline, the step ladder and, in HTML, the load–latency
// curve as inline SVG (p50/p95/p99 TTFT, p95 duration and goodput against offered load, the
// capacity marked). SVG keeps the report self-contained and its points countable by tests.
import type { Summary } from '../protocol';
import { capacityHeadline, sloWorstLine, type CapacitySummary, type SweepStep } from '../shared/capacity';
import { paretoHtml, paretoMarkdown } from './pareto-report';
import { axisLines, LOAD_FRAME, logX, escNumeric } from './svg-plot';

/** Markdown lines for `slo` and `capacity` (none without them). */
export function capacityMarkdown(s: Summary): string[] {
  const out: string[] = [];
  if (s.slo) {
    const w = sloWorstLine(s.slo);
    out.push(
      '### Goodput',
      '',
      `${s.slo.met}/${s.slo.judged} requests met the SLO (${(s.slo.attainment * 100).toFixed(1)}%): goodput ${s.slo.goodput}/s, ${s.slo.goodputTokensPerSecond} tokens/s${w ? `; ${w}` : ''}.`,
      '',
    );
  }
  const c = s.capacity;
  if (c) {
    out.push(
      '### Capacity',
      '',
      `**${capacityHeadline(c)}**`,
      '',
      '| step | offered | achieved | SLO | errors | p95 TTFT ms | p95 duration ms | tokens/s | verdict |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    );
    for (const st of c.steps)
      out.push(
        `| ${st.index + 1}${st.refine ? ' (refine)' : ''} | ${st.offered} | ${st.achieved} | ${Math.round(st.sloAttainment * 100)}% | ${(st.errorRate * 100).toFixed(1)}% | ${st.ttft ? Math.round(st.ttft.p95) : '–'} | ${st.duration ? Math.round(st.duration.p95) : '–'} | ${Math.round(st.tokensPerSecond ?? 0)} | ${verdict(c, st)} |`,
      );
    out.push('', ...paretoMarkdown(c));
  }
  return out;
}

function verdict(c: CapacitySummary, st: SweepStep): string {
  if (st.limitedBy === null) return st.index === c.atStep ? 'ok ← capacity' : 'ok';
  return st.limitedBy === 'slo' && st.bound ? `slo: ${st.bound}` : st.limitedBy;
}

/** The series of the load–latency curve: name, colour and the value of a step (null: no point). */
export const CURVE_SERIES: ReadonlyArray<{
  id: string;
  label: string;
  color: string;
  axis: 'ms' | 'rate';
  value: (s: SweepStep) => number | null;
}> = [
  { id: 'ttft-p50', label: 'TTFT p50', color: '#60a5fa', axis: 'ms', value: (s) => s.ttft?.p50 ?? null },
  { id: 'ttft-p95', label: 'TTFT p95', color: '#2563eb', axis: 'ms', value: (s) => s.ttft?.p95 ?? null },
  { id: 'ttft-p99', label: 'TTFT p99', color: '#1e3a8a', axis: 'ms', value: (s) => s.ttft?.p99 ?? null },
  { id: 'duration-p95', label: 'duration p95', color: '#f59e0b', axis: 'ms', value: (s) => s.duration?.p95 ?? null },
  { id: 'goodput', label: 'goodput /s', color: '#16a34a', axis: 'rate', value: (s) => s.goodput },
];

/** The HTML section: headline, SVG curve, step table. Empty without a sweep. */
export function capacityHtml(s: Summary): string {
  const c = s.capacity;
  const parts: string[] = [];
  if (s.slo) {
    const w = sloWorstLine(s.slo);
    parts.push(
      `<section id="goodput"><h2>Goodput</h2><p>${s.slo.met}/${s.slo.judged} requests met the SLO (${(s.slo.attainment * 100).toFixed(1)}%): goodput ${s.slo.goodput}/s, ${s.slo.goodputTokensPerSecond} tokens/s${w ? `; ${escNumeric(w)}` : ''}.</p></section>`,
    );
  }
  if (!c) return parts.join('');
  const rows = c.steps
    .map(
      (st) =>
        `<tr><td>${st.index + 1}${st.refine ? ' (refine)' : ''}</td><td class="num">${st.offered}</td><td class="num">${st.achieved}</td><td class="num">${Math.round(st.sloAttainment * 100)}%</td><td class="num">${(st.errorRate * 100).toFixed(1)}%</td><td class="num">${st.ttft ? Math.round(st.ttft.p95) : '–'}</td><td class="num">${st.duration ? Math.round(st.duration.p95) : '–'}</td><td class="num">${Math.round(st.tokensPerSecond ?? 0)}</td><td>${escNumeric(verdict(c, st))}</td></tr>`,
    )
    .join('');
  parts.push(`<section id="capacity"><h2>Capacity</h2><p class="headline"><strong>${escNumeric(capacityHeadline(c))}</strong></p>${loadLatencySvg(c)}
<table><thead><tr><th>step</th><th>offered</th><th>achieved</th><th>SLO</th><th>errors</th><th>p95 TTFT ms</th><th>p95 duration ms</th><th>tokens/s</th><th>verdict</th></tr></thead><tbody>${rows}</tbody></table>${paretoHtml(c)}</section>`);
  return parts.join('');
}

/** The load–latency curve: x = offered load (log scale, steps sorted), left axis ms, right axis goodput. */
export function loadLatencySvg(c: CapacitySummary): string {
  const frame = LOAD_FRAME;
  const { W, H, L, R, T, B } = frame;
  const steps = [...c.steps].sort((a, b) => a.offered - b.offered);
  if (!steps.length) return '';
  const xs = steps.map((s) => s.offered);
  const x = logX(frame, xs);
  const maxOf = (axis: 'ms' | 'rate'): number =>
    Math.max(
      1,
      ...CURVE_SERIES.filter((s) => s.axis === axis).flatMap((s) =>
        steps.map(s.value).filter((v): v is number => v !== null),
      ),
    );
  const top = { ms: maxOf('ms') * 1.1, rate: maxOf('rate') * 1.1 };
  const y = (v: number, axis: 'ms' | 'rate'): number => H - B - (v / top[axis]) * (H - T - B);
  const series = CURVE_SERIES.map((s) => {
    const pts = steps
      .map((st) => ({ st, v: s.value(st) }))
      .filter((p): p is { st: SweepStep; v: number } => p.v !== null);
    if (!pts.length) return '';
    const path = pts
      .map((p, i) => `${i ? 'L' : 'M'}${x(p.st.offered).toFixed(1)},${y(p.v, s.axis).toFixed(1)}`)
      .join(' ');
    const dots = pts
      .map(
        (p) =>
          `<circle class="point" cx="${x(p.st.offered).toFixed(1)}" cy="${y(p.v, s.axis).toFixed(1)}" r="3" fill="${s.color}"><title>${escNumeric(`${s.label} at ${p.st.offered}: ${Math.round(p.v * 10) / 10}`)}</title></circle>`,
      )
      .join('');
    return `<g class="series" data-series="${s.id}" data-points="${pts.length}"><path d="${path}" fill="none" stroke="${s.color}" stroke-width="2"${s.axis === 'rate' ? ' stroke-dasharray="5 3"' : ''}/>${dots}</g>`;
  }).join('');
  const capStep = c.atStep !== null ? c.steps[c.atStep] : null;
  const mark = capStep
    ? `<g class="capacity-mark" data-offered="${capStep.offered}"><line x1="${x(capStep.offered).toFixed(1)}" x2="${x(capStep.offered).toFixed(1)}" y1="${T}" y2="${H - B}" stroke="#dc2626" stroke-width="2" stroke-dasharray="4 3"/><text x="${(x(capStep.offered) + (x(capStep.offered) > W * 0.6 ? -4 : 4)).toFixed(1)}" y="${T + 12}"${x(capStep.offered) > W * 0.6 ? ' text-anchor="end"' : ''} fill="#dc2626" font-size="12">capacity ${Math.round(c.rpm ?? 0).toLocaleString('en-US')} RPM</text></g>`
    : '';
  const ticks = steps
    .map(
      (st) =>
        `<text x="${x(st.offered).toFixed(1)}" y="${H - B + 16}" text-anchor="middle" font-size="11" fill="currentColor">${st.offered}</text>`,
    )
    .join('');
  const legend = CURVE_SERIES.map(
    (s, i) => `<text x="${L + i * 120}" y="${H - 6}" font-size="11" fill="${s.color}">■ ${escNumeric(s.label)}</text>`,
  ).join('');
  return `<figure class="load-latency"><svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Load–latency curve">
${axisLines(frame)}
<text x="4" y="${T + 10}" font-size="11" fill="currentColor">${Math.round(top.ms)} ms</text><text x="${W - R + 4}" y="${T + 10}" font-size="11" fill="currentColor">${Math.round(top.rate)}/s</text>
${ticks}${series}${mark}${legend}</svg><figcaption>Latency and goodput against offered load (${c.executor === 'sweep-vus' ? 'VUs' : 'arrivals/s'}, log scale)</figcaption></figure>`;
}
