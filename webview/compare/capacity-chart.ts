// The compare view's capacity part, shown when both runs are sweeps: the capacity's change in one
// line and both load–latency curves on one offered-load axis (baseline dashed, current solid,
// each capacity a vertical line). Series from src/shared/capacity-overlay.ts, as in the HTML report.
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
  type ChartDataset,
} from 'chart.js';
import type { CompareSnapshotNotification } from '../../src/protocol';
import {
  capacityChange,
  capacityChangeLine,
  capacityOverlay,
  type CapacityOverlay,
  type OverlaySeries,
} from '../../src/shared/capacity-overlay';
import type { Palette } from '../theme';
import { offeredLoadScales, paretoScales, pointChartOptions, sideLine } from '../chart-options';
import type { ColorKey } from '../chart-specs';
import { h } from '../dom';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip);

type Point = { x: number; y: number };

const COLORS: Record<string, ColorKey> = { 'ttft-p95': 'blue', 'duration-p95': 'orange', goodput: 'green' };

/** The capacity section; `chart` is exposed for tests. */
export class CapacityCompare {
  readonly el = h('section', { class: 'capacity-compare', 'aria-label': 'Capacity', hidden: true });
  chart: Chart<'line', Point[]> | null = null;
  /** Both Pareto fronts (output tokens/s against p50 TPOT), when either run has one. */
  fronts: Chart<'line', Point[]> | null = null;
  private snap: CompareSnapshotNotification | null = null;

  constructor(private palette: Palette) {}

  show(snap: CompareSnapshotNotification): void {
    this.snap = snap;
    this.chart?.destroy();
    this.fronts?.destroy();
    this.chart = null;
    this.fronts = null;
    const overlay = capacityOverlay(snap.baseline.summary.capacity, snap.current.summary.capacity);
    const line = capacityChangeLine(snap.comparison);
    this.el.hidden = !overlay && !line;
    if (this.el.hidden) {
      this.el.replaceChildren();
      return;
    }
    const verdict = capacityChange(snap.comparison)?.verdict ?? 'none';
    const canvas = h('canvas', {
      role: 'img',
      'aria-label': 'Load–latency curves of both runs: baseline dashed, current solid',
      'data-chart': 'capacity',
    });
    const parts: HTMLElement[] = [h('h2', {}, 'Capacity — baseline dashed, current solid')];
    if (line) parts.push(h('p', { class: 'capacity-change', 'data-verdict': verdict }, line));
    if (overlay) parts.push(h('figure', { class: 'chart-card' }, h('div', { class: 'chart-box' }, canvas)));
    const frontsCanvas = h('canvas', {
      role: 'img',
      'aria-label': 'Pareto fronts of both runs: baseline dashed, current solid',
      'data-chart': 'fronts',
    });
    if (overlay?.fronts.length)
      parts.push(h('figure', { class: 'chart-card' }, h('div', { class: 'chart-box' }, frontsCanvas)));
    this.el.replaceChildren(...parts);
    if (overlay?.fronts.length)
      this.fronts = new Chart(frontsCanvas as HTMLCanvasElement, frontsConfig(overlay, this.palette));
    if (!overlay) return;
    const p = this.palette;
    const datasets: Array<ChartDataset<'line', Point[]>> = overlay.series.map((s) => ({
      label: s.label,
      yAxisID: s.axis === 'ms' ? 'y' : 'y1',
      data: s.points,
      ...sideLine(s.side, colorOf(s, p), p),
      pointRadius: 3,
    }));
    const top = Math.max(1, ...overlay.series.filter((s) => s.axis === 'ms').flatMap((s) => s.points.map((q) => q.y)));
    for (const m of overlay.marks)
      datasets.push({
        label: `${m.side} capacity ${Math.round(m.rpm).toLocaleString('en-US')} RPM`,
        yAxisID: 'y',
        data: [
          { x: m.offered, y: 0 },
          { x: m.offered, y: top },
        ],
        ...sideLine(m.side, p.red, p),
        pointRadius: 0,
      });
    const config: ChartConfiguration<'line', Point[]> = {
      type: 'line',
      data: { datasets },
      options: pointChartOptions(p, offeredLoadScales(p, overlay.executor)),
    };
    this.chart = new Chart(canvas as HTMLCanvasElement, config);
  }

  /** A new theme: rebuilt with its colours. */
  applyTheme(p: Palette): void {
    this.palette = p;
    if (this.snap) this.show(this.snap);
  }
}

/** Both fronts on one chart: x output tokens/s, y p50 TPOT. */
function frontsConfig(o: CapacityOverlay, p: Palette): ChartConfiguration<'line', Point[]> {
  return {
    type: 'line',
    data: {
      datasets: o.fronts.map((f) => ({
        label: `${f.side} Pareto front`,
        data: f.points,
        ...sideLine(f.side, p.purple, p),
        pointRadius: 3,
      })),
    },
    options: pointChartOptions(p, paretoScales(p)),
  };
}

function colorOf(s: OverlaySeries, p: Palette): string {
  return p[COLORS[s.id.slice(s.side.length + 1)] ?? 'foreground'];
}
