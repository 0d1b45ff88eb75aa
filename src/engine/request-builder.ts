// Turns the scenario's requests into compiled requests once per run: URL, headers and body
// are templates filled per request from a few precomputed strings. The weighted mix, prompt
// pick and API-key rotation happen here too.
import type { Check, RequestSpec, Scenario } from '../scenario/model';
import { buildBody, defaultPath, dialectHeaders } from '../dialects/body';
import { loadPrompts, type PromptPicker } from '../dialects/prompts';
import { refusal } from './request-check';
import { compile, fill, TemplateError, type Compiled, type RequestContext, type TemplateValues } from './expand';
import { resolveBaseUrl } from '../scenario/base-url';
import { LengthPlan, MAX_TOKENS_MARK, needsLengths, type LengthBody, type Lengths } from './length-plan';
import { ConversationPlan, needsConversation } from './conversation-plan';
import type { ConversationTurn } from './conversation';
import { PromptRepeater } from '../dialects/prompt-repeat';
import type { TokenPrompt } from '../dialects/token-prompts';

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
  /** Per API key, why undici would refuse the fixed headers (or a fixed path), or null when nothing is refused. */
  fixedRefused: Array<string | null> | null;
  /** Per-request input and output lengths (token prompts, maxTokens distributions, traces); else null. */
  lengths: LengthPlan | null;
  /** With `lengths`: the body split at its max_tokens marks. */
  lengthBody: LengthBody | null;
  /** Conversations (`conversation:`) and datasets: how turns are drawn and spliced; else null. */
  conversation: ConversationPlan | null;
  /** `prompt.repeat`: resends earlier prompts (of the length plan when it generates them); else null. */
  repeater: PromptRepeater<TokenPrompt | string | null> | null;
}

/** What one request sends; `bytes` is the body encoded once, for requests built once per run; `refused` says why undici would refuse it. */
export interface BuiltRequest {
  method: string;
  path: string;
  headers: string[];
  body: string | null;
  bytes?: Buffer;
  /** Planned input tokens of the prompt and max_tokens, when the request has a length plan. */
  plannedInput?: number;
  plannedOutput?: number;
  /** Shared-prefix group of the prompt (`prompt.prefix`). */
  group?: number;
  refused?: string;
  /** The conversation turn this request is. */
  turn?: ConversationTurn;
  /** With `prompt.repeat`: this request resends an earlier prompt. */
  repeat?: boolean;
}

/** The compiled request mix of a run. */
export interface CompiledMix {
  origin: string;
  requests: CompiledRequest[];
  pick: () => CompiledRequest;
  /** `baseUrl`'s prefix path (every request path starts with it). */
  prefix?: string;
  /** `target.direct`: its origin and the prefix that replaces `prefix` on the direct path. */
  direct?: { origin: string; prefix: string };
}

/** Compiles the whole mix; throws `TemplateError` (or a prompt-file error) when a reference cannot be filled. */
export function compileMix(scenario: Scenario, values: TemplateValues): CompiledMix {
  // The same resolver as the editor's gate: the origin confirmed there is the one computed here.
  const base = resolveBaseUrl(scenario.target.baseUrl, values);
  if (base.error !== undefined) throw new TemplateError(base.error);
  const url = new URL(base.url);
  const prefix = url.pathname.replace(/\/+$/, '');
  if (scenario.requests.length === 0) throw new TemplateError('The scenario has no requests to send.');
  const keys = scenario.target.apiKeys.map((k) => compile(k, values));
  const requests = scenario.requests.map((spec, index) => compileRequest(spec, index, scenario, values, prefix, keys));
  const mix: CompiledMix = { origin: url.origin, requests, pick: weightedPicker(requests), prefix };
  if (scenario.target.direct !== undefined) {
    const direct = resolveBaseUrl(scenario.target.direct, values);
    if (direct.error !== undefined) throw new TemplateError(`target.direct: ${direct.error}`);
    const d = new URL(direct.url);
    mix.direct = { origin: d.origin, prefix: d.pathname.replace(/\/+$/, '') };
  }
  return mix;
}

