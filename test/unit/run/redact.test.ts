import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRedactor } from '../../../src/run/redact';

describe('redactor', () => {
  const r = makeRedactor([{ key: 'sk-abc"123' }, { PORT: '8080', SHORT: 'on' }, { TOKEN: 'tok-secret' }]);

  test('text: every value, longest first; short values left alone', () => {
    assert.equal(r.text('a sk-abc"123 b tok-secret:8080 on'), 'a *** b ***:*** on');
  });

  test('deep: strings and keys only, so numbers and JSON stay intact', () => {
    const w = { tMs: 80801, note: 'port 8080', headers: { 'tok-secret': 'Bearer sk-abc"123' }, list: ['tok-secret', 8080], ok: true, nothing: null };
    const out = r.deep(w);
    assert.deepEqual(out, { tMs: 80801, note: 'port ***', headers: { '***': 'Bearer ***' }, list: ['***', 8080], ok: true, nothing: null });
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
