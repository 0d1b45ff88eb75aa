// The mock holds thousands of concurrent streams: 2,000 here (10,000 measured by hand, see the report).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Pool } from 'undici';
import { startMock, type MockServer } from '../../../src/mock/index';

const STREAMS = 2000;
const TOKENS = 20;

describe('mock under many concurrent streams', () => {
  let mock: MockServer;
  let pool: Pool;
  before(async () => {
    // Every stream stays open 4 s and then sends all its tokens at once: opening 2,000 connections
    // takes 1–3 s on a busy 2-core machine, and all of them must be open together.
    mock = await startMock({ port: 0, ttftMs: 4000, tokensPerSecond: 0, outputTokens: TOKENS, seed: 1 });
    pool = new Pool(mock.url, { connections: STREAMS, pipelining: 1 });
  });
  after(async () => {
    await pool.close();
    await mock.close();
  });

  test(`${STREAMS} streams open at once, each complete`, async (t) => {
    const body = JSON.stringify({
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const t0 = performance.now();
    const results = await Promise.all(
      Array.from({ length: STREAMS }, async () => {
        const r = await pool.request({
          path: '/v1/chat/completions',
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        const text = await r.body.text();
        return {
          status: r.statusCode,
          tokens: text.split('"content":"').length - 2,
          done: text.endsWith('data: [DONE]\n\n'),
        };
      }),
    );
    const s = mock.stats();
    t.diagnostic(
      `${STREAMS} streams in ${Math.round(performance.now() - t0)} ms; peak in flight ${s.peakInFlightStreams}, peak connections ${s.peakConnections}`,
    );
    assert.ok(
      results.every((r) => r.status === 200 && r.done && r.tokens === TOKENS),
      'every stream complete',
    );
    assert.equal(s.peakInFlightStreams, STREAMS, 'all streams were open at the same time');
    assert.equal(s.streams, STREAMS);
    assert.equal(s.outputTokens, STREAMS * TOKENS);
    assert.equal(s.inFlightStreams, 0);
  });
});
