// The panel's Resources section in Chromium, fed a real run: the CLI runs against the mock while
// scraping a real node_exporter, and the panel gets that run's run.json, windows and summary as
// the host sends them. One chart per monitored group, one point per window, on the load charts'
// time axis; screenshots in dark and light.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPanel, type PanelPage } from './harness';
import { readRunFolder, runMessages } from './fixture';
import { startMock, type MockServer } from '../../src/mock/index';
import { cli, ensureBuilt } from '../support/cli-runs';
import { startNodeExporter, type Peer } from '../support/peers';
import type { RunInfo, Summary, Window } from '../../src/protocol';

const SHOTS = join(__dirname, 'screenshots');

type ChartData = Record<
  string,
  { data: { datasets: Array<{ label: string; data: Array<{ x: number; y: number | null }> }> } }
>;

describe('Resources charts in the live panel', () => {
  let dir: string;
  let mock: MockServer;
  let exporter: Peer;
  let info: RunInfo;
  let windows: Window[];
  let summary: Summary;

  before(async () => {
    ensureBuilt();
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'gl-resources-'));
    mock = await startMock({ port: 0, ttftMs: 5, tokensPerSecond: 500, outputTokens: 5 });
    exporter = await startNodeExporter();
    const file = join(dir, 'res.load.yaml');
    writeFileSync(
      file,
      `name: resources
target: { baseUrl: ${mock.url} }
load: { executor: constant-arrival-rate, rate: 30/s, duration: 5s, gracefulStop: 1s }
requests: [ { api: openai-chat, model: gpt-4o-mini, prompt: Hello } ]
monitor:
  prometheus: [ { url: ${exporter.url}/metrics, preset: node } ]
`,
    );
    const out = join(dir, 'run');
    const r = await cli(['run', file, '--out', out, '--quiet']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    ({ info, windows, summary } = readRunFolder(out));
  });
  after(async () => {
    await exporter?.stop();
    await mock?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const theme of ['dark', 'light'] as const) {
    test(`${theme}: one chart per group, a point per window, aligned with the load charts`, async () => {
      const p: PanelPage = await openPanel(theme, { width: 1280, height: 2400 });
      try {
        await p.feed(runMessages(info, windows, summary));
        const groups = [...new Set(info.monitor!.map((m) => m.group))];
        assert.ok(
          groups.includes('node cpu') && groups.includes('node memory') && groups.includes('generator cpu'),
          groups.join(', '),
        );
        const seen = await p.page.evaluate(() => ({
          visible: !document.querySelector<HTMLElement>('section.resources')!.hidden,
          titles: [...document.querySelectorAll('section.resources figcaption')].map((e) => e.textContent),
        }));
        assert.ok(seen.visible, 'the Resources section is shown');
        assert.deepEqual(seen.titles, groups);
        const charts = (await p.page.evaluate(() => {
          const all = (window as unknown as { __gatewayLoadCharts: ChartData }).__gatewayLoadCharts;
          return Object.fromEntries(
            Object.entries(all).map(([id, c]) => [
              id,
              {
                data: {
                  datasets: c.data.datasets.map((d) => ({
                    label: d.label,
                    data: d.data.map((pt) => ({ x: pt.x, y: pt.y })),
                  })),
                },
              },
            ]),
          );
        })) as ChartData;
        const cpuId = `monitor-${groups.indexOf('node cpu')}`;
        const cpu = charts[cpuId].data.datasets;
        assert.deepEqual(
          cpu.map((d) => d.label),
          ['node.cpu_busy', 'node.cpu_user', 'node.cpu_system', 'node.cpu_iowait'],
        );
        const load = charts.latency.data.datasets[0].data.map((d) => d.x);
        for (const d of cpu) {
          assert.equal(d.data.length, windows.length, `${d.label}: one point per window`);
          assert.deepEqual(
            d.data.map((pt) => pt.x),
            load,
            `${d.label}: same time axis as the latency chart`,
          );
        }
        const mem = charts[`monitor-${groups.indexOf('node memory')}`].data.datasets[0].data;
        assert.deepEqual(
          mem.map((pt) => pt.y),
          windows.map((w) => w.monitor?.['node.memory_used'] ?? null),
        );
        await p.page.locator('section.resources').screenshot({ path: join(SHOTS, `resources-${theme}.png`) });
      } finally {
        await p.close();
      }
    });
  }
});
