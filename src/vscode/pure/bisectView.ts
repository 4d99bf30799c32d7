import type { BisectResult, Probe, RankedCommit } from '../../engine/bisect/bisectTypes';
import type { Report } from '../../engine/report/reportSchema';
import type { BisectBar, BisectView } from '../../protocol/reportProtocol';

/**
 * Turns the bisect engine's callbacks into the report's bisect tab: one bar
 * per commit we have a posterior for (the running top commit after each
 * probe, every probed commit with its outcome), then the final ranking.
 */
export class BisectTracker {
  private readonly bars = new Map<string, BisectBar>();
  private view: BisectView;

  constructor(good: string, bad: string, testCommand: string, private readonly subjectOf: (commit: string) => string | undefined) {
    this.view = { status: 'running', good, bad, testCommand, bars: [], runs: 0 };
  }

  get current(): BisectView {
    return this.view;
  }

  probe(p: Probe, progress: { runs: number; top: RankedCommit; ranking?: RankedCommit[] }): BisectView {
    for (const r of progress.ranking ?? [progress.top]) this.bar(r.commit, r.subject).posterior = r.posterior;
    const probed = this.bar(p.commit);
    probed.outcome = p.outcome;
    if (p.commit === progress.top.commit) probed.posterior = progress.top.posterior;
    // Known posteriors of other commits can only have fallen while the top one rose; keep the total ≤ 1.
    this.normalize(progress.top.commit);
    return this.update({ runs: progress.runs });
  }

  finish(r: BisectResult): BisectView {
    for (const b of this.bars.values()) b.posterior = 0;
    for (const x of r.ranking) this.bar(x.commit, x.subject).posterior = x.posterior;
    return this.update({
      status: 'done',
      runs: r.runs,
      culprit: r.culprit,
      posterior: r.posterior,
      stoppedBecause: r.stoppedBecause,
      message: r.abort?.message,
    });
  }

  fail(status: 'failed' | 'cancelled', message?: string): BisectView {
    return this.update({ status, message });
  }

  private bar(commit: string, subject?: string): BisectBar {
    let b = this.bars.get(commit);
    if (!b) this.bars.set(commit, (b = { commit, subject: subject || this.subjectOf(commit) || '', posterior: 0 }));
    else if (subject && !b.subject) b.subject = subject;
    return b;
  }

  private normalize(top: string): void {
    const t = this.bars.get(top)?.posterior ?? 0;
    let rest = 0;
    for (const b of this.bars.values()) if (b.commit !== top) rest += b.posterior;
    if (rest + t > 1 && rest > 0) {
      const scale = Math.max(0, 1 - t) / rest;
      for (const b of this.bars.values()) if (b.commit !== top) b.posterior *= scale;
    }
  }

  private update(patch: Partial<BisectView>): BisectView {
    const bars = [...this.bars.values()].sort((a, b) => b.posterior - a.posterior || a.commit.localeCompare(b.commit)).slice(0, 20);
    this.view = { ...this.view, ...patch, bars: bars.map((b) => ({ ...b })) };
    return this.view;
  }
}

/** The bisect file written next to a report: `<id>-report.json` → `<id>-bisect.json`. */
export function bisectPathFor(reportPath: string): string {
  return reportPath.replace(/-report\.json$/, '-bisect.json');
}

/**
 * Default range for confirming a report's verdict: bad = the deployment that
 * shipped the top suspect, good = the deployment before it. Either is
 * undefined when the report cannot tell (then the user is asked, HEAD offered).
 */
export function defaultBisectRange(report: Report): { good?: string; bad?: string } {
  const target = report.rootCause?.commit ?? [...report.suspects].sort((a, b) => a.rank - b.rank)[0]?.commit;
  if (!target) return {};
  const deps = [...report.deployments].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const i = deps.findIndex((d) => d.commits.some((c) => c.startsWith(target) || target.startsWith(c)) || d.commit === target);
  if (i < 0) return {};
  return { bad: deps[i].commit, good: i > 0 ? deps[i - 1].commit : undefined };
}

/** The sidecar written next to a report: the engine's result plus the test command that produced it. */
export type StoredBisect = BisectResult & { testCommand: string };

/** Rebuilds the bisect tab from a stored sidecar; undefined when the file is not one. */
export function bisectViewFromStored(data: unknown): BisectView | undefined {
  const d = data as Partial<StoredBisect> | null;
  if (!d || typeof d !== 'object' || d.schema !== 'incident-forensics/bisect@1' || !Array.isArray(d.ranking) || typeof d.good !== 'string' || typeof d.bad !== 'string') return undefined;
  const t = new BisectTracker(d.good, d.bad, typeof d.testCommand === 'string' ? d.testCommand : '', () => undefined);
  try {
    return t.finish(d as BisectResult);
  } catch {
    return undefined;
  }
}
