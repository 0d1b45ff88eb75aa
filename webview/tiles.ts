// KPI tiles. A verdict is written (✓ met / ✗ missed) as well as coloured, for people who do not
// see the colour and for screen readers.
import type { Kpi } from './kpis';
import { h } from './dom';

const MARK: Record<Kpi['verdict'], string> = { met: '✓', missed: '✗', none: '' };
const WORD: Record<Kpi['verdict'], string> = { met: 'target met', missed: 'target missed', none: '' };

/** Renders the tiles into `root`, replacing what was there. */
export function renderTiles(root: HTMLElement, kpis: readonly Kpi[]): void {
  root.replaceChildren(
    ...kpis.map((k) => {
      const target = k.target
        ? h(
            'div',
            { class: 'tile-target' },
            h('span', { class: 'tile-mark', 'aria-hidden': 'true' }, MARK[k.verdict]),
            ` ${k.target}`,
          )
        : h('div', { class: 'tile-target tile-no-target' }, 'no target');
      const spoken = [k.label, k.value, k.target ?? '', WORD[k.verdict], k.scope].filter(Boolean).join(', ');
      return h(
        'section',
        { class: 'tile', 'data-kpi': k.id, 'data-verdict': k.verdict, role: 'group', 'aria-label': spoken },
        h('div', { class: 'tile-label' }, k.label, h('span', { class: 'tile-scope' }, ` · ${k.scope}`)),
        h('div', { class: 'tile-value' }, k.value),
        h('div', { class: 'tile-detail' }, k.detail),
        target,
      );
    }),
  );
}
