// What the live and the comparison panels share: both serve the one webview bundle from `dist/`
// (its icon from `media/`), so they need the same resource roots and the same page, rendered with
// a fresh nonce each time a panel is (re)attached.

import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { renderPanelHtml, type PanelHtmlOptions } from './panel-html';

/** The only folders a panel's page may load from. */
export function panelResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

/** Options for a new panel: scripts on, no retained context (the host replays state on `webview/ready`). */
export function panelCreateOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: panelResourceRoots(extensionUri) };
}

/** Which page a panel shows. */
export interface PanelPage {
  /** The HTML document's title (the tab's title is the panel's own). */
  title: string;
  view?: PanelHtmlOptions['view'];
  /** Link `dist/webview.css` when the build wrote one. */
  stylesheet?: boolean;
}

/** Points a panel (new or revived) at the webview bundle: options, icon and the page's HTML. */
export function loadPanelPage(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, page: PanelPage): void {
  const webview = panel.webview;
  webview.options = { enableScripts: true, localResourceRoots: panelResourceRoots(extensionUri) };
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'scenario.svg');
  const styleFile = vscode.Uri.joinPath(extensionUri, 'dist', 'webview.css');
  webview.html = renderPanelHtml({
    cspSource: webview.cspSource,
    nonce: randomBytes(16).toString('base64'),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
    styleUri:
      page.stylesheet && fs.existsSync(styleFile.fsPath) ? webview.asWebviewUri(styleFile).toString() : undefined,
    title: page.title,
    view: page.view,
  });
}
