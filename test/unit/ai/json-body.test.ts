import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReader, countTokens, type ReaderOptions } from '../../../src/engine/ai/index';
import type { ApiDialect } from '../../../src/scenario/model';

function read(
  api: ApiDialect,
  body: string,
  opts: Partial<ReaderOptions> = {},
  contentType: string | undefined = 'application/json',
  complete = true,
) {
  const r = createReader(api, false, contentType, { needBody: true, needText: true, ...opts });
  const bytes = Buffer.from(body);
  // Split mid-way (inside a multi-byte character when there is one) to check the join.
  const mid = Math.floor(bytes.length / 2);
  r.onData(bytes.subarray(0, mid), 1);
  r.onData(bytes.subarray(mid), 2);
  return r.finish(3, complete);
}

const CHAT = JSON.stringify({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o-mini-2024-07-18',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'Bonjour, ça va ? ✓', refusal: null },
      logprobs: null,
      finish_reason: 'stop',
    },
  ],
  usage: { prompt_tokens: 9, completion_tokens: 8, total_tokens: 17 },
});

describe('non-streaming bodies', () => {
  test('openai chat: model, usage, finish reason, text, parsed body', () => {
    const r = read('openai-chat', CHAT);
    assert.equal(r.ok, true, r.error);
    assert.equal(r.model, 'gpt-4o-mini-2024-07-18');
    assert.equal(r.outputTokens, 8);
    assert.equal(r.inputTokens, 9);
    assert.equal(r.finishReason, 'stop');
    assert.equal(r.text, 'Bonjour, ça va ? ✓');
    assert.deepEqual(r.body, JSON.parse(CHAT));
    assert.equal(r.tokenEvents, 0);
    assert.equal(r.firstTokenAt, null);
    assert.equal(r.countedTokens, null);
  });

  test('without usage the text is counted', () => {
    const body = JSON.parse(CHAT) as Record<string, unknown>;
    delete body.usage;
    const r = read('openai-chat', JSON.stringify(body), { needText: false, needBody: false });
    assert.equal(r.outputTokens, null);
    assert.equal(r.countedTokens, countTokens('Bonjour, ça va ? ✓', 'gpt-4o-mini'));
    assert.equal(r.text, undefined);
    assert.equal(r.body, undefined);
  });

  test('completions, embeddings, anthropic', () => {
    const c = read(
      'openai-completions',
      '{"model":"gpt-3.5-turbo-instruct","choices":[{"text":"Once upon","index":0,"finish_reason":"length"}],"usage":{"prompt_tokens":2,"completion_tokens":2,"total_tokens":4}}',
    );
    assert.deepEqual([c.ok, c.text, c.finishReason, c.outputTokens], [true, 'Once upon', 'length', 2]);
    const e = read(
      'openai-embeddings',
      '{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,-0.2]}],"model":"text-embedding-3-small","usage":{"prompt_tokens":3,"total_tokens":3}}',
    );
    assert.deepEqual(
      [e.ok, e.model, e.inputTokens, e.outputTokens, e.countedTokens],
      [true, 'text-embedding-3-small', 3, null, null],
    );
    const a = read(
      'anthropic-messages',
      '{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"Hi!"}],"stop_reason":"end_turn","usage":{"input_tokens":12,"output_tokens":3}}',
    );
    assert.deepEqual(
      [a.ok, a.model, a.text, a.finishReason, a.inputTokens, a.outputTokens],
      [true, 'claude-haiku-4-5', 'Hi!', 'end_turn', 12, 3],
    );
  });

  test('error bodies, OpenAI and Anthropic shapes', () => {
    const o = read(
      'openai-chat',
      '{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}',
    );
    assert.equal(o.ok, false);
    assert.equal(o.errorKind, 'error-body');
    assert.equal(o.error, 'error in body: requests Rate limit reached');
    const a = read('anthropic-messages', '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}');
    assert.equal(a.error, 'error in body: overloaded_error Overloaded');
  });

  test('malformed, empty and cut bodies', () => {
    const m = read('openai-chat', '{"choices":[{"message":');
    assert.deepEqual([m.ok, m.errorKind, m.error], [false, 'malformed', 'malformed JSON body']);
    const html = read('openai-chat', '<html>502 Bad Gateway</html>', {}, 'text/html');
    assert.equal(html.errorKind, 'malformed');
    const empty = read('openai-chat', '');
    assert.deepEqual([empty.ok, empty.error], [false, 'empty body']);
    const cut = read('openai-chat', CHAT, {}, 'application/json', false);
    assert.deepEqual([cut.ok, cut.errorKind], [false, 'cut']);
  });

  test('raw: no protocol promised; parsed only when needed', () => {
    const plain = read('raw', 'pong', {}, 'text/plain');
    assert.deepEqual([plain.ok, plain.body, plain.text], [true, 'pong', 'pong']);
    const lean = read('raw', 'not json', { needBody: false, needText: false });
    assert.equal(lean.ok, true);
    const json = read('raw', CHAT);
    assert.equal(json.ok, true);
    assert.equal(json.model, 'gpt-4o-mini-2024-07-18');
    assert.deepEqual(json.body, JSON.parse(CHAT));
  });
});
