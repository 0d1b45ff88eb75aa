// Per-request check expressions: `status == 200`, `latency < 500ms`, `ttft < 300ms`,
// `body.choices[0].message.content exists`, `header.x-request-id exists`, `output_tokens > 0`,
// `body.model matches /gpt/`, `body contains "hello"`.
import type { Check, CheckOp } from './model';
import { parseDuration } from './units';

/** A problem in a check expression, with offsets into its text. */
export interface CheckError {
  message: string;
  start: number;
  end: number;
}

export type CheckResult = { check: Check; error?: undefined } | { check?: undefined; error: CheckError };

const SUBJECTS = ['status', 'latency', 'ttft', 'output_tokens', 'body', 'header'] as const;
const NUMERIC = new Set(['status', 'latency', 'ttft', 'output_tokens']);
const COMPARE: readonly CheckOp[] = ['==', '!=', '<=', '>=', '<', '>'];

/** Examples used in messages and completion. */
export const CHECK_EXAMPLES = [
  'status == 200',
  'latency < 500ms',
  'ttft < 300ms',
  'output_tokens > 0',
  'body.choices[0].message.content exists',
  'header.x-request-id exists',
  'body.model matches /gpt/',
];

const VALID = `Valid checks look like: ${CHECK_EXAMPLES.join(', ')}.`;

/** Parses one check. Never throws. */
export function parseCheck(text: string): CheckResult {
  const fail = (message: string, start = 0, end = text.length): CheckResult => ({ error: { message, start, end } });
  let i = skip(text, 0);
  const subjMatch = /^[A-Za-z_]+/.exec(text.slice(i));
  if (!subjMatch)
    return fail(`A check starts with one of ${SUBJECTS.join(', ')}. ${VALID}`, i, Math.max(i + 1, text.length));
  const subject = subjMatch[0];
  if (!(SUBJECTS as readonly string[]).includes(subject)) {
    return fail(`Unknown check subject '${subject}': use ${SUBJECTS.join(', ')}. ${VALID}`, i, i + subject.length);
  }
  i += subject.length;
  const path: Array<string | number> = [];
  if (subject === 'header') {
    const h = /^\.([!#$%&'*+^_`|~0-9A-Za-z.-]+)/.exec(text.slice(i));
    if (!h)
      return fail('A header check names the header: header.x-request-id exists.', i, Math.max(i + 1, text.length));
    path.push(h[1].toLowerCase());
    i += h[0].length;
  } else if (subject === 'body') {
    const r = parsePath(text, i, path);
    if (typeof r !== 'number') return { error: r };
    i = r;
  }
  i = skip(text, i);
  const rest = text.slice(i);
  let op: CheckOp | undefined;
  for (const o of ['not exists', 'exists', 'matches', 'contains', ...COMPARE] as const) {
    if (rest.startsWith(o) && (!/^[a-z]/.test(o) || !/[A-Za-z0-9_]/.test(rest[o.length] ?? ''))) {
      op = o;
      break;
    }
  }
  if (!op) {
    if (rest === '')
      return fail(`'${text.trim()}' needs an operator: ==, !=, <, <=, >, >=, exists, not exists, matches or contains.`);
    return fail(
      `Expected an operator (==, !=, <, <=, >, >=, exists, not exists, matches, contains) here. ${VALID}`,
      i,
      text.length,
    );
  }
  const opStart = i;
  i = skip(text, i + op.length);
  const raw = text.slice(i).trim();
  const valueStart = i;
  const check: Check = { text: text.trim(), subject: subject as Check['subject'], path, op };
  if (op === 'exists' || op === 'not exists') {
    if (raw) return fail(`'${op}' takes no value: remove '${raw}'.`, valueStart, text.length);
    if (NUMERIC.has(subject))
      return fail(
        `'${subject}' always exists: compare it instead, e.g. ${example(subject)}.`,
        opStart,
        opStart + op.length,
      );
    return { check };
  }
  if (!raw) return fail(`'${op}' needs a value after it, e.g. ${example(subject)}.`, opStart, opStart + op.length);
  if (NUMERIC.has(subject)) {
    if (op === 'matches' || op === 'contains')
      return fail(
        `'${subject}' is a number: compare it with ==, !=, <, <=, > or >=, e.g. ${example(subject)}.`,
        opStart,
        opStart + op.length,
      );
    const v =
      subject === 'latency' || subject === 'ttft'
        ? timeValue(raw)
        : /^-?\d+(\.\d+)?$/.test(raw)
          ? Number(raw)
          : undefined;
    if (v === undefined) {
      const what = subject === 'latency' || subject === 'ttft' ? 'a duration such as 500ms or 1.5s' : 'a number';
      return fail(`'${raw}' is not ${what}: ${example(subject)}.`, valueStart, text.length);
    }
    if (subject === 'status' && !/^[1-5]\d\d$/.test(raw))
      return fail(`'${raw}' is not an HTTP status: use 100–599, e.g. status == 200.`, valueStart, text.length);
    check.value = v;
    return { check };
  }
  if (op === 'matches') {
    const m = /^\/(.*)\/([a-z]*)$/.exec(raw);
    if (!m)
      return fail(
        `'matches' takes a regular expression between slashes, e.g. body.model matches /gpt-4/.`,
        valueStart,
        text.length,
      );
    try {
      new RegExp(m[1], m[2]);
    } catch (err) {
      return fail(`Invalid regular expression: ${(err as Error).message}.`, valueStart, text.length);
    }
    check.value = m[1];
    return { check };
  }
  const lit = literal(raw);
  if (lit === undefined) return fail(`Unclosed quote in '${raw}': write "text" or 'text'.`, valueStart, text.length);
  if (op === 'contains' && typeof lit !== 'string') check.value = String(lit);
  else check.value = lit;
  if (subject === 'header' && typeof lit !== 'string') check.value = String(lit);
  return { check };
}

function skip(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** `.a.b[0]["c-d"]` → ['a','b',0,'c-d']; returns the offset after it or an error. */
function parsePath(text: string, i: number, out: Array<string | number>): number | CheckError {
  while (i < text.length) {
    if (text[i] === '.') {
      const m = /^\.([A-Za-z_$][\w$-]*)/.exec(text.slice(i));
      if (!m)
        return {
          message: "Expected a field name after '.', e.g. body.choices[0].message.content.",
          start: i,
          end: i + 1,
        };
      out.push(m[1]);
      i += m[0].length;
    } else if (text[i] === '[') {
      const m = /^\[(\d+|"[^"]*"|'[^']*')\]/.exec(text.slice(i));
      if (!m)
        return {
          message: 'Expected an index like [0] or a quoted key like ["x-y"].',
          start: i,
          end: Math.min(text.length, i + 1),
        };
      out.push(/^\d/.test(m[1]) ? Number(m[1]) : m[1].slice(1, -1));
      i += m[0].length;
    } else break;
  }
  return i;
}

function timeValue(raw: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw);
  return parseDuration(raw);
}

function literal(raw: string): string | number | boolean | null | undefined {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw === 'null') return null;
  if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(raw)) return Number(raw);
  const q = raw[0];
  if (q === '"' || q === "'") {
    if (raw.length < 2 || !raw.endsWith(q)) return undefined;
    return raw.slice(1, -1);
  }
  return raw;
}

function example(subject: string): string {
  return (
    {
      status: 'status == 200',
      latency: 'latency < 500ms',
      ttft: 'ttft < 300ms',
      output_tokens: 'output_tokens > 0',
      body: 'body.choices[0].message.content exists',
      header: 'header.x-request-id exists',
    }[subject] ?? CHECK_EXAMPLES[0]
  );
}
