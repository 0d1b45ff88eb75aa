// Goodput against a loopback server that decides each answer's latency by its arrival number, so
// the count of requests that met the SLO can be made by hand from the server's own log.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chat, constantVus, scenario, threshold } from './scenario-fixtures';
import { run } from './run-helpers';

type Kind = 'failed' | 'slow_ttft' | 'slow_tpot' | 'fast';
/** Arrival n's answer: a 500, a first token after 250 ms, 80 ms between tokens, or quick. */
const KINDS: Kind[] = ['failed', 'slow_ttft', 'slow_tpot', 'fast', 'fast'];
const TOKENS = 5;

let server: Server;
let url = '';
let seq = 0;
/** What the server finished sending, per kind, and the tokens of the quick ones. */
const done: Record<Kind, number> = { failed: 0, slow_ttft: 0, slow_tpot: 0, fast: 0 };

function chunk(content: string): string {
  return `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
}

before(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const kind = KINDS[seq++ % KINDS.length];
      if (kind === 'failed') {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"error":{"message":"boom"}}', () => {
          done.failed++;
        });
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const ttft = kind === 'slow_ttft' ? 250 : 5;
      const gap = kind === 'slow_tpot' ? 80 : 2;
      let i = 0;
      const next = (): void => {
        if (res.destroyed) return;
        if (i < TOKENS) {
          res.write(chunk(`t${i++} `));
          setTimeout(next, gap);
          return;
        }
        res.end(
          `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', choices: [], usage: { prompt_tokens: 3, completion_tokens: TOKENS, total_tokens: TOKENS + 3 } })}\n\ndata: [DONE]\n\n`,
          () => {
            done[kind]++;
          },
        );
      };
      setTimeout(next, ttft);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

test('goodput, attainment and the misses by bound match a count by hand, exactly', async (t) => {
  const sc = scenario(url, constantVus(4, 2500, { gracefulStopMs: 5000 }), [chat({ maxTokens: TOKENS })], {
    slo: { ttftMs: 150, tpotMs: 40, durationMs: 2000 },
    thresholds: [
      threshold('slo_attainment', 'rate', '>', 0.95),
      threshold('slo_attainment', 'rate', '>', 0.2),
      threshold('goodput', 'count', '>', 0),
    ],
  });
  const { summary: s, windows } = await run(sc);
  const slo = s.slo!;
  assert.ok(slo, 'summary.slo present');
  const total = done.failed + done.slow_ttft + done.slow_tpot + done.fast;
  assert.ok(total >= 10, `a small run, but not a tiny one (${total} requests)`);
  t.diagnostic(`server log ${JSON.stringify(done)}; summary.slo ${JSON.stringify(slo)}`);
  assert.equal(s.requests.sent, total, 'every request the engine sent was answered in full');
  assert.equal(slo.judged, total);
  assert.equal(slo.met, done.fast, 'met = the quick answers the server sent');
  assert.deepEqual(slo.misses, {
    failed: done.failed,
    time_to_first_token: done.slow_ttft,
    time_per_output_token: done.slow_tpot,
    http_req_duration: 0,
  });
  assert.equal(s.metrics.goodput.count, done.fast);
  assert.equal(s.metrics.goodput_tokens_per_second.count, done.fast * TOKENS);
  assert.equal(s.metrics.goodput.rate, Math.round((done.fast / (s.durationMs / 1000)) * 10000) / 10000);
  assert.equal(slo.attainment, Math.round((done.fast / total) * 10000) / 10000);
  assert.deepEqual(
    s.thresholds.map((t) => t.ok),
    [false, true, true],
  );
  // Per window, the same counts add up to the run's.
  assert.equal(
    windows.reduce((a, w) => a + (w.slo?.met ?? 0), 0),
    done.fast,
  );
  assert.equal(
    windows.reduce((a, w) => a + (w.slo?.judged ?? 0), 0),
    total,
  );
  // Each kind is a fifth of the arrivals (±1 at the end): the worst bound is a tie broken by order.
  assert.ok(slo.worst && slo.worst.share > 0.3 && slo.worst.share < 0.36, JSON.stringify(slo.worst));
});
