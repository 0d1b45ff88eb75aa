// Reading metrics out of parsed JSON: usage, error text, and the output text of whole bodies.
import type { ApiDialect } from '../../scenario/model';
import type { Accumulator } from './result';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function int(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Takes token counts from an OpenAI (`prompt_tokens`/`completion_tokens`) or Anthropic (`input_tokens`/`output_tokens`) usage object. */
export function readUsage(acc: Accumulator, usage: unknown): void {
  if (!isObj(usage)) return;
  // Anthropic splits usage over message_start and message_delta: keep both halves.
  acc.usage = isObj(acc.usage) ? { ...acc.usage, ...usage } : usage;
  const out = int(usage.completion_tokens) ?? int(usage.output_tokens);
  const inp = int(usage.prompt_tokens) ?? int(usage.input_tokens);
  if (out !== null) acc.outputTokens = out;
  if (inp !== null) acc.inputTokens = inp;
  // Chat Completions: completion_tokens_details; Responses API: output_tokens_details.
  const details = isObj(usage.completion_tokens_details)
    ? usage.completion_tokens_details
    : usage.output_tokens_details;
  const r = isObj(details) ? int(details.reasoning_tokens) : null;
  if (r !== null) acc.reasoningTokens = r;
}

/**
 * Human text for an error payload: OpenAI `{error:{message,type,code}}`, Anthropic
 * `{type:'error',error:{type,message}}`, a bare string, or JSON text of either.
 */
export function errorText(payload: unknown): string {
  let p = payload;
  if (typeof payload === 'string') {
    try {
      p = JSON.parse(payload);
    } catch {
      return payload.slice(0, 200);
    }
  }
  const err = isObj(p) ? (p.error ?? p) : p;
  if (typeof err === 'string') return err.slice(0, 200);
  if (!isObj(err)) return String(err).slice(0, 200);
  const kind =
    typeof err.type === 'string'
      ? err.type
      : typeof err.code === 'string' || typeof err.code === 'number'
        ? String(err.code)
        : '';
  const message = typeof err.message === 'string' ? err.message : '';
  const text = [kind, message].filter((x) => x !== '').join(' ');
  return (text === '' ? JSON.stringify(err) : text).slice(0, 200);
}

function first(v: unknown): Obj | undefined {
  return Array.isArray(v) && isObj(v[0]) ? v[0] : undefined;
}

/** Output text of a whole (non-streamed) answer, per dialect shape; undefined when there is none. */
export function bodyText(api: ApiDialect, o: Obj): string | undefined {
  const choice = first(o.choices);
  if (choice !== undefined && (api === 'openai-chat' || api === 'raw') && isObj(choice.message)) {
    const m = choice.message;
    const parts: string[] = [];
    if (typeof m.reasoning_content === 'string') parts.push(m.reasoning_content);
    if (typeof m.content === 'string') parts.push(m.content);
    if (Array.isArray(m.tool_calls)) {
      for (const t of m.tool_calls)
        if (isObj(t) && isObj(t.function) && typeof t.function.arguments === 'string') parts.push(t.function.arguments);
    }
    return parts.join('');
  }
  if (choice !== undefined && (api === 'openai-completions' || api === 'raw') && typeof choice.text === 'string')
    return choice.text;
  if ((api === 'openai-responses' || api === 'raw') && o.object === 'response' && Array.isArray(o.output))
    return responsesText(o.output);
  if ((api === 'anthropic-messages' || api === 'raw') && Array.isArray(o.content)) {
    let s = '';
    for (const b of o.content) {
      if (!isObj(b)) continue;
      if (typeof b.text === 'string') s += b.text;
      else if (typeof b.thinking === 'string') s += b.thinking;
      else if (b.input !== undefined) s += JSON.stringify(b.input);
    }
    return s;
  }
  return undefined;
}

/** Text of a Responses API `output`: reasoning summaries and text, message text and refusals, function-call arguments. */
function responsesText(output: unknown[]): string {
  let s = '';
  const parts = (v: unknown, key: string): void => {
    if (!Array.isArray(v)) return;
    for (const p of v) if (isObj(p) && typeof p[key] === 'string') s += p[key] as string;
  };
  for (const item of output) {
    if (!isObj(item)) continue;
    if (item.type === 'function_call' && typeof item.arguments === 'string') s += item.arguments;
    else if (item.type === 'reasoning') {
      parts(item.summary, 'text');
      parts(item.content, 'text');
    } else if (Array.isArray(item.content)) {
      parts(item.content, 'text');
      parts(item.content, 'refusal');
    }
  }
  return s;
}

/** Fills model, usage and finish reason from a whole JSON answer. */
export function readBody(acc: Accumulator, o: Obj): void {
  if (typeof o.model === 'string') acc.model = o.model;
  readUsage(acc, o.usage);
  const choice = first(o.choices);
  if (choice !== undefined && typeof choice.finish_reason === 'string') acc.finishReason = choice.finish_reason;
  else if (typeof o.stop_reason === 'string') acc.finishReason = o.stop_reason;
  else if (o.object === 'response' && typeof o.status === 'string') acc.finishReason = o.status;
}
