// The UI pass of issue 7: the packaged .vsix installed into code-server, a scenario opened and run
// by clicking its ▶ Run CodeLens in headless Chromium, screenshots in a dark and a light theme of
// the editor (CodeLens, diagnostics), the live panel mid-run and the summary at the end.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { provision, type Provisioned } from './provision';
import { launchBrowser, startHost, workbenchUrl } from './host';
import { makeWorkspace, REPO_ROOT } from './harness';
import { startMock, type MockServer } from '../../src/mock/index';
import { chartPoints, paintedPixels, quickOpen, waitForWorkbench, webviewFrame } from './workbench';
import { zipEntries } from '../support/zip-entries';

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
  let mock: MockServer | undefined;
  const vsix = join(REPO_ROOT, 'gateway-load.vsix');

  before(async () => {
    p = await provision((l) => console.log(l));
    rmSync(vsix, { force: true });
    const t0 = Date.now();
    const pkg = spawnSync('npm', ['run', 'package'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 240_000 });
    assert.equal(pkg.status, 0, `npm run package failed:\n${pkg.stdout}\n${pkg.stderr}`);
    assert.ok(existsSync(vsix), 'npm run package wrote no gateway-load.vsix');
    console.log(`[ui] packaged in ${((Date.now() - t0) / 1000).toFixed(1)}s: ${(statSync(vsix).size / 2 ** 20).toFixed(2)} MiB`);
    // The package ships bundles and contributions only: no sources, tests or node_modules.
    assert.ok(statSync(vsix).size < 2 * 2 ** 20, `the .vsix is ${statSync(vsix).size} bytes, over 2 MiB`);
    const shipped = zipEntries(vsix).map((e) => e.name);
    assert.deepEqual(shipped.filter((n) => /^extension\/(src|test|node_modules|webview|bench)\//.test(n) || n.endsWith('.ts') || n.endsWith('.map')), []);
    for (const needed of ['extension/dist/extension.js', 'extension/dist/worker.js', 'extension/dist/webview.js', 'extension/schemas/scenario.schema.json', 'extension/syntaxes/gateway-load.tmLanguage.json', 'extension/snippets/gateway-load.code-snippets']) {
      assert.ok(shipped.includes(needed), `the .vsix lacks ${needed}`);
    }
    mock = await startMock({ port: 0 });
    browser = await launchBrowser(p);
    mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await mock?.close();
    // The development build again: the packaged one is minified, without source maps.
    spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO_ROOT, timeout: 120_000 });
  });

  for (const { id, theme } of THEMES) {
    test(`${id} theme: CodeLens, diagnostics, live panel mid-run, summary`, async () => {
      assert.ok(browser && mock, 'setup did not complete');
      const ws = makeWorkspace();
      const host = await startHost({
        provisioned: p,
        vsix: [vsix],
        env: { GATEWAY_URL: mock.url },
        settings: { 'workbench.colorTheme': theme, 'window.zoomLevel': 0, 'editor.minimap.enabled': false, 'workbench.editor.enablePreview': false },
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
          assert.equal((await again.innerText()).match(/\d+ requests sent/)?.[0], summaryText.match(/\d+ requests sent/)?.[0], 'the restored panel shows the same run');
          assert.equal(Math.max(...(await chartPoints(restored))), points, 'the restored charts hold every point of the run');
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
