// Pure parts of the HTTP client: which proxy an origin takes, what undici would refuse, and how
// failures are classified (class, code, message).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { proxyFor } from '../../../src/engine/proxy';
import { refusal } from '../../../src/engine/request-check';
import { classifyError } from '../../../src/engine/error-class';

test('proxyFor reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY as curl does; an explicit proxy wins', () => {
  const env = {
    HTTPS_PROXY: 'http://p:1',
    HTTP_PROXY: 'http://p:2',
    NO_PROXY: 'internal.example, .corp.example,10.0.0.1:8443,[::1]',
  };
  assert.equal(proxyFor('https://gw.example.com', undefined, env), 'http://p:1');
  assert.equal(proxyFor('http://gw.example.com', undefined, env), 'http://p:2');
  assert.equal(proxyFor('http://internal.example', undefined, env), null);
  assert.equal(proxyFor('https://a.corp.example', undefined, env), null);
  assert.equal(proxyFor('https://corp.example', undefined, env), null);
  assert.equal(proxyFor('https://notcorp.example', undefined, env), 'http://p:1');
  assert.equal(proxyFor('https://10.0.0.1:8443', undefined, env), null);
  assert.equal(proxyFor('https://10.0.0.1:9443', undefined, env), 'http://p:1');
  assert.equal(proxyFor('http://[::1]:8080', undefined, env), null);
  assert.equal(proxyFor('http://gw.example.com', undefined, { ...env, NO_PROXY: '*' }), null);
  assert.equal(proxyFor('http://gw.example.com', undefined, { http_proxy: 'http://lower:3' }), 'http://lower:3');
  assert.equal(proxyFor('http://internal.example', 'http://explicit:4', env), 'http://explicit:4');
  assert.equal(proxyFor('http://gw.example.com', undefined, {}), null);
  // The editor's http.proxy: loopback and http.noProxy hosts go direct; the environment is not read then.
  const editor = { url: 'http://editor:5', noProxy: ['.corp.example'] };
  assert.equal(proxyFor('https://gw.example.com', undefined, env, editor), 'http://editor:5');
  assert.equal(proxyFor('http://127.0.0.1:8790', undefined, env, editor), null);
  assert.equal(proxyFor('http://localhost:8790', undefined, env, editor), null);
  assert.equal(proxyFor('https://a.corp.example', undefined, env, editor), null);
  assert.equal(proxyFor('https://gw.example.com', 'http://explicit:4', env, editor), 'http://explicit:4');
});

test('refusal names what undici would refuse in a filled request', () => {
  assert.equal(refusal('/v1/chat', ['x-a', 'ok', 'x-b', 'caf\u00e9']), null);
  assert.match(refusal('/v1/chat', ['x-a', 'a\r\nb']) ?? '', /header x-a: it holds a carriage return/);
  assert.match(refusal('/v1/chat', ['x-a', 'a \u2014 b']) ?? '', /U\+2014/);
  assert.match(refusal('v1/chat', []) ?? '', /must start with '\/'/);
  assert.match(refusal('/v1/a b', []) ?? '', /path/);
});

test('classifyError: TLS codes are tls, socket codes connection, timeouts timeout, refusals protocol; causes are followed', () => {
  const e = (code: string, message = code): Error => Object.assign(new Error(message), { code });
  assert.deepEqual(classifyError(e('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate')), {
    cls: 'tls',
    code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    message: 'self-signed certificate',
  });
  for (const c of [
    'CERT_HAS_EXPIRED',
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
  ])
    assert.equal(classifyError(e(c)).cls, 'tls', c);
  assert.equal(classifyError(e('ECONNREFUSED')).cls, 'connection');
  assert.equal(classifyError(e('UND_ERR_HEADERS_TIMEOUT')).cls, 'timeout');
  assert.equal(classifyError(e('UND_ERR_INVALID_ARG')).cls, 'protocol');
  assert.equal(classifyError(e('HPE_INVALID_CHUNK_SIZE')).cls, 'protocol');
  const wrapped = Object.assign(new Error('fetch failed'), { cause: e('CERT_HAS_EXPIRED', 'certificate has expired') });
  assert.deepEqual(classifyError(wrapped), {
    cls: 'tls',
    code: 'CERT_HAS_EXPIRED',
    message: 'certificate has expired',
  });
  assert.deepEqual(classifyError(new Error('odd')), { cls: 'connection', code: null, message: 'odd' });
});
