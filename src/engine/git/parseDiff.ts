import type { DiffLine, FileDiff, Hunk } from '../model';

/**
 * Parses `git diff`/`git show` unified output (with `--no-color`, `-M`) into
 * FileDiffs. Pure: text in, data out. Tolerates truncated input: a hunk cut
 * short keeps the lines it has.
 */
export function parseUnifiedDiff(text: string): FileDiff[] {
  const files: FileDiff[] = [];
  let cur: FileDiff | null = null;
  let hunk: Hunk | null = null;
  let oldNo = 0;
  let newNo = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('diff --git ')) {
      const m = /^diff --git a\/(.*) b\/(.*)$/.exec(line);
      cur = { oldPath: m ? unquote(m[1]) : null, newPath: m ? unquote(m[2]) : null, status: 'M', binary: false, hunks: [] };
      files.push(cur);
      hunk = null;
      continue;
    }
    if (!cur) continue;
    if (hunk && (line.startsWith('+') || line.startsWith('-') || line.startsWith(' ') || line === '')) {
      // Inside a hunk, '--- '/'+++ ' are content, not headers.
      if (line === '' && i === lines.length - 1) break;
      const kind = (line[0] ?? ' ') as DiffLine['kind'];
      const text = line.slice(1);
      if (kind === '+') hunk.lines.push({ kind, text, newLine: newNo++ });
      else if (kind === '-') hunk.lines.push({ kind, text, oldLine: oldNo++ });
      else hunk.lines.push({ kind: ' ', text, oldLine: oldNo++, newLine: newNo++ });
      continue;
    }
    if (line.startsWith('\\ ')) continue; // "\ No newline at end of file"
    const h = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/.exec(line);
    if (h) {
      hunk = {
        oldStart: +h[1],
        oldLines: h[2] === undefined ? 1 : +h[2],
        newStart: +h[3],
        newLines: h[4] === undefined ? 1 : +h[4],
        context: h[5] ?? '',
        lines: [],
      };
      oldNo = hunk.oldStart;
      newNo = hunk.newStart;
      cur.hunks.push(hunk);
      continue;
    }
    hunk = null;
    if (line.startsWith('new file mode')) cur.status = 'A';
    else if (line.startsWith('deleted file mode')) cur.status = 'D';
    else if (line.startsWith('rename from ')) { cur.status = 'R'; cur.oldPath = unquote(line.slice(12)); }
    else if (line.startsWith('rename to ')) cur.newPath = unquote(line.slice(10));
    else if (line.startsWith('copy from ')) { cur.status = 'C'; cur.oldPath = unquote(line.slice(10)); }
    else if (line.startsWith('copy to ')) cur.newPath = unquote(line.slice(8));
    else if (line.startsWith('Binary files ') || line.startsWith('GIT binary patch')) cur.binary = true;
    else if (line.startsWith('--- ')) { if (line === '--- /dev/null') { cur.oldPath = null; cur.status = 'A'; } }
    else if (line.startsWith('+++ ')) { if (line === '+++ /dev/null') { cur.newPath = null; cur.status = 'D'; } }
  }
  return files;
}

/** Git quotes paths with unusual bytes as C strings: "a/\303\251.go". */
function unquote(p: string): string {
  if (!p.startsWith('"')) return p;
  const body = p.slice(1, p.endsWith('"') ? -1 : undefined);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') { bytes.push(...Buffer.from(c, 'utf8')); continue; }
    const n = body[++i];
    if (/[0-7]/.test(n)) { bytes.push(parseInt(body.slice(i, i + 3), 8)); i += 2; }
    else bytes.push(({ n: 10, t: 9, '"': 34, '\\': 92 } as Record<string, number>)[n] ?? n.charCodeAt(0));
  }
  const s = Buffer.from(bytes).toString('utf8');
  return s.replace(/^[ab]\//, '');
}

/** The path a file diff is best known by (new path, else old). */
export function diffPath(file: FileDiff): string {
  return (file.newPath ?? file.oldPath)!;
}
