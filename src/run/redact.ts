// Secret, env and .env values never reach a file or a log: every text written by the host side
// of a run passes through a redactor built from the values the run was given.

/** Replaces every known secret/env value in a text; `redactDeep` does the same inside JSON data. */
export interface Redactor {
  text(s: string): string;
  deep<T>(v: T): T;
}

/** Values shorter than this are not redacted: replacing every `1` or `on` would garble output without protecting anything. */
export const MIN_REDACT_LENGTH = 3;

/** A redactor for the values of the given maps (secrets, env, .env). */
export function makeRedactor(sources: Array<Record<string, string>>): Redactor {
  const values = new Set<string>();
  for (const src of sources) {
    for (const v of Object.values(src)) {
      if (typeof v !== 'string' || v.length < MIN_REDACT_LENGTH) continue;
      values.add(v);
      // The same value as it appears inside a JSON string.
      const escaped = JSON.stringify(v).slice(1, -1);
      if (escaped !== v) values.add(escaped);
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
  return {
    text,
    deep<T>(v: T): T {
      if (list.length === 0) return v;
      return JSON.parse(text(JSON.stringify(v))) as T;
    },
  };
}
