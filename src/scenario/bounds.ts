// Limits that keep parsing a hostile file bounded. The `yaml` package walks aliases without
// limit when our validators resolve them ("billion laughs"), aborts the process on flow
// collections a few thousand levels deep, and checks duplicate keys pairwise (quadratic): so
// such text is refused before or right after the YAML parse, with a diagnostic, never a hang.
import { isAlias, isScalar, visit, type Document, type Node } from 'yaml';

/** Largest scenario text parsed at all (UTF-16 code units); a real scenario is a few KB. */
export const MAX_SCENARIO_CHARS = 1024 * 1024;
/** yaml's `maxAliasCount`: expanded alias nodes allowed (the package's own default for `parse`). */
export const MAX_ALIAS_COUNT = 100;
/** Deepest flow nesting (`[[[…`, `{{{…`) accepted. */
export const MAX_FLOW_DEPTH = 64;
/** Widest indentation accepted (columns): block nesting costs the parser quadratically. */
export const MAX_INDENT = 512;

/** Larger texts validate on open and save only, not after each pause in typing: yaml parses ~0.3–1 MB/s. */
export const KEYSTROKE_MAX_CHARS = 256 * 1024;
/** Hover parses the whole file on each hover: past this size it answers nothing. */
export const HOVER_MAX_CHARS = 128 * 1024;

/** Whether a text this long is validated as the user types. */
export function validatesOnKeystroke(chars: number): boolean {
  return chars <= KEYSTROKE_MAX_CHARS;
}

/** A refusal: where (offsets into the text) and why. */
export interface BoundsProblem {
  code: string;
  message: string;
  start: number;
  end: number;
}

/** Checks the raw text before it reaches the YAML parser. */
export function checkText(text: string): BoundsProblem | undefined {
  if (text.length > MAX_SCENARIO_CHARS) {
    const nl = text.search(/[\r\n]/);
    return {
      code: 'too-large',
      message: `This file is ${(text.length / 1048576).toFixed(1)} MB: a scenario file is read only up to ${MAX_SCENARIO_CHARS / 1048576} MB. Move large prompts into a prompt file ('prompt: { file: prompts.jsonl }').`,
      start: 0,
      end: nl < 0 ? Math.min(text.length, 200) : nl,
    };
  }
  return scanNesting(text);
}

/** Flow depth and indentation in one pass; quoted text and comments do not count. */
function scanNesting(text: string): BoundsProblem | undefined {
  let depth = 0;
  let quote = 0;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      // Compact block indicators (`- - - x`, `? ? x`) nest like indentation does.
      const compact = (c === 45 || c === 63) && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9);
      if (c === 32 || c === 9 || compact) {
        if (++indent > MAX_INDENT)
          return {
            code: 'too-deep',
            message: `This line nests more than ${MAX_INDENT} columns deep: nesting this deep is refused.`,
            start: i - indent + 1,
            end: i + 1,
          };
        continue;
      }
      lineStart = false;
    }
    if (quote) {
      if (c === quote) {
        if (quote === 39 && text.charCodeAt(i + 1) === 39) i++;
        else quote = 0;
      } else if (c === 92 && quote === 34) i++;
      continue;
    }
    if (c === 34 || c === 39) {
      // A quote opens a quoted scalar only at a token's start; inside plain text (`it's`) it is literal.
      const p = i > 0 ? text.charCodeAt(i - 1) : 32;
      if (
        p === 32 ||
        p === 9 ||
        p === 10 ||
        p === 13 ||
        p === 91 ||
        p === 123 ||
        p === 44 ||
        p === 58 ||
        p === 45 ||
        p === 63
      )
        quote = c;
      continue;
    }
    if (c === 35) {
      const p = i > 0 ? text.charCodeAt(i - 1) : 32;
      if (p === 32 || p === 9 || p === 10 || p === 13) {
        while (i + 1 < text.length && text.charCodeAt(i + 1) !== 10 && text.charCodeAt(i + 1) !== 13) i++;
      }
      continue;
    }
    if (c === 91 || c === 123) {
      if (++depth > MAX_FLOW_DEPTH)
        return {
          code: 'too-deep',
          message: `Lists and mappings nest more than ${MAX_FLOW_DEPTH} levels deep here: nesting this deep is refused.`,
          start: i,
          end: i + 1,
        };
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return undefined;
}

/** yaml's options that keep the parse itself linear: duplicate keys are checked by `checkDocument`. */
export const BOUNDED_PARSE = { uniqueKeys: false, maxAliasCount: MAX_ALIAS_COUNT } as const;

/** After the parse: the alias budget (as yaml's `maxAliasCount`) and duplicate keys in linear time. */
export function checkDocument(doc: Document): BoundsProblem[] {
  const out: BoundsProblem[] = [];
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (err instanceof ReferenceError || /alias/i.test(String((err as Error)?.message))) {
      let first: Node | undefined;
      visit(doc, {
        Alias(_, n) {
          first = n;
          return visit.BREAK;
        },
      });
      const r = first?.range ?? [0, 0];
      return [
        {
          code: 'too-many-aliases',
          message: `Aliases here expand to more than ${MAX_ALIAS_COUNT} copies (a "billion laughs" file?): the file is refused. Use fewer '*' references.`,
          start: r[0],
          end: Math.max(r[1], r[0] + 1),
        },
      ];
    }
  }
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const p of map.items) {
        const k = p.key as Node | null;
        const v = isScalar(k) ? k.value : isAlias(k) ? undefined : k;
        if (v === undefined) continue;
        if (seen.has(v) && k?.range)
          out.push({
            code: 'duplicate-key',
            message: 'This key appears twice in the same mapping: keep one.',
            start: k.range[0],
            end: k.range[1],
          });
        seen.add(v);
      }
    },
  });
  return out;
}
