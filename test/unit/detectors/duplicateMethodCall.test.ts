import { strict as assert } from 'node:assert';
import { duplicateMethodCall } from '../../../src/engine/detectors/duplicateMethodCall';
import { detectIn, lineOf } from './gitInputs';

const run = (path: string, before: string | undefined, after: string) => detectIn(duplicateMethodCall, path, before, after);

describe('DUPLICATE_METHOD_CALL', () => {
  describe('Go', () => {
    const before = `package db

func Configure(db *sql.DB) {
	db.SetMaxOpenConns(20)
}
`;
    it('flags a conflicting second setter call added in the same function', () => {
      const after = `package db

func Configure(db *sql.DB) {
	db.SetMaxOpenConns(20)
	db.SetConnMaxLifetime(time.Minute)
	db.SetMaxOpenConns(80)
}
`;
      const f = run('db/conf.go', before, after);
      assert.equal(f.length, 1);
      assert.equal(f[0].line, 6);
      assert.match(f[0].message, /db\.SetMaxOpenConns called twice \(20, then 80\)/);
      assert.equal(f[0].fix?.startLine, 6);
    });
    it('does not flag calls in different if/else branches or switch cases', () => {
      const after = `package db

func Configure(db *sql.DB, big bool, mode string) {
	if big {
		db.SetMaxOpenConns(200)
	} else {
		db.SetMaxOpenConns(20)
	}
	switch mode {
	case "a":
		db.SetMaxIdleConns(5)
	case "b":
		db.SetMaxIdleConns(10)
	}
}
`;
      assert.deepEqual(run('db/conf.go', before, after), []);
    });
    it('does not flag different receivers, a default then a conditional override, or a loop variable', () => {
      const after = `package db

func Configure(primary, replica *sql.DB, sizes []int, cfg Config) {
	primary.SetMaxOpenConns(20)
	replica.SetMaxOpenConns(80)
	primary.SetMaxIdleConns(5)
	if cfg.Idle > 0 {
		primary.SetMaxIdleConns(cfg.Idle)
	}
	for _, n := range sizes {
		replica.SetMaxIdleConns(n)
		replica.SetMaxIdleConns(n * 2)
	}
}
`;
      assert.deepEqual(run('db/conf.go', before, after), []);
    });
    it('does not flag a setting that is used between the two calls', () => {
      const after = `package db

func Warm(db *sql.DB) {
	db.SetMaxOpenConns(1)
	db.Ping()
	db.SetMaxOpenConns(20)
}
`;
      assert.deepEqual(run('db/conf.go', before, after), []);
    });
    it('reports identical values as redundant with low confidence', () => {
      const after = `package db

func Configure(db *sql.DB) {
	db.SetMaxOpenConns(20)
	db.SetMaxOpenConns(20)
}
`;
      const f = run('db/conf.go', before, after);
      assert.equal(f.length, 1);
      assert.match(f[0].message, /redundant/);
      assert.ok(f[0].confidence <= 0.35);
    });
    it('ignores calls inside comments and strings', () => {
      const after = `package db

func Configure(db *sql.DB) {
	db.SetMaxOpenConns(20)
	// db.SetMaxOpenConns(80)
	log.Print("db.SetMaxOpenConns(90)")
}
`;
      assert.deepEqual(run('db/conf.go', before, after), []);
    });
  });

  describe('TypeScript / JavaScript', () => {
    it('flags keyed app.set with the same key and a builder option set twice in one chain', () => {
      const after = `import express from 'express';
const app = express();
app.set('trust proxy', 1);
app.set('view cache', true);
app.set('trust proxy', false);
const client = new Client()
  .setTimeout(1000)
  .setRetries(3)
  .setTimeout(30000);
`;
      const f = run('src/server.ts', undefined, after);
      assert.equal(f.length, 2, JSON.stringify(f));
      assert.equal(f[0].line, 5);
      assert.match(f[0].message, /app\.set\('trust proxy', …\) called twice \(1, then false\)/);
      assert.equal(f[1].line, lineOf(after, '.setTimeout(30000)'));
      assert.equal(f[1].fix, undefined, 'a chain link is not deleted blindly');
    });
    it('does not flag different keys, add/push, setState, or a toggle around work', () => {
      const after = `export function render(this: any, res: any, items: string[]) {
  res.setHeader('Content-Type', 'text/html');
  res.setHeader('Cache-Control', 'no-store');
  items.push('a');
  items.push('b');
  this.setState({ loading: true });
  this.setState({ loading: false });
  button.setEnabled(false);
  doWork();
  button.setEnabled(true);
}
`;
      assert.deepEqual(run('src/render.js', undefined, after), []);
    });
    it('does not flag calls in separate arrow callbacks', () => {
      const after = `export const a = () => { cfg.setLimit(1); };
export const b = () => { cfg.setLimit(2); };
`;
      assert.deepEqual(run('src/limits.ts', undefined, after), []);
    });
  });

  describe('Python', () => {
    it('flags a logger level set twice in one function', () => {
      const before = `import logging

def setup():
    log = logging.getLogger("app")
    log.setLevel(logging.INFO)
    return log
`;
      const after = `import logging

def setup():
    log = logging.getLogger("app")
    log.setLevel(logging.INFO)
    log.propagate = False
    log.setLevel(logging.DEBUG)
    return log
`;
      const f = run('app/logs.py', before, after);
      assert.equal(f.length, 1);
      assert.equal(f[0].line, 7);
      assert.match(f[0].message, /log\.setLevel called twice \(logging\.INFO, then logging\.DEBUG\)/);
    });
    it('does not flag if/else branches or a setting read in between', () => {
      const after = `def setup(engine, debug):
    if debug:
        engine.set_pool_size(1)
    else:
        engine.set_pool_size(20)
    engine.set_echo(False)
    engine.connect()
    engine.set_echo(True)
`;
      assert.deepEqual(run('app/db.py', undefined, after), []);
    });
  });

  describe('Java', () => {
    it('flags HikariConfig.setMaximumPoolSize called twice', () => {
      const after = `class Pool {
  HikariDataSource build() {
    HikariConfig config = new HikariConfig();
    config.setMaximumPoolSize(10);
    config.setMinimumIdle(2);
    config.setMaximumPoolSize(50);
    return new HikariDataSource(config);
  }
}
`;
      const f = run('src/main/java/app/Pool.java', undefined, after);
      assert.equal(f.length, 1);
      assert.equal(f[0].line, 6);
      assert.match(f[0].message, /config\.setMaximumPoolSize called twice \(10, then 50\)/);
      assert.equal(f[0].fix?.title, 'Remove the duplicated setMaximumPoolSize call');
    });
    it('does not flag setAutoCommit toggled around a transaction, nor separate methods', () => {
      const after = `class Repo {
  void save(Connection conn) throws SQLException {
    conn.setAutoCommit(false);
    insert(conn);
    conn.commit();
    conn.setAutoCommit(true);
  }
  void a(Config c) { c.setSize(1); }
  void b(Config c) { c.setSize(2); }
}
`;
      assert.deepEqual(run('src/main/java/app/Repo.java', undefined, after), []);
    });
    it('needs one of the calls to be added by the commit', () => {
      const text = `class Pool {
  void build(HikariConfig config) {
    config.setMaximumPoolSize(10);
    config.setMaximumPoolSize(50);
  }
}
`;
      const after = text.replace('class Pool {', '/** Pool setup. */\nclass Pool {');
      assert.deepEqual(run('src/main/java/app/Pool.java', text, after), []);
    });
  });
});

