// Where the cursor is in a scenario being typed, read from indentation rather than a YAML parse:
// half-typed documents (a key without its colon, an empty list item) are the normal case while
// completing, and they rarely parse into the shape the user means.
import type { Position } from './model';

/** What is being typed at the cursor. */
export interface CursorContext {
  /** YAML path of the mapping or list the cursor is in; `[]` stands for "an item of the list". */
  path: string[];
  /** `key`: a key of the mapping at `path`; `value`: the value of `key`; `item`: a scalar list item of `path`. */
  mode: 'key' | 'value' | 'item';
  key?: string;
  /** The partial word already typed. */
  prefix: string;
  /** Keys already present in the same mapping. */
  siblings: Set<string>;
}

// A plain key may end in a k6 tag filter (`http_req_duration{name:chat}`).
const KEY = /^([A-Za-z_$][\w.$-]*(?:\{[^}]*\})?|"[^"]*"|'[^']*')\s*:(?:\s|$)/;

interface LineShape {
  indent: number;
  dashes: number;
  content: string;
  key?: string;
}

function shape(line: string): LineShape | undefined {
  if (/^\s*(#.*)?$/.test(line)) return undefined;
  const m = /^( *)((?:-(?: +|$))*)(.*)$/.exec(line)!;
  const key = KEY.exec(m[3])?.[1]?.replace(/^["']|["']$/g, '');
  return { indent: m[1].length, dashes: m[2].length, content: m[3], key };
}

/** The path of the mapping whose keys sit at column `col` above `lineNo`, and the keys it already has there. */
function parentOf(
  lines: string[],
  lineNo: number,
  col: number,
  collect: boolean,
): { path: string[]; siblings: Set<string> } {
  const path: string[] = [];
  const siblings = new Set<string>();
  let threshold = col;
  let collecting = collect;
  for (let l = lineNo - 1; l >= 0; l--) {
    const s = shape(lines[l]);
    if (!s) continue;
    const contentCol = s.indent + s.dashes;
    if (s.indent >= threshold) {
      if (collecting && !s.dashes && s.indent === threshold && s.key) siblings.add(s.key);
      continue;
    }
    if (s.dashes && contentCol >= threshold) {
      // `- key: …` whose key is at our column: we are inside this list item's mapping.
      if (collecting && contentCol === threshold && s.key) siblings.add(s.key);
      collecting = false;
      path.unshift('[]');
      threshold = s.indent;
      continue;
    }
    collecting = false;
    if (!s.key) {
      threshold = contentCol;
      continue;
    }
    path.unshift(s.key);
    if (s.dashes) {
      path.unshift('[]');
      threshold = s.indent;
    } else threshold = contentCol;
    if (threshold === 0) break;
  }
  if (collect) {
    for (let l = lineNo + 1; l < lines.length; l++) {
      const s = shape(lines[l]);
      if (!s) continue;
      if (s.indent < col) break;
      if (s.indent === col && !s.dashes && s.key) siblings.add(s.key);
    }
  }
  return { path, siblings };
}

export function cursorContext(text: string, pos: Position): CursorContext | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  if (pos.line < 0 || pos.line >= lines.length) return undefined;
  const before = lines[pos.line].slice(0, Math.max(0, pos.character));
  if (/#/.test(before.replace(/"[^"]*"|'[^']*'/g, ''))) return undefined;
  const m = /^( *)((?:- +)*)(.*)$/.exec(before)!;
  const indent = m[1].length;
  const dashes = m[2].length;
  const rest = m[3];
  const col = indent + dashes;
  const base = dashes
    ? { path: [...parentOf(lines, pos.line, indent, false).path, '[]'], siblings: new Set<string>() }
    : parentOf(lines, pos.line, col, true);
  if (dashes) {
    // Keys of this new item written on the lines below it.
    for (let l = pos.line + 1; l < lines.length; l++) {
      const s = shape(lines[l]);
      if (!s) continue;
      if (s.indent < col) break;
      if (s.indent === col && !s.dashes && s.key) base.siblings.add(s.key);
    }
  }
  const flow = flowContext(rest);
  if (flow) {
    const lineKey = KEY.exec(rest)?.[1];
    const flowPath = [...base.path, ...(lineKey ? [lineKey] : [])];
    return { ...flow, path: flowPath };
  }
  const kv = /^([A-Za-z_$][\w.$-]*(?:\{[^}]*\})?|"[^"]*"|'[^']*')\s*:(\s*)(.*)$/.exec(rest);
  if (kv) {
    if (/^["']?\[/.test(kv[3]) && !kv[3].includes(']')) {
      return {
        path: [...base.path, unquote(kv[1])],
        mode: 'item',
        prefix: lastWord(kv[3].replace(/^\[\s*/, '')),
        siblings: new Set(),
      };
    }
    return { path: base.path, mode: 'value', key: unquote(kv[1]), prefix: kv[3], siblings: base.siblings };
  }
  if (/^[\w.$-]*$/.test(rest))
    return { path: base.path, mode: dashes ? 'item' : 'key', prefix: rest, siblings: base.siblings };
  if (dashes) return { path: base.path, mode: 'item', prefix: rest, siblings: base.siblings };
  return undefined;
}

/** Inside `{ a: 1, b|` or `{ a: 1, b: |` on one line. */
function flowContext(rest: string): Omit<CursorContext, 'path'> | undefined {
  const open = rest.lastIndexOf('{');
  if (open < 0 || rest.indexOf('}', open) >= 0) return undefined;
  const inner = rest.slice(open + 1);
  const parts = inner.split(',');
  const last = parts[parts.length - 1];
  const siblings = new Set(
    parts
      .slice(0, -1)
      .map((p) => /^\s*([\w.$-]+(?:\{[^}]*\})?)\s*:/.exec(p)?.[1])
      .filter((k): k is string => !!k),
  );
  const kv = /^\s*([\w.$-]+)\s*:\s*(.*)$/.exec(last);
  if (kv) return { mode: 'value', key: kv[1], prefix: kv[2], siblings };
  return { mode: 'key', prefix: last.trim(), siblings };
}

function unquote(s: string): string {
  return s.replace(/^["']|["']$/g, '');
}

function lastWord(s: string): string {
  return /[^,\s"']*$/.exec(s)?.[0] ?? '';
}
