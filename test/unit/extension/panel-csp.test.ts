import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CSP_SOURCE_SLOT, withCspSource } from '../../../src/extension/panel-csp';
import { renderPanelHtml } from '../../../src/extension/panel-html';

const render = () => renderPanelHtml({ cspSource: CSP_SOURCE_SLOT, nonce: 'abcdefghijklmnop0123', scriptUri: 'https://x.vscode-cdn.net/dist/webview.js', title: 't' });

test("VS Code's multi-source cspSource lands in every source list of the CSP", () => {
  const html = withCspSource(render(), "'self' https://*.vscode-cdn.net");
  const csp = /content="([^"]*)"/.exec(html)?.[1] ?? '';
  assert.ok(!html.includes(CSP_SOURCE_SLOT));
  assert.match(csp, /style-src 'self' https:\/\/\*\.vscode-cdn\.net 'nonce-/);
  assert.match(csp, /img-src 'self' https:\/\/\*\.vscode-cdn\.net data:/);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-abcdefghijklmnop0123'/);
});

test('a single source and a code-server origin pass through', () => {
  assert.match(withCspSource(render(), 'vscode-webview://abc'), /font-src vscode-webview:\/\/abc/);
  assert.match(withCspSource(render(), 'http://127.0.0.1:8080'), /img-src http:\/\/127\.0\.0\.1:8080 data:/);
});

test('nothing can leave the attribute or add a directive', () => {
  const html = withCspSource(render(), `'self' "><script>alert(1)</script> https://a.com; script-src *`);
  const csp = /content="([^"]*)"/.exec(html)?.[1] ?? '';
  assert.ok(!html.includes('alert(1)'));
  assert.ok(!csp.includes('script-src *'));
  // 'https://a.com;' carries the ';' that would end the directive: dropped whole.
  assert.match(csp, /style-src 'self' 'nonce-/);
  assert.match(withCspSource(render(), '"; bad'), /img-src 'self' data:/);
});
