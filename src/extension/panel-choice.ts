// Which live panel shows a run, without `vscode`. Each run going has a panel of its own (a baseline
// against two gateways shows both side by side); a panel whose run ended can be taken again, first
// by a rerun of its own scenario, so reruns do not pile up tabs. Pure: unit-tested in plain Node.

/** A panel as the choice sees it. */
export interface PanelView {
  /** Its run is going: the panel belongs to that run until it ends. */
  busy: boolean;
  /** It shows a run of this window's sessions (going or ended), not a saved one or nothing. */
  live: boolean;
  /** The results folder and the scenario file of the run it shows. */
  dir?: string;
  file?: string;
}

/** The run to show: its folder, its scenario file, and whether it is going. */
export interface PanelWant {
  dir: string;
  file?: string;
  live: boolean;
}

/**
 * The index of the panel that shows `want` (panels listed used-last first), or 'new' for a panel of
 * its own: the panel already showing it; else one not busy showing the same scenario; else one not
 * busy showing a saved run or nothing; a saved run may also take a panel whose live run has ended.
 */
export function choosePanel(panels: readonly PanelView[], want: PanelWant): number | 'new' {
  const showing = panels.findIndex((p) => p.dir === want.dir);
  if (showing >= 0) return showing;
  const free = (p: PanelView) => !p.busy;
  const order: Array<(p: PanelView) => boolean> = [
    (p) => free(p) && want.file !== undefined && p.file === want.file,
    (p) => free(p) && !p.live,
    ...(want.live ? [] : [free]),
  ];
  for (const rule of order) {
    const i = panels.findIndex(rule);
    if (i >= 0) return i;
  }
  return 'new';
}
