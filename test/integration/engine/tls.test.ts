// HTTPS gateways with private certificates, made by openssl at test time: the default run fails
// as `tls` with the OpenSSL code; `ca` and `insecure` succeed (the latter warns); mutual TLS
// succeeds with `cert`/`key` and fails without them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { SampleMessage } from '../../../src/protocol';
import { chat, constantRate, scenario } from './scenario-fixtures';
import { chatResponder, close, listen, selfSigned, tempDir } from './gateway-fixtures';
import { errorSum, run, start } from './run-helpers';

const dir = tempDir();
const server = selfSigned(dir, 'gateway');
const client = selfSigned(dir, 'client');
let https: Server;
let mtls: Server;
let url = '';
let mtlsUrl = '';

before(async () => {
  https = createServer({ cert: readFileSync(server.cert), key: readFileSync(server.key) }, chatResponder());
  mtls = createServer(
    {
      cert: readFileSync(server.cert),
      key: readFileSync(server.key),
      requestCert: true,
      rejectUnauthorized: true,
      ca: readFileSync(client.cert),
    },
    chatResponder(),
  );
  url = `https://127.0.0.1:${await listen(https)}`;
  mtlsUrl = `https://127.0.0.1:${await listen(mtls)}`;
});
after(async () => {
  await close(https);
  await close(mtls);
});

const load = constantRate(20, 1000);
const req = chat({
  stream: false,
  checks: [
    {
      text: 'body.choices[0].message.content exists',
      subject: 'body',
      path: ['choices', 0, 'message', 'content'],
      op: 'exists',
    },
  ],
});

test('a self-signed certificate fails every request as tls, with the OpenSSL code', async () => {
  const { summary: s } = await run(scenario(url, load, [req]));
  assert.ok(s.requests.sent >= 15, `sent ${s.requests.sent}`);
  assert.equal(s.errors.tls, s.requests.sent, JSON.stringify(s.errors));
  assert.equal(s.requests.sent, s.requests.succeeded + errorSum(s));
  const h = start(scenario(url, load, [req]), { dryRun: { requests: 1 } });
  const samples: SampleMessage[] = [];
  h.on('sample', (m) => samples.push(m));
  await h.done;
  assert.match(samples[0].response.error ?? '', /^DEPTH_ZERO_SELF_SIGNED_CERT: /);
});

test('target.tls.ca trusts the certificate: every request succeeds, checks pass', async () => {
  const { summary: s } = await run(scenario(url, load, [req], {}), {});
  assert.equal(s.errors.tls, s.requests.sent, 'control: without ca it fails');
  const sc = scenario(url, load, [req]);
  sc.target.tls = { ca: server.cert };
  const { summary: ok } = await run(sc);
  assert.ok(ok.requests.sent >= 15);
  assert.equal(ok.requests.succeeded, ok.requests.sent, JSON.stringify(ok.errors));
  assert.equal(ok.checks[0].fails, 0);
  assert.equal(ok.http?.protocol, 'http/1.1');
});

test('target.tls.insecure succeeds and leaves a warning in the summary', async () => {
  const sc = scenario(url, load, [req]);
  sc.target.tls = { insecure: true };
  const { summary: s } = await run(sc);
  assert.equal(s.requests.succeeded, s.requests.sent, JSON.stringify(s.errors));
  assert.ok(
    s.generator.warnings.some((w) => /verification was off/.test(w)),
    JSON.stringify(s.generator.warnings),
  );
});

test('mutual TLS: succeeds with cert and key, fails as tls without them', async () => {
  const sc = scenario(mtlsUrl, load, [req]);
  sc.target.tls = { ca: server.cert, cert: client.cert, key: client.key };
  const { summary: ok } = await run(sc);
  assert.equal(ok.requests.succeeded, ok.requests.sent, JSON.stringify(ok.errors));
  assert.ok(ok.requests.sent >= 15);
  const without = scenario(mtlsUrl, load, [req]);
  without.target.tls = { ca: server.cert };
  const { summary: bad } = await run(without);
  assert.equal(bad.requests.succeeded, 0);
  assert.equal(bad.requests.sent, errorSum(bad));
  assert.ok((bad.errors.tls ?? 0) + (bad.errors.connection ?? 0) === bad.requests.sent, JSON.stringify(bad.errors));
  assert.ok(
    (bad.errors.tls ?? 0) > 0,
    `TLS 1.3 reports the missing certificate as an alert: ${JSON.stringify(bad.errors)}`,
  );
});
