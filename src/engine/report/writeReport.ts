import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderMarkdown } from './markdown';
import type { Report } from './reportSchema';

export const DEFAULT_OUT_DIR = '.pipeline/forensics';

/** File-name-safe incident id. */
export function reportBaseName(report: Report): string {
  return `${report.incident.id.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120) || 'incident'}-report`;
}

/**
 * Writes `<id>-report.json` and `<id>-report.md` into `outDir`. Each is
 * written to a temp name and renamed, so a reader never sees half a report.
 */
export async function writeReportFiles(report: Report, outDir: string): Promise<{ json: string; md: string }> {
  await mkdir(outDir, { recursive: true });
  const base = join(outDir, reportBaseName(report));
  const json = `${base}.json`;
  const md = `${base}.md`;
  await writeFile(`${json}.tmp`, JSON.stringify(report, null, 2) + '\n');
  await writeFile(`${md}.tmp`, renderMarkdown(report));
  await rename(`${json}.tmp`, json);
  await rename(`${md}.tmp`, md);
  return { json, md };
}
