// OpenAI wire shapes: chat completions, completions, embeddings, models and errors.
import type { Answer, ErrorAnswer, StreamFraming } from './framing';
import { embedding, jsonInner, outputText, outputToken, toolArgPiece, toolArgs } from './text';

/** The OpenAI error envelope. */
export function openaiError(status: number, type: string, message: string, code: string | null = null): ErrorAnswer {
  return { status, body: JSON.stringify({ error: { message, type, param: null, code } }) };
}

function usage(a: Answer): Record<string, unknown> {
  const out = a.outputTokens + a.reasoningTokens;
  const u: Record<string, unknown> = {
    prompt_tokens: a.promptTokens,
    completion_tokens: out,
    total_tokens: a.promptTokens + out,
  };
  if (a.reasoningTokens > 0) u.completion_tokens_details = { reasoning_tokens: a.reasoningTokens };
  return u;
}

function finish(a: Answer): string {
  return a.toolCall ? 'tool_calls' : a.truncated ? 'length' : 'stop';
}

const ERROR_EVENT = `data: ${JSON.stringify({ error: { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: 'internal_error' } })}\n\n`;

/** A non-streamed chat completion. */
export function chatJson(a: Answer): string {
  return JSON.stringify({
    id: a.id,
    object: 'chat.completion',
    created: a.created,
    model: a.model,
    system_fingerprint: 'fp_mock',
    choices: [{ index: 0, message: chatMessage(a), logprobs: null, finish_reason: finish(a) }],
    usage: usage(a),
  });
}

function chatMessage(a: Answer): Record<string, unknown> {
  const m: Record<string, unknown> = {
    role: 'assistant',
    content: a.toolCall ? null : outputText(a.outputTokens),
    refusal: null,
  };
  if (a.reasoningTokens > 0) m.reasoning_content = outputText(a.reasoningTokens);
  if (a.toolCall)
    m.tool_calls = [
      { id: a.toolCall.id, type: 'function', function: { name: a.toolCall.name, arguments: toolArgs(a.outputTokens) } },
    ];
  return m;
}

/** The chunks of a streamed chat completion, built once per answer. */
export function chatStream(a: Answer): StreamFraming {
  const prefix = `data: {"id":"${a.id}","object":"chat.completion.chunk","created":${a.created},"model":${JSON.stringify(a.model)},"system_fingerprint":"fp_mock","choices":[{"index":0,"delta":`;
  const end = `,"logprobs":null,"finish_reason":null}]${a.includeUsage ? ',"usage":null' : ''}}\n\n`;
  const usageChunk = a.includeUsage
    ? `data: ${JSON.stringify({ id: a.id, object: 'chat.completion.chunk', created: a.created, model: a.model, system_fingerprint: 'fp_mock', choices: [], usage: usage(a) })}\n\n`
    : '';
  return {
    head: `${prefix}{"role":"assistant","content":"","refusal":null}${end}`,
    token: chatToken(a, prefix, end),
    tail: `${prefix}{},"logprobs":null,"finish_reason":"${finish(a)}"}]${a.includeUsage ? ',"usage":null' : ''}}\n\n${usageChunk}data: [DONE]\n\n`,
    error: ERROR_EVENT,
    malformed: `${prefix}{"content":"brok\n\n`,
  };
}

/** Token i of a chat stream: reasoning deltas first, then content or tool-call argument deltas. */
function chatToken(a: Answer, prefix: string, end: string): (i: number) => string {
  const r = a.reasoningTokens;
  const n = a.outputTokens;
  const call = a.toolCall;
  if (r === 0 && call === null) return (i) => `${prefix}{"content":"${outputToken(i)}"}${end}`;
  return (i) => {
    if (i < r) return `${prefix}{"reasoning_content":"${outputToken(i)}"}${end}`;
    const j = i - r;
    if (call === null) return `${prefix}{"content":"${outputToken(j)}"}${end}`;
    const args = jsonInner(toolArgPiece(j, n));
    // The first tool-call delta names the call (as OpenAI does); later ones carry only arguments.
    if (j === 0)
      return `${prefix}{"content":null,"tool_calls":[{"index":0,"id":"${call.id}","type":"function","function":{"name":${JSON.stringify(call.name)},"arguments":"${args}"}}]}${end}`;
    return `${prefix}{"tool_calls":[{"index":0,"function":{"arguments":"${args}"}}]}${end}`;
  };
}

/** A non-streamed legacy completion. */
export function completionJson(a: Answer): string {
  return JSON.stringify({
    id: a.id,
    object: 'text_completion',
    created: a.created,
    model: a.model,
    choices: [
      { text: outputText(a.outputTokens), index: 0, logprobs: null, finish_reason: a.truncated ? 'length' : 'stop' },
    ],
    usage: usage(a),
  });
}

/** The chunks of a streamed legacy completion (`choices[0].text`, no role chunk). */
export function completionStream(a: Answer): StreamFraming {
  const prefix = `data: {"id":"${a.id}","object":"text_completion","created":${a.created},"model":${JSON.stringify(a.model)},"choices":[{"text":`;
  const end = `,"index":0,"logprobs":null,"finish_reason":null}]${a.includeUsage ? ',"usage":null' : ''}}\n\n`;
  const usageChunk = a.includeUsage
    ? `data: ${JSON.stringify({ id: a.id, object: 'text_completion', created: a.created, model: a.model, choices: [], usage: usage(a) })}\n\n`
    : '';
  return {
    head: '',
    token: (i) => `${prefix}"${outputToken(i)}"${end}`,
    tail: `${prefix}"","index":0,"logprobs":null,"finish_reason":"${a.truncated ? 'length' : 'stop'}"}]${a.includeUsage ? ',"usage":null' : ''}}\n\n${usageChunk}data: [DONE]\n\n`,
    error: ERROR_EVENT,
    malformed: `${prefix}"brok\n\n`,
  };
}

/** Embeddings for each input; `base64` is what the official client asks for by default. */
export function embeddingsJson(
  model: string,
  inputs: string[],
  dims: number,
  base64: boolean,
  promptTokens: number,
): string {
  const data = inputs.map((text, index) => {
    const v = embedding(text, dims);
    return {
      object: 'embedding',
      index,
      embedding: base64
        ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')
        : Array.from(v, (x) => Math.round(x * 1e6) / 1e6),
    };
  });
  return JSON.stringify({
    object: 'list',
    data,
    model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  });
}

const CREATED = 1_700_000_000;

/** `GET /v1/models`. */
export function modelsJson(models: string[]): string {
  return JSON.stringify({ object: 'list', data: models.map((id) => modelObject(id)) });
}

/** `GET /v1/models/{id}`. */
export function modelObject(id: string): { id: string; object: 'model'; created: number; owned_by: string } {
  return { id, object: 'model', created: CREATED, owned_by: 'gateway-load-mock' };
}
