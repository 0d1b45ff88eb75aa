// Completion: keys valid at the cursor's YAML path and enumerated values.
import type { Position } from './model';

/** One completion item, mapped 1:1 to the editor's. `snippet` items use snippet syntax in insertText. */
export interface CompletionItem {
  label: string;
  kind: 'key' | 'value' | 'metric' | 'snippet';
  insertText: string;
  detail?: string;
  documentation?: string;
}

export function completionsAt(_text: string, _position: Position): CompletionItem[] {
  return [];
}
