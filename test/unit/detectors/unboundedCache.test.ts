import { strict as assert } from 'node:assert';
import { unboundedCache } from '../../../src/engine/detectors/unboundedCache';
import { detectIn, lineOf } from './gitInputs';

const run = (path: string, before: string | undefined, after: string) => detectIn(unboundedCache, path, before, after);

describe('UNBOUNDED_CACHE', () => {
  describe('Go', () => {
    it('flags a package-level cache map that only grows', () => {
      const after = `package pricing

var priceCache = map[string]float64{}

func Price(sku string) float64 {
	if p, ok := priceCache[sku]; ok {
		return p
	}
	p := lookup(sku)
	priceCache[sku] = p
	return p
}
`;
      const f = run('pricing/price.go', undefined, after);
      assert.equal(f.length, 1);
      assert.equal(f[0].line, lineOf(after, 'priceCache[sku] = p'));
    });
    it('does not flag golang-lru, a local map, or a map with a TTL sweep', () => {
      const lru = `package pricing

import lru "github.com/hashicorp/golang-lru/v2"

var priceCache, _ = lru.New[string, float64](10000)

func Price(sku string) float64 {
	p := lookup(sku)
	priceCache.Add(sku, p)
	return p
}
`;
      const local = `package pricing

func Totals(items []Item) map[string]float64 {
	cache := map[string]float64{}
	for _, it := range items {
		cache[it.SKU] = it.Price
	}
	return cache
}
`;
      const swept = `package pricing

var priceCache = map[string]entry{}

func Put(sku string, p float64) {
	priceCache[sku] = entry{p, time.Now()}
}

func sweep() {
	for k, e := range priceCache {
		if time.Since(e.at) > time.Hour {
			delete(priceCache, k)
		}
	}
}
`;
      assert.deepEqual(run('pricing/a.go', undefined, lru), []);
      assert.deepEqual(run('pricing/b.go', undefined, local), []);
      assert.deepEqual(run('pricing/c.go', undefined, swept), []);
    });
  });

  describe('TypeScript / JavaScript', () => {
    it('flags a class-field Map used as a session cache', () => {
      const before = `export class SessionService {
  private sessions = new Map<string, Session>();
  get(id: string) { return this.sessions.get(id); }
}
`;
      const after = `export class SessionService {
  private sessions = new Map<string, Session>();
  get(id: string) { return this.sessions.get(id); }
  async login(user: User): Promise<string> {
    const id = randomUUID();
    this.sessions.set(id, { user, at: Date.now() });
    return id;
  }
}
`;
      const f = run('src/auth/sessions.ts', before, after);
      assert.equal(f.length, 1);
      assert.equal(f[0].line, 6);
      assert.match(f[0].message, /this\.sessions \(declared at line 2\) grows without bound: this session store/);
    });
    it('flags a module-level object cache in JavaScript', () => {
      const after = `const cache = {};
export async function getUser(id) {
  if (cache[id]) return cache[id];
  const u = await db.users.findOne({ id });
  cache[id] = u;
  return u;
}
`;
      assert.equal(run('src/users.js', undefined, after).length, 1);
    });
    it('does not flag lru-cache, a WeakMap, a cache with delete, or a local map', () => {
      const lru = `import { LRUCache } from 'lru-cache';
const cache = new LRUCache<string, User>({ max: 500 });
export function put(id: string, u: User) { cache.set(id, u); }
`;
      const weak = `const cache = new WeakMap<object, string>();
export function tag(o: object) { cache.set(o, 'x'); }
`;
      const deleting = `const cache = new Map<string, User>();
export function put(id: string, u: User) { cache.set(id, u); }
export function drop(id: string) { cache.delete(id); }
`;
      const local = `export function index(users: User[]) {
  const cache = new Map<string, User>();
  for (const u of users) cache.set(u.id, u);
  return cache;
}
`;
      for (const [i, text] of [lru, weak, deleting, local].entries()) assert.deepEqual(run(`src/c${i}.ts`, undefined, text), [], text);
    });
  });

  describe('Python', () => {
    it('flags a dict attribute used as a cache with no eviction', () => {
      const after = `class TokenCache:
    def __init__(self):
        self._cache = {}

    def put(self, token, claims):
        self._cache[token] = claims
`;
      const f = run('auth/tokens.py', undefined, after);
      assert.equal(f.length, 1);
      assert.equal(f[0].line, 6);
    });
    it('flags functools.cache on a function with arguments (low confidence)', () => {
      const after = `import functools

@functools.cache
def rate(currency):
    return fetch(currency)
`;
      const f = run('fx/rates.py', undefined, after);
      assert.equal(f.length, 1);
      assert.ok(f[0].confidence < 0.5);
    });
    it('does not flag lru_cache(maxsize=…), cachetools.TTLCache, or a dict popped when full', () => {
      const a = `import functools

@functools.lru_cache(maxsize=1024)
def rate(currency):
    return fetch(currency)
`;
      const b = `from cachetools import TTLCache
_cache = TTLCache(maxsize=1000, ttl=300)

def put(k, v):
    _cache[k] = v
`;
      const c = `_cache = {}

def put(k, v):
    if len(_cache) > 1000:
        _cache.pop(next(iter(_cache)))
    _cache[k] = v
`;
      assert.deepEqual(run('fx/a.py', undefined, a), []);
      assert.deepEqual(run('fx/b.py', undefined, b), []);
      assert.deepEqual(run('fx/c.py', undefined, c), []);
    });
  });

  describe('Java', () => {
    it('flags a ConcurrentHashMap session store field', () => {
      const after = `public class SessionRegistry {
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  public void register(Session s) {
    sessions.put(s.id(), s);
  }
}
`;
      const f = run('src/main/java/auth/SessionRegistry.java', undefined, after);
      assert.equal(f.length, 1);
      assert.equal(f[0].line, 5);
    });
    it('does not flag Caffeine with maximumSize, LinkedHashMap with removeEldestEntry, or a local HashMap', () => {
      const caffeine = `public class Users {
  private final Cache<String, User> cache = Caffeine.newBuilder().maximumSize(10_000).build();
  public void put(User u) { cache.put(u.id(), u); }
}
`;
      const eldest = `public class Users {
  private final Map<String, User> cache = new LinkedHashMap<>(16, 0.75f, true) {
    protected boolean removeEldestEntry(Map.Entry<String, User> e) { return size() > 1000; }
  };
  public void put(User u) { cache.put(u.id(), u); }
}
`;
      const local = `public class Users {
  public Map<String, User> index(List<User> users) {
    Map<String, User> cache = new HashMap<>();
    for (User u : users) cache.put(u.id(), u);
    return cache;
  }
}
`;
      assert.deepEqual(run('src/main/java/a/A.java', undefined, caffeine), []);
      assert.deepEqual(run('src/main/java/a/B.java', undefined, eldest), []);
      assert.deepEqual(run('src/main/java/a/C.java', undefined, local), []);
    });
  });
});

