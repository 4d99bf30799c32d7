import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { WeightedCommit } from '../../src/engine/bisect/priorReport';
import type { BenchRepo } from './benchRepo';
import { rng } from './rng';
import { standInSuspects } from './standInPrior';

/**
 * Where the benchmark's "prior from analyze" comes from: the real `analyze`
 * engine when src/engine/analyze.ts exists and runs (on the same repository,
 * with a per-seed log whose errors point at the planted commit's line), else
 * a stand-in that mimics a calibrated ranking. The table says which one ran.
 */
export interface PriorSource {
  name: 'analyze' | 'stand-in';
  note: string;
  suspects(repo: BenchRepo, culprit: number, seed: number): Promise<WeightedCommit[]>;
}

type AnalyzeFn = (req: Record<string, unknown>, opts?: Record<string, unknown>) => Promise<{ suspects: { commit: string; confidence: number }[] }>;

export function standInSource(): PriorSource {
  return {
    name: 'stand-in',
    note: 'prior: STAND-IN (simulated calibrated ranking: culprit on top ~75% of the time), not the analyze engine',
    async suspects(repo, culprit, seed) {
      const r = rng(seed * 31 + repo.size);
      // Candidate k (0-based) is commit k+1: the base commit is the good end, not a candidate.
      return standInSuspects(r, repo.size, culprit - 1).map((s) => ({ commit: repo.shas[s.index + 1], confidence: s.confidence }));
    },
  };
}

/** The analyze engine as a prior source, or null (with the reason) when it is missing or fails a trial run. */
export async function analyzeSource(logDir: string, trial: BenchRepo): Promise<{ source: PriorSource | null; reason: string }> {
  const file = resolve(__dirname, '../../src/engine/analyze.ts');
  if (!existsSync(file)) return { source: null, reason: 'src/engine/analyze.ts does not exist' };
  let analyze: AnalyzeFn;
  try {
    const mod = (await import(file)) as { analyze?: AnalyzeFn };
    if (typeof mod.analyze !== 'function') return { source: null, reason: 'src/engine/analyze.ts exports no analyze()' };
    analyze = mod.analyze;
  } catch (e) {
    return { source: null, reason: `src/engine/analyze.ts does not load: ${(e as Error).message.split('\n')[0]}` };
  }
  mkdirSync(logDir, { recursive: true });
  const source: PriorSource = {
    name: 'analyze',
    note: 'prior: the analyze engine on the same repository, with a log pointing at the planted commit',
    async suspects(repo, culprit, seed) {
      const logs = writeIncidentLog(logDir, repo, culprit, seed);
      const report = await analyze({
        repoDir: repo.dir,
        ref: repo.shas[repo.size],
        incident: { id: `BENCH-${repo.size}-${seed}`, service: 'payment-gateway', metric: 'http_request_duration_p95', alertTime: repo.alertTime, source: 'flags', threshold: 200, actualValue: 587 },
        logs: [logs],
        lookbackDays: 7,
      });
      return report.suspects.map((s) => ({ commit: s.commit, confidence: s.confidence }));
    },
  };
  try {
    const trialCulprit = trial.risky[0].index;
    const s = await source.suspects(trial, trialCulprit, 0);
    if (!Array.isArray(s)) return { source: null, reason: 'analyze returned no suspects list' };
  } catch (e) {
    return { source: null, reason: `analyze failed on a trial repository: ${(e as Error).message.split('\n')[0]}` };
  }
  return { source, reason: '' };
}

/**
 * A seed-style service log (`[HH:MM:SS] LEVEL path:line - message`, the date in
 * the file name): routine lines, a little background noise, and from 30
 * minutes before the alert a burst of errors at the planted commit's line.
 */
export function writeIncidentLog(dir: string, repo: BenchRepo, culprit: number, seed: number): string {
  const r = rng(seed * 7 + culprit);
  const target = repo.risky.find((x) => x.index === culprit);
  if (!target) throw new Error(`commit ${culprit} is not a risky commit`);
  const alert = Date.parse(repo.alertTime);
  const day = repo.alertTime.slice(0, 10);
  const file = join(dir, `payment-gateway-${repo.size}-${seed}-${day}.log`);
  const lines: { t: number; s: string }[] = [];
  const hms = (t: number) => new Date(t).toISOString().slice(11, 19);
  const dayStart = Date.parse(`${day}T00:00:00Z`);
  for (let t = Math.max(dayStart, alert - 3 * 3600_000); t < alert; t += 60_000 + Math.floor(r() * 60_000)) {
    lines.push({ t, s: `INFO services/payment/internal/server.go:5 - request served in ${40 + Math.floor(r() * 60)}ms` });
    if (r() < 0.03) lines.push({ t: t + 1000, s: 'ERROR services/payment/internal/server.go:5 - upstream reset by peer' });
  }
  const n = 20 + Math.floor(r() * 20);
  for (let k = 0; k < n; k++) {
    const t = alert - 30 * 60_000 + Math.floor((k / n) * 30 * 60_000);
    if (t >= dayStart) lines.push({ t, s: `ERROR ${target.file}:${target.line} - ${target.logMessage}` });
  }
  lines.sort((a, b) => a.t - b.t);
  writeFileSync(file, lines.map((l) => `[${hms(l.t)}] ${l.s}`).join('\n') + '\n');
  return file;
}
