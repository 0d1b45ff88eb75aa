// Streams cut short (the gateway resets mid-stream) keep their TTFT and tokens apart from
// completed streams: time_to_first_token covers completed ones only, cutStreams counts the rest.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chat, constantRate, scenario } from './scenario-fixtures';
import { errorSum, run } from './run-helpers';

let server: Server;
let url = '';
let cut = 0;
const chunk = (content: string) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
before(async () => {
  let n = 0;
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const i = n++;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      // A cut stream's first token comes late, so mixing it in would move TTFT visibly.
      const cutThis = i % 2 === 1;
      setTimeout(
        () => {
          res.write(chunk('Hello'));
          setTimeout(() => {
            // A FIN mid-body, not a destroy: the server side then has no error of its own to format.
            if (cutThis) {
              cut++;
              res.socket?.end();
              return;
            }
            res.write(chunk(' world'));
            res.write(
              `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', model: 'm', choices: [], usage: { prompt_tokens: 2, completion_tokens: 2, total_tokens: 4 } })}\n\n`,
            );
            res.end('data: [DONE]\n\n');
          }, 20);
        },
        cutThis ? 150 : 10,
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

test("cut streams are counted apart; TTFT and tokens are the completed streams'", async () => {
  const { summary: s } = await run(scenario(url, constantRate(20, 2000), [chat({ stream: true })]));
  assert.equal(s.requests.sent, s.requests.succeeded + errorSum(s));
  assert.ok(cut > 0 && s.requests.succeeded > 0);
  const c = s.cutStreams!;
  // A request sent on a socket the server is closing fails before any answer: not a cut stream.
  assert.ok(
    c.count > 0 && c.count <= cut && c.count <= (s.errors.connection ?? 0) + (s.errors.protocol ?? 0),
    JSON.stringify({ c, cut, errors: s.errors }),
  );
  const ttft = s.metrics.time_to_first_token!;
  assert.equal(ttft.count, s.requests.succeeded, 'TTFT of completed streams only');
  assert.ok(c.ttft && c.ttft.count === c.count, JSON.stringify(c));
  assert.ok(c.ttft.p50 > ttft.p50!, `cut streams' late first tokens kept apart: ${c.ttft.p50} vs ${ttft.p50}`);
  assert.equal(s.metrics.output_tokens?.count, 2 * s.requests.succeeded, 'tokens of completed streams only');
  assert.equal(c.outputTokens, c.count, 'one token each before the cut');
});
