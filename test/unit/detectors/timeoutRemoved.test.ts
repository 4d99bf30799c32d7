import { strict as assert } from 'node:assert';
import { timeoutRemoved } from '../../../src/engine/detectors/timeoutRemoved';
import { detectIn } from './gitInputs';

const run = (path: string, before: string | undefined, after: string) => detectIn(timeoutRemoved, path, before, after);

describe('TIMEOUT_REMOVED', () => {
  describe('Go', () => {
    const before = `package rates

func Fetch(parent context.Context, url string) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(parent, 2*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	return client.Do(req)
}

var client = &http.Client{
	Timeout: 5 * time.Second,
}
`;
    it('flags context.WithTimeout replaced by context.Background()', () => {
      const after = before.replace(`	ctx, cancel := context.WithTimeout(parent, 2*time.Second)
	defer cancel()
`, `	ctx := context.Background()
`);
      const f = run('rates/fetch.go', before, after);
      assert.equal(f.length, 1, JSON.stringify(f));
      assert.equal(f[0].line, 4);
      assert.match(f[0].message, /context deadline.*replaced by `ctx := context\.Background\(\)`/);
      assert.ok(f[0].confidence >= 0.75);
    });
    it('flags the http.Client Timeout field removed', () => {
      const after = before.replace('\tTimeout: 5 * time.Second,\n', '');
      const f = run('rates/fetch.go', before, after);
      assert.equal(f.length, 1);
      assert.match(f[0].message, /Timeout field removed/);
    });
    it('does not flag a timeout moved, shortened, or removed from a test file', () => {
      const moved = before.replace('2*time.Second', '3*time.Second');
      assert.deepEqual(run('rates/fetch.go', before, moved), []);
      const reordered = before.replace(`	ctx, cancel := context.WithTimeout(parent, 2*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)`, `	req, _ := http.NewRequest("GET", url, nil)
	ctx, cancel := context.WithTimeout(parent, 2*time.Second)
	defer cancel()
	req = req.WithContext(ctx)`);
      assert.deepEqual(run('rates/fetch.go', before, reordered), []);
      const after = before.replace('\tTimeout: 5 * time.Second,\n', '');
      assert.deepEqual(run('rates/fetch_test.go', before, after), []);
    });
  });

  describe('Python', () => {
    it('flags timeout= dropped from requests.get', () => {
      const b = `def rates():\n    return requests.get(URL, timeout=5).json()\n`;
      const a = `def rates():\n    return requests.get(URL).json()\n`;
      const f = run('fx/client.py', b, a);
      assert.equal(f.length, 1);
      assert.equal(f[0].line, 2);
      assert.match(f[0].message, /timeout= argument removed/);
    });
    it('flags timeout=None and asyncio.wait_for removed; keeps a changed value quiet', () => {
      const b = `async def call(s):\n    r = requests.post(URL, json=s, timeout=3)\n    return await asyncio.wait_for(fetch(), 2)\n`;
      const a = `async def call(s):\n    r = requests.post(URL, json=s, timeout=None)\n    return await fetch()\n`;
      const f = run('fx/call.py', b, a);
      assert.equal(f.length, 2, JSON.stringify(f));
      assert.ok(f.some((x) => /replaced by `r = requests\.post\(URL, json=s, timeout=None\)`/.test(x.message)));
      assert.deepEqual(run('fx/call.py', b, b.replace('timeout=3', 'timeout=10')), []);
    });
  });

  describe('TypeScript / JavaScript', () => {
    it('flags AbortSignal.timeout removed from fetch', () => {
      const b = `export async function price(id: string) {\n  const r = await fetch(url(id), { signal: AbortSignal.timeout(2000) });\n  return r.json();\n}\n`;
      const a = `export async function price(id: string) {\n  const r = await fetch(url(id));\n  return r.json();\n}\n`;
      const f = run('src/price.ts', b, a);
      assert.equal(f.length, 1);
      assert.match(f[0].message, /AbortSignal\.timeout removed/);
    });
    it('flags an axios timeout option removed and a setTimeout reject guard removed', () => {
      const b = `const api = axios.create({ baseURL, timeout: 5000 });
export function withDeadline(p) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), 1000);
    p.then((v) => { clearTimeout(t); resolve(v); });
  });
}
`;
      const a = `const api = axios.create({ baseURL });
export function withDeadline(p) {
  return new Promise((resolve) => {
    p.then((v) => resolve(v));
  });
}
`;
      const f = run('src/api.js', b, a);
      assert.equal(f.length, 2, JSON.stringify(f));
    });
    it('does not flag a TypeScript type field or a renamed option that keeps the timeout', () => {
      const b = `interface Opts { timeout: number }\nconst o = { timeout: 5000 };\n`;
      const a = `interface Opts { retries: number }\nconst o = { timeout: 5000, retries: 2 };\n`;
      assert.deepEqual(run('src/o.ts', b, a), []);
    });
  });

  describe('Java', () => {
    it('flags setReadTimeout removed and a bounded Future.get made unbounded', () => {
      const b = `class Client {
  String get(URL u, Future<String> f) throws Exception {
    HttpURLConnection c = (HttpURLConnection) u.openConnection();
    c.setConnectTimeout(1000);
    c.setReadTimeout(2000);
    return f.get(5, TimeUnit.SECONDS);
  }
}
`;
      const a = `class Client {
  String get(URL u, Future<String> f) throws Exception {
    HttpURLConnection c = (HttpURLConnection) u.openConnection();
    c.setConnectTimeout(1000);
    return f.get();
  }
}
`;
      const f = run('src/main/java/Client.java', b, a);
      assert.equal(f.length, 2, JSON.stringify(f));
      assert.ok(f.some((x) => /bounded Future\.get removed.*replaced by `return f\.get\(\);`/.test(x.message)));
    });
    it('does not flag a timeout value change', () => {
      const b = `class C { void f(HttpURLConnection c) { c.setReadTimeout(2000); } }\n`;
      assert.deepEqual(run('src/main/java/C.java', b, b.replace('2000', '500')), []);
    });
  });
});
