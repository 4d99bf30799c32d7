import type { ReportViewModel } from '../../src/protocol/reportProtocol';
import { h } from '../dom';
import { dataGrid } from '../toolkit';
import { suspectRows, type SuspectRow } from '../viewModel';
import { band, type Post } from './summary';

export function renderSuspects(view: ReportViewModel, post: Post): HTMLElement {
  const rows = suspectRows(view.report);
  if (rows.length === 0) return h('p', { class: 'muted' }, 'No commit in scope carried a risk signal.');
  const grid = dataGrid<SuspectRow>(
    [
      { title: '#', width: '36px', cell: (r) => String(r.rank) },
      { title: 'Commit', width: '92px', cell: (r) => h('code', { class: 'sha' }, r.short) },
      { title: 'Subject', width: '3fr', cell: (r) => r.subject },
      { title: 'Author', width: '1.2fr', cell: (r) => r.author },
      { title: 'Date', width: '1.2fr', cell: (r) => r.date },
      { title: 'Conf.', width: '74px', cell: (r) => h('span', { class: `confidence ${band(r.confidenceValue)}`, title: 'calibrated probability of being the culprit' }, r.confidence) },
      { title: 'Score', width: '64px', cell: (r) => r.score },
      { title: 'Signals (weight)', width: '3fr', cell: (r) => h('span', { class: 'signals', title: r.signals }, r.signals) },
      { title: 'Find.', width: '56px', cell: (r) => String(r.findings) },
    ],
    rows,
    { label: 'Ranked suspect commits', rowClass: 'suspect-row', onRowClick: (r) => post({ type: 'openDiff', commit: r.commit, file: r.diffFile }) },
  );
  return h('section', { id: 'suspects' }, h('p', { class: 'muted' }, 'Click a commit to open its diff.'), grid);
}
