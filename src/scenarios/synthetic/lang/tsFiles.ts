import type { ServiceCtx, ServiceTemplate } from '../types';

/** A small TypeScript (Express) service with the same shape as the Go one. */
export function tsTemplate(c: ServiceCtx): ServiceTemplate {
  const H = `src/handlers/${c.es}.ts`;
  const R = `src/repository/${c.es}Repository.ts`;
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: `@acme/${c.name}`, version: '1.0.0', private: true, main: 'dist/index.js', scripts: { build: 'tsc -p .', start: 'node dist/index.js' }, dependencies: { '@acme/db': '^2.3.0', express: '^4.19.2', 'lru-cache': '^10.2.0' } }, null, 2) + '\n',
    'src/db/pool.ts': `import { DbPool, type Connection } from '@acme/db';
import type { Config } from '../config';
import { logger } from '../logger';

export function initDatabasePool(cfg: Config): DbPool {
  const pool = new DbPool(cfg.databaseUrl);
  pool.setMaxOpen(cfg.maxOpenConns);
  pool.setMaxIdle(10);
  pool.setIdleTimeout(30 * 60_000);
  return pool;
}

export async function acquire(pool: DbPool, timeoutMs: number): Promise<Connection> {
  try {
    return await pool.connect({ timeoutMs });
  } catch (err) {
    logger.error('Failed to acquire connection', { timeoutMs, err });
    throw new Error('acquire connection: ' + String(err));
  }
}
`,
    [R]: `import type { DbPool } from '@acme/db';
import { acquire } from '../db/pool';
import { NotFoundError } from '../errors';
import { logger } from '../logger';

export interface ${c.E} {
  id: string;
  tenantId: string;
  amount: number;
  status: string;
}

export interface Adjustment {
  id: string;
  delta: number;
}

export class ${c.E}Repository {
  constructor(private readonly pool: DbPool, private readonly acquireTimeoutMs: number) {}

  async list${c.E}s(tenantId: string, ids: string[]): Promise<${c.E}[]> {
    const conn = await acquire(this.pool, this.acquireTimeoutMs);
    try {
      const res = await conn.query('SELECT id, tenant_id, amount, status FROM ${c.tbl} WHERE tenant_id = $1 AND id = ANY($2)', [tenantId, ids]);
      return res.rows.map(to${c.E});
    } finally {
      conn.release();
    }
  }

  async find${c.E}(tenantId: string, id: string): Promise<${c.E}> {
    const res = await this.pool.query('SELECT id, tenant_id, amount, status FROM ${c.tbl} WHERE id = $1 AND tenant_id = $2', [id, tenantId]);
    if (res.rows.length === 0) throw new NotFoundError('${c.e} ' + id + ' not found');
    const found = to${c.E}(res.rows[0]);
    if (found.tenantId !== tenantId) {
      throw new Error('tenant mismatch for ${c.e} ' + id);
    }
    return found;
  }

  async save${c.E}(item: ${c.E}, cents: number): Promise<void> {
    await this.pool.query("UPDATE ${c.tbl} SET amount_cents = $1, status = 'processed' WHERE id = $2", [cents, item.id]);
  }

  async applyAdjustments(adj: Adjustment[]): Promise<void> {
    const tx = await this.pool.begin({ isolation: 'serializable' });
    try {
      for (const a of adj) {
        await tx.query('UPDATE ${c.tbl} SET amount = amount + $1 WHERE id = $2', [a.delta, a.id]);
      }
      await tx.commit();
    } catch (err) {
      await tx.rollback();
      throw err;
    }
  }

  async archive${c.E}(id: string): Promise<void> {
    await this.pool.query("UPDATE ${c.tbl} SET status = 'archived' WHERE id = $1", [id]);
    await this.pool.query("INSERT INTO ${c.e}_audit (${c.e}_id, action) VALUES ($1, 'archive')", [id]);
  }

  async verifyChecksum(id: string): Promise<void> {
    const res = await this.pool.query('SELECT checksum, md5(amount::text || status) AS computed FROM ${c.tbl} WHERE id = $1', [id]);
    const row = res.rows[0];
    if (row && row.checksum !== row.computed) {
      logger.error('checksum mismatch', { ${c.e}: id });
      throw new Error('checksum mismatch for ${c.e} ' + id);
    }
  }
}

function to${c.E}(row: Record<string, unknown>): ${c.E} {
  return { id: String(row.id), tenantId: String(row.tenant_id), amount: Number(row.amount), status: String(row.status) };
}
`,
    [H]: `import type { Request, Response } from 'express';
import type { UpstreamClient } from '../clients/upstream';
import { logger } from '../logger';
import { toMinorUnits, validateAmount } from '../money';
import type { ${c.E}Repository } from '../repository/${c.es}Repository';

export class ${c.E}Handler {
  constructor(private readonly repo: ${c.E}Repository, private readonly upstream: UpstreamClient) {}

  async process${c.E}(req: Request, res: Response): Promise<void> {
    const start = Date.now();
    const tenantId = String(req.header('x-tenant-id') ?? '');
    const id = String(req.query.id ?? '');
    let item;
    try {
      item = await this.repo.find${c.E}(tenantId, id);
    } catch (err) {
      logger.error('process ${c.e} failed', { id, err });
      res.status(500).json({ error: 'internal error' });
      return;
    }
    const profile = await this.upstream.fetchProfile(item.tenantId).catch((err) => {
      logger.warn('profile lookup failed', { tenant: item.tenantId, err });
      return null;
    });
    const amount = toMinorUnits(item.amount);
    try {
      validateAmount(amount);
    } catch (err) {
      logger.error('invalid ${c.e} amount', { id, err });
      res.status(422).json({ error: 'invalid amount' });
      return;
    }
    try {
      await this.repo.save${c.E}(item, amount);
    } catch (err) {
      logger.error('save ${c.e} failed', { id, err });
      res.status(500).json({ error: 'internal error' });
      return;
    }
    res.json({ id: item.id, profile, amount });
    logger.info('request completed', { path: req.path, status: 200, durationMs: Date.now() - start });
  }

  async list${c.E}s(req: Request, res: Response): Promise<void> {
    const ids = String(req.query.ids ?? '').split(',');
    try {
      const items = await this.repo.list${c.E}s(String(req.header('x-tenant-id') ?? ''), ids);
      res.json(items);
    } catch (err) {
      logger.error('list ${c.es} failed', { err });
      res.status(500).json({ error: 'internal error' });
    }
  }

  async get${c.E}(req: Request, res: Response): Promise<void> {
    try {
      res.json(await this.repo.find${c.E}(String(req.header('x-tenant-id') ?? ''), String(req.query.id ?? '')));
    } catch (err) {
      logger.warn('get ${c.e} failed', { err });
      res.status(404).json({ error: 'not found' });
    }
  }
}
`,
    'src/cache/sessionCache.ts': `export interface Session {
  userId: string;
  expiresAt: number;
}

interface Entry {
  session: Session;
  expires: number;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries: number, private readonly ttlMs: number) {}

  get(key: string): Session | undefined {
    const e = this.entries.get(key);
    if (!e || Date.now() > e.expires) return undefined;
    return e.session;
  }

  put(key: string, session: Session): void {
    if (this.entries.size >= this.maxEntries) {
      this.evictOldest();
    }
    this.entries.set(key, { session, expires: Date.now() + this.ttlMs });
  }

  private evictOldest(): void {
    let oldestKey: string | undefined;
    let oldest = Infinity;
    for (const [k, e] of this.entries) {
      if (e.expires < oldest) {
        oldestKey = k;
        oldest = e.expires;
      }
    }
    if (oldestKey !== undefined) this.entries.delete(oldestKey);
  }
}
`,
    'src/clients/upstream.ts': `export interface Profile {
  tenantId: string;
  tier: string;
}

export class UpstreamClient {
  constructor(private readonly name: string, private readonly baseUrl: string) {}

  async fetchProfile(tenantId: string): Promise<Profile> {
    const res = await fetch(this.baseUrl + '/profiles/' + encodeURIComponent(tenantId), {
      signal: AbortSignal.timeout(2000),
      headers: { accept: 'application/json' },
    });
    if (res.status >= 500) {
      throw new Error('upstream ' + this.name + ' returned ' + res.status);
    }
    return (await res.json()) as Profile;
  }
}
`,
    'src/config.ts': `export interface Config {
  databaseUrl: string;
  maxOpenConns: number;
  acquireTimeoutMs: number;
  sessionTtlMs: number;
  maxSessions: number;
  batchSize: number;
}

export function loadConfig(env = process.env): Config {
  return {
    databaseUrl: env.DATABASE_URL ?? 'postgres://localhost/${c.tbl}',
    maxOpenConns: Number(env.DB_MAX_OPEN_CONNS ?? 50),
    acquireTimeoutMs: Number(env.DB_ACQUIRE_TIMEOUT_MS ?? 5000),
    sessionTtlMs: Number(env.SESSION_TTL_MS ?? 15 * 60_000),
    maxSessions: Number(env.MAX_SESSIONS ?? 10_000),
    batchSize: Number(env.BATCH_SIZE ?? 100),
  };
}
`,
    'src/money.ts': `export const MAX_AMOUNT_CENTS = 5_000_000;

/** Converts a decimal amount to cents. */
export function toMinorUnits(amount: number): number {
  return Math.round(amount * 100);
}

export function validateAmount(cents: number): void {
  if (cents <= 0 || cents > MAX_AMOUNT_CENTS) {
    throw new RangeError('amount out of range: ' + cents);
  }
}
`,
    'src/middleware/auth.ts': `import type { NextFunction, Request, Response } from 'express';
import type { SessionCache } from '../cache/sessionCache';
import { logger } from '../logger';

export function requireSession(sessions: SessionCache) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const session = sessions.get(req.header('authorization') ?? '');
    if (!session) {
      logger.warn('session not found', { path: req.path });
      res.status(401).end();
      return;
    }
    if (session.expiresAt < Date.now()) {
      logger.warn('session expired', { user: session.userId });
      res.status(401).end();
      return;
    }
    next();
  };
}
`,
    'src/index.ts': `import express from 'express';
import { loadConfig } from './config';
import { initDatabasePool } from './db/pool';
import { logger } from './logger';
import { registerRoutes } from './routes';

const cfg = loadConfig();
logger.info('starting ${c.name}', { version: process.env.VERSION ?? 'dev' });
const pool = initDatabasePool(cfg);
const app = express();
app.use(express.json());
registerRoutes(app, pool, cfg);

setInterval(() => {
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  if (heapMb > 800) {
    logger.warn('heap usage high', { heapMb });
  }
}, 30_000).unref();

app.listen(8080);
`,
  };
  return {
    files,
    areas: { 'src/db/pool.ts': 'db', [R]: 'repo', [H]: 'handler', 'src/cache/sessionCache.ts': 'cache', 'src/clients/upstream.ts': 'client', 'src/config.ts': 'config', 'src/money.ts': 'money', 'src/middleware/auth.ts': 'auth', 'src/index.ts': 'main' },
    chronic: [
      { level: 'warn', message: 'profile lookup failed: upstream {up} returned 502', frames: [{ file: H, find: "logger.warn('profile lookup failed'", func: `${c.E}Handler.process${c.E}` }], stack: false, perHour: 3 },
      { level: 'warn', message: `get ${c.e} failed: ${c.e} {id} not found`, frames: [{ file: H, find: `logger.warn('get ${c.e} failed'`, func: `${c.E}Handler.get${c.E}` }], stack: false, perHour: 4 },
      { level: 'warn', message: 'session not found', frames: [{ file: 'src/middleware/auth.ts', find: "logger.warn('session not found'", func: 'requireSession' }], stack: false, perHour: 5 },
      { level: 'error', message: `invalid ${c.e} amount: amount out of range: 0`, exception: 'RangeError', frames: [{ file: 'src/money.ts', find: "throw new RangeError('amount out of range: '", func: 'validateAmount' }, { file: H, find: 'validateAmount(amount);', func: `${c.E}Handler.process${c.E}` }], stack: true, perHour: 1 },
    ],
    access: { file: H, find: "logger.info('request completed'", func: `${c.E}Handler.process${c.E}` },
    startup: { file: 'src/index.ts', find: `logger.info('starting ${c.name}'`, func: 'Object.<anonymous>' },
    heap: { file: 'src/index.ts', find: "logger.warn('heap usage high'", func: 'Timeout._onTimeout' },
    outage: { level: 'error', message: 'profile lookup failed: upstream {up} returned 503', exception: 'Error', frames: [{ file: 'src/clients/upstream.ts', find: "throw new Error('upstream ' + this.name + ' returned '", func: 'UpstreamClient.fetchProfile' }, { file: H, find: 'this.upstream.fetchProfile(', func: `${c.E}Handler.process${c.E}` }], stack: true, perHour: 90 },
    saturation: { level: 'error', message: 'Failed to acquire connection: timeout exceeded when trying to connect', exception: 'Error', frames: [{ file: 'src/db/pool.ts', find: "throw new Error('acquire connection: '", func: 'acquire' }, { file: R, find: 'const conn = await acquire(this.pool, this.acquireTimeoutMs);', func: `${c.E}Repository.list${c.E}s` }], stack: true, perHour: 60 },
  };
}
