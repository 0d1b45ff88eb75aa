// The panel's Errors table, fed the messages of a real run (engine in its worker) against a
// loopback gateway that answers 500 with a JSON error body or 429: reasons, counts, shares and
// first-seen times, live and at the end, and the sample body a click reveals. Screenshot kept.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { openPanel, type PanelPage } from './harness';
import { runMessages } from './fixture';
import { chat, constantRate, scenario } from '../integration/engine/scenario-fixtures';
import { start } from '../integration/engine/run-helpers';
import type { HostToWebview, Summary, Window } from '../../src/protocol';
import { fmtPct } from '../../webview/format';

const SHOTS = join(__dirname, 'screenshots');
const BODY = '{"status":"failure","message":"Something went wrong"}';

describe('Errors table in Chromium', () => {
  let server: Server;
  let p: PanelPage;
  let messages: HostToWebview[] = [];
  let windows: Window[] = [];
  let summary: Summary;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    let n = 0;
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (n++ % 4 === 3) {
          res
            .writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' })
            .end('{"error":{"message":"Rate limit reached","type":"rate_limit"}}');
          return;
        }
        res.writeHead(500, { 'content-type': 'application/json' }).end(BODY);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const sc = scenario(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, constantRate(20, 3000), [chat()]);
    const h = start(sc);
    summary = await h.done;
    windows = [...h.windows];
    messages = runMessages(h.info, windows, summary);
    p = await openPanel('dark', { width: 1280, height: 1000 });
  });
  after(async () => {
    await p?.close();
    server?.close();
  });

  const rows = () =>
    p.page.$$eval('section.errors-section table.errors tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
    );

  test('live: one row per reason, counted from the windows so far', async () => {
    const mid = 2;
    await p.feed(messages.slice(0, 1 + mid));
    const ws = windows.slice(0, mid);
    const completed = ws.reduce((a, w) => a + w.completed, 0);
    const seen = ws.flatMap((w) => w.newReasons ?? []);
    const count = (id: number) => ws.reduce((a, w) => a + (w.reasons?.[String(id)] ?? 0), 0);
    const want = seen.map((s) => [s, count(s.id)] as const).sort((a, b) => b[1] - a[1]);
    const got = await rows();
    assert.equal(got.length, want.length, JSON.stringify(got));
    assert.ok(got.length >= 1);
    want.forEach(([s, c], i) => {
      assert.equal(got[i][0], [s.class, s.status].join(' '));
      assert.equal(got[i][1], s.message);
      assert.equal(got[i][2], String(c));
      assert.equal(got[i][3], fmtPct(c / completed));
      assert.equal(got[i][4], `${(s.firstAtMs / 1000).toFixed(1)} s`);
    });
  });

  test("a click shows the sample body; at the end the counts are the summary's", async () => {
    await p.feed(messages.slice(1 + 2));
    const final = summary.errorSamples!;
    const got = await rows();
    assert.deepEqual(
      got.map((r) => [r[1], r[2]]),
      final.map((e) => [e.message, String(e.count)]),
    );
    assert.equal(
      final.reduce((a, e) => a + e.count, 0),
      summary.requests.failed,
    );
    assert.deepEqual(
      got.map((r) => r[1]),
      ['Something went wrong', 'Rate limit reached'],
    );
    await p.page.click('section.errors-section tr[data-reason]:first-child');
    assert.equal(await p.page.textContent('.error-body pre'), BODY);
    const section = await p.page.$('section.errors-section');
    await section!.screenshot({ path: join(SHOTS, 'errors-dark.png') });
    await p.page.click('section.errors-section tr[data-reason]:first-child');
    assert.equal(await p.page.$('.error-body'), null, 'a second click hides it');
    assert.deepEqual(p.consoleErrors, []);
    assert.deepEqual(await p.cspViolations(), []);
  });
});
