import type { ReportViewModel, WebviewToHost } from '../../src/protocol/reportProtocol';
import { append, clickable, h } from '../dom';
import { percent, shortSha } from '../format';
import { button, divider, tag } from '../toolkit';
import { summaryModel } from '../viewModel';

export type Post = (m: WebviewToHost) => void;

function keyValues(rows: [string, string][], id: string): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'muted' }, 'Not assessed.');
  return h('dl', { class: 'kv', id }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

export function renderSummary(view: ReportViewModel, post: Post): HTMLElement {
  const m = summaryModel(view.report);
  const rc = m.rootCause;
  const root = h('section', { class: 'summary', id: 'summary' }, h('h2', {}, m.title), h('p', { class: 'muted', id: 'alert-line' }, m.alert));

  if (rc) {
    const loc = rc.location;
    append(root, [
      h('h3', {}, 'Root cause'),
      h(
        'div',
        { class: 'root-cause', id: 'root-cause' },
        h(
          'div',
          { class: 'headline' },
          h('code', { id: 'root-cause-commit', class: 'sha' }, rc.short),
          ' ',
          h('span', { id: 'root-cause-subject' }, rc.subject),
          ' ',
          h('span', { class: `confidence ${band(rc.confidenceValue)}`, id: 'root-cause-confidence', title: 'calibrated probability that this commit caused the incident' }, rc.confidence),
        ),
        h('div', { class: 'muted' }, [rc.author, rc.date].filter(Boolean).join(' · ')),
        h('meter', { min: 0, max: 1, value: rc.confidenceValue, low: 0.5, high: 0.8, optimum: 1, 'aria-label': 'confidence' }),
      ),
    ]);
    if (rc.message || rc.pattern) {
      const where = loc
        ? clickable(h('a', { class: 'location', id: 'root-cause-location', href: '#' }, `${loc.file}:${loc.line}`), () =>
            post({ type: 'openLocation', location: { file: loc.file, line: loc.line, commit: rc.commit } }),
          )
        : null;
      append(root, [
        h('h3', {}, 'Technical issue'),
        h('p', { id: 'technical-issue' }, rc.pattern ? tag(rc.pattern) : null, ' ', rc.message ?? '', ' ', where),
        rc.excerpt ? h('pre', { class: 'excerpt' }, h('code', {}, rc.excerpt)) : null,
      ]);
    }
    append(root, [
      h(
        'div',
        { class: 'actions' },
        button('Open diff', () => post({ type: 'openDiff', commit: rc.commit, file: loc?.file }), { id: 'btn-open-diff' }),
        button('Prepare revert branch…', () => post({ type: 'revert', commit: rc.commit }), { secondary: true, id: 'btn-revert' }),
        button('Confirm with bisect…', () => post({ type: 'bisect' }), { secondary: true, id: 'btn-bisect' }),
      ),
    ]);
  } else {
    append(root, [
      h('h3', {}, 'Root cause'),
      h('p', { id: 'root-cause', class: 'no-culprit' }, 'No culprit found with enough confidence. See the ranked suspects, or confirm with a bisect.'),
      h('div', { class: 'actions' }, button('Confirm with bisect…', () => post({ type: 'bisect' }), { id: 'btn-bisect' })),
    ]);
  }

  const b = view.bisect;
  if (b && b.status === 'done') {
    append(root, [
      h('h3', {}, 'Bisect'),
      h(
        'p',
        { id: 'bisect-verdict' },
        b.culprit
          ? `${shortSha(b.culprit) === rc?.short ? 'Confirmed' : 'Bisect found'} ${shortSha(b.culprit)} as the first bad commit (posterior ${percent(b.posterior ?? 0)}, ${b.runs} test runs).`
          : `Not confirmed: no commit reached the confidence (${b.stoppedBecause ?? 'stopped'}, ${b.runs} test runs).`,
      ),
    ]);
  }
  append(root, [
    divider(),
    h('h3', {}, 'Blast radius'),
    keyValues(m.blastRadius, 'blast-radius'),
    h('h3', {}, 'Recommendation'),
    h('p', { id: 'recommendation', class: 'recommendation' }, m.recommendation.headline),
    m.recommendation.fix ? h('p', {}, 'Suggested fix: ', m.recommendation.fix) : null,
    m.recommendation.commands.length
      ? h('dl', { class: 'kv commands' }, ...m.recommendation.commands.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, h('code', {}, v))]))
      : null,
    m.recommendation.details.length ? keyValues(m.recommendation.details, 'recommendation-details') : null,
    h('h3', {}, 'Scope and timings'),
    h('p', { class: 'muted' }, m.scope),
    keyValues(m.timings, 'timings'),
  ]);
  return root;
}

export function band(p: number): 'high' | 'medium' | 'low' {
  return p >= 0.8 ? 'high' : p >= 0.5 ? 'medium' : 'low';
}
