import type { Detector, DetectorInput, Finding, Hunk } from '../model';
import { isDocsPath, isLockPath, isTestPath } from '../signals/pathKinds';
import { finding, prepare, type Prepared } from './diffView';
import { maskSource } from './lexer';
import { yamlParents } from './yamlPath';
import type { SourceModel } from './sourceModel';
import { leadingValue, ratioText, type Value } from './valueExpr';

export const CONFIG_VALUE_CHANGED = 'CONFIG_VALUE_CHANGED';

/** Words of pool, timeout, retry, limit, size and concurrency settings. */
const CONFIG_WORD = new Set([
  'pool', 'conn', 'conns', 'connection', 'connections', 'timeout', 'timeouts', 'deadline', 'retry', 'retries', 'attempt', 'attempts',
  'limit', 'limits', 'max', 'min', 'maximum', 'minimum', 'size', 'concurrency', 'concurrent', 'worker', 'workers', 'thread', 'threads',
  'parallel', 'parallelism', 'capacity', 'queue', 'batch', 'buffer', 'idle', 'lifetime', 'ttl', 'backoff', 'interval', 'rate', 'burst',
  'replica', 'replicas', 'keepalive', 'throttle', 'expiry', 'expire', 'expires', 'expiration', 'delay', 'wait', 'grace', 'prefetch',
  'chunk', 'inflight', 'semaphore', 'permits', 'lease', 'rps', 'qps', 'sleep', 'poll', 'ms', 'secs', 'seconds', 'millis',
]);
/** Words that make a number something else even beside max/min/size. */
const NOT_CONFIG_WORD = new Set([
  'port', 'version', 'width', 'height', 'length', 'len', 'line', 'lines', 'column', 'columns', 'cols', 'zoom', 'font', 'margin', 'padding',
  'opacity', 'year', 'month', 'precision', 'scale', 'decimal', 'decimals', 'digits', 'depth', 'indent', 'tab', 'complexity',
  'statements', 'params', 'nesting', 'id', 'index', 'offset', 'print', 'zindex', 'x', 'y', 'z',
]);

