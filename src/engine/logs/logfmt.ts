/**
 * logfmt tokenizer: `key=value key="quoted \"value\"" bare`. Returns
 * undefined unless the whole line is made of such pairs, so prose containing
 * one `a=b` is never taken for logfmt.
 */
export function parseLogfmt(line: string): Map<string, string> | undefined {
  const out = new Map<string, string>();
  const n = line.length;
  let i = 0;
  let pairs = 0;
  while (i < n) {
    while (i < n && (line[i] === ' ' || line[i] === '\t')) i++;
    if (i >= n) break;
    const keyStart = i;
    while (i < n && isKeyChar(line.charCodeAt(i))) i++;
    if (i === keyStart) return undefined;
    const key = line.slice(keyStart, i);
    if (i >= n || line[i] === ' ' || line[i] === '\t') {
      if (!out.has(key)) out.set(key, 'true');
      continue;
    }
    if (line[i] !== '=') return undefined;
    i++;
    let value: string;
    if (line[i] === '"') {
      const r = readQuoted(line, i + 1);
      if (!r) return undefined;
      value = r.value;
      i = r.end;
      if (i < n && line[i] !== ' ' && line[i] !== '\t') return undefined;
    } else {
      const start = i;
      while (i < n && line[i] !== ' ' && line[i] !== '\t') i++;
      value = line.slice(start, i);
    }
    pairs++;
    if (!out.has(key)) out.set(key, value);
  }
  return pairs > 0 ? out : undefined;
}

function isKeyChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ||
    c === 95 /* _ */ || c === 46 /* . */ || c === 45 /* - */ || c === 64 /* @ */ || c === 47 /* / */
  );
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f' };

function readQuoted(line: string, from: number): { value: string; end: number } | undefined {
  let out = '';
  let i = from;
  let chunk = i;
  while (i < line.length) {
    const ch = line[i];
    if (ch === '"') return { value: out + line.slice(chunk, i), end: i + 1 };
    if (ch === '\\' && i + 1 < line.length) {
      out += line.slice(chunk, i);
      const e = line[i + 1];
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(line.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(line.slice(i + 2, i + 6), 16));
        i += 6;
      } else {
        out += ESCAPES[e] ?? e;
        i += 2;
      }
      chunk = i;
      continue;
    }
    i++;
  }
  return undefined;
}
