import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_REPORT_BYTES, readReportFile } from '../../engine/report/readReport';
import type { Report } from '../../engine/report/reportSchema';
import { DEFAULT_OUT_DIR } from '../../engine/report/writeReport';
import type { BisectView } from '../../protocol/reportProtocol';
import { bisectPathFor, bisectViewFromStored } from './bisectView';

/** Where the engine writes reports, relative to the repository root. */
export const REPORT_DIR = DEFAULT_OUT_DIR;

export interface StoredReport {
  path: string;
  report: Report;
  /** File modification time, epoch ms (the tree sorts on it). */
  mtime: number;
}

/**
 * Every `*-report.json` under `<repoDir>/.pipeline/forensics`, newest first.
 * Unreadable or invalid files are skipped and passed to `onSkip`.
 */
export async function listReports(repoDir: string, onSkip?: (path: string, why: string) => void): Promise<StoredReport[]> {
  const dir = join(repoDir, REPORT_DIR);
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: StoredReport[] = [];
  for (const name of names.filter((n) => n.endsWith('-report.json'))) {
    const path = join(dir, name);
    try {
      const [report, st] = await Promise.all([readReportFile(path), stat(path)]);
      out.push({ path, report, mtime: st.mtimeMs });
    } catch (e) {
      onSkip?.(path, (e as Error).message);
    }
  }
  return out.sort((a, b) => b.mtime - a.mtime || a.path.localeCompare(b.path));
}

/** A stored report with the bisect verdict saved beside it, if any, ready for the report view. */
export async function readReportView(path: string): Promise<{ report: Report; reportPath: string; bisect?: BisectView }> {
  return withBisect(await readReportFile(path), path);
}

/** An already read report with the bisect verdict saved beside it, if any. */
export async function withBisect(report: Report, path: string): Promise<{ report: Report; reportPath: string; bisect?: BisectView }> {
  const sidecar = bisectPathFor(path);
  const st = await stat(sidecar).catch(() => undefined);
  let bisect: BisectView | undefined;
  if (st?.isFile() && st.size < MAX_REPORT_BYTES) {
    try {
      bisect = bisectViewFromStored(JSON.parse(await readFile(sidecar, 'utf8')));
    } catch {
      bisect = undefined; // A broken sidecar only loses the bisect tab.
    }
  }
  return { report, reportPath: path, bisect };
}
