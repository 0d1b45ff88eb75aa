// Anthropic Messages wire shapes: the JSON answer, the named-event stream and errors.
import type { Answer, ErrorAnswer, StreamFraming } from './framing';
import { outputText, outputToken } from './text';

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

/** A non-streamed message. */
export function messageJson(a: Answer): string {
  return JSON.stringify({
    id: a.id, type: 'message', role: 'assistant', model: a.model,
    content: [{ type: 'text', text: outputText(a.outputTokens) }],
    stop_reason: a.truncated ? 'max_tokens' : 'end_turn', stop_sequence: null,
    usage: { input_tokens: a.promptTokens, output_tokens: a.outputTokens },
  });
}

/** The named events of a streamed message. */
export function messageStream(a: Answer): StreamFraming {
  const head = event('message_start', {
    type: 'message_start',
    message: { id: a.id, type: 'message', role: 'assistant', model: a.model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: a.promptTokens, output_tokens: 1 } },
  }) + event('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }) + PING;
  const before = 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"';
  const after = '"}}\n\n';
  return {
    head,
    token: (i) => (i > 0 && i % PING_EVERY === 0 ? PING : '') + before + outputToken(i) + after,
    tail: event('content_block_stop', { type: 'content_block_stop', index: 0 })
      + event('message_delta', { type: 'message_delta', delta: { stop_reason: a.truncated ? 'max_tokens' : 'end_turn', stop_sequence: null }, usage: { output_tokens: a.outputTokens } })
      + event('message_stop', { type: 'message_stop' }),
    error: event('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
    malformed: 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_d\n\n',
  };
}
