// Secret, env and .env values never reach a file or a log: every text written by the host side
// of a run passes through a redactor built from the values the run was given.

import type { Scenario } from '../scenario/model';
import { parseTemplate } from '../scenario/template';
import { referencedNames } from './run-inputs';

/** Replaces every known secret/env value in a text, or in every string (keys included) of JSON data. */
export interface Redactor {
  text(s: string): string;
  deep<T>(v: T): T;
}

/** Values shorter than this are not redacted: replacing every `1` or `on` would garble output without protecting anything. */
export const MIN_REDACT_LENGTH = 3;

/**
 * The values a run must hide: every secret, and every env/.env value except those referenced
 * only by `target.baseUrl`. Where the load goes is what a user must see (dry runs, logs); a
 * URL that also appears in a header or body is hidden like any other value.
 */
export function redactionSources(scenario: Scenario, values: { secrets: Record<string, string>; env: Record<string, string>; dotenv: Record<string, string> }): Array<Record<string, string>> {
  const inBaseUrl = new Set(parseTemplate(scenario.target.baseUrl).parts.flatMap((p) => (p.kind === 'ref' && p.name ? [`${p.ref}:${p.name}`] : [])));
  const elsewhere = referencedNames({ ...scenario, target: { ...scenario.target, baseUrl: '' } });
  const hidden = (kind: 'env' | 'dotenv', map: Record<string, string>) =>
    Object.fromEntries(Object.entries(map).filter(([name]) => !inBaseUrl.has(`${kind}:${name}`) || elsewhere[kind].includes(name)));
  return [values.secrets, hidden('env', values.env), hidden('dotenv', values.dotenv)];
}

/** A redactor for the values of the given maps (secrets, env, .env). */
export function makeRedactor(sources: Array<Record<string, string>>): Redactor {
  const values = new Set<string>();
  for (const src of sources) {
    for (const v of Object.values(src)) {
      if (typeof v !== 'string' || v.length < MIN_REDACT_LENGTH) continue;
      values.add(v);
    }
  }
  // Longest first, so a value containing another is replaced whole.
  const list = [...values].sort((a, b) => b.length - a.length);
  const text = (s: string): string => {
    if (list.length === 0) return s;
    let out = s;
    for (const v of list) if (out.includes(v)) out = out.split(v).join('***');
    return out;
  };
  // Strings only: replacing inside serialised JSON would turn a short numeric value (a `.env`
  // `PORT=8080`) into broken numbers and invalid files.
  const deep = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return text(v);
    if (depth > 64 || typeof v !== 'object' || v === null) return v;
    if (Array.isArray(v)) return v.map((x) => deep(x, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[text(k)] = deep(x, depth + 1);
    return out;
  };
  return {
    text,
    deep<T>(v: T): T {
      return list.length === 0 ? v : (deep(v, 0) as T);
    },
  };
}
