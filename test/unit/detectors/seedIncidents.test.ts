import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { runDetectors } from '../../../src/engine/detectors/registry';
import type { DetectorInput, Finding } from '../../../src/engine/model';
import { classifyRisk } from '../../../src/engine/signals/classifyRisk';
import { GitWriter } from '../../../src/scenarios/gitWriter';
import { tempDir } from '../../support/tmp';
import { inputsFromCommit } from './gitInputs';

/**
 * The three incidents of the product's origin scenarios, committed into real
 * repositories and read back with `git show`, so line numbers are git's.
 */

const POOL_BEFORE = `// Package database owns the payment gateway's PostgreSQL connection pool.
package database

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"os"
	"time"

	_ "github.com/lib/pq"

	"payment-gateway/metrics"
)

func InitDatabasePool() (*sql.DB, error) {
	db.SetMaxOpenConns(50)
	db.SetMaxIdleConns(10)

	// No prepared statement cache
	if err := db.PingContext(context.Background()); err != nil {
		return nil, fmt.Errorf("ping: %w", err)
	}
	metrics.PoolConfigured()
	return db, nil
}

var db = mustOpen()

func mustOpen() *sql.DB {
	d, err := sql.Open("postgres", os.Getenv("DATABASE_URL"))
	if err != nil {
		panic(err)
	}
	return d
}

// Acquire waits up to five seconds for a free connection.
func Acquire(ctx context.Context) (*sql.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	conn, err := db.Conn(ctx)
	if err != nil {
		log.Printf("Failed to acquire connection: timeout after 5s")
		return nil, err
	}
	return conn, nil
}
`;

const POOL_AFTER = POOL_BEFORE.replace(
  `	db.SetMaxOpenConns(50)
	db.SetMaxIdleConns(10)

	// No prepared statement cache
`,
  `	db.SetMaxOpenConns(200)
	db.SetMaxIdleConns(50)
	db.SetConnMaxLifetime(30 * time.Minute)

	// Enable prepared statement cache
	db.SetMaxIdleConns(100) // ⚠️ DUPLICATE SetMaxIdleConns call!
	log.Printf("Connection pool adjusted: maxIdle=%d", 100)
`,
);

const SESSION_BEFORE = `package session

import (
	"context"
	"database/sql"
	"time"
)

type Session struct {
	ID        string
	UserID    string
	ExpiresAt time.Time
}

type Manager struct {
	db *sql.DB
}

func NewManager(db *sql.DB) *Manager {
	return &Manager{db: db}
}

func (m *Manager) Get(ctx context.Context, id string) (*Session, error) {
	s := &Session{ID: id}
	err := m.db.QueryRowContext(ctx, "SELECT user_id, expires_at FROM sessions WHERE id = $1", id).Scan(&s.UserID, &s.ExpiresAt)
	if err != nil {
		return nil, err
	}
	return s, nil
}
`;

const SESSION_AFTER = `package session

import (
	"context"
	"database/sql"
	"sync"
	"time"
)

type Session struct {
	ID        string
	UserID    string
	ExpiresAt time.Time
}

type Manager struct {
	db           *sql.DB
	mu           sync.RWMutex
	sessionCache map[string]*Session
}

func NewManager(db *sql.DB) *Manager {
	return &Manager{db: db, sessionCache: make(map[string]*Session)}
}

func (m *Manager) Get(ctx context.Context, id string) (*Session, error) {
	m.mu.RLock()
	if s, ok := m.sessionCache[id]; ok {
		m.mu.RUnlock()
		return s, nil
	}
	m.mu.RUnlock()
	s := &Session{ID: id}
	err := m.db.QueryRowContext(ctx, "SELECT user_id, expires_at FROM sessions WHERE id = $1", id).Scan(&s.UserID, &s.ExpiresAt)
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	m.sessionCache[id] = s
	m.mu.Unlock()
	return s, nil
}
`;

const PHI_BEFORE = `package records

import (
	"context"
	"database/sql"
)

type PatientRecord struct {
	ID       string
	Payload  []byte
	Checksum string
}

type Store struct{ db *sql.DB }

// SaveRecords writes a batch of records atomically.
func (s *Store) SaveRecords(ctx context.Context, records []PatientRecord) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, r := range records {
		if _, err := tx.ExecContext(ctx, "UPDATE patient_records SET payload = $1, checksum = $2 WHERE id = $3", r.Payload, r.Checksum, r.ID); err != nil {
			return err
		}
	}
	return tx.Commit()
}
`;

const PHI_AFTER = `package records

import (
	"context"
	"database/sql"

	"golang.org/x/sync/errgroup"
)

type PatientRecord struct {
	ID       string
	Payload  []byte
	Checksum string
}

type Store struct{ db *sql.DB }

// SaveRecords writes a batch of records in parallel.
func (s *Store) SaveRecords(ctx context.Context, records []PatientRecord) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, r := range records {
		r := r
		g.Go(func() error {
			_, err := s.db.ExecContext(ctx, "UPDATE patient_records SET payload = $1, checksum = $2 WHERE id = $3", r.Payload, r.Checksum, r.ID)
			return err
		})
	}
	return g.Wait()
}
`;

function commitPair(name: string, path: string, before: string, after: string, subject: string): DetectorInput[] {
  const w = new GitWriter(join(tempDir('ifx-seed-'), name)).init();
  w.write(path, before).commit('initial import', { date: '2024-01-10T08:00:00Z' });
  w.write('README.md', '# service\n').commit('docs: readme', { date: '2024-01-11T08:00:00Z' });
  const sha = w.write(path, after).commit(subject, { date: '2024-01-18T08:30:15Z', author: 'bob' });
  return inputsFromCommit(w, sha);
}

