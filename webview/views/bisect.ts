import type { BisectView } from '../../src/protocol/reportProtocol';
import { h, svg } from '../dom';
import { percent, shortSha } from '../viewModel';

/** The bisect's posterior as one bar per candidate commit, then its verdict. */
export function renderBisect(b: BisectView | undefined): HTMLElement {
  if (!b) return h('section', { id: 'bisect' }, h('p', { class: 'muted' }, 'Run "Confirm Culprit with Bisect" to test the suspects with your test command.'));
  const status =
    b.status === 'running'
      ? `Running… ${b.runs} test run(s) so far`
      : b.status === 'done'
        ? b.culprit
          ? `First bad commit: ${shortSha(b.culprit)} (posterior ${percent(b.posterior ?? 0)}, ${b.runs} runs, stopped: ${b.stoppedBecause ?? 'done'})`
          : `No culprit identified (${b.runs} runs, stopped: ${b.stoppedBecause ?? 'done'})`
        : b.status === 'cancelled'
          ? 'Cancelled; the temporary worktree was removed.'
          : `Failed: ${b.message ?? 'unknown error'}`;
  const width = 1000;
  const rowH = 22;
  const bars = svg('svg', { class: 'posterior', viewBox: `0 0 ${width} ${b.bars.length * rowH + 4}`, role: 'img', 'aria-label': 'Posterior probability per commit' });
  b.bars.forEach((bar, i) => {
    const y = i * rowH + 2;
    const w = Math.max(1, bar.posterior * (width * 0.55));
    bars.append(
      svg('text', { class: 'bar-label', x: 4, y: y + 15 }, `${shortSha(bar.commit)} ${bar.subject.slice(0, 40)}`),
      svg('rect', { class: `bar ${bar.outcome ?? ''} ${b.culprit && bar.commit === b.culprit ? 'culprit' : ''}`, x: width * 0.38, y: y + 3, width: w, height: rowH - 6 }),
      svg('text', { class: 'bar-value', x: width * 0.38 + w + 4, y: y + 15 }, `${percent(bar.posterior)}${bar.outcome ? ` · ${bar.outcome}` : ''}`),
    );
  });
  return h(
    'section',
    { id: 'bisect' },
    h('p', { id: 'bisect-status' }, status),
    h('p', { class: 'muted' }, `good ${shortSha(b.good)} · bad ${shortSha(b.bad)} · test: `, h('code', {}, b.testCommand)),
    bars,
  );
}
