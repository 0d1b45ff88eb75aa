// The target's origin, decided once: the editor's gate and the engine both call `resolveBaseUrl`,
// so a `${var:…}` chain cannot make the gate see one host while the engine sends to another
// (they once stopped expanding at different depths: 4 and 8).
import { parseTemplate } from './references';

/** Deepest `${var:…}` chain expanded, on every side; deeper is an error (a loop, most likely). */
export const MAX_VAR_DEPTH = 8;

/** Run-constant values a base URL may draw on. */
export interface BaseUrlValues {
  env: Record<string, string>;
  dotenv: Record<string, string>;
  secrets: Record<string, string>;
  vars: Record<string, string>;
}

/** The filled URL and its origin, or why there is none. */
export type ResolvedBaseUrl =
  { url: string; origin: string; error?: undefined } | { error: string; url?: undefined; origin?: undefined };

/** Fills run-constant references of `template`; throws with a message when one cannot be filled. */
export function fillConstant(template: string, values: BaseUrlValues, depth = 0): string {
  if (!template.includes('${')) return template;
  const parsed = parseTemplate(template);
  if (parsed.errors.length) throw new Error(parsed.errors[0].message);
  let out = '';
  for (const part of parsed.parts) {
    if (part.kind === 'text') {
      out += part.text;
      continue;
    }
    const name = part.name ?? '';
    if (part.ref === 'var') {
      const v = values.vars[name] ?? part.fallback;
      if (v === undefined) throw new Error(`\${var:${name}} is not defined under variables.`);
      if (depth >= MAX_VAR_DEPTH)
        throw new Error(`\${var:${name}}: variables refer to each other more than ${MAX_VAR_DEPTH} deep (a loop?).`);
      out += fillConstant(v, values, depth + 1);
      continue;
    }
    if (part.ref !== 'env' && part.ref !== 'dotenv' && part.ref !== 'secret')
      throw new Error('cannot use per-request references (${vu}, ${iteration}, ${uuid}, ${prompt}).');
    const table = part.ref === 'env' ? values.env : part.ref === 'dotenv' ? values.dotenv : values.secrets;
    const v = table[name] ?? part.fallback;
    if (v === undefined) throw new Error(`\${${part.ref}:${name}} cannot be resolved.`);
    out += v;
  }
  return out;
}

/** `target.baseUrl` filled and parsed: the one origin a run may send to. */
export function resolveBaseUrl(template: string, values: BaseUrlValues): ResolvedBaseUrl {
  let filled: string;
  try {
    filled = fillConstant(template, values);
  } catch (err) {
    return { error: `target.baseUrl ${(err as Error).message}` };
  }
  let url: URL;
  try {
    url = new URL(filled);
  } catch {
    return { error: 'target.baseUrl is not a valid URL after filling its references.' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { error: `target.baseUrl must be http or https, not ${url.protocol}` };
  return { url: filled, origin: url.origin };
}
