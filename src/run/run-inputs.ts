// Values a CLI run takes from outside the scenario: the `${env:…}`, `${dotenv:…}` and
// `${secret:…}` names a scenario references, filled from the process environment and a `.env`
// file. Only referenced values are passed on (and so only they are redacted).
import { existsSync, readFileSync } from 'node:fs';
import type { Scenario } from '../scenario/model';
import { parseTemplate } from '../scenario/template';

/** Names referenced anywhere in the scenario's strings, by source, each once. */
export function referencedNames(scenario: Scenario): { env: string[]; secret: string[]; dotenv: string[]; unresolvable: Array<{ kind: string; name: string }> } {
  const found = { env: new Set<string>(), secret: new Set<string>(), dotenv: new Set<string>() };
  const noFallback: Array<{ kind: 'env' | 'secret' | 'dotenv'; name: string }> = [];
  walk(scenario, (s) => {
    if (!s.includes('${')) return;
    for (const p of parseTemplate(s).parts) {
      if (p.kind !== 'ref' || !p.name || (p.ref !== 'env' && p.ref !== 'secret' && p.ref !== 'dotenv')) continue;
      found[p.ref].add(p.name);
      if (p.fallback === undefined) noFallback.push({ kind: p.ref, name: p.name });
    }
  });
  return { env: [...found.env], secret: [...found.secret], dotenv: [...found.dotenv], unresolvable: noFallback };
}

function walk(v: unknown, visit: (s: string) => void, depth = 0): void {
  if (depth > 64) return;
  if (typeof v === 'string') visit(v);
  else if (Array.isArray(v)) for (const x of v) walk(x, visit, depth + 1);
  else if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) walk(x, visit, depth + 1);
}

/** `KEY=value` lines, `export `, `#` comments, single or double quotes. */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*?)\s*$/.exec(raw);
    if (!m || raw.trim().startsWith('#')) continue;
    let v = m[2];
    if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.endsWith(v[0])) {
      v = v.slice(1, -1);
      if (m[2][0] === '"') v = v.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    } else v = v.replace(/\s+#.*$/, '');
    out[m[1]] = v;
  }
  return out;
}

/** The environment variable a CLI secret is read from first: `${secret:gateway-key}` → `GATEWAY_LOAD_SECRET_GATEWAY_KEY`. */
export function secretEnvName(name: string): string {
  return `GATEWAY_LOAD_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** Fills the referenced names from `env` (the process environment) and the `.env` file at `dotenvPath`. */
export function resolveInputs(scenario: Scenario, env: NodeJS.ProcessEnv, dotenvPath: string | undefined): { env: Record<string, string>; dotenv: Record<string, string>; secrets: Record<string, string>; missing: string[] } {
  const names = referencedNames(scenario);
  const file = dotenvPath && existsSync(dotenvPath) ? parseDotenv(readFileSync(dotenvPath, 'utf8')) : {};
  const out = { env: {} as Record<string, string>, dotenv: {} as Record<string, string>, secrets: {} as Record<string, string> };
  for (const n of names.env) if (env[n] !== undefined) out.env[n] = env[n] as string;
  for (const n of names.dotenv) if (file[n] !== undefined) out.dotenv[n] = file[n];
  for (const n of names.secret) {
    const v = env[secretEnvName(n)] ?? env[n] ?? file[n];
    if (v !== undefined) out.secrets[n] = v;
  }
  const missing = names.unresolvable.filter((u) => (u.kind === 'env' ? out.env : u.kind === 'dotenv' ? out.dotenv : out.secrets)[u.name] === undefined)
    .map((u) => u.kind === 'secret' ? `\${secret:${u.name}} (set ${secretEnvName(u.name)} or ${u.name})` : `\${${u.kind}:${u.name}}`);
  return { ...out, missing: [...new Set(missing)] };
}
