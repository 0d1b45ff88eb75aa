// The by-value half of the redactor (src/shared/redact.ts puts both halves together): every
// secret, env and .env value a run was given is replaced wherever it appears.

/** Replaces every known value in a text, or in every string (keys included) of JSON data. */
export interface ValueRedactor {
  text(s: string): string;
  deep<T>(v: T): T;
}

/** Values shorter than this are not redacted: replacing every `1` or `on` would garble output without protecting anything. */
export const MIN_REDACT_LENGTH = 3;

/** By-value options: what replaces a value (`***` in run files and logs) and the shortest value replaced. */
export interface RedactorOptions {
  marker?: string;
  minLength?: number;
}

/** A by-value redactor for the values of the given maps (secrets, env, .env). */
export function makeValueRedactor(sources: Array<Record<string, string>>, opts: RedactorOptions = {}): ValueRedactor {
  const marker = opts.marker ?? '***';
  const minLength = opts.minLength ?? MIN_REDACT_LENGTH;
  const values = new Set<string>();
  for (const src of sources) {
    for (const v of Object.values(src)) {
      if (typeof v !== 'string' || v.length < minLength) continue;
      values.add(v);
    }
  }
  // Longest first, so a value containing another is replaced whole.
  const list = [...values].sort((a, b) => b.length - a.length);
  const text = (s: string): string => {
    if (list.length === 0) return s;
    let out = s;
    for (const v of list) if (out.includes(v)) out = out.split(v).join(marker);
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
