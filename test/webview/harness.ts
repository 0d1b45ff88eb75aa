// Serves the real panel page (renderPanelHtml + dist/webview.js) on 127.0.0.1 and opens it in
// headless Chromium with a stub `acquireVsCodeApi` that records what the page posts. Theme
// variables are set the way VS Code sets them: on <html>'s style, with a class on <body>.
import { createServer, type Server } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderPanelHtml } from '../../src/extension/panel-html';
import type { HostToWebview, WebviewToHost } from '../../src/protocol';
import { THEMES, type ThemeName } from './themes';

const ROOT = join(__dirname, '..', '..');
const BUNDLE = join(ROOT, 'dist', 'webview.js');

/** A page under test and what it reported. */
export interface PanelPage {
  page: Page;
  consoleErrors: string[];
  close(): Promise<void>;
  /** Messages the page posted to the (stub) host. */
  posted(): Promise<WebviewToHost[]>;
  /** CSP violations the page reported. */
  cspViolations(): Promise<string[]>;
  /** Posts host messages and waits until each valid one has been rendered. */
  feed(messages: HostToWebview[]): Promise<void>;
  setTheme(name: ThemeName): Promise<void>;
  /** Reloads the page (as VS Code does when a hidden panel is shown again) and waits for `webview/ready`. */
  reload(): Promise<void>;
}

function stubScript(theme: ThemeName): string {
  // Runs before the bundle, inside the page, under the page's CSP (it carries the nonce).
  return `(() => {
  // State survives a reload as VS Code keeps it for a hidden panel; sessionStorage plays that part.
  const posted = []; let acquired = false;
  window.__posted = posted;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return { postMessage: (m) => posted.push(JSON.parse(JSON.stringify(m))), getState: () => { const s = sessionStorage.getItem('vscode-state'); return s === null ? undefined : JSON.parse(s); },
      setState: (s) => sessionStorage.setItem('vscode-state', JSON.stringify(s)) };
  };
  window.__setTheme = (vars, cls) => {
    for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
    document.body.className = cls;
  };
  window.__setTheme(${JSON.stringify(THEMES[theme].vars)}, ${JSON.stringify(THEMES[theme].bodyClass)});
})();`;
}

/** Starts the server and browser; one per test file. `view: 'compare'` serves the comparison page. */
export async function openPanel(
  theme: ThemeName,
  viewport = { width: 1280, height: 900 },
  opts: { view?: 'live' | 'compare' } = {},
): Promise<PanelPage> {
  if (!existsSync(BUNDLE))
    throw new Error(`${BUNDLE} is missing: run \`node esbuild.mjs\` first (npm run test:webview does)`);
  const nonce = randomBytes(18).toString('base64');
  let base = '';
  const server: Server = createServer((req, res) => {
    if (req.url === '/') {
      const html = renderPanelHtml({
        cspSource: base,
        nonce,
        scriptUri: `${base}/dist/webview.js`,
        title: 'Gateway Load',
        view: opts.view,
      });
      const withStub = html.replace(
        `<script nonce="${nonce}" src=`,
        `<script nonce="${nonce}">${stubScript(theme)}</script>\n  <script nonce="${nonce}" src=`,
      );
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(withStub);
    } else if (req.url === '/dist/webview.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(readFileSync(BUNDLE));
    } else if (req.url === '/favicon.ico') {
      res.writeHead(204).end();
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({ viewport });
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  // Init scripts run outside the page's CSP, before any page script.
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
    );
  });
  const ready = () =>
    page.waitForFunction(() => ((window as unknown as { __posted?: unknown[] }).__posted?.length ?? 0) > 0, undefined, {
      timeout: 10_000,
    });
  await page.goto(`${base}/`);
  await ready();
  return {
    page,
    consoleErrors,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    posted: () => page.evaluate(() => (window as unknown as { __posted: WebviewToHost[] }).__posted),
    cspViolations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
    async feed(messages) {
      await page.evaluate(async (msgs) => {
        const stats = (window as unknown as { __gatewayLoadStats: { renders: number } }).__gatewayLoadStats;
        const before = stats.renders;
        for (const m of msgs) window.postMessage(m, '*');
        const deadline = Date.now() + 20_000;
        while (stats.renders < before + msgs.length) {
          if (Date.now() > deadline) throw new Error(`rendered ${stats.renders - before} of ${msgs.length} messages`);
          await new Promise((r) => setTimeout(r, 10));
        }
      }, messages);
    },
    async reload() {
      await page.reload();
      await ready();
    },
    async setTheme(name) {
      await page.evaluate(
        ([vars, cls]) => (window as unknown as { __setTheme: (v: unknown, c: string) => void }).__setTheme(vars, cls),
        [THEMES[name].vars, THEMES[name].bodyClass] as const,
      );
      // The panel re-reads colours after a microtask; give it a frame.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    },
  };
}

/** A theme variable as the page resolves it (`rgb(…)`), to compare with computed colours. */
export function themeColor(p: PanelPage, cssVar: string): Promise<string> {
  return p.page.evaluate((v) => {
    const el = document.createElement('span');
    el.style.color = `var(${v})`;
    document.body.append(el);
    const c = getComputedStyle(el).color;
    el.remove();
    return c;
  }, cssVar);
}
