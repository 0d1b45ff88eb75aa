// A sweep's pictures in the panel: live, the step ladder (offered vs achieved per second); at the
// end, the load–latency curve (p50/p95/p99 TTFT, p95 duration and goodput against offered load)
// with the capacity marked as a vertical line, and the throughput–latency Pareto front
// (pareto-chart.ts). Rebuilt from the state; a sweep has few points.
import {
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import type { Summary, Window } from '../src/protocol';
import { capacityHeadline } from '../src/shared/capacity';
import type { ViewState } from './state';
import type { Palette } from './theme';
import { chartFont, offeredLoadScales, pointChartOptions, valueAxis } from './chart-options';
import { h } from './dom';
import { paretoConfig } from './pareto-chart';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip);

type Point = { x: number; y: number };
type Step = NonNullable<Summary['capacity']>['steps'][number];

/** The curve's series: id, label, colour role, axis and the value of a step. */
export const SWEEP_CURVE_SERIES: ReadonlyArray<{
  id: string;
  label: string;
  color: keyof Palette;
  axis: 'y' | 'y1';
  dashed?: boolean;
  value: (s: Step) => number | null;
}> = [
  { id: 'ttft-p50', label: 'TTFT p50', color: 'blue', axis: 'y', value: (s) => s.ttft?.p50 ?? null },
  { id: 'ttft-p95', label: 'TTFT p95', color: 'purple', axis: 'y', value: (s) => s.ttft?.p95 ?? null },
  { id: 'ttft-p99', label: 'TTFT p99', color: 'red', axis: 'y', value: (s) => s.ttft?.p99 ?? null },
  { id: 'duration-p95', label: 'duration p95', color: 'orange', axis: 'y', value: (s) => s.duration?.p95 ?? null },
  { id: 'goodput', label: 'goodput /s', color: 'green', axis: 'y1', dashed: true, value: (s) => s.goodput },
];

/** The ladder and the curve; `charts` exposes the instances for tests. */
export class SweepCharts {
  readonly el = h('section', { class: 'sweep', 'aria-label': 'Sweep', hidden: true });
  private ladder: Chart<'line', Point[]> | null = null;
  private curve: Chart<'line', Point[]> | null = null;
  private pareto: Chart<'line', Point[]> | null = null;
  private readonly headline = h('p', { class: 'sweep-headline' });
  private readonly ladderBox = h('div', { class: 'chart-card' });
  private readonly curveBox = h('div', { class: 'chart-card' });
  private readonly paretoBox = h('div', { class: 'chart-card' });

  constructor(private palette: Palette) {
    this.el.append(h('h2', {}, 'Capacity sweep'), this.headline, this.ladderBox, this.curveBox, this.paretoBox);
  }

  get charts(): Record<string, Chart<'line', Point[]>> {
    const out: Record<string, Chart<'line', Point[]>> = {};
    if (this.ladder) out.ladder = this.ladder;
    if (this.curve) out.curve = this.curve;
    if (this.pareto) out.pareto = this.pareto;
    return out;
  }

  applyTheme(p: Palette, state: ViewState): void {
    this.palette = p;
    this.destroy();
    this.render(state);
  }

  render(state: ViewState): void {
    const sweep =
      state.info?.executor === 'sweep' ||
      state.info?.executor === 'sweep-vus' ||
      state.windows.some((w) => w.sweepStep !== undefined);
    this.el.hidden = !sweep;
    if (!sweep) {
      this.destroy();
      return;
    }
    const ladder = ladderPoints(state.windows);
    if (!this.ladder) this.ladder = this.make(this.ladderBox, 'ladder', ladderConfig(this.palette, ladder));
    else {
      this.ladder.data.datasets[0].data = ladder.offered;
      this.ladder.data.datasets[1].data = ladder.achieved;
      this.ladder.update('none');
    }
    const c = state.summary?.capacity;
    this.headline.textContent = c
      ? state.summary
        ? headline(state.summary)
        : ''
      : 'Sweep running: each step holds its offered load, then drains.';
    if (c && !this.curve) this.curve = this.make(this.curveBox, 'curve', curveConfig(this.palette, c));
    const front = c && !this.pareto ? paretoConfig(this.palette, c) : null;
    if (front) this.pareto = this.make(this.paretoBox, 'pareto', front);
  }

