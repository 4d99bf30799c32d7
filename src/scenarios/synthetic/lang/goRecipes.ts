import type { Rng } from '../../rng';
import type { CodeRef, CulpritKind, DecoyKind, IncidentClass, LogEffect, Recipe, RecipeFactory, ServiceCtx } from '../types';

const ref = (file: string, find: string, func: string): CodeRef => ({ file, find, func });
const ext = (path: string, func: string): CodeRef => ({ file: '', find: '', func, ext: path });
const H = (c: ServiceCtx) => `handlers/${c.es}.go`;
const R = (c: ServiceCtx) => `repository/${c.es}.go`;
const POOL = 'database/pool.go';
const CLIENT = 'client/upstream.go';

function acquireErrors(c: ServiceCtx, msg: string, perHour: number): LogEffect {
  return {
    level: 'error', message: msg, stack: true, perHour,
    frames: [ref(POOL, 'slog.Error("Failed to acquire connection"', '(*Pool).Acquire'), ref(R(c), 'conn, err := r.pool.Acquire(ctx)', `(*${c.E}Repository).List${c.E}s`), ref(H(c), `items, err := h.repo.List${c.E}s(`, `(*Handler).List${c.E}s`)],
  };
}

function oom(c: ServiceCtx, key: CodeRef, runtimeFrame: CodeRef, caller: CodeRef): LogEffect {
  return { level: 'error', message: 'fatal error: runtime: out of memory', stack: true, perHour: 2, frames: [ext('/usr/local/go/src/runtime/malloc.go:1227', 'runtime.mallocgc'), runtimeFrame, key, caller] };
}

