// Per-request checks (`status == 200`, `latency < 500ms`, `body.choices[0].message.content exists`).
// Compiled once per run; evaluated on what the response reader kept.
import type { Check } from '../scenario/model';

/** What a check can look at for one response. */
export interface CheckInput {
  status: number;
  latencyMs: number;
  ttftMs: number | null;
  outputTokens: number | null;
  /** Parsed JSON body, when a body check asked for it. */
  body: unknown;
  header: (name: string) => string | undefined;
}

/** A check ready to run. */
export interface CompiledCheck {
  name: string;
  test: (input: CheckInput) => boolean;
}

/** Compiles each check once per run. */
export function compileChecks(checks: readonly Check[]): CompiledCheck[] {
  return checks.map((c) => ({ name: c.text, test: compileOne(c) }));
}

function compileOne(c: Check): (input: CheckInput) => boolean {
  const get = subjectGetter(c);
  const op = c.op;
  const expected = c.value;
  if (op === 'exists')
    return (i) => {
      const v = get(i);
      return v !== undefined && v !== null;
    };
  if (op === 'not exists')
    return (i) => {
      const v = get(i);
      return v === undefined || v === null;
    };
  if (op === 'matches') {
    const re = toRegExp(String(expected ?? ''));
    return (i) => {
      const v = get(i);
      return v !== undefined && v !== null && re.test(typeof v === 'string' ? v : JSON.stringify(v));
    };
  }
  if (op === 'contains') {
    return (i) => {
      const v = get(i);
      if (Array.isArray(v)) return v.some((x) => looseEquals(x, expected));
      return (
        v !== undefined && v !== null && (typeof v === 'string' ? v : JSON.stringify(v)).includes(String(expected))
      );
    };
  }
  if (op === '==') return (i) => looseEquals(get(i), expected);
  if (op === '!=') return (i) => !looseEquals(get(i), expected);
  const want = Number(expected);
  return (i) => {
    const v = get(i);
    if (v === undefined || v === null) return false;
    const n = Number(v);
    if (Number.isNaN(n)) return false;
    switch (op) {
      case '<':
        return n < want;
      case '<=':
        return n <= want;
      case '>':
        return n > want;
      default:
        return n >= want;
    }
  };
}

function subjectGetter(c: Check): (i: CheckInput) => unknown {
  switch (c.subject) {
    case 'status':
      return (i) => i.status;
    case 'latency':
      return (i) => i.latencyMs;
    case 'ttft':
      return (i) => i.ttftMs;
    case 'output_tokens':
      return (i) => i.outputTokens;
    case 'header': {
      const name = String(c.path[0] ?? '').toLowerCase();
      return (i) => i.header(name);
    }
    default: {
      const path = c.path;
      return (i) => {
        let v: unknown = i.body;
        for (const key of path) {
          if (v === null || typeof v !== 'object') return undefined;
          v = (v as Record<string | number, unknown>)[key];
        }
        return v;
      };
    }
  }
}

function looseEquals(actual: unknown, expected: unknown): boolean {
  if (actual === undefined) return false;
  if (typeof expected === 'number') return Number(actual) === expected;
  if (typeof expected === 'boolean' || expected === null) return actual === expected;
  return (typeof actual === 'string' ? actual : JSON.stringify(actual)) === String(expected);
}

/** Accepts `abc`, `/abc/` and `/abc/i`. */
function toRegExp(source: string): RegExp {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(source);
  try {
    return m ? new RegExp(m[1], m[2]) : new RegExp(source);
  } catch {
    return /(?!)/;
  }
}
