import { strict as assert } from 'node:assert';
import { configValueChanged } from '../../../src/engine/detectors/configValueChanged';
import { evaluate, leadingValue, ratioText } from '../../../src/engine/detectors/valueExpr';
import { detectIn } from './gitInputs';

const run = (path: string, before: string | undefined, after: string) => detectIn(configValueChanged, path, before, after);

describe('CONFIG_VALUE_CHANGED', () => {
  describe('value expressions', () => {
    it('evaluates numbers, Go/Java/Python durations and unit strings', () => {
      assert.equal(evaluate('50')?.v, 50);
      assert.equal(evaluate('30_000L')?.v, 30000);
      assert.deepEqual([evaluate('30 * time.Second')?.v, evaluate('30 * time.Second')?.unit], [30000, 'ms']);
      assert.equal(evaluate('time.Minute * 5')?.v, 300000);
      assert.equal(evaluate('Duration.ofSeconds(5)')?.v, 5000);
      assert.equal(evaluate('timedelta(minutes=2)')?.v, 120000);
      assert.equal(evaluate('5 * 60 * 1000')?.v, 300000);
      assert.equal(evaluate('"500ms"')?.v, 500);
      assert.equal(evaluate('2.5s')?.v, 2500);
      assert.equal(leadingValue('10, TimeUnit.SECONDS)')?.v, 10000);
      assert.equal(evaluate('cfg.Size'), undefined);
      assert.equal(evaluate('f(x) * 2'), undefined);
      assert.equal(ratioText(50, 200), '×4');
      assert.equal(ratioText(30, 5), '÷6');
    });
  });

  it('Go: reports MaxOpenConns 50 → 200 (×4) on the added line', () => {
    const before = `package db\n\nfunc Init() {\n\tdb.SetMaxOpenConns(50)\n}\n`;
    const after = `package db\n\nfunc Init() {\n\tdb.SetMaxOpenConns(200)\n}\n`;
    const f = run('db/pool.go', before, after);
    assert.equal(f.length, 1);
    assert.equal(f[0].line, 4);
    assert.match(f[0].message, /^MaxOpenConns 50 → 200 \(×4, raised\)/);
  });

  it('Go: a timeout lowered tenfold scores higher than a small bump', () => {
    const before = `package c\n\nvar client = &http.Client{\n\tTimeout: 30 * time.Second,\n}\nconst maxRetries = 3\n`;
    const after = `package c\n\nvar client = &http.Client{\n\tTimeout: 3 * time.Second,\n}\nconst maxRetries = 4\n`;
    const f = run('client/http.go', before, after);
    assert.equal(f.length, 2);
    const timeout = f.find((x) => /Timeout/.test(x.message))!;
    const retries = f.find((x) => /maxRetries/.test(x.message))!;
    assert.match(timeout.message, /Timeout 30 \* time\.Second → 3 \* time\.Second \(÷10, lowered\)/);
    assert.ok(timeout.confidence > retries.confidence);
  });

  it('scores the safe directions low: a timeout raised, an idle pool grown twofold', () => {
    const conf = (before: string, after: string) => run('app/db/pool.py', `class Pool:\n    def configure(self):\n${before}\n`, `class Pool:\n    def configure(self):\n${after}\n`)[0]?.confidence ?? 0;
    const raised = conf('        self.set_timeout(10)', '        self.set_timeout(20)');
    const lowered = conf('        self.set_timeout(20)', '        self.set_timeout(10)');
    assert.ok(raised > 0 && raised < lowered / 1.5, `${raised} vs ${lowered}`);
    const grown = conf('        self._pool.set_min_idle(10)', '        self._pool.set_min_idle(20)');
    const shrunk = conf('        self._pool.set_min_idle(20)', '        self._pool.set_min_idle(10)');
    assert.ok(grown > 0 && grown < shrunk / 1.5, `${grown} vs ${shrunk}`);
  });

  it('TypeScript/JavaScript: pool options in an object literal', () => {
    const before = `export const pool = new Pool({\n  max: 10,\n  idleTimeoutMillis: 30000,\n});\n`;
    const after = `export const pool = new Pool({\n  max: 100,\n  idleTimeoutMillis: 30000,\n});\n`;
    const f = run('src/db/pool.ts', before, after);
    assert.equal(f.length, 1);
    assert.match(f[0].message, /^max 10 → 100 \(×10, raised\)/);
  });

  it('Python: keyword arguments and module constants', () => {
    const before = `engine = create_engine(URL, pool_size=5, max_overflow=10)\nREQUEST_TIMEOUT = 10\n`;
    const after = `engine = create_engine(URL, pool_size=50, max_overflow=10)\nREQUEST_TIMEOUT = 1\n`;
    const f = run('app/db.py', before, after);
    assert.deepEqual(f.map((x) => x.message.split(' (')[0]).sort(), ['REQUEST_TIMEOUT 10 → 1', 'pool_size 5 → 50']);
  });

  it('Java: builder calls with TimeUnit and static final constants', () => {
    const before = `class C {\n  static final int MAX_POOL_SIZE = 20;\n  OkHttpClient c = new OkHttpClient.Builder().readTimeout(30, TimeUnit.SECONDS).build();\n}\n`;
    const after = `class C {\n  static final int MAX_POOL_SIZE = 200;\n  OkHttpClient c = new OkHttpClient.Builder().readTimeout(2, TimeUnit.SECONDS).build();\n}\n`;
    const f = run('src/main/java/C.java', before, after);
    assert.equal(f.length, 2, JSON.stringify(f));
    assert.ok(f.some((x) => /^MAX_POOL_SIZE 20 → 200 \(×10/.test(x.message)));
    assert.ok(f.some((x) => /^readTimeout 30 seconds → 2 seconds \(÷15, lowered\)/.test(x.message)));
  });

  it('config files: yaml (with parent key), properties, env and json', () => {
    const yB = `database:\n  pool:\n    max: 20\n    timeout: 5s\n`;
    const yA = `database:\n  pool:\n    max: 80\n    timeout: 500ms\n`;
    const y = run('deploy/values.yaml', yB, yA);
    assert.deepEqual(y.map((x) => x.message.split(' (')[0]).sort(), ['pool.max 20 → 80', 'pool.timeout 5s → 500ms']);
    const p = run('src/main/resources/application.properties', 'spring.datasource.hikari.maximum-pool-size=10\n', 'spring.datasource.hikari.maximum-pool-size=40\n');
    assert.match(p[0].message, /maximum-pool-size 10 → 40 \(×4/);
    const e = run('.env.production', 'WORKER_CONCURRENCY=4\nAPP_NAME=x\n', 'WORKER_CONCURRENCY=32\nAPP_NAME=y\n');
    assert.equal(e.length, 1);
    const j = run('config/service.json', '{\n  "retries": 3,\n  "port": 8080\n}\n', '{\n  "retries": 10,\n  "port": 9090\n}\n');
    assert.equal(j.length, 1);
    assert.match(j[0].message, /^retries 3 → 10/);
  });

  it('does not report ports, versions, unchanged values, test files, renamed settings or docs', () => {
    assert.deepEqual(run('src/server.ts', 'const port = 8080;\nconst version = 1;\n', 'const port = 9090;\nconst version = 2;\n'), []);
    assert.deepEqual(run('db/pool.go', 'package db\nfunc f() {\n\tdb.SetMaxOpenConns(50) // old\n}\n', 'package db\nfunc f() {\n\tdb.SetMaxOpenConns(50) // new\n}\n'), []);
    assert.deepEqual(run('db/pool_test.go', 'package db\nconst maxRetries = 3\n', 'package db\nconst maxRetries = 30\n'), []);
    assert.deepEqual(run('app/cfg.py', 'POOL_SIZE = 5\n', 'POOL_MAX = 50\n'), []);
    assert.deepEqual(run('docs/tuning.md', 'timeout: 30\n', 'timeout: 3\n'), []);
    assert.deepEqual(run('tsconfig.json', '{ "compilerOptions": { "maxNodeModuleJsDepth": 1 } }\n', '{ "compilerOptions": { "maxNodeModuleJsDepth": 2 } }\n'), []);
  });
});

describe('CONFIG_VALUE_CHANGED: defaults of named settings', () => {
  it('reads env-var defaults in Python, Java, TypeScript and Go', () => {
    const py = run('app/config.py', '    max_open_conns=int(os.environ.get("DB_MAX_OPEN_CONNS", "50")),\n', '    max_open_conns=int(os.environ.get("DB_MAX_OPEN_CONNS", "8")),\n');
    assert.match(py[0].message, /^DB_MAX_OPEN_CONNS 50 → 8 \(÷6\.3, lowered\)/);
    const java = run('src/main/java/AppConfig.java', '  Long.parseLong(env("DB_ACQUIRE_TIMEOUT_MS", "5000")),\n', '  Long.parseLong(env("DB_ACQUIRE_TIMEOUT_MS", "50")),\n');
    assert.match(java[0].message, /^DB_ACQUIRE_TIMEOUT_MS 5000 → 50 \(÷100, lowered\)/);
    const ts = run('src/config.ts', '  maxOpenConns: Number(env.DB_MAX_OPEN_CONNS ?? 50),\n', '  maxOpenConns: Number(env.DB_MAX_OPEN_CONNS ?? 5),\n');
    assert.match(ts[0].message, /^DB_MAX_OPEN_CONNS 50 → 5/);
    const go = run('config/config.go', 'package config\nvar n = getenvInt("WORKER_POOL_SIZE", 16)\n', 'package config\nvar n = getenvInt("WORKER_POOL_SIZE", 64)\n');
    assert.match(go[0].message, /^WORKER_POOL_SIZE 16 → 64 \(×4/);
    assert.deepEqual(run('src/config.ts', '  name: env.SERVICE_NAME ?? "a",\n', '  name: env.SERVICE_NAME ?? "b",\n'), []);
  });
});
