import { strict as assert } from 'node:assert';
import { missingTransactionIsolation } from '../../../src/engine/detectors/missingTransactionIsolation';
import { detectIn, lineOf } from './gitInputs';

const run = (path: string, before: string | undefined, after: string) => detectIn(missingTransactionIsolation, path, before, after);

describe('MISSING_TRANSACTION_ISOLATION', () => {
  describe('Go', () => {
    const before = `package ledger

func (s *Store) Apply(ctx context.Context, entries []Entry) error {
	for _, e := range entries {
		if _, err := s.db.ExecContext(ctx, "INSERT INTO ledger (id, amount) VALUES ($1, $2)", e.ID, e.Amount); err != nil {
			return err
		}
	}
	return nil
}
`;
    it('flags INSERTs moved into goroutines', () => {
      const after = `package ledger

func (s *Store) Apply(ctx context.Context, entries []Entry) error {
	var wg sync.WaitGroup
	for _, e := range entries {
		wg.Add(1)
		go func(e Entry) {
			defer wg.Done()
			s.db.ExecContext(ctx, "INSERT INTO ledger (id, amount) VALUES ($1, $2)", e.ID, e.Amount)
		}(e)
	}
	wg.Wait()
	return nil
}
`;
      const f = run('ledger/store.go', before, after);
      assert.equal(f.length, 1, JSON.stringify(f));
      assert.equal(f[0].line, lineOf(after, 's.db.ExecContext'));
      assert.match(f[0].message, /via goroutines \(line 7\)/);
    });
    it('flags `go write(x)` calling a function of the same file that writes', () => {
      const after = `package ledger

func (s *Store) Apply(ctx context.Context, entries []Entry) error {
	for _, e := range entries {
		go s.write(ctx, e)
	}
	return nil
}

func (s *Store) write(ctx context.Context, e Entry) {
	s.db.ExecContext(ctx, "UPDATE ledger SET amount = $2 WHERE id = $1", e.ID, e.Amount)
}
`;
      const f = run('ledger/store.go', before, after);
      assert.equal(f.length, 1, JSON.stringify(f));
      assert.equal(f[0].line, lineOf(after, 'go s.write(ctx, e)'), 'the line that hands the writer to a goroutine');
      assert.match(f[0].message, /\(line 5\)/);
    });
    it('does not flag parallel reads, writes under a mutex, or goroutines sharing a SERIALIZABLE transaction', () => {
      const reads = `package ledger

func (s *Store) Load(ctx context.Context, ids []string) {
	for _, id := range ids {
		go func(id string) {
			s.db.QueryRowContext(ctx, "SELECT amount FROM ledger WHERE id = $1", id)
		}(id)
	}
}
`;
      const locked = `package ledger

func (s *Store) Apply(ctx context.Context, entries []Entry) {
	for _, e := range entries {
		go func(e Entry) {
			s.mu.Lock()
			defer s.mu.Unlock()
			s.db.ExecContext(ctx, "INSERT INTO ledger VALUES ($1)", e.ID)
		}(e)
	}
}
`;
      const serial = `package ledger

func (s *Store) Apply(ctx context.Context, entries []Entry) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	g, ctx := errgroup.WithContext(ctx)
	for _, e := range entries {
		e := e
		g.Go(func() error {
			_, err := tx.ExecContext(ctx, "INSERT INTO ledger VALUES ($1)", e.ID)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return tx.Commit()
}
`;
      assert.deepEqual(run('ledger/a.go', undefined, reads), []);
      assert.deepEqual(run('ledger/b.go', undefined, locked), []);
      assert.deepEqual(run('ledger/c.go', undefined, serial), []);
    });
    it('flags a mutex removed around map writes', () => {
      const b = `package cache

func (c *Counter) Inc(k string) {
	c.mu.Lock()
	c.counts[k]++
	c.mu.Unlock()
}
`;
      const a = `package cache

func (c *Counter) Inc(k string) {
	c.counts[k]++
}
`;
      const f = run('cache/counter.go', b, a);
      assert.equal(f.length, 1, JSON.stringify(f));
      assert.match(f[0].message, /lock removed \(c\.mu\.Lock\(\)\)/);
    });
  });

  describe('TypeScript / JavaScript', () => {
    it('flags Promise.all over ORM writes', () => {
      const before = `export async function saveAll(repo: Repo, rows: Row[]) {
  for (const r of rows) {
    await repo.save(r);
  }
}
`;
      const after = `export async function saveAll(repo: Repo, rows: Row[]) {
  await Promise.all(rows.map((r) => repo.save(r)));
}
`;
      const f = run('src/rows.ts', before, after);
      assert.equal(f.length, 1, JSON.stringify(f));
      assert.equal(f[0].line, 2);
      assert.match(f[0].message, /repo\.save.*Promise\.all/);
    });
    it('does not flag Promise.all over reads or writes inside prisma.$transaction', () => {
      const reads = `export async function load(ids) {
  return Promise.all(ids.map((id) => db.query('SELECT * FROM users WHERE id = $1', [id])));
}
`;
      const tx = `export async function saveAll(rows) {
  await prisma.$transaction(async (t) => {
    await Promise.all(rows.map((r) => t.row.create({ data: r })));
  }, { isolationLevel: 'Serializable' });
}
`;
      assert.deepEqual(run('src/a.js', undefined, reads), []);
      assert.deepEqual(run('src/b.ts', undefined, tx), []);
    });
    it('flags an isolation level lowered from Serializable to ReadCommitted', () => {
      const b = `export async function transfer(a, b, amt) {
  await prisma.$transaction(async (t) => {
    await t.account.update({ where: { id: a }, data: { balance: { decrement: amt } } });
  }, { isolationLevel: 'Serializable' });
}
`;
      const a = b.replace("isolationLevel: 'Serializable'", "isolationLevel: 'ReadCommitted'");
      const f = run('src/transfer.ts', b, a);
      assert.equal(f.length, 1, JSON.stringify(f));
      assert.match(f[0].message, /lowered from SERIALIZABLE to READ COMMITTED/);
      assert.equal(f[0].line, 4);
    });
    it('does not flag an isolation level raised', () => {
      const b = `const opts = { isolationLevel: 'ReadCommitted' };\nexport const save = (t) => t.row.update({ data: 1 });\n`;
      const a = `const opts = { isolationLevel: 'Serializable' };\nexport const save = (t) => t.row.update({ data: 1 });\n`;
      assert.deepEqual(run('src/opts.ts', b, a), []);
    });
  });

  describe('Python', () => {
    it('flags asyncio.gather over INSERTs', () => {
      const after = `async def save_all(conn, rows):
    await asyncio.gather(*(conn.execute("INSERT INTO phi (id, body) VALUES ($1, $2)", r.id, r.body) for r in rows))
`;
      const f = run('phi/store.py', undefined, after);
      assert.equal(f.length, 1, JSON.stringify(f));
      assert.match(f[0].message, /asyncio\.gather/);
    });
    it('flags a ThreadPoolExecutor submitting a writer function', () => {
      const after = `from concurrent.futures import ThreadPoolExecutor

def write(session, rec):
    session.add(rec)
    session.commit()

def save_all(session, recs):
    with ThreadPoolExecutor(max_workers=8) as ex:
        for r in recs:
            ex.submit(write, session, r)
`;
      const f = run('phi/batch.py', undefined, after);
      assert.equal(f.length, 1, JSON.stringify(f));
      assert.equal(f[0].line, lineOf(after, 'ex.submit(write, session, r)'));
      assert.match(f[0].message, new RegExp(`via a thread pool \\(line ${lineOf(after, 'with ThreadPoolExecutor')}\\)`));
    });
    it('does not flag gathered reads or writes under an asyncio lock', () => {
      const reads = `async def load(conn, ids):
    return await asyncio.gather(*(conn.fetchrow("SELECT * FROM t WHERE id = $1", i) for i in ids))
`;
      const locked = `async def save(conn, lock, r):
    async with lock:
        await conn.execute("INSERT INTO t VALUES ($1)", r)

async def save_all(conn, lock, rows):
    await asyncio.gather(*(save(conn, lock, r) for r in rows))
`;
      assert.deepEqual(run('phi/a.py', undefined, reads), []);
      assert.deepEqual(run('phi/b.py', undefined, locked), []);
    });
    it('resolves SQL held in module constants (the phi-service write path)', () => {
      const b = `UPSERT = """
INSERT INTO observations (id, value) VALUES (%(id)s, %(value)s)
"""

class Repo:
    def save(self, bundle):
        with self._pool.connection() as conn:
            conn.isolation_level = IsolationLevel.SERIALIZABLE
            with conn.transaction():
                for obs in bundle.observations:
                    conn.execute(UPSERT, obs)
`;
      const a = `UPSERT = """
INSERT INTO observations (id, value) VALUES (%(id)s, %(value)s)
"""

class Repo:
    def save(self, bundle):
        with ThreadPoolExecutor(max_workers=8) as ex:
            for obs in bundle.observations:
                ex.submit(self._write, obs)

    def _write(self, obs):
        with self._pool.connection() as conn:
            conn.execute(UPSERT, obs)
`;
      const f = run('phi/repository/records.py', b, a);
      const parallel = f.find((x) => /run concurrently/.test(x.message));
      assert.equal(parallel?.line, lineOf(a, 'ex.submit(self._write, obs)'), JSON.stringify(f));
      assert.ok(f.some((x) => /SERIALIZABLE isolation removed \(IsolationLevel\.SERIALIZABLE\)/.test(x.message)));
      assert.ok(f.some((x) => /transaction removed \(conn\.transaction\(\)\)/.test(x.message)));
    });
    it('flags transaction.atomic removed', () => {
      const b = `from django.db import transaction

def transfer(a, b, amount):
    with transaction.atomic():
        a.balance -= amount
        a.save()
        b.balance += amount
        b.save()
`;
      const a = `from django.db import transaction

def transfer(a, b, amount):
    a.balance -= amount
    a.save()
    b.balance += amount
    b.save()
`;
      const f = run('bank/views.py', b, a);
      assert.equal(f.length, 1, JSON.stringify(f));
      assert.match(f[0].message, /transaction removed \(transaction\.atomic/);
    });
  });

  describe('Java', () => {
    it('flags a parallel stream of repository saves', () => {
      const after = `public class Importer {
  public void importAll(List<Record> records) {
    records.parallelStream().forEach(r -> repository.save(r));
  }
}
`;
      const f = run('src/main/java/phi/Importer.java', undefined, after);
      assert.equal(f.length, 1, JSON.stringify(f));
      assert.equal(f[0].line, 3);
      assert.match(f[0].message, /repository\.save.*a parallel stream/);
    });
    it('flags @Transactional(isolation = SERIALIZABLE) removed', () => {
      const b = `public class Ledger {
  @Transactional(isolation = Isolation.SERIALIZABLE)
  public void post(Entry e) {
    repository.save(e);
  }
}
`;
      const a = `public class Ledger {
  public void post(Entry e) {
    repository.save(e);
  }
}
`;
      const f = run('src/main/java/phi/Ledger.java', b, a);
      assert.ok(f.some((x) => /SERIALIZABLE isolation removed/.test(x.message)), JSON.stringify(f));
      assert.ok(f.some((x) => /transaction removed/.test(x.message)), JSON.stringify(f));
    });
    it('does not flag CompletableFuture reads or parallel writes in a @Transactional(SERIALIZABLE) method', () => {
      const reads = `public class Reports {
  public void load(List<Long> ids) {
    ids.forEach(id -> CompletableFuture.supplyAsync(() -> repository.findById(id)));
  }
}
`;
      const tx = `public class Ledger {
  @Transactional(isolation = Isolation.SERIALIZABLE)
  public void postAll(List<Entry> es) {
    es.parallelStream().forEach(e -> repository.save(e));
  }
}
`;
      assert.deepEqual(run('src/main/java/a/Reports.java', undefined, reads), []);
      assert.deepEqual(run('src/main/java/a/Ledger.java', undefined, tx), []);
    });
  });
});

describe('MISSING_TRANSACTION_ISOLATION: moved code', () => {
  it('does not report a lock or transaction that left with its whole function', () => {
    const b = `package cache

func keep() {}

func (c *Counter) Inc(k string) {
	c.mu.Lock()
	c.counts[k]++
	c.mu.Unlock()
}
`;
    const a = `package cache

func keep() {}
`;
    assert.deepEqual(run('cache/counter.go', b, a), []);
  });
});

describe('MISSING_TRANSACTION_ISOLATION: removed features', () => {
  it('does not report a lock removed together with the writes it guarded', () => {
    const b = `class App:
    def dispatch(self):
        with self._first_request_lock:
            self._got_first_request = True
        return self.handle()
`;
    const a = `class App:
    def dispatch(self):
        return self.handle()
`;
    assert.deepEqual(run('app.py', b, a), []);
    const kept = `class App:
    def dispatch(self):
        self._got_first_request = True
        return self.handle()
`;
    assert.equal(run('app.py', b, kept).length, 1);
  });
});

describe('MISSING_TRANSACTION_ISOLATION: pools are not locks', () => {
  it('flags writes whose connection comes from pool.acquire() (synthetic python recipe)', () => {
    const after = `class Repo:
    def apply_adjustments(self, adjustments):
        with ThreadPoolExecutor(max_workers=8) as executor:
            list(executor.map(lambda adj: self._apply_one(adj), adjustments))

    def _apply_one(self, adj):
        conn = self.pool.acquire()
        try:
            conn.execute("UPDATE records SET amount = amount + %s WHERE id = %s", (adj[1], adj[0]))
            conn.commit()
        finally:
            self.pool.release(conn)
`;
    const f = run('app/repository/records.py', undefined, after);
    assert.equal(f.length, 1, JSON.stringify(f));
    assert.equal(f[0].line, 4);
    const locked = after.replace('conn = self.pool.acquire()', 'self._lock.acquire()\n        conn = self.pool.acquire()');
    assert.deepEqual(run('app/repository/records.py', undefined, locked), []);
  });
});
