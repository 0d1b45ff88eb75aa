// Resources of two runs side by side: for information, not for the verdict (what a gateway's CPU
// may do under a new version is a finding, not a regression rule). A series that moved by 10% or
// more while the load was the same (throughput within 5%) is called out as a finding.
import type { Summary } from '../protocol';
import type { ResourceComparison } from '../shared/compare-types';
import { formatMonitorValue } from '../shared/monitor-format';

const FINDING_PCT = 10;
const SAME_LOAD_PCT = 5;

export function compareResources(baseline: Summary, current: Summary): ResourceComparison[] {
  const b = baseline.monitor?.series ?? {};
  const c = current.monitor?.series ?? {};
  const br = baseline.metrics.http_reqs?.rate ?? 0;
  const cr = current.metrics.http_reqs?.rate ?? 0;
  const sameLoad = br > 0 && Math.abs(cr - br) / br <= SAME_LOAD_PCT / 100;
  const out: ResourceComparison[] = [];
  for (const key of Object.keys({ ...b, ...c }).sort()) {
    const bs = b[key];
    const cs = c[key];
    const bAvg = bs?.avg ?? null;
    const cAvg = cs?.avg ?? null;
    const changePct = bAvg !== null && cAvg !== null && bAvg !== 0 ? ((cAvg - bAvg) / Math.abs(bAvg)) * 100 : null;
    const unit = cs?.unit ?? bs?.unit ?? '';
    const finding =
      sameLoad && changePct !== null && Math.abs(changePct) >= FINDING_PCT && !key.startsWith('generator.')
        ? `${key} at the same load: ${changePct > 0 ? '+' : ''}${changePct.toFixed(0)}% (avg ${formatMonitorValue(bAvg, unit)} → ${formatMonitorValue(cAvg, unit)})`
        : undefined;
    out.push({
      key,
      unit,
      baselineAvg: bAvg,
      currentAvg: cAvg,
      baselineMax: bs?.max ?? null,
      currentMax: cs?.max ?? null,
      changePct,
      ...(finding ? { finding } : {}),
    });
  }
  return out;
}
