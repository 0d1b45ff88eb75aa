// The charts: one chart.js instance per spec, built once per run and fed one point per window.
// An hour is 3,600 points per series, so: no animation, no parsing, min-max decimation of lines,
// bars bucketed to at most MAX_BARS, and `update('none')` after pushing into the raw arrays.
import {
  BarController,
  BarElement,
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
import type { ViewState } from './state';
import { barPoints, chartSpecs, type ChartSpec, type SeriesSpec } from './chart-specs';
import type { RunInfo } from '../src/protocol';
import { withAlpha, type Palette } from './theme';
import { timeAxis, timeChartOptions, valueAxis } from './chart-options';
import { h } from './dom';

// Only what is drawn is registered, so the rest of chart.js is tree-shaken away.
Chart.register(
  LineController,
  BarController,
  LineElement,
  PointElement,
  BarElement,
  LinearScale,
  Legend,
  Tooltip,
  Decimation,
);

type Point = { x: number; y: number | null };
type AnyDataset = ChartDataset<'line' | 'bar', Point[]> & { gatewayEmpty?: boolean };

interface Built {
  spec: ChartSpec;
  chart: Chart<'line' | 'bar', Point[]>;
  card: HTMLElement;
  /** The raw points of each series. Decimation swaps `dataset.data` for a sampled copy, so we keep our own arrays. */
  raw: Point[][];
}

/** All charts of the panel. */
export class ChartBoard {
  private built: Built[] = [];
  private kindKey = '';

  constructor(
    private readonly root: HTMLElement,
    private palette: Palette,
    private readonly specsOf: (info: RunInfo | null) => ChartSpec[] = chartSpecs,
    /** What else decides the charts' shape (header metrics named by the answers); a change rebuilds them. */
    private readonly shapeKey: () => string = () => '',
  ) {}

  /** Chart instances by id, for tests and debugging. */
  get charts(): Record<string, Chart<'line' | 'bar', Point[]>> {
    return Object.fromEntries(this.built.map((b) => [b.spec.id, b.chart]));
  }

  /** Rebuilds every series from all windows (a snapshot, or a reload). */
  reset(state: ViewState): void {
    const key = `${state.info?.kind ?? 'none'}:${(state.info?.monitor ?? []).map((m) => m.key).join(',')}:${this.shapeKey()}`;
    if (key !== this.kindKey || this.built.length === 0) this.create(state, key);
    // A long run's history arrives already merged into coarser windows (src/shared/window-fold.ts),
    // so every window is one point.
    const n = state.windows.length;
    for (const b of this.built) {
      b.spec.series.forEach((s, i) => {
        if (s.kind === 'bar') setSeries(b, i, bars(state, s));
        else {
          const pts: Point[] = new Array(n);
          for (let w = 0; w < n; w++) pts[w] = point(state, w, s);
          setSeries(b, i, pts);
        }
      });
    }
    this.refresh(state);
  }

  /** Adds the newest window: one point pushed per line; bars re-bucketed (a few hundred at most). */
  append(state: ViewState): void {
    if (this.built.length === 0) {
      this.reset(state);
      return;
    }
    const w = state.windows.length - 1;
    for (const b of this.built) {
      b.spec.series.forEach((s, i) => {
        // chart.js observes push() on its data arrays; anything else must be a fresh array.
        if (s.kind === 'bar') setSeries(b, i, bars(state, s));
        else b.raw[i].push(point(state, w, s));
      });
    }
    this.refresh(state);
  }

  /** New theme colours: restyle in place, keep the data. */
  applyTheme(p: Palette): void {
    this.palette = p;
    for (const b of this.built) {
      b.spec.series.forEach((s, i) => Object.assign(b.chart.data.datasets[i], datasetStyle(s, p)));
      Object.assign(b.chart.options, chartOptions(b.spec, p, xMax(b.chart)));
      b.chart.update('none');
    }
  }

  private create(state: ViewState, key: string): void {
    for (const b of this.built) b.chart.destroy();
    this.root.replaceChildren();
    this.built = [];
    this.kindKey = key;
    for (const spec of this.specsOf(state.info)) {
      const canvas = h('canvas', { role: 'img', 'aria-label': spec.title });
      const card = h(
        'figure',
        { class: 'chart-card', 'data-chart': spec.id },
        h('figcaption', {}, spec.title),
        h('div', { class: 'chart-box' }, canvas),
        h('p', { class: 'chart-empty' }, 'No data yet'),
      );
      this.root.append(card);
      const raw = spec.series.map(() => [] as Point[]);
      const config: ChartConfiguration<'line' | 'bar', Point[]> = {
        type: 'line',
        data: {
          datasets: spec.series.map(
            (s, i) =>
              ({
                type: s.kind,
                label: s.label,
                data: raw[i],
                yAxisID: s.axis,
                ...datasetStyle(s, this.palette),
              }) as AnyDataset,
          ),
        },
        options: chartOptions(spec, this.palette, 1),
      };
      this.built.push({ spec, chart: new Chart(canvas, config), card, raw });
    }
  }

  private refresh(state: ViewState): void {
    const last = state.windows[state.windows.length - 1];
    const max = Math.max(1, (state.info?.plannedDurationMs ?? 0) / 1000, last ? last.tMs / 1000 : 0);
    for (const b of this.built) {
      let any = false;
      b.chart.data.datasets.forEach((d, i) => {
        const empty = !b.raw[i].some((p) => p.y !== null && p.y !== 0);
        (d as AnyDataset).gatewayEmpty = empty;
        any ||= !empty;
      });
      b.card.toggleAttribute('data-empty', !any);
      const x = b.chart.options.scales?.x as { max?: number } | undefined;
      if (x) x.max = Math.ceil(max);
      b.chart.update('none');
    }
  }
}

/** Axis numbers short enough for a narrow card: 9,999,000 → 10M. */

function setSeries(b: Built, i: number, pts: Point[]): void {
  b.raw[i] = pts;
  // With decimation on, this setter stores the raw array and the plugin samples it on update.
  b.chart.data.datasets[i].data = pts;
}

/** Bucketed bars; none at all for a series that has only zeros so far (most error classes), which keeps an hour's stacked chart cheap. */
function bars(state: ViewState, s: SeriesSpec): Point[] {
  const pts = barPoints(state.windows, s.value);
  return pts.some((p) => p.y !== 0) ? pts : [];
}

function point(state: ViewState, i: number, s: SeriesSpec): Point {
  return { x: state.windows[i].tMs / 1000, y: s.value(state.windows, i) };
}

function xMax(chart: Chart<'line' | 'bar', Point[]>): number {
  return (chart.options.scales?.x as { max?: number } | undefined)?.max ?? 1;
}

function datasetStyle(s: SeriesSpec, p: Palette): Partial<AnyDataset> {
  const color = p[s.color];
  if (s.kind === 'bar') {
    return {
      backgroundColor: p.highContrast ? color : withAlpha(color, 0.75),
      borderColor: color,
      borderWidth: p.highContrast ? 1 : 0,
      barPercentage: 1,
      categoryPercentage: 0.9,
    } as Partial<AnyDataset>;
  }
  return {
    borderColor: color,
    backgroundColor: color,
    borderWidth: p.highContrast ? 2.5 : 1.5,
    borderDash: s.dashed ? [6, 4] : [],
    pointRadius: 0,
    pointHoverRadius: 3,
    spanGaps: false,
    tension: 0,
  } as Partial<AnyDataset>;
}

function chartOptions(
  spec: ChartSpec,
  p: Palette,
  max: number,
): ChartConfiguration<'line' | 'bar', Point[]>['options'] {
  const axis = (title: string, position: 'left' | 'right', grid: boolean): Record<string, unknown> => ({
    ...valueAxis(p, title, position, grid),
    stacked: spec.stacked,
    display: 'auto',
  });
  const scales: Record<string, unknown> = { x: { ...timeAxis(p, max), stacked: spec.stacked } };
  if (spec.axes.y) scales.y = axis(spec.axes.y, 'left', true);
  if (spec.axes.y1) scales.y1 = axis(spec.axes.y1, 'right', false);
  if (spec.axes.y2) scales.y2 = axis(spec.axes.y2, 'right', false);
  return timeChartOptions(p, scales, { boxWidth: 12 });
}
