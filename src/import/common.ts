// What every importer shares: captured HTTP requests (one per recorded or written call, with
// references already in scenario syntax) become one scenario file. Here the origin becomes
// `target.baseUrl`, AI calls become dialects, credentials become `${secret:…}` references, and
// browser noise is dropped. Each importer only has to read its own format.
import { stringify } from 'yaml';

/** A scenario file's text and what could not be carried over. */
export interface ImportResult {
  text: string;
  warnings: string[];
}

/** One HTTP call as an importer read it. URL, headers and body may hold `${…}` references. */
export interface CapturedRequest {
  /** A name given in the source (REST Client `# @name`, a Postman item). */
  name?: string;
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body?: string;
  /** HAR: the recorded status, to check for it. */
  status?: number;
}

/** How the requests become one scenario. */
export interface BuildOptions {
  name: string;
  /** Said in the file's first comment, e.g. "a HAR recording". */
  from: string;
  /** HAR: identical endpoints fold into one request weighted by count; other formats keep each request. */
  group: boolean;
  variables?: Record<string, string>;
  /** The load block; a short constant rate when absent. */
  load?: Record<string, unknown>;
  warnings: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Browser, transport and hop-by-hop headers: the engine sets its own, and none of them is the API's. */
const DROPPED_HEADERS =
  /^(:.*|host|content-length|connection|keep-alive|transfer-encoding|accept-encoding|accept-language|origin|referer|user-agent|sec-.*|priority|pragma|cache-control|upgrade-insecure-requests|dnt|te|if-none-match|if-modified-since)$/i;
/** Headers whose value is a credential: never written to the scenario, always a secret reference. */
const CREDENTIAL_HEADERS = /^(authorization|proxy-authorization|x-api-key|api-key|.*(key|token|secret).*)$/i;
/** What the dialects send themselves. */
const DIALECT_HEADERS = /^(content-type|accept|anthropic-version)$/i;

/** A template that holds only run-time inputs (env, secret, dotenv) around an optional scheme word carries no literal credential. */
const ONLY_INPUTS = /^(?:(?:Bearer|Basic|Token)\s+)?(?:\$\{(?:env|secret|dotenv):[^}]+\})+$/i;

export const DEFAULT_LOAD = { executor: 'constant-arrival-rate', rate: '1/s', duration: '1m' };

interface Endpoint {
  name?: string;
  method: string;
  path: string;
  api: string;
  headers: Record<string, string>;
  model?: string;
  stream?: boolean;
  maxTokens?: number;
  temperature?: number;
  system?: string;
  prompt?: string;
  body?: unknown;
  status?: number;
}

