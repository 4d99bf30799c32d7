import type { Detector, DetectorInput, Finding, Language } from '../model';
import { isTestPath } from '../signals/pathKinds';
import { finding, prepare } from './diffView';
import { requestContext } from './requestPath';
import { blockChain } from './sourceModel';

export const BLOCKING_IO_IN_REQUEST_PATH = 'BLOCKING_IO_IN_REQUEST_PATH';

interface Blocker {
  re: RegExp;
  what: string;
  langs: Language[];
  /** Confidence in a recognised handler; halved-ish when only the path says "handler". */
  confidence: number;
  /** Only matters on an event loop (async def, Node, reactive Java). */
  eventLoopOnly?: boolean;
  /** Skip when the same call passes a timeout (requests.get(…, timeout=5)). */
  unlessTimeout?: boolean;
}

const BLOCKERS: Blocker[] = [
  { re: /\btime\s*\.\s*Sleep\s*\(/, what: 'time.Sleep', langs: ['go'], confidence: 0.55 },
  { re: /\b(os|ioutil)\s*\.\s*(ReadFile|ReadDir)\s*\(/, what: 'file I/O on every request', langs: ['go'], confidence: 0.35 },
  { re: /\bhttp\s*\.\s*(Get|Post|Head|PostForm)\s*\(|\bhttp\s*\.\s*DefaultClient\s*\.\s*Do\s*\(/, what: 'an HTTP call on http.DefaultClient (no timeout)', langs: ['go'], confidence: 0.4 },
  { re: /\b(readFileSync|writeFileSync|appendFileSync|readdirSync|copyFileSync|execSync|execFileSync|spawnSync|pbkdf2Sync|scryptSync|gzipSync|gunzipSync|deflateSync|inflateSync|brotliCompressSync|brotliDecompressSync)\s*\(/, what: 'synchronous I/O', langs: ['typescript', 'javascript'], confidence: 0.6 },
  { re: /\b(existsSync|statSync|lstatSync|accessSync)\s*\(/, what: 'a synchronous file-system call', langs: ['typescript', 'javascript'], confidence: 0.35 },
  { re: /\bAtomics\s*\.\s*wait\s*\(|\.open\s*\([^)]*,\s*false\s*\)/, what: 'a blocking wait', langs: ['typescript', 'javascript'], confidence: 0.6 },
  { re: /\btime\s*\.\s*sleep\s*\(/, what: 'time.sleep', langs: ['python'], confidence: 0.5 },
  { re: /\brequests\s*\.\s*(get|post|put|patch|delete|head|request)\s*\(|\burllib\s*\.\s*request\s*\.\s*urlopen\s*\(|(^|[^.\w])urlopen\s*\(/, what: 'a synchronous HTTP call', langs: ['python'], confidence: 0.45, unlessTimeout: true },
  { re: /(^|[^.\w])open\s*\([^)]*\)\s*(as\b|\.\s*read)|\.\s*read_(text|bytes)\s*\(/, what: 'blocking file I/O', langs: ['python'], confidence: 0.3, eventLoopOnly: true },
  { re: /\bsubprocess\s*\.\s*(run|call|check_call|check_output)\s*\(/, what: 'a blocking subprocess', langs: ['python'], confidence: 0.5, eventLoopOnly: true },
  { re: /\bThread\s*\.\s*sleep\s*\(|\bTimeUnit\s*\.\s*\w+\s*\.\s*sleep\s*\(/, what: 'Thread.sleep', langs: ['java'], confidence: 0.55 },
  { re: /\bFiles\s*\.\s*(readAllBytes|readAllLines|readString|lines|newBufferedReader|newInputStream)\s*\(|\bnew\s+(FileInputStream|FileReader|RandomAccessFile)\s*\(/, what: 'file I/O on every request', langs: ['java'], confidence: 0.35 },
  { re: /\.\s*block\s*\(\s*\)|\.\s*blockFirst\s*\(|\.\s*blockLast\s*\(/, what: 'a blocking .block() on a reactive pipeline', langs: ['java'], confidence: 0.6, eventLoopOnly: true },
  { re: /\.\s*(getForObject|getForEntity|postForObject|postForEntity|exchange)\s*\(|\bHttpURLConnection\b|\.\s*openConnection\s*\(/, what: 'a synchronous HTTP call', langs: ['java'], confidence: 0.4, eventLoopOnly: true },
];

const RETRY_LOOP = /\b(attempt|attempts|retry|retries|tries|backoff)\b/i;

function detect(input: DetectorInput): Finding[] {
  const p = prepare(input);
  const m = p.after;
  if (!m || m.language === 'other' || isTestPath(p.path) || p.changes.added.size === 0) return [];
  const out: Finding[] = [];
  for (const line of [...p.changes.added.keys()].sort((a, b) => a - b)) {
    const code = m.code[line];
    if (!code) continue;
    for (const b of BLOCKERS) {
      if (!b.langs.includes(m.language) || !b.re.test(code)) continue;
      // Awaited or offloaded calls do not block the loop: `await asyncio.to_thread(...)`, `run_in_executor`.
      if (/\b(to_thread|run_in_executor|run_sync|sync_to_async)\b/.test(code)) continue;
      const ctx = requestContext(m, line, p.path);
      if (!ctx) continue;
      if (b.eventLoopOnly && !ctx.eventLoop) continue;
      if (b.unlessTimeout && !ctx.eventLoop && /\btimeout\s*=\s*(?!None)/.test(code)) continue;
      let confidence = b.confidence;
      if (ctx.eventLoop && m.language === 'python') confidence += 0.25;
      if (ctx.byPathOnly) confidence *= 0.7;
      if (blockChain(m, line).some((x) => x.loop && RETRY_LOOP.test(x.header))) confidence *= 0.7;
      const loop = ctx.eventLoop ? (m.language === 'python' ? 'blocks the event loop' : m.language === 'java' ? 'blocks a reactive worker thread' : 'blocks the Node event loop') : 'holds the request';
      out.push(finding(p, BLOCKING_IO_IN_REQUEST_PATH, line, `${b.what} added in a request path (${ctx.how}); it ${loop} while it waits`, confidence));
      break;
    }
  }
  return out;
}

export const blockingIoInRequestPath: Detector = {
  id: BLOCKING_IO_IN_REQUEST_PATH,
  description: 'Blocking I/O or sleeps added inside a request handler (time.Sleep, readFileSync/execSync, requests in async def, Thread.sleep, .block()).',
  detect,
};
