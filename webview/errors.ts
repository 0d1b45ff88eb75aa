// The live "Errors" table: one row per failure reason (what the gateway or the socket said),
// with count, share of requests and first seen; a click shows the reason's sample body.
// Windows carry a reason once (`newReasons`) and then counts per second (`reasons`), so the
// table is folded incrementally on each appended window, not recomputed from the whole run.
import type { ErrorSample, Window } from '../src/protocol';
import type { Change, ViewState } from './state';
import { fmtNum, fmtPct } from './format';
import { h } from './dom';

/** One row as the table shows it. */
export interface ErrorRow {
  id: number;
  reason: string;
  message: string;
  count: number;
  share: number | null;
  firstAtMs: number;
  body: string | null;
}

/** Reasons folded from windows (or taken from the summary at the end). */
export class ErrorsModel {
  private readonly byId = new Map<number, ErrorSample>();
  private folded = 0;
  private completed = 0;

  /** Folds the windows not seen yet; `reset` starts over. */
  update(state: ViewState, change: Change): void {
    if (change === 'reset' || state.windows.length < this.folded) {
      this.byId.clear();
      this.folded = 0;
      this.completed = 0;
    }
    for (let i = this.folded; i < state.windows.length; i++) this.fold(state.windows[i]);
    this.folded = state.windows.length;
  }

  private fold(w: Window): void {
    this.completed += w.completed;
    for (const s of Array.isArray(w.newReasons) ? w.newReasons : []) {
      if (typeof s?.id === 'number' && !this.byId.has(s.id)) this.byId.set(s.id, { ...s, count: 0 });
    }
    for (const [id, n] of Object.entries(w.reasons ?? {})) {
      const s = this.byId.get(Number(id));
      if (s && typeof n === 'number') {
        s.count += n;
        s.lastAtMs = w.tMs;
      }
    }
  }

  /** Rows, most frequent first: the summary's when the run has ended. */
  rows(state: ViewState): ErrorRow[] {
    const final = state.summary?.errorSamples;
    const list = final ?? [...this.byId.values()];
    const total = state.summary ? state.summary.requests.sent : this.completed;
    return list
      .filter((s) => s.count > 0)
      .sort((a, b) => b.count - a.count || a.firstAtMs - b.firstAtMs)
      .map((s) => ({
        id: s.id,
        reason: reasonLabel(s),
        message: s.message,
        count: s.count,
        share: total ? s.count / total : null,
        firstAtMs: s.firstAtMs,
        body: s.body,
      }));
  }
}

/** `http_5xx 500`, `connection ECONNREFUSED`. */
export function reasonLabel(s: Pick<ErrorSample, 'class' | 'status' | 'code'>): string {
  return [s.class, s.status === null ? null : String(s.status), s.code].filter(Boolean).join(' ');
}

/** The table and, under it, the selected reason's body. */
export class ErrorsView {
  private readonly model = new ErrorsModel();
  private selected: number | null = null;
  private last: ErrorRow[] = [];

  constructor(private readonly root: HTMLElement) {
    const toggle = (e: Event) => {
      const tr = (e.target as HTMLElement | null)?.closest('tr[data-reason]');
      if (!tr) return;
      const id = Number(tr.getAttribute('data-reason'));
      this.selected = this.selected === id ? null : id;
      this.draw();
    };
    root.addEventListener('click', toggle);
    root.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        toggle(e);
      }
    });
  }

  update(state: ViewState, change: Change): void {
    this.model.update(state, change);
    this.last = this.model.rows(state);
    this.draw();
  }

  private draw(): void {
    const rows = this.last;
    if (rows.length === 0) {
      this.root.replaceChildren(h('p', { class: 'muted' }, 'No failed requests.'));
      return;
    }
    const pick = rows.find((r) => r.id === this.selected) ?? null;
    this.root.replaceChildren(
      h(
        'table',
        { class: 'grid errors' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Reason'),
            h('th', { scope: 'col' }, 'Message'),
            h('th', { scope: 'col', class: 'num' }, 'Count'),
            h('th', { scope: 'col', class: 'num' }, 'Share'),
            h('th', { scope: 'col', class: 'num' }, 'First seen'),
          ),
        ),
        h(
          'tbody',
          {},
          ...rows.map((r) =>
            h(
              'tr',
              {
                'data-reason': String(r.id),
                class: r.id === this.selected ? 'selected' : undefined,
                title: 'Show the sample answer',
                tabindex: '0',
              },
              h('td', { class: 'mono' }, r.reason),
              h('td', {}, r.message),
              h('td', { class: 'num' }, fmtNum(r.count, 0)),
              h('td', { class: 'num' }, fmtPct(r.share)),
              h('td', { class: 'num' }, `${(r.firstAtMs / 1000).toFixed(1)} s`),
            ),
          ),
        ),
      ),
      pick
        ? h(
            'div',
            { class: 'error-body' },
            h('div', { class: 'muted' }, `Sample answer for ${pick.reason}`),
            h('pre', { class: 'mono' }, pick.body ?? '(no body: the request failed before an answer)'),
          )
        : '',
    );
  }
}
