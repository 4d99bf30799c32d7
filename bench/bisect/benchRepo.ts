import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from './rng';

/**
 * The benchmark's repositories, built once per size with `git fast-import`:
 * a base commit, then `size` commits. Commit i writes VERSION = i (the flaky
 * test script reads it to decide "broken": VERSION >= k), so one repository
 * serves every seed: the planted culprit is chosen per seed, among the
 * "risky" commits. Each risky commit makes a plausible production change in
 * its own file of the payment service (pool sizes, a dropped timeout, a
 * cache without eviction, a duplicated call); the rest is noise (docs, tests,
 * another service). The analysis sees the same repository plus a per-seed log
 * that points at the planted commit's line.
 */
export interface RiskyCommit {
  /** Commit index (1..size); the commit's sha is shas[index]. */
  index: number;
  file: string;
  /** The line the change wrote (1-based, in the file at the tip). */
  line: number;
  /** What a production log says when that change breaks things. */
  logMessage: string;
}

export interface BenchRepo {
  dir: string;
  size: number;
  /** shas[0] is the base (the known-good end), shas[size] the tip (the bad end). */
  shas: string[];
  risky: RiskyCommit[];
  /** Commit i's committer time (epoch ms). */
  times: number[];
  /** When the alert fired (after the tip). */
  alertTime: string;
}

const BASE_TIME = Date.UTC(2024, 2, 4, 8, 0, 0);
const SPAN_MS = 5 * 86_400_000;
const AUTHORS = ['Alice Chen', 'Bob Okafor', 'Carla Diaz', 'Dmitri Ivanov', 'Erin Walsh', 'Farid Haddad'];

type Kind = 'pool' | 'timeout' | 'cache' | 'duplicate';
const KINDS: Kind[] = ['pool', 'timeout', 'cache', 'duplicate'];

/** The file of risky commit j: before (base) and after (its change), and where the change sits. */
function riskyFile(j: number, kind: Kind): { path: string; before: string; after: string; line: number; message: string; subject: string } {
  const head = 'package internal\n\nimport (\n\t"context"\n\t"database/sql"\n\t"time"\n)\n\n';
  switch (kind) {
    case 'pool':
      return {
        path: `services/payment/internal/pool_${j}.go`,
        before: `${head}// ConfigureShard${j} tunes the connection pool of shard ${j}.\nfunc ConfigureShard${j}(db *sql.DB) {\n\tdb.SetMaxOpenConns(50)\n\tdb.SetMaxIdleConns(10)\n\tdb.SetConnMaxLifetime(30 * time.Minute)\n}\n`,
        after: `${head}// ConfigureShard${j} tunes the connection pool of shard ${j}.\nfunc ConfigureShard${j}(db *sql.DB) {\n\tdb.SetMaxOpenConns(200)\n\tdb.SetMaxIdleConns(10)\n\tdb.SetConnMaxLifetime(30 * time.Second)\n}\n`,
        line: 11,
        message: `database connection pool exhausted on shard ${j}: timed out waiting for a connection`,
        subject: `perf(payment): raise connection pool limits for shard ${j}`,
      };
    case 'timeout':
      return {
        path: `services/payment/internal/gateway_${j}.go`,
        before: `${head}// Charge${j} calls the acquirer for region ${j}.\nfunc Charge${j}(ctx context.Context, db *sql.DB, id string) error {\n\tctx, cancel := context.WithTimeout(ctx, 2*time.Second)\n\tdefer cancel()\n\t_, err := db.ExecContext(ctx, "UPDATE payments SET state = 'charged' WHERE id = $1", id)\n\treturn err\n}\n`,
        after: `${head}// Charge${j} calls the acquirer for region ${j}.\nfunc Charge${j}(ctx context.Context, db *sql.DB, id string) error {\n\tctx, cancel := context.WithCancel(ctx)\n\tdefer cancel()\n\t_, err := db.ExecContext(ctx, "UPDATE payments SET state = 'charged' WHERE id = $1", id)\n\treturn err\n}\n`,
        line: 11,
        message: `context deadline exceeded charging payment in region ${j}`,
        subject: `refactor(payment): simplify the charge path for region ${j}`,
      };
    case 'cache':
      return {
        path: `services/payment/internal/cache_${j}.go`,
        before: `${head}var rates${j} = map[string]float64{}\n\n// Rate${j} looks up a currency rate for market ${j}.\nfunc Rate${j}(ctx context.Context, db *sql.DB, cur string) (float64, error) {\n\tvar r float64\n\terr := db.QueryRowContext(ctx, "SELECT rate FROM fx WHERE cur = $1", cur).Scan(&r)\n\treturn r, err\n}\n`,
        after: `${head}var rates${j} = map[string]float64{}\n\n// Rate${j} looks up a currency rate for market ${j}.\nfunc Rate${j}(ctx context.Context, db *sql.DB, cur string) (float64, error) {\n\tif r, ok := rates${j}[cur]; ok {\n\t\treturn r, nil\n\t}\n\tvar r float64\n\terr := db.QueryRowContext(ctx, "SELECT rate FROM fx WHERE cur = $1", cur).Scan(&r)\n\trates${j}[cur] = r\n\treturn r, err\n}\n`,
        line: 18,
        message: `memory limit reached: rates cache for market ${j} grew without bound`,
        subject: `feat(payment): cache currency rates for market ${j}`,
      };
    case 'duplicate':
      return {
        path: `services/payment/internal/ledger_${j}.go`,
        before: `${head}// Record${j} writes a ledger entry for book ${j}.\nfunc Record${j}(ctx context.Context, db *sql.DB, id string, amount int64) error {\n\t_, err := db.ExecContext(ctx, "INSERT INTO ledger (id, amount) VALUES ($1, $2)", id, amount)\n\treturn err\n}\n`,
        after: `${head}// Record${j} writes a ledger entry for book ${j}.\nfunc Record${j}(ctx context.Context, db *sql.DB, id string, amount int64) error {\n\t_, err := db.ExecContext(ctx, "INSERT INTO ledger (id, amount) VALUES ($1, $2)", id, amount)\n\t_, err = db.ExecContext(ctx, "INSERT INTO ledger (id, amount) VALUES ($1, $2)", id, amount)\n\treturn err\n}\n`,
        line: 12,
        message: `duplicate key value violates unique constraint "ledger_pkey" in book ${j}`,
        subject: `fix(payment): make sure ledger entries for book ${j} are written`,
      };
  }
}

