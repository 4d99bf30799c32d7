import { writeFile, rename } from 'node:fs/promises';
import * as vscode from 'vscode';
import { runBisect } from '../engine/bisect/bisect';
import type { RankedCommit } from '../engine/bisect/bisectTypes';
import { probeLine, startLine, summaryLines } from '../engine/bisect/bisectReport';
import { EngineError } from '../engine/errors';
import type { Forensics } from './forensics';
import { BisectTracker, bisectPathFor, defaultBisectRange, type StoredBisect } from './pure/bisectView';
import { percent, shortSha } from './pure/annotations';
import { requireTrust } from './revertCommand';
import { isCancellation, required } from './runCommand';
import { pickFolder } from './runAnalysis';
import { readExtensionSettings } from './settings';

const TEST_COMMAND_KEY = 'incidentForensics.bisect.testCommand';

/**
 * Confirm Culprit with Bisect: runs the user's test command across the range
 * in a temporary worktree (the engine removes it however the run ends), shows
 * the posterior as a bar per commit in the report's Bisect tab, and stores the
 * verdict beside the report. Runs user code, so only in a trusted workspace.
 */
export async function confirmWithBisect(f: Forensics, repoDirArg?: string): Promise<void> {
  if (!(await requireTrust('Confirming a culprit with bisect'))) return;
  const a = f.store.value;
  const repoDir = repoDirArg ?? a?.repoDir ?? (await pickFolder()).uri.fsPath;
  const current = a && a.repoDir === repoDir ? a : undefined;
  const range = current ? defaultBisectRange(current.report) : {};

  const good = required(
    await vscode.window.showInputBox({
      title: 'Bisect: known-good commit',
      prompt: 'A commit where the test passes (e.g. the previous deployment)',
      value: range.good ?? '',
      ignoreFocusOut: true,
      validateInput: refOk,
    }),
  ).trim();
  const bad = required(
    await vscode.window.showInputBox({ title: 'Bisect: bad commit', prompt: 'A commit where the test fails', value: range.bad ?? 'HEAD', ignoreFocusOut: true, validateInput: refOk }),
  ).trim();
  const settings = readExtensionSettings(vscode.Uri.file(repoDir));
  const remembered = f.context.workspaceState.get<string>(TEST_COMMAND_KEY) ?? settings.bisectTestCommand;
  const test = required(
    await vscode.window.showInputBox({
      title: 'Bisect: test command',
      prompt: 'Run with sh -c in a temporary worktree; exit 0 = good, 1–124/126–127 = bad, 125 = untestable',
      value: remembered ?? '',
      ignoreFocusOut: true,
      validateInput: (t) => (t.trim() ? undefined : 'The command that reproduces the incident'),
    }),
  ).trim();
  await f.context.workspaceState.update(TEST_COMMAND_KEY, test);

  const subjects = new Map((current?.report.suspects ?? []).map((s) => [s.commit, s.subject]));
  const tracker = new BisectTracker(good, bad, test, (c) => subjects.get(c));
  f.showBisect(tracker.current);
  f.panels.panel?.selectTab('bisect');
  f.log.info(`bisect: good ${good}, bad ${bad}, test ${JSON.stringify(test)}`);

  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Bisect', cancellable: true }, async (progress, token) => {
    const ac = new AbortController();
    const sub = token.onCancellationRequested(() => ac.abort());
    try {
      const result = await runBisect(
        { repoDir, good, bad, test, prior: current ? { report: current.report } : undefined, flakeRate: settings.bisectFlakeRate, maxRuns: settings.bisectMaxRuns },
        {
          signal: ac.signal,
          onStart: (info) => {
            f.log.info(startLine(info));
            progress.report({ message: `${info.candidates} candidates, up to ${info.maxRuns} runs` });
          },
          onProbe: (p, prog) => {
            f.log.info(probeLine(p));
            const ranking = (prog as { ranking?: RankedCommit[] }).ranking;
            f.showBisect(tracker.probe(p, { ...prog, ranking }));
            progress.report({ message: `run ${prog.runs}/${prog.maxRuns}: ${shortSha(p.commit)} ${p.outcome}; top ${shortSha(prog.top.commit)} ${percent(prog.top.posterior)}` });
          },
        },
      );
      for (const line of summaryLines(result)) f.log.info(line);
      f.showBisect(tracker.finish(result));
      if (current?.reportPath) await storeVerdict(current.reportPath, { ...result, testCommand: test });
      const verdict = result.culprit ? `first bad commit ${shortSha(result.culprit)} (${percent(result.posterior)}, ${result.runs} runs)` : `no culprit proven (${result.stoppedBecause}, ${result.runs} runs)`;
      void vscode.window.showInformationMessage(`Bisect: ${verdict}.`);
    } catch (e) {
      if (isCancellation(e) || ac.signal.aborted) {
        f.showBisect(tracker.fail('cancelled'));
        throw new EngineError('cancelled', 'the bisect was cancelled');
      }
      f.showBisect(tracker.fail('failed', (e as Error).message));
      throw e;
    } finally {
      sub.dispose();
    }
  });
}

function refOk(v: string): string | undefined {
  const t = v.trim();
  if (!t) return 'A commit id, tag or branch';
  if (t.startsWith('-') || /\s/.test(t)) return 'Not a ref';
  return undefined;
}

/** Written through a temp file and a rename, like the report itself. */
async function storeVerdict(reportPath: string, data: StoredBisect): Promise<void> {
  const path = bisectPathFor(reportPath);
  await writeFile(`${path}.tmp`, JSON.stringify(data, null, 2) + '\n');
  await rename(`${path}.tmp`, path);
}
