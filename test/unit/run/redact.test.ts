import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRedactor } from '../../../src/shared/redact';

describe('redactor', () => {
  const r = makeRedactor([{ key: 'sk-abc"123' }, { PORT: '8080', SHORT: 'on' }, { TOKEN: 'tok-secret' }]);

  test('text: every value, longest first; short values left alone', () => {
    assert.equal(r.text('a sk-abc"123 b tok-secret:8080 on'), 'a *** b ***:*** on');
  });

  test('deep: strings and keys only, so numbers and JSON stay intact', () => {
    const w = {
      tMs: 80801,
      note: 'port 8080',
      headers: { 'tok-secret': 'Bearer sk-abc"123' },
      list: ['tok-secret', 8080],
      ok: true,
      nothing: null,
    };
    const out = r.deep(w);
    assert.deepEqual(out, {
      tMs: 80801,
      note: 'port ***',
      headers: { '***': 'Bearer ***' },
      list: ['***', 8080],
      ok: true,
      nothing: null,
    });
    assert.doesNotThrow(() => JSON.parse(JSON.stringify(out)));
    assert.ok(!JSON.stringify(out).includes('sk-abc'));
  });

  test('no values: data passes through untouched', () => {
    const none = makeRedactor([{}]);
    const v = { a: 1 };
    assert.equal(none.deep(v), v);
    assert.equal(none.text('x'), 'x');
  });
});

test('the gateway URL from the environment stays visible unless it is also used elsewhere; secrets never', async () => {
  const { redactionSources } = await import('../../../src/run/redact');
  const { scenarioWith } = await import('../extension/scenario-fixture');
  const base = scenarioWith([{ durationMs: 1000, target: 1, label: '1/s' }]);
  const scenario = {
    ...base,
    target: { ...base.target, baseUrl: '${env:GATEWAY_URL}', headers: { Authorization: 'Bearer ${env:API_TOKEN}' } },
  };
  const values = {
    secrets: { k: 'sk-secret-1' },
    env: { GATEWAY_URL: 'http://10.0.0.5:8080', API_TOKEN: 'tok-123' },
    dotenv: {},
  };
  const r = makeRedactor(redactionSources(scenario, values));
  assert.equal(
    r.text('POST http://10.0.0.5:8080/v1 with tok-123 and sk-secret-1'),
    'POST http://10.0.0.5:8080/v1 with *** and ***',
  );
  // The same URL value also sent in a header: hidden everywhere.
  const leaky = { ...scenario, target: { ...scenario.target, headers: { 'X-Upstream': '${env:GATEWAY_URL}' } } };
  assert.equal(makeRedactor(redactionSources(leaky, values)).text('http://10.0.0.5:8080'), '***');
});
