// OpenAI wire shapes: chat completions, completions, embeddings, models and errors.
import type { Answer, ErrorAnswer, StreamFraming } from './framing';
import { embedding, outputText, outputToken } from './text';

/** The OpenAI error envelope. */
export function openaiError(status: number, type: string, message: string, code: string | null = null): ErrorAnswer {
  return { status, body: JSON.stringify({ error: { message, type, param: null, code } }) };
}

function usage(a: Answer): { prompt_tokens: number; completion_tokens: number; total_tokens: number } {
  return { prompt_tokens: a.promptTokens, completion_tokens: a.outputTokens, total_tokens: a.promptTokens + a.outputTokens };
}

const ERROR_EVENT = `data: ${JSON.stringify({ error: { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: 'internal_error' } })}\n\n`;

/** A non-streamed chat completion. */
export function chatJson(a: Answer): string {
  return JSON.stringify({
    id: a.id, object: 'chat.completion', created: a.created, model: a.model, system_fingerprint: 'fp_mock',
    choices: [{ index: 0, message: { role: 'assistant', content: outputText(a.outputTokens), refusal: null }, logprobs: null, finish_reason: a.truncated ? 'length' : 'stop' }],
    usage: usage(a),
  });
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
    token: (i) => `${prefix}{"content":"${outputToken(i)}"}${end}`,
    tail: `${prefix}{},"logprobs":null,"finish_reason":"${a.truncated ? 'length' : 'stop'}"}]${a.includeUsage ? ',"usage":null' : ''}}\n\n${usageChunk}data: [DONE]\n\n`,
    error: ERROR_EVENT,
    malformed: `${prefix}{"content":"brok\n\n`,
  };
}

/** A non-streamed legacy completion. */
export function completionJson(a: Answer): string {
  return JSON.stringify({
    id: a.id, object: 'text_completion', created: a.created, model: a.model,
    choices: [{ text: outputText(a.outputTokens), index: 0, logprobs: null, finish_reason: a.truncated ? 'length' : 'stop' }],
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
export function embeddingsJson(model: string, inputs: string[], dims: number, base64: boolean, promptTokens: number): string {
  const data = inputs.map((text, index) => {
    const v = embedding(text, dims);
    return {
      object: 'embedding', index,
      embedding: base64 ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : Array.from(v, (x) => Math.round(x * 1e6) / 1e6),
    };
  });
  return JSON.stringify({ object: 'list', data, model, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } });
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
