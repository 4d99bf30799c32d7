import { isLockPath } from './pathKinds';

/** A dependency named with its version on one manifest line. */
export interface DepEntry {
  name: string;
  version: string;
}

const JS_DEP_SECTION = /"(dependencies|devDependencies|peerDependencies|optionalDependencies|bundledDependencies|resolutions|overrides)"\s*:\s*\{/;

/** The line that opens the JSON object holding line n (by brace counting upwards). */
function enclosingJsonKey(lines: string[], n: number): string {
  let depth = 0;
  for (let k = n - 1; k >= 1 && n - k < 2000; k--) {
    const t = lines[k] ?? '';
    for (let i = t.length - 1; i >= 0; i--) {
      if (t[i] === '}') depth++;
      else if (t[i] === '{' && --depth < 0) return t;
    }
  }
  return '';
}

function inPyDependencies(lines: string[], n: number): boolean {
  for (let k = n; k >= 1 && n - k < 500; k--) {
    const t = (lines[k] ?? '').trim();
    if (/^\[.*\]$/.test(t)) return /dependencies|requires|packages/i.test(t);
    if (k < n && /^\]/.test(t)) return false;
    if (/\b(dependencies|requires|install_requires|extras_require)\s*=\s*[[{]/.test(t)) return true;
  }
  return false;
}

/**
 * The dependency a manifest line declares: an entry when name and version
 * are on the line, 'dep' when the line belongs to the dependency list without
 * both, undefined when it is not about dependencies (scripts, metadata).
 * `lines` is the file (1-based, index 0 unused) and `n` the line's number.
 */
export function parseDepLine(path: string, raw: string, lines: string[] | undefined, n: number): DepEntry | 'dep' | undefined {
  const t = raw.trim();
  if (t === '') return undefined;
  if (isLockPath(path)) {
    const sum = /^(\S+)\s+(v[^\s/]+)(\/go\.mod)?\s+h1:/.exec(t);
    return sum ? { name: sum[1], version: sum[2] } : 'dep';
  }
  const file = path.split('/').pop()!;
  if (file === 'go.mod' || file === 'go.work') {
    const m = /^(?:require\s+)?([\w.~-]+(?:\/[\w.~+-]+)+|[\w.-]+\.[a-z]{2,}\/\S+)\s+(v[\w.+-]+)/.exec(t);
    if (m) return { name: m[1], version: m[2] };
    return /^(require|replace|exclude|go|toolchain|\)|module)\b/.test(t) || /=>/.test(t) ? 'dep' : undefined;
  }
  if (file === 'package.json') {
    const m = /^"(@?[^"]+)"\s*:\s*"([^"]*)"/.exec(t);
    if (!lines) return m && /^[~^<>=*\d]|^(latest|next|workspace:|file:|git|npm:|https?:)/.test(m[2]) && !/^(version|name)$/.test(m[1]) ? { name: m[1], version: m[2] } : undefined;
    const key = enclosingJsonKey(lines, n);
    if (!JS_DEP_SECTION.test(key)) return JS_DEP_SECTION.test(t) ? 'dep' : undefined;
    return m ? { name: m[1], version: m[2] } : 'dep';
  }
  if (/^(requirements[^/]*\.(txt|in)|constraints[^/]*\.txt)$/.test(file)) {
    if (t.startsWith('#')) return undefined;
    const m = /^([A-Za-z0-9_.[\],-]+)\s*(===|==|>=|<=|~=|!=|>|<)\s*([^\s;#,]+)/.exec(t);
    return m ? { name: m[1].toLowerCase(), version: `${m[2]}${m[3]}` } : 'dep';
  }
  if (file === 'pyproject.toml' || file === 'Pipfile' || file === 'setup.py' || file === 'setup.cfg') {
    if (lines && !inPyDependencies(lines, n) && file !== 'setup.cfg') return undefined;
    const pep = /^["']?([A-Za-z0-9_.[\]-]+)\s*(===|==|>=|<=|~=|!=|>|<)\s*([^\s"',;]+)/.exec(t);
    if (pep) return { name: pep[1].toLowerCase(), version: `${pep[2]}${pep[3]}` };
    const poetry = /^([A-Za-z0-9_.-]+)\s*=\s*(?:\{[^}]*version\s*=\s*)?["']([~^<>=!*]*\s*[\d*][^"']*)["']/.exec(t);
    if (poetry) return { name: poetry[1].toLowerCase(), version: poetry[2] };
    return 'dep';
  }
  if (file === 'pom.xml') {
    const v = /<version>\s*([^<]+?)\s*<\/version>/.exec(t);
    if (v) {
      let artifact = '';
      for (let k = n - 1; lines && k >= 1 && n - k <= 6; k--) {
        const a = /<artifactId>\s*([^<]+?)\s*<\/artifactId>/.exec(lines[k] ?? '');
        if (a) { artifact = a[1]; break; }
      }
      return artifact ? { name: artifact, version: v[1] } : 'dep';
    }
    return /<\/?(dependency|dependencies|artifactId|groupId|scope|plugin|parent|exclusion)\b|\.version>/.test(t) ? 'dep' : undefined;
  }
  if (/^build\.gradle(\.kts)?$|^libs\.versions\.toml$/.test(file)) {
    const g = /\b(implementation|api|compile|runtimeOnly|testImplementation|testRuntimeOnly|compileOnly|classpath|annotationProcessor|kapt)\s*\(?\s*["']([\w.-]+:[\w.-]+):([^"']+)["']/.exec(t);
    if (g) return { name: g[2], version: g[3] };
    const plugin = /\bid\s*\(?\s*["']([\w.-]+)["']\s*\)?\s*version\s*["']([^"']+)["']/.exec(t);
    if (plugin) return { name: plugin[1], version: plugin[2] };
    const toml = /^([\w.-]+)\s*=\s*["'](\d[^"']*)["']/.exec(t);
    if (toml) return { name: toml[1], version: toml[2] };
    return /\b(implementation|api|compile|runtimeOnly|testImplementation|compileOnly|classpath|dependencies|platform|version)\b/.test(t) ? 'dep' : undefined;
  }
  return 'dep';
}

/** `a v1 → v2`, `+b v3`, `−c v0` from the entries a change removed and added. */
export function describeBumps(removed: DepEntry[], added: DepEntry[]): string[] {
  const before = new Map(removed.map((e) => [e.name, e.version]));
  const after = new Map(added.map((e) => [e.name, e.version]));
  const out: string[] = [];
  for (const [name, v] of after) {
    const old = before.get(name);
    if (old === undefined) out.push(`+${name} ${v}`);
    else if (old !== v) out.push(`${name} ${old} → ${v}`);
  }
  for (const [name, v] of before) if (!after.has(name)) out.push(`−${name} ${v}`);
  return out;
}