export const goCulprits: Record<CulpritKind, RecipeFactory> = {
  'dup-call': (c, r) => {
    const n = r.pick([50, 100, 200]);
    const key = ref(POOL, `db.SetMaxIdleConns(${n})`, 'InitDatabasePool');
    return {
      id: 'dup-call', area: 'db', pattern: 'DUPLICATE_METHOD_CALL', cls: 'latency', key,
      edits: [
        { file: POOL, op: 'replace', at: 'db.SetMaxOpenConns(cfg.MaxOpenConns)', lines: ['\tdb.SetMaxOpenConns(cfg.MaxOpenConns * 4)'] },
        { file: POOL, op: 'after', at: 'db.SetConnMaxLifetime(', lines: ['\t// Enable prepared statement cache', `\tdb.SetMaxIdleConns(${n})`] },
      ],
      effects: [acquireErrors(c, 'Failed to acquire connection: timeout after 5s', 80)],
    };
  },
  'config-value': (c, r, cls) => {
    if (cls === 'errors') {
      const key = ref('config/config.go', 'envDuration("DB_ACQUIRE_TIMEOUT", 50*time.Millisecond)', 'Load');
      return {
        id: 'config-value', area: 'config', pattern: 'CONFIG_VALUE_CHANGED', cls, key,
        edits: [{ file: 'config/config.go', op: 'replace', at: 'envDuration("DB_ACQUIRE_TIMEOUT", 5*time.Second)', lines: ['\t\tAcquireTimeout: envDuration("DB_ACQUIRE_TIMEOUT", 50*time.Millisecond),'] }],
        effects: [acquireErrors(c, 'Failed to acquire connection: context deadline exceeded (timeout=50ms)', 120)],
      };
    }
    const n = r.pick([4, 5, 8]);
    const key = ref('config/config.go', `envInt("DB_MAX_OPEN_CONNS", ${n})`, 'Load');
    return {
      id: 'config-value', area: 'config', pattern: 'CONFIG_VALUE_CHANGED', cls: 'latency', key,
      edits: [{ file: 'config/config.go', op: 'replace', at: 'envInt("DB_MAX_OPEN_CONNS", 50)', lines: [`\t\tMaxOpenConns:   envInt("DB_MAX_OPEN_CONNS", ${n}),`] }],
      effects: [acquireErrors(c, `Failed to acquire connection: pool exhausted (open=${n}/${n})`, 60)],
    };
  },
  'n-plus-one': (c) => {
    const key = ref(R(c), `row := conn.QueryRowContext(ctx, "SELECT id, tenant_id, amount, status FROM ${c.tbl} WHERE tenant_id = $1 AND id = $2"`, `(*${c.E}Repository).List${c.E}s`);
    return {
      id: 'n-plus-one', area: 'repo', pattern: 'N_PLUS_ONE_QUERY', cls: 'latency', key,
      edits: [{
        file: R(c), op: 'replaceThrough', at: 'rows, err := conn.QueryContext(ctx, "SELECT id, tenant_id, amount, status FROM', until: `return scan${c.E}s(rows)`,
        lines: [
          `\tout := make([]${c.E}, 0, len(ids))`,
          '\tfor _, id := range ids {',
          `\t\tvar e ${c.E}`,
          `\t\trow := conn.QueryRowContext(ctx, "SELECT id, tenant_id, amount, status FROM ${c.tbl} WHERE tenant_id = $1 AND id = $2", tenantID, id)`,
          '\t\tif err := row.Scan(&e.ID, &e.TenantID, &e.Amount, &e.Status); err != nil {',
          `\t\t\treturn nil, fmt.Errorf("load ${c.e} %s: %w", id, err)`,
          '\t\t}',
          '\t\tout = append(out, e)',
          '\t}',
          '\treturn out, nil',
        ],
      }],
      effects: [{ level: 'warn', message: `slow query: List${c.E}s issued {n} statements in {ms}ms`, stack: false, perHour: 40, frames: [key, ref(H(c), `items, err := h.repo.List${c.E}s(`, `(*Handler).List${c.E}s`)] }],
    };
  },
  'timeout-removed': (c, _r, cls) => {
    const key = ref(CLIENT, 'req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.baseURL+"/profiles/"', '(*UpstreamClient).FetchProfile');
    return {
      id: 'timeout-removed', area: 'client', pattern: 'TIMEOUT_REMOVED', cls: cls === 'errors' ? 'errors' : 'latency', key,
      edits: [{ file: CLIENT, op: 'replaceThrough', at: 'ctx, cancel := context.WithTimeout(ctx, 2*time.Second)', until: 'defer cancel()', lines: [] }],
      effects: [{ level: 'error', message: 'profile lookup failed: fetch profile: context canceled after 30s (client disconnected)', stack: true, perHour: 50, frames: [ref(CLIENT, 'resp, err := c.http.Do(req)', '(*UpstreamClient).FetchProfile'), ref(H(c), 'h.upstream.FetchProfile(', `(*Handler).Process${c.E}`)] }],
    };
  },
  'blocking-io': (c, r) => {
    const ms = r.pick([150, 250, 400]);
    const key = ref(H(c), `time.Sleep(${ms} * time.Millisecond)`, `(*Handler).Process${c.E}`);
    return {
      id: 'blocking-io', area: 'handler', pattern: 'BLOCKING_IO_IN_REQUEST_PATH', cls: 'latency', key,
      edits: [{ file: H(c), op: 'after', at: 'tenantID := r.Header.Get("X-Tenant-ID")', lines: ['\t// give the read replica time to catch up before reading', `\ttime.Sleep(${ms} * time.Millisecond)`] }],
      effects: [],
    };
  },
  'error-swallowed': (c) => {
    const key = ref(H(c), '_ = err // the reconciler retries failed saves', `(*Handler).Process${c.E}`);
    return {
      id: 'error-swallowed', area: 'handler', pattern: 'ERROR_SWALLOWED', cls: 'data-integrity', key,
      edits: [{ file: H(c), op: 'replaceThrough', at: `if err := h.repo.Save${c.E}(ctx, item, amount); err != nil {`, until: 'return', lines: [`\tif err := h.repo.Save${c.E}(ctx, item, amount); err != nil {`, '\t\t_ = err // the reconciler retries failed saves'] }],
      effects: [{ level: 'error', message: `checksum mismatch for ${c.e} {id}: stored amount differs from ledger`, stack: true, perHour: 30, frames: [ref(R(c), 'slog.Error("checksum mismatch"', `(*${c.E}Repository).VerifyChecksum`), ref(H(c), 'writeJSON(w, http.StatusOK, map[string]any{"id": item.ID', `(*Handler).Process${c.E}`)] }],
    };
  },
  'wrong-constant': (c, r) => {
    const k = r.pick(['1000', '10000']);
    const key = ref('money/amount.go', `return int64(math.Round(amount * ${k}))`, 'ToMinorUnits');
    return {
      id: 'wrong-constant', area: 'money', cls: 'errors', key,
      edits: [{ file: 'money/amount.go', op: 'replace', at: 'return int64(math.Round(amount * 100))', lines: [`\treturn int64(math.Round(amount * ${k}))`] }],
      effects: [{ level: 'error', message: `invalid ${c.e} amount: amount out of range: {n}00`, stack: true, perHour: 70, frames: [ref('money/amount.go', 'return fmt.Errorf("amount out of range: %d", cents)', 'ValidateAmount'), ref(H(c), 'if err := money.ValidateAmount(amount); err != nil {', `(*Handler).Process${c.E}`)] }],
    };
  },
  'inverted-condition': (c) => {
    const key = ref('middleware/auth.go', 'if s.ExpiresAt.After(time.Now()) {', 'RequireSession.func1');
    return {
      id: 'inverted-condition', area: 'auth', cls: 'errors', key,
      edits: [{ file: 'middleware/auth.go', op: 'replace', at: 'if s.ExpiresAt.Before(time.Now()) {', lines: ['\t\tif s.ExpiresAt.After(time.Now()) {'] }],
      effects: [{ level: 'warn', message: 'session expired', stack: false, perHour: 400, frames: [ref('middleware/auth.go', 'slog.Warn("session expired"', 'RequireSession.func1')] }],
    };
  },
  'where-clause': (c, _r, cls) => {
    if (cls === 'latency') {
      const key = ref(R(c), 'WHERE lower(tenant_id) = lower($1) AND id::text = ANY($2)', `(*${c.E}Repository).List${c.E}s`);
      return {
        id: 'where-clause', area: 'repo', cls, key,
        edits: [{ file: R(c), op: 'replace', at: 'rows, err := conn.QueryContext(ctx, "SELECT id, tenant_id, amount, status FROM', lines: [`\trows, err := conn.QueryContext(ctx, "SELECT id, tenant_id, amount, status FROM ${c.tbl} WHERE lower(tenant_id) = lower($1) AND id::text = ANY($2)", tenantID, pq.Array(ids))`] }],
        effects: [{ level: 'warn', message: `slow query on ${c.tbl}: {ms}ms (seq scan)`, stack: false, perHour: 45, frames: [key, ref(H(c), `items, err := h.repo.List${c.E}s(`, `(*Handler).List${c.E}s`)] }],
      };
    }
    const key = ref(R(c), 'WHERE id = $1 OR tenant_id = $2', `(*${c.E}Repository).Find${c.E}`);
    return {
      id: 'where-clause', area: 'repo', cls: 'data-integrity', key,
      edits: [{ file: R(c), op: 'replace', at: 'row := r.db.QueryRowContext(ctx, "SELECT id, tenant_id, amount, status FROM', lines: [`\trow := r.db.QueryRowContext(ctx, "SELECT id, tenant_id, amount, status FROM ${c.tbl} WHERE id = $1 OR tenant_id = $2 ORDER BY id LIMIT 1", id, tenantID)`] }],
      effects: [{ level: 'error', message: `process ${c.e} failed: tenant mismatch for ${c.e} {id}`, stack: true, perHour: 35, frames: [ref(R(c), 'return nil, fmt.Errorf("tenant mismatch for', `(*${c.E}Repository).Find${c.E}`), ref(H(c), `item, err := h.repo.Find${c.E}(ctx, tenantID, id)`, `(*Handler).Process${c.E}`)] }],
    };
  },
  'missing-isolation': (c) => {
    const key = ref(R(c), `if _, err := r.db.ExecContext(ctx, "UPDATE ${c.tbl} SET amount = amount + $1 WHERE id = $2"`, `(*${c.E}Repository).ApplyAdjustments.func1`);
    return {
      id: 'missing-isolation', area: 'repo', pattern: 'MISSING_TRANSACTION_ISOLATION', cls: 'data-integrity', key,
      edits: [{
        file: R(c), op: 'replaceThrough', at: 'tx, err := r.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})', until: 'return tx.Commit()',
        lines: [
          '\t// apply adjustments concurrently: each row is independent',
          '\tvar wg sync.WaitGroup',
          '\terrs := make(chan error, len(adj))',
          '\tfor _, a := range adj {',
          '\t\twg.Add(1)',
          '\t\tgo func(a Adjustment) {',
          '\t\t\tdefer wg.Done()',
          `\t\t\tif _, err := r.db.ExecContext(ctx, "UPDATE ${c.tbl} SET amount = amount + $1 WHERE id = $2", a.Delta, a.ID); err != nil {`,
          '\t\t\t\terrs <- fmt.Errorf("apply adjustment %s: %w", a.ID, err)',
          '\t\t\t}',
          '\t\t}(a)',
          '\t}',
          '\twg.Wait()',
          '\tclose(errs)',
          '\treturn <-errs',
        ],
      }],
      effects: [
        { level: 'error', message: `checksum mismatch for ${c.e} {id}`, stack: false, perHour: 25, frames: [ref(R(c), 'slog.Error("checksum mismatch"', `(*${c.E}Repository).VerifyChecksum`)] },
        { level: 'error', message: 'apply adjustment {id}: pq: deadlock detected', stack: true, perHour: 15, frames: [key, ext('/usr/local/go/src/runtime/asm_amd64.s:1695', 'runtime.goexit')] },
      ],
    };
  },
  'unbounded-cache': (c) => {
    const key = ref(R(c), `${c.e}Cache[tenantID+"/"+id] = &e`, `(*${c.E}Repository).Find${c.E}`);
    return {
      id: 'unbounded-cache', area: 'repo', pattern: 'UNBOUNDED_CACHE', cls: 'memory', key,
      edits: [
        { file: R(c), op: 'before', at: `func (r *${c.E}Repository) Find${c.E}(`, lines: [`// ${c.e}Cache memoizes lookups: processed ${c.es} never change.`, `var ${c.e}Cache = map[string]*${c.E}{}`, `var ${c.e}CacheMu sync.Mutex`, ''] },
        { file: R(c), op: 'after', at: `func (r *${c.E}Repository) Find${c.E}(`, lines: [`\t${c.e}CacheMu.Lock()`, `\tif cached, ok := ${c.e}Cache[tenantID+"/"+id]; ok {`, `\t\t${c.e}CacheMu.Unlock()`, '\t\treturn cached, nil', '\t}', `\t${c.e}CacheMu.Unlock()`] },
        { file: R(c), op: 'before', at: '\treturn &e, nil', lines: [`\t${c.e}CacheMu.Lock()`, `\t${c.e}Cache[tenantID+"/"+id] = &e`, `\t${c.e}CacheMu.Unlock()`] },
      ],
      effects: [oom(c, key, ext('/usr/local/go/src/runtime/map_faststr.go:203', 'runtime.mapassign_faststr'), ref(H(c), `item, err := h.repo.Find${c.E}(ctx, tenantID, id)`, `(*Handler).Process${c.E}`))],
    };
  },
  'unbounded-list': (c) => {
    const key = ref(H(c), 'auditTrail = append(auditTrail, auditEntry{', `(*Handler).Process${c.E}`);
    return {
      id: 'unbounded-list', area: 'handler', cls: 'memory', key,
      edits: [
        { file: H(c), op: 'before', at: `func (h *Handler) Process${c.E}(`, lines: ['type auditEntry struct {', '\ttenant, id string', '\tat         time.Time', '}', '', '// auditTrail keeps recent requests for the debug endpoint.', 'var auditTrail []auditEntry', ''] },
        { file: H(c), op: 'after', at: 'id := r.URL.Query().Get("id")', lines: ['\tauditTrail = append(auditTrail, auditEntry{tenant: tenantID, id: id, at: time.Now()})'] },
      ],
      effects: [oom(c, key, ext('/usr/local/go/src/runtime/slice.go:157', 'runtime.growslice'), ref('main.go', 'if err := http.ListenAndServe(', 'main'))],
    };
  },
};

