/**
 * The only module that knows about @vscode/webview-ui-toolkit (deprecated
 * upstream). Views call these small functions; moving to @vscode-elements
 * means rewriting this file, not the views.
 */
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeDataGrid,
  vsCodeDataGridCell,
  vsCodeDataGridRow,
  vsCodeDivider,
  vsCodePanels,
  vsCodePanelTab,
  vsCodePanelView,
} from '@vscode/webview-ui-toolkit';
import { h } from './dom';

let registered = false;
export function registerComponents(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(
    vsCodeButton(),
    vsCodeDataGrid(),
    vsCodeDataGridCell(),
    vsCodeDataGridRow(),
    vsCodeDivider(),
    vsCodePanels(),
    vsCodePanelTab(),
    vsCodePanelView(),
  );
}

export interface TabSpec<Id extends string> {
  id: Id;
  title: string;
  badge?: string | number;
  content: HTMLElement;
}

/** Tabs; `onChange` fires with the id of the tab the user brings forward. */
export function tabs<Id extends string>(specs: TabSpec<Id>[], active: Id, onChange: (id: Id) => void): { el: HTMLElement; select(id: Id): void } {
  const panels = h('vscode-panels', { activeid: `tab-${active}`, 'aria-label': 'Report sections' });
  for (const s of specs) {
    panels.appendChild(h('vscode-panel-tab', { id: `tab-${s.id}` }, s.title, s.badge !== undefined ? badge(s.badge) : null));
  }
  for (const s of specs) panels.appendChild(h('vscode-panel-view', { id: `view-${s.id}` }, s.content));
  panels.addEventListener('change', () => {
    const id = (panels as HTMLElement & { activeid?: string }).activeid?.replace(/^tab-/, '');
    const spec = specs.find((s) => s.id === id);
    if (spec) onChange(spec.id);
  });
  return {
    el: panels,
    select: (id) => panels.setAttribute('activeid', `tab-${id}`),
  };
}

/**
 * A count badge. Our own element, not `vscode-badge`: that template binds a
 * `style` attribute, which the strict style-src policy blocks (and logs).
 */
export function badge(text: string | number): HTMLElement {
  return h('span', { class: 'count-badge' }, String(text));
}

/** A label such as a detector pattern (ours: `vscode-tag` reuses the badge template's style binding). */
export function tag(text: string): HTMLElement {
  return h('span', { class: 'tag' }, text);
}

export function button(label: string, onClick: () => void, opts: { secondary?: boolean; id?: string; title?: string } = {}): HTMLElement {
  const b = h('vscode-button', { appearance: opts.secondary ? 'secondary' : 'primary', id: opts.id, title: opts.title }, label);
  b.addEventListener('click', onClick);
  return b;
}

export function divider(): HTMLElement {
  return h('vscode-divider', { role: 'separator' });
}

/** A loading indicator (CSS only; `vscode-progress-ring` binds a style attribute too). */
export function spinner(): HTMLElement {
  return h('span', { class: 'spinner', role: 'progressbar', 'aria-label': 'Loading' });
}

export interface Column<Row> {
  title: string;
  /** CSS grid track, e.g. "60px" or "2fr". */
  width: string;
  cell: (row: Row) => Node | string;
}

/** A data grid built row by row (so cells can hold links and tags). */
export function dataGrid<Row>(columns: Column<Row>[], rows: Row[], opts: { onRowClick?: (row: Row) => void; rowClass?: string; label: string }): HTMLElement {
  const grid = h('vscode-data-grid', { 'generate-header': 'none', 'grid-template-columns': columns.map((c) => c.width).join(' '), 'aria-label': opts.label });
  const header = h('vscode-data-grid-row', { 'row-type': 'header' });
  columns.forEach((c, i) => header.appendChild(h('vscode-data-grid-cell', { 'cell-type': 'columnheader', 'grid-column': i + 1 }, c.title)));
  grid.appendChild(header);
  for (const row of rows) {
    const r = h('vscode-data-grid-row', { class: opts.rowClass });
    columns.forEach((c, i) => r.appendChild(h('vscode-data-grid-cell', { 'grid-column': i + 1 }, c.cell(row))));
    if (opts.onRowClick) {
      const click = opts.onRowClick;
      r.addEventListener('click', () => click(row));
      r.addEventListener('keydown', (e) => {
        if ((e as KeyboardEvent).key === 'Enter') click(row);
      });
    }
    grid.appendChild(r);
  }
  return grid;
}
