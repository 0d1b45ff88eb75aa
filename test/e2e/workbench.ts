// Driving the code-server workbench as a person does, for the UI pass: quick open, the command
// palette, CodeLens clicks, and the live panel's webview (nested iframes: iframe.webview → #active-frame).
import type { Frame, Page } from 'playwright-core';

/** Waits for the workbench to be up. */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  // The explorer fills in once the remote extension host and file service are connected.
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
}

/** Opens a workspace file through Quick Open (Ctrl+P); `side` opens it beside the active editor. */
export async function quickOpen(page: Page, name: string, side = false): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press(side ? 'Control+Enter' : 'Enter');
  await page.locator(`.tab[aria-label*="${name}"]`).first().waitFor({ timeout: 15_000 });
}

/** Runs a command by its palette title (F1). */
export async function paletteCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/** The inner frame of the first webview whose outer frame is ready. */
export async function webviewFrame(page: Page, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const el of await page.locator('iframe.webview').elementHandles()) {
      const outer = await el.contentFrame();
      const inner = outer ? await (await outer.$('#active-frame'))?.contentFrame() : undefined;
      if (inner && (await inner.$('#app, main, body > *'))) return inner;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no webview with an #active-frame appeared within ${timeoutMs / 1000}s`);
}

/** How many points the live panel's charts hold, per chart (read from the panel's own hook). */
export function chartPoints(frame: Frame): Promise<number[]> {
  return frame.evaluate(() => {
    const charts = (
      window as unknown as { __gatewayLoadCharts?: Record<string, { data: { datasets: Array<{ data: unknown[] }> } }> }
    ).__gatewayLoadCharts;
    return Object.values(charts ?? {}).map((c) => Math.max(0, ...c.data.datasets.map((d) => d.data.length)));
  });
}

/** How many non-transparent pixels the panel's canvases hold: > 0 means something was drawn. */
export function paintedPixels(frame: Frame): Promise<number> {
  return frame.evaluate(() => {
    let n = 0;
    for (const c of Array.from(document.querySelectorAll('canvas'))) {
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0 || c.height === 0) continue;
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < data.length; i += 16) if ((data[i] ?? 0) > 0) n++;
    }
    return n;
  });
}
