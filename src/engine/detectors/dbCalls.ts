import { findDbCall, SQL_READ, SQL_WRITE, type DbCall } from './dbPatterns';
import type { SourceModel } from './sourceModel';

const constants = new WeakMap<SourceModel, Map<string, 'write' | 'read'>>();

/** `UPSERT = """INSERT …"""`, `const q = \`UPDATE …\``, `static final String SQL = "DELETE …";` */
const STRING_CONST = /^\s*(?:(?:export|const|let|var|final|static|private|public|protected|readonly)\s+)*(?:[\w<>[\]]+\s+)?([A-Za-z_][\w]*)\s*(?::\s*[\w.[\]| ]+)?\s*:?=\s*[rRbBuU]{0,2}["'`]/;

/** SQL held in named string constants of the file: name → whether it writes. */
export function sqlConstants(m: SourceModel): Map<string, 'write' | 'read'> {
  const hit = constants.get(m);
  if (hit) return hit;
  const out = new Map<string, 'write' | 'read'>();
  for (let n = 1; n <= m.lineCount; n++) {
    const c = STRING_CONST.exec(m.code[n]);
    if (!c) continue;
    let text = m.keep[n];
    // A multi-line string continues over lines whose code view is blank.
    for (let k = n + 1; k <= Math.min(m.lineCount, n + 40); k++) {
      text += '\n' + m.keep[k];
      if (m.code[k].trim() !== '') break;
    }
    if (SQL_WRITE.test(text)) out.set(c[1], 'write');
    else if (SQL_READ.test(text)) out.set(c[1], 'read');
  }
  constants.set(m, out);
  return out;
}

/**
 * The database call on line n of a file, with its SQL resolved through the
 * file's string constants: `conn.execute(UPSERT_OBSERVATION, …)` writes when
 * UPSERT_OBSERVATION holds an INSERT.
 */
export function dbCallAt(m: SourceModel, n: number): DbCall | undefined {
  const code = m.code[n] ?? '';
  const keep = m.keep[n] ?? '';
  const call = findDbCall(code, keep);
  if (!call || SQL_WRITE.test(keep) || SQL_READ.test(keep)) return call;
  const arg = /\(\s*(?:(?:self|this|cls|[A-Z][\w$]*)\s*\.\s*)?([A-Za-z_$][\w$]*)\s*[,)]/.exec(code.slice(call.col));
  const kind = arg ? sqlConstants(m).get(arg[1]) : undefined;
  if (kind) return { ...call, write: kind === 'write' };
  return call;
}

/** What identifies one query across versions: its SQL text, else the called method and arguments. */
export function querySignature(code: string, keep: string, name: string): string {
  const sql = /["'`]([^"'`]*\b(SELECT|INSERT|UPDATE|DELETE|UPSERT|MERGE)\b[^"'`]*)["'`]/i.exec(keep);
  if (sql) return sql[1].replace(/\s+/g, ' ').trim().toLowerCase();
  return name.replace(/^.*\./, '') + '|' + code.replace(/^.*?\.\s*[A-Za-z_$][\w$]*\s*\(/, '').replace(/\s+/g, '').slice(0, 40);
}
