import type { Incident } from '../model';
import type { GitContext } from '../pipeline/gitStep';
import type { LogEvidence } from '../pipeline/logStep';
import type { MetricEvidence } from '../pipeline/metricStep';
import type { CommitSemantics } from '../pipeline/semanticStep';
import type { Ranking } from '../ranking/rank';
import type { Report } from './reportSchema';
import { probabilityPercent } from './percent';

const RISK_LABELS: Record<string, string> = {
  database: 'Database query changes', api: 'API endpoint modifications', pool: 'Connection pool changes',
  cache: 'Cache changes', concurrency: 'Concurrency changes', timeout: 'Timeout/retry/limit changes',
  config: 'Configuration changes', dependency: 'Dependency bumps',
};
const PAD = '           ';

/** The step-by-step text the CLI prints, in the seed's shape; timestamps are the analysis's own clock. */
export class Transcript {
  readonly lines: string[] = [];
  constructor(private readonly sink?: (line: string) => void) {}

  private say(first: string, ...rest: string[]): void {
    const t = new Date().toISOString().slice(11, 19);
    for (const l of [`[${t}] ${first}`, ...rest.map((r) => PAD + r)]) {
      this.lines.push(l);
      this.sink?.(l);
    }
  }

  gitHistory(incident: Incident, git: GitContext, days: number): void {
    const scope = git.scope.resolvedBy === 'whole-repo' ? 'no path mapping or like-named directory found: the whole repository is in scope' : `scope: ${git.scope.paths.join(', ')} (${git.scope.resolvedBy})`;
    this.say(`Analyzing git history for ${incident.service} service...`);
    this.say(`Fetching recent commits (last ${days} days):`, `Total commits: ${git.scanned.length}`, `Commits affecting ${incident.service}: ${git.candidates.length}`, scope);
    const alert = Date.parse(incident.alertTime);
    const last = git.deployments[git.deployments.length - 1];
    if (!last) {
      this.say('Correlating with deployment timeline:', `No deployments found (${git.deploymentSource}); the look-back window alone bounds the search`);
      return;
    }
    const bySha = new Map(git.candidates.map((c) => [c.sha, c]));
    this.say('Correlating with deployment timeline:', `Deployments in window: ${git.deployments.length}`, `Last deployment: ${last.time} (${last.ref ?? last.commit.slice(0, 7)})`,
      `Alert trigger: ${incident.alertTime}`, `Time delta: ${Math.round((alert - Date.parse(last.time)) / 60000)} minutes`, '', 'Commits deployed in last build:',
      ...last.commits.map((s) => `- ${s.slice(0, 7)}: ${bySha.get(s)?.subject ?? '(outside the service scope)'}`));
  }

  semantics(git: GitContext, sem: Map<string, CommitSemantics>): void {
    const counts = new Map<string, number>();
    let suspicious = 0;
    for (const s of sem.values()) {
      const kinds = new Set(s.risks.map((r) => r.kind).filter((k) => RISK_LABELS[k]));
      for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
      if (kinds.size || s.findings.length) suspicious++;
    }
    this.say('Filtering commits by risk signals:', ...[...counts].map(([k, n]) => `- ${RISK_LABELS[k]}: ${n} commit${n === 1 ? '' : 's'}`), '', `Suspicious commits identified: ${suspicious}`);
    const found = git.candidates.flatMap((c) => (sem.get(c.sha)?.findings ?? []).map((f) => ({ c, f }))).sort((a, b) => b.f.confidence - a.f.confidence).slice(0, 5);
    if (!found.length) return this.say('Semantic analysis: no anomaly pattern found in the in-scope diffs');
    this.say(`Semantic analysis: ${found.length} anomal${found.length === 1 ? 'y' : 'ies'} detected`, ...found.flatMap(({ c, f }) => [
      `Pattern: ${f.pattern} (commit ${c.sha.slice(0, 7)})`, `Location: ${f.file}:${f.line}`, `${f.message}`, `Confidence: ${Math.round(f.confidence * 100)}%`, '']));
  }

  logs(logs: LogEvidence | undefined): void {
    if (!logs) return this.say('Cross-referencing with error logs: no logs given');
    const s = logs.scan;
    const top = [...logs.linked].sort((a, b) => b.loc.count - a.loc.count).slice(0, 5);
    this.say('Cross-referencing with error logs:', `Files: ${s.files.length}; lines scanned: ${s.linesScanned}; not understood: ${s.linesSkipped}`, `Errors: ${s.errors}; warnings: ${s.warnings}`,
      ...top.map((l) => `${l.loc.level.toUpperCase()} ${l.loc.file}${l.loc.line ? `:${l.loc.line}` : ''} ×${l.loc.count}${l.exact ? ` (line from ${l.exact.commit.slice(0, 7)})` : ''}`),
      ...s.problems.slice(0, 5).map((p) => `note: ${p}`));
  }

  metrics(m: MetricEvidence | undefined): void {
    if (!m) return this.say('Metric validation: no metrics given');
    this.say('Metric validation:', ...m.reports.flatMap((r) => [
      `Metric: ${r.name}`, `Before: avg=${fmt(r.before.avg)}, max=${fmt(r.before.max)}, p95=${fmt(r.before.p95)}`,
      `After: avg=${fmt(r.after.avg)}, max=${fmt(r.after.max)}, p95=${fmt(r.after.p95)}`,
      `Change: ${r.changePercent === null ? 'n/a' : `${r.changePercent.toFixed(0)}%`}${r.changePointAt ? `; change point at ${r.changePointAt}` : ''}`, '']), ...m.problems.map((p) => `note: ${p}`));
  }

  ranking(r: Ranking): void {
    this.say('Ranking suspects:', ...r.ranked.slice(0, 5).map((c, i) => `${i + 1}. ${c.commit.sha.slice(0, 7)} ${probabilityPercent(c.confidence)} ${c.commit.subject}`), `None of them: ${probabilityPercent(r.none)}`);
  }

  verdict(report: Report): void {
    const rc = report.rootCause;
    this.say(rc ? `Root cause: ${rc.commit.slice(0, 7)}${rc.file ? ` at ${rc.file}:${rc.line}` : ''} (confidence ${probabilityPercent(rc.confidence)})` : 'No root cause identified with enough confidence');
  }
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2);
}
