// Responses API streams, tool calls and reasoning in the three stream shapes: which events are
// tokens, which are output (TTFO), where reasoning and output tokens come from, split invariance.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiDialect } from '../../../src/scenario/model';
import { fullOpts, invariant, readSplit } from './fixtures';

const ev = (type: string, data: object): string => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
const resp = (status: string, usage: object | null): object => ({
  id: 'resp_1',
  object: 'response',
  status,
  model: 'gpt-5-mini',
  output: [{ type: 'message', content: [{ type: 'output_text', text: 'said "usage" here' }] }],
  usage,
});

/** Responses API: created, 2 reasoning-summary deltas, a function call's 3 argument deltas, completed. */
const RESPONSES = [
  ev('response.created', { sequence_number: 0, response: resp('in_progress', null) }),
  ev('response.output_item.added', { sequence_number: 1, output_index: 0, item: { type: 'reasoning', summary: [] } }),
  ev('response.reasoning_summary_text.delta', { sequence_number: 2, item_id: 'rs_1', delta: 'Think' }),
  ev('response.reasoning_text.delta', { sequence_number: 3, item_id: 'rs_1', delta: 'ing' }),
  ev('response.output_item.added', {
    sequence_number: 4,
    output_index: 1,
    item: { type: 'function_call', name: 'f', arguments: '' },
  }),
  ev('response.function_call_arguments.delta', { sequence_number: 5, item_id: 'fc_1', delta: '' }),
  ev('response.function_call_arguments.delta', { sequence_number: 6, item_id: 'fc_1', delta: '{"q":' }),
  ev('response.output_text.delta', { sequence_number: 7, item_id: 'm', delta: '"x"}' }),
  ev('response.function_call_arguments.done', { sequence_number: 8, arguments: '{"q":"x"}' }),
  ev('response.completed', {
    sequence_number: 9,
    response: resp('completed', {
      input_tokens: 11,
      output_tokens: 7,
      output_tokens_details: { reasoning_tokens: 2 },
      total_tokens: 18,
    }),
  }),
];

const CHAT = [
  'data: {"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}\n\n',
  'data: {"choices":[{"index":0,"delta":{"reasoning_content":"Hmm"}}]}\n\n',
  'data: {"choices":[{"index":0,"delta":{"content":null,"reasoning_content":" ok"}}]}\n\n',
  'data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"c","type":"function","function":{"name":"f","arguments":""}}]}}]}\n\n',
  'data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{}"}}]}}]}\n\n',
  'data: {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}\n\n',
  'data: {"choices":[],"usage":{"prompt_tokens":5,"completion_tokens":9,"total_tokens":14,"completion_tokens_details":{"reasoning_tokens":6}}}\n\n',
  'data: [DONE]\n\n',
];

