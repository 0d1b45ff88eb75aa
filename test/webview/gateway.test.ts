// The panel's gateway section in Chromium, fed a real run: the CLI runs through a real nginx in
// front of the mock, with `target.direct` pointing at the mock itself and nginx adding a
// Server-Timing header. While running: a live headline and both paths on one chart; at the end:
// the summary's headline with its interval and the overhead, header-metric and routing tables.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPanel, type PanelPage } from './harness';
import { readRunFolder } from './fixture';
import { startMock, type MockServer } from '../../src/mock/index';
import { startNginx, type Nginx } from '../support/nginx';
import { cli, ensureBuilt } from '../support/cli-runs';
import { overheadHeadline } from '../../src/shared/gateway-format';
import type { RunInfo, Summary, Window } from '../../src/protocol';

const SHOTS = join(__dirname, 'screenshots');

describe('gateway overhead in the live panel', { timeout: 120_000 }, () => {
  let dir: string;
  let mock: MockServer;
  let gw: Nginx;
  let info: RunInfo;
  let windows: Window[];
  let summary: Summary;

  before(async () => {
    ensureBuilt();
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'gl-gateway-panel-'));
    mock = await startMock({
      port: 0,
      ttftMs: 10,
      tokensPerSecond: 0,
      outputTokens: 6,
      seed: 5,
      routeModel: { 'gpt-4o': 'claude-fallback' },
    });
    gw = await startNginx(mock.url, {
      upstreamKeepalive: 0,
      location: 'add_header Server-Timing "gw;dur=2.5" always;',
    });
    const file = join(dir, 'gw.load.yaml');
    writeFileSync(
      file,
      `name: gateway overhead
target: { baseUrl: ${gw.url}, direct: ${mock.url} }
load: { executor: constant-arrival-rate, rate: 30/s, duration: 6s, gracefulStop: 2s }
requests:
  - { name: mini, api: openai-chat, model: gpt-4o-mini, stream: true, prompt: Hello, weight: 3 }
  - { name: big, api: openai-chat, model: gpt-4o, stream: true, prompt: Hello }
`,
    );
    const out = join(dir, 'run');
    const r = await cli(['run', file, '--out', out, '--quiet']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    ({ info, windows, summary } = readRunFolder(out));
    assert.ok(summary.overhead, 'the run measured the overhead');
  });
  after(async () => {
    await gw?.stop();
    await mock?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const theme of ['dark', 'light'] as const) {
    test(`${theme}: live headline and both paths while running, the interval at the end`, async () => {
      const p: PanelPage = await openPanel(theme, { width: 1280, height: 2600 });
      try {
        const mid = Math.max(2, windows.length - 2);
        await p.feed([
          { type: 'run/snapshot', info, windows: [], status: 'running', summary: null },
          ...windows.slice(0, mid).map((w) => ({ type: 'run/window' as const, runId: info.runId, window: w })),
        ]);
        const live = await p.page.evaluate(() => {
          const sec = document.querySelector<HTMLElement>('section.gateway')!;
          const charts = (
            window as unknown as {
              __gatewayLoadCharts: Record<
                string,
                { data: { datasets: Array<{ label: string; data: Array<{ y: number | null }> }> } }
              >;
            }
          ).__gatewayLoadCharts;
          const paths = charts.paths.data.datasets.map((d) => ({
            label: d.label,
            points: d.data.filter((x) => x.y !== null).length,
          }));
          const headerChart = charts['gateway-headers']?.data.datasets.map((d) => ({
            label: d.label,
            values: d.data.filter((x) => x.y !== null).map((x) => x.y),
          }));
          return {
            headerChart,
            headersHidden: document.querySelector<HTMLElement>('section.gateway-headers')!.hidden,
            hidden: sec.hidden,
            headline: sec.querySelector('.overhead-headline')!.textContent,
            state: sec.querySelector<HTMLElement>('.overhead-headline')!.dataset.overhead,
            paths,
          };
        });
        assert.equal(live.hidden, false);
        // The header metrics' own chart: one series per metric seen, its per-second mean.
        assert.equal(live.headersHidden, false);
        assert.deepEqual(live.headerChart, [
          {
            label: 'server_timing_gw',
            values: windows
              .slice(0, mid)
              .filter((w) => w.gatewayHeaders?.server_timing_gw !== undefined)
              .map(() => 2.5),
          },
        ]);
        assert.equal(live.state, 'live');
        assert.match(live.headline ?? '', /^Gateway adds about -?\d+\.\d ms at p50 \(last 10 s/);
        assert.deepEqual(
          live.paths.map((d) => d.label),
          ['gateway p50', 'direct p50', 'gateway p99', 'direct p99'],
        );
        const withBoth = windows.slice(0, mid).filter((w) => w.paths?.gateway && w.paths?.direct).length;
        assert.equal(live.paths[0].points, windows.slice(0, mid).filter((w) => w.paths?.gateway).length);
        assert.ok(withBoth >= mid - 2, `${withBoth} of ${mid}`);
        await p.page.locator('section.gateway').screenshot({ path: join(SHOTS, `gateway-${theme}-running.png`) });

        await p.feed([
          ...windows.slice(mid).map((w) => ({ type: 'run/window' as const, runId: info.runId, window: w })),
          { type: 'run/ended', runId: info.runId, status: summary.status, summary },
        ]);
        const ended = await p.page.evaluate(() => ({
          headline: document.querySelector('.overhead-headline')!.textContent,
          state: document.querySelector<HTMLElement>('.overhead-headline')!.dataset.overhead,
          overheadRows: document.querySelectorAll('table.overhead tbody tr').length,
          headerCells: [...document.querySelectorAll('table.gateway-headers tbody tr td')].map((td) => td.textContent),
          pathMetric: !!document.querySelector('tr[data-metric="http_req_duration{path:direct}"]'),
          routingRows: [...document.querySelectorAll('table.routing tbody tr td:first-child')].map(
            (td) => td.textContent,
          ),
          routingText: document.querySelector('table.routing')?.previousElementSibling?.textContent,
        }));
        assert.equal(ended.state, 'final');
        assert.equal(ended.headline, overheadHeadline(summary.overhead!));
        assert.match(
          ended.headline ?? '',
          /^Gateway adds -?[\d.]+ ms at p50 \(±[\d.]+\), -?[\d.]+ ms at p99( \(±[\d.]+\))?/,
        );
        assert.equal(ended.overheadRows, 8, 'duration and TTFT at four percentiles');
        assert.deepEqual(ended.headerCells.slice(0, 4), [
          'server_timing_gw',
          'server-timing',
          String(summary.overhead!.requests.gateway),
          '2.5 ms',
        ]);
        assert.ok(ended.pathMetric, 'per-path series in the metrics table');
        // Routing: latency per served model, and the answers the mock routed elsewhere as fallbacks.
        assert.deepEqual(new Set(ended.routingRows), new Set(Object.keys(summary.routing!.byModel)));
        assert.ok(ended.routingRows.includes('claude-fallback'));
        assert.equal(
          ended.routingText,
          `fallbacks ${summary.routing!.fallbacks.count} (${(summary.routing!.fallbacks.rate * 100).toFixed(1)}% of answers): 0 by x-litellm-attempted-fallbacks, ${summary.routing!.fallbacks.count} by a served model other than the one asked for`,
        );
        await p.page.locator('section.gateway').screenshot({ path: join(SHOTS, `gateway-${theme}-ended.png`) });
        await p.page
          .locator('section.gateway-headers')
          .screenshot({ path: join(SHOTS, `gateway-headers-${theme}.png`) });
        await p.page.locator('section.summary').screenshot({ path: join(SHOTS, `gateway-${theme}-summary.png`) });
        assert.deepEqual(p.consoleErrors, []);
        assert.deepEqual(await p.cspViolations(), []);
      } finally {
        await p.close();
      }
    });
  }
});
