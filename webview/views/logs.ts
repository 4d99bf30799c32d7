import type { ReportViewModel } from '../../src/protocol/reportProtocol';
import { clickable, h, svg } from '../dom';
import { fmtTime, timelineModel, type TimelineRow } from '../viewModel';
import type { Post } from './summary';

const ROW_H = 26;
const LABEL_W = 0.36;
/** Room between the labels and the plot for dots clamped to the left edge. */
const GUTTER = 24;

/** Correlated log lines on a time axis with the deployment and alert marked; clicking a frame opens its source line. */
export function renderLogs(view: ReportViewModel, post: Post): HTMLElement {
  const r = view.report;
  const t = timelineModel(r);
  const stats = h(
    'p',
    { class: 'muted' },
    `${r.logs.linesScanned} lines read from ${r.logs.files.length} file(s), ${r.logs.linesSkipped} not understood, ${r.logs.errors} errors` +
      (r.logs.firstErrorAt ? `, first at ${fmtTime(r.logs.firstErrorAt)}` : ''),
  );
  if (t.rows.length === 0) return h('section', { id: 'logs' }, stats, h('p', { class: 'muted' }, 'No log line pointed at source code in scope.'));

  const open = (row: TimelineRow) => post({ type: 'openLocation', location: { file: row.file, line: row.line, commit: row.commit } });
  const width = 1000;
  const plotX = (time: number) => LABEL_W * width + GUTTER + t.x(time) * ((1 - LABEL_W) * width - GUTTER - 60);
  // One label line per marker, so close markers (deploy, then alert) never overprint.
  const top = 8 + t.markers.length * 13;
  const height = top + t.rows.length * ROW_H + 8;
  const chart = svg('svg', { class: 'timeline', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'Correlated log lines over time' });
  t.markers.forEach((m, i) => {
    const x = plotX(m.t);
    const text = `${m.label} ${fmtTime(m.t).slice(11)}`;
    // ~7.2 units per character at 12px monospace: flip the label left when it would run off the edge.
    const nearRight = x + 8 + text.length * 7.2 > width;
    chart.append(
      svg('line', { class: `marker ${m.kind}`, x1: x, x2: x, y1: 12 + i * 13, y2: height }),
      svg('text', { class: `marker-label ${m.kind}`, x: nearRight ? x - 4 : x + 4, y: 12 + i * 13, 'text-anchor': nearRight ? 'end' : 'start' }, text),
    );
  });
  const maxCount = Math.max(...t.rows.map((x) => x.count));
  t.rows.forEach((row, i) => {
    const y = top + (i + 0.5) * ROW_H;
    const radius = 3 + 7 * Math.sqrt(row.count / maxCount);
    const g = svg('g', { class: 'log-row' });
    g.append(
      svg('text', { class: 'frame-label', x: 4, y: y + 4 }, truncate(row.label, 44)),
      svg('line', { class: 'row-guide', x1: LABEL_W * width, x2: width, y1: y, y2: y }),
      svg('circle', { class: `dot ${row.level}${row.clamped ? ' clamped' : ''}`, cx: plotX(row.t), cy: y, r: radius }, svg('title', {}, `${row.count}× ${row.message} (first ${fmtTime(row.t)})`)),
      svg('text', { class: 'count', x: plotX(row.t) + radius + 3, y: y + 4 }, `${row.clamped === 'before' ? '◀ earlier · ' : row.clamped === 'after' ? 'later ▶ · ' : ''}${row.count}×`),
    );
    g.addEventListener('click', () => open(row));
    chart.append(g);
  });

  const list = h(
    'ul',
    { class: 'frames', id: 'log-frames' },
    ...t.rows.map((row) =>
      h(
        'li',
        {},
        clickable(h('a', { href: '#', class: 'log-frame location', 'data-file': row.file, 'data-line': row.line }, row.label), () => open(row)),
        ' ',
        h('span', { class: `level ${row.level}` }, row.level.toUpperCase()),
        ' ',
        h('span', { class: 'count' }, `${row.count}×`),
        ' ',
        h('span', { class: 'message' }, row.message),
        ' ',
        h('span', { class: 'muted' }, `first ${fmtTime(row.t)}`),
      ),
    ),
  );
  return h('section', { id: 'logs' }, stats, chart, h('h3', {}, 'Source locations'), list);
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `…${s.slice(s.length - n + 1)}`;
}
