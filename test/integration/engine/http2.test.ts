// HTTP/2: an h2-only server (node:http2, ALPN `h2` alone) answers JSON and SSE with
// `target.http2: true`; the summary says h2 was negotiated; TTFT stays at the first token.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createSecureServer, type Http2SecureServer } from 'node:http2';
import type { Server } from 'node:net';
import { chat, constantRate, scenario } from './scenario-fixtures';
import { chatResponder, listen, selfSigned, tempDir } from './gateway-fixtures';
import { errorSum, run } from './run-helpers';

const cert = selfSigned(tempDir(), 'gateway');
let h2: Http2SecureServer;
let url = '';
let streams = 0;

before(async () => {
  h2 = createSecureServer(
    { cert: readFileSync(cert.cert), key: readFileSync(cert.key), allowHTTP1: false },
    chatResponder({ firstTokenMs: 60, tokens: 5, tokenGapMs: 40 }),
  );
  h2.on('stream', () => {
    streams++;
  });
  url = `https://127.0.0.1:${await listen(h2 as unknown as Server)}`;
});
after(async () => {
  await new Promise<void>((r) => h2.close(() => r()));
});

test('http2: true speaks h2 to an h2-only server: JSON and SSE succeed, TTFT at the first token', async () => {
  streams = 0;
  const sc = scenario(url, constantRate(10, 1000), [
    chat({
      name: 'json',
      stream: false,
      checks: [
        {
          text: 'body.choices[0].message.content exists',
          subject: 'body',
          path: ['choices', 0, 'message', 'content'],
          op: 'exists',
        },
      ],
    }),
  ]);
  sc.target.http2 = true;
  sc.target.tls = { ca: cert.cert };
  const { summary: j, logs } = await run(sc);
  assert.ok(j.requests.sent >= 8);
  assert.equal(j.requests.succeeded, j.requests.sent, JSON.stringify(j.errors));
  assert.equal(j.checks[0].fails, 0);
  assert.equal(j.http?.protocol, 'h2');
  assert.equal(streams, j.requests.sent, 'every request was an h2 stream');
  assert.ok(
    logs.some((l) => /HTTP\/2 \(h2\) negotiated/.test(l)),
    logs.join('\n'),
  );
  const sse = scenario(url, constantRate(10, 1000), [chat({ name: 'sse', stream: true })]);
  sse.target.http2 = true;
  sse.target.tls = { ca: cert.cert };
  const { summary: s } = await run(sse);
  assert.equal(s.requests.succeeded, s.requests.sent, JSON.stringify(s.errors));
  const ttft = s.metrics.time_to_first_token!;
  const dur = s.metrics.http_req_duration!;
  assert.ok(ttft.p50! >= 55, `ttft p50 ${ttft.p50}`);
  assert.ok(dur.p50! - ttft.p50! >= 120, `ttft p50 ${ttft.p50}, duration p50 ${dur.p50}`);
  assert.ok((s.metrics.output_tokens?.count ?? 0) >= 5 * s.requests.sent);
});

test('without http2: true the h2-only server cannot be spoken to: every request fails, none silently', async () => {
  const sc = scenario(url, constantRate(10, 500), [chat({ stream: false })]);
  sc.target.tls = { ca: cert.cert };
  const { summary: s } = await run(sc);
  assert.equal(s.requests.succeeded, 0);
  assert.equal(s.requests.sent, errorSum(s));
  assert.ok(s.requests.sent >= 3);
});
