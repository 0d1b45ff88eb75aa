import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compile, fill, TemplateError } from '../../../src/engine/expand';

const values = {
  env: { HOST: 'h.example' },
  dotenv: { D: 'dv' },
  secrets: { key: 'sk-"quoted"' },
  vars: { user: 'u-${vu}', plain: 'p' },
};
const ctx = { vu: 3, iteration: 41, prompt: 'He said "hi"\n', request: 'chat' };

describe('templates', () => {
  test('run-constant references fold into static text', () => {
    const c = compile('https://${env:HOST}/${dotenv:D}?k=${secret:key}&v=${var:plain}', values);
    assert.equal(c.constant, 'https://h.example/dv?k=sk-"quoted"&v=p');
  });

  test('per-request references fill each time; variables splice their own slots', () => {
    const c = compile('${var:user}/${iteration}/${request}', values);
    assert.equal(c.constant, null);
    assert.equal(fill(c, ctx), 'u-3/41/chat');
    const u = compile('${uuid}', values);
    assert.notEqual(fill(u, ctx), fill(u, ctx));
    assert.match(fill(u, ctx), /^[0-9a-f-]{36}$/);
  });

  test('JSON mode escapes inserted values so the body stays valid JSON', () => {
    const c = compile(JSON.stringify({ auth: '${secret:key}', p: '${prompt}', u: '${var:user}' }), values, true);
    assert.deepEqual(JSON.parse(fill(c, ctx)), { auth: 'sk-"quoted"', p: 'He said "hi"\n', u: 'u-3' });
  });

  test('defaults apply; missing secrets and unknown variables stop the run', () => {
    assert.equal(compile('${env:NOPE:-fallback}', values).constant, 'fallback');
    assert.throws(() => compile('${secret:missing}', values), TemplateError);
    assert.throws(() => compile('${env:NOPE}', values), /not set/);
    assert.throws(() => compile('${var:nope}', values), /not defined/);
  });

  test('$${ is a literal', () => {
    assert.equal(compile('a$${b}', values).constant, 'a${b}');
  });
});
