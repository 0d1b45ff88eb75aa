// `requests:` — the weighted mix: dialect, model, prompt, checks.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { checkHeaderValues, checkPathChars } from './validate-http';
import { dirname, isAbsolute, resolve as resolvePath } from 'node:path';
import type { ApiDialect, Check, PromptPick, PromptSource, RequestSpec } from './model';
import { error, report, subRange, warn, type Ctx } from './yaml-ranges';
import {
  readBoolean,
  readEnum,
  readList,
  readMap,
  readNumber,
  readString,
  readStringMap,
  requireKeys,
  resolve,
  type Entry,
} from './read';
import { APIS, METHODS, PICKS } from './keys';
import { parseCheck, CHECK_EXAMPLES } from './checks';
import { validateSlo } from './validate-slo';
import { checkToolPair, readToolChoice, readTools } from './validate-tools';
import { checkConversationPrompt, isDatasetPrompt, readConversation, readDatasetPrompt } from './validate-conversation';
import { isTokenPrompt, readLength, readTokenPrompt } from './validate-lengths';
import { onlyRepeatKeys, readPromptRepeat } from './validate-repeat';

/** The path each dialect posts to, appended to `target.baseUrl`. */
export const DEFAULT_PATHS: Record<ApiDialect, string> = {
  'openai-chat': '/v1/chat/completions',
  'openai-completions': '/v1/completions',
  'openai-embeddings': '/v1/embeddings',
  'openai-responses': '/v1/responses',
  'anthropic-messages': '/v1/messages',
  raw: '/',
};

export function validateRequests(ctx: Ctx, entry: Entry | undefined): RequestSpec[] | undefined {
  if (!entry) return undefined;
  const items = readList(ctx, entry, 'requests', '- { api: openai-chat, model: gpt-4o-mini, prompt: Hello }');
  if (!items) return undefined;
  if (items.length === 0) {
    error(
      ctx,
      entry.value,
      'empty-list',
      "'requests' needs at least one request, e.g. - { api: openai-chat, model: gpt-4o-mini, prompt: Hello }.",
    );
    return undefined;
  }
  const out: RequestSpec[] = [];
  const names = new Map<string, Node>();
  let ok = true;
  items.forEach((item, i) => {
    const r = readRequest(ctx, item, i);
    if (!r) {
      ok = false;
      return;
    }
    const nameNode = isMap(item) ? (item.get('name', true) as Node | undefined) : undefined;
    if (names.has(r.name)) {
      error(
        ctx,
        nameNode ?? item,
        'duplicate-name',
        `Another request is already named '${r.name}': names must be unique so results can tell them apart.`,
      );
      ok = false;
    }
    names.set(r.name, item);
    out.push(r);
  });
  return ok ? out : undefined;
}

