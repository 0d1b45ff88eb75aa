// parseScenario: YAML text → Scenario model plus diagnostics at exact ranges. Never throws.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { basename } from 'node:path';
import type { Diagnostic, Range, Scenario, ScenarioResult } from './model';
import { LineIndex, rangeOf, report, subRange, type Ctx } from './yaml-ranges';
import { readMap, readString, requireKeys, resolve } from './read';
import { validateTarget } from './validate-target';
import { validateLoad } from './validate-load';
import { validateRequests } from './validate-requests';
import { validateTargets, validateThresholds } from './validate-thresholds';
import { monitorSources, validateMonitor, validateOutputs } from './validate-monitor';
import { validateGatewayHeaders } from './validate-gateway';
import { parseTemplate } from './references';
import { BOUNDED_PARSE, checkDocument, checkText } from './bounds';
import { validateSlo } from './validate-slo';

/** Options of parseScenario. */
export interface ParseOptions {
  /** Absolute path of the file: prompt files are resolved from its folder. */
  file?: string;
  /** When given, prompt files that do not exist are reported. */
  fileExists?: (absPath: string) => boolean;
  /** When given, the first bytes of a dataset file, so its format is checked (null: unreadable). */
  readHead?: (absPath: string, maxBytes: number) => { text: string; complete: boolean } | null;
}

export function parseScenario(text: string, opts: ParseOptions = {}): ScenarioResult {
  try {
    return parseUnsafe(typeof text === 'string' ? text : '', opts);
  } catch (err) {
    // A bug here must not take the editor down: report it as a diagnostic instead.
    return {
      diagnostics: [
        {
          severity: 'error',
          code: 'internal',
          message: `Internal validator error: ${err instanceof Error ? err.message : String(err)}`,
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        },
      ],
    };
  }
}

function parseUnsafe(text: string, opts: ParseOptions): ScenarioResult {
  const lines = new LineIndex(text);
  const refused = checkText(text);
  if (refused)
    return {
      diagnostics: [
        {
          severity: 'error',
          code: refused.code,
          message: refused.message,
          range: lines.range(refused.start, refused.end),
        },
      ],
    };
  const doc = parseDocument(text, {
    lineCounter: new LineCounter(),
    prettyErrors: false,
    strict: true,
    merge: true,
    ...BOUNDED_PARSE,
  });
  const ctx: Ctx = {
    text,
    lines,
    doc,
    diagnostics: [],
    file: opts.file,
    fileExists: opts.fileExists,
    readHead: opts.readHead,
  };
  for (const e of doc.errors) {
    const [s, end] = e.pos;
    // yaml marks one character of a duplicate key: cover the whole key.
    const keyLen = e.code === 'DUPLICATE_KEY' ? (/^[^:\r\n]*/.exec(text.slice(s))?.[0].trimEnd().length ?? 0) : 0;
    report(
      ctx,
      firstLine(lines, lines.range(s, Math.max(end, s + 1, s + keyLen))),
      'error',
      e.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax',
      yamlMessage(e.code, e.message),
    );
  }
  for (const w of doc.warnings) report(ctx, lines.range(w.pos[0], w.pos[1]), 'warning', 'yaml-warning', w.message);
  if (doc.errors.length) return { diagnostics: finish(ctx) };
  const bounded = checkDocument(doc);
  for (const b of bounded) report(ctx, firstLine(lines, lines.range(b.start, b.end)), 'error', b.code, b.message);
  if (bounded.length) return { diagnostics: finish(ctx) };
  const root = resolve(ctx, doc.contents);
  if (!root || (isScalar(root) && root.value === null)) {
    report(
      ctx,
      lines.range(0, 0),
      'error',
      'empty',
      'The scenario is empty: it needs target, load and requests (try the "Gateway Load: New Scenario" command or a snippet such as gl-baseline).',
    );
    return { diagnostics: finish(ctx) };
  }
  const m = readMap(ctx, root, 'scenario', '', 'name: …, target: …, load: …, requests: …');
  if (!m) return { diagnostics: finish(ctx) };
  requireKeys(ctx, m, root, 'scenario', ['target', 'load', 'requests'], {
    target: 'target: { baseUrl: http://127.0.0.1:8790 }',
    load: 'load: { executor: constant-arrival-rate, rate: 10/s, duration: 1m }',
    requests: 'requests: [ { api: openai-chat, model: gpt-4o-mini, prompt: Hello } ]',
  });
  const nameE = m.get('name');
  const name = nameE ? readString(ctx, nameE, 'name', 'Chat completions — baseline') : undefined;
  const descE = m.get('description');
  if (descE) readString(ctx, descE, 'description');
  const variables: Record<string, string> = {};
  const varsE = m.get('variables');
  if (varsE) {
    const vm = readMap(ctx, varsE.value, 'variables', undefined, '{ MODEL: gpt-4o-mini }');
    for (const [k, e] of vm ?? []) {
      if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(k))
        report(
          ctx,
          subRange(ctx, e.key, k, 0, k.length),
          'error',
          'bad-name',
          `'${k}' is not a valid variable name: use letters, digits, '_', '-' or '.', starting with a letter or '_'.`,
        );
      const v = isScalar(e.value) ? e.value.value : undefined;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') variables[k] = String(v);
      else
        report(
          ctx,
          rangeOf(ctx, e.value ?? e.key),
          'error',
          'wrong-type',
          `'variables.${k}' must be text, a number or true/false.`,
        );
    }
  }
  const target = validateTarget(ctx, m.get('target'));
  const load = validateLoad(ctx, m.get('load'));
  const requests = validateRequests(ctx, m.get('requests'));
  const monitor = validateMonitor(ctx, m.get('monitor'));
  const outputs = validateOutputs(ctx, m.get('outputs'));
  const gatewayHeaders = validateGatewayHeaders(ctx, m.get('gatewayHeaders'));
  const allThresholds = validateThresholds(
    ctx,
    m.get('thresholds'),
    requests?.map((r) => r.name),
    monitorSources(monitor),
  );
  // The host evaluates thresholds on monitored series; the engine sees only its own metrics.
  const thresholds = allThresholds.filter((t) => !t.metric.startsWith('monitor.'));
  const monitorThresholds = allThresholds.filter((t) => t.metric.startsWith('monitor.'));
  const targets = validateTargets(ctx, m.get('targets'));
  const slo = validateSlo(ctx, m.get('slo'), 'slo', 'slo');
  checkTemplates(ctx, root, variables, []);
  const diagnostics = finish(ctx);
  if (diagnostics.some((d) => d.severity === 'error') || !target || !load || !requests) return { diagnostics };
  const scenario: Scenario = {
    name: name ?? defaultName(opts.file),
    target,
    load,
    requests,
    thresholds,
    targets,
    variables,
  };
  if (opts.file) scenario.file = opts.file;
  if (monitor || monitorThresholds.length)
    scenario.monitor = { ...(monitor ?? { prometheus: [], intervalMs: 1000 }), thresholds: monitorThresholds };
  if (outputs?.length) scenario.outputs = outputs;
  if (gatewayHeaders) scenario.gatewayHeaders = gatewayHeaders;
  if (slo) scenario.slo = slo;
  return { scenario, diagnostics };
}

