import type { Detector, DetectorInput, Finding, Language } from '../model';
import { isTestPath } from '../signals/pathKinds';
import { finding, prepare, type Prepared } from './diffView';
import { requestContext } from './requestPath';
import { blockChain, enclosingFunction, enclosingNamedFunction, type SourceModel } from './sourceModel';

export const UNBOUNDED_CACHE = 'UNBOUNDED_CACHE';

const PATH = String.raw`[A-Za-z_$][\w$]*(?:\s*\??\.\s*[A-Za-z_$][\w$]*)*`;
/** `c.sessions[id] = s`, `cache[key] = v` */
const INDEX_INSERT = new RegExp(String.raw`(${PATH})\s*\[([^\]\n]*)\]\s*=(?!=)`, 'g');
/** `cache.set(k, v)`, `sessions.put(…)`, `memo.append(x)`, `m.Store(k, v)` */
const METHOD_INSERT = new RegExp(String.raw`(${PATH})\s*\??\.\s*(set|put|putIfAbsent|computeIfAbsent|compute|merge|Store|LoadOrStore|append|push|add|setdefault|update|insert|unshift|addLast|offer|Set|Add|Put)\s*\(([^,\n]*)`, 'g');
/** Go `x = append(x, v)` */
const GO_APPEND = new RegExp(String.raw`(${PATH})\s*=\s*append\s*\(\s*(${PATH})\s*,`, 'g');

const CACHE_NAME = /cache|memo|session/i;
const CACHE_OWNER = /Cache|Memo|Session|Store|Registry/;
const OWNER_FIELD = /^_*(store|entries|items|data|values|m|byId|byKey|[a-z]\w*(Map|ById|ByKey|ByID)|tokens|results|seen|objects|records|index)$/i;

