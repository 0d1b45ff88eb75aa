// The live panel's entry: validates every message from the host, reduces it into the view
// model and updates the DOM. The host owns the run's state and replays it on `webview/ready`;
// `setState` only makes a hidden-then-shown panel redraw before that replay arrives.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import { isHostToWebview, type WebviewToHost } from '../src/protocol';
import { reduce, restoreState, stateForSaving, type Change, type ViewState } from './state';
import { computeKpis } from './kpis';
import { ChartBoard } from './charts';
import { resourceSpecs } from './chart-specs';
import { renderTiles } from './tiles';
import { renderThresholds } from './thresholds';
import { ErrorsView } from './errors';
import { renderSummary } from './summary';
import { SweepCharts } from './sweep-charts';
import { goodputKpi, goodputSpecs, hasSlo } from './goodput';
import { Header } from './header';
import { gatewaySpecs, hasPaths, headerNames, headerSpecs, renderHeadline } from './gateway';
import { readPalette, watchTheme } from './theme';
import { h } from './dom';
import type { VsCodeApi } from './vscode-api';
import { isCompareState, startCompareView } from './compare/main';
import css from './panel.css';

/** Render timings, read by the Chromium tests to measure an update of an hour-long run. */
interface RenderStats {
  renders: number;
  lastRenderMs: number;
  maxRenderMs: number;
}

declare global {
  interface Window {
    __gatewayLoadCharts?: ChartBoard['charts'];
    __gatewayLoadSweepCharts?: SweepCharts['charts'];
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
  const errorsEl = h('div', {});
  const chartsEl = h('div', { class: 'charts' });
  const goodputEl = h('div', { class: 'charts', hidden: true });
  const resourcesEl = h('div', { class: 'charts' });
  const resourcesSection = h(
    'section',
    { class: 'resources', 'aria-label': 'Resources' },
    h('h2', {}, 'Resources'),
    resourcesEl,
  );
  const gatewayHeadline = h('div', {});
  const gatewayCharts = h('div', { class: 'charts' });
  const headerCharts = h('div', { class: 'charts' });
  const gatewaySection = h(
    'section',
    { class: 'gateway', 'aria-label': 'Gateway overhead', hidden: true },
    h('h2', {}, 'Gateway overhead'),
    gatewayHeadline,
    gatewayCharts,
  );
  const headersSection = h(
    'section',
    { class: 'gateway-headers', 'aria-label': 'What the gateway reports', hidden: true },
    h('h2', {}, 'What the gateway reports'),
    headerCharts,
  );
  const summaryBody = h('div', {});
  const summaryEl = h(
    'section',
    { class: 'summary', 'aria-label': 'Summary', hidden: true },
    h('h2', {}, 'Summary'),
    summaryBody,
  );
  const body = h(
    'main',
    { class: 'run-body' },
    h('section', { 'aria-label': 'Key figures' }, tilesEl),
    h('section', { class: 'thresholds-section', 'aria-label': 'Thresholds' }, h('h2', {}, 'Thresholds'), thresholdsEl),
    h('section', { class: 'errors-section', 'aria-label': 'Errors' }, h('h2', {}, 'Errors'), errorsEl),
    gatewaySection,
    headersSection,
    summaryEl,
    h('section', { 'aria-label': 'Charts' }, h('h2', {}, 'Over time'), goodputEl, chartsEl),
    resourcesSection,
  );
  root.replaceChildren(headerEl, body);

  const header = new Header(headerEl, () => {
    if (state.info) post({ type: 'run/stop', runId: state.info.runId });
  });
  const board = new ChartBoard(chartsEl, readPalette());
  const goodput = new ChartBoard(goodputEl, readPalette(), goodputSpecs);
  const errors = new ErrorsView(errorsEl);
  const resources = new ChartBoard(resourcesEl, readPalette(), resourceSpecs);
  const paths = new ChartBoard(gatewayCharts, readPalette(), gatewaySpecs);
  // Header metrics are named by the answers: the board is rebuilt when a new one appears.
  let headerList: string[] = [];
  const headers = new ChartBoard(
    headerCharts,
    readPalette(),
    () => headerSpecs(headerList),
    () => headerList.join(','),
  );
  const sweep = new SweepCharts(readPalette());
  body.insertBefore(sweep.el, summaryEl);
  const stats: RenderStats = { renders: 0, lastRenderMs: 0, maxRenderMs: 0 };
  window.__gatewayLoadStats = stats;
  watchTheme((p) => {
    board.applyTheme(p);
    goodput.applyTheme(p);
    resources.applyTheme(p);
    paths.applyTheme(p);
    headers.applyTheme(p);
    sweep.applyTheme(p, state);
  });

  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const save = (now: boolean) => {
    if (saveTimer !== undefined && !now) return;
    clearTimeout(saveTimer);
    const write = () => {
      saveTimer = undefined;
      vscode.setState(stateForSaving(state));
    };
    if (now) write();
    else saveTimer = setTimeout(write, SAVE_EVERY_MS);
  };

  const render = (change: Change) => {
    const t0 = performance.now();
    header.update(state);
    body.hidden = !state.info;
    const good = goodputKpi(state);
    renderTiles(tilesEl, good ? [...computeKpis(state), good] : computeKpis(state));
    renderThresholds(thresholdsEl, state);
    errors.update(state, change);
    resourcesSection.hidden = !state.info?.monitor?.length;
    const gateway = hasPaths(state.windows, state.summary);
    gatewaySection.hidden = !gateway;
    if (gateway) renderHeadline(gatewayHeadline, state.windows, state.summary);
    for (const b of gateway ? [board, resources, paths] : [board, resources]) {
      if (change === 'reset' || (b === paths && Object.keys(paths.charts).length === 0)) b.reset(state);
      else if (change === 'append') b.append(state);
    }
    // Goodput has a chart only in runs with an SLO (built when their first window says so).
    if (hasSlo(state)) {
      if (change === 'reset') goodput.reset(state);
      else if (change === 'append') goodput.append(state);
    }
    goodputEl.hidden = !hasSlo(state);
    const names = headerNames(change === 'reset' ? [] : headerList, state.windows, change !== 'append');
    headersSection.hidden = names.length === 0;
    if (names !== headerList || change === 'reset') {
      headerList = names;
      if (names.length) headers.reset(state);
    } else if (change === 'append' && names.length) headers.append(state);
    window.__gatewayLoadCharts = {
      ...board.charts,
      ...goodput.charts,
      ...resources.charts,
      ...paths.charts,
      ...headers.charts,
    };
    sweep.render(state);
    window.__gatewayLoadSweepCharts = sweep.charts;
    if (change !== 'append') {
      summaryEl.hidden = !state.summary;
      if (state.summary)
        renderSummary(summaryBody, state.summary, (type) => {
          if (state.info) post({ type, runId: state.info.runId });
        });
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
