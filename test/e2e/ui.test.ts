// The UI pass of issue 7: the packaged .vsix installed into code-server, a scenario opened and run
// by clicking its ▶ Run CodeLens in headless Chromium, screenshots in a dark and a light theme of
// the editor (CodeLens, diagnostics), the live panel mid-run and the summary at the end.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { provision, type Provisioned } from './provision';
import { launchBrowser, startHost, workbenchUrl } from './host';
import { makeWorkspace, REPO_ROOT } from './harness';
// The mock runs in its own process, as a user runs it: in this one it would share an event loop
// with Playwright's traffic and answer late under journey 10's 5,000 req/s.
import { startMock, type Mock } from '../support/cli-runs';
import { chartPoints, paintedPixels, paletteCommand, quickOpen, waitForWorkbench, webviewFrame } from './workbench';
import { zipEntries } from '../support/zip-entries';
import { writeTrendRuns } from './trend-runs';

const SHOTS = join(__dirname, 'screenshots');
const THEMES = [
  { id: 'dark', theme: 'Default Dark Modern' },
  { id: 'light', theme: 'Default Light Modern' },
] as const;

async function shot(page: Page, name: string, dir = SHOTS): Promise<void> {
  await page.screenshot({ path: join(dir, `${name}.png`) });
  console.log(`[ui] screenshot ${name}.png`);
}