export const goDecoys: Record<DecoyKind, RecipeFactory> = {
  'cache-with-eviction': () => ({
    id: 'cache-with-eviction', area: 'client', effects: [],
    edits: [
      { file: CLIENT, op: 'after', at: 'http    *http.Client', lines: ['\tprofiles *lru.Cache[string, *Profile] // bounded: evicts least recently used'] },
      { file: CLIENT, op: 'after', at: 'func (c *UpstreamClient) FetchProfile(', lines: ['\tif p, ok := c.profiles.Get(tenantID); ok {', '\t\treturn p, nil', '\t}'] },
      { file: CLIENT, op: 'before', at: '\treturn &p, nil', lines: ['\tc.profiles.Add(tenantID, &p)'] },
    ],
  }),
  'correct-transaction': (c) => ({
    id: 'correct-transaction', area: 'repo', effects: [],
    edits: [{
      file: R(c), op: 'replaceThrough', at: `"UPDATE ${c.tbl} SET status = 'archived' WHERE id = $1"`, until: `"INSERT INTO ${c.e}_audit`, thenDrop: 1,
      lines: [
        '\ttx, err := r.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead})',
        '\tif err != nil {',
        '\t\treturn err',
        '\t}',
        '\tdefer tx.Rollback()',
        `\tif _, err := tx.ExecContext(ctx, "UPDATE ${c.tbl} SET status = 'archived' WHERE id = $1", id); err != nil {`,
        `\t\treturn fmt.Errorf("archive ${c.e} %s: %w", id, err)`,
        '\t}',
        `\tif _, err := tx.ExecContext(ctx, "INSERT INTO ${c.e}_audit (${c.e}_id, action) VALUES ($1, 'archive')", id); err != nil {`,
        '\t\treturn err',
        '\t}',
        '\treturn tx.Commit()',
      ],
    }],
  }),
  'parallel-reads': (c) => ({
    id: 'parallel-reads', area: 'handler', effects: [],
    edits: [{
      file: H(c), op: 'replaceThrough', at: `item, err := h.repo.Find${c.E}(ctx, tenantID, id)`, until: 'slog.Warn("profile lookup failed"', thenDrop: 1,
      lines: [
        '\t// the profile does not depend on the row: fetch both at once',
        `\tvar item *repository.${c.E}`,
        '\tvar profile *client.Profile',
        '\tg, gctx := errgroup.WithContext(ctx)',
        '\tg.Go(func() (err error) {',
        `\t\titem, err = h.repo.Find${c.E}(gctx, tenantID, id)`,
        '\t\treturn err',
        '\t})',
        '\tg.Go(func() error {',
        '\t\tp, err := h.upstream.FetchProfile(gctx, tenantID)',
        '\t\tif err != nil {',
        '\t\t\tslog.Warn("profile lookup failed", "tenant", tenantID, "err", err)',
        '\t\t\treturn nil',
        '\t\t}',
        '\t\tprofile = p',
        '\t\treturn nil',
        '\t})',
        '\tif err := g.Wait(); err != nil {',
      ],
    }],
  }),
  'timeout-raised': (_c, r) => r.chance(0.5)
    ? { id: 'timeout-raised', area: 'client', effects: [], edits: [{ file: CLIENT, op: 'replace', at: 'ctx, cancel := context.WithTimeout(ctx, 2*time.Second)', lines: [`\tctx, cancel := context.WithTimeout(ctx, ${r.pick([3, 4, 5])}*time.Second)`] }] }
    : { id: 'timeout-raised', area: 'config', effects: [], edits: [{ file: 'config/config.go', op: 'replace', at: 'envDuration("DB_ACQUIRE_TIMEOUT", 5*time.Second)', lines: [`\t\tAcquireTimeout: envDuration("DB_ACQUIRE_TIMEOUT", ${r.pick([8, 10])}*time.Second),`] }] },
  'pool-tuned': (_c, r) => r.chance(0.5)
    ? { id: 'pool-tuned', area: 'db', effects: [], edits: [{ file: POOL, op: 'replace', at: 'db.SetMaxIdleConns(10)', lines: [`\tdb.SetMaxIdleConns(${r.pick([12, 15, 20])})`] }] }
    : { id: 'pool-tuned', area: 'config', effects: [], edits: [{ file: 'config/config.go', op: 'replace', at: 'envInt("DB_MAX_OPEN_CONNS", 50)', lines: [`\t\tMaxOpenConns:   envInt("DB_MAX_OPEN_CONNS", ${r.pick([60, 64, 80])}),`] }] },
  'retry-added': () => ({
    id: 'retry-added', area: 'client', effects: [],
    edits: [{
      file: CLIENT, op: 'replace', at: 'resp, err := c.http.Do(req)',
      lines: ['\tvar resp *http.Response', '\tfor attempt := 0; attempt < 3; attempt++ {', '\t\tresp, err = c.http.Do(req)', '\t\tif err == nil && resp.StatusCode < 500 {', '\t\t\tbreak', '\t\t}', '\t\ttime.Sleep(time.Duration(attempt+1) * 100 * time.Millisecond)', '\t}'],
    }],
  }),
};

