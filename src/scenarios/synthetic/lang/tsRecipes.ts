import type { Rng } from '../../rng';
import type { CodeRef, CulpritKind, DecoyKind, IncidentClass, LogEffect, Recipe, RecipeFactory, ServiceCtx } from '../types';

const ref = (file: string, find: string, func: string): CodeRef => ({ file, find, func });
const H = (c: ServiceCtx) => `src/handlers/${c.es}.ts`;
const R = (c: ServiceCtx) => `src/repository/${c.es}Repository.ts`;
const POOL = 'src/db/pool.ts';
const CLIENT = 'src/clients/upstream.ts';
const CONFIG = 'src/config.ts';

function acquireErrors(c: ServiceCtx, msg: string, perHour: number): LogEffect {
  return {
    level: 'error', message: msg, stack: true, perHour, exception: 'Error',
    frames: [ref(POOL, "throw new Error('acquire connection: '", 'acquire'), ref(R(c), 'const conn = await acquire(this.pool, this.acquireTimeoutMs);', `${c.E}Repository.list${c.E}s`), ref(H(c), `const items = await this.repo.list${c.E}s(`, `${c.E}Handler.list${c.E}s`)],
  };
}

function oom(key: CodeRef, caller: CodeRef): LogEffect {
  return { level: 'error', message: 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory', exception: 'RangeError', stack: true, perHour: 2, frames: [key, caller] };
}

export const tsCulprits: Record<CulpritKind, RecipeFactory> = {
  'dup-call': (c, r) => {
    const n = r.pick([50, 100, 200]);
    const key = ref(POOL, `pool.setMaxIdle(${n});`, 'initDatabasePool');
    return {
      id: 'dup-call', area: 'db', pattern: 'DUPLICATE_METHOD_CALL', cls: 'latency', key,
      edits: [
        { file: POOL, op: 'replace', at: 'pool.setMaxOpen(cfg.maxOpenConns);', lines: ['  pool.setMaxOpen(cfg.maxOpenConns * 4);'] },
        { file: POOL, op: 'after', at: 'pool.setIdleTimeout(', lines: ['  // Enable prepared statement cache', `  pool.setMaxIdle(${n});`] },
      ],
      effects: [acquireErrors(c, 'Failed to acquire connection: timeout after 5000ms', 80)],
    };
  },
  'config-value': (c, r, cls) => {
    if (cls === 'errors') {
      const key = ref(CONFIG, 'env.DB_ACQUIRE_TIMEOUT_MS ?? 50)', 'loadConfig');
      return {
        id: 'config-value', area: 'config', pattern: 'CONFIG_VALUE_CHANGED', cls, key,
        edits: [{ file: CONFIG, op: 'replace', at: 'env.DB_ACQUIRE_TIMEOUT_MS ?? 5000)', lines: ['    acquireTimeoutMs: Number(env.DB_ACQUIRE_TIMEOUT_MS ?? 50),'] }],
        effects: [acquireErrors(c, 'Failed to acquire connection: timeout exceeded when trying to connect (50ms)', 120)],
      };
    }
    const n = r.pick([4, 5, 8]);
    const key = ref(CONFIG, `env.DB_MAX_OPEN_CONNS ?? ${n})`, 'loadConfig');
    return {
      id: 'config-value', area: 'config', pattern: 'CONFIG_VALUE_CHANGED', cls: 'latency', key,
      edits: [{ file: CONFIG, op: 'replace', at: 'env.DB_MAX_OPEN_CONNS ?? 50)', lines: [`    maxOpenConns: Number(env.DB_MAX_OPEN_CONNS ?? ${n}),`] }],
      effects: [acquireErrors(c, `Failed to acquire connection: pool exhausted (${n}/${n} in use)`, 60)],
    };
  },
  'n-plus-one': (c) => {
    const key = ref(R(c), `const res = await conn.query('SELECT id, tenant_id, amount, status FROM ${c.tbl} WHERE tenant_id = $1 AND id = $2'`, `${c.E}Repository.list${c.E}s`);
    return {
      id: 'n-plus-one', area: 'repo', pattern: 'N_PLUS_ONE_QUERY', cls: 'latency', key,
      edits: [{
        file: R(c), op: 'replaceThrough', at: "AND id = ANY($2)', [tenantId, ids]);", until: `return res.rows.map(to${c.E});`,
        lines: [
          `      const out: ${c.E}[] = [];`,
          '      for (const id of ids) {',
          `        const res = await conn.query('SELECT id, tenant_id, amount, status FROM ${c.tbl} WHERE tenant_id = $1 AND id = $2', [tenantId, id]);`,
          `        if (res.rows.length > 0) out.push(to${c.E}(res.rows[0]));`,
          '      }',
          '      return out;',
        ],
      }],
      effects: [{ level: 'warn', message: `slow query: list${c.E}s issued {n} statements in {ms}ms`, stack: false, perHour: 40, frames: [key, ref(H(c), `const items = await this.repo.list${c.E}s(`, `${c.E}Handler.list${c.E}s`)] }],
    };
  },
  'timeout-removed': (c, _r, cls) => {
    const key = ref(CLIENT, "const res = await fetch(this.baseUrl + '/profiles/'", 'UpstreamClient.fetchProfile');
    return {
      id: 'timeout-removed', area: 'client', pattern: 'TIMEOUT_REMOVED', cls: cls === 'errors' ? 'errors' : 'latency', key,
      edits: [{ file: CLIENT, op: 'replace', at: 'signal: AbortSignal.timeout(2000),', lines: [] }],
      effects: [{ level: 'error', message: 'profile lookup failed: request aborted by client after 30000ms', exception: 'Error', stack: true, perHour: 50, frames: [key, ref(H(c), 'this.upstream.fetchProfile(', `${c.E}Handler.process${c.E}`)] }],
    };
  },
  'blocking-io': (c) => {
    const key = ref(H(c), "const rates = JSON.parse(fs.readFileSync('/etc/", `${c.E}Handler.process${c.E}`);
    return {
      id: 'blocking-io', area: 'handler', pattern: 'BLOCKING_IO_IN_REQUEST_PATH', cls: 'latency', key,
      edits: [
        { file: H(c), op: 'before', at: "import type { Request, Response } from 'express';", lines: ["import fs from 'node:fs';"] },
        { file: H(c), op: 'after', at: "const id = String(req.query.id ?? '');", lines: ['    // rates change daily; read the latest file on each request', `    const rates = JSON.parse(fs.readFileSync('/etc/${c.name}/fx-rates.json', 'utf8')) as Record<string, number>;`, '    res.locals.rates = rates;'] },
      ],
      effects: [],
    };
  },
  'error-swallowed': (c) => {
    const key = ref(H(c), '} catch (saveErr) {', `${c.E}Handler.process${c.E}`);
    return {
      id: 'error-swallowed', area: 'handler', pattern: 'ERROR_SWALLOWED', cls: 'data-integrity', key,
      edits: [{ file: H(c), op: 'replaceThrough', at: `await this.repo.save${c.E}(item, amount);`, until: 'return;', thenDrop: 1, lines: [`      await this.repo.save${c.E}(item, amount);`, '    } catch (saveErr) {', '      // the reconciler retries failed saves', '    }'] }],
      effects: [{ level: 'error', message: `checksum mismatch for ${c.e} {id}: stored amount differs from ledger`, exception: 'Error', stack: true, perHour: 30, frames: [ref(R(c), "throw new Error('checksum mismatch for", `${c.E}Repository.verifyChecksum`), ref(H(c), 'res.json({ id: item.id, profile, amount });', `${c.E}Handler.process${c.E}`)] }],
    };
  },
  'wrong-constant': (c, r) => {
    const k = r.pick(['1000', '10000']);
    const key = ref('src/money.ts', `return Math.round(amount * ${k});`, 'toMinorUnits');
    return {
      id: 'wrong-constant', area: 'money', cls: 'errors', key,
      edits: [{ file: 'src/money.ts', op: 'replace', at: 'return Math.round(amount * 100);', lines: [`  return Math.round(amount * ${k});`] }],
      effects: [{ level: 'error', message: `invalid ${c.e} amount: amount out of range: {n}00`, exception: 'RangeError', stack: true, perHour: 70, frames: [ref('src/money.ts', "throw new RangeError('amount out of range: '", 'validateAmount'), ref(H(c), 'validateAmount(amount);', `${c.E}Handler.process${c.E}`)] }],
    };
  },
  'inverted-condition': () => {
    const key = ref('src/middleware/auth.ts', 'if (session.expiresAt > Date.now()) {', 'requireSession');
    return {
      id: 'inverted-condition', area: 'auth', cls: 'errors', key,
      edits: [{ file: 'src/middleware/auth.ts', op: 'replace', at: 'if (session.expiresAt < Date.now()) {', lines: ['    if (session.expiresAt > Date.now()) {'] }],
      effects: [{ level: 'warn', message: 'session expired', stack: false, perHour: 400, frames: [ref('src/middleware/auth.ts', "logger.warn('session expired'", 'requireSession')] }],
    };
  },
  'where-clause': (c, _r, cls) => {
    if (cls === 'latency') {
      const key = ref(R(c), 'WHERE lower(tenant_id) = lower($1) AND id::text = ANY($2)', `${c.E}Repository.list${c.E}s`);
      return {
        id: 'where-clause', area: 'repo', cls, key,
        edits: [{ file: R(c), op: 'replace', at: "AND id = ANY($2)', [tenantId, ids]);", lines: [`      const res = await conn.query('SELECT id, tenant_id, amount, status FROM ${c.tbl} WHERE lower(tenant_id) = lower($1) AND id::text = ANY($2)', [tenantId, ids]);`] }],
        effects: [{ level: 'warn', message: `slow query on ${c.tbl}: {ms}ms (seq scan)`, stack: false, perHour: 45, frames: [key, ref(H(c), `const items = await this.repo.list${c.E}s(`, `${c.E}Handler.list${c.E}s`)] }],
      };
    }
    const key = ref(R(c), 'WHERE id = $1 OR tenant_id = $2', `${c.E}Repository.find${c.E}`);
    return {
      id: 'where-clause', area: 'repo', cls: 'data-integrity', key,
      edits: [{ file: R(c), op: 'replace', at: 'WHERE id = $1 AND tenant_id = $2', lines: [`    const res = await this.pool.query('SELECT id, tenant_id, amount, status FROM ${c.tbl} WHERE id = $1 OR tenant_id = $2 ORDER BY id LIMIT 1', [id, tenantId]);`] }],
      effects: [{ level: 'error', message: `process ${c.e} failed: tenant mismatch for ${c.e} {id}`, exception: 'Error', stack: true, perHour: 35, frames: [ref(R(c), "throw new Error('tenant mismatch for", `${c.E}Repository.find${c.E}`), ref(H(c), `this.repo.find${c.E}(tenantId, id)`, `${c.E}Handler.process${c.E}`)] }],
    };
  },
  'missing-isolation': (c) => {
    const key = ref(R(c), `adj.map((a) => this.pool.query('UPDATE ${c.tbl} SET amount = amount + $1 WHERE id = $2'`, `${c.E}Repository.applyAdjustments`);
    return {
      id: 'missing-isolation', area: 'repo', pattern: 'MISSING_TRANSACTION_ISOLATION', cls: 'data-integrity', key,
      edits: [{
        file: R(c), op: 'replaceThrough', at: "const tx = await this.pool.begin({ isolation: 'serializable' });", until: 'throw err;', thenDrop: 1,
        lines: ['    // apply adjustments concurrently: each row is independent', '    await Promise.all(', `      adj.map((a) => this.pool.query('UPDATE ${c.tbl} SET amount = amount + $1 WHERE id = $2', [a.delta, a.id])),`, '    );'],
      }],
      effects: [
        { level: 'error', message: `checksum mismatch for ${c.e} {id}`, stack: false, perHour: 25, frames: [ref(R(c), "logger.error('checksum mismatch'", `${c.E}Repository.verifyChecksum`)] },
        { level: 'error', message: 'apply adjustment {id}: deadlock detected', exception: 'DatabaseError', stack: true, perHour: 15, frames: [key, { file: '', find: '', func: 'process.processTicksAndRejections', ext: 'node:internal/process/task_queues:95:5' }] },
      ],
    };
  },
  'unbounded-cache': (c) => {
    const key = ref(R(c), `${c.e}Cache.set(tenantId + '/' + id, found);`, `${c.E}Repository.find${c.E}`);
    return {
      id: 'unbounded-cache', area: 'repo', pattern: 'UNBOUNDED_CACHE', cls: 'memory', key,
      edits: [
        { file: R(c), op: 'before', at: `export class ${c.E}Repository {`, lines: [`// processed ${c.es} never change, so lookups are memoized`, `const ${c.e}Cache = new Map<string, ${c.E}>();`, ''] },
        { file: R(c), op: 'after', at: `async find${c.E}(tenantId: string, id: string): Promise<${c.E}> {`, lines: [`    const cached = ${c.e}Cache.get(tenantId + '/' + id);`, '    if (cached) return cached;'] },
        { file: R(c), op: 'before', at: '    return found;', lines: [`    ${c.e}Cache.set(tenantId + '/' + id, found);`] },
      ],
      effects: [oom(key, ref(H(c), `this.repo.find${c.E}(tenantId, id)`, `${c.E}Handler.process${c.E}`))],
    };
  },
  'unbounded-list': (c) => {
    const key = ref(H(c), 'auditTrail.push({ tenant: tenantId, id, at: Date.now() });', `${c.E}Handler.process${c.E}`);
    return {
      id: 'unbounded-list', area: 'handler', cls: 'memory', key,
      edits: [
        { file: H(c), op: 'before', at: `export class ${c.E}Handler {`, lines: ['// recent requests, for the debug endpoint', 'export const auditTrail: Array<{ tenant: string; id: string; at: number }> = [];', ''] },
        { file: H(c), op: 'after', at: "const id = String(req.query.id ?? '');", lines: ['    auditTrail.push({ tenant: tenantId, id, at: Date.now() });'] },
      ],
      effects: [oom(key, ref('src/index.ts', 'app.use(express.json());', 'Object.<anonymous>'))],
    };
  },
};

export const tsDecoys: Record<DecoyKind, RecipeFactory> = {
  'cache-with-eviction': () => ({
    id: 'cache-with-eviction', area: 'client', effects: [],
    edits: [
      { file: CLIENT, op: 'before', at: 'export class UpstreamClient {', lines: ["import { LRUCache } from 'lru-cache';", ''] },
      { file: CLIENT, op: 'after', at: 'export class UpstreamClient {', lines: ['  // bounded: at most 4096 profiles, each kept one minute', '  private readonly profiles = new LRUCache<string, Profile>({ max: 4096, ttl: 60_000 });', ''] },
      { file: CLIENT, op: 'after', at: 'async fetchProfile(tenantId: string): Promise<Profile> {', lines: ['    const cached = this.profiles.get(tenantId);', '    if (cached) return cached;'] },
      { file: CLIENT, op: 'replace', at: 'return (await res.json()) as Profile;', lines: ['    const profile = (await res.json()) as Profile;', '    this.profiles.set(tenantId, profile);', '    return profile;'] },
    ],
  }),
  'correct-transaction': (c) => ({
    id: 'correct-transaction', area: 'repo', effects: [],
    edits: [{
      file: R(c), op: 'replaceThrough', at: `"UPDATE ${c.tbl} SET status = 'archived' WHERE id = $1"`, until: `"INSERT INTO ${c.e}_audit`,
      lines: [
        "    const tx = await this.pool.begin({ isolation: 'repeatable read' });",
        '    try {',
        `      await tx.query("UPDATE ${c.tbl} SET status = 'archived' WHERE id = $1", [id]);`,
        `      await tx.query("INSERT INTO ${c.e}_audit (${c.e}_id, action) VALUES ($1, 'archive')", [id]);`,
        '      await tx.commit();',
        '    } catch (err) {',
        '      await tx.rollback();',
        '      throw err;',
        '    }',
      ],
    }],
  }),
  'parallel-reads': (c) => ({
    id: 'parallel-reads', area: 'handler', effects: [],
    edits: [{
      file: H(c), op: 'replaceThrough', at: 'let item;', until: "logger.warn('profile lookup failed'", thenDrop: 2,
      lines: [
        '    // the profile does not depend on the row: fetch both at once',
        '    const [found, profile] = await Promise.allSettled([',
        `      this.repo.find${c.E}(tenantId, id),`,
        '      this.upstream.fetchProfile(tenantId),',
        '    ]);',
        "    if (found.status === 'rejected') {",
        `      logger.error('process ${c.e} failed', { id, err: found.reason });`,
        "      res.status(500).json({ error: 'internal error' });",
        '      return;',
        '    }',
        '    const item = found.value;',
        "    if (profile.status === 'rejected') {",
        "      logger.warn('profile lookup failed', { tenant: tenantId, err: profile.reason });",
        '    }',
      ],
    }],
  }),
  'timeout-raised': (_c, r) => r.chance(0.5)
    ? { id: 'timeout-raised', area: 'client', effects: [], edits: [{ file: CLIENT, op: 'replace', at: 'signal: AbortSignal.timeout(2000),', lines: [`      signal: AbortSignal.timeout(${r.pick([3000, 4000, 5000])}),`] }] }
    : { id: 'timeout-raised', area: 'config', effects: [], edits: [{ file: CONFIG, op: 'replace', at: 'env.DB_ACQUIRE_TIMEOUT_MS ?? 5000)', lines: [`    acquireTimeoutMs: Number(env.DB_ACQUIRE_TIMEOUT_MS ?? ${r.pick([8000, 10000])}),`] }] },
  'pool-tuned': (_c, r) => r.chance(0.5)
    ? { id: 'pool-tuned', area: 'db', effects: [], edits: [{ file: POOL, op: 'replace', at: 'pool.setMaxIdle(10);', lines: [`  pool.setMaxIdle(${r.pick([12, 15, 20])});`] }] }
    : { id: 'pool-tuned', area: 'config', effects: [], edits: [{ file: CONFIG, op: 'replace', at: 'env.DB_MAX_OPEN_CONNS ?? 50)', lines: [`    maxOpenConns: Number(env.DB_MAX_OPEN_CONNS ?? ${r.pick([60, 64, 80])}),`] }] },
  'retry-added': () => ({
    id: 'retry-added', area: 'client', effects: [],
    edits: [{
      file: CLIENT, op: 'replaceThrough', at: "const res = await fetch(this.baseUrl + '/profiles/'", until: '});',
      lines: [
        '    let res = await this.request(tenantId);',
        '    for (let attempt = 1; attempt < 3 && res.status >= 500; attempt++) {',
        '      await new Promise((r) => setTimeout(r, 100 * attempt));',
        '      res = await this.request(tenantId);',
        '    }',
      ],
    }, {
      file: CLIENT, op: 'before', at: 'async fetchProfile(tenantId: string): Promise<Profile> {',
      lines: ['  private request(tenantId: string): Promise<Response> {', "    return fetch(this.baseUrl + '/profiles/' + encodeURIComponent(tenantId), {", '      signal: AbortSignal.timeout(2000),', "      headers: { accept: 'application/json' },", '    });', '  }', ''],
    }],
  }),
};

export const tsBigFeature: RecipeFactory = (c: ServiceCtx, r: Rng, _cls: IncidentClass): Recipe => {
  const fields = r.sample(['region', 'currency', 'channel', 'reference', 'notes', 'source', 'batch', 'owner', 'priority', 'label'], r.int(6, 9));
  const lines = ["import type { Request, Response } from 'express';", '', `export interface ${c.E}Export {`, ...fields.map((f) => `  ${f}?: string;`), '}', ''];
  for (const f of fields) lines.push(`function format${f[0].toUpperCase()}${f.slice(1)}(e: ${c.E}Export): string {`, `  if (!e.${f}) return '-';`, `  return e.${f}.replace(/,/g, ' ');`, '}', '');
  lines.push(`export function export${c.E}s(req: Request, res: Response): void {`, "  res.type('text/csv');", `  const rows: string[] = ['${fields.join(',')}'];`, '  const limit = Number(req.query.limit ?? 0);', '  for (let i = 0; i < limit; i++) {', `    const e: ${c.E}Export = {};`, `    rows.push([${fields.map((f) => `format${f[0].toUpperCase()}${f.slice(1)}(e)`).join(', ')}].join(','));`, '  }', "  res.send(rows.join('\\n'));", '}');
  return { id: 'big-feature', area: 'handler', effects: [], edits: [{ file: `src/handlers/export${c.E}s.ts`, op: 'create', lines }, { file: 'src/index.ts', op: 'after', at: 'registerRoutes(app, pool, cfg);', lines: [`app.get('/api/v1/${c.es}/export', export${c.E}s);`] }] };
};
