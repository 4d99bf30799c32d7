import type { Detector, DetectorInput, Finding, Language } from '../model';
import { isTestPath } from '../signals/pathKinds';
import { countMatches, finding, newLineForOld, prepare, shorten, type Prepared } from './diffView';

export const TIMEOUT_REMOVED = 'TIMEOUT_REMOVED';

interface Guard {
  /** Matches one occurrence of the guard on a masked code line. */
  re: RegExp;
  what: string;
  langs: Language[] | 'all';
  confidence: number;
}

const ALL: Language[] | 'all' = 'all';

/** Timeouts, deadlines and cancellation guards. `timeout=None`/`Timeout: 0` do not count as guards. */
const GUARDS: Guard[] = [
  { re: /\bcontext\s*\.\s*(WithTimeout|WithDeadline|WithTimeoutCause|WithDeadlineCause)\s*\(/g, what: 'context deadline (context.WithTimeout/WithDeadline)', langs: ['go'], confidence: 0.65 },
  { re: /\b(Timeout|ReadTimeout|WriteTimeout|ReadHeaderTimeout|IdleTimeout|DialTimeout|TLSHandshakeTimeout|ResponseHeaderTimeout|ExpectContinueTimeout)\s*:(?!\s*0\s*[,}\n]|\s*0$)/g, what: 'client/server Timeout field', langs: ['go'], confidence: 0.6 },
  { re: /\.\s*(SetDeadline|SetReadDeadline|SetWriteDeadline)\s*\(/g, what: 'connection deadline', langs: ['go'], confidence: 0.6 },
  { re: /\bhttp\s*\.\s*TimeoutHandler\s*\(/g, what: 'http.TimeoutHandler', langs: ['go'], confidence: 0.6 },
  { re: /\btimeout\s*=(?!\s*None\b|\s*0\s*[,)])/g, what: 'timeout= argument', langs: ['python'], confidence: 0.6 },
  { re: /\basyncio\s*\.\s*wait_for\s*\(|\b(asyncio|async_timeout)\s*\.\s*timeout\s*\(|\.\s*settimeout\s*\(\s*(?!None)|\bsignal\s*\.\s*alarm\s*\(/g, what: 'asyncio/socket timeout', langs: ['python'], confidence: 0.6 },
  { re: /\bAbortSignal\s*\.\s*timeout\s*\(/g, what: 'AbortSignal.timeout', langs: ['typescript', 'javascript'], confidence: 0.6 },
  { re: /\bnew\s+AbortController\s*\(/g, what: 'AbortController cancellation', langs: ['typescript', 'javascript'], confidence: 0.5 },
  { re: /\b(timeout|timeoutMs|requestTimeout|connectTimeout|socketTimeout|idleTimeout|statement_timeout|query_timeout|connectionTimeoutMillis|idleTimeoutMillis|acquireTimeoutMillis)\s*\??\s*:(?!\s*(0\s*[,}\n]|0$|undefined|null|Infinity|number\b|string\b|boolean\b|any\b|unknown\b|Duration\b))/g, what: 'timeout option', langs: ['typescript', 'javascript'], confidence: 0.55 },
  { re: /\bsetTimeout\s*\([^;]*\b(reject|abort|cancel|destroy|kill|TimeoutError)\b/g, what: 'setTimeout guard', langs: ['typescript', 'javascript'], confidence: 0.55 },
  { re: /(?<!AbortSignal\s*)\.\s*(timeout|connectTimeout|readTimeout|writeTimeout|callTimeout|responseTimeout|setConnectTimeout|setReadTimeout|setWriteTimeout|setSocketTimeout|setConnectionRequestTimeout|setConnectionTimeout|setQueryTimeout|setTimeout|orTimeout|completeOnTimeout|withTimeout|setDefaultTimeout)\s*\(/g, what: 'timeout setting', langs: ['java', 'typescript', 'javascript'], confidence: 0.6 },
  { re: /\.\s*get\s*\(\s*[\w.]+\s*,\s*(java\.util\.concurrent\.)?TimeUnit\s*\./g, what: 'bounded Future.get', langs: ['java'], confidence: 0.6 },
  { re: /@Timeout\b|@Transactional\s*\([^)]*\btimeout\s*=|@TimeLimiter\b/g, what: 'timeout annotation', langs: ['java'], confidence: 0.5 },
];

/** What a removed guard was replaced with that makes it unbounded. */
const UNBOUNDED_REPLACEMENT = /\bcontext\s*\.\s*(Background|TODO)\s*\(\s*\)|\bhttp\s*\.\s*DefaultClient\b|&http\s*\.\s*Client\s*\{\s*\}|\btimeout\s*=\s*None\b|\btimeout\s*:\s*0\b|\.get\s*\(\s*\)/;

function applies(g: Guard, lang: Language): boolean {
  return g.langs === 'all' || g.langs.includes(lang);
}

function lineOf(p: Prepared, old: number): string {
  return p.before?.code[old] ?? p.changes.removed.get(old) ?? '';
}

function detect(input: DetectorInput): Finding[] {
  const p = prepare(input);
  const a = p.after;
  const b = p.before;
  if (!a || !b || isTestPath(p.path) || p.changes.removed.size === 0) return [];
  const out: Finding[] = [];
  const removed = [...p.changes.removed.keys()].sort((x, y) => x - y);
  for (const g of GUARDS) {
    if (!applies(g, a.language)) continue;
    const first = removed.find((n) => { g.re.lastIndex = 0; return g.re.test(lineOf(p, n)); });
    if (first === undefined) continue;
    if (countMatches(a.codeText, g.re) >= countMatches(b.codeText, g.re)) continue;
    const line = newLineForOld(input.file, first);
    // The replacement: added lines of the same change that now run unguarded.
    const near = [...p.changes.added.keys()].filter((n) => Math.abs(n - line) <= 3).map((n) => a.code[n] ?? '');
    const replaced = near.find((t) => UNBOUNDED_REPLACEMENT.test(t));
    const wasText = shorten(p.before!.raw[first] ?? '', 70);
    const msg = replaced
      ? `${g.what} removed: \`${wasText}\` replaced by \`${shorten(replaced, 60)}\`, which never times out`
      : `${g.what} removed (\`${wasText}\`); the operation can now wait indefinitely`;
    out.push(finding(p, TIMEOUT_REMOVED, line, msg, g.confidence + (replaced ? 0.15 : 0)));
  }
  return out;
}

export const timeoutRemoved: Detector = {
  id: TIMEOUT_REMOVED,
  description: 'A timeout, deadline or cancellation guard removed (context.WithTimeout, timeout= kwargs, AbortSignal, client Timeout fields, setReadTimeout…).',
  detect,
};