const ANTHROPIC = [
  ev('message_start', { message: { model: 'claude-x', usage: { input_tokens: 4, output_tokens: 1 } } }),
  ev('content_block_start', { index: 0, content_block: { type: 'thinking', thinking: '' } }),
  ev('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: 'Let me' } }),
  ev('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: ' think' } }),
  ev('content_block_delta', { index: 0, delta: { type: 'signature_delta', signature: 'c2ln' } }),
  ev('content_block_stop', { index: 0 }),
  ev('content_block_start', { index: 1, content_block: { type: 'tool_use', id: 't', name: 'f', input: {} } }),
  ev('content_block_delta', { index: 1, delta: { type: 'input_json_delta', partial_json: '' } }),
  ev('content_block_delta', { index: 1, delta: { type: 'input_json_delta', partial_json: '{"q":1}' } }),
  ev('content_block_stop', { index: 1 }),
  ev('message_delta', { delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 12 } }),
  ev('message_stop', {}),
];

/** Feeds one event per chunk: chunk i is stamped now = i. */
function readEvents(api: ApiDialect, events: string[], opts = fullOpts()) {
  const text = events.join('');
  const cuts: number[] = [];
  let at = 0;
  for (const e of events.slice(0, -1)) cuts.push((at += Buffer.byteLength(e)));
  return readSplit(api, Buffer.from(text), cuts, opts);
}

describe('reasoning and tool-call streams', () => {
  test('Responses API: reasoning deltas are tokens, not output; argument and text deltas are output; usage from response.completed', () => {
    const gaps: number[] = [];
    const r = readEvents('openai-responses', RESPONSES, fullOpts(undefined, gaps));
    assert.equal(r.ok, true, r.error);
    assert.equal(r.firstTokenAt, 2, 'the first reasoning delta');
    assert.equal(r.firstOutputAt, 6, 'the first non-empty argument delta (the empty one is no token)');
    assert.equal(r.tokenEvents, 4);
    assert.equal(r.reasoningEvents, 2);
    assert.deepEqual(gaps, [1, 3, 1]);
    assert.deepEqual(
      [r.outputTokens, r.inputTokens, r.reasoningTokens, r.model, r.finishReason],
      [7, 11, 2, 'gpt-5-mini', 'completed'],
    );
    assert.equal(r.text, 'Thinking{"q":"x"}');
    const lean = readEvents('openai-responses', RESPONSES, { needBody: false, needText: false, tokenCount: 'never' });
    assert.deepEqual(
      [lean.outputTokens, lean.inputTokens, lean.reasoningTokens, lean.model, lean.finishReason],
      [7, 11, 2, 'gpt-5-mini', 'completed'],
      'the byte path agrees with JSON.parse',
    );
  });

  test('Responses API: no response.completed is truncated; response.failed and error events fail with their text', () => {
    const cut = readEvents('openai-responses', RESPONSES.slice(0, -1));
    assert.equal(cut.errorKind, 'truncated');
    assert.match(cut.error ?? '', /response\.completed/);
    const failed = readEvents('openai-responses', [
      RESPONSES[0],
      ev('response.failed', {
        response: { ...resp('failed', null), error: { code: 'server_error', message: 'boom' } },
      }),
    ]);
    assert.equal(failed.errorKind, 'error-event');
    assert.match(failed.error ?? '', /boom/);
    const err = readEvents('openai-responses', [
      RESPONSES[0],
      ev('error', { code: 'rate_limit_exceeded', message: 'slow down' }),
    ]);
    assert.equal(err.errorKind, 'error-event');
    assert.match(err.error ?? '', /slow down/);
    const incomplete = readEvents(
      'openai-responses',
      [
        RESPONSES[0],
        RESPONSES[7],
        ev('response.incomplete', {
          response: {
            ...resp('incomplete', { input_tokens: 1, output_tokens: 1 }),
            incomplete_details: { reason: 'max_output_tokens' },
          },
        }),
      ],
      { needBody: false, needText: false, tokenCount: 'never' },
    );
    assert.equal(incomplete.ok, true);
    assert.equal(incomplete.finishReason, 'incomplete:max_output_tokens');
  });

  test('chat: reasoning_content then tool_calls — TTFO at the first tool-call delta, reasoning tokens from completion_tokens_details', () => {
    const r = readEvents('openai-chat', CHAT);
    assert.equal(r.ok, true, r.error);
    assert.equal(r.firstTokenAt, 1);
    assert.equal(r.firstOutputAt, 3, 'the tool-call delta that names the call');
    assert.deepEqual(
      [r.tokenEvents, r.reasoningEvents, r.outputTokens, r.reasoningTokens, r.finishReason],
      [4, 2, 9, 6, 'tool_calls'],
    );
    const lean = readEvents('openai-chat', CHAT, { needBody: false, needText: false, tokenCount: 'never' });
    assert.equal(lean.reasoningTokens, 6);
  });

  test('anthropic: thinking deltas are reasoning, signature deltas nothing, input_json_delta output; thinking text handed on for counting', () => {
    const r = readEvents('anthropic-messages', ANTHROPIC);
    assert.equal(r.ok, true, r.error);
    assert.equal(r.firstTokenAt, 2);
    assert.equal(r.firstOutputAt, 8);
    assert.deepEqual([r.tokenEvents, r.reasoningEvents, r.outputTokens, r.finishReason], [3, 2, 12, 'tool_use']);
    assert.equal(r.reasoningTokens, null, 'Anthropic usage has no split');
    assert.equal(r.reasoningText, 'Let me think');
  });

  for (const [api, events] of [
    ['openai-responses', RESPONSES],
    ['openai-chat', CHAT],
    ['anthropic-messages', ANTHROPIC],
  ] as const) {
    test(`${api}: every single split position reads the same`, () => {
      const bytes = Buffer.from(events.join(''));
      const whole = invariant(readSplit(api, bytes, [], fullOpts()));
      for (let c = 0; c <= bytes.length; c++) {
        const got = invariant(readSplit(api, bytes, [c], fullOpts()));
        if (JSON.stringify(got) !== JSON.stringify(whole)) assert.deepEqual(got, whole, `split at ${c}`);
      }
    });
  }
});
