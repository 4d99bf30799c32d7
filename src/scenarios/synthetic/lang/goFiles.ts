import type { ServiceCtx, ServiceTemplate } from '../types';

/** A small Go service: pool, repository, handler, cache, client, config, money, auth middleware. */
export function goTemplate(c: ServiceCtx): ServiceTemplate {
  const mod = `github.com/acme/${c.name}`;
  const files: Record<string, string> = {
    'go.mod': `module ${mod}\n\ngo 1.22\n\nrequire (\n\tgithub.com/lib/pq v1.10.9\n\tgolang.org/x/sync v0.7.0\n)\n`,
    'database/pool.go': `package database

import (
\t"context"
\t"database/sql"
\t"fmt"
\t"log/slog"
\t"time"

\t"${mod}/config"
)

// Pool wraps the service's shared connection pool.
type Pool struct {
\tdb      *sql.DB
\ttimeout time.Duration
}

func InitDatabasePool(cfg config.Config) (*Pool, error) {
\tdb, err := sql.Open("postgres", cfg.DatabaseURL)
\tif err != nil {
\t\treturn nil, fmt.Errorf("open database: %w", err)
\t}
\tdb.SetMaxOpenConns(cfg.MaxOpenConns)
\tdb.SetMaxIdleConns(10)
\tdb.SetConnMaxLifetime(30 * time.Minute)
\treturn &Pool{db: db, timeout: cfg.AcquireTimeout}, nil
}

func (p *Pool) Acquire(ctx context.Context) (*sql.Conn, error) {
\tctx, cancel := context.WithTimeout(ctx, p.timeout)
\tdefer cancel()
\tconn, err := p.db.Conn(ctx)
\tif err != nil {
\t\tslog.Error("Failed to acquire connection", "timeout", p.timeout, "err", err)
\t\treturn nil, fmt.Errorf("acquire connection: %w", err)
\t}
\treturn conn, nil
}

func (p *Pool) DB() *sql.DB {
\treturn p.db
}

func (p *Pool) Stats() sql.DBStats {
\treturn p.db.Stats()
}
`,
    [`repository/${c.es}.go`]: `package repository

import (
\t"context"
\t"database/sql"
\t"fmt"
\t"log/slog"

\t"github.com/lib/pq"
\t"${mod}/database"
)

type ${c.E} struct {
\tID       string
\tTenantID string
\tAmount   float64
\tStatus   string
}

type ${c.E}Repository struct {
\tpool *database.Pool
\tdb   *sql.DB
}

func (r *${c.E}Repository) List${c.E}s(ctx context.Context, tenantID string, ids []string) ([]${c.E}, error) {
\tconn, err := r.pool.Acquire(ctx)
\tif err != nil {
\t\treturn nil, err
\t}
\tdefer conn.Close()
\trows, err := conn.QueryContext(ctx, "SELECT id, tenant_id, amount, status FROM ${c.tbl} WHERE tenant_id = $1 AND id = ANY($2)", tenantID, pq.Array(ids))
\tif err != nil {
\t\treturn nil, fmt.Errorf("list ${c.es}: %w", err)
\t}
\tdefer rows.Close()
\treturn scan${c.E}s(rows)
}

func (r *${c.E}Repository) Find${c.E}(ctx context.Context, tenantID, id string) (*${c.E}, error) {
\trow := r.db.QueryRowContext(ctx, "SELECT id, tenant_id, amount, status FROM ${c.tbl} WHERE id = $1 AND tenant_id = $2", id, tenantID)
\tvar e ${c.E}
\tif err := row.Scan(&e.ID, &e.TenantID, &e.Amount, &e.Status); err != nil {
\t\treturn nil, fmt.Errorf("find ${c.e} %s: %w", id, err)
\t}
\tif e.TenantID != tenantID {
\t\treturn nil, fmt.Errorf("tenant mismatch for ${c.e} %s", id)
\t}
\treturn &e, nil
}

func (r *${c.E}Repository) Save${c.E}(ctx context.Context, e *${c.E}, cents int64) error {
\t_, err := r.db.ExecContext(ctx, "UPDATE ${c.tbl} SET amount_cents = $1, status = 'processed' WHERE id = $2", cents, e.ID)
\treturn err
}

func (r *${c.E}Repository) ApplyAdjustments(ctx context.Context, adj []Adjustment) error {
\ttx, err := r.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
\tif err != nil {
\t\treturn err
\t}
\tdefer tx.Rollback()
\tfor _, a := range adj {
\t\tif _, err := tx.ExecContext(ctx, "UPDATE ${c.tbl} SET amount = amount + $1 WHERE id = $2", a.Delta, a.ID); err != nil {
\t\t\treturn fmt.Errorf("apply adjustment %s: %w", a.ID, err)
\t\t}
\t}
\treturn tx.Commit()
}

func (r *${c.E}Repository) Archive${c.E}(ctx context.Context, id string) error {
\tif _, err := r.db.ExecContext(ctx, "UPDATE ${c.tbl} SET status = 'archived' WHERE id = $1", id); err != nil {
\t\treturn err
\t}
\t_, err := r.db.ExecContext(ctx, "INSERT INTO ${c.e}_audit (${c.e}_id, action) VALUES ($1, 'archive')", id)
\treturn err
}

func (r *${c.E}Repository) VerifyChecksum(ctx context.Context, id string) error {
\tvar stored, computed string
\tif err := r.db.QueryRowContext(ctx, "SELECT checksum, md5(amount::text || status) FROM ${c.tbl} WHERE id = $1", id).Scan(&stored, &computed); err != nil {
\t\treturn err
\t}
\tif stored != computed {
\t\tslog.Error("checksum mismatch", "${c.e}", id)
\t\treturn fmt.Errorf("checksum mismatch for ${c.e} %s", id)
\t}
\treturn nil
}

func scan${c.E}s(rows *sql.Rows) ([]${c.E}, error) {
\tvar out []${c.E}
\tfor rows.Next() {
\t\tvar e ${c.E}
\t\tif err := rows.Scan(&e.ID, &e.TenantID, &e.Amount, &e.Status); err != nil {
\t\t\treturn nil, err
\t\t}
\t\tout = append(out, e)
\t}
\treturn out, rows.Err()
}
`,
    [`handlers/${c.es}.go`]: `package handlers

import (
\t"log/slog"
\t"net/http"
\t"strings"
\t"time"

\t"${mod}/cache"
\t"${mod}/client"
\t"${mod}/money"
\t"${mod}/repository"
)

type Handler struct {
\trepo     *repository.${c.E}Repository
\tsessions *cache.SessionCache
\tupstream *client.UpstreamClient
}

func (h *Handler) Process${c.E}(w http.ResponseWriter, r *http.Request) {
\tstart := time.Now()
\tctx := r.Context()
\ttenantID := r.Header.Get("X-Tenant-ID")
\tid := r.URL.Query().Get("id")
\titem, err := h.repo.Find${c.E}(ctx, tenantID, id)
\tif err != nil {
\t\tslog.Error("process ${c.e} failed", "id", id, "err", err)
\t\thttp.Error(w, "internal error", http.StatusInternalServerError)
\t\treturn
\t}
\tprofile, err := h.upstream.FetchProfile(ctx, item.TenantID)
\tif err != nil {
\t\tslog.Warn("profile lookup failed", "tenant", item.TenantID, "err", err)
\t}
\tamount := money.ToMinorUnits(item.Amount)
\tif err := money.ValidateAmount(amount); err != nil {
\t\tslog.Error("invalid ${c.e} amount", "id", id, "err", err)
\t\thttp.Error(w, "invalid amount", http.StatusUnprocessableEntity)
\t\treturn
\t}
\tif err := h.repo.Save${c.E}(ctx, item, amount); err != nil {
\t\tslog.Error("save ${c.e} failed", "id", id, "err", err)
\t\thttp.Error(w, "internal error", http.StatusInternalServerError)
\t\treturn
\t}
\twriteJSON(w, http.StatusOK, map[string]any{"id": item.ID, "profile": profile, "amount": amount})
\tslog.Info("request completed", "path", r.URL.Path, "status", 200, "duration", time.Since(start))
}

func (h *Handler) List${c.E}s(w http.ResponseWriter, r *http.Request) {
\tids := strings.Split(r.URL.Query().Get("ids"), ",")
\titems, err := h.repo.List${c.E}s(r.Context(), r.Header.Get("X-Tenant-ID"), ids)
\tif err != nil {
\t\tslog.Error("list ${c.es} failed", "err", err)
\t\thttp.Error(w, "internal error", http.StatusInternalServerError)
\t\treturn
\t}
\twriteJSON(w, http.StatusOK, items)
}

func (h *Handler) Get${c.E}(w http.ResponseWriter, r *http.Request) {
\titem, err := h.repo.Find${c.E}(r.Context(), r.Header.Get("X-Tenant-ID"), r.URL.Query().Get("id"))
\tif err != nil {
\t\tslog.Warn("get ${c.e} failed", "err", err)
\t\thttp.Error(w, "not found", http.StatusNotFound)
\t\treturn
\t}
\twriteJSON(w, http.StatusOK, item)
}
`,
    'cache/sessions.go': `package cache

import (
\t"sync"
\t"time"
)

type Session struct {
\tUserID    string
\tExpiresAt time.Time
}

type cacheEntry struct {
\tsession *Session
\texpires time.Time
}

type SessionCache struct {
\tmu         sync.Mutex
\tentries    map[string]cacheEntry
\tmaxEntries int
\tttl        time.Duration
}

func NewSessionCache(maxEntries int, ttl time.Duration) *SessionCache {
\treturn &SessionCache{entries: make(map[string]cacheEntry), maxEntries: maxEntries, ttl: ttl}
}

func (c *SessionCache) Get(key string) (*Session, bool) {
\tc.mu.Lock()
\tdefer c.mu.Unlock()
\te, ok := c.entries[key]
\tif !ok || time.Now().After(e.expires) {
\t\treturn nil, false
\t}
\treturn e.session, true
}

func (c *SessionCache) Put(key string, s *Session) {
\tc.mu.Lock()
\tdefer c.mu.Unlock()
\tif len(c.entries) >= c.maxEntries {
\t\tc.evictOldest()
\t}
\tc.entries[key] = cacheEntry{session: s, expires: time.Now().Add(c.ttl)}
}

func (c *SessionCache) evictOldest() {
\tvar oldestKey string
\tvar oldest time.Time
\tfor k, e := range c.entries {
\t\tif oldestKey == "" || e.expires.Before(oldest) {
\t\t\toldestKey, oldest = k, e.expires
\t\t}
\t}
\tdelete(c.entries, oldestKey)
}
`,
    'client/upstream.go': `package client

import (
\t"context"
\t"encoding/json"
\t"fmt"
\t"net/http"
\t"time"
)

type Profile struct {
\tTenantID string \`json:"tenant_id"\`
\tTier     string \`json:"tier"\`
}

type UpstreamClient struct {
\tname    string
\tbaseURL string
\thttp    *http.Client
}

func (c *UpstreamClient) FetchProfile(ctx context.Context, tenantID string) (*Profile, error) {
\tctx, cancel := context.WithTimeout(ctx, 2*time.Second)
\tdefer cancel()
\treq, err := http.NewRequestWithContext(ctx, http.MethodGet, c.baseURL+"/profiles/"+tenantID, nil)
\tif err != nil {
\t\treturn nil, err
\t}
\tresp, err := c.http.Do(req)
\tif err != nil {
\t\treturn nil, fmt.Errorf("fetch profile: %w", err)
\t}
\tdefer resp.Body.Close()
\tif resp.StatusCode >= 500 {
\t\treturn nil, fmt.Errorf("upstream %s returned %d", c.name, resp.StatusCode)
\t}
\tvar p Profile
\tif err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
\t\treturn nil, fmt.Errorf("decode profile: %w", err)
\t}
\treturn &p, nil
}
`,
    'config/config.go': `package config

import "time"

type Config struct {
\tDatabaseURL    string
\tMaxOpenConns   int
\tAcquireTimeout time.Duration
\tSessionTTL     time.Duration
\tMaxSessions    int
\tBatchSize      int
}

func Load() Config {
\treturn Config{
\t\tDatabaseURL:    env("DATABASE_URL", "postgres://localhost/${c.tbl}"),
\t\tMaxOpenConns:   envInt("DB_MAX_OPEN_CONNS", 50),
\t\tAcquireTimeout: envDuration("DB_ACQUIRE_TIMEOUT", 5*time.Second),
\t\tSessionTTL:     envDuration("SESSION_TTL", 15*time.Minute),
\t\tMaxSessions:    envInt("MAX_SESSIONS", 10000),
\t\tBatchSize:      envInt("BATCH_SIZE", 100),
\t}
}
`,
    'money/amount.go': `package money

import (
\t"fmt"
\t"math"
)

const MaxAmountCents = 5_000_000

// ToMinorUnits converts a decimal amount to cents.
func ToMinorUnits(amount float64) int64 {
\treturn int64(math.Round(amount * 100))
}

func ValidateAmount(cents int64) error {
\tif cents <= 0 || cents > MaxAmountCents {
\t\treturn fmt.Errorf("amount out of range: %d", cents)
\t}
\treturn nil
}
`,
    'middleware/auth.go': `package middleware

import (
\t"log/slog"
\t"net/http"
\t"time"

\t"${mod}/cache"
)

func RequireSession(next http.Handler, sessions *cache.SessionCache) http.Handler {
\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
\t\ts, ok := sessions.Get(r.Header.Get("Authorization"))
\t\tif !ok {
\t\t\tslog.Warn("session not found", "path", r.URL.Path)
\t\t\thttp.Error(w, "unauthorized", http.StatusUnauthorized)
\t\t\treturn
\t\t}
\t\tif s.ExpiresAt.Before(time.Now()) {
\t\t\tslog.Warn("session expired", "user", s.UserID)
\t\t\thttp.Error(w, "unauthorized", http.StatusUnauthorized)
\t\t\treturn
\t\t}
\t\tnext.ServeHTTP(w, r)
\t})
}
`,
    'main.go': `package main

import (
\t"log/slog"
\t"net/http"
\t"os"
\t"runtime"
\t"time"

\t"${mod}/config"
\t"${mod}/database"
)

var version = "dev"

func main() {
\tcfg := config.Load()
\tslog.Info("starting ${c.name}", "version", version)
\tpool, err := database.InitDatabasePool(cfg)
\tif err != nil {
\t\tslog.Error("database init failed", "err", err)
\t\tos.Exit(1)
\t}
\tgo monitorHeap()
\tsrv := newServer(cfg, pool)
\tif err := http.ListenAndServe(":8080", srv); err != nil {
\t\tslog.Error("server stopped", "err", err)
\t}
}

func monitorHeap() {
\tvar m runtime.MemStats
\tfor range time.Tick(30 * time.Second) {
\t\truntime.ReadMemStats(&m)
\t\tif m.HeapAlloc > 800<<20 {
\t\t\tslog.Warn("heap usage high", "heap_mb", m.HeapAlloc>>20)
\t\t}
\t}
}
`,
  };
  const H = `handlers/${c.es}.go`;
  const R = `repository/${c.es}.go`;
  return {
    files,
    areas: { 'database/pool.go': 'db', [R]: 'repo', [H]: 'handler', 'cache/sessions.go': 'cache', 'client/upstream.go': 'client', 'config/config.go': 'config', 'money/amount.go': 'money', 'middleware/auth.go': 'auth', 'main.go': 'main' },
    chronic: [
      { level: 'warn', message: 'profile lookup failed: upstream {up} returned 502', frames: [{ file: H, find: 'slog.Warn("profile lookup failed"', func: `(*Handler).Process${c.E}` }], stack: false, perHour: 3 },
      { level: 'warn', message: `get ${c.e} failed: sql: no rows in result set`, frames: [{ file: H, find: `slog.Warn("get ${c.e} failed"`, func: `(*Handler).Get${c.E}` }], stack: false, perHour: 4 },
      { level: 'warn', message: 'session not found', frames: [{ file: 'middleware/auth.go', find: 'slog.Warn("session not found"', func: 'RequireSession.func1' }], stack: false, perHour: 5 },
      { level: 'error', message: `invalid ${c.e} amount: amount out of range: 0`, frames: [{ file: H, find: `slog.Error("invalid ${c.e} amount"`, func: `(*Handler).Process${c.E}` }, { file: 'main.go', find: 'srv := newServer(', func: 'main' }], stack: true, perHour: 1 },
    ],
    access: { file: H, find: 'slog.Info("request completed"', func: `(*Handler).Process${c.E}` },
    startup: { file: 'main.go', find: `slog.Info("starting ${c.name}"`, func: 'main' },
    heap: { file: 'main.go', find: 'slog.Warn("heap usage high"', func: 'monitorHeap' },
    outage: { level: 'error', message: 'profile lookup failed: upstream {up} returned 503', frames: [{ file: 'client/upstream.go', find: 'return nil, fmt.Errorf("upstream %s returned %d"', func: '(*UpstreamClient).FetchProfile' }, { file: H, find: 'h.upstream.FetchProfile(', func: `(*Handler).Process${c.E}` }], stack: true, perHour: 90 },
    saturation: { level: 'error', message: 'Failed to acquire connection: context deadline exceeded', frames: [{ file: 'database/pool.go', find: 'slog.Error("Failed to acquire connection"', func: '(*Pool).Acquire' }, { file: R, find: 'conn, err := r.pool.Acquire(ctx)', func: `(*${c.E}Repository).List${c.E}s` }], stack: true, perHour: 60 },
  };
}
