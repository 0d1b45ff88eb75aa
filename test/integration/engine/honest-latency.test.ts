// Every request that ends is timed: a gateway hanging a third of the requests past the timeout
// moves http_req_duration's tail to the timeout, while {expected_response:true} keeps the
// survivors' figure; tag-filtered thresholds read their own series.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constantRate, scenario, threshold, chat } from './scenario-fixtures';
import { errorSum, run } from './run-helpers';

let server: Server;
let url = '';
let n = 0;
before(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const i = n++;
      if (i % 3 === 2) return; // hangs: never answers
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'x',
            object: 'chat.completion',
            model: 'm',
            choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
          }),
        );
      }, 20);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

test("timeouts are timed at their deadline: p99 ≥ 1 s, {expected_response:true} p99 is the survivors'", async () => {
  const sc = scenario(url, constantRate(30, 3000), [chat({ stream: false })], {
    thresholds: [
      threshold('http_req_duration', 'p', '<', 900, {
        percentile: 99,
        tag: { key: 'expected_response', value: 'true' },
        expression: 'p(99) < 900',
      }),
      threshold('http_req_duration', 'p', '<', 500, { percentile: 99, expression: 'p(99) < 500' }),
    ],
  });
  sc.target.timeoutMs = 1000;
  const { summary: s } = await run(sc);
  const timeouts = s.errors.timeout ?? 0;
  assert.ok(
    timeouts >= s.requests.sent / 4 && timeouts <= s.requests.sent * 0.6,
    `a third time out: ${timeouts} of ${s.requests.sent}`,
  );
  assert.equal(s.requests.sent, s.requests.succeeded + errorSum(s));
  const all = s.metrics.http_req_duration!;
  const ok = s.metrics['http_req_duration{expected_response:true}']!;
  assert.equal(all.count, s.requests.sent, 'every request that ended is timed');
  assert.ok(all.p99! >= 1000, `p99 ${all.p99} ≥ 1 s`);
  // The sweep runs every 100 ms; a timeout is recorded at its deadline, not when the sweep found it.
  assert.ok(all.max! < 1000 + 60, `timeouts recorded at the deadline, max ${all.max}`);
  assert.equal(ok.count, s.requests.succeeded);
  // Generous for a loaded 2-core machine; still well under the timeout the others waited for.
  assert.ok(ok.p99! < 900, `survivors' p99 ${ok.p99}`);
  assert.ok(ok.p99! >= 15, `survivors' p99 ${ok.p99} includes the 20 ms answer`);
  assert.ok((s.metrics.http_req_service_duration?.p99 ?? 0) >= 900, 'service duration covers timeouts too');
  const [filtered, plain] = s.thresholds;
  assert.equal(filtered.metric, 'http_req_duration{expected_response:true}');
  assert.equal(filtered.ok, true, JSON.stringify(filtered));
  assert.equal(plain.ok, false, JSON.stringify(plain));
  assert.equal(s.statusCodes?.['200'], s.requests.succeeded);
  // On a loaded machine a slow survivor may time out mid-answer: a reason of its own.
  const samples = (s.errorSamples ?? []).filter((e) => e.class === 'timeout');
  assert.equal(
    samples.reduce((a, e) => a + e.count, 0),
    timeouts,
    JSON.stringify(s.errorSamples),
  );
  assert.ok(
    samples.some((e) => /no answer within the 1000 ms timeout/.test(e.message)),
    JSON.stringify(samples),
  );
});

test('connection refusals are timed when they happened and explained with their code', async () => {
  const dead = createServer();
  await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
  const port = (dead.address() as AddressInfo).port;
  await new Promise((r) => dead.close(r));
  const sc = scenario(`http://127.0.0.1:${port}`, constantRate(20, 1500), [
    chat({ name: 'a', stream: false }),
    chat({ name: 'b', stream: false }),
  ]);
  const { summary: s, logs } = await run(sc);
  assert.equal(s.errors.connection, s.requests.sent);
  assert.equal(s.metrics.http_req_duration?.count, s.requests.sent, 'refusals are timed');
  assert.ok((s.metrics.http_req_duration?.max ?? Infinity) < 1000, 'at the moment they happened');
  const e = s.errorSamples ?? [];
  assert.equal(e.length, 1, JSON.stringify(e));
  assert.equal(e[0].code, 'ECONNREFUSED');
  assert.equal(e[0].count, s.requests.sent);
  assert.ok(e[0].firstAtMs <= e[0].lastAtMs);
  assert.equal(logs.filter((l) => l.includes('Request Failed')).length, 1, logs.join('\n'));
  assert.ok(
    s.metrics['http_req_duration{name:a}'] && s.metrics['http_req_duration{name:b}'],
    'per-name series when the mix has several',
  );
  assert.equal(
    (s.metrics['http_req_duration{name:a}']!.count ?? 0) + (s.metrics['http_req_duration{name:b}']!.count ?? 0),
    s.requests.sent,
  );
});