describe('UNBOUNDED_CACHE: read-through memos, whatever their name', () => {
  const go = (extra = '') => `package internal

import (
	"context"
	"database/sql"
)

var rates = map[string]float64{}

// Rate looks up a currency rate.
func Rate(ctx context.Context, db *sql.DB, cur string) (float64, error) {
	if r, ok := rates[cur]; ok {
		return r, nil
	}
	var r float64
	err := db.QueryRowContext(ctx, "SELECT rate FROM fx WHERE cur = $1", cur).Scan(&r)
	rates[cur] = r
${extra}	return r, err
}
`;

  it('flags a long-lived map the function reads by the key before storing it (Go, Python, TypeScript, Java)', () => {
    const g = run('services/payment/internal/rates.go', undefined, go());
    assert.equal(g.length, 1, JSON.stringify(g));
    assert.equal(g[0].line, lineOf(go(), 'rates[cur] = r'));
    assert.ok(g[0].confidence < 0.75, 'below a map named cache');
    const py = `_rates = {}\n\n\ndef rate(cur):\n    if cur in _rates:\n        return _rates[cur]\n    r = fetch(cur)\n    _rates[cur] = r\n    return r\n`;
    assert.equal(run('app/rates.py', undefined, py).length, 1);
    const ts = `const rates = new Map<string, number>();\n\nexport async function rate(cur: string): Promise<number> {\n  const hit = rates.get(cur);\n  if (hit !== undefined) return hit;\n  const r = await fetchRate(cur);\n  rates.set(cur, r);\n  return r;\n}\n`;
    assert.equal(run('src/rates.ts', undefined, ts).length, 1);
    const java = `package com.acme;\n\nimport java.util.HashMap;\nimport java.util.Map;\n\npublic class Rates {\n    private static final Map<String, Double> RATES = new HashMap<>();\n\n    public static double rate(String cur) {\n        if (RATES.containsKey(cur)) {\n            return RATES.get(cur);\n        }\n        double r = fetch(cur);\n        RATES.put(cur, r);\n        return r;\n    }\n}\n`;
    assert.equal(run('src/main/java/com/acme/Rates.java', undefined, java).length, 1);
  });

  it('does not flag one with eviction, a local one, or a map only written (no lookup first)', () => {
    assert.deepEqual(run('services/payment/internal/rates.go', undefined, go('\tif len(rates) > 1000 {\n\t\tdelete(rates, cur)\n\t}\n')), []);
    const local = go().replace('var rates = map[string]float64{}\n', '').replace('\tif r, ok := rates[cur]', '\trates := map[string]float64{}\n\tif r, ok := rates[cur]');
    assert.deepEqual(run('services/payment/internal/rates.go', undefined, local), []);
    const writeOnly = `package internal\n\nvar lastSeen = map[string]int64{}\n\nfunc Touch(id string, now int64) {\n\tlastSeen[id] = now\n}\n`;
    assert.deepEqual(run('services/payment/internal/seen.go', undefined, writeOnly), []);
  });
});

