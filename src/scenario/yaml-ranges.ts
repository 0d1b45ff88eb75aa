// Source positions for YAML nodes. The `yaml` package gives character offsets; diagnostics need
// 0-based line/character ranges, trimmed of the trailing whitespace and comments that block
// collections swallow.
import { isAlias, isScalar, type Document, type Node } from 'yaml';
import type { Diagnostic, Position, Range, Severity } from './model';

/** Converts string offsets to positions and back (UTF-16, as JS strings and LSP count). */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // An offset inside a line break (between \r and \n) belongs to the end of the line's text.
    return { line: lo, character: Math.min(o - this.starts[lo], this.lineEnd(lo) - this.starts[lo]) };
  }

  offset(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line];
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.text.length + 1;
    return Math.min(start + Math.max(0, pos.character), next - 1, this.text.length);
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset just past the line's text, before its line break. */
  private lineEnd(line: number): number {
    let end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    while (end > this.starts[line] && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) {
      if (line + 1 >= this.starts.length) break;
      end--;
    }
    return end;
  }

  lineText(line: number): string {
    const start = this.starts[line] ?? this.text.length;
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, '');
  }
}

/** What every validator step shares: the document, positions, and the diagnostics found so far. */
export interface Ctx {
  text: string;
  lines: LineIndex;
  doc: Document;
  diagnostics: Diagnostic[];
  file?: string;
  fileExists?: (absPath: string) => boolean;
  readHead?: (absPath: string, maxBytes: number) => { text: string; complete: boolean } | null;
}

/** Offsets of a node's own text, without trailing blanks and comments. */
export function nodeSpan(ctx: Ctx, node: Node | null | undefined): [number, number] {
  const r = node?.range;
  if (!r) return [0, 0];
  let end = r[1];
  let start = r[0];
  if (!isScalar(node) && !isAlias(node)) {
    // Block collections end after the trailing newline(s) and comments: trim back to the last token.
    end = start + trimmedLength(ctx.text.slice(start, end));
    if (end === start) end = r[1];
  }
  start = Math.max(0, Math.min(start, ctx.text.length));
  end = Math.max(start, Math.min(end, ctx.text.length));
  return [start, end];
}

/**
 * Length of `src` without its trailing blanks and `#` comments. A backward scan: the regex it
 * replaces, /(\s*(#[^\n]*)?)*$/, backtracked exponentially on long runs of blank lines.
 */
export function trimmedLength(src: string): number {
  let end = src.length;
  for (;;) {
    while (end > 0 && /\s/.test(src[end - 1])) end--;
    const lineStart = src.lastIndexOf('\n', end - 1) + 1;
    const hash = src.indexOf('#', lineStart);
    if (hash < 0 || hash >= end) return end;
    end = hash;
  }
}

export function rangeOf(ctx: Ctx, node: Node | null | undefined): Range {
  const [s, e] = nodeSpan(ctx, node);
  return ctx.lines.range(s, e);
}

/**
 * The offset where a scalar's value text starts in the source, when the source spells the
 * value verbatim (plain, or quoted without escapes); else undefined, and callers fall back to
 * the whole node's range.
 */
export function verbatimStart(ctx: Ctx, node: Node, value: string): number | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const [s, e] = [node.range[0], node.range[1]];
  const src = ctx.text.slice(s, e);
  if (src === value) return s;
  const q = src[0];
  if ((q === '"' || q === "'") && src.endsWith(q) && src.slice(1, -1) === value) return s + 1;
  return undefined;
}

/** The range of `value.slice(from, to)` inside a scalar node, or the node's range when not verbatim. */
export function subRange(ctx: Ctx, node: Node, value: string, from: number, to: number): Range {
  const base = verbatimStart(ctx, node, value);
  if (base === undefined) return rangeOf(ctx, node);
  return ctx.lines.range(base + from, base + Math.max(from, to));
}

export function report(ctx: Ctx, range: Range, severity: Severity, code: string, message: string): void {
  ctx.diagnostics.push({ severity, message, range, code });
}

export function error(ctx: Ctx, node: Node | null | undefined, code: string, message: string): void {
  report(ctx, rangeOf(ctx, node), 'error', code, message);
}

export function warn(ctx: Ctx, node: Node | null | undefined, code: string, message: string): void {
  report(ctx, rangeOf(ctx, node), 'warning', code, message);
}
