import * as vscode from 'vscode';
import { z } from 'zod';
import { EngineError } from '../engine/errors';
import type { RunArgs } from './alertPicker';
import { CommandId } from './commandIds';
import { openDemo } from './demoCommand';
import type { Forensics } from './forensics';
import { isWorkspaceFolder, openCommitDiff } from './gitContent';
import { openRepoLocation } from './openLocation';
import { percent, shortSha } from './pure/annotations';
import { readReportView } from './pure/reportFiles';
import { prepareRevert } from './revertCommand';
import { required, registerCommand } from './runCommand';
import { pickFolder, runForensics } from './runAnalysis';

/** Arguments from CodeLens, hovers, the tree and tests: validated, never trusted. */
const fromTreeNode = (raw: unknown) => {
  // Tree context-menu commands receive the tree element itself.
  const n = raw as { kind?: unknown; suspect?: { commit?: unknown; findings?: { file?: unknown }[] }; repoDir?: unknown } | null;
  return n && n.kind === 'suspect' && n.suspect ? { commit: n.suspect.commit, file: n.suspect.findings?.[0]?.file, repoDir: n.repoDir } : raw;
};
const commitArgs = z.preprocess(fromTreeNode, z.object({ commit: z.string().regex(/^[0-9a-f]{7,40}$/), file: z.string().max(4096).optional(), repoDir: z.string().optional() }).partial({ commit: true }));
const locationArgs = z.object({ repoDir: z.string(), commit: z.string().regex(/^[0-9a-f]{7,40}$/).optional(), file: z.string().min(1).max(4096), line: z.number().int().min(1) });
const runArgs = z
  .object({
    alertPath: z.string(),
    service: z.string(),
    metric: z.string(),
    at: z.string(),
    logs: z.array(z.string()),
    metrics: z.array(z.string()),
    folder: z.string(),
    noPanel: z.boolean(),
  })
  .partial();

function parseArg<T extends object>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, raw: unknown, what: string): T {
  const r = schema.safeParse(raw ?? {});
  if (!r.success) throw new EngineError('badInput', `${r.error.issues[0].path.join('.') || 'argument'}: ${r.error.issues[0].message}`, what);
  // Commands act on repositories open in this window only.
  const repoDir = (r.data as { repoDir?: unknown }).repoDir;
  if (typeof repoDir === 'string' && !isWorkspaceFolder(repoDir)) throw new EngineError('outsideWorkspace', 'not a folder of this workspace', repoDir);
  return r.data;
}

/** The command table: one entry per id, each behind the error boundary. */
export function registerCommands(f: Forensics, bisect: (repoDir?: string) => Promise<void>): vscode.Disposable[] {
  const { log, store } = f;
  const table: Record<CommandId, (...args: unknown[]) => unknown> = {
    [CommandId.run]: async (raw) => {
      const args: RunArgs = parseArg(runArgs, raw, CommandId.run);
      const r = await runForensics(log, args);
      await f.publish({ report: r.report, reportPath: r.reportPath }, r.repoDir, { showPanel: !args.noPanel });
      const rc = r.report.rootCause;
      log.info(rc ? `verdict: ${shortSha(rc.commit)} (${percent(rc.confidence)})` : 'verdict: no culprit');
      return { reportPath: r.reportPath, rootCause: rc };
    },
    [CommandId.openDemo]: (raw) => openDemo(log, raw),
    [CommandId.showLastReport]: async () => {
      const a = store.value;
      if (a) return f.panels.show(a.reportPath ? await readReportView(a.reportPath) : { report: a.report }, a.repoDir);
      if (await f.openLastReport()) return;
      const pick = await vscode.window.showInformationMessage('No incident report yet.', 'Run Incident Forensics');
      if (pick) await vscode.commands.executeCommand(CommandId.run);
    },
    [CommandId.openReport]: async (p) => {
      if (typeof p !== 'string') throw new EngineError('badInput', 'expected a report path', CommandId.openReport);
      await f.openReportFile(p);
    },
    [CommandId.clearAnnotations]: () => store.clear(),
    [CommandId.openSuspectDiff]: async (raw) => {
      const a = parseArg(commitArgs, raw, CommandId.openSuspectDiff);
      const { repoDir, commit } = await suspectTarget(f, a.commit, a.repoDir);
      await openCommitDiff(repoDir, commit, a.file);
    },
    [CommandId.prepareRevert]: async (raw) => {
      const a = parseArg(commitArgs, raw, CommandId.prepareRevert);
      const { repoDir, commit } = await suspectTarget(f, a.commit, a.repoDir);
      const subject = store.suspect(commit)?.subject;
      await prepareRevert(log, repoDir, commit, subject, store.value?.report.incident.id);
    },
    [CommandId.openLocation]: async (raw) => {
      const a = parseArg(locationArgs, raw, CommandId.openLocation);
      await openRepoLocation(a.repoDir, { file: a.file, line: a.line, commit: a.commit });
    },
    [CommandId.confirmWithBisect]: async (raw) => bisect(parseArg(commitArgs, raw, CommandId.confirmWithBisect).repoDir),
    [CommandId.refreshIncidents]: () => f.tree.refresh(),
    [CommandId.showLog]: () => log.channel.show(),
  };
  return Object.entries(table).map(([id, fn]) => registerCommand(log, id, fn));
}

/**
 * The repository and commit a suspect command acts on: the one given, else
 * the current report's root cause, else the user's pick among its suspects.
 */
async function suspectTarget(f: Forensics, commit?: string, repoDir?: string): Promise<{ repoDir: string; commit: string }> {
  const a = f.store.value;
  const dir = repoDir ?? a?.repoDir ?? (await pickFolder()).uri.fsPath;
  if (commit) {
    const full = f.store.suspect(commit)?.commit ?? commit;
    return { repoDir: dir, commit: full };
  }
  if (!a) throw new EngineError('badInput', 'no report is open; run Incident Forensics or open a report first');
  const pick = required(
    await vscode.window.showQuickPick(
      [...a.report.suspects].sort((x, y) => x.rank - y.rank).map((s) => ({ label: `${shortSha(s.commit)} ${s.subject}`, description: `${percent(s.confidence)} · ${s.author}`, commit: s.commit })),
      { title: 'Which suspect commit?' },
    ),
  );
  return { repoDir: a.repoDir, commit: pick.commit };
}
