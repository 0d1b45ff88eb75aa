import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReader } from '../../../src/engine/ai/index';
import { ANTHROPIC, fullOpts, readAll } from './fixtures';

describe('Anthropic messages stream', () => {
  test('reads the documented sequence with pings', () => {
    const pieces: string[] = [];
    const r = readAll('anthropic-messages', ANTHROPIC, fullOpts(pieces));
    assert.equal(r.ok, true, r.error);
    assert.equal(r.model, 'claude-sonnet-4-5-20250929');
    assert.equal(r.tokenEvents, 3, 'content_block_delta events only, pings and block starts excluded');
    assert.equal(r.inputTokens, 25, 'from message_start');
    assert.equal(r.outputTokens, 15, 'from message_delta, not the placeholder in message_start');
    assert.equal(r.finishReason, 'end_turn');
    assert.equal(r.text, 'Hello wörld ✓!\n');
    assert.deepEqual(pieces, ['Hello', ' wörld ✓', '!\n']);
    const body = r.body as { usage: { input_tokens: number; output_tokens: number } };
    assert.deepEqual([body.usage.input_tokens, body.usage.output_tokens], [25, 15]);
  });

  test('gaps between deltas, stamped by chunk', () => {
    const events = ANTHROPIC.split(/(?<=\n\n)/);
    const gaps: number[] = [];
    let firstAt = -1;
    const reader = createReader('anthropic-messages', true, 'text/event-stream', {
      needBody: false,
      needText: false,
      onGap: (g) => gaps.push(g),
    });
    events.forEach((ev, i) => {
      reader.onData(Buffer.from(ev), i * 100);
      if (firstAt < 0 && ev.includes('content_block_delta')) firstAt = i * 100;
    });
    const res = reader.finish(2000, true);
    assert.equal(res.firstTokenAt, firstAt);
    assert.deepEqual(gaps, [100, 200]);
  });

  test('an empty body is truncated', () => {
    const r = readAll('anthropic-messages', '', { needBody: false, needText: false });
    assert.equal(r.errorKind, 'truncated');
    assert.equal(r.tokenEvents, 0);
  });

  test('missing message_stop after a stop reason is usable (not done); without a stop reason it is truncated', () => {
    const noStop = ANTHROPIC.replace('event: message_stop\ndata: {"type":"message_stop"}\n\n', '');
    const r = readAll('anthropic-messages', noStop);
    assert.equal(r.ok, true, r.error);
    assert.equal(r.done, false);
    assert.equal(r.outputTokens, 15);
    const cut = readAll('anthropic-messages', noStop.slice(0, noStop.indexOf('event: message_delta')));
    assert.equal(cut.ok, false);
    assert.equal(cut.errorKind, 'truncated');
    assert.match(cut.error ?? '', /message_stop/);
    assert.equal(readAll('anthropic-messages', ANTHROPIC).done, true);
  });

  test('error event mid-stream', () => {
    const cut = ANTHROPIC.indexOf('event: content_block_stop');
    const r = readAll(
      'anthropic-messages',
      ANTHROPIC.slice(0, cut) +
        'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
    );
    assert.equal(r.ok, false);
    assert.equal(r.errorKind, 'error-event');
    assert.equal(r.error, 'error event: overloaded_error Overloaded');
    assert.equal(r.tokenEvents, 3);
  });

  test('events without `event:` lines are recognised by their type', () => {
    const noNames = ANTHROPIC.replace(/^event: .*\n/gm, '');
    const r = readAll('anthropic-messages', noNames);
    assert.equal(r.ok, true, r.error);
    assert.equal(r.tokenEvents, 3);
    assert.equal(r.outputTokens, 15);
    assert.equal(r.model, 'claude-sonnet-4-5-20250929');
  });

  test('tool use: empty partial_json is not a token, later pieces are; thinking deltas count', () => {
    const start = ANTHROPIC.slice(0, ANTHROPIC.indexOf('event: content_block_start'));
    const ev = (name: string, data: string): string => `event: ${name}\ndata: ${data}\n\n`;
    const s =
      start +
      ev(
        'content_block_start',
        '{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}',
      ) +
      ev(
        'content_block_delta',
        '{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Hmm."}}',
      ) +
      ev(
        'content_block_delta',
        '{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM"}}',
      ) +
      ev('content_block_stop', '{"type":"content_block_stop","index":0}') +
      ev(
        'content_block_start',
        '{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01","name":"get_weather","input":{}}}',
      ) +
      ev(
        'content_block_delta',
        '{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}',
      ) +
      ev(
        'content_block_delta',
        '{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\": \\"Paris\\"}"}}',
      ) +
      ev('content_block_stop', '{"type":"content_block_stop","index":1}') +
      ev(
        'message_delta',
        '{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":40}}',
      ) +
      ev('message_stop', '{"type":"message_stop"}');
    const r = readAll('anthropic-messages', s);
    assert.equal(r.ok, true, r.error);
    assert.equal(r.tokenEvents, 2);
    assert.equal(r.finishReason, 'tool_use');
    assert.equal(r.text, 'Hmm.{"city": "Paris"}');
  });

  test('without usage the output is counted with the tokenizer', () => {
    const noUsage = ANTHROPIC.replace(',"usage":{"output_tokens":15}', '');
    const r = readAll('anthropic-messages', noUsage, { needBody: false, needText: false });
    assert.equal(r.ok, true, r.error);
    assert.equal(r.outputTokens, null);
    assert.ok(r.countedTokens !== null && r.countedTokens >= 4 && r.countedTokens <= 9, String(r.countedTokens));
  });
});

describe('raw streams', () => {
  test('a raw stream of Anthropic shape is read as Anthropic; no terminator required', () => {
    const r = readAll('raw', ANTHROPIC.replace('event: message_stop\ndata: {"type":"message_stop"}\n\n', ''));
    assert.equal(r.ok, true, r.error);
    assert.equal(r.tokenEvents, 3);
    assert.equal(r.outputTokens, 15);
  });

  test('a raw stream of OpenAI shape (chat or completions) is read as OpenAI', () => {
    const s =
      'data: {"model":"x","choices":[{"delta":{"content":"a"}}]}\n\ndata: {"model":"x","choices":[{"text":"b"}]}\n\n';
    const r = readAll('raw', s);
    assert.equal(r.ok, true, r.error);
    assert.equal(r.tokenEvents, 2);
    assert.equal(r.text, 'ab');
    assert.equal(r.model, 'x');
  });
});
