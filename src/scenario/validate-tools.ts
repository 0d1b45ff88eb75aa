// `requests[].tools` and `toolChoice`: tool definitions in the dialect's own shape, checked
// enough that a typo (a missing name, the chat shape sent to the Responses API) is caught here
// rather than as a 400 from the gateway in the middle of a run.
import { isMap, isScalar, type Node } from 'yaml';
import type { ApiDialect } from './model';
import { error, warn, type Ctx } from './yaml-ranges';
import { readList, resolve, type Entry } from './read';

const TOOL_APIS: readonly ApiDialect[] = ['openai-chat', 'openai-responses', 'anthropic-messages', 'raw'];
/** `toolChoice` words; `required` and `any` are the OpenAI and Anthropic names of "call some tool". */
export const TOOL_CHOICES = ['auto', 'none', 'required', 'any'] as const;

const EXAMPLES: Partial<Record<ApiDialect, string>> = {
  'openai-chat': '{ type: function, function: { name: get_weather, parameters: { type: object } } }',
  'openai-responses': '{ type: function, name: get_weather, parameters: { type: object } }',
  'anthropic-messages': '{ name: get_weather, input_schema: { type: object } }',
};

/** Reads `tools`; undefined (with diagnostics) when it is not a list of tool mappings for `api`. */
export function readTools(ctx: Ctx, e: Entry, what: string, api: ApiDialect): unknown[] | undefined {
  const list = readList(ctx, e, `${what}.tools`, `[ ${EXAMPLES[api] ?? EXAMPLES['openai-chat']} ]`);
  if (!list) return undefined;
  if (!TOOL_APIS.includes(api)) {
    warn(ctx, e.key, 'ignored-key', `'tools' has no meaning for ${api} requests and is ignored.`);
    return undefined;
  }
  let ok = true;
  const out: unknown[] = [];
  list.forEach((raw, i) => {
    const item = resolve(ctx, raw);
    const where = `${what}.tools[${i}]`;
    if (!isMap(item)) {
      error(ctx, item, 'wrong-type', `'${where}' must be a mapping, e.g. ${EXAMPLES[api] ?? EXAMPLES['openai-chat']}.`);
      ok = false;
      return;
    }
    const tool = item.toJSON() as Record<string, unknown>;
    const problem = api === 'raw' ? null : toolProblem(api, tool);
    if (problem !== null) {
      error(ctx, item, 'bad-tool', `'${where}' ${problem}, e.g. ${EXAMPLES[api]}.`);
      ok = false;
      return;
    }
    out.push(tool);
  });
  return ok ? out : undefined;
}

function toolProblem(api: ApiDialect, t: Record<string, unknown>): string | null {
  const named = (o: unknown): boolean =>
    typeof o === 'object' && o !== null && typeof (o as Record<string, unknown>).name === 'string';
  if (api === 'openai-chat') {
    if (t.type !== undefined && t.type !== 'function') return null; // other tool kinds pass as written
    return named(t.function) ? null : 'needs function.name (the Chat Completions shape)';
  }
  if (api === 'openai-responses') {
    if (t.type !== undefined && t.type !== 'function') return null; // built-in tools (web_search, …)
    if (t.function !== undefined && !named(t))
      return 'puts name and parameters at the top level in the Responses API, not under function';
    return named(t) ? null : 'needs a name';
  }
  return named(t) ? null : 'needs a name';
}

/** Reads `toolChoice`: one of TOOL_CHOICES or a mapping passed as written. */
export function readToolChoice(ctx: Ctx, e: Entry, what: string): unknown {
  const v = resolve(ctx, e.value);
  if (isMap(v)) return v.toJSON() as unknown;
  if (isScalar(v) && typeof v.value === 'string' && (TOOL_CHOICES as readonly string[]).includes(v.value))
    return v.value;
  error(
    ctx,
    v ?? e.key,
    'bad-value',
    `'${what}.toolChoice' must be one of ${TOOL_CHOICES.join(', ')}, or a mapping naming a tool, e.g. { type: function, name: get_weather }.`,
  );
  return undefined;
}

/** Warns about `toolChoice` without `tools` (providers reject it). */
export function checkToolPair(ctx: Ctx, tools: Entry | undefined, choice: Entry | undefined): void {
  if (choice && !tools)
    warn(
      ctx,
      choice.key as Node,
      'tool-choice-without-tools',
      `'toolChoice' without 'tools': providers reject a tool choice when no tools are given.`,
    );
}
