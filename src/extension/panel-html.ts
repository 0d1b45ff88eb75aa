// The live panel's HTML. Pure (no `vscode` import) so tests render the very page the extension
// serves. Strict CSP: nothing runs without the nonce, nothing loads from outside the webview's
// own resource origin; the bundle styles itself with constructed stylesheets, so no inline CSS.

/** What the page needs from its host: the webview's resource origin, a fresh nonce, and asset URIs. */
export interface PanelHtmlOptions {
  /** `webview.cspSource`: the source expressions webview resources are served from (VS Code often gives several, space-separated). */
  cspSource: string;
  /** Fresh per render, from `crypto.randomBytes` (base64 or hex). */
  nonce: string;
  /** URI of `dist/webview.js` as the webview sees it (`webview.asWebviewUri`). */
  scriptUri: string;
  /** Optional extra stylesheet (e.g. `media/panel.css`). */
  styleUri?: string;
  title: string;
  /** Which view the bundle starts: the live panel (default) or the comparison of two runs. */
  view?: 'live' | 'compare';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** One CSP source expression that cannot leave the attribute or add a directive: `'self'`, a scheme, a host source. */
const SOURCE_EXPRESSION = /^('self'|[A-Za-z][A-Za-z0-9+.-]*:(\/\/)?[A-Za-z0-9*.:/_+-]*)$/;

/** Renders the panel's page; throws on a nonce or source that could break out of the CSP. */
export function renderPanelHtml({
  cspSource: given,
  nonce,
  scriptUri,
  styleUri,
  title,
  view,
}: PanelHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce))
    throw new Error('renderPanelHtml: the nonce must be at least 16 base64 or hex characters');
  const sources = given.trim().split(/\s+/);
  if (sources.length === 0 || !sources.every((s) => SOURCE_EXPRESSION.test(s))) {
    throw new Error(
      `renderPanelHtml: cspSource must be CSP source expressions ('self', schemes or hosts), got ${JSON.stringify(given)}`,
    );
  }
  const cspSource = sources.join(' ');
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
  const style = styleUri ? `\n  <link rel="stylesheet" href="${escapeHtml(styleUri)}" nonce="${nonce}">` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <title>${escapeHtml(title)}</title>${style}
</head>
<body>
  <div id="app"${view === 'compare' ? ' data-view="compare"' : ''}></div>
  <script nonce="${nonce}" src="${escapeHtml(scriptUri)}"></script>
</body>
</html>
`;
}
