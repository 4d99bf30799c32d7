export interface PathMapperOptions {
  /** Repository folders to prefer when a suffix matches equally well in several places (e.g. the service's scope). */
  preferPrefixes?: string[];
}

export interface MapHint {
  /** A Java frame's package (`a.b`), making `C.java` the suffix `a/b/C.java`. */
  javaPackage?: string;
}

interface Entry {
  path: string;
  parts: string[];
}

/** Unmatched leading parts that mean "a library, not this repository". */
const LIBRARY_ROOT = /(^|\/)(node_modules|site-packages|dist-packages|pkg\/mod|go\/src|golang\/src|jdk[^/]*|jre|lib\/python[^/]*|usr\/include)(\/|$)/;

/**
 * Maps a path as a log wrote it (absolute in a container, relative, Windows,
 * a bare file name) onto a repository file by the longest match of whole
 * trailing path components. Ties that `preferPrefixes` cannot break map to
 * nothing: a wrong file is worse than none.
 */
export class PathMapper {
  private readonly byBase = new Map<string, Entry[]>();
  private readonly prefer: string[];
  private readonly cache = new Map<string, string | undefined>();

  constructor(repoFiles: string[], opts: PathMapperOptions = {}) {
    for (const f of repoFiles) {
      const parts = normalize(f);
      if (!parts.length) continue;
      const base = parts[parts.length - 1];
      let list = this.byBase.get(base);
      if (!list) this.byBase.set(base, (list = []));
      list.push({ path: parts.join('/'), parts });
    }
    this.prefer = (opts.preferPrefixes ?? []).map((p) => normalize(p).join('/')).filter(Boolean);
  }

  map(rawPath: string, hint?: MapHint): string | undefined {
    const key = hint?.javaPackage ? `${rawPath}\0${hint.javaPackage}` : rawPath;
    if (this.cache.has(key)) return this.cache.get(key);
    const result = this.resolve(rawPath, hint);
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(key, result);
    return result;
  }

  private resolve(rawPath: string, hint?: MapHint): string | undefined {
    let parts = normalize(rawPath);
    if (!parts.length) return undefined;
    const pkg = hint?.javaPackage?.replace(/^.*\//, '');
    if (pkg && parts.length === 1) parts = [...pkg.split('.').filter(Boolean), parts[0]];
    const candidates = this.byBase.get(parts[parts.length - 1]);
    if (!candidates) return undefined;

    let best = 0;
    let tied: Entry[] = [];
    for (const c of candidates) {
      const n = matchingTail(parts, c.parts);
      if (!acceptable(parts, c.parts, n, !!pkg)) continue;
      if (n > best) {
        best = n;
        tied = [c];
      } else if (n === best) tied.push(c);
    }
    if (tied.length === 1) return tied[0].path;
    if (tied.length > 1 && this.prefer.length) {
      const preferred = tied.filter((c) => this.prefer.some((p) => c.path === p || c.path.startsWith(`${p}/`)));
      if (preferred.length === 1) return preferred[0].path;
    }
    return undefined;
  }
}

function matchingTail(a: string[], b: string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/**
 * A match is fine when one side is used up (`/app/<repo path>` or a relative
 * suffix). When both still have differing folders left, it is accepted
 * unless the log's side is a library location or a Java package that does
 * not match in full.
 */
function acceptable(raw: string[], repo: string[], n: number, javaPackage: boolean): boolean {
  if (n === 0) return false;
  if (n === raw.length || n === repo.length) return true;
  if (javaPackage) return false;
  return !LIBRARY_ROOT.test(raw.slice(0, raw.length - n).join('/'));
}

/** Path components: `file://`, `webpack:///`, drive letters, backslashes, `.`/`..` resolved. */
export function normalize(p: string): string[] {
  let s = p.trim().replace(/\\/g, '/');
  s = s.replace(/^(?:file|webpack(?:-internal)?):\/\/\/?(?:[^/]*:\/)?/, '/');
  s = s.replace(/[?#].*$/, '').replace(/^[A-Za-z]:\//, '/');
  const out: string[] = [];
  for (const part of s.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out;
}