describe('ui: the packaged extension in code-server, seen in Chromium', { timeout: 8 * 60_000 }, () => {
  let p: Provisioned;
  let browser: Browser | undefined;
  let mock: Mock | undefined;
  const vsix = join(REPO_ROOT, 'gateway-load.vsix');

  before(async () => {
    p = await provision((l) => console.log(l));
    rmSync(vsix, { force: true });
    const t0 = Date.now();
    const pkg = spawnSync('npm', ['run', 'package'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 240_000 });
    assert.equal(pkg.status, 0, `npm run package failed:\n${pkg.stdout}\n${pkg.stderr}`);
    assert.ok(existsSync(vsix), 'npm run package wrote no gateway-load.vsix');
    console.log(
      `[ui] packaged in ${((Date.now() - t0) / 1000).toFixed(1)}s: ${(statSync(vsix).size / 2 ** 20).toFixed(2)} MiB`,
    );
    // The package ships bundles and contributions only: no sources, tests or node_modules.
    // A guard against shipping sources or node_modules (tens of MB), not a size budget: the bundles
    // grew past 2 MiB with remote write (protobufjs, snappyjs) and the proxy agent.
    assert.ok(statSync(vsix).size < 3 * 2 ** 20, `the .vsix is ${statSync(vsix).size} bytes, over 3 MiB`);
    const shipped = zipEntries(vsix).map((e) => e.name);
    assert.deepEqual(
      shipped.filter(
        (n) => /^extension\/(src|test|node_modules|webview|bench)\//.test(n) || n.endsWith('.ts') || n.endsWith('.map'),
      ),
      [],
    );
    for (const needed of [
      'extension/dist/extension.js',
      'extension/dist/worker.js',
      'extension/dist/webview.js',
      'extension/schemas/scenario.schema.json',
      'extension/syntaxes/gateway-load.tmLanguage.json',
      'extension/snippets/gateway-load.code-snippets',
    ]) {
      assert.ok(shipped.includes(needed), `the .vsix lacks ${needed}`);
    }
    mock = await startMock();
    browser = await launchBrowser(p);
    mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await mock?.stop();
    // The development build again: the packaged one is minified, without source maps.
    spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO_ROOT, timeout: 120_000 });
  });

  for (const { id, theme } of THEMES) {
    test(`${id} theme: the Test Explorer after a run that passes one threshold and fails another`, async () => {
      assert.ok(browser && mock, 'setup did not complete');
      const ws = makeWorkspace();
      const host = await startHost({
        provisioned: p,
        vsix: [vsix],
        env: { GATEWAY_URL: mock.url },
        settings: {
          'workbench.colorTheme': theme,
          'window.zoomLevel': 0,
          'editor.minimap.enabled': false,
          'workbench.editor.enablePreview': false,
        },
      });
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      try {
        await page.goto(workbenchUrl(host, ws), { timeout: 60_000 });
        await waitForWorkbench(page);
        await quickOpen(page, 'testing.load.yaml');
        await page.locator('.codelens-decoration a', { hasText: 'Run' }).first().waitFor({ timeout: 30_000 });
        await paletteCommand(page, 'Test: Run Tests in Current File');
        await paletteCommand(page, 'Testing: Focus on Test Explorer View');
        const row = page.locator('.test-explorer .monaco-list-row', { hasText: 'e2e testing' }).first();
        await row.locator('.codicon-testing-failed-icon').waitFor({ timeout: 90_000 });
        // Expand the scenario to show its two thresholds, one passed and one failed.
        await row.click();
        await page.keyboard.press('ArrowRight');
        await page
          .locator('.test-explorer .monaco-list-row', { hasText: 'p(95) < 1' })
          .first()
          .waitFor({ timeout: 10_000 });
        await page
          .locator('.test-explorer .monaco-list-row', { hasText: 'rate < 0.5' })
          .locator('.codicon-testing-passed-icon')
          .first()
          .waitFor({ timeout: 10_000 });
        await page.waitForTimeout(500);
        await shot(page, `test-explorer-${id}`);
      } catch (err) {
        await shot(page, `failure-test-explorer-${id}`, join(__dirname, '.build')).catch(() => undefined);
        throw err;
      } finally {
        await page.close().catch(() => undefined);
        await host.close();
        rmSync(ws, { recursive: true, force: true });
      }
    });
  }

  test('dark theme: two runs at once, each in its own live panel; Stop in one panel stops that run only', async () => {
    assert.ok(browser && mock, 'setup did not complete');
    const ws = makeWorkspace();
    const long = readFileSync(join(ws, 'long.load.yaml'), 'utf8');
    writeFileSync(join(ws, 'long-b.load.yaml'), long.replace('name: e2e long run', 'name: e2e long run b'));
    const host = await startHost({
      provisioned: p,
      vsix: [vsix],
      env: { GATEWAY_URL: mock.url },
      settings: {
        'workbench.colorTheme': 'Default Dark Modern',
        'window.zoomLevel': 0,
        'editor.minimap.enabled': false,
      },
    });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    /** The panel page whose header names `scenario` exactly. */
    const panelOf = async (scenario: string): Promise<Frame> => {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        for (const f of page.frames()) {
          const title = await f
            .evaluate(() => document.querySelector('.run-header h1, .run-header .title')?.textContent ?? null)
            .catch(() => null);
          if (title?.trim() === scenario) return f;
        }
        await page.waitForTimeout(250);
      }
      throw new Error(`no live panel shows ${scenario}`);
    };
    const status = (f: Frame) => f.locator('.run-header .status').getAttribute('data-status');
    try {
      await page.goto(workbenchUrl(host, ws), { timeout: 60_000 });
      await waitForWorkbench(page);
      await quickOpen(page, 'long.load.yaml');
      await page.locator('.codelens-decoration a', { hasText: '▶ Run' }).first().click();
      await page
        .locator('.tab', { hasText: /Load: e2e long run ●/ })
        .first()
        .waitFor({ timeout: 30_000 });
      await page.keyboard.press('Control+1');
      await quickOpen(page, 'long-b.load.yaml');
      await page.locator('.codelens-decoration a', { hasText: '▶ Run' }).first().click();
      await page.locator('.tab', { hasText: 'Load: e2e long run b ●' }).first().waitFor({ timeout: 30_000 });
      assert.equal(await page.locator('.tab', { hasText: /^Load: e2e long run/ }).count(), 2, 'a panel per run');
      // Back to the first run's panel, and its own Stop button.
      await page
        .locator('.tab', { hasText: /Load: e2e long run ●/ })
        .first()
        .click();
      const a = await panelOf('e2e long run');
      await a.locator('vscode-button.stop').click();
      const until = Date.now() + 30_000;
      while ((await status(a)) !== 'stopped') {
        assert.ok(Date.now() < until, `the stopped run's panel says ${String(await status(a))}`);
        await page.waitForTimeout(250);
      }
      await page.locator('.tab', { hasText: 'Load: e2e long run b ●' }).first().click();
      const b = await panelOf('e2e long run b');
      assert.equal(await status(b), 'running', 'the other run goes on');
      await page.waitForTimeout(500);
      await shot(page, 'two-runs-dark');
    } catch (err) {
      await shot(page, 'failure-two-runs-dark', join(__dirname, '.build')).catch(() => undefined);
      throw err;
    } finally {
      await paletteCommand(page, 'Stop All Load Tests').catch(() => undefined);
      await page.close().catch(() => undefined);
      await host.close();
      rmSync(ws, { recursive: true, force: true });
    }
  });

  for (const { id, theme } of THEMES) {
    test(`${id} theme: the runs view with a trend sparkline, its baseline marked`, async () => {
      assert.ok(browser, 'setup did not complete');
      const ws = makeWorkspace();
      writeTrendRuns(ws);
      const host = await startHost({
        provisioned: p,
        vsix: [vsix],
        env: {},
        settings: { 'workbench.colorTheme': theme, 'window.zoomLevel': 0, 'editor.minimap.enabled': false },
      });
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      try {
        await page.goto(workbenchUrl(host, ws), { timeout: 60_000 });
        await waitForWorkbench(page);
        await quickOpen(page, 'testing.load.yaml');
        // The view's section in the Explorer starts collapsed: open it as a person does, by its header.
        await page.locator('.pane-header', { hasText: 'Load Test Runs' }).first().click();
        // The newest run of the scenario carries the sparkline of p95 across the five, 📌 on the baseline.
        const row = page.locator('.monaco-list-row', { hasText: 'p95 duration' }).first();
        await row.waitFor({ timeout: 30_000 });
        assert.match(await row.innerText(), /📌/, 'the baseline is marked on the sparkline');
        // Widen the side bar (drag its sash) so the sparkline after the run's label is not cut off.
        const sash = await page.locator('.part.sidebar').boundingBox();
        if (sash) {
          await page.mouse.move(sash.x + sash.width + 1, sash.y + sash.height / 2);
          await page.mouse.down();
          await page.mouse.move(sash.x + 760, sash.y + sash.height / 2, { steps: 8 });
          await page.mouse.up();
        }
        await page.waitForTimeout(800);
        await shot(page, `runs-trend-${id}`);
      } catch (err) {
        await shot(page, `failure-runs-trend-${id}`, join(__dirname, '.build')).catch(() => undefined);
        throw err;
      } finally {
        await page.close().catch(() => undefined);
        await host.close();
        rmSync(ws, { recursive: true, force: true });
      }
    });
  }

  for (const { id, theme } of THEMES) {
    test(`${id} theme: CodeLens, diagnostics, live panel mid-run, summary`, async () => {
      assert.ok(browser && mock, 'setup did not complete');
      const ws = makeWorkspace();
      const host = await startHost({
        provisioned: p,
        vsix: [vsix],
        env: { GATEWAY_URL: mock.url },
        settings: {
          'workbench.colorTheme': theme,
          'window.zoomLevel': 0,
          'editor.minimap.enabled': false,
          'workbench.editor.enablePreview': false,
        },
      });
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      try {
        await page.goto(workbenchUrl(host, ws), { timeout: 60_000 });
        await waitForWorkbench(page);

        // A file with mistakes: squiggles, the error lens, the Problems view.
        await quickOpen(page, 'mistakes.load.yaml');
        await page.locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
        await page.locator('.codelens-decoration', { hasText: 'line' }).first().waitFor({ timeout: 15_000 });
        await page.keyboard.press('Control+Shift+M');
        await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: 15_000 });
        await page.waitForTimeout(500);
        await shot(page, `editor-diagnostics-${id}`);
        await page.keyboard.press('Control+W');

        // The runnable scenario: ▶ Run / Dry Run lenses and a warning.
        await quickOpen(page, 'ui-demo.load.yaml');
        const run = page.locator('.codelens-decoration a', { hasText: 'Run' }).first();
        await run.waitFor({ timeout: 30_000 });
        await page.locator('.squiggly-warning').first().waitFor({ timeout: 15_000 });
        await page.waitForTimeout(500);
        await shot(page, `editor-codelens-${id}`);

        // Close the Problems view and the side bar, leaving the live panel room, and click ▶ Run.
        await page.keyboard.press('Control+J');
        await page.keyboard.press('Control+B');
        await page.locator('.codelens-decoration a', { hasText: '▶ Run' }).first().click();
        const frame = await webviewFrame(page, 30_000);
        const deadline = Date.now() + 30_000;
        // Mid-run: about half of the 12 s ramp drawn.
        while ((await chartPoints(frame)).filter((n) => n >= 6).length < 2 || (await paintedPixels(frame)) < 500) {
          assert.ok(Date.now() < deadline, `charts did not draw: points ${JSON.stringify(await chartPoints(frame))}`);
          await page.waitForTimeout(250);
        }
        await page.waitForTimeout(600);
        await shot(page, `live-${id}`);

        const summary = frame.locator('section.summary:not([hidden])');
        await summary.waitFor({ state: 'visible', timeout: 60_000 });
        await summary.scrollIntoViewIfNeeded();
        await page.waitForTimeout(500);
        await shot(page, `summary-${id}`);
        const summaryText = await summary.innerText();
        assert.match(summaryText, /requests sent/);

        if (id === 'dark') {
          // A window reload: the panel comes back through its serializer with the whole run.
          const points = Math.max(...(await chartPoints(frame)));
          await page.reload({ timeout: 60_000 });
          // The side bar stays closed across the reload, so wait for the workbench itself, not the explorer.
          await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
          const restored = await webviewFrame(page, 60_000);
          const again = restored.locator('section.summary:not([hidden])');
          await again.waitFor({ state: 'visible', timeout: 60_000 });
          assert.equal(
            (await again.innerText()).match(/\d+ requests sent/)?.[0],
            summaryText.match(/\d+ requests sent/)?.[0],
            'the restored panel shows the same run',
          );
          assert.equal(
            Math.max(...(await chartPoints(restored))),
            points,
            'the restored charts hold every point of the run',
          );
        }
      } catch (err) {
        // Kept out of screenshots/ (committed): a failure picture is for the person debugging.
        await shot(page, `failure-${id}`, join(__dirname, '.build')).catch(() => undefined);
        throw err;
      } finally {
        await page.close().catch(() => undefined);
        await host.close();
        rmSync(ws, { recursive: true, force: true });
      }
    });
  }
});
