// Turns the scenario's requests into compiled requests once per run: URL, headers and body
// are templates filled per request from a few precomputed strings. The weighted mix, prompt
// pick and API-key rotation happen here too.
import type { Check, RequestSpec, Scenario } from '../scenario/model';
import { buildBody, defaultPath, dialectHeaders } from './ai';
import { loadPrompts, type PromptPicker } from './prompts';
import { compile, fill, TemplateError, type Compiled, type RequestContext, type TemplateValues } from './templates';

/** Stands for the prompt while a dialect builds the body once; replaced by a `${prompt}` slot. */
const PROMPT_MARK = 'GL_PROMPT_SLOT_5f1c2e';

/** One request of the mix, ready to fill. */
export interface CompiledRequest {
  index: number;
  name: string;
  spec: RequestSpec;
  method: string;
  path: Compiled;
  /** Header arrays (`[name, value, …]`) per API key, or one array when there are no keys; null when headers vary per request. */
  fixedHeaders: string[][] | null;
  headers: Array<[string, Compiled]>;
  keys: Compiled[];
  keyHeader: string;
  keyPrefix: string;
  body: Compiled | null;
  prompt: PromptPicker;
  checks: Check[];
  /** The response body must be kept (a check reads it). */
  needBody: boolean;
  /** A prompt is picked per request (the body had slots before a single prompt was folded in). */
  pickPrompt: boolean;
  /** Per API key, the request already built when nothing in it varies per request; else null. */
  prebuilt: BuiltRequest[] | null;
}

/** What one request sends; `bytes` is the body encoded once, for requests built once per run. */
export interface BuiltRequest { method: string; path: string; headers: string[]; body: string | null; bytes?: Buffer }

/** The compiled request mix of a run. */
export interface CompiledMix { origin: string; requests: CompiledRequest[]; pick: () => CompiledRequest }

/** Compiles the whole mix; throws `TemplateError` (or a prompt-file error) when a reference cannot be filled. */
export function compileMix(scenario: Scenario, values: TemplateValues): CompiledMix {
  const base = compile(scenario.target.baseUrl, values);
  if (base.constant === null) throw new TemplateError('target.baseUrl cannot use per-request references (${vu}, ${iteration}, ${uuid}, ${prompt}).');
  let url: URL;
  try {
    url = new URL(base.constant);
  } catch {
    throw new TemplateError(`target.baseUrl is not a valid URL after filling its references.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TemplateError(`target.baseUrl must be http or https, not ${url.protocol}`);
  const prefix = url.pathname.replace(/\/+$/, '');
  if (scenario.requests.length === 0) throw new TemplateError('The scenario has no requests to send.');
  const keys = scenario.target.apiKeys.map((k) => compile(k, values));
  const requests = scenario.requests.map((spec, index) => compileRequest(spec, index, scenario, values, prefix, keys));
  return { origin: url.origin, requests, pick: weightedPicker(requests) };
}

function compileRequest(spec: RequestSpec, index: number, scenario: Scenario, values: TemplateValues, prefix: string, keys: Compiled[]): CompiledRequest {
  const rawPath = spec.path || defaultPath(spec.api);
  const path = compile(prefix + (rawPath.startsWith('/') ? rawPath : '/' + rawPath), values);
  let body: Compiled | null = null;
  if (spec.api === 'raw') {
    if (spec.body !== undefined && spec.body !== null) body = typeof spec.body === 'string' ? compile(spec.body, values) : compile(JSON.stringify(spec.body), values, true);
  } else {
    const text = JSON.stringify(buildBody(spec, PROMPT_MARK, spec.body));
    body = compile(text.split(PROMPT_MARK).join('${prompt}'), values, true);
  }
  const prompt = loadPrompts(spec.prompt);
  const pickPrompt = body !== null && body.constant === null;
  // One prompt for the whole run: fold it in now rather than escape and join it per request.
  if (body && body.constant === null && prompt.only !== undefined && body.slots.every((sl) => sl === 'prompt' || sl === 'request')) {
    const text = fill(body, { vu: 0, iteration: 0, prompt: prompt.only, request: spec.name });
    body = { statics: [text], slots: [], json: true, constant: text };
  }
  const merged = new Map<string, [string, string]>();
  const put = (name: string, value: string): void => { merged.set(name.toLowerCase(), [name, value]); };
  if (body) put('content-type', 'application/json');
  for (const [k, v] of Object.entries(dialectHeaders(spec.api))) put(k, v);
  for (const [k, v] of Object.entries(scenario.target.headers)) put(k, v);
  for (const [k, v] of Object.entries(spec.headers)) put(k, v);
  const keyHeader = (scenario.target.apiKeyHeader ?? 'authorization').toLowerCase();
  const keyPrefix = scenario.target.apiKeyHeader ? '' : 'Bearer ';
  if (keys.length) merged.delete(keyHeader);
  const headers: Array<[string, Compiled]> = [...merged.values()].map(([k, v]) => [k, compile(v, values)]);
  let fixedHeaders: string[][] | null = null;
  if (headers.every(([, c]) => c.constant !== null) && keys.every((k) => k.constant !== null)) {
    const flat = headers.flatMap(([k, c]) => [k, c.constant as string]);
    fixedHeaders = keys.length ? keys.map((k) => [...flat, keyHeader, keyPrefix + (k.constant as string)]) : [flat];
  }
  const needBody = spec.checks.some((c) => c.subject === 'body');
  const method = spec.method || (body ? 'POST' : 'GET');
  let prebuilt: BuiltRequest[] | null = null;
  if (fixedHeaders && path.constant !== null && (body === null || body.constant !== null)) {
    // The same request every time: built and encoded once (undici would encode a string body per request).
    const text = body ? body.constant : null;
    const bytes = text === null ? undefined : Buffer.from(text);
    prebuilt = fixedHeaders.map((h) => ({ method, path: path.constant as string, headers: h, body: text, bytes }));
  }
  return { index, name: spec.name, spec, method, path, fixedHeaders, headers, keys, keyHeader, keyPrefix, body, prompt, checks: spec.checks, needBody, pickPrompt, prebuilt };
}

/** Fills one request for a virtual user and iteration; API keys rotate per VU. */
export function buildRequest(r: CompiledRequest, vu: number, iteration: number): BuiltRequest {
  if (r.prebuilt) return r.prebuilt[r.keys.length ? (vu - 1) % r.keys.length : 0];
  const ctx: RequestContext = { vu, iteration, prompt: r.pickPrompt ? r.prompt() : '', request: r.name };
  const keyIndex = r.keys.length ? (vu - 1) % r.keys.length : 0;
  let headers: string[];
  if (r.fixedHeaders) headers = r.fixedHeaders[keyIndex];
  else {
    headers = [];
    for (const [k, c] of r.headers) headers.push(k, fill(c, ctx));
    if (r.keys.length) headers.push(r.keyHeader, r.keyPrefix + fill(r.keys[keyIndex], ctx));
  }
  return { method: r.method, path: fill(r.path, ctx), headers, body: r.body ? fill(r.body, ctx) : null };
}

function weightedPicker(requests: CompiledRequest[]): () => CompiledRequest {
  if (requests.length === 1) return () => requests[0];
  const cum: number[] = [];
  let total = 0;
  for (const r of requests) { total += Math.max(0, r.spec.weight); cum.push(total); }
  if (total <= 0) return () => requests[0];
  return () => {
    const x = Math.random() * total;
    for (let i = 0; i < cum.length; i++) if (x < cum[i]) return requests[i];
    return requests[requests.length - 1];
  };
}
