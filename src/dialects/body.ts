// Request bodies and headers per API dialect.
import type { ApiDialect, RequestSpec } from '../scenario/model';

const PATHS: Record<ApiDialect, string> = {
  'openai-chat': '/v1/chat/completions',
  'openai-completions': '/v1/completions',
  'openai-embeddings': '/v1/embeddings',
  'openai-responses': '/v1/responses',
  'anthropic-messages': '/v1/messages',
  raw: '',
};

/** Anthropic requires max_tokens; this is what a request gets when the scenario gives none. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 256;

/** Default path per dialect: openai-chat → /v1/chat/completions, openai-completions → /v1/completions, openai-embeddings → /v1/embeddings, anthropic-messages → /v1/messages, raw → '' (must be given). */
export function defaultPath(api: ApiDialect): string {
  return PATHS[api];
}

type Obj = Record<string, unknown>;

function isPlain(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Merges `extra` over `base`: plain objects merge key by key (so `stream_options: {…}` can add
 * a field), arrays and scalars replace, and `null` removes a built field (for servers that
 * reject one, e.g. `stream_options`).
 */
export function mergeBody(base: Obj, extra: unknown): Obj {
  if (!isPlain(extra)) return base;
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    if (v === null) delete out[k];
    else if (isPlain(v) && isPlain(out[k])) out[k] = mergeBody(out[k] as Obj, v);
    else out[k] = v;
  }
  return out;
}

function put(o: Obj, key: string, v: unknown): void {
  if (v !== undefined) o[key] = v;
}

/** Builds the JSON body object for one request (before templating of strings already done by caller: `prompt` is the final prompt text, `body` extra fields already resolved). openai-chat: {model, messages:[system?, user], stream, max_tokens, temperature, stream_options:{include_usage:true} when stream}; completions: {model, prompt, …}; embeddings: {model, input}; anthropic: {model, max_tokens (required: default 256), system?, messages:[{role:'user',content}], stream}; raw: the spec body as is. Extra `spec.body` fields are merged over the built body. */
export function buildBody(spec: RequestSpec, prompt: string | undefined, resolvedExtra?: unknown): unknown {
  const extra = resolvedExtra !== undefined ? resolvedExtra : spec.body;
  const text = prompt ?? '';
  const o: Obj = {};
  switch (spec.api) {
    case 'raw':
      return extra;
    case 'openai-chat': {
      put(o, 'model', spec.model);
      const messages: Obj[] = [];
      if (spec.system !== undefined) messages.push({ role: 'system', content: spec.system });
      messages.push({ role: 'user', content: text });
      o.messages = messages;
      o.stream = spec.stream;
      put(o, 'max_tokens', spec.maxTokens);
      put(o, 'temperature', spec.temperature);
      // Without include_usage a stream carries no token counts and the tokenizer must guess.
      if (spec.stream) o.stream_options = { include_usage: true };
      break;
    }
    case 'openai-completions':
      put(o, 'model', spec.model);
      o.prompt = text;
      o.stream = spec.stream;
      put(o, 'max_tokens', spec.maxTokens);
      put(o, 'temperature', spec.temperature);
      if (spec.stream) o.stream_options = { include_usage: true };
      break;
    case 'openai-embeddings':
      put(o, 'model', spec.model);
      o.input = text;
      break;
    case 'openai-responses':
      put(o, 'model', spec.model);
      put(o, 'instructions', spec.system);
      o.input = text;
      o.stream = spec.stream;
      put(o, 'max_output_tokens', spec.maxTokens);
      put(o, 'temperature', spec.temperature);
      break;
    case 'anthropic-messages':
      put(o, 'model', spec.model);
      o.max_tokens = spec.maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS;
      put(o, 'system', spec.system);
      o.messages = [{ role: 'user', content: text }];
      o.stream = spec.stream;
      put(o, 'temperature', spec.temperature);
      break;
  }
  if (spec.api !== 'openai-completions' && spec.api !== 'openai-embeddings') {
    put(o, 'tools', spec.tools);
    put(o, 'tool_choice', toolChoice(spec.api, spec.toolChoice));
  }
  return mergeBody(o, extra);
}

/** `toolChoice` words in the dialect's spelling: Anthropic wants `{type}` objects and says `any` for OpenAI's `required`. */
function toolChoice(api: RequestSpec['api'], v: unknown): unknown {
  if (typeof v !== 'string') return v;
  if (api === 'anthropic-messages') return { type: v === 'required' ? 'any' : v };
  return v === 'any' ? 'required' : v;
}

/** Extra headers a dialect needs (anthropic: 'anthropic-version: 2023-06-01', content-type json). */
export function dialectHeaders(api: ApiDialect): Record<string, string> {
  switch (api) {
    case 'raw':
      return {};
    case 'anthropic-messages':
      return { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' };
    default:
      return { 'content-type': 'application/json' };
  }
}
