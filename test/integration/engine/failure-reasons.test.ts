// A gateway that answers 500 with a JSON error body: the body reaches errorSamples, the CLI
// summary, the HTML, Markdown and JUnit reports, and the log says it once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { summaryTable } from '../../../src/run/console-format';
import { renderHtml } from '../../../src/report/html';
import { renderMarkdown } from '../../../src/report/markdown';
import { renderJunit } from '../../../src/report/junit';
import { chat, constantRate, scenario } from './scenario-fixtures';
import { errorSum, run } from './run-helpers';

const BODY = '{"status":"failure","message":"Something went wrong"}';
let server: Server;
let url = '';
before(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.headers['x-mode'] === 'limit') {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
        res.end(
          `{"error":{"message":"Rate limit reached for request req_${Math.random().toString(36).slice(2)} (${Date.now()} ms)","type":"rate_limit"}}`,
        );
        return;
      }
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(BODY);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

test('a 500 with a JSON body: its message and body in errorSamples, the CLI summary and every report', async () => {
  const sc = scenario(url, constantRate(40, 1500), [
    chat({ name: 'chat', stream: true }),
    chat({
      name: 'limited',
      stream: false,
      headers: { 'x-mode': 'limit', Authorization: 'Bearer sk-secret-value-123' },
    }),
  ]);
  const { summary: s, logs, windows } = await run(sc, { secrets: { key: 'sk-secret-value-123' } });
  assert.equal(s.requests.sent, s.requests.succeeded + errorSum(s));
  const five = s.errorSamples?.find((e) => e.class === 'http_5xx');
  assert.ok(five, JSON.stringify(s.errorSamples));
  assert.equal(five.status, 500);
  assert.equal(five.message, 'Something went wrong');
  assert.equal(five.body, BODY);
  assert.equal(five.count, s.errors.http_5xx);
  // Ids and numbers in a message do not split one reason into many.
  const limited = s.errorSamples!.filter((e) => e.class === 'http_429');
  assert.equal(limited.length, 1, JSON.stringify(limited));
  assert.equal(limited[0].count, s.errors.http_429);
  assert.equal(
    s.errorSamples!.reduce((a, e) => a + e.count, 0),
    s.requests.failed,
    'every failure has its reason',
  );
  assert.equal((s.statusCodes?.['500'] ?? 0) + (s.statusCodes?.['429'] ?? 0), s.requests.sent);
  // Windows carry each reason once with its body, then counts per second.
  const fresh = windows.flatMap((w) => w.newReasons ?? []);
  assert.equal(fresh.length, 2);
  const perWindow = windows.reduce((a, w) => a + (w.reasons?.[String(five.id)] ?? 0), 0);
  assert.equal(perWindow, five.count);
  assert.equal(logs.filter((l) => l.includes('Request Failed')).length, 2, logs.join('\n'));
  assert.ok(logs.some((l) => l.includes('Something went wrong') && l.includes('http_5xx')));

  const cli = summaryTable(s);
  assert.match(cli, /http_5xx 500: Something went wrong ×\d+/);
  assert.ok(cli.includes('body {"status":"failure","message":"Something went wrong"}'), cli);
  const html = renderHtml({ summary: s, windows });
  assert.ok(html.includes('Something went wrong'));
  assert.ok(html.includes('{&quot;status&quot;:&quot;failure&quot;'), 'the body, escaped');
  assert.match(renderMarkdown(s), /\| http_5xx 500 \| Something went wrong \| \d+ \|/);
  assert.ok(renderJunit({ ...s, status: 'failed' }).includes('http_5xx 500: Something went wrong'));
  assert.ok(!JSON.stringify(s).includes('sk-secret-value-123'));
});
