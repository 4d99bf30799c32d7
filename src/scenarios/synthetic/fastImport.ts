import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Builds a git repository in one `git fast-import` run: one process per
 * repository instead of several per commit, so a whole benchmark set builds
 * in seconds. Commits and annotated tags carry exact dates.
 */
export class FastImportStream {
  private readonly parts: Buffer[] = [];
  private nextMark = 1;

  /** Adds a commit; returns its mark. `files` are full contents of changed paths. */
  commit(c: { ref: string; author: { name: string; email: string }; time: number; message: string; from?: number; merge?: number; files: Map<string, string>; deletes?: string[] }): number {
    const mark = this.nextMark++;
    const sec = Math.floor(c.time / 1000);
    const who = `${c.author.name} <${c.author.email}> ${sec} +0000`;
    this.text(`commit ${c.ref}\nmark :${mark}\nauthor ${who}\ncommitter ${who}\n`);
    this.data(c.message);
    if (c.from !== undefined) this.text(`from :${c.from}\n`);
    if (c.merge !== undefined) this.text(`merge :${c.merge}\n`);
    for (const p of c.deletes ?? []) this.text(`D ${p}\n`);
    for (const [path, content] of [...c.files.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      this.text(`M 100644 inline ${path}\n`);
      this.data(content);
    }
    this.text('\n');
    return mark;
  }

  /** An annotated tag dated `time`. */
  tag(name: string, mark: number, time: number, tagger = { name: 'deploy-bot', email: 'deploy@acme.example' }): void {
    this.text(`tag ${name}\nfrom :${mark}\ntagger ${tagger.name} <${tagger.email}> ${Math.floor(time / 1000)} +0000\n`);
    this.data(`${name}\n`);
  }

  private text(s: string): void {
    this.parts.push(Buffer.from(s, 'utf8'));
  }

  private data(s: string): void {
    const b = Buffer.from(s, 'utf8');
    this.text(`data ${b.length}\n`);
    this.parts.push(b);
    this.text('\n');
  }

  /** Writes the repository into `dir` (replacing it), checks out `main`; returns mark → sha. */
  run(dir: string): Map<number, string> {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
    const git = (args: string[], input?: Buffer) => execFileSync('git', args, { cwd: dir, env, input, maxBuffer: 256 * 1024 * 1024, stdio: input ? ['pipe', 'pipe', 'pipe'] : undefined });
    git(['init', '-q', '-b', 'main']);
    const marksFile = join(dir, '.git', 'fi-marks');
    git(['fast-import', '--quiet', `--export-marks=${marksFile}`], Buffer.concat(this.parts));
    git(['reset', '-q', '--hard', 'main']);
    const marks = new Map<number, string>();
    for (const line of readFileSync(marksFile, 'utf8').split('\n')) {
      const m = /^:(\d+) ([0-9a-f]{40})$/.exec(line);
      if (m) marks.set(Number(m[1]), m[2]);
    }
    rmSync(marksFile, { force: true });
    return marks;
  }
}
