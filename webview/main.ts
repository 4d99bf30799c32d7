/**
 * The report webview's entry point: waits for the host's report, renders the
 * tabs, and keeps the open tab and report path in the webview state so VS Code
 * can restore the panel after a reload.
 */
import type { BisectView, HostToWebview, ReportViewModel, ReportWebviewState, TabId, WebviewToHost } from '../src/protocol/reportProtocol';
import { PROTOCOL_VERSION } from '../src/protocol/reportProtocol';
import { clear, h } from './dom';
import { registerComponents, spinner, tabs } from './toolkit';
import { renderBisect } from './views/bisect';
import { renderLogs } from './views/logs';
import { renderMetrics } from './views/metrics';
import { renderSummary } from './views/summary';
import { renderSuspects } from './views/suspects';

const vscode = acquireVsCodeApi<ReportWebviewState>();
const post = (m: WebviewToHost) => vscode.postMessage(m);
let state: ReportWebviewState = vscode.getState() ?? { tab: 'summary' };
let current: ReportViewModel | undefined;
let selectTab: ((id: TabId) => void) | undefined;
let drawMetrics: (() => void) | undefined;

function saveState(patch: Partial<ReportWebviewState>): void {
  state = { ...state, ...patch };
  vscode.setState(state);
}

function app(): HTMLElement {
  return document.getElementById('app') ?? document.body;
}

function render(view: ReportViewModel): void {
  current = view;
  saveState({ reportPath: view.reportPath });
  const r = view.report;
  const metrics = renderMetrics(view);
  drawMetrics = metrics.draw;
  const specs = [
    { id: 'summary' as const, title: 'Summary', content: renderSummary(view, post) },
    { id: 'suspects' as const, title: 'Suspects', badge: r.suspects.length, content: renderSuspects(view, post) },
    { id: 'logs' as const, title: 'Logs', badge: r.logs.correlations.length, content: renderLogs(view, post) },
    { id: 'metrics' as const, title: 'Metrics', badge: r.metrics.length, content: metrics.el },
    ...(view.bisect ? [{ id: 'bisect' as const, title: 'Bisect', content: renderBisect(view.bisect) }] : []),
  ];
  const active = specs.some((s) => s.id === state.tab) ? state.tab : 'summary';
  const t = tabs<TabId>(specs, active, (id) => {
    saveState({ tab: id });
    post({ type: 'tab/didChange', tab: id });
    if (id === 'metrics') requestAnimationFrame(() => drawMetrics?.());
  });
  selectTab = t.select;
  const root = app();
  clear(root);
  root.appendChild(t.el);
  if (active === 'metrics') requestAnimationFrame(() => drawMetrics?.());
}

function updateBisect(b: BisectView): void {
  if (!current) return;
  const hadTab = !!current.bisect;
  current = { ...current, bisect: b };
  const existing = document.getElementById('bisect');
  if (hadTab && existing) existing.replaceWith(renderBisect(b));
  else render(current);
}

function onMessage(m: HostToWebview): void {
  switch (m.type) {
    case 'report/didChange':
      if (m.version !== PROTOCOL_VERSION) {
        clear(app());
        app().appendChild(h('p', {}, 'The extension was updated; close and reopen this report.'));
        return;
      }
      render(m.view);
      return;
    case 'bisect/didChange':
      updateBisect(m.bisect);
      return;
    case 'tab/select':
      saveState({ tab: m.tab });
      selectTab?.(m.tab);
      if (m.tab === 'metrics') requestAnimationFrame(() => drawMetrics?.());
      return;
    default: {
      const never: never = m;
      post({ type: 'log', level: 'warn', message: `unknown message ${JSON.stringify(never).slice(0, 200)}` });
    }
  }
}

window.addEventListener('message', (e: MessageEvent<HostToWebview>) => {
  try {
    onMessage(e.data);
  } catch (err) {
    post({ type: 'log', level: 'error', message: `render failed: ${(err as Error)?.stack ?? String(err)}` });
  }
});
// A blocked resource or style is a bug of ours (the policy is fixed): report where it came from.
document.addEventListener('securitypolicyviolation', (e) =>
  post({ type: 'log', level: 'warn', message: `CSP blocked ${e.violatedDirective} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} (${e.sample || e.blockedURI})` }),
);
window.addEventListener('error', (e) => post({ type: 'log', level: 'error', message: `${e.message} (${e.filename}:${e.lineno})` }));

registerComponents();
app().appendChild(h('div', { class: 'loading' }, spinner(), h('span', {}, 'Loading report…')));
post({ type: 'ready', version: PROTOCOL_VERSION });
