// The HTML report's capacity section in headless Chromium: the load–latency curve (one drawn point
// per step in each series, the capacity line at the capacity step's x) and the Pareto front (its
// points joined, every step a dot), laid out and visible in light and dark (prefers-color-scheme).
// Screenshots in both.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderHtml } from '../../src/report/html';
import { CURVE_SERIES } from '../../src/report/capacity-report';
import { sweepSummary } from '../unit/capacity/fixture';

const SHOTS = join(__dirname, 'screenshots');

describe('HTML report: capacity section in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const summary = sweepSummary(30.67, 32);
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    await page.setContent(renderHtml({ summary, windows: [] }));
  });
  after(async () => {
    await browser?.close();
  });

  test('the curve: one visible point per step and series, the capacity line at the capacity step', async () => {
    for (const s of CURVE_SERIES) {
      const dots = page.locator(`g.series[data-series="${s.id}"] circle.point`);
      assert.equal(await dots.count(), summary.capacity!.steps.length, s.id);
      for (const b of await dots.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width)))
        assert.ok(b > 0, `${s.id}: drawn`);
    }
    // The mark's x on screen is the capacity step's (the second step's) x in every series.
    const lineX = await page
      .locator('g.capacity-mark line')
      .evaluate((e) => e.getBoundingClientRect().left + e.getBoundingClientRect().width / 2);
    const dotX = await page
      .locator('g.series[data-series="ttft-p95"] circle.point')
      .nth(1)
      .evaluate((e) => e.getBoundingClientRect().left + e.getBoundingClientRect().width / 2);
    assert.ok(Math.abs(lineX - dotX) < 1, `${lineX} vs ${dotX}`);
    assert.match((await page.locator('g.capacity-mark text').textContent()) ?? '', /capacity 1,840 RPM/);
  });

  test('the Pareto front: every step a dot, the front joined through its points, rising to the right', async () => {
    const front = summary.capacity!.pareto!;
    assert.equal(await page.locator('#pareto g.steps circle').count(), summary.capacity!.steps.length);
    const pts = await page
      .locator('#pareto circle.front-point')
      .evaluateAll((els) => els.map((e) => ({ x: e.getBoundingClientRect().x, y: e.getBoundingClientRect().y })));
    assert.equal(pts.length, front.length);
    for (let i = 1; i < pts.length; i++) {
      assert.ok(pts[i].x > pts[i - 1].x, 'more tokens/s to the right');
      assert.ok(pts[i].y <= pts[i - 1].y + 0.5 || front[i].tpotP50 >= front[i - 1].tpotP50, 'higher TPOT higher up');
    }
    assert.equal(await page.locator('#pareto tbody tr').count(), front.length);
  });

  test('screenshots in light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await page.locator('#capacity').screenshot({ path: join(SHOTS, `report-capacity-${scheme}.png`) });
      if (scheme === 'dark') assert.notEqual(bg, 'rgb(255, 255, 255)', 'dark background');
    }
  });
});
