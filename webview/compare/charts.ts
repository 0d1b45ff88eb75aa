// The overlay charts: baseline (dashed) and current (solid) on one time axis that starts at 0:00
// for both runs. Built whole from each snapshot: a comparison does not change while shown.
import {
  Chart,
  Decimation,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartDataset,
} from 'chart.js';
import type { CompareSnapshotNotification } from '../../src/protocol';
import { axisEnd, overlaySpecs, seriesPoints, type OverlaySeries, type OverlaySpec, type Point } from './model';
import type { Palette } from '../theme';
import { chartFont, sideLine, timeAxis, timeChartOptions, valueAxis } from '../chart-options';
import { h } from '../dom';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip, Decimation);

type LineChart = Chart<'line', Point[]>;
type Dataset = ChartDataset<'line', Point[]> & { gatewayEmpty?: boolean };

interface Built {
  spec: OverlaySpec;
  chart: LineChart;
}

/** All overlay charts of the compare view. */
export class OverlayBoard {
  private built: Built[] = [];

  constructor(
    private readonly root: HTMLElement,
    private palette: Palette,
  ) {}

  /** Chart instances by id, for tests and debugging. */
  get charts(): Record<string, LineChart> {
    return Object.fromEntries(this.built.map((b) => [b.spec.id, b.chart]));
  }

  /** Draws both runs of a snapshot, replacing whatever was drawn. */
  show(snapshot: CompareSnapshotNotification): void {
    for (const b of this.built) b.chart.destroy();
    this.built = [];
    this.root.replaceChildren();
    const max = axisEnd(snapshot);
    for (const spec of overlaySpecs()) {
      const canvas = h('canvas', { role: 'img', 'aria-label': `${spec.title}: baseline dashed, current solid` });
      const card = h(
        'figure',
        { class: 'chart-card', 'data-chart': spec.id },
        h('figcaption', {}, spec.title),
        h('div', { class: 'chart-box' }, canvas),
        h('p', { class: 'chart-empty' }, 'No data in either run'),
      );
      this.root.append(card);
      const datasets = spec.series.map((s) => {
        const data = seriesPoints(snapshot, s);
        const empty = !data.some((p) => p.y !== null && p.y !== 0);
        return { type: 'line', label: s.label, data, gatewayEmpty: empty, ...style(s, this.palette) } as Dataset;
      });
      card.toggleAttribute(
        'data-empty',
        datasets.every((d) => d.gatewayEmpty),
      );
      const config: ChartConfiguration<'line', Point[]> = {
        type: 'line',
        data: { datasets },
        options: options(spec, this.palette, max),
      };
      this.built.push({ spec, chart: new Chart(canvas, config) });
    }
  }

  /** New theme colours: restyle in place, keep the data. */
  applyTheme(p: Palette): void {
    this.palette = p;
    for (const b of this.built) {
      b.spec.series.forEach((s, i) => Object.assign(b.chart.data.datasets[i], style(s, p)));
      const max = (b.chart.options.scales?.x as { max?: number } | undefined)?.max ?? 1;
      Object.assign(b.chart.options, options(b.spec, p, max));
      b.chart.update('none');
    }
  }
}

function style(s: OverlaySeries, p: Palette): Partial<Dataset> {
  return {
    ...sideLine(s.side, p[s.color], p),
    pointRadius: 0,
    pointHoverRadius: 3,
    spanGaps: false,
    tension: 0,
  };
}

function options(spec: OverlaySpec, p: Palette, max: number): ChartConfiguration<'line', Point[]>['options'] {
  const x = {
    ...timeAxis(p, max),
    title: { display: true, text: 'time since each run started', color: p.muted, font: chartFont(p) },
  };
  return timeChartOptions(p, { x, y: valueAxis(p, spec.axis, 'left', true) }, { boxWidth: 14, useBorderRadius: false });
}
