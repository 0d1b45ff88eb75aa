import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildBody, defaultPath, dialectHeaders } from '../../../src/dialects/body';
import type { RequestSpec } from '../../../src/scenario/model';

function spec(over: Partial<RequestSpec>): RequestSpec {
  return {
    name: 'r',
    weight: 1,
    api: 'openai-chat',
    method: 'POST',
    path: '/v1/chat/completions',
    stream: false,
    headers: {},
    checks: [],
    ...over,
  };
}

describe('request bodies per dialect', () => {
  test('default paths', () => {
    assert.equal(defaultPath('openai-chat'), '/v1/chat/completions');
    assert.equal(defaultPath('openai-completions'), '/v1/completions');
    assert.equal(defaultPath('openai-embeddings'), '/v1/embeddings');
    assert.equal(defaultPath('anthropic-messages'), '/v1/messages');
    assert.equal(defaultPath('raw'), '');
  });

  test('openai-chat streaming asks for usage', () => {
    const b = buildBody(
      spec({ model: 'gpt-4o-mini', stream: true, maxTokens: 64, temperature: 0.2, system: 'Be brief.' }),
      'Hi',
    );
    assert.deepEqual(b, {
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      stream: true,
      max_tokens: 64,
      temperature: 0.2,
      stream_options: { include_usage: true },
    });
  });

  test('openai-chat without stream has no stream_options and omits unset fields', () => {
    const b = buildBody(spec({ model: 'm' }), 'Hi');
    assert.deepEqual(b, { model: 'm', messages: [{ role: 'user', content: 'Hi' }], stream: false });
  });

  test('extra body fields merge over the built body (deep for objects, null removes)', () => {
    const s = spec({
      model: 'm',
      stream: true,
      maxTokens: 10,
      body: { max_tokens: 99, stream_options: { continuous_usage_stats: true }, user: 'load', temperature: null },
    });
    const b = buildBody({ ...s, temperature: 0.5 }, 'Hi') as Record<string, unknown>;
    assert.equal(b.max_tokens, 99);
    assert.deepEqual(b.stream_options, { include_usage: true, continuous_usage_stats: true });
    assert.equal(b.user, 'load');
    assert.equal('temperature' in b, false);
    const resolved = buildBody(s, 'Hi', { stream_options: null, seed: 7 }) as Record<string, unknown>;
    assert.equal('stream_options' in resolved, false, 'resolvedExtra replaces spec.body');
    assert.equal(resolved.seed, 7);
    assert.equal(resolved.max_tokens, 10);
  });

  test('completions, embeddings', () => {
    assert.deepEqual(
      buildBody(
        spec({ api: 'openai-completions', model: 'gpt-3.5-turbo-instruct', stream: true, maxTokens: 5 }),
        'Once',
      ),
      {
        model: 'gpt-3.5-turbo-instruct',
        prompt: 'Once',
        stream: true,
        max_tokens: 5,
        stream_options: { include_usage: true },
      },
    );
    assert.deepEqual(
      buildBody(spec({ api: 'openai-embeddings', model: 'text-embedding-3-small', stream: false }), 'vector me'),
      {
        model: 'text-embedding-3-small',
        input: 'vector me',
      },
    );
  });

  test('anthropic messages: max_tokens required (default 256), system at top level', () => {
    assert.deepEqual(
      buildBody(spec({ api: 'anthropic-messages', model: 'claude-sonnet-4-5', stream: true, system: 'Sys' }), 'Hi'),
      {
        model: 'claude-sonnet-4-5',
        max_tokens: 256,
        system: 'Sys',
        messages: [{ role: 'user', content: 'Hi' }],
        stream: true,
      },
    );
    const b = buildBody(
      spec({ api: 'anthropic-messages', model: 'c', stream: false, maxTokens: 1024 }),
      undefined,
    ) as Record<string, unknown>;
    assert.equal(b.max_tokens, 1024);
    assert.deepEqual(b.messages, [{ role: 'user', content: '' }]);
  });

  test('raw: the body as is', () => {
    const body = { anything: ['goes', 1], nested: { a: null } };
    assert.deepEqual(buildBody(spec({ api: 'raw', body }), 'ignored'), body);
    assert.equal(buildBody(spec({ api: 'raw', body: 'text body' }), undefined), 'text body');
    assert.deepEqual(buildBody(spec({ api: 'raw', body }), undefined, { resolved: true }), { resolved: true });
  });

  test('dialect headers', () => {
    assert.deepEqual(dialectHeaders('anthropic-messages'), {
      'content-type': 'application/json',
      'anthropic-version': '2023-06-01',
    });
    assert.deepEqual(dialectHeaders('openai-chat'), { 'content-type': 'application/json' });
    assert.deepEqual(dialectHeaders('raw'), {});
  });
});
