// What the live charts and the compare overlays share, so the two views read alike: the time
// axis, value axes, and the chart.js options for many raw points (no animation, no parsing,
// min-max decimation) with hover by time, the legend below and a tooltip titled with the clock.
import type { ChartOptions } from 'chart.js';
import { withAlpha, type Palette } from './theme';
import { fmtClock } from './format';

const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** Chart text: the theme's font, one size. */
export function chartFont(p: Palette): { family: string; size: number } {
  return { family: p.fontFamily, size: 11 };
}

/** The x axis: seconds since the run started, labelled as a clock. */
export function timeAxis(p: Palette, max: number): Record<string, unknown> {
  const font = chartFont(p);
  return {
    // No bar offset: every chart's time axis starts at 0:00 at the same place.
    type: 'linear',
    min: 0,
    max,
    offset: false,
    // No tick at an odd end such as 0:27: it would print over 0:25.
    ticks: {
      color: p.foreground,
      font,
      maxTicksLimit: 8,
      includeBounds: false,
      callback: (v: number | string) => fmtClock(Number(v) * 1000),
    },
    grid: { color: p.grid, drawTicks: false },
    border: { color: p.grid },
  };
}

/** A value axis from zero, titled with its unit, ticks in compact numbers. */
export function valueAxis(
  p: Palette,
  title: string,
  position: 'left' | 'right',
  grid: boolean,
): Record<string, unknown> {
  const font = chartFont(p);
  return {
    type: 'linear',
    position,
    beginAtZero: true,
    title: { display: true, text: title, color: p.muted, font },
    ticks: { color: p.foreground, font, maxTicksLimit: 6, callback: (v: number | string) => COMPACT.format(Number(v)) },
    grid: { color: p.grid, display: grid, drawTicks: false },
    border: { color: p.grid },
  };
}

/** The legend's sample box, which differs by view (the overlay's must show a dash). */
export interface LegendBox {
  boxWidth: number;
  useBorderRadius?: boolean;
}

/** Options of a time chart over `scales`; a series flagged `gatewayEmpty` stays out of the legend. */
export function timeChartOptions<T extends 'line' | 'bar'>(
  p: Palette,
  scales: Record<string, unknown>,
  box: LegendBox,
): ChartOptions<T> {
  const font = chartFont(p);
  const options: ChartOptions<'line' | 'bar'> = {
    animation: false,
    parsing: false,
    normalized: true,
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: 'nearest', axis: 'x', intersect: false },
    scales: scales as ChartOptions<'line' | 'bar'>['scales'],
    plugins: {
      decimation: { enabled: true, algorithm: 'min-max' },
      legend: {
        position: 'bottom',
        labels: {
          color: p.foreground,
          font,
          boxHeight: 2,
          ...box,
          filter: (item, data) => !(data.datasets[item.datasetIndex ?? 0] as { gatewayEmpty?: boolean }).gatewayEmpty,
        },
      },
      tooltip: {
        backgroundColor: p.background,
        titleColor: p.foreground,
        bodyColor: p.foreground,
        borderColor: p.grid,
        borderWidth: 1,
        titleFont: font,
        bodyFont: font,
        callbacks: { title: (items) => (items[0] ? fmtClock((items[0].parsed.x ?? 0) * 1000) : '') },
      },
    },
  };
  return options as ChartOptions<T>;
}

/** Options of a chart of a few points (sweep steps, Pareto fronts) over `scales`: the legend below. */
export function pointChartOptions(p: Palette, scales: Record<string, unknown>): ChartOptions<'line'> {
  return {
    animation: false,
    parsing: false,
    responsive: true,
    maintainAspectRatio: false,
    scales: scales as ChartOptions<'line'>['scales'],
    plugins: {
      legend: { position: 'bottom', labels: { color: p.foreground, font: chartFont(p), boxHeight: 2, boxWidth: 14 } },
    },
  };
}

/** The scales of a load–latency curve: offered load (log) against latency and goodput. */
export function offeredLoadScales(p: Palette, executor: string): Record<string, unknown> {
  const font = chartFont(p);
  return {
    x: {
      type: 'logarithmic',
      title: {
        display: true,
        text: executor === 'sweep-vus' ? 'offered VUs' : 'offered requests/s',
        color: p.muted,
        font,
      },
      ticks: { color: p.foreground, font },
      grid: { color: p.grid },
    },
    y: valueAxis(p, 'ms', 'left', true),
    y1: valueAxis(p, 'goodput /s', 'right', false),
  };
}

/** The scales of a Pareto front: output tokens/s against p50 time per output token. */
export function paretoScales(p: Palette): Record<string, unknown> {
  return {
    x: { ...valueAxis(p, 'output tokens/s', 'left', true), position: 'bottom' },
    y: valueAxis(p, 'p50 TPOT (ms)', 'left', true),
  };
}

/** A run's line on an overlay of two runs. */
export function sideLine(
  side: 'baseline' | 'current',
  color: string,
  p: Palette,
): { borderColor: string; backgroundColor: string; borderWidth: number; borderDash: number[] } {
  const baseline = side === 'baseline';
  // The baseline is the reference: dashed and a little faded, so the current run reads first.
  const line = baseline && !p.highContrast ? withAlpha(color, 0.7) : color;
  return {
    borderColor: line,
    backgroundColor: line,
    borderWidth: p.highContrast ? 2.5 : baseline ? 1.5 : 2,
    borderDash: baseline ? [6, 4] : [],
  };
}
