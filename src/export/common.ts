// What both exporters share: translating `${…}` references into the target tool's lookups,
// naming environment variables, reading prompts, and collecting what cannot be expressed.

import { readPromptFile } from '../dialects/prompts';
import { TokenPrompts } from '../dialects/token-prompts';
import type { PromptSource, RequestSpec, Scenario } from '../scenario/model';
import { parseTemplate, type TemplatePart } from '../scenario/references';

/** One exported file: the main script or a sidecar (prompts, processor). */
export interface ExportedFile {
  path: string;
  content: string;
}

/** The result of an export: files to write and what the target tool cannot express. */
export interface ExportResult {
  files: ExportedFile[];
  warnings: string[];
  envVars: EnvVar[];
}

/** An environment variable the exported script reads, and why. */
export interface EnvVar {
  name: string;
  from: string;
  fallback?: string;
}

/** Environment variable names cannot hold '-' or '.': `gateway-key` → `GATEWAY_KEY`. */
export function envName(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_').toUpperCase();
}

/** How one target tool spells each reference; `undefined` means it has no equivalent. */
export interface RefSyntax {
  env(name: string, fallback?: string): string;
  variable(name: string): string;
  uuid(): string | undefined;
  vu(): string | undefined;
  iteration(): string | undefined;
  prompt(): string;
}

/** Collects warnings once each, in the order met. */
export class Warnings {
  private readonly seen = new Set<string>();
  readonly list: string[] = [];
  add(message: string): void {
    if (this.seen.has(message)) return;
    this.seen.add(message);
    this.list.push(message);
  }
}

/** Tracks the environment variables a script reads. */
export class EnvVars {
  private readonly byName = new Map<string, EnvVar>();
  use(name: string, from: string, fallback?: string): string {
    const env = envName(name);
    if (!this.byName.has(env)) this.byName.set(env, { name: env, from, fallback });
    return env;
  }
  get list(): EnvVar[] {
    return [...this.byName.values()];
  }
}

/**
 * Rewrites one template string for the target tool. Secrets become environment lookups (never
 * inlined); what has no equivalent is kept as written and reported.
 */
export function translateTemplate(
  input: string,
  syntax: RefSyntax,
  env: EnvVars,
  warnings: Warnings,
  tool: string,
): string {
  const { parts } = parseTemplate(input);
  return parts.map((part) => translatePart(part, syntax, env, warnings, tool)).join('');
}

function translatePart(part: TemplatePart, syntax: RefSyntax, env: EnvVars, warnings: Warnings, tool: string): string {
  if (part.kind === 'text') return part.text;
  const name = part.name ?? '';
  switch (part.ref) {
    case 'env':
      return syntax.env(env.use(name, `\${env:${name}}`, part.fallback), part.fallback);
    case 'dotenv':
      return syntax.env(env.use(name, `\${dotenv:${name}} (from .env)`, part.fallback), part.fallback);
    case 'secret':
      return syntax.env(env.use(name, `\${secret:${name}} (a secret: set it in the environment, never in the script)`));
    case 'var':
      return syntax.variable(name);
    case 'prompt':
      return syntax.prompt();
    case 'uuid':
      return syntax.uuid() ?? unsupported('${uuid}');
    case 'vu':
      return syntax.vu() ?? unsupported('${vu}');
    case 'iteration':
      return syntax.iteration() ?? unsupported('${iteration}');
    case 'request':
      return unsupported('${request}');
  }
  function unsupported(ref: string): string {
    warnings.add(`${ref} has no equivalent in ${tool}; it is left as written.`);
    return ref;
  }
}

/** Applies `translateTemplate` to every string inside a JSON value. */
export function translateDeep(value: unknown, translate: (s: string) => string): unknown {
  if (typeof value === 'string') return translate(value);
  if (Array.isArray(value)) return value.map((v) => translateDeep(v, translate));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, translateDeep(v, translate)]));
  }
  return value;
}

/** How many generated prompts an export carries for a `prompt: { tokens: … }` source. */
const EXPORTED_TOKEN_PROMPTS = 200;

/** The prompts of a source, read the way the engine reads them. */
export function loadPrompts(source: PromptSource): string[] {
  if (source.kind === 'tokens') {
    // Exporters take a fixed list: a sample of the prompts the engine would generate.
    const gen = new TokenPrompts(source, source.seed);
    return Array.from({ length: EXPORTED_TOKEN_PROMPTS }, () => gen.next().text);
  }
  return source.kind === 'inline' ? source.items : readPromptFile(source.path);
}

/**
 * The prompt source an export can carry: datasets are streamed by the engine and conversations
 * keep per-user state, neither of which a static script expresses, so both are warned about.
 */
export function exportablePrompt(
  request: RequestSpec,
  warnings: { add(w: string): void },
  tool: string,
): Exclude<PromptSource, { kind: 'dataset' }> | undefined {
  if (request.conversation)
    warnings.add(
      `${request.name}: conversations (growing context, turns, thinkTime) cannot be exported to ${tool}; each request is sent as a first turn.`,
    );
  const p = request.prompt;
  if (p?.kind !== 'dataset') return p;
  warnings.add(
    `${request.name}: datasets (${p.format}) cannot be carried to ${tool}; the request is sent without its dataset prompt.`,
  );
  return undefined;
}

/** Seconds as the target tools like them: whole numbers when possible. */
export function seconds(ms: number): number {
  return Math.round(ms / 10) / 100;
}

/** A duration in k6's notation (`90s`, `1500ms`). */
export function k6Duration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${Math.round(ms)}ms`;
}

/** The loopback or default origin a `${env:X:-default}` base URL falls back to, and the variable it reads. */
export function splitBaseUrl(scenario: Scenario): { fallback: string; envVar?: string } {
  const { parts } = parseTemplate(scenario.target.baseUrl);
  if (parts.length === 1 && parts[0].kind === 'ref' && (parts[0].ref === 'env' || parts[0].ref === 'dotenv')) {
    return { fallback: parts[0].fallback ?? '', envVar: parts[0].name ? envName(parts[0].name) : undefined };
  }
  return { fallback: scenario.target.baseUrl };
}

/** Comment lines listing what the export could not express and the variables to set. */
export function headerLines(tool: string, scenario: Scenario, warnings: string[], env: EnvVar[]): string[] {
  const lines = [
    `Exported by gateway-load from "${scenario.name}"${scenario.file ? ` (${scenario.file})` : ''} for ${tool}.`,
    'Edit the scenario and export again rather than editing this file.',
  ];
  if (env.length) {
    lines.push('', 'Environment variables to set:');
    for (const v of env)
      lines.push(`  ${v.name}: ${v.from}${v.fallback !== undefined ? ` (default ${v.fallback})` : ''}`);
  }
  if (warnings.length) {
    lines.push('', `Not expressible in ${tool} (differs from a gateway-load run):`);
    for (const w of warnings) lines.push(`  - ${w}`);
  }
  return lines;
}
