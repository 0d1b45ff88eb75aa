// The HTTP real gateways speak, against loopback servers: redirect chains (the POST body re-sent
// on 307), gzip and Brotli answers and streams decoded as they arrive (TTFT at the first decoded
// token), the body limit, and a templated header undici refuses (counted, never recursing).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { SampleMessage } from '../../../src/protocol';
import type { Check } from '../../../src/scenario/model';
import { chat, constantRate, constantVus, scenario } from './scenario-fixtures';
import { chatResponder, close, listen } from './gateway-fixtures';
import { errorSum, run, start } from './run-helpers';

const plain = chatResponder();
const gzip = chatResponder({ encoding: 'gzip', firstTokenMs: 60, tokens: 5, tokenGapMs: 40 });
const br = chatResponder({ encoding: 'br', firstTokenMs: 60, tokens: 5, tokenGapMs: 40 });
const big = Buffer.alloc(200_000, 'x');
/** Bodies that reached the end of each redirect chain, by method. */
const finalBodies: Array<{ method: string; bytes: number }> = [];
let server: Server;
let url = '';

function route(req: IncomingMessage, res: ServerResponse): void {
  const path = req.url ?? '';
  if (path === '/r1' || path === '/r2') {
    req.resume();
    res.writeHead(307, { location: path === '/r1' ? '/r2' : '/final' }).end('moved');
    return;
  }
  if (path === '/final') {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      finalBodies.push({ method: req.method ?? '', bytes: Buffer.concat(chunks).length });
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          choices: [{ message: { content: 'ok' } }],
          usage: { prompt_tokens: 1, completion_tokens: 1 },
        }),
      );
    });
    return;
  }
  if (path === '/elsewhere') {
    req.resume();
    res.writeHead(302, { location: 'http://192.0.2.1/x' }).end();
    return;
  }
  if (path === '/big') {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end(big);
    return;
  }
  if (path.startsWith('/gzip')) {
    gzip(req, res);
    return;
  }
  if (path.startsWith('/br')) {
    br(req, res);
    return;
  }
  plain(req, res);
}

before(async () => {
  server = createServer(route);
  url = `http://127.0.0.1:${await listen(server)}`;
});
after(async () => {
  await close(server);
});

const contentExists: Check = {
  text: 'body.choices[0].message.content exists',
  subject: 'body',
  path: ['choices', 0, 'message', 'content'],
  op: 'exists',
};

test('a 307 chain of 2 is followed, the POST body re-sent, counted and timed as one request', async () => {
  finalBodies.length = 0;
  const { summary: s } = await run(
    scenario(url, constantRate(20, 1000), [chat({ stream: false, path: '/r1', checks: [contentExists] })]),
  );
  assert.ok(s.requests.sent >= 15);
  assert.equal(s.requests.succeeded, s.requests.sent, JSON.stringify(s.errors));
  assert.equal(s.http?.redirects, 2 * s.requests.sent);
  assert.equal(finalBodies.length, s.requests.sent);
  assert.ok(
    finalBodies.every((b) => b.method === 'POST' && b.bytes > 20),
    JSON.stringify(finalBodies[0]),
  );
  assert.equal(s.checks[0].fails, 0);
});

test('maxRedirects 0 leaves a 307 unfollowed; another origin is never followed', async () => {
  const off = scenario(url, constantRate(10, 500), [chat({ stream: false, path: '/r1' })]);
  off.target.maxRedirects = 0;
  const { summary: s } = await run(off);
  assert.equal(s.requests.succeeded, 0);
  assert.equal(s.errors.protocol, s.requests.sent, 'a 3xx is not a success');
  assert.equal(s.http?.redirects, 0);
  const h = start(scenario(url, constantRate(10, 500), [chat({ stream: false, path: '/elsewhere' })]), {
    dryRun: { requests: 1 },
  });
  const samples: SampleMessage[] = [];
  h.on('sample', (m) => samples.push(m));
  const d = await h.done;
  assert.equal(d.errors.protocol, 1);
  assert.match(
    samples[0].response.error ?? '',
    /REDIRECT_OTHER_ORIGIN: redirect 302 to http:\/\/192\.0\.2\.1 not followed/,
  );
});

for (const [coding, path] of [
  ['gzip', '/gzip'],
  ['br', '/br'],
] as const) {
  test(`${coding} JSON answers and ${coding} SSE streams decode; checks pass; TTFT is at the first decoded token`, async () => {
    const json = scenario(url, constantRate(10, 800), [
      chat({ name: 'json', stream: false, path: `${path}/json`, checks: [contentExists] }),
    ]);
    json.target.compression = coding;
    const { summary: j } = await run(json);
    assert.ok(j.requests.sent >= 6);
    assert.equal(j.requests.succeeded, j.requests.sent, JSON.stringify(j.errors));
    assert.equal(j.checks[0].fails, 0);
    assert.ok(j.checks[0].passes > 0);
    const sse = scenario(url, constantRate(10, 800), [chat({ name: 'sse', stream: true, path: `${path}/sse` })]);
    const { summary: s } = await run(sse);
    assert.equal(s.requests.succeeded, s.requests.sent, JSON.stringify(s.errors));
    const ttft = s.metrics.time_to_first_token!;
    const dur = s.metrics.http_req_duration!;
    // The server sends the first token after 60 ms and four more 40 ms apart: decoded only at the
    // end of the stream, TTFT would be the whole duration.
    assert.ok(ttft.p50! >= 55, `ttft p50 ${ttft.p50}`);
    assert.ok(dur.p50! - ttft.p50! >= 120, `ttft p50 ${ttft.p50}, duration p50 ${dur.p50}`);
    assert.ok((s.metrics.output_tokens?.count ?? 0) >= 5 * s.requests.sent);
  });
}

test('a body over maxBodyBytes fails as protocol with its reason', async () => {
  const sc = scenario(url, constantRate(10, 500), [chat({ stream: false, path: '/big' })]);
  sc.target.maxBodyBytes = 100_000;
  const { summary: s } = await run(sc);
  assert.ok(s.requests.sent >= 4);
  assert.equal(s.errors.protocol, s.requests.sent, JSON.stringify(s.errors));
  const h = start(sc, { dryRun: { requests: 1 } });
  const samples: SampleMessage[] = [];
  h.on('sample', (m) => samples.push(m));
  await h.done;
  assert.match(samples[0].response.error ?? '', /body over maxBodyBytes/);
  const ok = scenario(url, constantRate(10, 500), [chat({ stream: false, path: '/big' })]);
  const { summary: d } = await run(ok);
  assert.equal(
    d.errors.protocol,
    d.requests.sent,
    'under the default limit the 200 kB answer is read (and is not chat JSON)',
  );
});

test('a templated header value undici refuses: one protocol error per request, closed model, thinkTime 0, the run ends', async () => {
  const sc = scenario(url, constantVus(2, 1000), [chat({ stream: false, headers: { 'x-team': '${var:team}' } })], {
    variables: { team: 'a\r\nInjected: yes' },
  });
  const t = performance.now();
  const { summary: s } = await run(sc);
  assert.ok(performance.now() - t < 15_000, 'ended on time');
  assert.equal(s.status, 'completed');
  assert.ok(s.requests.sent > 10, `sent ${s.requests.sent}`);
  // Iterations in flight when the run ends are cancelled; every other one failed as protocol.
  assert.equal((s.errors.protocol ?? 0) + (s.errors.cancelled ?? 0), s.requests.sent, JSON.stringify(s.errors));
  assert.ok((s.errors.cancelled ?? 0) <= 2);
  assert.equal(s.requests.sent, s.requests.succeeded + errorSum(s));
});