/** A large feature commit: a new export handler plus its route. */
export const goBigFeature: RecipeFactory = (c: ServiceCtx, r: Rng, _cls: IncidentClass): Recipe => {
  const fields = r.sample(['Region', 'Currency', 'Channel', 'Reference', 'Notes', 'Source', 'Batch', 'Owner', 'Priority', 'Label'], r.int(6, 9));
  const lines = ['package handlers', '', 'import (', '\t"encoding/csv"', '\t"net/http"', '\t"strconv"', ')', '', `type ${c.E}Export struct {`, ...fields.map((f) => `\t${f} string`), '}', ''];
  for (const f of fields) {
    lines.push(`func format${f}(e ${c.E}Export) string {`, `\tif e.${f} == "" {`, '\t\treturn "-"', '\t}', `\treturn e.${f}`, '}', '');
  }
  lines.push(`func (h *Handler) Export${c.E}s(w http.ResponseWriter, r *http.Request) {`, '\tw.Header().Set("Content-Type", "text/csv")', '\tout := csv.NewWriter(w)', `\tout.Write([]string{${fields.map((f) => `"${f.toLowerCase()}"`).join(', ')}})`);
  lines.push(`\tlimit, _ := strconv.Atoi(r.URL.Query().Get("limit"))`, '\tfor i := 0; i < limit; i++ {', `\t\tvar e ${c.E}Export`, `\t\tout.Write([]string{${fields.map((f) => `format${f}(e)`).join(', ')}})`, '\t}', '\tout.Flush()', '}');
  return { id: 'big-feature', area: 'handler', effects: [], edits: [{ file: `handlers/export_${c.es}.go`, op: 'create', lines }, { file: 'main.go', op: 'after', at: 'srv := newServer(cfg, pool)', lines: [`\tsrv.HandleFunc("/api/v1/${c.es}/export", srv.handler.Export${c.E}s)`] }] };
};
