// `gateway-load trend` over five real runs recorded with the CLI against the mock, the fourth
// with the mock five times slower (`--latency-factor 5`): the table marks the baseline and the
// regressed run, and the HTML chart, rendered in Chromium, draws that run high and in red.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { Trend } from '../../src/report/trend';
import { JUDGED_METRICS } from '../../src/report/compare';
import { cli, ensureBuilt, startMock, tempDir, writeScenario, type Mock } from '../integration/report/helpers';

const SHOTS = join(__dirname, 'screenshots');
// Identical runs on a shared 2-core machine wander by tens of percent; a 5× slower gateway does not hide under 100%.
const TOLERANCE = JUDGED_METRICS.map((m) => `${m}=100%`).join(',');
/** Verdicts with the runs that did not regress (same, or better by noise) told apart only from the regressed one. */
const verdicts = (list: Array<string | null>) => list.map((v) => (v === 'better' ? 'same' : v));

describe('trend over five recorded runs', () => {
  const ws = tempDir('gl-trend-ws-');
  const runs = join(ws, '.gateway-load', 'runs');
  const scenario = writeScenario({ name: 'Trend integration', rate: 20, seconds: 1 });
  let normal: Mock;
  let slow: Mock;
  let browser: Browser | undefined;

  before(async () => {
    ensureBuilt();
    mkdirSync(runs, { recursive: true });
    // Fixed delays, long beside the timer jitter of a busy machine.
    const args = ['--ttft', '100ms', '--tokens-per-second', '50', '--output-tokens', '3'];
    [normal, slow] = await Promise.all([startMock(args), startMock([...args, '--latency-factor', '5'])]);
    for (let i = 1; i <= 5; i++) {
      const r = await cli(
        ['run', scenario, '--out', join(runs, `run-${i}`), '--quiet'],
        { GATEWAY_URL: (i === 4 ? slow : normal).url, CI: 'true' },
        ws,
      );
      assert.equal(r.code, 0, r.stdout + r.stderr);
      if (i === 1)
        assert.equal(
          (await cli(['report', join(runs, 'run-1'), '--mark-baseline', '--workspace', ws], {}, ws)).code,
          0,
        );
    }
  });
  after(async () => {
    await browser?.close();
    await Promise.all([normal?.stop(), slow?.stop()]);
  });

  test('json and Markdown: the baseline, the regressed fourth run, the others same', async () => {
    const json = await cli(['trend', runs, '--format', 'json', '--tolerance', TOLERANCE], {}, ws);
    assert.equal(json.code, 0, `the newest run did not regress: ${json.stderr}${json.stdout}`);
    const t = JSON.parse(json.stdout) as Trend;
    assert.equal(t.scenario, 'Trend integration');
    assert.deepEqual([t.metric, t.stat], ['time_to_first_token', 'p95'], 'a streaming scenario trends its TTFT');
    assert.deepEqual(
      verdicts(t.points.map((p) => p.verdict)),
      ['baseline', 'same', 'same', 'regressed', 'same'],
      JSON.stringify(t.points.map((p) => [p.value, p.worse])),
    );
    const v = t.points.map((p) => p.value ?? 0);
    assert.ok(v[3] > 2 * Math.max(v[0], v[1], v[2], v[4]), `the slow run's TTFT stands out: ${v.join(', ')}`);
    assert.ok(t.points[3].worse.includes('time_to_first_token.p50'), t.points[3].worse.join(', '));
    assert.equal(t.regressions, 1);

    const md = await cli(['trend', scenario, '--tolerance', TOLERANCE, '--last', '4'], {}, ws);
    assert.equal(md.code, 0, md.stderr);
    const rows = md.stdout.split('\n').filter((l) => /^\| \d/.test(l));
    assert.equal(rows.length, 4, '--last 4 keeps the newest four');
    assert.match(rows[2], /\| \*\*REGRESSED\*\* \|$/);
    assert.match(rows[0], /^\| 1 \| .* \| pass \| completed \| (same|better) \|$/);
    assert.match(md.stdout, /^Baseline: run .*, time_to_first_token p95 = [\d.]+ ms\.$/m);
    assert.match(md.stdout, /^Regressed: run 3 \(.*time_to_first_token\.p50/m);
  });

  test('html: the chart in Chromium draws five points, the regressed one highest and red, and the baseline line', async () => {
    const file = join(ws, 'trend.html');
    const r = await cli(['trend', runs, '--format', 'html', '--tolerance', TOLERANCE, '-o', file], {}, ws);
    assert.equal(r.code, 0, r.stderr);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    for (const scheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ viewport: { width: 900, height: 640 }, colorScheme: scheme });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.setContent(readFileSync(file, 'utf8'));
      const points = await page.$$eval('svg.trend-chart circle.point', (els) =>
        els.map((e) => {
          const box = e.getBoundingClientRect();
          return {
            verdict: e.getAttribute('data-verdict'),
            y: box.top + box.height / 2,
            fill: getComputedStyle(e).fill,
            visible: box.width > 0,
          };
        }),
      );
      assert.deepEqual(verdicts(points.map((p) => p.verdict)), ['baseline', 'same', 'same', 'regressed', 'same']);
      assert.ok(points.every((p) => p.visible));
      const reg = points[3];
      assert.ok(
        points.every((p, i) => i === 3 || p.y > reg.y + 20),
        `the regressed run is drawn above the others: ${points.map((p) => p.y).join(', ')}`,
      );
      const [red, green] =
        scheme === 'light' ? ['rgb(207, 34, 46)', 'rgb(26, 127, 55)'] : ['rgb(248, 81, 73)', 'rgb(63, 185, 80)'];
      assert.equal(reg.fill, red);
      assert.equal(points[0].fill, green, 'the baseline point has the baseline colour');
      assert.equal(await page.locator('svg.trend-chart line.baseline-line').count(), 1);
      assert.deepEqual(verdicts(await page.$$eval('tbody tr', (trs) => trs.map((t) => t.className))), [
        'baseline',
        'same',
        'same',
        'regressed',
        'same',
      ]);
      assert.match(await page.locator('tr.regressed td').last().innerText(), /^regressed \(.*time_to_first_token\.p50/);
      assert.equal(await page.locator('.regressions').innerText(), '1 regressed run');
      assert.deepEqual(errors, []);
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, `trend-${scheme}.png`), fullPage: true });
      await page.close();
    }
    writeFileSync(join(ws, 'done'), '');
  });
});
