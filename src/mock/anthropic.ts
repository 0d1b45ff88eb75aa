// Anthropic Messages wire shapes: the JSON answer, the named-event stream and errors.
import type { Answer, ErrorAnswer, StreamFraming } from './framing';
import { jsonInner, outputText, outputToken, toolArgPiece, toolArgs } from './text';

/** The Anthropic error envelope. */
export function anthropicError(status: number, type: string, message: string): ErrorAnswer {
  return { status, body: JSON.stringify({ type: 'error', error: { type, message } }) };
}

function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

const PING = 'event: ping\ndata: {"type": "ping"}\n\n';
/** Anthropic interleaves pings; one every this many tokens keeps clients honest about skipping them. */
const PING_EVERY = 16;

function stopReason(a: Answer): string {
  return a.toolCall ? 'tool_use' : a.truncated ? 'max_tokens' : 'end_turn';
}

const SIGNATURE = 'bW9jay1zaWduYXR1cmU=';

/** A non-streamed message. */
export function messageJson(a: Answer): string {
  const content: unknown[] = [];
  if (a.reasoningTokens > 0)
    content.push({ type: 'thinking', thinking: outputText(a.reasoningTokens), signature: SIGNATURE });
  if (a.toolCall)
    content.push({
      type: 'tool_use',
      id: a.toolCall.id,
      name: a.toolCall.name,
      input: JSON.parse(toolArgs(a.outputTokens)) as unknown,
    });
  else content.push({ type: 'text', text: outputText(a.outputTokens) });
  return JSON.stringify({
    id: a.id,
    type: 'message',
    role: 'assistant',
    model: a.model,
    content,
    stop_reason: stopReason(a),
    stop_sequence: null,
    usage: { input_tokens: a.promptTokens, output_tokens: a.outputTokens + a.reasoningTokens },
  });
}

/** The named events of a streamed message: a thinking block first when the answer reasons, then text or a tool_use block. */
export function messageStream(a: Answer): StreamFraming {
  const r = a.reasoningTokens;
  const n = a.outputTokens;
  const call = a.toolCall;
  const answerIndex = r > 0 ? 1 : 0;
  const answerStart = event('content_block_start', {
    type: 'content_block_start',
    index: answerIndex,
    content_block: call ? { type: 'tool_use', id: call.id, name: call.name, input: {} } : { type: 'text', text: '' },
  });
  const head =
    event('message_start', {
      type: 'message_start',
      message: {
        id: a.id,
        type: 'message',
        role: 'assistant',
        model: a.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: a.promptTokens, output_tokens: 1 },
      },
    }) +
    (r > 0
      ? event('content_block_start', {
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'thinking', thinking: '', signature: '' },
        })
      : answerStart) +
    PING;
  // Between thinking and answer: the signature closes the thinking block, the answer's opens.
  const between =
    r > 0
      ? event('content_block_delta', {
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'signature_delta', signature: SIGNATURE },
        }) +
        event('content_block_stop', { type: 'content_block_stop', index: 0 }) +
        answerStart
      : '';
  const thinkBefore =
    'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"';
  const textBefore = `event: content_block_delta\ndata: {"type":"content_block_delta","index":${answerIndex},"delta":{"type":"text_delta","text":"`;
  const jsonBefore = `event: content_block_delta\ndata: {"type":"content_block_delta","index":${answerIndex},"delta":{"type":"input_json_delta","partial_json":"`;
  const after = '"}}\n\n';
  return {
    head,
    token: (i) => {
      const ping = i > 0 && i % PING_EVERY === 0 ? PING : '';
      if (i < r) return ping + thinkBefore + outputToken(i) + after;
      const j = i - r;
      const pre = ping + (j === 0 ? between : '');
      return pre + (call ? jsonBefore + jsonInner(toolArgPiece(j, n)) : textBefore + outputToken(j)) + after;
    },
    tail:
      event('content_block_stop', { type: 'content_block_stop', index: answerIndex }) +
      event('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: stopReason(a), stop_sequence: null },
        usage: { output_tokens: n + r },
      }) +
      event('message_stop', { type: 'message_stop' }),
    error: event('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
    malformed: 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_d\n\n',
  };
}
