// Through a real forward proxy (the `proxy` package, started here): chosen by `target.proxy`, by
// HTTP_PROXY (skipped for NO_PROXY hosts), and tunnelling HTTPS with CONNECT. The proxy's own
// events are its log: it must have seen every request.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer as createHttp, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { createProxy } from 'proxy';
import { chat, constantRate, scenario } from './scenario-fixtures';
import { chatResponder, close, listen, selfSigned, tempDir } from './gateway-fixtures';
import { run } from './run-helpers';

const cert = selfSigned(tempDir(), 'gateway');
let gateway: Server;
let tlsGateway: Server;
let proxy: Server;
let url = '';
let tlsUrl = '';
let proxyUrl = '';
/** The proxy's log: absolute-form requests it forwarded, and CONNECT tunnels it opened. */
const seen = { requests: [] as string[], connects: [] as string[] };

before(async () => {
  gateway = createHttp(chatResponder());
  tlsGateway = createHttps({ cert: readFileSync(cert.cert), key: readFileSync(cert.key) }, chatResponder());
  proxy = createProxy(createHttp());
  proxy.on('request', (req) => {
    seen.requests.push(`${req.method} ${req.url}`);
  });
  proxy.on('connect', (req) => {
    seen.connects.push(req.url ?? '');
  });
  url = `http://127.0.0.1:${await listen(gateway)}`;
  tlsUrl = `https://127.0.0.1:${await listen(tlsGateway)}`;
  proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
});
after(async () => {
  await close(gateway);
  await close(tlsGateway);
  await close(proxy);
});

function reset(): void {
  seen.requests.length = 0;
  seen.connects.length = 0;
}
const load = constantRate(10, 1000);

test('target.proxy carries every request, and the summary names the proxy', async () => {
  reset();
  const sc = scenario(url, load, [chat({ stream: true })]);
  sc.target.proxy = proxyUrl;
  const { summary: s } = await run(sc);
  assert.ok(s.requests.sent >= 8);
  assert.equal(s.requests.succeeded, s.requests.sent, JSON.stringify(s.errors));
  assert.equal(
    seen.requests.filter((r) => r === `POST ${url}/v1/chat/completions`).length,
    s.requests.sent,
    seen.requests.slice(0, 3).join('; '),
  );
  assert.equal(s.http?.proxy, proxyUrl);
});

test('HTTP_PROXY carries every request unless NO_PROXY names the host', async () => {
  reset();
  process.env.HTTP_PROXY = proxyUrl;
  try {
    const { summary: s } = await run(scenario(url, load, [chat({ stream: false })]));
    assert.equal(s.requests.succeeded, s.requests.sent, JSON.stringify(s.errors));
    assert.equal(seen.requests.length, s.requests.sent);
    reset();
    process.env.NO_PROXY = 'localhost,127.0.0.1';
    const { summary: d } = await run(scenario(url, load, [chat({ stream: false })]));
    assert.equal(d.requests.succeeded, d.requests.sent);
    assert.equal(seen.requests.length, 0, 'NO_PROXY bypasses the proxy');
    assert.equal(d.http?.proxy, undefined);
  } finally {
    delete process.env.HTTP_PROXY;
    delete process.env.NO_PROXY;
  }
});

test('an https:// gateway is reached through a CONNECT tunnel, its certificate still verified', async () => {
  reset();
  const sc = scenario(tlsUrl, load, [chat({ stream: false })]);
  sc.target.proxy = proxyUrl;
  sc.target.tls = { ca: cert.cert };
  const { summary: s } = await run(sc);
  assert.equal(s.requests.succeeded, s.requests.sent, JSON.stringify(s.errors));
  assert.ok(
    seen.connects.length >= 1 && seen.connects.every((c) => c === tlsUrl.slice('https://'.length)),
    seen.connects.join(', '),
  );
  const bad = scenario(tlsUrl, load, [chat({ stream: false })]);
  bad.target.proxy = proxyUrl;
  const { summary: b } = await run(bad);
  assert.equal(
    b.errors.tls,
    b.requests.sent,
    `without ca, verification fails through the tunnel too: ${JSON.stringify(b.errors)}`,
  );
});
