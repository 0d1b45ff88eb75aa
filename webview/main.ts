// The live panel's entry: validates every message from the host, reduces it into the view
// model and updates the DOM. The host owns the run's state and replays it on `webview/ready`;
// `setState` only makes a hidden-then-shown panel redraw before that replay arrives.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import { isHostToWebview, type WebviewToHost } from '../src/protocol';
import { reduce, restoreState, stateForSaving, type Change, type ViewState } from './state';
import { computeKpis } from './kpis';
import { ChartBoard } from './charts';
import { renderTiles } from './tiles';
import { renderThresholds } from './thresholds';
import { renderSummary } from './summary';
import { Header } from './header';
import { readPalette, watchTheme } from './theme';
import { h } from './dom';
import type { VsCodeApi } from './vscode-api';
import { isCompareState, startCompareView } from './compare/main';
import css from './panel.css';

/** Render timings, read by the Chromium tests to measure an update of an hour-long run. */
interface RenderStats { renders: number; lastRenderMs: number; maxRenderMs: number }

declare global {
  interface Window {
    __gatewayLoadCharts?: ChartBoard['charts'];
    __gatewayLoadStats?: RenderStats;
  }
}

const SAVE_EVERY_MS = 5000;

function start(): void {
  // A constructed stylesheet needs no inline <style>, so the CSP can stay strict.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

  const vscode: VsCodeApi = acquireVsCodeApi();
  const root = document.getElementById('app') ?? document.body.appendChild(h('div', { id: 'app' }));
  // The compare panel serves this same bundle: its page says so, or after a reload its saved state does.
  if (root.dataset.view === 'compare' || isCompareState(vscode.getState())) {
    startCompareView(root, vscode);
    return;
  }
  const post = (m: WebviewToHost) => vscode.postMessage(m);
  let state: ViewState = restoreState(vscode.getState());

  const headerEl = h('header', { class: 'run-header' });
  const tilesEl = h('div', { class: 'tiles' });
  const thresholdsEl = h('div', {});
  const chartsEl = h('div', { class: 'charts' });
  const summaryBody = h('div', {});
  const summaryEl = h('section', { class: 'summary', 'aria-label': 'Summary', hidden: true }, h('h2', {}, 'Summary'), summaryBody);
  const body = h('main', { class: 'run-body' },
    h('section', { 'aria-label': 'Key figures' }, tilesEl),
    h('section', { class: 'thresholds-section', 'aria-label': 'Thresholds' }, h('h2', {}, 'Thresholds'), thresholdsEl),
    summaryEl,
    h('section', { 'aria-label': 'Charts' }, h('h2', {}, 'Over time'), chartsEl));
  root.replaceChildren(headerEl, body);

  const header = new Header(headerEl, () => { if (state.info) post({ type: 'run/stop', runId: state.info.runId }); });
  const board = new ChartBoard(chartsEl, readPalette());
  const stats: RenderStats = { renders: 0, lastRenderMs: 0, maxRenderMs: 0 };
  window.__gatewayLoadStats = stats;
  watchTheme((p) => board.applyTheme(p));

  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const save = (now: boolean) => {
    if (saveTimer !== undefined && !now) return;
    clearTimeout(saveTimer);
    const write = () => { saveTimer = undefined; vscode.setState(stateForSaving(state)); };
    if (now) write(); else saveTimer = setTimeout(write, SAVE_EVERY_MS);
  };

  const render = (change: Change) => {
    const t0 = performance.now();
    header.update(state);
    body.hidden = !state.info;
    renderTiles(tilesEl, computeKpis(state));
    renderThresholds(thresholdsEl, state);
    if (change === 'reset') board.reset(state);
    else if (change === 'append') board.append(state);
    window.__gatewayLoadCharts = board.charts;
    if (change !== 'append') {
      summaryEl.hidden = !state.summary;
      if (state.summary) renderSummary(summaryBody, state.summary, (type) => { if (state.info) post({ type, runId: state.info.runId }); });
      else summaryBody.replaceChildren();
    }
    const ms = performance.now() - t0;
    stats.renders++;
    stats.lastRenderMs = ms;
    stats.maxRenderMs = Math.max(stats.maxRenderMs, ms);
  };

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (!isHostToWebview(event.data)) return;
    const next = reduce(state, event.data);
    if (next.change === 'ignored') return;
    state = next.state;
    render(next.change);
    save(next.change !== 'append');
  });

  render('reset');
  post({ type: 'webview/ready' });
}

start();
