import type { ReportViewModel } from '../../src/protocol/reportProtocol';
import { drawMetricChart } from '../charts';
import { h } from '../dom';
import { chartModels, fmtNum, fmtTime } from '../viewModel';

/** One chart per metric with before/after statistics; charts are drawn once the canvases are in the page. */
export function renderMetrics(view: ReportViewModel): { el: HTMLElement; draw(): void } {
  const models = chartModels(view.report);
  if (models.length === 0) return { el: h('section', { id: 'metrics' }, h('p', { class: 'muted' }, 'No metrics were given for this incident.')), draw: () => undefined };
  const pending: [HTMLCanvasElement, (typeof models)[number]][] = [];
  const cards = models.map((m) => {
    const stats = h(
      'table',
      { class: 'stats' },
      h('tr', {}, h('th', {}, ''), h('th', {}, 'avg'), h('th', {}, 'p95'), h('th', {}, 'max')),
      h('tr', {}, h('td', {}, 'before'), h('td', {}, fmtNum(m.before.avg)), h('td', {}, fmtNum(m.before.p95)), h('td', {}, fmtNum(m.before.max))),
      h('tr', {}, h('td', {}, 'after'), h('td', {}, fmtNum(m.after.avg)), h('td', {}, fmtNum(m.after.p95)), h('td', {}, fmtNum(m.after.max))),
    );
    const cp = m.markers.find((x) => x.kind === 'changePoint');
    const card = h(
      'div',
      { class: 'metric-card' },
      h('h3', {}, m.name, ' ', h('span', { class: 'change' }, m.change)),
      cp ? h('p', { class: 'muted' }, `change point ${fmtTime(cp.t)}`) : null,
      stats,
    );
    if (m.points.length > 1) {
      const canvas = h('canvas', { 'aria-label': `${m.name} over time`, role: 'img' });
      card.appendChild(h('div', { class: 'chart-box' }, canvas));
      pending.push([canvas, m]);
    }
    return card;
  });
  let drawn = false;
  return {
    el: h('section', { id: 'metrics' }, ...cards),
    draw() {
      if (drawn) return;
      drawn = true;
      for (const [canvas, m] of pending) drawMetricChart(canvas, m);
    },
  };
}
