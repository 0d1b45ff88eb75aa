// The official `openai` client, unchanged, against the mock: the mock is a faithful peer.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startMock, type MockServer } from '../../../src/mock/index';

describe('official openai client against the mock', () => {
  let mock: MockServer;
  let client: OpenAI;

  before(async () => {
    mock = await startMock({
      port: 0,
      ttftMs: 5,
      tokensPerSecond: 1000,
      outputTokens: 12,
      apiKeys: ['sk-test-123'],
      seed: 1,
    });
    client = new OpenAI({ apiKey: 'sk-test-123', baseURL: `${mock.url}/v1`, maxRetries: 0 });
  });
  after(() => mock.close());

  test('chat completion, not streamed', async () => {
    const r = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Say hello' }],
    });
    assert.equal(r.object, 'chat.completion');
    assert.equal(r.model, 'gpt-4o-mini');
    assert.equal(r.choices[0].message.role, 'assistant');
    assert.equal(r.choices[0].message.content, 'The quick brown fox jumps over the lazy dog and a gateway');
    assert.equal(r.choices[0].finish_reason, 'stop');
    assert.deepEqual(r.usage, { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21 });
  });

  test('chat completion, streamed with usage, capped by max_completion_tokens', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Say hello' }],
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 5,
    });
    let text = '';
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | undefined;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    assert.equal(text, 'The quick brown fox jumps');
    assert.equal(finish, 'length');
    assert.equal(chunks, 1 + 5 + 1 + 1, 'role chunk, 5 tokens, finish chunk, usage chunk');
    assert.deepEqual(usage, { prompt_tokens: 9, completion_tokens: 5, total_tokens: 14 });
  });

  test('legacy completions, streamed and not', async () => {
    const r = await client.completions.create({ model: 'gpt-4o-mini', prompt: 'Once upon a time', max_tokens: 3 });
    assert.equal(r.choices[0].text, 'The quick brown');
    assert.equal(r.usage?.completion_tokens, 3);
    assert.equal(r.usage?.prompt_tokens, 4);
    const stream = await client.completions.create({
      model: 'gpt-4o-mini',
      prompt: 'Once',
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const c of stream) {
      text += c.choices[0]?.text ?? '';
      if (c.usage) usage = c.usage;
    }
    assert.equal(text, 'The quick brown fox jumps over the lazy dog and a gateway');
    assert.equal(usage?.completion_tokens, 12);
  });

  test('embeddings in base64 (the client default) and as floats', async () => {
    const r = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['alpha', 'beta'] });
    assert.equal(r.data.length, 2);
    assert.equal(r.data[0].embedding.length, 256);
    const norm = r.data[0].embedding.reduce((s, v) => s + v * v, 0);
    assert.ok(Math.abs(norm - 1) < 1e-4, `unit vector, norm ${norm}`);
    assert.notDeepEqual(r.data[0].embedding, r.data[1].embedding);
    const f = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'alpha',
      encoding_format: 'float',
      dimensions: 8,
    });
    assert.equal(f.data[0].embedding.length, 8);
    assert.equal(f.usage.prompt_tokens, 1);
  });

  test('models list and one model', async () => {
    const ids: string[] = [];
    for await (const m of client.models.list()) ids.push(m.id);
    assert.deepEqual(ids, ['gpt-4o-mini', 'gpt-4o', 'text-embedding-3-small', 'claude-3-5-haiku-latest']);
    assert.equal((await client.models.retrieve('gpt-4o')).id, 'gpt-4o');
  });

  test('a wrong key is an AuthenticationError; the mock saw the key', async () => {
    const bad = new OpenAI({ apiKey: 'sk-wrong', baseURL: `${mock.url}/v1`, maxRetries: 0 });
    await assert.rejects(
      bad.models.list(),
      (err: unknown) =>
        err instanceof OpenAI.AuthenticationError && err.status === 401 && /Incorrect API key/.test(err.message),
    );
    assert.equal(mock.stats().lastAuth.at(-1)?.authorization, 'Bearer sk-wrong');
  });

  test('a 429 is a RateLimitError carrying retry-after', async () => {
    mock.setConfig({ rateLimit: { requestsPerSecond: 0.5, burst: 1 } });
    try {
      await client.models.list();
      const err = await client.models.list().then(
        () => null,
        (e: unknown) => e,
      );
      assert.ok(err instanceof OpenAI.RateLimitError, String(err));
      assert.equal(err.headers.get('retry-after'), '2');
      assert.equal(err.headers.get('x-ratelimit-remaining-requests'), '0');
    } finally {
      mock.setConfig({ rateLimit: null });
    }
  });
});
