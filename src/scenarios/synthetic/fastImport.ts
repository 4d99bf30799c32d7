import { importStream } from '../fastImport';

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
    return importStream(dir, Buffer.concat(this.parts));
  }
}