export function buildBenchRepo(dir: string, size: number, seed = 1): BenchRepo {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const git = (args: string[], input?: string) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', input, maxBuffer: 1 << 28, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  git(['init', '-q', '-b', 'main']);
  for (const [k, v] of [['user.name', 'Bench'], ['user.email', 'bench@example.invalid'], ['gc.auto', '0'], ['commit.gpgsign', 'false']]) git(['config', k, v]);

  const r = rng(seed * 1_000_003 + size);
  // A realistic share of risky-looking changes: 16 in 64 commits, 64 in the larger histories (the rest is noise).
  const riskyCount = Math.min(64, Math.max(16, Math.floor(size / 4)));
  const riskyAt = new Set<number>();
  while (riskyAt.size < Math.min(riskyCount, size)) riskyAt.add(1 + Math.floor(r() * size));
  const order = [...riskyAt].sort((a, b) => a - b);
  const files = order.map((idx, j) => ({ idx, ...riskyFile(j, KINDS[j % KINDS.length]) }));

  const times: number[] = [];
  const parts: string[] = [];
  const data = (s: string) => `data ${Buffer.byteLength(s)}\n${s}\n`;
  const put = (path: string, content: string) => `M 100644 inline ${path}\n${data(content)}`;
  let changelog = '# Changelog\n';
  for (let i = 0; i <= size; i++) {
    const t = BASE_TIME + Math.round((i * SPAN_MS) / size);
    times.push(t);
    const who = AUTHORS[i % AUTHORS.length];
    const email = `${who.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`;
    let subject: string;
    let body = put('VERSION', `${i}\n`);
    if (i === 0) {
      subject = 'chore: import the payment platform';
      body += put('.forensics.json', JSON.stringify({ services: { 'payment-gateway': ['services/payment/**'] }, lookbackDays: 7 }, null, 2) + '\n');
      body += put('services/payment/internal/server.go', 'package internal\n\n// Serve starts the payment API.\nfunc Serve() error {\n\treturn nil\n}\n');
      body += put('services/search/handler.go', 'package search\n\n// Handle answers a query.\nfunc Handle(q string) string {\n\treturn q\n}\n');
      body += put('docs/CHANGELOG.md', changelog);
      for (const f of files) body += put(f.path, f.before);
    } else if (riskyAt.has(i)) {
      const f = files.find((x) => x.idx === i)!;
      subject = f.subject;
      body += put(f.path, f.after);
    } else {
      const kind = Math.floor(r() * 4);
      if (kind <= 1) {
        changelog += `- entry ${i}\n`;
        subject = `docs: changelog entry ${i}`;
        body += put('docs/CHANGELOG.md', changelog);
      } else if (kind === 2) {
        subject = `feat(search): tweak ranking ${i}`;
        body += put('services/search/handler.go', `package search\n\n// Handle answers a query (revision ${i}).\nfunc Handle(q string) string {\n\treturn q\n}\n`);
      } else {
        subject = `test(payment): cover case ${i}`;
        body += put(`services/payment/internal/server_${i % 7}_test.go`, `package internal\n\nimport "testing"\n\nfunc TestCase${i}(t *testing.T) {\n\tif Serve() != nil {\n\t\tt.Fatal("serve")\n\t}\n}\n`);
      }
    }
    const stamp = `${Math.floor(t / 1000)} +0000`;
    parts.push(`commit refs/heads/main\nmark :${i + 1}\nauthor ${who} <${email}> ${stamp}\ncommitter ${who} <${email}> ${stamp}\n${data(subject)}${i > 0 ? `from :${i}\n` : ''}${body}\n`);
  }
  const fi = spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, input: parts.join(''), maxBuffer: 1 << 28 });
  if (fi.status !== 0) throw new Error(`git fast-import failed: ${fi.stderr}`);
  git(['checkout', '-q', '-f', 'main']);
  const shas = git(['rev-list', '--reverse', 'main']).trim().split('\n');
  if (shas.length !== size + 1) throw new Error(`expected ${size + 1} commits, got ${shas.length}`);
  writeFileSync(join(dir, '.git', 'info', 'exclude'), 'logs/\n');
  return {
    dir,
    size,
    shas,
    risky: files.map((f) => ({ index: f.idx, file: f.path, line: f.line, logMessage: f.message })),
    times,
    alertTime: new Date(times[size] + 45 * 60_000).toISOString(),
  };
}
