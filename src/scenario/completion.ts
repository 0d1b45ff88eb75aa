// Completion: keys valid at the cursor's YAML path and enumerated values.
import type { ExecutorKind, Position } from './model';
import { EXECUTORS, KEYS, keyDoc, tablePath, type KeyDoc } from './keys';
import { ONLY_FOR } from './validate-load';
import { METRICS, metricInfo } from '../shared/metrics';
import { cursorContext } from './cursor-context';
import { parseMetricKey, seriesName, TAG_DOCS, type TagFilter } from './tag-filter';
import { thresholdExamples, statsFor } from './threshold-expr';
import { CHECK_EXAMPLES } from './checks';
import { templatesToSnippets, SCENARIO_TEMPLATES } from './starter-files';

/** One completion item, mapped 1:1 to the editor's. `snippet` items use snippet syntax in insertText. */
export interface CompletionItem {
  label: string;
  kind: 'key' | 'value' | 'metric' | 'snippet';
  insertText: string;
  detail?: string;
  documentation?: string;
}

/** Never throws; an empty list when nothing fits. */
export function completionsAt(text: string, position: Position): CompletionItem[] {
  try {
    return complete(typeof text === 'string' ? text : '', position);
  } catch {
    return [];
  }
}

function complete(text: string, position: Position): CompletionItem[] {
  const ctx = cursorContext(text, position);
  if (!ctx) return [];
  const table = tablePath(ctx.path);
  if (ctx.mode === 'key') {
    if (table === 'thresholds') return [...metricItems(ctx.siblings), ...taggedItems(text, ctx.siblings)];
    const keys = KEYS[table];
    if (!keys) return [];
    const items = keys.filter((k) => !ctx.siblings.has(k.key) && fitsExecutor(text, table, k.key)).map(keyItem);
    if (table === '' && ctx.siblings.size === 0) items.push(...templateItems());
    return items;
  }
  if (ctx.mode === 'item') {
    if (ctx.path[ctx.path.length - 1] === '[]' && ctx.path[ctx.path.length - 2] === 'checks') return checkItems();
    if (ctx.path.length === 2 && ctx.path[0] === 'thresholds') return expressionItems(ctx.path[1]);
    if (ctx.path.length === 3 && ctx.path[0] === 'thresholds' && ctx.path[2] === '[]')
      return expressionItems(ctx.path[1]);
    if (ctx.path[ctx.path.length - 2] === 'checks') return checkItems();
    // A new item of a list of mappings: its keys.
    const keys = KEYS[table];
    return keys ? keys.filter((k) => !ctx.siblings.has(k.key)).map(keyItem) : [];
  }
  const key = ctx.key ?? '';
  if (table === 'thresholds') return expressionItems(key).map((i) => ({ ...i, insertText: `[ ${i.insertText} ]` }));
  const doc = keyDoc(table, key);
  if (!doc) return [];
  if (doc.values) {
    return doc.values.map((v) => ({
      label: v,
      kind: 'value' as const,
      insertText: v,
      detail: `${key}`,
      documentation: doc.valueDocs?.[v],
    }));
  }
  if (doc.kind === 'boolean')
    return ['true', 'false'].map((v) => ({ label: v, kind: 'value' as const, insertText: v }));
  if (key === 'target' && table === 'load.stages[]') {
    return ['10/s', '100/min', '10', '0'].map((v) => ({
      label: v,
      kind: 'value' as const,
      insertText: v,
      detail: /\//.test(v) ? 'rate (arrival-rate executors)' : 'users (VU executors)',
    }));
  }
  if (doc.example)
    return [{ label: doc.example, kind: 'value', insertText: doc.example, detail: doc.kind, documentation: doc.doc }];
  return [];
}

/** In `load`, offer only the keys the chosen executor takes. */
function fitsExecutor(text: string, table: string, key: string): boolean {
  if (table !== 'load') return true;
  const executor = /^[ \t]+executor:[ \t]*([\w-]+)/m.exec(text)?.[1];
  if (!executor || !(EXECUTORS as readonly string[]).includes(executor)) return true;
  const open = executor.endsWith('arrival-rate');
  if (key === 'thinkTime') return !open;
  if (key === 'arrivals') return open;
  return !ONLY_FOR[key] || ONLY_FOR[key].includes(executor as ExecutorKind);
}

function keyItem(k: KeyDoc): CompletionItem {
  const nested = k.kind === 'map' || k.kind === 'list';
  return {
    label: k.key,
    kind: 'key',
    insertText: nested ? `${k.key}:` : `${k.key}: `,
    detail: `${k.kind}${k.required ? ' (required)' : ''}`,
    documentation: k.doc + (k.values ? `\n\nValues: ${k.values.map((v) => `\`${v}\``).join(', ')}` : ''),
  };
}

function metricItems(present: Set<string>): CompletionItem[] {
  return METRICS.filter((m) => !present.has(m.name)).map((m) => ({
    label: m.name,
    kind: 'metric' as const,
    insertText: `${m.name}: `,
    detail: `${m.type}, ${m.unit}`,
    documentation: `${m.doc}\n\nStatistics: ${statsFor(m).join(', ')}`,
  }));
}

/** Tag-filtered series (`http_req_duration{name:chat}`), with the request names this file defines. */
function taggedItems(text: string, present: Set<string>): CompletionItem[] {
  const names = [...text.matchAll(/^[ \t]*-?[ \t]*name:[ \t]*["']?([\w.-]+)["']?[ \t]*$/gm)]
    .map((m) => m[1])
    .filter((n, i, a) => a.indexOf(n) === i)
    .slice(0, 20);
  const out: CompletionItem[] = [];
  for (const metric of ['http_req_duration', 'time_to_first_token', 'http_req_failed'] as const) {
    const tags: TagFilter[] = [
      { key: 'expected_response', value: 'true' },
      ...names.map((value) => ({ key: 'name' as const, value })),
      { key: 'status', value: '200' },
    ];
    for (const tag of metric === 'http_req_duration' ? tags : tags.filter((t) => t.key === 'name')) {
      const label = seriesName(metric, tag);
      if (present.has(label)) continue;
      out.push({
        label,
        kind: 'metric',
        insertText: `${label}: `,
        detail: `${metric} filtered by ${tag.key}`,
        documentation: `${TAG_DOCS[tag.key]}\n\n${metricInfo(metric)!.doc}`,
      });
    }
  }
  return out;
}

function expressionItems(metricName: string): CompletionItem[] {
  const m = parseMetricKey(metricName)?.metric;
  if (!m) return [];
  return thresholdExamples(m).map((e) => ({
    label: e,
    kind: 'value' as const,
    insertText: `"${e}"`,
    detail: `threshold on ${m.name}`,
    documentation: m.unit === 'ms' ? 'Values in milliseconds (or with a unit: 1.5s).' : undefined,
  }));
}

function checkItems(): CompletionItem[] {
  return CHECK_EXAMPLES.map((c) => ({ label: c, kind: 'value' as const, insertText: c, detail: 'check' }));
}

function templateItems(): CompletionItem[] {
  const snippets = templatesToSnippets();
  return SCENARIO_TEMPLATES.map((t) => {
    const s = snippets[t.label];
    return {
      label: s.prefix,
      kind: 'snippet' as const,
      insertText: s.body.join('\n'),
      detail: t.label,
      documentation: t.description,
    };
  });
}