function compileRequest(
  spec: RequestSpec,
  index: number,
  scenario: Scenario,
  values: TemplateValues,
  prefix: string,
  keys: Compiled[],
): CompiledRequest {
  const rawPath = spec.path || defaultPath(spec.api);
  const path = compile(prefix + (rawPath.startsWith('/') ? rawPath : '/' + rawPath), values);
  let body: Compiled | null = null;
  const lengths = needsLengths(spec, scenario.load.trace !== undefined)
    ? new LengthPlan(spec, scenario.load.trace !== undefined)
    : null;
  if (lengths) {
    const marked: RequestSpec = lengths.outputSlot ? { ...spec, maxTokens: MAX_TOKENS_MARK } : spec;
    const text = JSON.stringify(
      buildBody(marked, PROMPT_MARK, { ...lengths.bodyFields(), ...(spec.body as object | undefined) }),
    );
    body = compile(text.split(PROMPT_MARK).join('${prompt}'), values, true);
  } else if (spec.api === 'raw') {
    if (spec.body !== undefined && spec.body !== null)
      body =
        typeof spec.body === 'string' ? compile(spec.body, values) : compile(JSON.stringify(spec.body), values, true);
  } else {
    const text = JSON.stringify(buildBody(spec, PROMPT_MARK, spec.body));
    body = compile(text.split(PROMPT_MARK).join('${prompt}'), values, true);
  }
  const prompt =
    spec.prompt?.kind === 'tokens' || spec.prompt?.kind === 'dataset'
      ? Object.assign(() => '', { only: undefined })
      : loadPrompts(spec.prompt);
  const pickPrompt = body !== null && body.constant === null;
  const conversation = needsConversation(spec) ? new ConversationPlan(spec, prompt) : null;
  // One prompt for the whole run: fold it in now rather than escape and join it per request.
  if (
    !conversation &&
    body &&
    body.constant === null &&
    prompt.only !== undefined &&
    !lengths?.generates &&
    body.slots.every((sl) => sl === 'prompt' || sl === 'request')
  ) {
    const text = fill(body, { vu: 0, iteration: 0, prompt: prompt.only, request: spec.name });
    body = { statics: [text], slots: [], json: true, constant: text };
  }
  const merged = new Map<string, [string, string]>();
  const put = (name: string, value: string): void => {
    merged.set(name.toLowerCase(), [name, value]);
  };
  if (body) put('content-type', 'application/json');
  for (const [k, v] of Object.entries(dialectHeaders(spec.api))) put(k, v);
  if (scenario.target.compression) put('accept-encoding', scenario.target.compression);
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
  if (
    !lengths &&
    !conversation &&
    fixedHeaders &&
    path.constant !== null &&
    (body === null || body.constant !== null)
  ) {
    // The same request every time: built and encoded once (undici would encode a string body per request).
    const text = body ? body.constant : null;
    const bytes = text === null ? undefined : Buffer.from(text);
    prebuilt = fixedHeaders.map((h) => {
      const b: BuiltRequest = { method, path: path.constant as string, headers: h, body: text, bytes };
      const why = refusal(b.path, h);
      if (why !== null) b.refused = why;
      return b;
    });
  }
  let fixedRefused: Array<string | null> | null = null;
  if (fixedHeaders) {
    const p = path.constant ?? '/';
    fixedRefused = fixedHeaders.map((h) => refusal(p, h));
    if (fixedRefused.every((x) => x === null)) fixedRefused = null;
  }
  return {
    index,
    name: spec.name,
    spec,
    method,
    path,
    fixedHeaders,
    headers,
    keys,
    keyHeader,
    keyPrefix,
    body,
    prompt,
    checks: spec.checks,
    needBody,
    pickPrompt,
    prebuilt,
    fixedRefused,
    lengths,
    lengthBody: lengths && body ? LengthPlan.splitBody(body) : null,
    conversation,
    repeater: spec.promptRepeat
      ? new PromptRepeater(spec.promptRepeat, (spec.prompt?.kind === 'tokens' ? spec.prompt.seed : 1) + index)
      : null,
  };
}

/**
 * Fills one request for a virtual user and iteration; API keys rotate per VU; a trace row may
 * give its lengths; a conversation gives its prompt (`prompt`).
 */
export function buildRequest(
  r: CompiledRequest,
  vu: number,
  iteration: number,
  given?: Lengths,
  prompt?: string,
): BuiltRequest {
  if (r.prebuilt) return r.prebuilt[r.keys.length ? (vu - 1) % r.keys.length : 0];
  // A conversation turn brings its own prompt: it is neither generated nor a repeat.
  const rep = prompt === undefined ? r.repeater : null;
  // A trace row's own input length is never a repeat; generated prompts repeat as a whole (text and length).
  const repeatGenerated = rep !== null && r.lengths !== null && r.lengths.generates && given?.input === undefined;
  const generated =
    r.lengths && prompt === undefined
      ? repeatGenerated
        ? (rep.pick(() => r.lengths!.prompt(undefined)) as TokenPrompt | null)
        : r.lengths.prompt(given?.input)
      : null;
  const ctx: RequestContext = {
    vu,
    iteration,
    prompt:
      prompt ??
      (generated
        ? generated.text
        : r.pickPrompt
          ? rep !== null && !repeatGenerated
            ? (rep.pick(r.prompt) as string)
            : r.prompt()
          : ''),
    request: r.name,
  };
  const keyIndex = r.keys.length ? (vu - 1) % r.keys.length : 0;
  let headers: string[];
  if (r.fixedHeaders) headers = r.fixedHeaders[keyIndex];
  else {
    headers = [];
    for (const [k, c] of r.headers) headers.push(k, fill(c, ctx));
    if (r.keys.length) headers.push(r.keyHeader, r.keyPrefix + fill(r.keys[keyIndex], ctx));
  }
  let built: BuiltRequest;
  if (!r.lengths)
    built = { method: r.method, path: fill(r.path, ctx), headers, body: r.body ? fill(r.body, ctx) : null };
  else {
    const output = r.lengths.outputSlot ? r.lengths.output(given?.output) : r.spec.maxTokens;
    const body = r.lengthBody ? LengthPlan.fill(r.lengthBody, ctx, output ?? 0, generated !== null) : null;
    built = { method: r.method, path: fill(r.path, ctx), headers, body };
    if (generated) {
      built.plannedInput = generated.tokens;
      if (generated.group >= 0) built.group = generated.group;
    }
    if (output !== undefined) built.plannedOutput = output;
  }
  // Checked per request only where references vary per request; the rest once, at compile time.
  const why =
    r.fixedRefused?.[keyIndex] ??
    (r.path.constant === null || !r.fixedHeaders ? refusal(built.path, r.fixedHeaders ? [] : headers) : null);
  if (why) built.refused = why;
  if (rep !== null && rep.repeated) built.repeat = true;
  return built;
}

function weightedPicker(requests: CompiledRequest[]): () => CompiledRequest {
  if (requests.length === 1) return () => requests[0];
  const cum: number[] = [];
  let total = 0;
  for (const r of requests) {
    total += Math.max(0, r.spec.weight);
    cum.push(total);
  }
  if (total <= 0) return () => requests[0];
  return () => {
    const x = Math.random() * total;
    for (let i = 0; i < cum.length; i++) if (x < cum[i]) return requests[i];
    return requests[requests.length - 1];
  };
}