const byPattern = (fs: Finding[], p: string): Finding[] => fs.filter((f) => f.pattern === p);

describe('seed incidents through real git', () => {
  it('incident 1: duplicate SetMaxIdleConns in pool.go is found at line 23 with a fix', () => {
    const path = 'services/payment-gateway/database/pool.go';
    const inputs = commitPair('payment', path, POOL_BEFORE, POOL_AFTER, 'refactor(payment): optimize database connection pooling');
    assert.equal(inputs.length, 1);
    const findings = runDetectors(inputs[0]);
    const dup = byPattern(findings, 'DUPLICATE_METHOD_CALL');
    assert.equal(dup.length, 1);
    assert.equal(dup[0].file, path);
    assert.equal(dup[0].line, 23);
    assert.match(dup[0].message, /db\.SetMaxIdleConns called twice \(50, then 100\); the second call overrides the first/);
    assert.ok(dup[0].confidence >= 0.8);
    assert.deepEqual(dup[0].fix, { file: path, startLine: 23, endLine: 23, replacement: '', title: 'Remove the duplicated SetMaxIdleConns call' });
    assert.ok(dup[0].excerpt!.split('\n').length <= 7);
    assert.match(dup[0].excerpt!, /db\.SetMaxIdleConns\(100\)/);
    // Line 23 of the committed file really is the duplicate.
    assert.equal(inputs[0].after!.split('\n')[22].trim(), 'db.SetMaxIdleConns(100) // ⚠️ DUPLICATE SetMaxIdleConns call!');
    // The hunk is the seed's: starts at the import block's closing paren, lines 15.. of both versions.
    const h = inputs[0].file.hunks[0];
    assert.deepEqual([h.oldStart, h.newStart, h.context], [15, 15, 'import (']);
    assert.deepEqual(h.lines.filter((l) => l.kind !== ' ').map((l) => l.kind + l.text.trim()), [
      '-db.SetMaxOpenConns(50)', '-db.SetMaxIdleConns(10)', '+db.SetMaxOpenConns(200)', '+db.SetMaxIdleConns(50)',
      '+db.SetConnMaxLifetime(30 * time.Minute)', '-// No prepared statement cache', '+// Enable prepared statement cache',
      '+db.SetMaxIdleConns(100) // ⚠️ DUPLICATE SetMaxIdleConns call!', '+log.Printf("Connection pool adjusted: maxIdle=%d", 100)',
    ]);
    const cfg = byPattern(findings, 'CONFIG_VALUE_CHANGED');
    const open = cfg.find((f) => /MaxOpenConns/.test(f.message))!;
    assert.match(open.message, /MaxOpenConns 50 → 200 \(×4/);
    assert.equal(open.line, 18);
    const idle = cfg.find((f) => /MaxIdleConns/.test(f.message))!;
    assert.match(idle.message, /MaxIdleConns 10 → 100 \(×10.*also set to 50/);
    const kinds = classifyRisk(inputs[0]).map((s) => s.kind);
    assert.ok(kinds.includes('pool') && kinds.includes('database'), kinds.join());
  });

  it('incident 2: the session cache without eviction is an unbounded cache', () => {
    const path = 'services/auth-service/session/manager.go';
    const inputs = commitPair('auth', path, SESSION_BEFORE, SESSION_AFTER, 'feat(auth): implement session caching');
    const findings = runDetectors(inputs[0]);
    const cache = byPattern(findings, 'UNBOUNDED_CACHE');
    assert.equal(cache.length, 1, JSON.stringify(findings));
    assert.equal(cache[0].line, inputs[0].after!.split('\n').findIndex((l) => l.includes('m.sessionCache[id] = s')) + 1);
    assert.match(cache[0].message, /m\.sessionCache \(declared at line 19\) grows without bound/);
    assert.ok(cache[0].confidence >= 0.7);
    assert.ok(classifyRisk(inputs[0]).some((s) => s.kind === 'cache'));
    // The same file with a janitor that deletes expired sessions is bounded.
    const bounded = SESSION_AFTER + `
func (m *Manager) sweep(now time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for id, s := range m.sessionCache {
		if now.After(s.ExpiresAt) {
			delete(m.sessionCache, id)
		}
	}
}
`;
    const fixed = commitPair('auth-fixed', path, SESSION_BEFORE, bounded, 'feat(auth): session caching with sweep');
    assert.deepEqual(byPattern(runDetectors(fixed[0]), 'UNBOUNDED_CACHE'), []);
  });

  it('incident 3: parallelized PHI writes lose their SERIALIZABLE transaction', () => {
    const path = 'services/phi-service/records/store.go';
    const inputs = commitPair('phi', path, PHI_BEFORE, PHI_AFTER, 'perf(phi): parallelize database writes');
    const findings = byPattern(runDetectors(inputs[0]), 'MISSING_TRANSACTION_ISOLATION');
    const lines = inputs[0].after!.split('\n');
    const goLine = lines.findIndex((l) => l.includes('g.Go(func() error {')) + 1;
    const parallel = findings.find((f) => f.line === goLine + 1);
    assert.ok(parallel, JSON.stringify(findings));
    assert.match(parallel!.message, new RegExp(`\\(ExecContext\\) run concurrently via errgroup goroutines \\(line ${goLine}\\) without a transaction`));
    assert.ok(parallel!.confidence >= 0.7);
    assert.ok(findings.some((f) => /SERIALIZABLE isolation removed/.test(f.message)), JSON.stringify(findings));
    assert.ok(findings.some((f) => /transaction removed/.test(f.message)));
    const kinds = classifyRisk(inputs[0]).map((s) => s.kind);
    assert.ok(kinds.includes('concurrency') && kinds.includes('database'), kinds.join());
  });
});
