// Templates compiled once per run: references whose value is fixed for the run (env, secret,
// dotenv, var) are folded into the static text; what changes per request (vu, iteration, uuid,
// prompt, request) stays a slot. Filling a compiled template is a join of a few strings.
import { randomUUID } from 'node:crypto';
import { parseTemplate, type RefKind } from '../scenario/references';
import { MAX_VAR_DEPTH } from '../scenario/base-url';

/** Values that vary per request. */
export interface RequestContext {
  vu: number;
  iteration: number;
  prompt: string;
  request: string;
}

/** Run-constant values of `${env:…}`, `${dotenv:…}`, `${secret:…}`, `${var:…}`. */
export interface TemplateValues {
  env: Record<string, string>;
  dotenv: Record<string, string>;
  secrets: Record<string, string>;
  vars: Record<string, string>;
}

type Slot = 'vu' | 'iteration' | 'uuid' | 'prompt' | 'request';

/** A compiled template: `statics[0] slot0 statics[1] slot1 … statics[n]`. */
export interface Compiled {
  statics: string[];
  slots: Slot[];
  json: boolean;
  constant: string | null;
}

/** A reference that cannot be filled (missing secret, unknown variable); stops the run before it starts. */
export class TemplateError extends Error {}

const escapeJson = (s: string): string => JSON.stringify(s).slice(1, -1);

/**
 * Compiles `input`. With `json`, the input is JSON text and every inserted value is escaped as
 * the inside of a JSON string (templates only ever sit inside strings of a JSON body).
 */
export function compile(input: string, values: TemplateValues, json = false, depth = 0): Compiled {
  if (!input.includes('${')) return { statics: [input], slots: [], json, constant: input };
  const parsed = parseTemplate(input);
  if (parsed.errors.length) throw new TemplateError(parsed.errors[0].message);
  const statics: string[] = [''];
  const slots: Slot[] = [];
  const addText = (t: string): void => {
    statics[statics.length - 1] += t;
  };
  for (const part of parsed.parts) {
    if (part.kind === 'text') {
      addText(part.text);
      continue;
    }
    const ref: RefKind = part.ref;
    if (ref === 'vu' || ref === 'iteration' || ref === 'uuid' || ref === 'prompt' || ref === 'request') {
      slots.push(ref);
      statics.push('');
      continue;
    }
    const name = part.name ?? '';
    if (ref === 'var') {
      const v = values.vars[name] ?? part.fallback;
      if (v === undefined) throw new TemplateError(`\${var:${name}} is not defined under variables.`);
      if (depth >= MAX_VAR_DEPTH) throw new TemplateError(`\${var:${name}} refers to itself.`);
      // A variable's value is itself a template; splice its compiled parts in.
      const inner = compile(v, values, false, depth + 1);
      addText(json ? escapeJson(inner.statics[0]) : inner.statics[0]);
      for (let i = 0; i < inner.slots.length; i++) {
        slots.push(inner.slots[i]);
        statics.push(json ? escapeJson(inner.statics[i + 1]) : inner.statics[i + 1]);
      }
      continue;
    }
    const table = ref === 'env' ? values.env : ref === 'dotenv' ? values.dotenv : values.secrets;
    const v = table[name] ?? part.fallback;
    if (v === undefined) {
      const where =
        ref === 'secret'
          ? 'no secret of that name is set'
          : ref === 'env'
            ? 'the environment variable is not set and has no default'
            : 'the .env file has no such entry';
      throw new TemplateError(`\${${ref}:${name}} cannot be resolved: ${where}.`);
    }
    addText(json ? escapeJson(v) : v);
  }
  return { statics, slots, json, constant: slots.length === 0 ? statics[0] : null };
}

/** Fills a compiled template for one request. */
export function fill(c: Compiled, ctx: RequestContext): string {
  if (c.constant !== null) return c.constant;
  let out = c.statics[0];
  for (let i = 0; i < c.slots.length; i++) {
    const slot = c.slots[i];
    let v: string;
    switch (slot) {
      case 'vu':
        v = String(ctx.vu);
        break;
      case 'iteration':
        v = String(ctx.iteration);
        break;
      case 'uuid':
        v = randomUUID();
        break;
      case 'prompt':
        v = ctx.prompt;
        break;
      default:
        v = ctx.request;
    }
    out += (c.json ? escapeJson(v) : v) + c.statics[i + 1];
  }
  return out;
}
