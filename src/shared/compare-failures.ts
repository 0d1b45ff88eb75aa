// What changed in how a run failed: answers per HTTP status and failure reasons, side by side.
// For information (no verdict): the error rate already decides; this says what the gateway said.
import type { Summary } from '../protocol';
import type { FailureDiff } from './compare-types';
import { reasonWhere } from './reasons';

/** Statuses and reasons of both runs, the largest changes first; null when neither run has any. */
export function compareFailures(baseline: Summary, current: Summary): FailureDiff | null {
  const codes = new Set([...Object.keys(baseline.statusCodes ?? {}), ...Object.keys(current.statusCodes ?? {})]);
  const statusCodes = [...codes]
    .sort((a, b) => Number(a) - Number(b))
    .map((status) => ({
      status,
      baseline: baseline.statusCodes?.[status] ?? 0,
      current: current.statusCodes?.[status] ?? 0,
    }));
  const byKey = new Map<string, { reason: string; message: string; baseline: number; current: number }>();
  for (const [side, s] of [
    ['baseline', baseline],
    ['current', current],
  ] as const) {
    for (const e of s.errorSamples ?? []) {
      const k = `${reasonWhere(e)}|${e.message}`;
      const row = byKey.get(k) ?? { reason: reasonWhere(e), message: e.message, baseline: 0, current: 0 };
      row[side] += e.count;
      byKey.set(k, row);
    }
  }
  const reasons = [...byKey.values()]
    .sort((a, b) => Math.abs(b.current - b.baseline) - Math.abs(a.current - a.baseline))
    .slice(0, 10);
  if (statusCodes.length === 0 && reasons.length === 0) return null;
  return { statusCodes, reasons };
}

/** Text lines for `gateway-load compare`. */
export function failureLines(d: FailureDiff): string[] {
  const out: string[] = [];
  if (d.statusCodes.length)
    out.push(`statuses  ${d.statusCodes.map((s) => `${s.status} ${s.baseline} → ${s.current}`).join(' · ')}`);
  for (const r of d.reasons) out.push(`reason    ${r.reason}: ${r.message}  ${r.baseline} → ${r.current}`);
  return out;
}
