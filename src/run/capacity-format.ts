// Terminal lines for goodput and a sweep's answer: the headline first, then the step ladder.
import type { Summary } from '../protocol';
import { capacityHeadline, sloWorstLine } from '../shared/capacity';
import { paretoPointText } from '../shared/pareto';

/** `slo` and `capacity` lines of the summary table (none when the run had neither). */
export function capacitySummaryLines(s: Summary): string[] {
  const out: string[] = [];
  const slo = s.slo;
  if (slo) {
    const worst = sloWorstLine(slo);
    out.push(
      '',
      `  slo        ${slo.met}/${slo.judged} met (${(slo.attainment * 100).toFixed(1)}% attainment) · goodput ${slo.goodput.toFixed(2)}/s · ${slo.goodputTokensPerSecond.toFixed(1)} tokens/s${worst ? ` · ${worst}` : ''}`,
    );
  }
  const c = s.capacity;
  if (c) {
    out.push(
      '',
      `  ${capacityHeadline(c)}`,
      '',
      `  ${'step'.padEnd(6)}${'offered'.padStart(10)}${'achieved'.padStart(10)}${'SLO'.padStart(7)}${'errors'.padStart(8)}${'p95 ttft'.padStart(10)}${'p95 dur'.padStart(10)}${'tok/s'.padStart(8)}${'in flight'.padStart(11)}  verdict`,
    );
    for (const st of c.steps) {
      const unit = c.executor === 'sweep-vus' ? ' VU' : '/s';
      const verdict =
        st.limitedBy === null
          ? st.index === c.atStep
            ? 'ok ← capacity'
            : 'ok'
          : st.limitedBy === 'slo' && st.bound
            ? `slo: ${st.bound}`
            : st.limitedBy;
      out.push(
        `  ${`${st.index + 1}${st.refine ? 'r' : ''}`.padEnd(6)}${`${st.offered}${unit}`.padStart(10)}${`${st.achieved}/s`.padStart(10)}${`${Math.round(st.sloAttainment * 100)}%`.padStart(7)}${`${(st.errorRate * 100).toFixed(1)}%`.padStart(8)}${ms(st.ttft?.p95).padStart(10)}${ms(st.duration?.p95).padStart(10)}${String(Math.round(st.tokensPerSecond ?? 0)).padStart(8)}${String(st.inFlightMax).padStart(11)}  ${verdict}${st.busyMachine ? ' (busy machine: late sends)' : ''}`,
      );
    }
    if (c.pareto?.length) {
      out.push('', '  Pareto front (output tokens/s against p50 time per output token):');
      for (const p of c.pareto) out.push(`    ${paretoPointText(p, c.executor === 'sweep-vus' ? ' VUs' : '/s')}`);
    }
  }
  return out;
}

function ms(v: number | undefined): string {
  return v === undefined ? '–' : `${Math.round(v)} ms`;
}