/** A literal `${` of the source written so the scenario reads it as text, not as a reference. */
export function escapeRefs(s: string): string {
  return s.replace(/\$\{/g, () => '$${');
}

/** Splits an absolute URL (or one that starts with a reference) into origin and path. */
export function splitUrl(url: string): { origin: string; path: string } | undefined {
  const abs = /^(https?:\/\/[^/?#]+)(.*)$/i.exec(url);
  if (abs) return { origin: abs[1], path: abs[2] || '/' };
  const ref = /^(\$\{[^}]+\})(.*)$/.exec(url);
  if (ref) return { origin: ref[1], path: ref[2] || '/' };
  return undefined;
}

/** Recognises OpenAI and Anthropic calls by path and body; anything else stays `raw`. */
function dialect(method: string, path: string, body: unknown, headers: Array<[string, string]>): string {
  if (method !== 'POST' || !isObj(body)) return 'raw';
  const p = path.split('?')[0];
  if (/\/chat\/completions$/.test(p) && Array.isArray(body.messages)) return 'openai-chat';
  if (/\/completions$/.test(p) && body.prompt !== undefined) return 'openai-completions';
  if (/\/embeddings$/.test(p) && body.input !== undefined) return 'openai-embeddings';
  const anthropicHeader = headers.some(([n]) => /^anthropic-version$/i.test(n));
  if (/\/messages$/.test(p) && Array.isArray(body.messages) && (anthropicHeader || typeof body.max_tokens === 'number'))
    return 'anthropic-messages';
  return 'raw';
}

const DEFAULT_PATHS: Record<string, string> = {
  'openai-chat': '/v1/chat/completions',
  'openai-completions': '/v1/completions',
  'openai-embeddings': '/v1/embeddings',
  'anthropic-messages': '/v1/messages',
};
const CONSUMED: Record<string, string[]> = {
  'openai-chat': [
    'model',
    'messages',
    'stream',
    'max_tokens',
    'max_completion_tokens',
    'temperature',
    'stream_options',
  ],
  'openai-completions': ['model', 'prompt', 'stream', 'max_tokens', 'temperature', 'stream_options'],
  'openai-embeddings': ['model', 'input'],
  'anthropic-messages': ['model', 'messages', 'stream', 'max_tokens', 'temperature', 'system'],
};

/** The text of a message's content: a string, or the text parts of a content array. */
function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const texts = content
    .filter((c): c is Obj => isObj(c) && c.type === 'text' && typeof c.text === 'string')
    .map((c) => c.text as string);
  return texts.length ? texts.join('\n') : undefined;
}

/** Model, stream, max tokens, system and the last user message as the prompt; what is left stays in `body`. */
function aiFields(api: string, body: Obj, e: Endpoint, warnings: string[], where: string): void {
  if (typeof body.model === 'string') e.model = body.model;
  if (body.stream === true) e.stream = true;
  const max = body.max_tokens ?? body.max_completion_tokens;
  if (typeof max === 'number' && Number.isInteger(max) && max > 0) e.maxTokens = max;
  if (typeof body.temperature === 'number') e.temperature = body.temperature;
  if (api === 'openai-chat' || api === 'anthropic-messages') {
    const messages = (body.messages as unknown[]).filter(isObj);
    const system =
      api === 'anthropic-messages'
        ? contentText(body.system)
        : messages
            .filter((m) => m.role === 'system' || m.role === 'developer')
            .map((m) => contentText(m.content))
            .find((t) => t !== undefined);
    if (system !== undefined) e.system = system;
    const users = messages.filter((m) => m.role === 'user');
    const last = users.length ? contentText(users[users.length - 1].content) : undefined;
    if (last !== undefined) e.prompt = last;
    const others =
      messages.filter((m) => m.role !== 'system' && m.role !== 'developer').length - (last !== undefined ? 1 : 0);
    if (others > 0)
      warnings.push(
        `${where}: only the last user message became the prompt; ${others} earlier message(s) of the conversation were not carried over.`,
      );
  } else if (api === 'openai-completions') {
    const p = Array.isArray(body.prompt) ? body.prompt[0] : body.prompt;
    if (typeof p === 'string') e.prompt = p;
  } else if (api === 'openai-embeddings') {
    const p = Array.isArray(body.input) ? body.input[0] : body.input;
    if (typeof p === 'string') e.prompt = p;
  }
  const rest = Object.fromEntries(Object.entries(body).filter(([k]) => !CONSUMED[api].includes(k)));
  if (Object.keys(rest).length) e.body = rest;
}

/** Credentials become `${secret:…}` references; the literal value is never kept. */
function credential(
  name: string,
  value: string,
  warnings: string[],
  where: string,
  varsInSecrets: Set<string>,
  variables: Record<string, string> = {},
): string {
  if (ONLY_INPUTS.test(expandVars(value, variables))) return value;
  const scheme = /^(Bearer|Basic|Token)\s+/i.exec(value)?.[0] ?? '';
  const secret = /^(proxy-)?authorization$/i.test(name)
    ? 'gateway-key'
    : name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  for (const m of value.matchAll(/\$\{var:([^}:]+)\}/g)) varsInSecrets.add(m[1]);
  warnings.push(
    `${where}: the ${name} header's value was not copied: it reads \${secret:${secret}} (store it with "Gateway Load: Set API Key", or GATEWAY_LOAD_SECRET_${secret.toUpperCase().replace(/[^A-Z0-9]/g, '_')} for the CLI).`,
  );
  return `${scheme}\${secret:${secret}}`;
}

/** `${var:x}` replaced by the variable's value, a few levels deep (variables may reference variables). */
function expandVars(value: string, variables: Record<string, string>, depth = 0): string {
  if (depth > 4) return value;
  return value.replace(/\$\{var:([^}:]+)\}/g, (whole, n: string) =>
    variables[n] !== undefined ? expandVars(variables[n], variables, depth + 1) : whole,
  );
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/\$\{[^}]*\}/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

