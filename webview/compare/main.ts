// The compare view's entry, started by main.ts when the page is a compare panel. The host owns
// the comparison and sends it whole (`compare/snapshot`) on every `webview/ready`; the page keeps
// only a marker in `setState`, so a reloaded page knows to start as a compare view.
import { isHostToWebview, type CompareSnapshotNotification, type WebviewToHost } from '../../src/protocol';
import { OverlayBoard } from './charts';
import { CapacityCompare } from './capacity-chart';
import { buildCompareDom, renderCompare } from './view';
import { readPalette, watchTheme } from '../theme';
import type { VsCodeApi } from '../vscode-api';
import css from './compare.css';

/** What the compare view saves with `setState`. */
export const COMPARE_STATE = { view: 'compare' } as const;

/** True for the state a compare view saved. */
export function isCompareState(v: unknown): boolean {
  return typeof v === 'object' && v !== null && (v as { view?: unknown }).view === 'compare';
}

/** Builds the compare view in `root` and says `webview/ready`. */
export function startCompareView(root: HTMLElement, vscode: VsCodeApi): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const post = (m: WebviewToHost) => vscode.postMessage(m);
  vscode.setState(COMPARE_STATE);

  const dom = buildCompareDom(root);
  const board = new OverlayBoard(dom.charts, readPalette());
  const stats = { renders: 0, lastRenderMs: 0, maxRenderMs: 0 };
  window.__gatewayLoadStats = stats;
  const capacity = new CapacityCompare(readPalette());
  dom.capacity.append(capacity.el);
  watchTheme((p) => {
    board.applyTheme(p);
    capacity.applyTheme(p);
  });

  const render = (snap: CompareSnapshotNotification) => {
    const t0 = performance.now();
    renderCompare(dom, snap, (a) => post(a));
    board.show(snap);
    capacity.show(snap);
    const charts = {
      ...board.charts,
      ...(capacity.chart ? { capacity: capacity.chart } : {}),
      ...(capacity.fronts ? { fronts: capacity.fronts } : {}),
    };
    window.__gatewayLoadCharts = charts as unknown as Window['__gatewayLoadCharts'];
    const ms = performance.now() - t0;
    stats.renders++;
    stats.lastRenderMs = ms;
    stats.maxRenderMs = Math.max(stats.maxRenderMs, ms);
  };

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    // Live-run messages mean nothing here; only a whole comparison is drawn.
    if (!isHostToWebview(event.data) || event.data.type !== 'compare/snapshot') return;
    render(event.data);
  });
  post({ type: 'webview/ready' });
}
