// Hover docs for every key (from the key table) and every metric name (from the catalogue).
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Position, Range } from './model';
import { keyDoc, tablePath, type KeyDoc } from './keys';
import type { MetricInfo } from '../shared/metrics';
import { statsFor, thresholdExamples } from './threshold-expr';
import { parseMetricKey, TAG_DOCS } from './tag-filter';
import { LineIndex } from './yaml-ranges';
import { parseTemplate, type RefKind } from './references';
import { BOUNDED_PARSE, checkText } from './bounds';

/** Markdown for the word under the cursor and the range it covers. */
export interface HoverResult {
  markdown: string;
  range: Range;
}

type Hit = { path: string[]; key: string; node: Node; isValue: boolean };

/** Never throws; null where there is nothing to explain. */
export function hoverAt(text: string, position: Position): HoverResult | null {
  try {
    return hover(typeof text === 'string' ? text : '', position);
  } catch {
    return null;
  }
}

function hover(text: string, position: Position): HoverResult | null {
  // A refused file gets no hover: its diagnostic says why.
  if (checkText(text)) return null;
  const lines = new LineIndex(text);
  const offset = lines.offset(position);
  const doc = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false, ...BOUNDED_PARSE });
  const hit = find(doc.contents as Node | null, [], offset);
  if (!hit) return null;
  const r = hit.node.range!;
  const range = lines.range(r[0], r[1]);
  if (hit.isValue) {
    const ref = referenceHover(text, lines, hit.node, offset);
    if (ref) return ref;
    const d = keyDoc(tablePath(hit.path), hit.key);
    const v = isScalar(hit.node) ? String(hit.node.value) : '';
    const vd = d?.valueDocs?.[v];
    return vd ? { markdown: `**${hit.key}: ${v}**\n\n${vd}`, range } : null;
  }
  if (hit.path.length === 1 && hit.path[0] === 'thresholds') {
    const k = parseMetricKey(hit.key);
    if (!k?.metric) return null;
    const tagDoc = k.tag
      ? `\n\n**Filter \`{${k.tag.key}:${k.tag.value}}\`**: ${TAG_DOCS[k.tag.key]} The threshold reads only this series.`
      : '';
    return { markdown: metricMarkdown(k.metric) + tagDoc, range };
  }
  const d = keyDoc(tablePath(hit.path), hit.key);
  return d ? { markdown: keyMarkdown(hit.path, d), range } : null;
}

function find(node: Node | null, path: string[], offset: number): Hit | undefined {
  if (!node) return undefined;
  if (isMap(node)) {
    for (const p of node.items) {
      const k = p.key as Node | null;
      const v = p.value as Node | null;
      const name = isScalar(k) ? String(k.value) : '';
      if (k?.range && offset >= k.range[0] && offset <= k.range[1]) return { path, key: name, node: k, isValue: false };
      if (v?.range && isScalar(v) && offset >= v.range[0] && offset <= v.range[1])
        return { path, key: name, node: v, isValue: true };
      if (v?.range && offset >= v.range[0] && offset <= v.range[2]) {
        const inner = find(v, [...path, name], offset);
        if (inner) return inner;
      }
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const n = item as Node | null;
      if (n?.range && offset >= n.range[0] && offset <= n.range[2]) {
        const inner = find(n, [...path, '[]'], offset);
        if (inner) return inner;
      }
    }
  }
  return undefined;
}

function keyMarkdown(path: string[], d: KeyDoc): string {
  const where = [...path.map((p) => (p === '[]' ? '[]' : p)), d.key].join('.').replace(/\.\[\]/g, '[]');
  const parts = [`**${where}** — ${d.kind}${d.required ? ', required' : ''}`, d.doc];
  if (d.values) parts.push(`Values: ${d.values.map((v) => `\`${v}\``).join(', ')}`);
  if (d.example) parts.push(`Example: \`${d.key}: ${d.example}\``);
  return parts.join('\n\n');
}

export function metricMarkdown(m: MetricInfo): string {
  return [
    `**${m.name}** — ${m.type}, ${m.unit}`,
    m.doc,
    `Threshold statistics: ${statsFor(m)
      .map((s) => `\`${s}\``)
      .join(', ')}; e.g. \`${thresholdExamples(m)[0]}\`${m.unit === 'ms' ? ' (milliseconds)' : ''}.`,
  ].join('\n\n');
}

const REF_DOCS: Record<RefKind, string> = {
  env: "The environment variable of the process that runs the test (the editor's or the CLI's). `${env:NAME:-default}` falls back when it is unset.",
  secret:
    "A secret from VS Code's SecretStorage (set it with **Gateway Load: Set API Key**) or, on the CLI, from `GATEWAY_LOAD_SECRET_<NAME>` (upper case, `-` as `_`). Redacted from everything written.",
  dotenv: 'A value from the `.env` file read for the run.',
  var: "A value from this file's `variables:`.",
  vu: 'The number of the virtual user (or connection slot) sending the request.',
  iteration: "The request's sequence number in the run.",
  uuid: 'A fresh random UUID per request.',
  prompt: 'The prompt picked for this request.',
  request: "The request's name.",
};

/** Explains the `${…}` reference under the cursor, when the scalar spells its value verbatim. */
function referenceHover(text: string, lines: LineIndex, node: Node, offset: number): HoverResult | null {
  if (!isScalar(node) || typeof node.value !== 'string' || !node.value.includes('${') || !node.range) return null;
  const src = text.slice(node.range[0], node.range[1]);
  const base = src === node.value ? node.range[0] : src.slice(1, -1) === node.value ? node.range[0] + 1 : -1;
  if (base < 0) return null;
  for (const part of parseTemplate(node.value).parts) {
    if (part.kind !== 'ref' || offset < base + part.start || offset > base + part.end) continue;
    const spelled = node.value.slice(part.start, part.end);
    const fallback = part.fallback !== undefined ? `\n\nDefault when unset: \`${part.fallback}\`` : '';
    return {
      markdown: `**\`${spelled}\`** — ${part.ref} reference\n\n${REF_DOCS[part.ref]}${fallback}`,
      range: lines.range(base + part.start, base + part.end),
    };
  }
  return null;
}
