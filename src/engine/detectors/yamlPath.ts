/**
 * The keys enclosing line n of a YAML file, outermost first: for
 * `db:\n  pool:\n    max: 10` line 3 gives ['db', 'pool']. `lines` is
 * 1-based (index 0 unused). Looks back at most 400 lines.
 */
export function yamlParents(lines: string[], n: number): string[] {
  const indent = (s: string): number => s.length - s.trimStart().length;
  const out: string[] = [];
  let own = indent(lines[n] ?? '');
  for (let k = n - 1; k >= 1 && n - k < 400 && own > 0; k--) {
    const t = lines[k] ?? '';
    if (t.trim() === '' || t.trim().startsWith('#')) continue;
    const i = indent(t);
    if (i < own) {
      const key = /^\s*-?\s*([\w.-]+)\s*:\s*(#.*)?$/.exec(t);
      if (key) out.unshift(key[1]);
      own = i;
    }
  }
  return out;
}
