// Colours come from the VS Code theme's CSS variables, so charts follow light, dark and
// high-contrast themes. VS Code swaps the variables and the body class on a theme change.
import type { ColorKey } from './chart-specs';

/** Chart colours resolved from the current theme. */
export interface Palette extends Record<ColorKey, string> {
  grid: string;
  background: string;
  fontFamily: string;
  /** High-contrast themes: thicker lines, no translucent fills. */
  highContrast: boolean;
}

// Used only when a variable is missing (e.g. outside VS Code): VS Code's dark defaults.
const FALLBACK: Record<ColorKey | 'grid' | 'background', string> = {
  blue: '#3794ff',
  red: '#f14c4c',
  green: '#89d185',
  yellow: '#cca700',
  orange: '#d18616',
  purple: '#b180d7',
  foreground: '#cccccc',
  muted: '#9d9d9d',
  grid: 'rgba(128, 128, 128, 0.35)',
  background: '#1e1e1e',
};

const VARS: Record<ColorKey | 'grid' | 'background', string[]> = {
  blue: ['--vscode-charts-blue'],
  red: ['--vscode-charts-red'],
  green: ['--vscode-charts-green'],
  yellow: ['--vscode-charts-yellow'],
  orange: ['--vscode-charts-orange'],
  purple: ['--vscode-charts-purple'],
  foreground: ['--vscode-charts-foreground', '--vscode-foreground'],
  muted: ['--vscode-descriptionForeground', '--vscode-foreground'],
  grid: ['--vscode-charts-lines', '--vscode-panel-border'],
  background: ['--vscode-editor-background'],
};

/** Reads the palette from the variables VS Code sets on `<html>`. */
export function readPalette(): Palette {
  const style = getComputedStyle(document.documentElement);
  const read = (names: string[]): string => {
    for (const n of names) {
      const v = style.getPropertyValue(n).trim();
      if (v) return v;
    }
    return '';
  };
  const out = {} as Record<ColorKey | 'grid' | 'background', string>;
  for (const key of Object.keys(VARS) as Array<keyof typeof VARS>) out[key] = read(VARS[key]) || FALLBACK[key];
  return {
    ...out,
    fontFamily: read(['--vscode-font-family']) || 'sans-serif',
    highContrast:
      document.body.classList.contains('vscode-high-contrast') ||
      document.body.classList.contains('vscode-high-contrast-light'),
  };
}

/** Calls `onChange` with a fresh palette whenever the theme changes; returns the unsubscribe. */
export function watchTheme(onChange: (p: Palette) => void): () => void {
  let pending = false;
  const observer = new MutationObserver(() => {
    // Class and variables change together; read once after both.
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      onChange(readPalette());
    });
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  return () => observer.disconnect();
}

/** A colour with transparency, for fills under lines; works for hex and rgb() values. */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{3,8})$/i.exec(color);
  if (hex) {
    let h = hex[1];
    if (h.length === 3 || h.length === 4)
      h = h
        .split('')
        .map((c) => c + c)
        .join('');
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  const rgb = /^rgba?\(([^)]+)\)$/i.exec(color);
  if (rgb) {
    const [r, g, b] = rgb[1].split(/[ ,/]+/).filter(Boolean);
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  return color;
}
