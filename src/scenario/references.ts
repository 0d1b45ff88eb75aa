// `${…}` references inside scenario strings. The validator reports bad ones at their range;
// the engine compiles the parts once per run and fills them per request.

/** Where a reference's value comes from. */
export type RefKind = 'env' | 'secret' | 'dotenv' | 'var' | 'vu' | 'iteration' | 'uuid' | 'prompt' | 'request';

/** Kinds that take a name (`${env:NAME}`); the others stand alone (`${vu}`). */
export const NAMED_REF_KINDS: readonly RefKind[] = ['env', 'secret', 'dotenv', 'var'];
export const BARE_REF_KINDS: readonly RefKind[] = ['vu', 'iteration', 'uuid', 'prompt', 'request'];

/** A piece of a template: literal text or one reference. Offsets are into the template string. */
export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'ref'; ref: RefKind; name?: string; fallback?: string; start: number; end: number };

export interface TemplateError {
  message: string;
  start: number;
  end: number;
}

export interface ParsedTemplate {
  parts: TemplatePart[];
  errors: TemplateError[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Splits a string into text and `${…}` references. `$${` escapes a literal `${`.
 * Never throws: problems come back as errors with offsets.
 */
export function parseTemplate(input: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const errors: TemplateError[] = [];
  let text = '';
  let i = 0;
  while (i < input.length) {
    if (input.startsWith('$${', i)) {
      text += '${';
      i += 3;
      continue;
    }
    if (!input.startsWith('${', i)) {
      text += input[i];
      i++;
      continue;
    }
    const close = input.indexOf('}', i + 2);
    if (close < 0) {
      errors.push({ message: "Unclosed '${': add '}' (write '$${' for a literal '${').", start: i, end: input.length });
      text += input.slice(i);
      break;
    }
    if (text) {
      parts.push({ kind: 'text', text });
      text = '';
    }
    const body = input.slice(i + 2, close);
    const ref = parseRef(body, i, close + 1, errors);
    if (ref) parts.push(ref);
    i = close + 1;
  }
  if (text) parts.push({ kind: 'text', text });
  return { parts, errors };
}

function parseRef(body: string, start: number, end: number, errors: TemplateError[]): TemplatePart | undefined {
  const colon = body.indexOf(':');
  const kind = (colon < 0 ? body : body.slice(0, colon)).trim();
  const valid = `\${env:NAME}, \${env:NAME:-default}, \${secret:NAME}, \${dotenv:NAME}, \${var:NAME}, \${vu}, \${iteration}, \${uuid}, \${prompt}`;
  if ((BARE_REF_KINDS as readonly string[]).includes(kind)) {
    if (colon >= 0) errors.push({ message: `\${${kind}} takes no name: write \${${kind}}.`, start, end });
    return { kind: 'ref', ref: kind as RefKind, start, end };
  }
  if (!(NAMED_REF_KINDS as readonly string[]).includes(kind)) {
    errors.push({ message: `Unknown reference '\${${body}}'. Valid references: ${valid}.`, start, end });
    return undefined;
  }
  if (colon < 0) {
    errors.push({ message: `\${${kind}} needs a name: write \${${kind}:NAME}.`, start, end });
    return undefined;
  }
  let name = body.slice(colon + 1);
  let fallback: string | undefined;
  const dash = name.indexOf(':-');
  if (dash >= 0) {
    fallback = name.slice(dash + 2);
    name = name.slice(0, dash);
    if (kind !== 'env' && kind !== 'dotenv' && kind !== 'var') {
      errors.push({
        message: `A default (':-') is allowed for env, dotenv and var references, not for ${kind}: a missing secret must fail loudly.`,
        start,
        end,
      });
    }
  }
  if (!NAME.test(name)) {
    errors.push({
      message: `'${name}' is not a valid name in \${${kind}:…}: use letters, digits, '_', '-' or '.', starting with a letter or '_'.`,
      start,
      end,
    });
    return undefined;
  }
  return { kind: 'ref', ref: kind as RefKind, name, fallback, start, end };
}

/** True when the string holds at least one reference (so it must be filled per request or per run). */
export function hasReferences(input: string): boolean {
  return input.includes('${');
}
