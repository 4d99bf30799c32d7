import { strict as assert } from 'node:assert';
import { errorSwallowed } from '../../../src/engine/detectors/errorSwallowed';
import { detectIn, lineOf } from './gitInputs';

const run = (path: string, before: string | undefined, after: string) => detectIn(errorSwallowed, path, before, after);

describe('ERROR_SWALLOWED', () => {
  describe('Go', () => {
    const before = `package store

func (s *Store) Save(ctx context.Context, r Record) error {
	res, err := s.db.ExecContext(ctx, "UPDATE r SET v = $1", r.V)
	if err != nil {
		return err
	}
	_ = res
	return nil
}
`;
    it('flags an error check emptied by the commit', () => {
      const after = before.replace('\t\treturn err\n', '');
      const f = run('store/save.go', before, after);
      assert.equal(f.length, 1, JSON.stringify(f));
      assert.equal(f[0].line, 5);
      assert.match(f[0].message, /empty body/);
    });
    it('flags `_ = err`, a dropped error that used to be checked, and a bare tx.Commit()', () => {
      const after = `package store

func (s *Store) Save(ctx context.Context, tx *sql.Tx, r Record) error {
	res, _ := s.db.ExecContext(ctx, "UPDATE r SET v = $1", r.V)
	_ = res
	err := notify(r)
	_ = err
	tx.Commit()
	return nil
}
`;
      const f = run('store/save.go', before, after);
      assert.deepEqual(f.map((x) => x.line), [4, 7, 8], JSON.stringify(f));
      assert.match(f[0].message, /it was checked before this change/);
    });
    it('does not flag handled errors, deferred Close/Rollback or a `_` for a non-error value', () => {
      const after = `package store

func (s *Store) Save(ctx context.Context, tx *sql.Tx, m map[string]int) error {
	defer tx.Rollback()
	if err := s.flush(); err != nil {
		return fmt.Errorf("flush: %w", err)
	}
	for k, _ := range m {
		log.Println(k)
	}
	v, _ := m["a"]
	_ = v
	return tx.Commit()
}
`;
      assert.deepEqual(run('store/save.go', undefined, after), []);
    });
  });

  describe('TypeScript / JavaScript', () => {
    it('flags an empty catch block and a promise .catch(() => {})', () => {
      const after = `export async function sync(api) {
  try {
    await api.push();
  } catch (e) {
  }
  api.flush().catch(() => {});
}
`;
      const f = run('src/sync.ts', undefined, after);
      assert.deepEqual(f.map((x) => x.line), [4, 6], JSON.stringify(f));
    });
    it('does not flag a catch that logs or rethrows', () => {
      const after = `export async function sync(api) {
  try {
    await api.push();
  } catch (e) {
    logger.error(e);
    throw e;
  }
  await api.flush().catch((e) => log.warn('flush failed', e));
}
`;
      assert.deepEqual(run('src/sync.js', undefined, after), []);
    });
    it('does not flag an empty catch the commit did not touch', () => {
      const text = `export function parse(s) {\n  try {\n    return JSON.parse(s);\n  } catch {}\n}\n`;
      assert.deepEqual(run('src/p.js', text, text + 'export const x = 1;\n'), []);
    });
  });

  describe('Python', () => {
    it('flags `except: pass`, a one-line `except Exception: pass` and contextlib.suppress(Exception)', () => {
      const after = `def sync(api):
    try:
        api.push()
    except:
        pass
    try:
        api.flush()
    except Exception: pass
    with contextlib.suppress(Exception):
        api.close()
`;
      const f = run('app/sync.py', undefined, after);
      assert.deepEqual(f.map((x) => x.line).sort((a, b) => a - b), [4, 8, 9], JSON.stringify(f));
      assert.ok(f.find((x) => x.line === 4)!.confidence >= 0.7);
    });
    it('does not flag a narrow `except KeyError: pass` or a handler that logs', () => {
      const after = `def get(d, k):
    try:
        return d[k]
    except KeyError:
        pass
    try:
        return load(k)
    except Exception as e:
        log.exception(e)
        raise
`;
      assert.deepEqual(run('app/get.py', undefined, after), []);
    });
  });

  describe('Java', () => {
    it('flags an empty catch (Exception e) and rates a commented one lower', () => {
      const after = `class Sync {
  void run() {
    try {
      api.push();
    } catch (Exception e) {}
    try {
      api.flush();
    } catch (IOException e) {
      // ignore
    }
  }
}
`;
      const f = run('src/main/java/Sync.java', undefined, after);
      assert.equal(f.length, 2, JSON.stringify(f));
      assert.equal(f[0].line, lineOf(after, 'catch (Exception e) {}'));
      assert.ok(f[0].confidence > f[1].confidence);
    });
    it('does not flag a catch that wraps and rethrows', () => {
      const after = `class Sync {
  void run() {
    try {
      api.push();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
`;
      assert.deepEqual(run('src/main/java/Sync.java', undefined, after), []);
    });
  });
});
