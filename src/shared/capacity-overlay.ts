// Two sweeps side by side: their load–latency curves overlaid on one offered-load axis (baseline
// dashed, current solid, each capacity marked), and the capacity's change in one line ("Capacity
// −18% vs baseline (1,840 → 1,509 RPM): worse"). Pure; the HTML compare report, the compare
// panel and the CLI/Markdown comparison all draw from it, so they cannot disagree.
import type { CapacitySummary, SweepStep } from './capacity';
import type { Comparison, Verdict } from './compare-types';

/** Which run a series or mark belongs to. */
export type OverlaySide = 'baseline' | 'current';

/** One overlaid series: x is offered load (arrivals/s or VUs), y ms (`ms`) or goodput/s (`rate`). */
export interface OverlaySeries {
  id: string;
  side: OverlaySide;
  label: string;
  axis: 'ms' | 'rate';
  points: Array<{ x: number; y: number }>;
}

/** The capacity step of one run, to mark on the shared x axis. */
export interface OverlayMark {
  side: OverlaySide;
  offered: number;
  rpm: number;
}

/** Both curves on one axis. */
export interface CapacityOverlay {
  executor: CapacitySummary['executor'];
  series: OverlaySeries[];
  marks: OverlayMark[];
  /** Each run's Pareto front: x output tokens/s, y p50 TPOT ms (absent for a run without one). */
  fronts: Array<{ side: OverlaySide; points: Array<{ x: number; y: number }> }>;
}

/** The quantities overlaid: few enough to read with two runs on one chart. */
export const OVERLAY_QUANTITIES: ReadonlyArray<{
  id: string;
  label: string;
  axis: 'ms' | 'rate';
  value: (s: SweepStep) => number | null;
}> = [
  { id: 'ttft-p95', label: 'TTFT p95', axis: 'ms', value: (s) => s.ttft?.p95 ?? null },
  { id: 'duration-p95', label: 'duration p95', axis: 'ms', value: (s) => s.duration?.p95 ?? null },
  { id: 'goodput', label: 'goodput /s', axis: 'rate', value: (s) => s.goodput },
];

/**
 * The overlay of two sweeps, or null unless both runs are sweeps of the same kind (a rate sweep
 * and a VU sweep have no common x axis). Series without a point (no TTFT without streaming) are left out.
 */
export function capacityOverlay(
  baseline: CapacitySummary | undefined,
  current: CapacitySummary | undefined,
): CapacityOverlay | null {
  if (!baseline || !current || baseline.executor !== current.executor) return null;
  const series: OverlaySeries[] = [];
  const marks: OverlayMark[] = [];
  const fronts: CapacityOverlay['fronts'] = [];
  for (const [side, c] of [
    ['baseline', baseline],
    ['current', current],
  ] as const) {
    const steps = [...c.steps].sort((a, b) => a.offered - b.offered);
    for (const q of OVERLAY_QUANTITIES) {
      const points = steps
        .map((st) => ({ x: st.offered, y: q.value(st) }))
        .filter((p): p is { x: number; y: number } => p.y !== null);
      if (points.length)
        series.push({ id: `${side}-${q.id}`, side, label: `${side} ${q.label}`, axis: q.axis, points });
    }
    const cap = c.atStep !== null ? c.steps[c.atStep] : undefined;
    if (cap && c.rpm !== null) marks.push({ side, offered: cap.offered, rpm: c.rpm });
    if (c.pareto?.length) fronts.push({ side, points: c.pareto.map((q) => ({ x: q.tokensPerSecond, y: q.tpotP50 })) });
  }
  return { executor: current.executor, series, marks, fronts };
}

/** The capacity's move as `compare` judged it (null when either run has no capacity). */
export interface CapacityChange {
  baselineRpm: number;
  currentRpm: number;
  /** Relative change in %; null from a baseline of 0. */
  changePct: number | null;
  verdict: Verdict | null;
}

/** The capacity row of a comparison, read from the judged `capacity` metric. */
export function capacityChange(c: Comparison): CapacityChange | null {
  const stat = c.metrics.find((m) => m.metric === 'capacity')?.stats.find((s) => s.stat === 'value');
  if (!stat || stat.baseline === null || stat.current === null) return null;
  return {
    baselineRpm: stat.baseline,
    currentRpm: stat.current,
    changePct: stat.changePct !== null && Number.isFinite(stat.changePct) ? stat.changePct : null,
    verdict: stat.verdict,
  };
}

/** "Capacity −18% vs baseline (1,840 → 1,509 RPM): worse"; null without a capacity on both sides. */
export function capacityChangeLine(c: Comparison): string | null {
  const ch = capacityChange(c);
  if (!ch) return null;
  const rpm = (v: number) => Math.round(v).toLocaleString('en-US');
  const pct =
    ch.changePct === null
      ? 'changed'
      : Math.round(ch.changePct) === 0
        ? '±0%'
        : `${ch.changePct > 0 ? '+' : '−'}${Math.abs(Math.round(ch.changePct))}%`;
  const verdict =
    ch.verdict === 'worse'
      ? 'worse beyond tolerance (a regression)'
      : ch.verdict === 'better'
        ? 'better'
        : ch.verdict === 'same'
          ? 'within tolerance'
          : 'not judged';
  return `Capacity ${pct} vs baseline (${rpm(ch.baselineRpm)} → ${rpm(ch.currentRpm)} RPM): ${verdict}`;
}