function readRequest(ctx: Ctx, node: Node, i: number): RequestSpec | undefined {
  const what = `requests[${i}]`;
  const m = readMap(ctx, node, what, 'requests[]', '{ api: openai-chat, model: gpt-4o-mini, prompt: Hello }');
  if (!m) return undefined;
  const before = ctx.diagnostics.filter((d) => d.severity === 'error').length;
  const apiE = m.get('api');
  const api: ApiDialect = apiE ? (readEnum(ctx, apiE, `${what}.api`, APIS) ?? 'openai-chat') : 'openai-chat';
  const spec: RequestSpec = {
    name: `${api}-${i + 1}`,
    weight: 1,
    api,
    method: 'POST',
    path: DEFAULT_PATHS[api],
    stream: false,
    headers: {},
    checks: [],
  };
  const get = <T>(k: string, f: (e: Entry) => T | undefined): T | undefined => {
    const e = m.get(k);
    return e ? f(e) : undefined;
  };
  spec.name = get('name', (e) => readString(ctx, e, `${what}.name`, 'chat')) ?? spec.name;
  spec.weight = get('weight', (e) => readNumber(ctx, e, `${what}.weight`, { min: 0, exclusiveMin: true })) ?? 1;
  spec.model = get('model', (e) => readString(ctx, e, `${what}.model`, 'gpt-4o-mini'));
  spec.stream = get('stream', (e) => readBoolean(ctx, e, `${what}.stream`)) ?? false;
  const maxE = m.get('maxTokens');
  if (maxE && isMap(maxE.value)) {
    spec.maxTokensDist = readLength(ctx, maxE, `${what}.maxTokens`, 'requests[].maxTokens');
    if (spec.maxTokensDist) spec.maxTokens = Math.round(spec.maxTokensDist.mean);
  } else spec.maxTokens = get('maxTokens', (e) => readNumber(ctx, e, `${what}.maxTokens`, { integer: true, min: 1 }));
  const exactE = m.get('exactOutput');
  if (exactE) {
    spec.exactOutput = readBoolean(ctx, exactE, `${what}.exactOutput`);
    if (spec.exactOutput && !maxE)
      error(
        ctx,
        exactE.key,
        'missing-key',
        `'${what}.exactOutput' asks for exactly maxTokens output tokens: add maxTokens, e.g. maxTokens: { mean: 150, stddev: 20 }.`,
      );
    if (spec.exactOutput && api !== 'openai-chat' && api !== 'openai-completions')
      warn(
        ctx,
        exactE.key,
        'ignored-key',
        `'exactOutput' sends vLLM's ignore_eos and min_tokens, which only OpenAI-style requests carry; ${api} ignores it.`,
      );
  }
  spec.temperature = get('temperature', (e) => readNumber(ctx, e, `${what}.temperature`, { min: 0, max: 2 }));
  spec.system = get('system', (e) => readString(ctx, e, `${what}.system`, 'You are a helpful assistant.'));
  spec.path = get('path', (e) => readPath(ctx, e, what)) ?? spec.path;
  const method = get('method', (e) => readEnum(ctx, e, `${what}.method`, METHODS));
  if (method) {
    spec.method = method;
    if (api !== 'raw' && method !== 'POST')
      warn(
        ctx,
        m.get('method')!.value,
        'method-ignored',
        `${api} requests are sent with POST; use api: raw to send ${method}.`,
      );
  }
  spec.headers =
    get('headers', (e) => {
      checkHeaderValues(ctx, e.value, `${what}.headers`);
      return readStringMap(ctx, e, `${what}.headers`);
    }) ?? {};
  const body = m.get('body');
  if (body) {
    if (api !== 'raw' && !isMap(body.value))
      error(
        ctx,
        body.value ?? body.key,
        'wrong-type',
        `'${what}.body' must be a mapping of fields merged into the ${api} body, e.g. { top_p: 0.9 }.`,
      );
    else spec.body = body.value ? (body.value as Node).toJSON() : null;
  }
  const stream = m.get('stream');
  if (spec.stream && api === 'openai-embeddings' && stream)
    error(
      ctx,
      stream.value,
      'no-stream',
      'openai-embeddings responses do not stream: remove stream or set it to false.',
    );
  if (api !== 'raw' && spec.model === undefined && !m.has('model')) {
    warn(
      ctx,
      m.get('api')?.key ?? m.values().next().value?.key ?? node,
      'missing-model',
      `${what} has no 'model': most gateways need one, e.g. model: gpt-4o-mini.`,
    );
  }
  if (api === 'openai-embeddings' || api === 'raw') {
    for (const k of ['maxTokens', 'temperature', 'system']) {
      const e = m.get(k);
      if (e) warn(ctx, e.key, 'ignored-key', `'${k}' has no meaning for ${api} requests and is ignored.`);
    }
  }
  const toolsE = m.get('tools');
  const choiceE = m.get('toolChoice');
  if (toolsE) spec.tools = readTools(ctx, toolsE, what, api);
  if (choiceE) spec.toolChoice = readToolChoice(ctx, choiceE, what);
  checkToolPair(ctx, toolsE, choiceE);
  const prompt = m.get('prompt');
  if (prompt) spec.prompt = readPrompt(ctx, prompt, what);
  const conversation = m.get('conversation');
  if (conversation) spec.conversation = readConversation(ctx, conversation, what, api, spec.prompt?.kind === 'dataset');
  checkConversationPrompt(ctx, m, spec, what);
  const repeat = prompt ? readPromptRepeat(ctx, prompt, what) : undefined;
  if (repeat) spec.promptRepeat = repeat;
  const checks = m.get('checks');
  if (checks) spec.checks = readChecks(ctx, checks, what);
  const slo = validateSlo(ctx, m.get('slo'), `${what}.slo`, 'requests[].slo');
  if (slo) spec.slo = slo;
  if (!spec.model) delete spec.model;
  for (const k of [
    'maxTokens',
    'maxTokensDist',
    'exactOutput',
    'temperature',
    'system',
    'prompt',
    'conversation',
    'body',
    'tools',
    'toolChoice',
  ] as const)
    if (spec[k] === undefined) delete spec[k];
  const after = ctx.diagnostics.filter((d) => d.severity === 'error').length;
  return after === before ? spec : undefined;
}

