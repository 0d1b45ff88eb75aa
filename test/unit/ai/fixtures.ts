// Recorded-style streams for the reader tests (shapes as the providers send them).
import { createReader, type ReaderOptions, type ReadResult } from '../../../src/engine/ai/index';
import type { ApiDialect } from '../../../src/scenario/model';

const chunk = (delta: string, finish: string | null = null, usage = 'null'): string =>
  `data: {"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion.chunk","created":1741570283,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_eb9dce56a8","choices":[{"index":0,"delta":${delta},"logprobs":null,"finish_reason":${finish === null ? 'null' : JSON.stringify(finish)}}],"usage":${usage}}\n\n`;

/** Content pieces of OPENAI_CHAT, with escapes and multi-byte UTF-8 (2, 3 and 4 bytes). */
export const OPENAI_PIECES = ['Hello', '! Café', ' “naïve”', ' \\"quoted\\"', '\\n', ' ✓ 😀', ' done.'];
/** The text those pieces decode to. */
export const OPENAI_TEXT = 'Hello! Café “naïve” "quoted"\n ✓ 😀 done.';

/** An OpenAI chat stream with include_usage: role chunk (empty content), 7 content chunks, finish chunk, usage chunk, [DONE]. */
export const OPENAI_CHAT =
  chunk('{"role":"assistant","content":"","refusal":null}') +
  OPENAI_PIECES.map((p) => chunk(`{"content":"${p}"}`)).join('') +
  chunk('{}', 'stop') +
  `data: {"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion.chunk","created":1741570283,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_eb9dce56a8","choices":[],"usage":{"prompt_tokens":19,"completion_tokens":13,"total_tokens":32,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}\n\n` +
  'data: [DONE]\n\n';

/** The same stream as a server without include_usage sends it (no usage anywhere). */
export const OPENAI_CHAT_NO_USAGE = OPENAI_CHAT.replace(/,"usage":null/g, '').replace(
  /data: \{[^\n]*"choices":\[\],"usage":\{[^\n]*\n\n/,
  '',
);

/** Anthropic Messages stream as documented: message_start, pings, a text block, message_delta, message_stop. */
export const ANTHROPIC =
  'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5-20250929","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,"output_tokens":1}}}\n\n' +
  'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n' +
  'event: ping\ndata: {"type": "ping"}\n\n' +
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}\n\n' +
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" wörld ✓"}}\n\n' +
  'event: ping\ndata: {"type": "ping"}\n\n' +
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"!\\n"}}\n\n' +
  'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n' +
  'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":15}}\n\n' +
  'event: message_stop\ndata: {"type":"message_stop"}\n\n';

/** OPENAI_CHAT with each event's JSON split over two `data:` lines (joined with \n by the reader). */
export const OPENAI_MULTILINE = OPENAI_CHAT.replace(/,"choices"/g, ',\ndata: "choices"');

/** Options that keep everything, with onText pieces collected. */
export function fullOpts(pieces?: string[], gaps?: number[]): ReaderOptions {
  return {
    needBody: true,
    needText: true,
    onText: pieces ? (t) => pieces.push(t) : undefined,
    onGap: gaps ? (g) => gaps.push(g) : undefined,
  };
}

/** Feeds `bytes` cut at the given positions; chunk i is stamped `now = i`. */
export function readSplit(
  api: ApiDialect,
  bytes: Uint8Array,
  cuts: number[],
  opts: ReaderOptions,
  complete = true,
): ReadResult {
  const r = createReader(api, true, 'text/event-stream; charset=utf-8', opts);
  let prev = 0;
  let i = 0;
  for (const c of [...cuts, bytes.length]) {
    // A private copy, scribbled over after the call: the reader must not keep references.
    const piece = Buffer.from(bytes.subarray(prev, c));
    r.onData(piece, i++);
    piece.fill(0x7a);
    prev = c;
  }
  return r.finish(i, complete);
}

/** Feeds the whole text as one chunk at now = 0. */
export function readAll(
  api: ApiDialect,
  text: string | Uint8Array,
  opts: ReaderOptions = fullOpts(),
  complete = true,
): ReadResult {
  return readSplit(api, typeof text === 'string' ? Buffer.from(text) : text, [], opts, complete);
}

/** Result fields that must not depend on how the bytes were split (times depend on chunk stamps). */
export function invariant(r: ReadResult): unknown {
  const { firstTokenAt: _f, firstOutputAt: _o, lastTokenAt: _l, ...rest } = r;
  return rest;
}
