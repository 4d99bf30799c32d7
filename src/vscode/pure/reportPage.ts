/**
 * The report webview's page and its Content-Security-Policy, as a pure
 * function (unit-tested): nothing but our bundle runs (by nonce), styles,
 * images and fonts come from the extension only, no inline style or script,
 * no network. The report itself arrives by message after `ready`.
 */
export interface ReportPageInput {
  /** `webview.cspSource`. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  /** Base64 from a CSPRNG, fresh per page. */
  nonce: string;
}

export function reportCsp(cspSource: string, nonce: string): string {
  // The style nonce serves one probe: FAST (under the toolkit) tests `:focus-visible` support with a
  // <style> element carrying the nonce of <meta property="csp-nonce">. Nothing else may inline styles.
  return [`default-src 'none'`, `style-src ${cspSource} 'nonce-${nonce}'`, `img-src ${cspSource}`, `font-src ${cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
}

export function reportPage(i: ReportPageInput): string {
  for (const [k, v] of Object.entries(i)) {
    // These come from VS Code and crypto, never from report data; refuse anything that could leave its
    // double-quoted attribute. A CSP source list legitimately holds quotes and spaces (code-server: `'self' https:…`).
    const unsafe = k === 'cspSource' ? /["<>]/ : /["'<>\s]/;
    if (unsafe.test(v)) throw new Error(`unsafe ${k} for the report page`);
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${reportCsp(i.cspSource, i.nonce)}">
<meta property="csp-nonce" content="${i.nonce}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${i.styleUri}">
<title>Incident report</title>
</head>
<body>
<main id="app"></main>
<script nonce="${i.nonce}" src="${i.scriptUri}"></script>
</body>
</html>`;
}