describe('UNBOUNDED_CACHE: caches keyed by type', () => {
  describe('a module-level list a request handler appends to', () => {
    const go = (decl: string, extra = '') => `package handlers

import (
	"net/http"
	"time"
)

type auditEntry struct {
	id string
	at time.Time
}

${decl}

func (h *Handler) ProcessRecord(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	auditTrail = append(auditTrail, auditEntry{id: id, at: time.Now()})
${extra}	w.WriteHeader(200)
}
`;
    it('flags it in Go, Python, TypeScript and Java, at lower confidence than a named cache', () => {
      const g = run('services/x/handlers/records.go', undefined, go('var auditTrail []auditEntry'));
      assert.equal(g.length, 1, JSON.stringify(g));
      assert.equal(g[0].confidence, 0.45);
      assert.match(g[0].message, /grows on every request/);
      const py = `import time\nfrom fastapi import Request\n\nAUDIT_TRAIL: list[tuple[str, float]] = []\n\n\nclass RecordHandler:\n    async def process_record(self, request: Request):\n        id = request.query_params.get("id", "")\n        AUDIT_TRAIL.append((id, time.time()))\n        return {"ok": True}\n`;
      assert.equal(run('app/handlers/records.py', undefined, py).length, 1);
      const ts = `import type { Request, Response } from 'express';\n\nexport const auditTrail: Array<{ id: string; at: number }> = [];\n\nexport class RecordHandler {\n  async processRecord(req: Request, res: Response): Promise<void> {\n    const id = String(req.query.id ?? '');\n    auditTrail.push({ id, at: Date.now() });\n    res.json({ ok: true });\n  }\n}\n`;
      assert.equal(run('src/handlers/records.ts', undefined, ts).length, 1);
      const java = `package com.acme.records;\n\nimport java.util.List;\n\n@RestController\npublic class RecordController {\n    static final List<String> AUDIT_TRAIL = new java.util.concurrent.CopyOnWriteArrayList<>();\n\n    @GetMapping("/records")\n    public String process(@RequestParam String id) {\n        AUDIT_TRAIL.add(id + ":" + System.currentTimeMillis());\n        return "ok";\n    }\n}\n`;
      assert.equal(run('src/main/java/com/acme/records/RecordController.java', undefined, java).length, 1);
    });

    it('does not flag a list trimmed to a size, a local list, one appended outside a request, or a Java instance field', () => {
      assert.deepEqual(run('services/x/handlers/records.go', undefined, go('var auditTrail []auditEntry', '\tif len(auditTrail) > 100 {\n\t\tauditTrail = auditTrail[1:]\n\t}\n')), []);
      const local = go('', '').replace('\tid := r.URL', '\tvar auditTrail []auditEntry\n\tid := r.URL');
      assert.deepEqual(run('services/x/handlers/records.go', undefined, local), []);
      const batch = `package report\n\nvar lines []string\n\nfunc Build(rows []string) {\n\tfor _, r := range rows {\n\t\tlines = append(lines, r)\n\t}\n}\n`;
      assert.deepEqual(run('internal/report/build.go', undefined, batch), []);
      const field = `package com.acme.records;\n\nimport java.util.ArrayList;\nimport java.util.List;\n\n@RestController\npublic class RecordController {\n    private final List<String> seen = new ArrayList<>();\n\n    @GetMapping("/records")\n    public String process(@RequestParam String id) {\n        seen.add(id);\n        return "ok";\n    }\n}\n`;
      assert.deepEqual(run('src/main/java/com/acme/records/RecordController.java', undefined, field), []);
    });
  });

  it('does not flag reflection caches keyed by reflect.Type or Class', () => {
    const go = `package sqlx

var fieldmapCache = map[reflect.Type]fieldmap{}

func getFieldmap(t reflect.Type) fieldmap {
	fm := build(t)
	fieldmapCache[t] = fm
	return fm
}

func baseMap(v reflect.Value) fieldmap {
	base := reflect.Indirect(v).Type()
	fm := build(base)
	fieldmapCache[base] = fm
	return fm
}
`;
    const java = `public class Mappers {
  private static final Map<Class<?>, Mapper> cache = new ConcurrentHashMap<>();
  public static Mapper of(Object o) {
    return cache.computeIfAbsent(o.getClass(), Mapper::new);
  }
}
`;
    assert.deepEqual(run('sqlx.go', undefined, go), []);
    assert.deepEqual(run('src/main/java/Mappers.java', undefined, java), []);
  });
});

describe('UNBOUNDED_CACHE: framework session objects', () => {
  it('does not flag writes into request.session or flask.session', () => {
    const django = `def login_view(request):\n    request.session["user_id"] = 42\n    return redirect("/")\n`;
    const flask = `from flask import session\n\n@app.route("/login")\ndef login():\n    session["user_id"] = 42\n    return "ok"\n`;
    assert.deepEqual(run('app/views.py', undefined, django), []);
    assert.deepEqual(run('app/auth.py', undefined, flask), []);
  });
});