const DIALECT_NAMES: Record<string, string> = {
  'openai-chat': 'chat',
  'openai-completions': 'completions',
  'openai-embeddings': 'embeddings',
  'anthropic-messages': 'messages',
};

/** Turns captured requests into a scenario file's text. Throws when none is usable. */
export function buildScenario(captured: readonly CapturedRequest[], opts: BuildOptions): ImportResult {
  const warnings = opts.warnings;
  const origins = new Map<string, number>();
  const split = captured.map((c) => splitUrl(c.url));
  split.forEach((s, i) => {
    if (s) origins.set(s.origin, (origins.get(s.origin) ?? 0) + 1);
    else warnings.push(`${captured[i].method} ${captured[i].url}: not an absolute http(s) URL; skipped.`);
  });
  if (origins.size === 0) throw new Error('no request with an http(s) URL to import');
  const baseUrl = [...origins.entries()].sort((a, b) => b[1] - a[1])[0][0];
  if (origins.size > 1)
    warnings.push(
      `Requests to other origins than ${baseUrl} were skipped: ${[...origins.keys()].filter((o) => o !== baseUrl).join(', ')} (a scenario targets one gateway).`,
    );

  const varsInSecrets = new Set<string>();
  const dropped = new Set<string>();
  const endpoints: Array<{ e: Endpoint; key: string; count: number; prompts: string[]; models: Map<string, number> }> =
    [];
  captured.forEach((c, i) => {
    const s = split[i];
    if (!s || s.origin !== baseUrl) return;
    const method = c.method.toUpperCase();
    const where = c.name ? `request ${c.name}` : `${method} ${s.path}`;
    let json: unknown;
    if (c.body !== undefined && c.body.trim() !== '') {
      try {
        json = JSON.parse(c.body);
      } catch {
        json = undefined;
      }
    }
    const api = dialect(method, s.path, json, c.headers);
    const e: Endpoint = { name: c.name, method, path: s.path, api, headers: {}, status: c.status };
    for (const [name, value] of c.headers) {
      if (DROPPED_HEADERS.test(name)) continue;
      if (/^cookie$/i.test(name)) {
        dropped.add('Cookie');
        continue;
      }
      if (api !== 'raw' && DIALECT_HEADERS.test(name)) continue;
      if (/^content-type$/i.test(name) && json !== undefined) continue;
      e.headers[canonical(name)] = CREDENTIAL_HEADERS.test(name)
        ? credential(canonical(name), value, warnings, where, varsInSecrets, opts.variables)
        : value;
    }
    if (api !== 'raw') aiFields(api, json as Obj, e, warnings, where);
    else if (json !== undefined) e.body = json;
    else if (c.body !== undefined && c.body.trim() !== '') e.body = c.body;
    const key = JSON.stringify([method, s.path.split('?')[0], api, e.stream ?? false]);
    const same = opts.group ? endpoints.find((x) => x.key === key) : undefined;
    if (same) {
      same.count++;
      if (e.prompt !== undefined && !same.prompts.includes(e.prompt)) same.prompts.push(e.prompt);
      if (e.model) same.models.set(e.model, (same.models.get(e.model) ?? 0) + 1);
      if (api === 'raw' && JSON.stringify(e.body) !== JSON.stringify(same.e.body))
        warnings.push(`${where}: calls with different bodies were folded into one request with the first call's body.`);
      if (same.e.status !== e.status) same.e.status = undefined;
      return;
    }
    endpoints.push({
      e,
      key,
      count: 1,
      prompts: e.prompt !== undefined ? [e.prompt] : [],
      models: new Map(e.model ? [[e.model, 1]] : []),
    });
  });
  if (endpoints.length === 0) throw new Error('no API request left to import');
  if (dropped.size)
    warnings.push(
      `${[...dropped].join(', ')} headers were dropped: they carry a browser session, not an API credential.`,
    );

  const names = new Set<string>();
  const requests = endpoints.map(({ e, count, prompts, models }) => {
    if (models.size > 1) {
      const top = [...models.entries()].sort((a, b) => b[1] - a[1])[0][0];
      warnings.push(
        `${e.method} ${e.path}: the calls used ${models.size} models; the most frequent one (${top}) was kept.`,
      );
      e.model = top;
    }
    let name =
      slug(e.name ?? '') ||
      (e.api !== 'raw'
        ? `${DIALECT_NAMES[e.api]}${e.stream ? '-stream' : ''}`
        : slug(`${e.method} ${e.path.split('?')[0]}`) || 'request');
    for (let n = 2; names.has(name); n++) name = `${name.replace(/-\d+$/, '')}-${n}`;
    names.add(name);
    const r: Obj = { name };
    if (opts.group) r.weight = count;
    r.api = e.api;
    if (e.api === 'raw') r.method = e.method;
    if (e.api === 'raw' || e.path !== DEFAULT_PATHS[e.api]) r.path = e.path;
    if (e.model !== undefined) r.model = e.model;
    if (e.stream) r.stream = true;
    if (e.maxTokens !== undefined) r.maxTokens = e.maxTokens;
    if (e.temperature !== undefined) r.temperature = e.temperature;
    if (e.system !== undefined) r.system = e.system;
    if (prompts.length === 1) r.prompt = prompts[0];
    else if (prompts.length > 1) r.prompt = prompts;
    r.headers = e.headers;
    if (e.body !== undefined) r.body = e.body;
    if (e.status !== undefined && e.status >= 200 && e.status < 400) r.checks = [`status == ${e.status}`];
    return r;
  });

  // Headers every request sends alike belong to the target.
  const shared: Record<string, string> = {};
  const first = requests[0].headers as Record<string, string>;
  for (const [h, v] of Object.entries(first)) {
    if (requests.every((r) => (r.headers as Record<string, string>)[h] === v)) shared[h] = v;
  }
  for (const r of requests) {
    const own = r.headers as Record<string, string>;
    for (const h of Object.keys(shared)) delete own[h];
    if (Object.keys(own).length === 0) delete r.headers;
  }
  // Put `headers` after the dialect fields but before the body, in the order a reader expects.
  const ordered = requests.map((r) =>
    reorder(r, [
      'name',
      'weight',
      'api',
      'method',
      'path',
      'model',
      'stream',
      'maxTokens',
      'temperature',
      'system',
      'prompt',
      'headers',
      'body',
      'checks',
    ]),
  );

  let variables = opts.variables;
  if (variables && varsInSecrets.size) {
    const text = JSON.stringify({ ordered, shared, baseUrl });
    variables = Object.fromEntries(
      Object.entries(variables).filter(([k]) => !varsInSecrets.has(k) || text.includes(`\${var:${k}}`)),
    );
    const gone = [...varsInSecrets].filter((k) => opts.variables?.[k] !== undefined && variables?.[k] === undefined);
    if (gone.length) warnings.push(`Variable(s) ${gone.join(', ')} held a credential and were not copied.`);
  }
  const scenario: Obj = {
    name: opts.name,
    target: { baseUrl, ...(Object.keys(shared).length ? { headers: shared } : {}) },
    load: opts.load ?? DEFAULT_LOAD,
    requests: ordered,
    thresholds: { http_req_failed: ['rate < 0.01'] },
    ...(variables && Object.keys(variables).length ? { variables } : {}),
  };
  // The same note for every call of an endpoint says nothing more the second time.
  const unique = [...new Set(warnings)];
  warnings.splice(0, warnings.length, ...unique);
  const header = [
    `# Imported from ${opts.from} by gateway-load import.`,
    ...warnings.map((w) => `# note: ${w.replace(/\n/g, ' ')}`),
  ].join('\n');
  return { text: `${header}\n${stringify(scenario, { lineWidth: 0 })}`, warnings };
}

function reorder(o: Obj, keys: string[]): Obj {
  const out: Obj = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** `content-type` → `Content-Type`: how the files users write spell headers. */
function canonical(name: string): string {
  return name
    .split('-')
    .map((p) => (p ? p[0].toUpperCase() + p.slice(1).toLowerCase() : p))
    .join('-');
}

/** A rate as the scenario format writes it: `/s` from 1 per second up, `/min` below. */
export function formatRate(perSecond: number): string {
  if (perSecond >= 1) return `${Math.round(perSecond * 100) / 100}/s`;
  return `${Math.max(1, Math.round(perSecond * 60 * 10) / 10)}/min`;
}
