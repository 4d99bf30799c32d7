import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { reportPage } from './pure/reportPage';

/** Resource roots of the report webview: the bundles and the stylesheet, nothing from the workspace. */
export function reportWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** A fresh CSP nonce from the platform's CSPRNG. */
export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

/** The report page for this webview (the CSP lives in pure/reportPage.ts only). */
export function renderReportHtml(webview: vscode.Webview, extensionUri: vscode.Uri, nonce = makeNonce()): string {
  return reportPage({
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'report.css')).toString(),
    nonce,
  });
}