function defaultName(file?: string): string {
  return file ? basename(file).replace(/\.load\.ya?ml$|\.ya?ml$/, '') : 'Untitled scenario';
}

/** Every string value outside thresholds and checks is a template: report bad references where they are. */
function checkTemplates(ctx: Ctx, node: Node | null, variables: Record<string, string>, path: string[]): void {
  if (!node) return;
  if (path[0] === 'thresholds' || path[path.length - 1] === 'checks') return;
  if (isMap(node)) {
    for (const p of node.items) {
      const k = isScalar(p.key) ? String(p.key.value) : '';
      checkTemplates(ctx, resolve(ctx, p.value), variables, [...path, k]);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) checkTemplates(ctx, resolve(ctx, item), variables, path);
  } else if (isScalar(node) && typeof node.value === 'string' && node.value.includes('${')) {
    const value = node.value;
    const t = parseTemplate(value);
    for (const e of t.errors)
      report(ctx, subRange(ctx, node, value, e.start, e.end), 'error', 'bad-reference', e.message);
    for (const part of t.parts) {
      if (
        part.kind === 'ref' &&
        part.ref === 'var' &&
        part.name !== undefined &&
        !(part.name in variables) &&
        part.fallback === undefined
      ) {
        const known = Object.keys(variables);
        report(
          ctx,
          subRange(ctx, node, value, part.start, part.end),
          'error',
          'unknown-variable',
          `Unknown variable '${part.name}': define it under 'variables:'${known.length ? ` (defined: ${known.join(', ')})` : ''}.`,
        );
      }
    }
  }
}

/** A range cut at the end of its first line, when that line has text there: one squiggle, not a block. */
function firstLine(lines: LineIndex, r: Range): Range {
  if (r.end.line === r.start.line) return r;
  const text = lines.lineText(r.start.line).trimEnd();
  return text.length > r.start.character ? { start: r.start, end: { line: r.start.line, character: text.length } } : r;
}

/** What to write instead, for the YAML errors people make most. */
const YAML_HINTS: Record<string, string> = {
  MULTILINE_IMPLICIT_KEY:
    "A key needs ': ' (a colon and a space) before its value, e.g. 'executor: constant-vus', and fits on one line.",
  BLOCK_AS_IMPLICIT_KEY:
    'A value cannot be another \'key: value\' on the same line: quote it ("a: b") or check the indentation.',
  BAD_INDENT: 'Keys of one mapping start at the same column; flow lists and mappings close with ] and }.',
  BAD_SCALAR_START: 'Quote the value, e.g. "@value".',
};

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'DUPLICATE_KEY') return 'This key appears twice in the same mapping: keep one.';
  if (code === 'TAB_AS_INDENT') return 'Tabs cannot indent YAML: use spaces.';
  const hint = YAML_HINTS[code];
  return `YAML syntax error: ${first}${hint ? `. ${hint}` : ''}`;
}

/** Sorted by position so editors and the CLI list them top to bottom; duplicates dropped. */
function finish(ctx: Ctx): Diagnostic[] {
  const seen = new Set<string>();
  const out = ctx.diagnostics.filter((d) => {
    const k = `${d.range.start.line}:${d.range.start.character}:${d.range.end.line}:${d.range.end.character}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return out.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}
