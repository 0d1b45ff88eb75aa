// What the reports' inline SVG plots share: the frame (size and margins), the offered-load axis on
// a log scale, the two axis lines, and the escaping of their text. The capacity curve, the
// compare overlay and the Pareto plots draw their own series inside it.

/** A plot's size and margins, in SVG user units. */
export interface PlotFrame {
  W: number;
  H: number;
  L: number;
  R: number;
  T: number;
  B: number;
}

/** The frame of a load–latency plot: an axis on either side (ms left, goodput right). */
export const LOAD_FRAME: PlotFrame = { W: 720, H: 300, L: 56, R: 56, T: 16, B: 40 };

/** The frame of a Pareto plot (`H` differs by plot): one axis, on the left. */
export function paretoFrame(H: number): PlotFrame {
  return { W: 720, H, L: 56, R: 16, T: 16, B: 40 };
}

/** Escapes text for HTML and SVG content and attributes, as numeric references (as these report parts always have). */
export function escNumeric(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** x of an offered load on a log scale over `xs` (not empty); one distinct value sits in the middle. */
export function logX(f: PlotFrame, xs: readonly number[]): (v: number) => number {
  const { W, L, R } = f;
  const lo = Math.log(Math.min(...xs)),
    hi = Math.log(Math.max(...xs));
  return (v) => L + (hi > lo ? ((Math.log(v) - lo) / (hi - lo)) * (W - L - R) : (W - L - R) / 2);
}

/** The x and y axis lines. */
export function axisLines(f: PlotFrame): string {
  const { W, H, L, R, T, B } = f;
  return `<line x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}" stroke="currentColor" opacity="0.4"/><line x1="${L}" x2="${L}" y1="${T}" y2="${H - B}" stroke="currentColor" opacity="0.4"/>`;
}