  private make(box: HTMLElement, id: string, config: ChartConfiguration<'line', Point[]>): Chart<'line', Point[]> {
    const canvas = h('canvas', { 'data-chart': id });
    box.replaceChildren(h('div', { class: 'chart-frame' }, canvas));
    return new Chart(canvas as HTMLCanvasElement, config);
  }

  private destroy(): void {
    this.ladder?.destroy();
    this.curve?.destroy();
    this.pareto?.destroy();
    this.ladder = null;
    this.curve = null;
    this.pareto = null;
  }
}

function headline(s: Summary): string {
  return s.capacity ? capacityHeadline(s.capacity) : '';
}

/** Per window of a sweep: the step's offered load and the completions of that second. */
export function ladderPoints(windows: readonly Window[]): { offered: Point[]; achieved: Point[] } {
  const offered: Point[] = [];
  const achieved: Point[] = [];
  for (const w of windows) {
    if (w.sweepStep === undefined) continue;
    offered.push({ x: w.tMs / 1000, y: w.planned });
    achieved.push({ x: w.tMs / 1000, y: w.completed });
  }
  return { offered, achieved };
}

function ladderConfig(p: Palette, pts: { offered: Point[]; achieved: Point[] }): ChartConfiguration<'line', Point[]> {
  const font = chartFont(p);
  return {
    type: 'line',
    data: {
      datasets: [
        {
          label: 'offered /s',
          data: pts.offered,
          borderColor: p.foreground,
          backgroundColor: p.foreground,
          stepped: true,
          pointRadius: 0,
          borderWidth: 2,
          borderDash: [4, 3],
        },
        {
          label: 'achieved /s',
          data: pts.achieved,
          borderColor: p.blue,
          backgroundColor: p.blue,
          pointRadius: 0,
          borderWidth: 2,
        },
      ],
    },
    options: pointChartOptions(p, {
      x: {
        type: 'linear',
        title: { display: true, text: 'seconds', color: p.muted, font },
        ticks: { color: p.foreground, font },
        grid: { color: p.grid },
      },
      y: valueAxis(p, 'requests/s', 'left', true),
    }),
  };
}

function curveConfig(p: Palette, c: NonNullable<Summary['capacity']>): ChartConfiguration<'line', Point[]> {
  const steps = [...c.steps].sort((a, b) => a.offered - b.offered);
  const datasets: ChartConfiguration<'line', Point[]>['data']['datasets'] = SWEEP_CURVE_SERIES.map((s) => ({
    label: s.label,
    yAxisID: s.axis,
    borderColor: p[s.color] as string,
    backgroundColor: p[s.color] as string,
    borderWidth: 2,
    pointRadius: 3,
    borderDash: s.dashed ? [5, 3] : undefined,
    data: steps.map((st) => ({ x: st.offered, y: s.value(st) })).filter((q): q is Point => q.y !== null),
  }));
  const cap = c.atStep !== null ? c.steps[c.atStep] : null;
  const top = Math.max(1, ...steps.flatMap((st) => [st.ttft?.p99 ?? 0, st.duration?.p95 ?? 0]));
  if (cap)
    datasets.push({
      label: `capacity ${Math.round(c.rpm ?? 0).toLocaleString('en-US')} RPM`,
      yAxisID: 'y',
      data: [
        { x: cap.offered, y: 0 },
        { x: cap.offered, y: top },
      ],
      borderColor: p.red,
      backgroundColor: p.red,
      borderWidth: 2,
      borderDash: [2, 2],
      pointRadius: 0,
    });
  return {
    type: 'line',
    data: { datasets },
    options: pointChartOptions(p, offeredLoadScales(p, c.executor)),
  };
}
