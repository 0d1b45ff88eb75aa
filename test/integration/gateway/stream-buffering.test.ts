// What an intermediary does to a stream, through real nginx in front of the mock. Measured first
// with `curl -N` (40 tokens at 50/s): straight from the mock, through nginx's defaults and with
// `proxy_buffering off` the 44 lines arrive from ~45 ms to ~920 ms; through gzip at one hop and
// gunzip at the next, the first line arrives at 899 ms of 983: in bulk, at the end. That pair is
// the buffering configuration here; `proxy_buffering off` is the pass-through one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMock, type MockServer } from '../../../src/mock/index';
import { startNginx, type Nginx } from '../../support/nginx';
import { chat, constantVus, scenario } from '../engine/scenario-fixtures';
import { run } from '../engine/run-helpers';

const GZIP_SSE = 'gzip on; gzip_types text/event-stream; gzip_min_length 0; gzip_proxied any;';
const GUNZIP = 'gunzip on; proxy_set_header Accept-Encoding gzip;';

describe('stream path through nginx', () => {
  let mock: MockServer;
  const proxies: Nginx[] = [];
  before(async () => {
    mock = await startMock({ port: 0, ttftMs: 50, tokensPerSecond: 100, outputTokens: 40 });
  });
  after(async () => {
    for (const p of proxies) await p.stop();
    await mock.close();
  });
  const request = chat({ maxTokens: 40, prompt: { kind: 'inline', items: ['Tell me a story'], pick: 'random' } });

  test('gzip at one hop, gunzip at the next: the streams arrive in bulk and the run warns once, naming the cause', async (t) => {
    const gz = await startNginx(mock.url, { location: GZIP_SSE });
    proxies.push(gz);
    const gun = await startNginx(gz.url, { location: GUNZIP });
    proxies.push(gun);
    const { summary: s } = await run(scenario(gun.url, constantVus(4, 3000), [request]));
    assert.equal(s.status, 'completed');
    assert.equal(s.requests.failed, 0, JSON.stringify(s.errorSamples));
    const st = s.stream!;
    t.diagnostic(
      `buffered: ${JSON.stringify(st.buffering)}; chunks ${JSON.stringify(st.chunksPerResponse)}; tokens/chunk ${JSON.stringify(st.tokensPerChunk)}`,
    );
    assert.ok(st.buffering.judged >= 5, `enough answers judged (${st.buffering.judged})`);
    assert.ok(st.buffering.share > 0.8, `most answers look buffered (${st.buffering.share})`);
    assert.equal(st.buffered, true);
    assert.ok(st.chunksPerResponse!.p50 <= 3, `a few bulk chunks (p50 ${st.chunksPerResponse!.p50})`);
    assert.ok(st.tokensPerChunk!.p50 >= 10, `many tokens per chunk (p50 ${st.tokensPerChunk!.p50})`);
    assert.ok(st.buffering.ttftShareOfDuration! > 0.8);
    assert.equal(s.warnings?.length, 1, JSON.stringify(s.warnings));
    assert.match(s.warnings![0], /Streams look buffered/);
    assert.match(s.warnings![0], /proxy buffering/);
    assert.match(s.warnings![0], /compresses it \(gzip of text\/event-stream/);
    assert.deepEqual(st.contract, { noTerminator: 0, truncated: 0, noUsage: 0, notEventStream: 0 });
  });

  test('proxy_buffering off passes the stream through chunk by chunk: no warning', async (t) => {
    const pass = await startNginx(mock.url, { location: 'proxy_buffering off;' });
    proxies.push(pass);
    const { summary: s } = await run(scenario(pass.url, constantVus(4, 3000), [request]));
    assert.equal(s.requests.failed, 0, JSON.stringify(s.errorSamples));
    const st = s.stream!;
    t.diagnostic(`buffered: ${JSON.stringify(st.buffering)}; chunks ${JSON.stringify(st.chunksPerResponse)}`);
    assert.ok(st.buffering.judged >= 5);
    assert.ok(st.buffering.share < 0.2, `few answers look buffered (${st.buffering.share})`);
    assert.equal(st.buffered, false);
    assert.ok(st.chunksPerResponse!.p50 >= 20, `chunk by chunk (p50 ${st.chunksPerResponse!.p50})`);
    assert.equal(s.warnings, undefined);
  });
});
