import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isSecretName, makeRedactor } from '../../../src/shared/redact';
import { scenarioWith } from '../extension/scenario-fixture';

describe('the one redactor: by header name and by value', () => {
  test('credential header names, whatever their case; rate-limit counters and ordinary headers are not', () => {
    for (const n of [
      'Authorization',
      'authorization',
      'x-api-key',
      'api-key',
      'anthropic-api-key',
      'Proxy-Authorization',
      'x-goog-key',
      'X-Auth-Token',
      'client-secret',
      'Cookie',
    ])
      assert.ok(isSecretName(n), n);
    for (const n of [
      'content-type',
      'accept',
      'x-request-id',
      'x-ratelimit-remaining-tokens',
      'anthropic-ratelimit-tokens-remaining',
      'ratelimit-limit',
      'keep-alive',
    ])
      assert.ok(!isSecretName(n), n);
  });

  test('headers: a literal credential goes by name, a known value by value, references stay', () => {
    const r = makeRedactor([{ k: 'sk-live-123' }]);
    assert.deepEqual(
      r.headers({
        Authorization: 'Bearer pasted-literal',
        'x-api-key': '${secret:key}',
        'x-echo': 'has sk-live-123 inside',
        accept: 'json',
      }),
      {
        Authorization: 'Bearer [redacted]',
        'x-api-key': '${secret:key}',
        'x-echo': 'has *** inside',
        accept: 'json',
      },
    );
  });

  test('scenario: both rules at once, so neither a pasted key nor a resolved value reaches scenario.json', () => {
    const base = scenarioWith([{ durationMs: 1000, target: 1, label: '1/s' }]);
    const s = {
      ...base,
      target: {
        ...base.target,
        baseUrl: 'http://127.0.0.1:1',
        headers: { 'anthropic-api-key': 'sk-ant-literal', 'x-note': 'value sk-live-123' },
      },
    };
    const out = makeRedactor([{ k: 'sk-live-123' }]).scenario(s);
    const text = JSON.stringify(out);
    assert.ok(!text.includes('sk-ant-literal') && !text.includes('sk-live-123'), text);
    assert.equal(out.target.headers['anthropic-api-key'], '[redacted]');
    assert.equal(out.target.headers['x-note'], 'value ***');
    assert.equal(s.target.headers['anthropic-api-key'], 'sk-ant-literal', 'the input is not modified');
  });
});
