// Hover docs for keys and metric names.
import type { Position, Range } from './model';

/** Markdown for the word under the cursor and the range it covers. */
export interface HoverResult { markdown: string; range: Range }

export function hoverAt(_text: string, _position: Position): HoverResult | null {
  return null;
}
