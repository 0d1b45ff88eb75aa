import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderPanelHtml } from '../../../src/extension/panel-html';

const render = (cspSource: string) =>
  renderPanelHtml({
    cspSource,
    nonce: 'abcdefghijklmnop0123',
    scriptUri: 'https://x.vscode-cdn.net/dist/webview.js',
    title: 't',
  });
const cspOf = (html: string) => /content="([^"]*)"/.exec(html)?.[1] ?? '';

test("VS Code's multi-source cspSource lands in every source list of the CSP", () => {
  const csp = cspOf(render("'self' https://*.vscode-cdn.net"));
  assert.match(csp, /style-src 'self' https:\/\/\*\.vscode-cdn\.net 'nonce-/);
  assert.match(csp, /img-src 'self' https:\/\/\*\.vscode-cdn\.net data:/);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-abcdefghijklmnop0123'/);
});

test('a single source and a code-server origin pass through', () => {
  assert.match(cspOf(render('vscode-webview://abc')), /font-src vscode-webview:\/\/abc/);
  assert.match(cspOf(render('http://127.0.0.1:8080')), /img-src http:\/\/127\.0\.0\.1:8080 data:/);
});

test('a source that could leave the attribute or add a directive is refused', () => {
  for (const bad of [
    `'self' "><script>alert(1)</script>`,
    "'self' https://a.com; script-src *",
    '"; bad',
    "'unsafe-inline'",
    '',
  ]) {
    assert.throws(() => render(bad), /cspSource must be CSP source expressions/, bad);
  }
});
