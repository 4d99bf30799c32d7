import type { BisectResult, BisectStartInfo, Probe } from './bisectTypes';

/**
 * The bisect's two outputs: the JSON document (interface.md §4) and the text
 * transcript, which the CLI prints line by line as runs finish. Commit
 * subjects and test output come from the repository: control characters are
 * neutralized before they reach a terminal.
 */
export function bisectJson(r: BisectResult): string {
  return JSON.stringify(r, null, 2);
}

export function startLine(i: BisectStartInfo): string {
  const prior =
    i.prior.source === 'uniform'
      ? 'uniform prior'
      : `prior from ${i.prior.source === 'report' ? `the report${i.prior.file ? ` ${safe(i.prior.file)}` : ''}` : 'the given suspects'} (${i.prior.suspectsUsed} suspects in range carry ${pct(i.prior.mass)} of the mass${i.prior.suspectsOutsideRange ? `, ${i.prior.suspectsOutsideRange} outside the range ignored` : ''})`;
  return `Bisecting ${i.candidates} candidate commit${i.candidates === 1 ? '' : 's'} between ${short(i.goods[0])}${i.goods.length > 1 ? ` (+${i.goods.length - 1} more good)` : ''} (good) and ${short(i.bad)} (bad); ${prior}; budget ${i.maxRuns} runs`;
}

export const PROBE_HEADER = `${'run'.padStart(4)}  ${'commit'.padEnd(12)}  ${'outcome'.padEnd(8)}  ${'time'.padStart(8)}  top posterior`;

export function probeLine(p: Probe): string {
  const role = p.role === 'search' ? '' : ` (${p.role})`;
  return `${String(p.run).padStart(4)}  ${short(p.commit)}  ${p.outcome.padEnd(8)}  ${(p.seconds.toFixed(2) + 's').padStart(8)}  ${p.posteriorTop.toFixed(3)} ${short(p.topCommit)}${role}`;
}

export function summaryLines(r: BisectResult): string[] {
  const out: string[] = [];
  if (r.stoppedBecause === 'aborted' && r.abort) out.push(`Aborted: ${safe(r.abort.message)}`);
  if (r.culprit) {
    out.push(`Culprit: ${r.culprit} ${quote(r.culpritSubject)} (posterior ${pct(r.posterior)} after ${r.runs} run${r.runs === 1 ? '' : 's'})`);
    if (r.alsoPossible.length) out.push(`  untestable just before it, indistinguishable: ${r.alsoPossible.map(short).join(', ')}`);
  } else {
    out.push(`No commit reached ${pct(r.confidence)} (stopped: ${r.stoppedBecause}); best: ${r.best.commit} ${quote(r.best.subject)} at ${pct(r.best.posterior)} after ${r.runs} runs`);
    for (const c of r.ranking.slice(1, 4)) if (c.posterior >= 0.01) out.push(`  then ${short(c.commit)} ${quote(c.subject)} at ${pct(c.posterior)}`);
  }
  out.push(`Stopped because: ${r.stoppedBecause}; flake rate ${pct(r.flakeRate)} (${r.flakeRateSource}); ${r.untestable.length} untestable commit${r.untestable.length === 1 ? '' : 's'}`);
  return out;
}

/** Replaces terminal control characters (escape sequences in a commit subject) with '?'. */
export function safe(s: string | undefined): string {
  return (s ?? '').replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, '?');
}

function quote(s: string | undefined): string {
  return s ? `"${safe(s).slice(0, 120)}"` : '';
}

function short(sha: string): string {
  return sha.slice(0, 12);
}

export function pct(p: number): string {
  // A posterior short of 1 never prints as certainty: 0.99999 is ">99.99%", not "100.00%".
  if (p < 1 && p >= 0.99995) return '>99.99%';
  if (p > 0 && p < 0.00005) return '<0.01%';
  return `${(100 * p).toFixed(p >= 0.999 || p < 0.01 ? 2 : 1)}%`;
}