describe('DUPLICATE_METHOD_CALL: idioms from real code', () => {
  it('does not flag static helpers acting on different first arguments (Object.setPrototypeOf)', () => {
    const after = `app.init = function init() {
  Object.setPrototypeOf(this.request, parent.request);
  Object.setPrototypeOf(this.response, parent.response);
};
`;
    assert.deepEqual(run('lib/application.js', undefined, after), []);
  });
  it('does not flag a setting raised for some work and then restored (HikariCP warm-up)', () => {
    const after = `class Pool {
  void warm(ThreadPoolExecutor ex, long deadline) {
    ex.setCorePoolSize(16);
    final long start = currentTime();
    while (elapsed(start) < deadline) {
      quietlySleep(100);
    }
    ex.setCorePoolSize(1);
  }
}
`;
    assert.deepEqual(run('src/main/java/Pool.java', undefined, after), []);
  });
  it('still flags a conflict with only logging in between, at lower confidence', () => {
    const after = `package db\n\nfunc Configure(db *sql.DB) {\n\tdb.SetMaxIdleConns(10)\n\tlog.Printf("pool configured")\n\tdb.SetMaxIdleConns(100)\n}\n`;
    const f = run('db/conf.go', undefined, after);
    assert.equal(f.length, 1);
    assert.equal(f[0].confidence, 0.6);
  });
});

describe('DUPLICATE_METHOD_CALL: the same write twice', () => {
  const record = (body: string) => `package internal

func Record(ctx context.Context, db *sql.DB, id string, amount int64) error {
	_, err := db.ExecContext(ctx, "INSERT INTO ledger (id, amount) VALUES ($1, $2)", id, amount)
${body}	return err
}
`;
  const before = record('');

  it('flags a write executed again with the same arguments (Go, Python, Java)', () => {
    const after = record('\t_, err = db.ExecContext(ctx, "INSERT INTO ledger (id, amount) VALUES ($1, $2)", id, amount)\n');
    const f = run('services/payment/internal/ledger.go', before, after);
    assert.equal(f.length, 1, JSON.stringify(f));
    assert.equal(f[0].line, lineOf(after, '_, err = db.ExecContext'));
    assert.match(f[0].message, /runs twice/);
    const py = `def record(cur, id, amount):\n    cur.execute("INSERT INTO ledger VALUES (%s, %s)", (id, amount))\n    cur.execute("INSERT INTO ledger VALUES (%s, %s)", (id, amount))\n`;
    assert.equal(run('app/ledger.py', undefined, py).length, 1);
    const java = `class Ledger {\n    void record(Entry e) {\n        repo.save(e);\n        repo.save(e);\n    }\n}\n`;
    assert.equal(run('src/main/java/Ledger.java', undefined, java).length, 1);
  });

  it('does not flag different arguments, a retry after a check, a loop, or an old pair left as it was', () => {
    assert.deepEqual(run('services/payment/internal/ledger.go', before, record('\t_, err = db.ExecContext(ctx, "INSERT INTO audit (id) VALUES ($1)", id)\n')), []);
    assert.deepEqual(run('services/payment/internal/ledger.go', before, record('\tif err != nil {\n\t\treturn err\n\t}\n\t_, err = db.ExecContext(ctx, "INSERT INTO ledger (id, amount) VALUES ($1, $2)", id, amount)\n')), []);
    const loop = `def load(cur, rows):\n    for r in rows:\n        cur.execute("INSERT INTO t VALUES (%s)", (r,))\n        cur.execute("INSERT INTO t VALUES (%s)", (r,))\n`;
    assert.deepEqual(run('app/load.py', undefined, loop), []);
    const old = `def record(cur, id):\n    cur.execute("INSERT INTO t VALUES (%s)", (id,))\n    cur.execute("INSERT INTO t VALUES (%s)", (id,))\n`;
    assert.deepEqual(run('app/ledger.py', old, old + '\n\ndef other():\n    return 1\n'), []);
  });
});
