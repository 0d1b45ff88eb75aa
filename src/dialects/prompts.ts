// Prompt sources: an inline list or a file read once at the start (JSONL, JSON array, or text
// with one prompt per line), picked at random or in sequence per request.
import { readFileSync } from 'node:fs';
import type { PromptSource } from '../scenario/model';

/** Picks the next prompt; `only` is set when every pick is the same (no source, or one prompt). */
export type PromptPicker = (() => string) & { only?: string };

/** Loads a prompt source; throws with a readable message when the file is unusable. */
export function loadPrompts(source: PromptSource | undefined): PromptPicker {
  if (!source) return Object.assign(() => '', { only: '' });
  if (source.kind === 'tokens' || source.kind === 'dataset')
    throw new Error('Token-length prompts and datasets are generated or streamed, not loaded.');
  const items = source.kind === 'inline' ? source.items : readPromptFile(source.path);
  if (items.length === 0)
    throw new Error(
      source.kind === 'file' ? `Prompt file ${source.path} holds no prompts.` : 'The prompt list is empty.',
    );
  if (items.length === 1) return Object.assign(() => items[0], { only: items[0] });
  if (source.pick === 'sequential') {
    let i = 0;
    return () => {
      const p = items[i];
      i = i + 1 === items.length ? 0 : i + 1;
      return p;
    };
  }
  return () => items[Math.floor(Math.random() * items.length)];
}

/** Reads prompts from a file: `.jsonl` lines, a `.json` array, or plain text lines. */
export function readPromptFile(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read prompt file ${path}: ${(err as Error).message}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lower = path.toLowerCase();
  if (lower.endsWith('.json')) {
    const data: unknown = JSON.parse(text);
    if (!Array.isArray(data)) throw new Error(`Prompt file ${path} must hold a JSON array.`);
    return data.map(promptOf).filter((p): p is string => p !== null);
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (!lower.endsWith('.jsonl') && !lower.endsWith('.ndjson')) return lines;
  return lines.map((line, i) => {
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      throw new Error(`Prompt file ${path}, line ${i + 1}: not valid JSON.`);
    }
    const p = promptOf(v);
    if (p === null)
      throw new Error(
        `Prompt file ${path}, line ${i + 1}: expected a string or an object with "prompt", "text", "content" or "messages".`,
      );
    return p;
  });
}

/** The prompt text of one JSONL entry: a string, `{prompt}`, `{text}`, `{content}` or the last user message of `{messages}`. */
function promptOf(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  for (const k of ['prompt', 'text', 'content', 'input']) if (typeof o[k] === 'string') return o[k] as string;
  if (Array.isArray(o.messages)) {
    for (let i = o.messages.length - 1; i >= 0; i--) {
      const m = o.messages[i] as Record<string, unknown> | null;
      if (m && m.role !== 'system' && typeof m.content === 'string') return m.content;
    }
  }
  return null;
}
