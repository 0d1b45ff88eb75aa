// The nginx test peer itself: it proxies to the mock, adds the headers a test asks for, and its
// stop() ends the process and removes its folder.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { startMock, type MockServer } from '../../../src/mock/index';
import { startNginx } from '../../support/nginx';
import { post } from '../mock/helpers';

describe('test support: nginx in front of the mock', () => {
  let mock: MockServer;
  before(async () => {
    mock = await startMock({ port: 0, ttftMs: 1, tokensPerSecond: 0, outputTokens: 3, seed: 1 });
  });
  after(() => mock.close());

  test('passes requests through and adds the configured header; stop() ends it', async () => {
    const gw = await startNginx(mock.url, { location: 'add_header Server-Timing "gw;dur=2.5" always;' });
    let prefixDir = '';
    try {
      const r = await post(`${gw.url}/v1/chat/completions`, { messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(r.status, 200, gw.output());
      assert.equal(r.headers['server-timing'], 'gw;dur=2.5');
      assert.match(String(r.headers.server), /nginx/);
      assert.equal(JSON.parse(r.text).object, 'chat.completion');
      prefixDir = /client_body_temp_path (\S+)\/body;/.exec(gw.config)?.[1] ?? '';
      assert.ok(existsSync(prefixDir));
    } finally {
      await gw.stop();
    }
    assert.notEqual(gw.proc.exitCode ?? gw.proc.signalCode, null);
    assert.equal(existsSync(prefixDir), false);
    await assert.rejects(fetch(gw.url + '/'));
  });
});
