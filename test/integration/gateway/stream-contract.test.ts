// Stream contract problems, counted by kind against a server that breaks one rule per path. Only
// a violation that makes the answer unusable stays a `protocol` error.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chat, constantVus, scenario } from '../engine/scenario-fixtures';
import { errorSum, run } from '../engine/run-helpers';

const chunk = (delta: object, finish: string | null, usage?: object) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', model: 'm', choices: [{ index: 0, delta, finish_reason: finish }], ...(usage ? { usage } : {}) })}\n\n`;
const USAGE = `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', model: 'm', choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } })}\n\n`;
const ANSWER =
  chunk({ role: 'assistant', content: '' }, null) +
  chunk({ content: 'Hello' }, null) +
  chunk({ content: ' there' }, 'stop');

let server: Server;
let url = '';
const served: Record<string, number> = {};
before(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const p = req.url ?? '';
      served[p] = (served[p] ?? 0) + 1;
      const type = p === '/text-plain' ? 'text/plain' : 'text/event-stream';
      res.writeHead(200, { 'content-type': type });
      if (p === '/no-done') res.end(ANSWER + USAGE);
      else if (p === '/no-usage') res.end(ANSWER + 'data: [DONE]\n\n');
      else if (p === '/truncated') res.end(chunk({ content: 'Hello' }, null));
      else res.end(ANSWER + USAGE + 'data: [DONE]\n\n');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

test('each contract problem is counted by kind; only the truncated stream is an error', async () => {
  const requests = ['/ok', '/no-done', '/no-usage', '/text-plain', '/truncated'].map((path) =>
    chat({ name: path.slice(1), path }),
  );
  const { summary: s } = await run(scenario(url, constantVus(5, 1000), requests));
  assert.equal(s.requests.sent, s.requests.succeeded + errorSum(s));
  assert.ok(s.requests.sent >= 50, `requests: ${s.requests.sent}`);
  const c = s.stream!.contract;
  // The mix is drawn at random: each kind is compared with how often the server broke that rule.
  assert.deepEqual(c, {
    noTerminator: served['/no-done'],
    truncated: served['/truncated'],
    noUsage: served['/no-usage'],
    notEventStream: served['/text-plain'],
  });
  assert.deepEqual(s.errors, { protocol: served['/truncated'] }, JSON.stringify(s.errorSamples));
  assert.match(s.errorSamples?.[0]?.message ?? '', /without \[DONE\]/);
  assert.equal(s.stream!.streams, s.requests.succeeded, 'every usable stream is measured, text/plain ones too');
});
