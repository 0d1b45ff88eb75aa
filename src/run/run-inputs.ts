// The values a run needs from outside the scenario, for the editor and the CLI alike: which
// `${env:…}`, `${secret:…}` and `${dotenv:…}` names it references, a simple `.env` reader, the
// CLI's lookup of those values, and filling a template for the editor's confirmation (the engine
// fills templates itself during the run). Only referenced values are passed on, so only they are redacted.

import { parseTemplate } from '../scenario/references';
import { MAX_VAR_DEPTH } from '../scenario/base-url';
import { existsSync, readFileSync } from 'node:fs';
import type { Scenario } from '../scenario/model';

/** The names a scenario references, by source. */
export interface ReferencedNames {
  env: string[];
  secret: string[];
  dotenv: string[];
}

/** Names referenced anywhere in the scenario's strings (headers, body, prompts, variables, …), sorted, each once. */
export function referencedNames(scenario: Scenario): ReferencedNames {
  const found = { env: new Set<string>(), secret: new Set<string>(), dotenv: new Set<string>() };
  walkStrings(scenario, (s) => {
    if (!s.includes('${')) return;
    for (const part of parseTemplate(s).parts) {
      if (part.kind === 'ref' && part.name && (part.ref === 'env' || part.ref === 'secret' || part.ref === 'dotenv')) {
        found[part.ref].add(part.name);
      }
    }
  });
  return { env: [...found.env].sort(), secret: [...found.secret].sort(), dotenv: [...found.dotenv].sort() };
}

function walkStrings(value: unknown, visit: (s: string) => void, depth = 0): void {
  if (depth > 64) return;
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const v of value) walkStrings(v, visit, depth + 1);
  else if (typeof value === 'object' && value !== null)
    for (const v of Object.values(value)) walkStrings(v, visit, depth + 1);
}

/** The names whose references have no default and no value: the run cannot fill them. */
export function missingNames(
  scenario: Scenario,
  values: Record<string, string>,
  kind: 'env' | 'dotenv' | 'secret',
): string[] {
  const missing = new Set<string>();
  walkStrings(scenario, (s) => {
    if (!s.includes('${')) return;
    for (const part of parseTemplate(s).parts) {
      if (
        part.kind === 'ref' &&
        part.ref === kind &&
        part.name &&
        part.fallback === undefined &&
        values[part.name] === undefined
      ) {
        missing.add(part.name);
      }
    }
  });
  return [...missing].sort();
}

/**
 * Parses a `.env` file the simple way: `KEY=value` lines, optional `export `, `#` comments,
 * single quotes literal, double quotes with `\n` `\t` `\"` `\\` escapes, and an unquoted value's
 * trailing ` # comment` dropped. Later lines win.
 */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    out[m[1]] = dotenvValue(m[2]);
  }
  return out;
}

function dotenvValue(v: string): string {
  if (v.startsWith("'")) {
    const end = v.indexOf("'", 1);
    return end < 0 ? v.slice(1) : v.slice(1, end);
  }
  if (v.startsWith('"')) {
    let s = '';
    for (let i = 1; i < v.length; i++) {
      const c = v[i];
      if (c === '"') return s;
      if (c === '\\' && i + 1 < v.length) {
        const n = v[++i];
        s += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
      } else s += c;
    }
    return s;
  }
  const hash = v.search(/\s#/);
  return (hash < 0 ? v : v.slice(0, hash)).trim();
}

/** Values a template can draw on outside the engine. */
export interface TemplateValues {
  env: Record<string, string>;
  dotenv: Record<string, string>;
  secrets: Record<string, string>;
  variables: Record<string, string>;
}

/** Fills `${env|dotenv|secret|var:…}` references (defaults apply); per-request ones (`${vu}`, …) become empty. Display only: the origin a run may reach comes from `resolveBaseUrl`. */
export function fillTemplate(template: string, values: TemplateValues, depth = 0): string {
  if (!template.includes('${')) return template;
  let out = '';
  for (const part of parseTemplate(template).parts) {
    if (part.kind === 'text') {
      out += part.text;
      continue;
    }
    const name = part.name ?? '';
    let value: string | undefined;
    if (part.ref === 'env') value = values.env[name];
    else if (part.ref === 'dotenv') value = values.dotenv[name];
    else if (part.ref === 'secret') value = values.secrets[name];
    else if (part.ref === 'var') {
      const v = values.variables[name];
      value = v === undefined || depth >= MAX_VAR_DEPTH ? v : fillTemplate(v, values, depth + 1);
    }
    out += value ?? part.fallback ?? '';
  }
  return out;
}

/** The environment variable a CLI secret is read from first: `${secret:gateway-key}` → `GATEWAY_LOAD_SECRET_GATEWAY_KEY`. */
export function secretEnvName(name: string): string {
  return `GATEWAY_LOAD_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** The CLI's values: from `env` (the process environment) and the `.env` file at `dotenvPath`; `missing` names what has no value and no default. */
export function resolveInputs(
  scenario: Scenario,
  env: NodeJS.ProcessEnv,
  dotenvPath: string | undefined,
): { env: Record<string, string>; dotenv: Record<string, string>; secrets: Record<string, string>; missing: string[] } {
  const names = referencedNames(scenario);
  const file = dotenvPath && existsSync(dotenvPath) ? parseDotenv(readFileSync(dotenvPath, 'utf8')) : {};
  const out = {
    env: {} as Record<string, string>,
    dotenv: {} as Record<string, string>,
    secrets: {} as Record<string, string>,
  };
  for (const n of names.env) if (env[n] !== undefined) out.env[n] = env[n] as string;
  for (const n of names.dotenv) if (file[n] !== undefined) out.dotenv[n] = file[n];
  for (const n of names.secret) {
    const v = env[secretEnvName(n)] ?? env[n] ?? file[n];
    if (v !== undefined) out.secrets[n] = v;
  }
  const missing = [
    ...missingNames(scenario, out.env, 'env').map((n) => `\${env:${n}}`),
    ...missingNames(scenario, out.dotenv, 'dotenv').map((n) => `\${dotenv:${n}}`),
    ...missingNames(scenario, out.secrets, 'secret').map((n) => `\${secret:${n}} (set ${secretEnvName(n)} or ${n})`),
  ];
  return { ...out, missing };
}
