// The header: scenario, status, stage, time, and Stop while the run is going.
import type { ViewState } from './state';
import { elapsedMs, remainingMs, stageLabel } from './state';
import { fmtClock, fmtMs } from './format';
import { h } from './dom';

const STATUS_TEXT: Record<ViewState['status'], string> = {
  idle: 'waiting',
  running: 'running',
  completed: 'completed',
  stopped: 'stopped',
  aborted: 'aborted',
  failed: 'failed',
};

/** The generator's own health from the newest window, or null when it keeps up. */
export function generatorWarning(state: ViewState): string | null {
  const last = state.windows[state.windows.length - 1];
  if (!last || state.status !== 'running') return null;
  const parts: string[] = [];
  if (last.elu > 0.9) parts.push(`event loop ${Math.round(last.elu * 100)}% busy`);
  if (last.latenessP99Ms > 5) parts.push(`sends ${fmtMs(last.latenessP99Ms)} late (p99)`);
  if (last.dropped > 0) parts.push(`${last.dropped} arrivals dropped`);
  return parts.length
    ? `Generator saturated: ${parts.join(', ')}. Results understate what the gateway could take.`
    : null;
}

/** The header. Built once and updated in place, so a click on Stop is never lost to a redraw. */
export class Header {
  private readonly title = h('h1', {});
  private readonly badge = h('vscode-badge', { class: 'status' });
  private readonly stop = h('vscode-button', {
    class: 'stop',
    'data-action': 'run/stop',
    title: 'Stop gracefully: no new arrivals; in-flight requests may finish',
  });
  private readonly stage = h('span', { class: 'stage' });
  private readonly time = h('span', { class: 'time' });
  private readonly executor = h('span', { class: 'muted' });
  private readonly warning = h('p', { class: 'warning', role: 'status' });

  constructor(root: HTMLElement, onStop: () => void) {
    this.stop.textContent = '■ Stop';
    this.stop.addEventListener('click', () => {
      this.stop.setAttribute('disabled', '');
      this.stop.textContent = 'Stopping…';
      onStop();
    });
    root.replaceChildren(
      h('div', { class: 'title-row' }, this.title, this.badge, h('span', { class: 'spacer' }), this.stop),
      h('div', { class: 'meta-row' }, this.stage, this.time, this.executor),
      this.warning,
    );
  }

  update(state: ViewState): void {
    const info = state.info;
    const running = state.status === 'running';
    this.title.textContent = info ? info.scenario : 'Gateway Load';
    this.badge.textContent = STATUS_TEXT[state.status];
    this.badge.setAttribute('data-status', state.status);
    this.stop.hidden = !running;
    if (!running) {
      this.stop.removeAttribute('disabled');
      this.stop.textContent = '■ Stop';
    }
    const stage = running ? stageLabel(state) : null;
    this.stage.textContent = stage ?? '';
    this.stage.hidden = !stage;
    if (!info) this.time.textContent = 'Waiting for a run… Start one with “Run Load Test” above a scenario.';
    else if (running)
      this.time.textContent = `elapsed ${fmtClock(elapsedMs(state))} · remaining ${fmtClock(remainingMs(state))} of ${fmtClock(info.plannedDurationMs)}`;
    else this.time.textContent = `ran ${fmtClock(elapsedMs(state))} of ${fmtClock(info.plannedDurationMs)} planned`;
    this.executor.textContent = info?.executor ?? '';
    const warning = generatorWarning(state);
    this.warning.textContent = warning ? `⚠ ${warning}` : '';
    this.warning.hidden = !warning;
  }
}
