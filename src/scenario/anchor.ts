// Where the "Run" CodeLens sits: the `name:` line, else the first line.
import type { Range } from './model';

export function scenarioAnchor(text: string): Range {
  const lines = text.split(/\r\n|\r|\n/);
  const i = lines.findIndex((l) => /^name\s*:/.test(l));
  if (i < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { start: { line: i, character: 0 }, end: { line: i, character: lines[i].replace(/\s+$/, '').length } };
}
