// The panel's gateway findings, fed the messages of a real run (engine in its worker) through
// real nginx (gzip at one hop, gunzip at the next: streams in bulk) to the mock with `--cache`
// and `prompt.repeat: 0.3`: the live cache tile counted from the windows, then at the end the
// summary's one buffering warning first, and the cache and stream tables. Screenshots kept.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openPanel, type PanelPage } from './harness';
import { runMessages } from './fixture';
import { chat, constantVus, scenario } from '../integration/engine/scenario-fixtures';
import { start } from '../integration/engine/run-helpers';
import { startMock, type MockServer } from '../../src/mock/index';
import { startNginx, type Nginx } from '../support/nginx';
import type { HostToWebview, Summary, Window } from '../../src/protocol';
import { fmtPct } from '../../webview/format';

const SHOTS = join(__dirname, 'screenshots');

describe('gateway findings in Chromium', () => {
  let mock: MockServer;
  const proxies: Nginx[] = [];
  let p: PanelPage;
  let messages: HostToWebview[] = [];
  let windows: Window[] = [];
  let summary: Summary;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    mock = await startMock({ port: 0, ttftMs: 50, tokensPerSecond: 100, outputTokens: 30, cache: true });
    const gz = await startNginx(mock.url, {
      location: 'gzip on; gzip_types text/event-stream; gzip_min_length 0; gzip_proxied any;',
    });
    proxies.push(gz);
    const gun = await startNginx(gz.url, { location: 'gunzip on; proxy_set_header Accept-Encoding gzip;' });
    proxies.push(gun);
    const request = chat({
      maxTokens: 30,
      prompt: { kind: 'tokens', seed: 9, tokens: { distribution: 'fixed', mean: 20, stddev: 0 } },
      promptRepeat: { share: 0.3, recent: 20 },
    });
    const h = start(scenario(gun.url, constantVus(6, 3000), [request]));
    summary = await h.done;
    windows = [...h.windows];
    messages = runMessages(h.info, windows, summary);
    p = await openPanel('dark', { width: 1280, height: 1000 });
  });
  after(async () => {
    await p?.close();
    for (const x of proxies) await x.stop();
    await mock?.close();
  });

  const tile = () =>
    p.page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('[data-kpi="cache"]');
      return el
        ? { value: el.querySelector('.tile-value')!.textContent, detail: el.querySelector('.tile-detail')!.textContent }
        : null;
    });

  test('live: the cache tile counts the hits of the windows so far', async () => {
    const mid = 2;
    await p.feed(messages.slice(0, 1 + mid));
    const ws = windows.slice(0, mid);
    const hits = ws.reduce((a, w) => a + (w.cache?.hits ?? 0), 0);
    const n = hits + ws.reduce((a, w) => a + (w.cache?.misses ?? 0), 0);
    assert.ok(n > 0, 'answers with x-cache in the first windows');
    assert.deepEqual(await tile(), { value: fmtPct(hits / n), detail: `${hits} hits of ${n}` });
  });

  test('at the end: the warning comes first, once; the tile and the tables say what the summary says', async () => {
    await p.feed(messages.slice(1 + 2));
    const c = summary.cache!;
    assert.ok(Math.abs(c.hitRatio! - 0.3) < 0.1, `hit ratio ${c.hitRatio}`);
    assert.equal(summary.warnings?.length, 1, JSON.stringify(summary.stream));
    const t = await tile();
    assert.equal(t?.value, fmtPct(c.hitRatio!));
    assert.match(
      t!.detail!,
      new RegExp(`${c.hits} hits of ${c.hits + c.misses} · ${fmtPct(c.repeatShare!)} repeats sent`),
    );
    const warnings = await p.page.$$eval('[data-warning="gateway"]', (els) => els.map((e) => e.textContent));
    assert.deepEqual(warnings, [`⚠ ${summary.warnings![0]}`]);
    assert.match(warnings[0]!, /Streams look buffered.*proxy buffering.*gzip of text\/event-stream/);
    const table = (cls: string) =>
      p.page.$$eval(`table.${cls} tr`, (trs) =>
        trs.map((tr) => [tr.querySelector('th')!.textContent, tr.querySelector('td')!.textContent]),
      );
    const cache = Object.fromEntries(await table('cache'));
    assert.match(cache['hit ratio'], new RegExp(`\\(${c.hits} hits of ${c.hits + c.misses}\\) from x-cache`));
    assert.ok(cache['TTFT hit'] && cache['TTFT miss']);
    const stream = Object.fromEntries(await table('stream'));
    assert.match(stream['buffered answers'], /⚠$/);
    assert.equal(stream['contract problems'], 'none');
    await p.page.locator('.summary').screenshot({ path: join(SHOTS, 'gateway-insight-dark.png') });
    await p.page.locator('.tiles').screenshot({ path: join(SHOTS, 'gateway-insight-tiles-dark.png') });
    await p.setTheme('light');
    await p.page.locator('.summary').screenshot({ path: join(SHOTS, 'gateway-insight-light.png') });
    assert.deepEqual(p.consoleErrors, []);
    assert.deepEqual(await p.cspViolations(), []);
  });
});
