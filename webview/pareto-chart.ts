// The panel's throughput–latency Pareto front at the end of a sweep: every step (output tokens/s
// against p50 time per output token) as a dot, the Pareto-optimal steps joined by a line, the
// capacity step ringed. The front itself comes computed in `summary.capacity.pareto`.
import type { ChartConfiguration } from 'chart.js';
import type { Summary } from '../src/protocol';
import type { Palette } from './theme';
import { paretoScales, pointChartOptions } from './chart-options';

type Point = { x: number; y: number };

/** Labels of the chart's datasets, in order (tests find them by label). */
export const PARETO_LABELS = { steps: 'every step', front: 'Pareto front', capacity: 'capacity step' } as const;

/** The chart, or null when the sweep has no front (no step streamed tokens). */
export function paretoConfig(
  p: Palette,
  c: NonNullable<Summary['capacity']>,
): ChartConfiguration<'line', Point[]> | null {
  const front = c.pareto ?? [];
  if (!front.length) return null;
  const steps = c.steps
    .filter((s) => s.tpot !== null && s.limitedBy !== 'generator')
    .map((s) => ({ x: s.tokensPerSecond ?? 0, y: s.tpot!.p50 }));
  const cap = c.atStep !== null ? front.find((q) => q.step === c.atStep) : undefined;
  const datasets: ChartConfiguration<'line', Point[]>['data']['datasets'] = [
    {
      label: PARETO_LABELS.steps,
      data: steps,
      showLine: false,
      borderColor: p.muted,
      backgroundColor: p.muted,
      pointRadius: 3,
    },
    {
      label: PARETO_LABELS.front,
      data: front.map((q) => ({ x: q.tokensPerSecond, y: q.tpotP50 })),
      borderColor: p.purple,
      backgroundColor: p.purple,
      borderWidth: 2,
      pointRadius: 4,
    },
  ];
  if (cap)
    datasets.push({
      label: PARETO_LABELS.capacity,
      data: [{ x: cap.tokensPerSecond, y: cap.tpotP50 }],
      showLine: false,
      borderColor: p.red,
      backgroundColor: 'transparent',
      borderWidth: 2,
      pointRadius: 8,
    });
  return {
    type: 'line',
    data: { datasets },
    options: pointChartOptions(p, paretoScales(p)),
  };
}
