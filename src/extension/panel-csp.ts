// Filling the panel's CSP with the webview's resource sources. Pure: no `vscode`.


// `webview.cspSource` is often several source expressions (VS Code desktop and code-server give
// `'self' https://*.vscode-cdn.net`), which renderPanelHtml refuses as it expects one; it renders
// with a slot that is filled here, each expression checked so none can leave the CSP attribute.
/** A placeholder source renderPanelHtml accepts, replaced by the real ones. */
export const CSP_SOURCE_SLOT = 'https://gateway-load-csp-source.invalid';

/** Puts the webview's resource sources where the slot is. */
export function withCspSource(html: string, cspSource: string): string {
  const sources = cspSource.split(/\s+/).filter((t) => /^('self'|[A-Za-z][A-Za-z0-9+.-]*:(\/\/)?[A-Za-z0-9*.:/_+-]*)$/.test(t));
  return html.split(CSP_SOURCE_SLOT).join(sources.length > 0 ? sources.join(' ') : "'self'");
}
