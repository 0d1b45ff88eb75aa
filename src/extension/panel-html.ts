// The live panel's HTML. Pure (no `vscode` import) so tests render the very page the extension
// serves. Strict CSP: nothing runs without the nonce, nothing loads from outside the webview's
// own resource origin; the bundle styles itself with constructed stylesheets, so no inline CSS.

/** What the page needs from its host: the webview's resource origin, a fresh nonce, and asset URIs. */
export interface PanelHtmlOptions {
  /** `webview.cspSource`: the origin webview resources are served from. */
  cspSource: string;
  /** Fresh per render, from `crypto.randomBytes` (base64 or hex). */
  nonce: string;
  /** URI of `dist/webview.js` as the webview sees it (`webview.asWebviewUri`). */
  scriptUri: string;
  /** Optional extra stylesheet (e.g. `media/panel.css`). */
  styleUri?: string;
  title: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Renders the panel's page; throws on a nonce or source that could break out of the CSP. */
export function renderPanelHtml({ cspSource, nonce, scriptUri, styleUri, title }: PanelHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce)) throw new Error('renderPanelHtml: the nonce must be at least 16 base64 or hex characters');
  if (!/^[^\s;'",]+$/.test(cspSource)) throw new Error('renderPanelHtml: cspSource must be a single CSP source expression');
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
  <div id="app"></div>
  <script nonce="${nonce}" src="${escapeHtml(scriptUri)}"></script>
</body>
</html>
`;
}
