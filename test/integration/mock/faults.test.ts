// Every injected fault is observable from the client and counted by the mock.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { startMock, type MockServer } from '../../../src/mock/index';
import { get, post, timedStream } from './helpers';

const chat = { messages: [{ role: 'user', content: 'x' }] };
const chatStream = { ...chat, stream: true };

describe('mock fault injection', () => {
  let mock: MockServer;
  before(async () => {
    mock = await startMock({ port: 0, ttftMs: 1, tokensPerSecond: 2000, outputTokens: 10, seed: 9 });
  });
  after(() => mock.close());

  test("failRate: about that fraction of 500s in OpenAI's shape, reproducible with a seed", async () => {
    const outcomes = async (): Promise<number[]> => {
      mock.setConfig({ failRate: 0.3, seed: 77 });
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++) {
        const r = await post(`${mock.url}/v1/chat/completions`, chat);
        if (r.status === 500) assert.equal(JSON.parse(r.text).error.type, 'server_error');
        statuses.push(r.status);
      }
      return statuses;
    };
    mock.resetStats();
    const first = await outcomes();
    const fails = first.filter((s) => s === 500).length;
    assert.ok(fails > 40 && fails < 80, `${fails} of 200 failed at rate 0.3`);
    assert.equal(mock.stats().byOutcome['500'], fails);
    assert.equal(mock.stats().byOutcome.ok, 200 - fails);
    assert.deepEqual(await outcomes(), first, 'the same seed gives the same sequence');
    mock.setConfig({ failRate: 0 });
  });

  test('resetRate: the socket is destroyed mid-answer, JSON and stream', async () => {
    mock.setConfig({ resetRate: 1 });
    try {
      await assert.rejects(post(`${mock.url}/v1/chat/completions`, chat), (err: Error & { code?: string }) =>
        /UND_ERR_SOCKET|ECONNRESET/.test(String(err.code)),
      );
      await assert.rejects(
        timedStream(`${mock.url}/v1/chat/completions`, chatStream),
        (err: Error & { code?: string }) => /UND_ERR_SOCKET|ECONNRESET/.test(String(err.code)),
      );
      assert.equal(mock.stats().byOutcome.reset, 2);
    } finally {
      mock.setConfig({ resetRate: 0 });
    }
  });

  test('a reset stream delivers some tokens first', async () => {
    mock.setConfig({ resetRate: 1 });
    let received = '';
    try {
      const r = await request(`${mock.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify(chatStream) });
      await assert.rejects(
        (async () => {
          for await (const c of r.body) received += (c as Buffer).toString();
        })(),
      );
    } finally {
      mock.setConfig({ resetRate: 0 });
    }
    assert.match(received, /"content":"The"/);
    assert.doesNotMatch(received, /\[DONE\]/);
  });

  test('hangRate: no answer until the client gives up; the hang is counted', async () => {
    mock.setConfig({ hangRate: 1 });
    try {
      const t0 = performance.now();
      await assert.rejects(
        request(`${mock.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify(chat), headersTimeout: 300 }),
        (err: Error & { code?: string }) => err.code === 'UND_ERR_HEADERS_TIMEOUT',
      );
      assert.ok(performance.now() - t0 >= 290);
      assert.equal(mock.stats().byOutcome.hang, 1);
    } finally {
      mock.setConfig({ hangRate: 0 });
    }
  });

  test('malformedRate: broken JSON body; broken SSE without [DONE]', async () => {
    mock.setConfig({ malformedRate: 1 });
    try {
      const r = await post(`${mock.url}/v1/chat/completions`, chat);
      assert.equal(r.status, 200);
      assert.throws(() => JSON.parse(r.text));
      const s = await timedStream(`${mock.url}/v1/chat/completions`, chatStream);
      assert.equal(s.status, 200);
      assert.notEqual(s.events.at(-1)?.data, '[DONE]');
      assert.throws(() => JSON.parse(s.events.at(-1)!.data));
      const a = await timedStream(`${mock.url}/v1/messages`, { ...chatStream, max_tokens: 9 });
      assert.ok(!a.events.some((e) => e.event === 'message_stop'));
      assert.equal(mock.stats().byOutcome.malformed, 3);
    } finally {
      mock.setConfig({ malformedRate: 0 });
    }
  });

  test('midStreamErrorRate: an error event ends the stream; JSON answers are untouched', async () => {
    mock.setConfig({ midStreamErrorRate: 1 });
    try {
      const s = await timedStream(`${mock.url}/v1/chat/completions`, chatStream);
      const last = JSON.parse(s.events.at(-1)!.data);
      assert.equal(last.error.type, 'server_error');
      assert.ok(s.events.some((e) => e.data.includes('"content":"The"')));
      const a = await timedStream(`${mock.url}/v1/messages`, { ...chatStream, max_tokens: 9 });
      assert.equal(a.events.at(-1)?.event, 'error');
      assert.equal(JSON.parse(a.events.at(-1)!.data).error.type, 'overloaded_error');
      assert.equal((await post(`${mock.url}/v1/chat/completions`, chat)).status, 200);
      assert.equal(mock.stats().byOutcome.midstream_error, 2);
    } finally {
      mock.setConfig({ midStreamErrorRate: 0 });
    }
  });

  test('rateLimit: per-key bucket answers 429 with retry-after and x-ratelimit headers', async () => {
    mock.setConfig({ rateLimit: { requestsPerSecond: 2, burst: 3 } });
    try {
      const a = (): Promise<{ status: number; headers: Record<string, unknown> }> =>
        post(`${mock.url}/v1/chat/completions`, chat, { authorization: 'Bearer key-a' });
      const ok = [await a(), await a(), await a()];
      assert.deepEqual(
        ok.map((r) => r.status),
        [200, 200, 200],
      );
      assert.deepEqual(
        ok.map((r) => r.headers['x-ratelimit-remaining-requests']),
        ['2', '1', '0'],
      );
      assert.equal(ok[0].headers['x-ratelimit-limit-requests'], '3');
      const limited = await a();
      assert.equal(limited.status, 429);
      assert.equal(limited.headers['retry-after'], '1');
      assert.ok(Number(limited.headers['retry-after-ms']) > 400 && Number(limited.headers['retry-after-ms']) <= 500);
      assert.equal(limited.headers['x-ratelimit-remaining-requests'], '0');
      assert.match(String(limited.headers['x-ratelimit-reset-requests']), /^\d+(ms|(\.\d+)?s)$/);
      const other = await post(`${mock.url}/v1/chat/completions`, chat, { authorization: 'Bearer key-b' });
      assert.equal(other.status, 200, 'another key has its own bucket');
      const anth = await post(`${mock.url}/v1/messages`, { ...chat, max_tokens: 5 }, { 'x-api-key': 'key-a' });
      assert.equal(anth.status, 429);
      assert.equal(JSON.parse(anth.text).error.type, 'rate_limit_error');
      assert.equal(anth.headers['anthropic-ratelimit-requests-remaining'], '0');
      assert.equal(mock.stats().byOutcome['429'], 2);
    } finally {
      mock.setConfig({ rateLimit: null });
    }
  });

  test('apiKeys: missing or wrong key is a 401; Bearer or x-api-key is accepted', async () => {
    mock.setConfig({ apiKeys: ['sk-good'] });
    mock.resetStats();
    try {
      const missing = await get(`${mock.url}/v1/models`);
      assert.equal(missing.status, 401);
      assert.equal(JSON.parse(missing.text).error.code, 'invalid_api_key');
      const wrong = await post(`${mock.url}/v1/chat/completions`, chat, { authorization: 'Bearer sk-bad-key-123' });
      assert.equal(wrong.status, 401);
      assert.doesNotMatch(wrong.text, /sk-bad-key-123/, 'the error does not echo the whole key');
      assert.equal(
        (await post(`${mock.url}/v1/chat/completions`, chat, { authorization: 'Bearer sk-good' })).status,
        200,
      );
      assert.equal(
        (await post(`${mock.url}/v1/messages`, { ...chat, max_tokens: 3 }, { 'x-api-key': 'sk-good' })).status,
        200,
      );
      const s = mock.stats();
      assert.equal(s.byOutcome['401'], 2);
      assert.deepEqual(
        s.lastAuth.map((x) => x.authorization ?? x.xApiKey ?? null),
        [null, 'Bearer sk-bad-key-123', 'Bearer sk-good', 'sk-good'],
      );
    } finally {
      mock.setConfig({ apiKeys: [] });
    }
  });
});
