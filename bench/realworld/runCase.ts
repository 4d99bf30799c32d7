import { join } from 'node:path';
import { baselines, rankOf } from './baselines';
import type { RealCase } from './cases';
import type { BenchGit } from './git';
import { writeIncident, type Variant } from './incident';
import { runTool, type ToolResult } from './runTool';
import { SKIPPED, type CaseResult } from './score';

/** One case under one variant: write the incident, run the tool and both baselines, rank the culprit in each. */
export async function runCase(git: BenchGit, c: RealCase, variant: Variant, workDir: string, skipTool = false): Promise<CaseResult> {
  const dir = join(workDir, c.id, variant);
  const { alert, log } = writeIncident(dir, c, variant);
  const [tool, base] = await Promise.all([
    skipTool ? Promise.resolve({ list: [], ms: 0, error: SKIPPED } as ToolResult) : runTool(git.gitDir, c, alert, log),
    baselines(git, c, variant),
  ]);
  const recency = rankOf(base.recency, c.culprits);
  const result: CaseResult = {
    id: c.id, repo: c.repo, variant, fix: c.fix, culprits: c.culprits,
    ranks: { tool: rankOf(tool.list, c.culprits), blame: rankOf(base.blame, c.culprits), recency },
    listed: { tool: tool.list.length, blame: base.blame.length, recency: base.recency.length },
    pureAddition: c.symptom.pureAddition, culpritInFile: recency !== undefined, toolMs: tool.ms,
    culpritSignals: tool.culpritSignals, topSignals: tool.topSignals, commitsInScope: tool.commitsInScope,
    candidates: tool.candidates,
  };
  if (tool.error) result.toolError = tool.error;
  return result;
}
