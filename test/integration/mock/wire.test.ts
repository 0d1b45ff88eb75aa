// Wire framing checked byte by byte over raw HTTP: SSE events, [DONE], usage chunk, Anthropic's
// named events, headers, errors for bad requests and unknown routes, keep-alive.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Pool } from 'undici';
import { startMock, type MockServer } from '../../../src/mock/index';
import { get, post, timedStream } from './helpers';

describe('mock wire format', () => {
  let mock: MockServer;
  before(async () => {
    mock = await startMock({ port: 0, ttftMs: 1, tokensPerSecond: 0, outputTokens: 4, seed: 3 });
  });
  after(() => mock.close());

  test('OpenAI chat stream: role chunk, tokens, finish chunk, usage chunk, [DONE]', async () => {
    const { status, events } = await timedStream(`${mock.url}/v1/chat/completions`, {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    assert.equal(status, 200);
    assert.equal(events.at(-1)?.data, '[DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.data));
    assert.deepEqual(chunks[0].choices[0].delta, { role: 'assistant', content: '', refusal: null });
    assert.deepEqual(
      chunks.slice(1, 5).map((c) => c.choices[0].delta.content),
      ['The', ' quick', ' brown', ' fox'],
    );
    assert.deepEqual(chunks[5].choices[0], { index: 0, delta: {}, logprobs: null, finish_reason: 'stop' });
    assert.deepEqual(chunks[6].choices, []);
    assert.deepEqual(chunks[6].usage, { prompt_tokens: 8, completion_tokens: 4, total_tokens: 12 });
    assert.ok(
      chunks
        .slice(0, 6)
        .every((c) => c.usage === null && c.object === 'chat.completion.chunk' && c.id === chunks[0].id),
    );
  });

  test('without include_usage there is no usage chunk and no usage field', async () => {
    const { events } = await timedStream(`${mock.url}/v1/chat/completions`, {
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.data));
    assert.equal(chunks.length, 6);
    assert.ok(chunks.every((c) => !('usage' in c) && c.choices.length === 1));
    assert.equal(events.at(-1)?.data, '[DONE]');
  });

  test('completions stream choices[0].text', async () => {
    const { events } = await timedStream(`${mock.url}/v1/completions`, { prompt: 'x', stream: true, max_tokens: 2 });
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.data));
    assert.deepEqual(
      chunks.map((c) => c.choices[0].text),
      ['The', ' quick', ''],
    );
    assert.equal(chunks[2].choices[0].finish_reason, 'length');
  });

  test('Anthropic stream: message_start … message_stop with a ping', async () => {
    const { status, events } = await timedStream(`${mock.url}/v1/messages`, {
      model: 'claude-3-5-haiku-latest',
      max_tokens: 100,
      system: 'be brief',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    assert.equal(status, 200);
    assert.deepEqual(
      events.map((e) => e.event),
      [
        'message_start',
        'content_block_start',
        'ping',
        'content_block_delta',
        'content_block_delta',
        'content_block_delta',
        'content_block_delta',
        'content_block_stop',
        'message_delta',
        'message_stop',
      ],
    );
    for (const e of events) assert.equal(JSON.parse(e.data).type, e.event, 'each data names its event');
    const start = JSON.parse(events[0].data);
    assert.equal(
      start.message.usage.input_tokens,
      3 + (3 + 1 + 2) + (3 + 1 + 1),
      'priming, system (framing, role, text), one message (framing, role, text)',
    );
    assert.equal(start.message.model, 'claude-3-5-haiku-latest');
    assert.deepEqual(
      events
        .slice(3, 7)
        .map((e) => JSON.parse(e.data).delta.text)
        .join(''),
      'The quick brown fox',
    );
    assert.deepEqual(JSON.parse(events[8].data), {
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: 4 },
    });
  });

  test('Anthropic JSON answer, and max_tokens is required', async () => {
    const r = await post(`${mock.url}/v1/messages`, {
      model: 'c',
      max_tokens: 2,
      messages: [{ role: 'user', content: 'hi' }],
    });
    assert.equal(r.status, 200);
    const m = JSON.parse(r.text);
    assert.deepEqual(m.content, [{ type: 'text', text: 'The quick' }]);
    assert.equal(m.stop_reason, 'max_tokens');
    assert.deepEqual(m.usage, { input_tokens: 8, output_tokens: 2 });
    assert.match(String(r.headers['request-id']), /^req_/);
    assert.equal(r.headers['anthropic-ratelimit-requests-limit'], '10000');
    const bad = await post(`${mock.url}/v1/messages`, { model: 'c', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(bad.status, 400);
    assert.deepEqual(JSON.parse(bad.text), {
      type: 'error',
      error: { type: 'invalid_request_error', message: 'max_tokens: Field required' },
    });
  });

  test('JSON answers carry x-request-id, rate-limit headers and content-length', async () => {
    const a = await post(`${mock.url}/v1/chat/completions`, { messages: [{ role: 'user', content: 'hi' }] });
    const b = await post(`${mock.url}/v1/chat/completions`, { messages: [{ role: 'user', content: 'hi' }] });
    assert.match(String(a.headers['x-request-id']), /^req_\w+$/);
    assert.notEqual(a.headers['x-request-id'], b.headers['x-request-id']);
    for (const h of [
      'limit-requests',
      'remaining-requests',
      'reset-requests',
      'limit-tokens',
      'remaining-tokens',
      'reset-tokens',
    ]) {
      assert.ok(a.headers[`x-ratelimit-${h}`], `x-ratelimit-${h}`);
    }
    assert.equal(Number(a.headers['content-length']), Buffer.byteLength(a.text));
    assert.equal(a.headers['content-type'], 'application/json');
  });

  test("404 and 400 in OpenAI's error shape", async () => {
    const nf = await get(`${mock.url}/v1/nothing-here`);
    assert.equal(nf.status, 404);
    assert.equal(JSON.parse(nf.text).error.code, 'unknown_url');
    const bad = await post(`${mock.url}/v1/chat/completions`, '{"messages": [');
    assert.equal(bad.status, 400);
    assert.equal(JSON.parse(bad.text).error.type, 'invalid_request_error');
    const zero = await post(`${mock.url}/v1/chat/completions`, {
      messages: [{ role: 'user', content: 'x' }],
      max_tokens: 0,
    });
    assert.equal(zero.status, 400);
    assert.match(JSON.parse(zero.text).error.message, /max_tokens/);
    const oddModel = await get(`${mock.url}/v1/models/%E0%A4%A`);
    assert.equal(oddModel.status, 200, 'a malformed escape in the path does not bring the mock down');
    assert.equal(mock.stats().byOutcome['404'], 1);
    assert.ok(mock.stats().byOutcome['400'] >= 2);
  });

  test('model routing answers as another model', async () => {
    mock.setConfig({ routeModel: { 'gpt-4o': 'gpt-4o-mini-2024-07-18' } });
    try {
      const routed = JSON.parse(
        (await post(`${mock.url}/v1/chat/completions`, { model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }))
          .text,
      );
      const kept = JSON.parse(
        (await post(`${mock.url}/v1/chat/completions`, { model: 'other', messages: [{ role: 'user', content: 'x' }] }))
          .text,
      );
      assert.equal(routed.model, 'gpt-4o-mini-2024-07-18');
      assert.equal(kept.model, 'other');
    } finally {
      mock.setConfig({ routeModel: null });
    }
  });

  test('connections are kept alive across requests', async () => {
    const pool = new Pool(mock.url, { connections: 1 });
    mock.resetStats();
    try {
      for (let i = 0; i < 5; i++) {
        const r = await post(
          `${mock.url}/v1/chat/completions`,
          { messages: [{ role: 'user', content: 'x' }], stream: i % 2 === 0 },
          {},
          pool,
        );
        assert.equal(r.status, 200);
      }
      const s = mock.stats();
      assert.equal(s.requests, 5);
      assert.equal(s.peakConnections, s.openConnections, 'no new connection was opened beyond the pooled one');
    } finally {
      await pool.close();
    }
  });

  test('control routes: stats, config patch, reset', async () => {
    const patched = await post(`${mock.url}/__mock/config`, { outputTokens: 2, failRate: 0 });
    assert.equal(patched.status, 200);
    assert.equal(mock.config().outputTokens, 2);
    const refused = await post(`${mock.url}/__mock/config`, { outputTokenz: 2 });
    assert.equal(refused.status, 400);
    assert.match(JSON.parse(refused.text).error.message, /unknown config key 'outputTokenz'/);
    await post(
      `${mock.url}/v1/chat/completions`,
      { messages: [{ role: 'user', content: 'x' }] },
      { authorization: 'Bearer sk-secret-1', 'x-api-key': 'ak-2' },
    );
    const stats = JSON.parse((await get(`${mock.url}/__mock/stats`)).text);
    assert.deepEqual(stats.lastAuth.at(-1), {
      route: '/v1/chat/completions',
      authorization: 'Bearer sk-secret-1',
      xApiKey: 'ak-2',
    });
    assert.ok(stats.outputTokens >= 2);
    await post(`${mock.url}/__mock/reset`, {});
    assert.equal(mock.stats().requests, 0);
    mock.setConfig({ outputTokens: 4 });
  });
});
