// Every report format rendered from a real run against the mock, its content checked against
// the run's own summary.json, and the HTML opened in headless Chromium.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import type { Summary } from '../../../src/protocol';
import { parseXml } from '../../unit/report/xml-check';
import { cli, ensureBuilt, startMock, tempDir, writeScenario, type Mock } from './helpers';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('reports from a real run', () => {
  let mock: Mock;
  let runDir: string;
  let summary: Summary;
  const out = tempDir();

  before(async () => {
    ensureBuilt();
    mock = await startMock(['--ttft', '60ms', '--tokens-per-second', '100', '--output-tokens', '8']);
    // One threshold that cannot pass, so the reports carry a failure.
    const scenario = writeScenario({
      name: 'Report integration',
      thresholds:
        '  http_req_failed: [ "rate < 0.01" ]\n  http_req_duration: [ "p(95) < 5000" ]\n  time_to_first_token: [ "p(95) < 1" ]',
    });
    runDir = join(out, 'run');
    const r = await cli(['run', scenario, '--out', runDir], { GATEWAY_URL: mock.url, CI: 'true' });
    assert.ok(r.code === 0 || r.code === 1, `run exit ${r.code}: ${r.stderr}`);
    summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as Summary;
    assert.ok(summary.requests.sent >= 50, `only ${summary.requests.sent} requests`);
  });
  after(async () => {
    await mock?.stop();
  });

  test('json is summary.json, with its schemaVersion', async () => {
    const r = await cli(['report', runDir, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as Summary;
    assert.equal(json.schemaVersion, 1);
    assert.deepEqual(json, summary);
  });

  test("markdown figures are the summary's figures", async () => {
    const file = join(out, 'report.md');
    const r = await cli(['report', join(runDir, 'summary.json'), '--format', 'md', '-o', file], { CI: 'true' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr.trim(), file, 'under CI the command prints only the path');
    const md = readFileSync(file, 'utf8');
    const figure = (label: string) =>
      Number(new RegExp(`\\| ${label.replace(/[()/]/g, '\\$&')} \\| ([\\d.]+)`).exec(md)?.[1]);
    const d = summary.metrics.http_req_duration;
    for (const [label, v] of [
      ['Latency p50', d.p50],
      ['Latency p95', d.p95],
      ['Latency p99', d.p99],
      ['TTFT p50', summary.metrics.time_to_first_token.p50],
      ['Throughput (req/s)', summary.metrics.http_reqs.rate],
    ] as const) {
      assert.ok(Math.abs(figure(label) - (v as number)) <= 0.051, `${label}: ${figure(label)} vs ${v}`);
    }
    assert.match(
      md,
      new RegExp(
        `\\*\\*Requests:\\*\\* ${summary.requests.sent} sent, ${summary.requests.succeeded} succeeded, ${summary.requests.failed} failed`,
      ),
    );
    const ttft = summary.thresholds.find((t) => t.metric === 'time_to_first_token');
    assert.equal(ttft?.ok, false);
    assert.match(md, /\| ✗ \| time_to_first_token \| `p\(95\) < 1` \|/);
    assert.match(md, /\| ✓ \| http_req_failed \| `rate < 0\.01` \|/);
    for (const c of summary.checks) assert.ok(md.includes(`| \`${c.name}\` | ${c.passes} | ${c.fails} |`), c.name);
  });

  test('junit has a testsuite/testcase per threshold and check, with a failure for the failed threshold', async () => {
    const file = join(out, 'junit.xml');
    assert.equal((await cli(['report', runDir, '--format', 'junit', '-o', file])).code, 0);
    const root = parseXml(readFileSync(file, 'utf8'));
    assert.equal(root.name, 'testsuites');
    const cases = root.children.flatMap((s) => {
      assert.equal(s.name, 'testsuite');
      return s.children.filter((c) => c.name === 'testcase');
    });
    for (const t of summary.thresholds) {
      const c = cases.find((x) => x.attrs.name === `${t.metric}: ${t.expression}`);
      assert.ok(c, `${t.metric}: ${t.expression}`);
      assert.equal(
        c.children.some((f) => f.name === 'failure' && f.attrs.message.length > 0),
        !t.ok,
      );
    }
    for (const ch of summary.checks)
      assert.ok(
        cases.some((x) => x.attrs.name === ch.name),
        ch.name,
      );
    const failures = cases.filter((c) => c.children.some((f) => f.name === 'failure')).length;
    assert.equal(root.attrs.failures, String(failures));
    assert.equal(root.attrs.tests, String(cases.length));
  });

  test('html opens offline in Chromium with every chart drawn and no console errors', async () => {
    const file = join(out, 'report.html');
    assert.equal((await cli(['report', runDir, '--format', 'html', '-o', file])).code, 0);
    const windows = readFileSync(join(runDir, 'windows.ndjson'), 'utf8')
      .split('\n')
      .filter((l) => l.trim()).length;
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await browser.newPage({ colorScheme, viewport: { width: 1280, height: 900 } });
        const problems: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
        });
        page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
        page.on('request', (r) => {
          if (!r.url().startsWith('file:')) problems.push(`network: ${r.url()}`);
        });
        await page.goto(pathToFileURL(file).href);
        await page.waitForSelector('body[data-charts-drawn]', { timeout: 10_000 });
        const charts = await page.evaluate(() => {
          const w = window as unknown as {
            Chart: { getChart(c: HTMLCanvasElement): { data: { datasets: Array<{ data: unknown[] }> } } | undefined };
          };
          return [...document.querySelectorAll('canvas')].map((c) => {
            const ctx = c.getContext('2d');
            const px = ctx ? ctx.getImageData(0, 0, c.width, c.height).data : new Uint8ClampedArray();
            let painted = 0;
            for (let i = 3; i < px.length; i += 4) if (px[i] > 0) painted++;
            const chart = w.Chart.getChart(c);
            return {
              id: c.id,
              width: c.width,
              painted,
              points: chart ? chart.data.datasets.map((d) => d.data.length) : [],
            };
          });
        });
        assert.deepEqual(problems, [], colorScheme);
        assert.ok(charts.length >= 5, `${charts.length} charts`);
        assert.equal(await page.getAttribute('body', 'data-charts-drawn'), String(charts.length));
        for (const c of charts) {
          assert.ok(c.width > 100 && c.painted > 2000, `${c.id} looks blank (${c.painted} painted pixels)`);
          assert.ok(
            c.points.length > 0 && c.points.every((n) => n === windows),
            `${c.id}: ${c.points} points for ${windows} windows`,
          );
        }
        assert.deepEqual(
          charts.map((c) => c.id).sort(),
          [
            'chart-connections',
            'chart-errors',
            'chart-latency',
            'chart-monitor-0',
            'chart-monitor-1',
            'chart-monitor-2',
            'chart-monitor-3',
            'chart-output-tokens',
            'chart-throughput',
            'chart-tokens-latency',
          ],
          "the load charts and the generator's own resources (cpu, memory, loop, lateness)",
        );
        // The summary table shows the summary's numbers.
        const p95 = await page.evaluate(() => {
          const row = [...document.querySelectorAll('#summary tr')].find((tr) =>
            tr.textContent?.startsWith('http_req_duration'),
          );
          const head = [...document.querySelectorAll('#summary th')].map((th) => th.textContent);
          return row ? Number(row.children[head.indexOf('p95')].textContent) : NaN;
        });
        assert.ok(Math.abs(p95 - (summary.metrics.http_req_duration.p95 as number)) <= 0.051, `p95 ${p95}`);
        const env = await page.textContent('#environment');
        assert.ok(env?.includes(summary.environment.node) && env.includes(summary.startedAt), env ?? '');
        await page.close();
      }
    } finally {
      await browser?.close();
    }
  });
});
