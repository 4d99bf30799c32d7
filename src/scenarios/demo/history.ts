import type { Person } from './demoTypes';

/** A commit of a History, by its fast-import mark; resolved to a sha after import. */
export type CommitRef = number;

interface Branch {
  tip: CommitRef | null;
  tree: Map<string, string>;
  /** The tree the branch started from (for merges back). */
  base: Map<string, string>;
}

export interface TagRecord {
  name: string;
  ref: CommitRef;
  /** ISO-8601; the tagger date. */
  date: string;
}

export interface CommitRecord {
  ref: CommitRef;
  branch: string;
  subject: string;
  date: string;
  author: Person;
}

/**
 * An in-memory repository history written as one `git fast-import` stream:
 * a single git process builds every commit, merge and annotated tag, which
 * keeps the demo fast. Edits are checked (a replacement that matches nothing
 * throws), so the scenario code can't silently drift from its files.
 */
export class History {
  private readonly chunks: string[] = [];
  private readonly branches = new Map<string, Branch>();
  private readonly staged = new Map<string, string | null>();
  private readonly trees = new Map<CommitRef, Map<string, string>>();
  private current: string;
  private nextMark = 1;
  readonly tags: TagRecord[] = [];
  readonly commits: CommitRecord[] = [];

  constructor(readonly mainBranch = 'main') {
    this.current = mainBranch;
    this.branches.set(mainBranch, { tip: null, tree: new Map(), base: new Map() });
  }

  get branch(): string {
    return this.current;
  }

  /** The file as the next commit on the current branch would see it. */
  read(path: string): string {
    const staged = this.staged.get(path);
    if (staged !== undefined) {
      if (staged === null) throw new Error(`history: ${path} is staged for removal`);
      return staged;
    }
    const text = this.cur().tree.get(path);
    if (text === undefined) throw new Error(`history: no file ${path} on ${this.current}`);
    return text;
  }

  exists(path: string): boolean {
    const staged = this.staged.get(path);
    if (staged !== undefined) return staged !== null;
    return this.cur().tree.has(path);
  }

  write(path: string, content: string): this {
    this.staged.set(path, content);
    return this;
  }

  /** Replaces exactly one occurrence of `from` in `path`. */
  edit(path: string, from: string, to: string): this {
    const text = this.read(path);
    const at = text.indexOf(from);
    if (at < 0) throw new Error(`history: ${path} does not contain ${JSON.stringify(from.slice(0, 60))}`);
    if (text.indexOf(from, at + 1) >= 0) throw new Error(`history: ${path} contains ${JSON.stringify(from.slice(0, 60))} twice`);
    return this.write(path, text.slice(0, at) + to + text.slice(at + from.length));
  }

  remove(path: string): this {
    if (!this.exists(path)) throw new Error(`history: cannot remove missing ${path}`);
    this.staged.set(path, null);
    return this;
  }

  commit(message: string, author: Person, date: string): CommitRef {
    if (this.staged.size === 0) throw new Error(`history: nothing staged for "${message.split('\n')[0]}"`);
    const b = this.cur();
    const ref = this.nextMark++;
    const lines = [...this.header(ref, author, date, message)];
    if (b.tip !== null) lines.push(`from :${b.tip}`);
    this.chunks.push(lines.join('\n') + '\n' + this.applyStaged(b.tree));
    b.tip = ref;
    this.record(ref, message, author, date);
    return ref;
  }

  /** Starts `name` at the current branch's tip and switches to it. */
  startBranch(name: string): this {
    const from = this.cur();
    if (this.staged.size) throw new Error('history: uncommitted changes');
    this.branches.set(name, { tip: from.tip, tree: new Map(from.tree), base: new Map(from.tree) });
    this.current = name;
    return this;
  }

  switchTo(name: string): this {
    if (this.staged.size) throw new Error('history: uncommitted changes');
    if (!this.branches.has(name)) throw new Error(`history: no branch ${name}`);
    this.current = name;
    return this;
  }

  /** A --no-ff merge of `name` into the current branch (paths changed on both sides are refused). */
  merge(name: string, message: string, author: Person, date: string): CommitRef {
    const into = this.cur();
    const other = this.branches.get(name);
    if (!other || other.tip === null || into.tip === null) throw new Error(`history: cannot merge ${name}`);
    const paths = new Set([...other.tree.keys(), ...other.base.keys()]);
    for (const p of paths) {
      const theirs = other.tree.get(p);
      if (theirs === other.base.get(p)) continue;
      if (into.tree.get(p) !== other.base.get(p)) throw new Error(`history: ${p} changed on both sides of ${name}`);
      this.staged.set(p, theirs ?? null);
    }
    const ref = this.nextMark++;
    const lines = [...this.header(ref, author, date, message), `from :${into.tip}`, `merge :${other.tip}`];
    this.chunks.push(lines.join('\n') + '\n' + this.applyStaged(into.tree));
    into.tip = ref;
    this.record(ref, message, author, date);
    return ref;
  }

  /** An annotated tag on `ref` (default: the current tip) dated `date`. */
  tag(name: string, date: string, message: string, tagger: Person, ref?: CommitRef): CommitRef {
    const target = ref ?? this.cur().tip;
    if (target === null) throw new Error('history: nothing to tag');
    const body = message.endsWith('\n') ? message : message + '\n';
    this.chunks.push(
      [`tag ${name}`, `from :${target}`, `tagger ${tagger.name} <${tagger.email}> ${unix(date)} ${tagger.tz}`, data(body)].join('\n'),
    );
    this.tags.push({ name, ref: target, date });
    return target;
  }

  tip(branch = this.current): CommitRef {
    const t = this.branches.get(branch)?.tip;
    if (t === undefined || t === null) throw new Error(`history: ${branch} has no commits`);
    return t;
  }

  /** A file as it was in commit `ref`. */
  fileAt(ref: CommitRef, path: string): string {
    const text = this.trees.get(ref)?.get(path);
    if (text === undefined) throw new Error(`history: no ${path} at :${ref}`);
    return text;
  }

  /** The whole fast-import stream. */
  stream(): string {
    return this.chunks.join('\n') + '\ndone\n';
  }

  private cur(): Branch {
    const b = this.branches.get(this.current);
    if (!b) throw new Error(`history: no branch ${this.current}`);
    return b;
  }

  private header(ref: CommitRef, who: Person, date: string, message: string): string[] {
    const ident = `${who.name} <${who.email}> ${unix(date)} ${who.tz}`;
    const msg = message.endsWith('\n') ? message : message + '\n';
    return [`commit refs/heads/${this.current}`, `mark :${ref}`, `author ${ident}`, `committer ${ident}`, data(msg)];
  }

  private applyStaged(tree: Map<string, string>): string {
    let out = '';
    for (const [path, content] of [...this.staged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (content === null) {
        tree.delete(path);
        out += `D ${path}\n`;
      } else {
        tree.set(path, content);
        out += `M ${path.endsWith('.sh') ? '100755' : '100644'} inline ${path}\n${data(content)}\n`;
      }
    }
    this.staged.clear();
    return out;
  }

  private record(ref: CommitRef, message: string, author: Person, date: string): void {
    this.trees.set(ref, new Map(this.cur().tree));
    this.commits.push({ ref, branch: this.current, subject: message.split('\n')[0], date, author });
  }
}

function data(text: string): string {
  return `data ${Buffer.byteLength(text, 'utf8')}\n${text}`;
}

function unix(iso: string): number {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) throw new Error(`history: bad date ${iso}`);
  return Math.floor(t / 1000);
}