/** Containers that bound themselves (or let the GC reclaim entries). */
const BOUNDED_TYPE = /\blru\b|LRU|Lru|TTLCache|TTLMap|ttlcache|expirable|Caffeine|CacheBuilder|maximumSize|maxsize|max_size|maxSize|\bmax\s*:|bigcache|ristretto|freecache|ExpiringMap|WeakHashMap|WeakMap|WeakValueDictionary|WeakKeyDictionary|WeakRef|deque\s*\([^)]*maxlen/;
/** Map/dict/list/set construction or types. */
const MAP_TYPE = /\bmap\s*\[|\bsync\.Map\b|make\s*\(\s*(map|\[\])|\bnew\s+(Map|Set|Array|HashMap|ConcurrentHashMap|LinkedHashMap|TreeMap|HashSet|ArrayList|LinkedList|Hashtable|ConcurrentSkipListMap|CopyOnWriteArrayList)\b|\b(Map|HashMap|ConcurrentHashMap|ConcurrentMap|LinkedHashMap|TreeMap|Set|HashSet|List|ArrayList|Record|Dict|dict|list|set|defaultdict|OrderedDict)\s*[<[(]|=\s*(\{\s*\}|\[\s*\]|\{\s*$)|:\s*(\{\s*\}|\[\s*\])|\[\]\s*[\w*.]+\s*\{|=\s*(dict|list|set|defaultdict|OrderedDict)\s*\(|\bMap<|\bSet<|\bRecord<|\{\s*\[\s*\w+\s*:\s*\w+\s*\]\s*:/;

/** Bounds anywhere in the file: TTL, LRU, max size, eviction. */
const FILE_BOUND = /\b(ttl|TTL|Ttl|\w*Ttl|lru|LRU|Lru|\w*Lru|max_?size|maxSize|MaxSize|maxEntries|MaxEntries|max_entries|MAX_\w*(SIZE|ENTRIES|ITEMS)|maximumSize|removeEldestEntry|evict\w*|Evict\w*)\b/;
/** Eviction verbs and expiry checks, counted when the line names the container. */
const EVICT = /\b(delete|Delete|remove|Remove|removeIf|Evict|evict|clear|Clear|pop|popitem|del|purge|Purge|prune|cleanup|Cleanup|sweep|trim|splice|shift|pollFirst|poll|retainAll|LoadAndDelete|CompareAndDelete|invalidate\w*|expire\w*|Expire\w*|capacity|Capacity)\b/;

interface Insertion { line: number; path: string; name: string; verb: string; key: string }

function insertionsOn(code: string, line: number): Insertion[] {
  const out: Insertion[] = [];
  const push = (path: string, verb: string, key = ''): void => {
    const clean = path.replace(/\s+/g, '').replace(/\?/g, '');
    const name = clean.split('.').pop()!;
    out.push({ line, path: clean, name, verb, key: key.trim() });
  };
  INDEX_INSERT.lastIndex = 0;
  for (let m = INDEX_INSERT.exec(code); m; m = INDEX_INSERT.exec(code)) push(m[1], 'index', m[2]);
  METHOD_INSERT.lastIndex = 0;
  for (let m = METHOD_INSERT.exec(code); m; m = METHOD_INSERT.exec(code)) push(m[1], m[2], m[3]);
  GO_APPEND.lastIndex = 0;
  for (let m = GO_APPEND.exec(code); m; m = GO_APPEND.exec(code)) if (m[1].replace(/\s+/g, '') === m[2].replace(/\s+/g, '')) push(m[1], 'append');
  return out;
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Declaration { line: number; longLived: boolean; text: string }

/** Where `name` is declared in the file and whether it outlives one call. */
function declarationOf(m: SourceModel, name: string, language: Language): Declaration[] {
  const n = esc(name);
  const patterns: RegExp[] = {
    go: [new RegExp(`\\bvar\\s+${n}\\b`), new RegExp(`^\\s*${n}\\s*(,\\s*[\\w$]+\\s*)*:?=`), new RegExp(`^\\s*${n}\\s+(map\\s*\\[|\\*?sync\\.Map|\\[\\]|\\*?[\\w.]+\\b)`), new RegExp(`^\\s*${n}\\s*:(?!=)\\s*\\S`)],
    typescript: [new RegExp(`\\b(const|let|var)\\s+${n}\\b`), new RegExp(`^\\s*((public|private|protected|static|readonly|declare|override)\\s+)*#?${n}\\s*[?!]?\\s*[:=]`), new RegExp(`\\bthis\\s*\\.\\s*#?${n}\\s*=(?!=)`)],
    javascript: [new RegExp(`\\b(const|let|var)\\s+${n}\\b`), new RegExp(`^\\s*(static\\s+)?#?${n}\\s*=(?!=)`), new RegExp(`\\bthis\\s*\\.\\s*#?${n}\\s*=(?!=)`)],
    python: [new RegExp(`^\\s*${n}\\s*(:[^=]+)?=(?!=)`), new RegExp(`\\bself\\s*\\.\\s*${n}\\s*(:[^=]+)?=(?!=)`), new RegExp(`\\bcls\\s*\\.\\s*${n}\\s*=(?!=)`)],
    java: [new RegExp(`[\\w$>\\]]\\s+${n}\\s*(=(?!=)|;)`), new RegExp(`\\bthis\\s*\\.\\s*${n}\\s*=(?!=)`)],
    other: [],
  }[language];
  const out: Declaration[] = [];
  for (let line = 1; line <= m.lineCount; line++) {
    const code = m.code[line];
    if (!code.includes(name) || !patterns.some((re) => re.test(code))) continue;
    const chain = blockChain(m, line);
    const fn = chain.find((b) => b.fn);
    const attr = /\b(this|self|cls)\s*\.\s*#?/.test(code) && new RegExp(`\\b(this|self|cls)\\s*\\.\\s*#?${n}\\b`).test(code);
    const inStructOrClass = chain.length > 0 && chain[0].kind === 'class';
    const longLived = !fn || attr || inStructOrClass;
    // A Go struct literal field `sessions: make(map…)` inside a constructor also makes a field.
    const literalField = language === 'go' && new RegExp(`^\\s*${n}\\s*:(?!=)`).test(code);
    out.push({ line, longLived: longLived || literalField, text: m.keep[line] + ' ' + (m.keep[line + 1] ?? '') });
  }
  return out;
}

/** Go receiver type or enclosing class name, for `c.items[k] = v` inside a SessionStore. */
function ownerName(m: SourceModel, line: number): string {
  for (const b of blockChain(m, line)) {
    const go = /^func\s*\(\s*\w*\s*\*?\s*([\w$]+)/.exec(b.header);
    if (go) return go[1];
    const cls = /\bclass\s+([\w$]+)/.exec(b.header);
    if (cls) return cls[1];
  }
  return '';
}

/**
 * Keys that are types (`cache[t]` with `t reflect.Type`, `cache.put(obj.getClass(), …)`):
 * such caches are bounded by the program's own types.
 */
function keyIsType(m: SourceModel, line: number, key: string): boolean {
  if (/\b(reflect\s*\.\s*TypeOf|\.\s*Type\s*\(|getClass\s*\(|\.class\b|\btype\s*\()/.test(key)) return true;
  const id = /^[A-Za-z_$][\w$]*$/.exec(key)?.[0];
  if (!id) return false;
  const fn = enclosingFunction(m, line);
  const from = fn ? fn.headerLine : Math.max(1, line - 30);
  const text = m.code.slice(from, line + 1).join('\n');
  const e = esc(id);
  return new RegExp(`\\b${e}\\s+(reflect\\s*\\.\\s*Type|Class\\s*<)|\\bClass\\s*<[^>]*>\\s+${e}\\b|\\b${e}\\s*:?=\\s*[^\\n]*(reflect\\s*\\.\\s*(TypeOf|Indirect)|\\.\\s*Type\\s*\\(\\s*\\)|Deref\\s*\\(|getClass\\s*\\(|\\btype\\s*\\()`).test(text);
}

/** `self.x`, `this.x`, `cls.x`, or `r.x` where r is the Go method's receiver. */
function ownField(m: SourceModel, line: number, path: string): boolean {
  const root = path.split('.')[0];
  if (/^(self|this|cls)$/.test(root)) return true;
  const fn = enclosingNamedFunction(m, line);
  return !!fn && new RegExp(`^func\\s*\\(\\s*${esc(root)}\\s+\\*?\\s*\\w+`).test(fn.header);
}

function hasEviction(m: SourceModel, name: string): boolean {
  const word = new RegExp(`(^|[^\\w$])${esc(name)}([^\\w$]|$)`);
  const size = new RegExp(`\\blen\\s*\\(\\s*[\\w$.]*\\b${esc(name)}\\s*\\)|\\b${esc(name)}\\s*\\.\\s*(size|length|Count|count|Len|len)\\b|\\b${esc(name)}\\s*\\.\\s*size\\s*\\(\\s*\\)`);
  const reset = new RegExp(`\\b${esc(name)}\\s*=\\s*(make\\s*\\(|new\\s+|\\{\\s*\\}|\\[\\s*\\]|dict\\s*\\(|\\{\\})`);
  let resets = 0;
  for (let line = 1; line <= m.lineCount; line++) {
    const code = m.code[line];
    if (!word.test(code)) continue;
    if (EVICT.test(code) || size.test(code)) return true;
    if (reset.test(code) && enclosingFunction(m, line)) resets++;
  }
  // A re-initialisation inside a function (besides the constructor) empties it.
  return resets > 1;
}

function detect(input: DetectorInput): Finding[] {
  const p = prepare(input);
  const m = p.after;
  if (!m || m.language === 'other' || isTestPath(p.path) || p.changes.added.size === 0) return [];
  const out: Finding[] = unboundedMemoDecorators(m, p);
  if (FILE_BOUND.test(m.codeText)) return out;
  const seen = new Set<string>();
  const added = [...p.changes.added.keys()].sort((a, b) => a - b);
  for (const line of added) {
    for (const ins of insertionsOn(m.code[line] ?? '', line)) {
      if (seen.has(ins.name)) continue;
      const owner = ownerName(m, line);
      const isAttr = ins.path.includes('.');
      const cacheLike = CACHE_NAME.test(ins.name) || (isAttr && CACHE_OWNER.test(owner) && OWNER_FIELD.test(ins.name)) || readsThrough(m, line, ins);
      if (!cacheLike) {
        const grown = requestGrowth(m, p.path, line, ins, isAttr);
        if (grown) { seen.add(ins.name); out.push(grown(p)); }
        continue;
      }
      if (keyIsType(m, line, ins.key)) continue;
      seen.add(ins.name);
      const decls = declarationOf(m, ins.name, m.language);
      const fnOfInsert = enclosingFunction(m, line);
      // A local container lives and dies with its function call.
      const local = decls.find((d) => !d.longLived && enclosingFunction(m, d.line) === fnOfInsert);
      if (local && !isAttr) continue;
      const longDecl = decls.find((d) => d.longLived);
      // Without a declaration, only the object's own field counts (`request.session[k] = v` is a framework's store).
      if (!longDecl && !(isAttr && ownField(m, line, ins.path))) continue;
      const declText = longDecl?.text ?? '';
      if (BOUNDED_TYPE.test(declText)) continue;
      const mapLike = MAP_TYPE.test(declText);
      // Unknown containers: only plain index assignment proves a map-like store.
      if (!mapLike && !(ins.verb === 'index' && (isAttr || longDecl))) continue;
      if (hasEviction(m, ins.name)) continue;
      let confidence = CACHE_NAME.test(ins.name) ? 0.75 : 0.55;
      if (longDecl && p.changes.added.has(longDecl.line)) confidence += 0.05;
      if (!mapLike) confidence -= 0.15;
      const kind = /session/i.test(ins.name) ? 'session store' : 'cache';
      const declared = longDecl ? ` (declared at line ${longDecl.line})` : '';
      out.push(finding(p, UNBOUNDED_CACHE, line,
        `${ins.path}${declared} grows without bound: this ${kind} gets new entries but nothing in ${p.path.split('/').pop()} evicts, expires or size-limits them`,
        confidence));
    }
  }
  return out;
}

/**
 * A cache by what it does, whatever its name: the function looks the key up
 * in the same container before storing it (`if r, ok := rates[cur]; ok {…}`
 * … `rates[cur] = r`), a read-through memo.
 */
function readsThrough(m: SourceModel, line: number, ins: Insertion): boolean {
  if (!/^[\w$.]+$/.test(ins.key)) return false;
  const fn = enclosingFunction(m, line);
  if (!fn) return false;
  const c = esc(ins.path);
  const k = esc(ins.key);
  const read = new RegExp(`(^|[^\\w$.])${c}\\s*\\[\\s*${k}\\s*\\](?!\\s*=(?!=))|(^|[^\\w$.])${c}\\s*\\.\\s*(get|Get|has|containsKey|Load)\\s*\\(\\s*${k}\\s*[,)]|\\b${k}\\s+in\\s+${c}\\b`);
  for (let l = fn.headerLine + 1; l < line; l++) if (read.test(m.code[l] ?? '')) return true;
  return false;
}

const GROW_VERBS = new Set(['append', 'push', 'add', 'Add', 'insert', 'unshift', 'addLast', 'offer']);
/** List-like declarations: Go slices, Python/TS/JS lists and arrays, Java lists. */
const LIST_TYPE = /\bvar\s+[\w$]+\s+\[\]|\[\]\s*[\w*.]+\s*\{|:\s*list\b|:\s*List\[|=\s*\[\s*\]|=\s*list\s*\(|Array\s*<|[\w$>\]]\[\]\s*=|\bList\s*<|\bnew\s+(java\.util\.(concurrent\.)?)?(ArrayList|LinkedList|CopyOnWriteArrayList|Vector)\b/;

/**
 * Not named like a cache, yet one all the same: a module-level (or static)
 * list that a request handler appends to on every request and nothing trims —
 * the audit trail, the "recent requests" buffer. Lower confidence than a
 * named cache: the name says nothing of intent.
 */
function requestGrowth(m: SourceModel, path: string, line: number, ins: Insertion, isAttr: boolean): ((p: Prepared) => Finding) | undefined {
  if (!GROW_VERBS.has(ins.verb) || (isAttr && m.language !== 'java')) return undefined;
  if (!requestContext(m, line, path)) return undefined;
  const decl = declarationOf(m, ins.name, m.language).find((d) => d.longLived && !enclosingFunction(m, d.line) && (m.language !== 'java' || /\bstatic\b/.test(d.text)));
  if (!decl || !LIST_TYPE.test(decl.text) || BOUNDED_TYPE.test(decl.text) || hasEviction(m, ins.name)) return undefined;
  return (p) => finding(p, UNBOUNDED_CACHE, line,
    `${ins.path} (declared at line ${decl.line}) grows on every request: the request handler adds to this module-level list and nothing in ${p.path.split('/').pop()} trims or bounds it`,
    0.45);
}

/** Python `@functools.cache` / `@lru_cache(maxsize=None)` added on a function that takes arguments. */
function unboundedMemoDecorators(m: SourceModel, p: Prepared): Finding[] {
  if (m.language !== 'python') return [];
  const out: Finding[] = [];
  for (const [line] of p.changes.added) {
    const code = m.code[line] ?? '';
    if (!/^\s*@(functools\s*\.\s*)?(cache\b(?!d)|lru_cache\s*\(\s*(maxsize\s*=\s*)?None\s*\))/.test(code)) continue;
    const def = m.blocks.find((b) => b.kind === 'function' && b.headerLine > line && b.headerLine <= line + 3);
    if (!def || /\(\s*(self\s*)?\)/.test(def.header)) continue;
    out.push(finding(p, UNBOUNDED_CACHE, line, `unbounded memoization: ${code.trim()} keeps every distinct argument forever`, 0.35));
  }
  return out;
}

export const unboundedCache: Detector = {
  id: UNBOUNDED_CACHE,
  description: 'A long-lived map, dict or list used as a cache or session store gains insertions with no eviction, TTL or size bound anywhere in the file.',
  detect,
};
