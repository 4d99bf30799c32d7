import { readFileSync } from 'node:fs';
import { runDetectors } from '../detectors/registry';
import { languageOf } from '../git/language';
import { diffPath } from '../git/parseDiff';
import type { CommitDiff, DetectorInput, Finding, RiskSignal } from '../model';
import { classifyRisk } from '../signals/classifyRisk';
import { commitTraits, parseBlameIgnoreRevs } from '../signals/commitTraits';
import type { GitContext } from './gitStep';

/** The semantic view of one candidate commit. */
export interface CommitSemantics {
  risks: RiskSignal[];
  findings: Finding[];
  trivial: boolean;
  traits: { docsOnly: boolean; testsOnly: boolean; formattingOnly: boolean };
  changedLines: number;
  /** Of those, the added ones. */
  insertions: number;
}

/** Files larger than this are classified from the diff alone. */
const MAX_BLOB = 1_000_000;
/** Detectors read at most this many files per commit (huge vendored drops add nothing). */
const MAX_FILES = 60;

export async function semanticStep(git: GitContext): Promise<Map<string, CommitSemantics>> {
  const ignoreRevs = git.ignoreRevsFile ? parseBlameIgnoreRevs(readFileSync(git.ignoreRevsFile, 'utf8')) : new Set<string>();
  const specs: string[] = [];
  for (const c of git.candidates) {
    for (const f of c.files.slice(0, MAX_FILES)) {
      if (f.binary) continue;
      if (f.newPath) specs.push(`${c.sha}:${f.newPath}`);
      if (f.oldPath && c.parents[0]) specs.push(`${c.parents[0]}:${f.oldPath}`);
    }
  }
  const blobs = await git.src.readBlobs(specs, MAX_BLOB);
  const out = new Map<string, CommitSemantics>();
  for (const c of git.candidates) out.set(c.sha, analyzeCommit(c, blobs, ignoreRevs));
  return out;
}

function analyzeCommit(c: CommitDiff, blobs: Map<string, string | undefined>, ignoreRevs: Set<string>): CommitSemantics {
  const inputs: DetectorInput[] = [];
  let changedLines = 0;
  let insertions = 0;
  for (const f of c.files) {
    for (const h of f.hunks) for (const l of h.lines) {
      if (l.kind === ' ') continue;
      changedLines++;
      if (l.kind === '+') insertions++;
    }
  }
  for (const f of c.files.slice(0, MAX_FILES)) {
    inputs.push({
      file: f,
      language: languageOf(diffPath(f)),
      after: f.newPath ? blobs.get(`${c.sha}:${f.newPath}`) : undefined,
      before: f.oldPath && c.parents[0] ? blobs.get(`${c.parents[0]}:${f.oldPath}`) : undefined,
    });
  }
  const risks: RiskSignal[] = [];
  const findings: Finding[] = [];
  for (const input of inputs) {
    if (input.file.binary) continue;
    try {
      risks.push(...classifyRisk(input));
      findings.push(...runDetectors(input));
    } catch {
      // A detector that trips on odd input loses its say on this file, not the analysis.
    }
  }
  const traits = commitTraits(inputs, c.sha, ignoreRevs);
  findings.sort((a, b) => b.confidence - a.confidence);
  return { risks, findings, traits, trivial: traits.docsOnly || traits.testsOnly || traits.formattingOnly, changedLines, insertions };
}