function readPath(ctx: Ctx, e: Entry, what: string): string | undefined {
  const p = readString(ctx, e, `${what}.path`, '/v1/chat/completions');
  if (p !== undefined && !p.startsWith('/') && !p.startsWith('${')) {
    error(ctx, e.value, 'bad-path', `'${what}.path' must start with '/', e.g. /v1/chat/completions.`);
    return undefined;
  }
  if (p !== undefined) checkPathChars(ctx, e.value, p, `${what}.path`);
  return p;
}

function readPrompt(ctx: Ctx, e: Entry, what: string): PromptSource | undefined {
  const v = e.value;
  if (isScalar(v) && typeof v.value === 'string') return { kind: 'inline', items: [v.value], pick: 'random' };
  if (isSeq(v)) {
    const items: string[] = [];
    for (const raw of v.items) {
      const item = resolve(ctx, raw);
      if (isScalar(item) && typeof item.value === 'string') items.push(item.value);
      else error(ctx, item, 'wrong-type', `Each prompt in '${what}.prompt' must be text.`);
    }
    if (items.length === 0) {
      error(ctx, v, 'empty-list', `'${what}.prompt' lists no prompts: add at least one.`);
      return undefined;
    }
    return items.length === v.items.length ? { kind: 'inline', items, pick: 'random' } : undefined;
  }
  if (!isMap(v)) {
    error(
      ctx,
      v ?? e.key,
      'wrong-type',
      `'${what}.prompt' must be text, a list of texts, or { file: prompts.jsonl, pick: random }.`,
    );
    return undefined;
  }
  const m = readMap(ctx, v, `${what}.prompt`, 'requests[].prompt');
  if (!m) return undefined;
  if (isDatasetPrompt(m)) return readDatasetPrompt(ctx, m, v, what);
  // Repeats alone have no fresh prompts to repeat: readPromptRepeat says so.
  if (onlyRepeatKeys(m.keys())) return undefined;
  if (isTokenPrompt(m)) return readTokenPrompt(ctx, m, what);
  const pickE = m.get('pick');
  const pick: PromptPick = pickE ? (readEnum(ctx, pickE, `${what}.prompt.pick`, PICKS) ?? 'random') : 'random';
  const file = m.get('file');
  const items = m.get('items');
  if (file && items) {
    error(ctx, items.key, 'conflicting-keys', `'${what}.prompt' takes either 'file' or 'items', not both.`);
    return undefined;
  }
  if (items) {
    const list = readList(ctx, items, `${what}.prompt.items`, '[ "Hello", "Tell me a joke" ]');
    if (!list) return undefined;
    const texts = list.map((n) => (isScalar(n) && typeof n.value === 'string' ? n.value : undefined));
    list.forEach((n, i) => {
      if (texts[i] === undefined) error(ctx, n, 'wrong-type', `Each prompt in '${what}.prompt.items' must be text.`);
    });
    if (list.length === 0) {
      error(ctx, items.value, 'empty-list', `'${what}.prompt.items' lists no prompts: add at least one.`);
      return undefined;
    }
    return texts.every((t) => t !== undefined) ? { kind: 'inline', items: texts as string[], pick } : undefined;
  }
  if (!requireKeys(ctx, m, v, `${what}.prompt`, ['file'], { file: 'file: prompts.jsonl' })) return undefined;
  const rel = readString(ctx, file!, `${what}.prompt.file`, 'prompts.jsonl');
  if (rel === undefined) return undefined;
  const base = ctx.file ? dirname(ctx.file) : process.cwd();
  const abs = isAbsolute(rel) ? rel : resolvePath(base, rel);
  if (ctx.fileExists && !ctx.fileExists(abs)) {
    error(
      ctx,
      file!.value,
      'missing-file',
      `Prompt file '${rel}' not found (looked for ${abs}): paths are relative to the scenario file's folder.`,
    );
    return undefined;
  }
  return { kind: 'file', path: abs, pick };
}

function readChecks(ctx: Ctx, e: Entry, what: string): Check[] {
  const out: Check[] = [];
  const list = readList(ctx, e, `${what}.checks`, '[ "status == 200", "latency < 500ms" ]');
  for (const item of list ?? []) {
    if (!isScalar(item) || typeof item.value !== 'string') {
      error(
        ctx,
        item,
        'wrong-type',
        `Each check is an expression such as ${CHECK_EXAMPLES.slice(0, 3).join(', ')} (quote it if it contains ': ').`,
      );
      continue;
    }
    const r = parseCheck(item.value);
    if (r.error)
      report(ctx, subRange(ctx, item, item.value, r.error.start, r.error.end), 'error', 'bad-check', r.error.message);
    else out.push(r.check);
  }
  return out;
}
