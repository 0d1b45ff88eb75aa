import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReader } from '../../../src/engine/ai/index';
import {
  OPENAI_CHAT,
  OPENAI_CHAT_NO_USAGE,
  OPENAI_PIECES,
  OPENAI_TEXT,
  fullOpts,
  readAll,
  readSplit,
} from './fixtures';

describe('OpenAI chat stream', () => {
  test('reads model, tokens, usage, finish reason and text', () => {
    const pieces: string[] = [];
    const r = readAll('openai-chat', OPENAI_CHAT, fullOpts(pieces));
    assert.equal(r.ok, true, r.error);
    assert.equal(r.model, 'gpt-4o-2024-08-06');
    assert.equal(r.tokenEvents, OPENAI_PIECES.length);
    assert.equal(r.outputTokens, 13);
    assert.equal(r.inputTokens, 19);
    assert.equal(r.finishReason, 'stop');
    assert.equal(r.text, OPENAI_TEXT);
    assert.equal(pieces.join(''), OPENAI_TEXT);
    assert.equal(r.countedTokens, null, 'usage present: no tokenizer by default');
    const body = r.body as { model: string; content: string; usage: { completion_tokens: number } };
    assert.equal(body.model, 'gpt-4o-2024-08-06');
    assert.equal(body.content, OPENAI_TEXT);
    assert.equal(body.usage.completion_tokens, 13);
  });

  test('the first chunk with "content":"" is not a token', () => {
    const first = OPENAI_CHAT.slice(0, OPENAI_CHAT.indexOf('\n\n') + 2);
    const r = createReader('openai-chat', true, 'text/event-stream', fullOpts());
    r.onData(Buffer.from(first), 5);
    r.onData(Buffer.from(OPENAI_CHAT.slice(first.length)), 9);
    const res = r.finish(10, true);
    assert.equal(res.firstTokenAt, 9);
    assert.equal(res.tokenEvents, OPENAI_PIECES.length);
  });

  test('first token time is the chunk that completes the first content event; gaps between token events', () => {
    const events = OPENAI_CHAT.split(/(?<=\n\n)/);
    const r = createReader('openai-chat', true, 'text/event-stream', fullOpts(undefined, []));
    const gaps: number[] = [];
    const r2 = createReader('openai-chat', true, 'text/event-stream', {
      needBody: false,
      needText: false,
      onGap: (g) => gaps.push(g),
    });
    events.forEach((ev, i) => {
      r.onData(Buffer.from(ev), 100 + i * 10);
      r2.onData(Buffer.from(ev), 100 + i * i);
    });
    const res = r.finish(1000, true);
    assert.equal(res.firstTokenAt, 110);
    assert.equal(res.lastTokenAt, 100 + OPENAI_PIECES.length * 10);
    r2.finish(1000, true);
    assert.deepEqual(gaps, [3, 5, 7, 9, 11, 13]);
  });

  test('without usage the output is counted with the tokenizer', () => {
    const r = readAll('openai-chat', OPENAI_CHAT_NO_USAGE, { needBody: false, needText: false });
    assert.equal(r.ok, true, r.error);
    assert.equal(r.outputTokens, null);
    assert.equal(r.tokenEvents, OPENAI_PIECES.length);
    assert.ok(r.countedTokens !== null && r.countedTokens >= 10 && r.countedTokens <= 20, String(r.countedTokens));
    assert.equal(r.text, undefined, 'text not kept unless asked');
    const never = readAll('openai-chat', OPENAI_CHAT_NO_USAGE, {
      needBody: false,
      needText: false,
      tokenCount: 'never',
    });
    assert.equal(never.countedTokens, null);
    const always = readAll('openai-chat', OPENAI_CHAT, { needBody: false, needText: false, tokenCount: 'always' });
    assert.equal(always.countedTokens, r.countedTokens, 'counted even with usage, to report disagreement');
    assert.equal(always.outputTokens, 13);
  });

  test('CRLF, CR-only line ends and a BOM read the same', () => {
    const base = readAll('openai-chat', OPENAI_CHAT);
    for (const variant of [
      OPENAI_CHAT.replace(/\n/g, '\r\n'),
      OPENAI_CHAT.replace(/\n/g, '\r'),
      '\uFEFF' + OPENAI_CHAT,
      '\uFEFF' + OPENAI_CHAT.replace(/\n/g, '\r'),
    ]) {
      const r = readAll('openai-chat', variant);
      assert.deepEqual(r, base);
    }
  });

  test('comments and keep-alives are ignored and never tokens', () => {
    const withComments =
      ': OPENROUTER PROCESSING\n\n' +
      OPENAI_CHAT.replace(/\n\n/g, '\n\n: keep-alive\n\n').replace(/data: \{/, ':ping\ndata: {');
    const r = readAll('openai-chat', withComments);
    assert.equal(r.ok, true, r.error);
    assert.equal(r.tokenEvents, OPENAI_PIECES.length);
    assert.equal(r.text, OPENAI_TEXT);
    const onlyComments = createReader('openai-chat', true, 'text/event-stream', fullOpts());
    onlyComments.onData(Buffer.from(': keep-alive\n\n: keep-alive\n\n'), 1);
    const res = onlyComments.finish(2, true);
    assert.equal(res.tokenEvents, 0);
    assert.equal(res.firstTokenAt, null);
    assert.equal(res.ok, false);
  });

  test('multi-line data is joined with \\n; id/retry/event fields are tolerated', () => {
    const ev =
      'id: 7\nretry: 1000\nevent: message\ndata: {"model":"m1","choices":[{"index":0,\ndata: "delta":{"content":"hi"}}]}\n\ndata: [DONE]\n\n';
    const r = readAll('openai-chat', ev);
    assert.equal(r.ok, true, r.error);
    assert.equal(r.tokenEvents, 1);
    assert.equal(r.text, 'hi');
    assert.equal(r.model, 'm1');
  });

  test('[DONE] with or without the space, and a stream without a final blank line', () => {
    for (const end of [
      'data:[DONE]\n\n',
      'data: [DONE]\n\n',
      'data: [DONE]\n',
      'data: [DONE]',
      'data:  [DONE] \r\n\r\n',
    ]) {
      const r = readAll('openai-chat', OPENAI_CHAT.replace('data: [DONE]\n\n', end));
      assert.equal(r.ok, true, `${JSON.stringify(end)}: ${r.error}`);
      assert.equal(r.tokenEvents, OPENAI_PIECES.length);
    }
  });

  test('a stream without [DONE] is truncated unless a finish reason came; a broken connection is cut', () => {
    const noDone = OPENAI_CHAT.replace('data: [DONE]\n\n', '');
    const usable = readAll('openai-chat', noDone);
    assert.equal(usable.ok, true, 'a finish reason makes the answer whole: a contract problem, not an error');
    assert.equal(usable.done, false);
    assert.equal(readAll('openai-chat', OPENAI_CHAT).done, true);
    const r = readAll('openai-chat', noDone.replace(/"finish_reason":"[a-z]+"/g, '"finish_reason":null'));
    assert.equal(r.ok, false);
    assert.equal(r.errorKind, 'truncated');
    assert.match(r.error ?? '', /without \[DONE\]/);
    assert.equal(r.tokenEvents, OPENAI_PIECES.length, 'metrics of what arrived are kept');
    const half = OPENAI_CHAT.slice(0, OPENAI_CHAT.length / 2);
    const cut = readAll('openai-chat', half, fullOpts(), false);
    assert.equal(cut.ok, false);
    assert.equal(cut.errorKind, 'cut');
    const partialDone = readAll(
      'openai-chat',
      OPENAI_CHAT.slice(0, OPENAI_CHAT.length - 5).replace(/"finish_reason":"[a-z]+"/g, '"finish_reason":null'),
    );
    assert.equal(partialDone.errorKind, 'truncated');
  });

  test('an event cut mid-JSON at the end of the body is malformed', () => {
    const text = OPENAI_CHAT.slice(0, OPENAI_CHAT.indexOf('"content":"Hello"') + 14);
    const r = readAll('openai-chat', text);
    assert.equal(r.ok, false);
    assert.equal(r.errorKind, 'malformed');
    assert.equal(r.error, 'malformed JSON in SSE event');
  });

  test('non-JSON data is a protocol error', () => {
    const r = readAll('openai-chat', 'data: hello there\n\ndata: [DONE]\n\n');
    assert.equal(r.ok, false);
    assert.equal(r.errorKind, 'malformed');
  });

  test('a mid-stream error event fails the request with its text', () => {
    const events = OPENAI_CHAT.split(/(?<=\n\n)/);
    const err =
      'data: {"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}\n\n';
    const r = readAll('openai-chat', events.slice(0, 3).join('') + err);
    assert.equal(r.ok, false);
    assert.equal(r.errorKind, 'error-event');
    assert.equal(r.error, 'error event: server_error The server had an error while processing your request.');
    assert.equal(r.tokenEvents, 2);
    const named = readAll(
      'openai-chat',
      events.slice(0, 2).join('') +
        'event: error\ndata: {"error":{"message":"Rate limit","code":"rate_limit_exceeded"}}\n\n',
    );
    assert.equal(named.error, 'error event: rate_limit_exceeded Rate limit');
  });

  test('an error object inside a chunk (OpenRouter style) fails the request', () => {
    const events = OPENAI_CHAT.split(/(?<=\n\n)/);
    const err =
      'data: {"id":"cmpl-abc123","object":"chat.completion.chunk","created":1234567890,"model":"gpt-3.5-turbo","provider":"openai","error":{"code":"server_error","message":"Provider disconnected unexpectedly"},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}\n\n';
    const r = readAll('openai-chat', events.slice(0, 4).join('') + err + 'data: [DONE]\n\n');
    assert.equal(r.ok, false);
    assert.equal(r.error, 'error event: server_error Provider disconnected unexpectedly');
    assert.equal(r.finishReason, 'error');
    assert.equal(r.tokenEvents, 3);
  });

  test('tool calls and reasoning_content are token-bearing; content null is not', () => {
    const mk = (delta: string): string =>
      `data: {"model":"deepseek-r1","choices":[{"index":0,"delta":${delta},"finish_reason":null}]}\n\n`;
    const s =
      mk('{"role":"assistant","content":null}') +
      mk('{"content":null,"reasoning_content":"Let me think"}') +
      mk(
        '{"content":null,"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get","arguments":""}}]}',
      ) +
      mk('{"tool_calls":[{"index":0,"function":{"arguments":"{\\"q\\":1}"}}]}') +
      mk('{"tool_calls":[]}') +
      `data: {"model":"deepseek-r1","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}\n\ndata: [DONE]\n\n`;
    const r = readAll('openai-chat', s);
    assert.equal(r.ok, true, r.error);
    assert.equal(r.tokenEvents, 3);
    assert.equal(r.finishReason, 'tool_calls');
    assert.equal(r.text, 'Let me think{"q":1}');
  });

  test('finish reason and usage on the last content chunk (vLLM style), spaced JSON', () => {
    const s =
      'data: {"id": "1", "model": "meta-llama/Llama-3.1-8B", "choices": [{"index": 0, "delta": {"content": "Hi"}, "finish_reason": null}]}\n\n' +
      'data: {"id": "1", "model": "meta-llama/Llama-3.1-8B", "choices": [{"index": 0, "delta": {"content": " there"}, "finish_reason": "length"}], "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}}\n\n' +
      'data: [DONE]\n\n';
    const r = readAll('openai-chat', s);
    assert.equal(r.ok, true, r.error);
    assert.equal(r.model, 'meta-llama/Llama-3.1-8B');
    assert.equal(r.tokenEvents, 2);
    assert.equal(r.finishReason, 'length');
    assert.equal(r.outputTokens, 2);
    assert.equal(r.inputTokens, 3);
    assert.equal(r.text, 'Hi there');
    const lean = readAll('openai-chat', s, { needBody: false, needText: false });
    assert.deepEqual(
      [lean.outputTokens, lean.inputTokens, lean.finishReason, lean.countedTokens],
      [2, 3, 'length', null],
    );
  });

  test('logprobs.content arrays and spaced colons do not confuse the content search', () => {
    const s =
      'data: {"model":"gpt-4o","choices":[{"index":0,"logprobs":{"content":[{"token":"","logprob":0}]},"delta":{"content" : ""}}]}\n\n' +
      'data: {"model":"gpt-4o","choices":[{"index":0,"logprobs":{"content":[{"token":"Hi","logprob":-0.1}]},"delta":{"content" :  "Hi"}}]}\n\n' +
      'data: {"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"\\"content\\":\\"x"},"finish_reason":null}]}\n\n' +
      'data: [DONE]\n\n';
    const r = readAll('openai-chat', s);
    assert.equal(r.ok, true, r.error);
    assert.equal(r.tokenEvents, 2);
    assert.equal(r.text, 'Hi"content":"x');
  });

  test('legacy completions stream choices[0].text', () => {
    const mk = (text: string, finish = 'null'): string =>
      `data: {"id":"cmpl-1","object":"text_completion","created":1,"choices":[{"text":${JSON.stringify(text)},"index":0,"logprobs":null,"finish_reason":${finish}}],"model":"gpt-3.5-turbo-instruct"}\n\n`;
    const s =
      mk('') +
      mk('Once') +
      mk(' upon') +
      mk('', '"length"') +
      'data: {"id":"cmpl-1","object":"text_completion","created":1,"model":"gpt-3.5-turbo-instruct","choices":[],"usage":{"prompt_tokens":4,"completion_tokens":2,"total_tokens":6}}\n\ndata: [DONE]\n\n';
    const r = readAll('openai-completions', s);
    assert.equal(r.ok, true, r.error);
    assert.equal(r.tokenEvents, 2);
    assert.equal(r.text, 'Once upon');
    assert.equal(r.model, 'gpt-3.5-turbo-instruct');
    assert.equal(r.finishReason, 'length');
    assert.equal(r.outputTokens, 2);
  });

  test('a stream answered with a JSON error (content-type decides)', () => {
    const r = createReader('openai-chat', true, 'application/json', fullOpts());
    r.onData(
      Buffer.from('{"error":{"message":"Invalid API key","type":"invalid_request_error","code":"invalid_api_key"}}'),
      1,
    );
    const res = r.finish(2, true);
    assert.equal(res.ok, false);
    assert.equal(res.errorKind, 'error-body');
    assert.match(res.error ?? '', /Invalid API key/);
  });

  test('keeps tail bytes only: split chunks at every position give the same result as one chunk', () => {
    // Smoke version of the fuzz suite, on the multi-byte part of the stream.
    const bytes = Buffer.from(OPENAI_CHAT);
    const whole = readSplit('openai-chat', bytes, [], fullOpts());
    const at = bytes.indexOf(Buffer.from('😀'));
    for (let c = at - 3; c <= at + 5; c++) {
      const r = readSplit('openai-chat', bytes, [c], fullOpts());
      assert.equal(r.text, whole.text);
    }
  });
});
