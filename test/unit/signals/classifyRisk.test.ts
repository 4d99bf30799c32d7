import { strict as assert } from 'node:assert';
import type { RiskKind, RiskSignal } from '../../../src/engine/model';
import { classifyRisk } from '../../../src/engine/signals/classifyRisk';
import { isConfigPath, isDependencyPath, isDocsPath, isTestPath } from '../../../src/engine/signals/pathKinds';
import { inputFromStrings } from '../detectors/gitInputs';

const risk = (path: string, before: string | undefined, after: string | undefined): RiskSignal[] => classifyRisk(inputFromStrings(path, before, after));
const kinds = (s: RiskSignal[]): RiskKind[] => s.map((x) => x.kind);
const get = (s: RiskSignal[], k: RiskKind): RiskSignal | undefined => s.find((x) => x.kind === k);

describe('classifyRisk', () => {
  describe('paths', () => {
    it('recognizes tests, docs, dependency manifests and config files', () => {
      for (const p of ['pkg/pool_test.go', 'src/a.test.ts', 'web/__tests__/x.js', 'tests/test_api.py', 'app/test_models.py', 'src/test/java/a/PoolTest.java', 'src/a.spec.tsx']) assert.ok(isTestPath(p), p);
      for (const p of ['pkg/pool.go', 'src/attest.ts', 'app/contest.py', 'src/main/java/a/Testing.java']) assert.ok(!isTestPath(p), p);
      for (const p of ['README.md', 'docs/guide/setup.html', 'CHANGELOG', 'notes.rst', 'doc/a.txt']) assert.ok(isDocsPath(p), p);
      assert.ok(!isDocsPath('requirements.txt'));
      for (const p of ['go.mod', 'go.sum', 'web/package.json', 'requirements-dev.txt', 'pyproject.toml', 'pom.xml', 'app/build.gradle.kts', 'yarn.lock']) assert.ok(isDependencyPath(p), p);
      for (const p of ['deploy/values.yaml', 'config/app.json', '.env.production', 'src/main/resources/application.properties', 'Dockerfile', 'pyproject.cfg']) assert.ok(isConfigPath(p), p);
      assert.ok(!isConfigPath('package.json'));
    });
  });

  describe('code kinds in four languages', () => {
    it('Go: SQL in a handler is database + api; pool and concurrency settings', () => {
      const after = `package handlers

func Refund(w http.ResponseWriter, r *http.Request) {
	row := db.QueryRow("SELECT amount FROM refunds WHERE id = $1", r.URL.Query().Get("id"))
	_ = row
}

func tune(db *sql.DB) {
	db.SetMaxOpenConns(50)
	var wg sync.WaitGroup
	go func() { defer wg.Done() }()
}
`;
      const s = risk('handlers/refund.go', undefined, after);
      assert.equal(get(s, 'database')?.detail, 'SQL query changed in handlers/refund.go');
      assert.ok(get(s, 'api'));
      assert.ok(get(s, 'pool'));
      assert.ok(get(s, 'concurrency'));
      assert.ok(!get(s, 'cache'));
    });
    it('TypeScript: express routes, Promise.all, caches and retries', () => {
      const after = `app.get('/users/:id', async (req, res) => {
  const cached = userCache.get(req.params.id);
  const [a, b] = await Promise.all([load(1), load(2)]);
  res.json(await withRetry(() => prisma.user.findUnique({ where: { id: req.params.id } }), { retries: 3 }));
});
`;
      const s = risk('src/server.ts', undefined, after);
      assert.deepEqual(kinds(s).sort(), ['api', 'cache', 'concurrency', 'database', 'timeout'].sort());
      assert.equal(get(s, 'api')!.lines, 5);
    });
    it('Python: FastAPI route, cursor.execute, asyncio.gather, settings constant', () => {
      const after = `REQUEST_TIMEOUT = 5

@router.get("/rates")
async def rates(cur):
    cur.execute("SELECT * FROM rates")
    return await asyncio.gather(a(), b())
`;
      const s = risk('app/api.py', undefined, after);
      for (const k of ['api', 'database', 'concurrency', 'timeout', 'config'] as RiskKind[]) assert.ok(get(s, k), `${k} in ${JSON.stringify(s)}`);
    });
    it('Java: @GetMapping, JdbcTemplate, CompletableFuture, HikariConfig, @Value', () => {
      const after = `@RestController
class Rates {
  @Value("\${rates.ttl}") long ttl;
  @GetMapping("/rates")
  List<Rate> rates() {
    HikariConfig c = new HikariConfig();
    CompletableFuture.runAsync(this::warm);
    return jdbcTemplate.query("SELECT * FROM rates", mapper);
  }
}
`;
      const s = risk('src/main/java/app/Rates.java', undefined, after);
      for (const k of ['api', 'database', 'concurrency', 'pool', 'config', 'cache'] as RiskKind[]) assert.ok(get(s, k), `${k} in ${JSON.stringify(s)}`);
    });
    it('plain logic changes carry no risk kinds in any language', () => {
      const cases: [string, string, string][] = [
        ['util/money.go', 'package util\n\nfunc Round(v float64) float64 {\n\treturn math.Round(v*100) / 100\n}\n', 'package util\n\nfunc Round(v float64) float64 {\n\treturn math.Floor(v*100+0.5) / 100\n}\n'],
        ['src/util/money.ts', 'export function round(v: number): number {\n  return Math.round(v * 100) / 100;\n}\n', 'export function round(v: number): number {\n  return Math.floor(v * 100 + 0.5) / 100;\n}\n'],
        ['app/util/money.py', 'def round_cents(v):\n    return round(v * 100) / 100\n', 'def round_cents(v):\n    return math.floor(v * 100 + 0.5) / 100\n'],
        ['src/main/java/app/util/Money.java', 'class Money {\n  static double round(double v) { return Math.round(v * 100) / 100.0; }\n}\n', 'class Money {\n  static double round(double v) { return Math.floor(v * 100 + 0.5) / 100.0; }\n}\n'],
      ];
      for (const [path, b, a] of cases) assert.deepEqual(risk(path, b, a), [], path);
    });
    it('does not count words inside comments or plain strings', () => {
      const before = `package x\n\nfunc f() string {\n\treturn "a"\n}\n`;
      const after = `package x\n\nfunc f() string {\n\tx := 1 // the cache pool timeout\n\treturn "cache pool timeout retry"\n}\n`;
      assert.deepEqual(kinds(risk('x/f.go', before, after)), []);
    });
  });

  describe('whole-file kinds', () => {
    it('tests, docs and comment-only changes get only that signal', () => {
      assert.deepEqual(kinds(risk('db/pool_test.go', 'package db\n', 'package db\nfunc TestX(t *testing.T) { db.SetMaxOpenConns(1) }\n')), ['tests']);
      assert.deepEqual(kinds(risk('docs/pool.md', '# Pool\n', '# Pool\nSet the pool size.\n')), ['docs']);
      const c = risk('db/pool.py', 'def f():\n    return 1\n', 'def f():\n    # use the connection pool here\n    return 1\n');
      assert.deepEqual(kinds(c), ['docs']);
      assert.equal(c[0].detail, 'comment-only change in db/pool.py');
    });
    it('formatting-only: whitespace, reordering and re-wrapping', () => {
      const go = `package x\n\nimport (\n\t"a"\n\t"b"\n)\n\nfunc f() {\n\tdb.Exec(q, 1, 2)\n}\n`;
      assert.deepEqual(kinds(risk('x/f.go', go, go.replace('\tdb.Exec(q, 1, 2)', '    db.Exec( q,1,2 )'))), ['formatting']);
      assert.deepEqual(kinds(risk('x/f.go', go, go.replace('\t"a"\n\t"b"', '\t"b"\n\t"a"'))), ['formatting']);
      assert.deepEqual(kinds(risk('x/f.go', go, go.replace('\tdb.Exec(q, 1, 2)', '\tdb.Exec(\n\t\tq,\n\t\t1,\n\t\t2,\n\t)').replace('2,\n\t)', '2)'))), ['formatting']);
      assert.notDeepEqual(kinds(risk('x/f.go', go, go.replace('1, 2', '2, 1'))), ['formatting']);
    });
    it('config files: yaml and properties settings', () => {
      const s = risk('deploy/values.yaml', 'db:\n  pool:\n    max: 10\n', 'db:\n  pool:\n    max: 50\n    timeout: 5s\n');
      assert.ok(get(s, 'config'));
      assert.ok(get(s, 'pool'));
      assert.ok(get(s, 'timeout'));
      assert.ok(!get(s, 'api'));
    });
  });

  describe('dependencies', () => {
    it('go.mod bump names module and versions', () => {
      const b = 'module x\n\ngo 1.21\n\nrequire (\n\tgithub.com/lib/pq v1.10.7\n\tgolang.org/x/sync v0.5.0\n)\n';
      const a = b.replace('v1.10.7', 'v1.10.9');
      const s = risk('go.mod', b, a);
      assert.deepEqual(kinds(s), ['dependency']);
      assert.equal(s[0].detail, 'dependencies changed in go.mod: github.com/lib/pq v1.10.7 → v1.10.9');
    });
    it('package.json: dependency lines vs scripts', () => {
      const b = '{\n  "name": "web",\n  "version": "1.0.0",\n  "scripts": {\n    "build": "tsc"\n  },\n  "dependencies": {\n    "express": "^4.18.2",\n    "pg": "^8.11.0"\n  }\n}\n';
      const a = b.replace('"pg": "^8.11.0"', '"pg": "^8.12.0"').replace('"build": "tsc"', '"build": "tsc -b"');
      const s = risk('package.json', b, a);
      assert.deepEqual(kinds(s), ['dependency', 'config']);
      assert.match(s[0].detail, /pg \^8\.11\.0 → \^8\.12\.0/);
    });
    it('requirements.txt, pyproject, pom.xml and build.gradle', () => {
      assert.match(risk('requirements.txt', 'requests==2.31.0\nflask==3.0.0\n', 'requests==2.32.0\nflask==3.0.0\n')[0].detail, /requests ==2\.31\.0 → ==2\.32\.0/);
      const py = '[project]\nname = "x"\ndependencies = [\n  "httpx>=0.25",\n]\n';
      assert.match(risk('pyproject.toml', py, py.replace('0.25', '0.27'))[0].detail, /httpx >=0\.25 → >=0\.27/);
      const pom = '<project>\n  <dependencies>\n    <dependency>\n      <groupId>com.zaxxer</groupId>\n      <artifactId>HikariCP</artifactId>\n      <version>5.0.1</version>\n    </dependency>\n  </dependencies>\n</project>\n';
      assert.match(risk('pom.xml', pom, pom.replace('5.0.1', '5.1.0'))[0].detail, /HikariCP 5\.0\.1 → 5\.1\.0/);
      const gradle = "dependencies {\n  implementation 'com.squareup.okhttp3:okhttp:4.11.0'\n}\n";
      assert.match(risk('build.gradle', gradle, gradle.replace('4.11.0', '4.12.0'))[0].detail, /okhttp3:okhttp 4\.11\.0 → 4\.12\.0/);
    });
  });

  it('deleted, binary and renamed-only files', () => {
    const del = risk('db/old.go', 'package db\n\nfunc f() { db.Exec("DELETE FROM t") }\n', undefined);
    assert.ok(get(del, 'database'));
    const bin = inputFromStrings('img/logo.png', 'a', 'b');
    bin.file.binary = true;
    bin.file.hunks = [];
    assert.deepEqual(classifyRisk(bin), []);
  });

  it('reads code rules only in the languages they are written for; elsewhere only file-level kinds', () => {
    const c = 'int f(void) {\n  pthread_mutex_lock(&m);\n  conn_pool_timeout = 30;\n  return 0;\n}\n';
    assert.deepEqual(risk('src/pool.c', 'int f(void) { return 0; }\n', c), []);
    assert.deepEqual(risk('tests/pool_test.c', 'int f(void) { return 0; }\n', c).map((k) => k.kind), ['tests']);
    const go = 'package p\n\nfunc f() {\n\tmu.Lock()\n\tpoolTimeout = 30\n}\n';
    assert.ok(risk('svc/pool.go', 'package p\n\nfunc f() {}\n', go).some((k) => k.kind === 'concurrency' || k.kind === 'timeout' || k.kind === 'pool'));
  });
});