function words(name: string): string[] {
  return (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map((w) => w.toLowerCase());
}

interface Item { key: string; display: string; value: Value; line: number }

const CALL = /\b([A-Za-z_$][\w$]*)\s*\(/g;
const ASSIGN = /(["']?)([A-Za-z_$][\w$.-]*)\1\s*(:=|=(?!=)|:(?!:))\s*/g;
const XML = /<([\w.-]+)>\s*([^<]{1,40})<\/\1>/g;
/** A named setting read with a default: `env("DB_MAX_OPEN_CONNS", "50")`, `os.environ.get("X", 5)`, `getOrDefault("x", 5)`. */
const KEYED_DEFAULT = /[\w$.]\s*\(\s*["'`]([A-Za-z_][\w.-]*)["'`]\s*,\s*/g;
/** A fallback default: `env.DB_POOL ?? 50`, `process.env.X || 5`, `os.getenv("X") or 5`. */
const FALLBACK = /(?:\b([A-Za-z_][\w]*)|["'`]([A-Za-z_][\w.-]*)["'`]\s*\))\s*(?:\?\?|\|\||\bor\b)\s*/g;

function acceptName(bare: string): boolean {
  const ws = words(bare);
  // Unit words alone (`ms`, `seconds`) do not make a setting.
  if (!ws.some((w) => CONFIG_WORD.has(w) && !/^(ms|secs|seconds|millis)$/.test(w))) return false;
  return !ws.some((w) => NOT_CONFIG_WORD.has(w));
}

/** The settings a line assigns or passes: `SetMaxOpenConns(50)`, `timeout: 30s`, `pool_size=10`, `<maxPoolSize>10</maxPoolSize>`. */
function itemsOn(text: string, line: number, parent: string): Item[] {
  const out: Item[] = [];
  CALL.lastIndex = 0;
  for (let m = CALL.exec(text); m; m = CALL.exec(text)) {
    const name = m[1];
    const bare = name.replace(/^(set|Set|with|With)(?=[A-Z_])/, '').replace(/^_/, '');
    if (!acceptName(bare) || /^(Sleep|sleep|setTimeout|setInterval|max|min|Max|Min|len|size|range)$/.test(name)) continue;
    const v = leadingValue(text.slice(m.index + m[0].length));
    if (v) out.push({ key: name, display: bare, value: v, line });
  }
  ASSIGN.lastIndex = 0;
  for (let m = ASSIGN.exec(text); m; m = ASSIGN.exec(text)) {
    const name = m[2];
    const bare = name.split('.').pop()!;
    if (!acceptName(bare)) continue;
    let rest = text.slice(m.index + m[0].length);
    // `timeout: int = 30` (Python/TS annotations)
    const ann = /^[\w.[\], |]+?\s*=(?!=)\s*/.exec(rest);
    let v = leadingValue(rest);
    if (!v && ann) { rest = rest.slice(ann[0].length); v = leadingValue(rest); }
    if (!v) continue;
    const key = parent && !name.includes('.') ? `${parent}.${name}` : name;
    out.push({ key, display: key, value: v, line });
  }
  for (const re of [KEYED_DEFAULT, FALLBACK]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const name = m[1] ?? m[2];
      if (!acceptName(name.split('.').pop()!)) continue;
      const v = leadingValue(text.slice(m.index + m[0].length));
      if (v) out.push({ key: name, display: name, value: v, line });
    }
  }
  XML.lastIndex = 0;
  for (let m = XML.exec(text); m; m = XML.exec(text)) {
    if (!acceptName(m[1])) continue;
    const v = leadingValue(m[2]);
    if (v) out.push({ key: m[1], display: m[1], value: v, line });
  }
  return out;
}

/** The YAML parent key of a line (`pool:` above `  max: 10`), so `max` reads as `pool.max`. */
function yamlParent(lines: string[], n: number): string {
  return yamlParents(lines, n).pop() ?? '';
}

function lineView(model: SourceModel | undefined, n: number, fallback: string, path: string, lang: DetectorInput['language']): string {
  if (model && model.keep[n] !== undefined) return model.keep[n];
  return maskSource(fallback, lang, path).keep;
}

function confidenceFor(item: Item, a: number, b: number): number {
  const r = a > 0 && b > 0 ? Math.max(a / b, b / a) : 4;
  let c = r >= 10 ? 0.55 : r >= 4 ? 0.45 : r >= 2 ? 0.35 : r >= 1.5 ? 0.25 : 0.15;
  const name = item.display;
  if (/timeout|deadline/i.test(name) && b < a) c += 0.1;
  if (/pool|conn|idle|worker|thread|concurren|parallel/i.test(name) && b > a && r >= 4) c += 0.05;
  if (/retr|attempt/i.test(name) && b > a && r >= 3) c += 0.05;
  if (/limit|rate|burst|capacity|queue/i.test(name) && b < a && r >= 4) c += 0.05;
  // The safe directions: a timeout raised, or a pool or worker count grown less than fourfold, rarely breaks anything.
  if ((/timeout|deadline/i.test(name) && b > a) || (/pool|conn|idle|worker|thread/i.test(name) && b > a && r < 4)) c *= 0.5;
  return Math.min(0.65, c);
}

function hunkItems(p: Prepared, input: DetectorInput, h: Hunk): { removed: Item[]; added: Item[] } {
  const yaml = /\.ya?ml$/i.test(p.path);
  const removed: Item[] = [];
  const added: Item[] = [];
  for (const l of h.lines) {
    if (l.kind === '-' && l.oldLine !== undefined) {
      const parent = yaml && p.before ? yamlParent(p.before.raw, l.oldLine) : '';
      removed.push(...itemsOn(lineView(p.before, l.oldLine, l.text, p.path, input.language), l.oldLine, parent));
    } else if (l.kind === '+' && l.newLine !== undefined) {
      const parent = yaml && p.after ? yamlParent(p.after.raw, l.newLine) : '';
      added.push(...itemsOn(lineView(p.after, l.newLine, l.text, p.path, input.language), l.newLine, parent));
    }
  }
  return { removed, added };
}

function detect(input: DetectorInput): Finding[] {
  const p = prepare(input);
  if (input.file.binary || isTestPath(p.path) || isDocsPath(p.path) || isLockPath(p.path)) return [];
  const out: Finding[] = [];
  for (const h of input.file.hunks) {
    const { removed, added } = hunkItems(p, input, h);
    const keys = new Set(added.map((i) => i.key));
    for (const key of keys) {
      const olds = removed.filter((i) => i.key === key);
      if (!olds.length) continue;
      const news = added.filter((i) => i.key === key);
      const was = olds[olds.length - 1];
      const now = news[news.length - 1];
      if (was.value.unit !== now.value.unit || was.value.v === now.value.v) continue;
      const others = [...new Set(news.slice(0, -1).map((i) => i.value.text))].filter((t) => t !== now.value.text);
      const direction = now.value.v > was.value.v ? 'raised' : 'lowered';
      const also = others.length ? `; also set to ${others.join(', ')} in this change` : '';
      out.push(finding(p, CONFIG_VALUE_CHANGED, now.line,
        `${now.display} ${was.value.text} → ${now.value.text} (${ratioText(was.value.v, now.value.v)}, ${direction}${also})`,
        confidenceFor(now, was.value.v, now.value.v)));
    }
  }
  return out;
}

export const configValueChanged: Detector = {
  id: CONFIG_VALUE_CHANGED,
  description: 'A pool, timeout, retry, limit, size or concurrency value changed, in code or configuration files, with its direction and ratio.',
  detect,
};
