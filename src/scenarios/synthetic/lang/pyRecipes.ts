import type { Rng } from '../../rng';
import type { CodeRef, CulpritKind, DecoyKind, IncidentClass, LogEffect, Recipe, RecipeFactory, ServiceCtx } from '../types';

const ref = (file: string, find: string, func: string): CodeRef => ({ file, find, func });
const H = (c: ServiceCtx) => `app/handlers/${c.es}.py`;
const R = (c: ServiceCtx) => `app/repository/${c.es}.py`;
const POOL = 'app/db/pool.py';
const CLIENT = 'app/clients/upstream.py';
const CONFIG = 'app/config.py';

function acquireErrors(c: ServiceCtx, msg: string, exception: string, perHour: number): LogEffect {
  return {
    level: 'error', message: msg, exception, stack: true, perHour,
    frames: [ref(POOL, 'return self._pool.getconn(timeout=self._timeout)', 'acquire'), ref(R(c), 'conn = self.pool.acquire()', `list_${c.es}`), ref(H(c), `return self.repo.list_${c.es}(`, `list_${c.es}`)],
  };
}

function oom(key: CodeRef, caller: CodeRef): LogEffect {
  return { level: 'error', message: 'worker crashed: out of memory', exception: 'MemoryError', stack: true, perHour: 2, frames: [key, caller] };
}

export const pyCulprits: Record<CulpritKind, RecipeFactory> = {
  'dup-call': (c, r) => {
    const n = r.pick([50, 100, 200]);
    const key = ref(POOL, `self._pool.set_min_idle(${n})`, 'configure');
    return {
      id: 'dup-call', area: 'db', pattern: 'DUPLICATE_METHOD_CALL', cls: 'latency', key,
      edits: [
        { file: POOL, op: 'replace', at: 'self._pool.set_max_size(cfg.max_open_conns)', lines: ['        self._pool.set_max_size(cfg.max_open_conns * 4)'] },
        { file: POOL, op: 'after', at: 'self._pool.set_max_lifetime(', lines: ['        # Enable prepared statement cache', `        self._pool.set_min_idle(${n})`] },
      ],
      effects: [acquireErrors(c, 'Failed to acquire connection', "psycopg_pool.PoolTimeout: couldn't get a connection after 5.00 sec", 80)],
    };
  },
  'config-value': (c, r, cls) => {
    if (cls === 'errors') {
      const key = ref(CONFIG, 'os.environ.get("DB_ACQUIRE_TIMEOUT", "0.05")', 'load_config');
      return {
        id: 'config-value', area: 'config', pattern: 'CONFIG_VALUE_CHANGED', cls, key,
        edits: [{ file: CONFIG, op: 'replace', at: 'os.environ.get("DB_ACQUIRE_TIMEOUT", "5.0")', lines: ['        acquire_timeout=float(os.environ.get("DB_ACQUIRE_TIMEOUT", "0.05")),'] }],
        effects: [acquireErrors(c, 'Failed to acquire connection', "psycopg_pool.PoolTimeout: couldn't get a connection after 0.05 sec", 120)],
      };
    }
    const n = r.pick([4, 5, 8]);
    const key = ref(CONFIG, `os.environ.get("DB_MAX_OPEN_CONNS", "${n}")`, 'load_config');
    return {
      id: 'config-value', area: 'config', pattern: 'CONFIG_VALUE_CHANGED', cls: 'latency', key,
      edits: [{ file: CONFIG, op: 'replace', at: 'os.environ.get("DB_MAX_OPEN_CONNS", "50")', lines: [`        max_open_conns=int(os.environ.get("DB_MAX_OPEN_CONNS", "${n}")),`] }],
      effects: [acquireErrors(c, `Failed to acquire connection (pool size ${n})`, "psycopg_pool.PoolTimeout: couldn't get a connection after 5.00 sec", 60)],
    };
  },
  'n-plus-one': (c) => {
    const key = ref(R(c), `row = conn.execute("SELECT id, tenant_id, amount, status FROM ${c.tbl} WHERE tenant_id = %s AND id = %s"`, `list_${c.es}`);
    return {
      id: 'n-plus-one', area: 'repo', pattern: 'N_PLUS_ONE_QUERY', cls: 'latency', key,
      edits: [{
        file: R(c), op: 'replaceThrough', at: 'AND id = ANY(%s)", (tenant_id, ids)).fetchall()', until: `return [${c.E}(*row) for row in rows]`,
        lines: ['            out = []', '            for item_id in ids:', `                row = conn.execute("SELECT id, tenant_id, amount, status FROM ${c.tbl} WHERE tenant_id = %s AND id = %s", (tenant_id, item_id)).fetchone()`, '                if row is not None:', `                    out.append(${c.E}(*row))`, '            return out'],
      }],
      effects: [{ level: 'warn', message: `slow query: list_${c.es} issued {n} statements in {ms}ms`, stack: false, perHour: 40, frames: [key, ref(H(c), `return self.repo.list_${c.es}(`, `list_${c.es}`)] }],
    };
  },
  'timeout-removed': (c, _r, cls) => {
    const key = ref(CLIENT, 'resp = await self.http.get(', 'fetch_profile');
    return {
      id: 'timeout-removed', area: 'client', pattern: 'TIMEOUT_REMOVED', cls: cls === 'errors' ? 'errors' : 'latency', key,
      edits: [
        { file: CLIENT, op: 'replace', at: 'self.http = httpx.AsyncClient()', lines: ['        self.http = httpx.AsyncClient(timeout=None)'] },
        { file: CLIENT, op: 'replace', at: 'timeout=2.0,', lines: [] },
      ],
      effects: [{ level: 'warn', message: 'profile lookup failed: request cancelled by load balancer after 30s', exception: 'asyncio.exceptions.CancelledError', stack: true, perHour: 50, frames: [key, ref(H(c), 'await self.upstream.fetch_profile(', `process_${c.e}`)] }],
    };
  },
  'blocking-io': (c) => {
    const key = ref(H(c), 'rates = requests.get(', `process_${c.e}`);
    return {
      id: 'blocking-io', area: 'handler', pattern: 'BLOCKING_IO_IN_REQUEST_PATH', cls: 'latency', key,
      edits: [
        { file: H(c), op: 'after', at: 'import time', lines: ['', 'import requests'] },
        { file: H(c), op: 'after', at: 'id = request.query_params.get("id", "")', lines: ['        # rates change daily; always use the latest', `        rates = requests.get("http://fx-rates.internal/v1/latest", timeout=5).json()`, '        request.state.rates = rates'] },
      ],
      effects: [],
    };
  },
  'error-swallowed': (c) => {
    const key = ref(H(c), 'except Exception:  # the reconciler retries failed saves', `process_${c.e}`);
    return {
      id: 'error-swallowed', area: 'handler', pattern: 'ERROR_SWALLOWED', cls: 'data-integrity', key,
      edits: [{ file: H(c), op: 'replaceThrough', at: `self.repo.save_${c.e}(item, amount)`, until: 'raise HTTPException(status_code=500', lines: [`            self.repo.save_${c.e}(item, amount)`, '        except Exception:  # the reconciler retries failed saves', '            pass'] }],
      effects: [{ level: 'error', message: `checksum mismatch for ${c.e} {id}: stored amount differs from ledger`, exception: `ValueError: checksum mismatch for ${c.e} {id}`, stack: true, perHour: 30, frames: [ref(R(c), 'raise ValueError(f"checksum mismatch for', 'verify_checksum'), ref(H(c), 'return {"id": item.id, "profile": profile, "amount": amount}', `process_${c.e}`)] }],
    };
  },
  'wrong-constant': (c, r) => {
    const k = r.pick(['1000', '10000']);
    const key = ref('app/money.py', `return round(amount * ${k})`, 'to_minor_units');
    return {
      id: 'wrong-constant', area: 'money', cls: 'errors', key,
      edits: [{ file: 'app/money.py', op: 'replace', at: 'return round(amount * 100)', lines: [`    return round(amount * ${k})`] }],
      effects: [{ level: 'error', message: `invalid ${c.e} amount`, exception: 'ValueError: amount out of range: {n}00', stack: true, perHour: 70, frames: [ref('app/money.py', 'raise ValueError(f"amount out of range: {cents}")', 'validate_amount'), ref(H(c), 'validate_amount(amount)', `process_${c.e}`)] }],
    };
  },
  'inverted-condition': () => {
    const key = ref('app/middleware/auth.py', 'if session.expires_at > time.time():', 'require_session');
    return {
      id: 'inverted-condition', area: 'auth', cls: 'errors', key,
      edits: [{ file: 'app/middleware/auth.py', op: 'replace', at: 'if session.expires_at < time.time():', lines: ['    if session.expires_at > time.time():'] }],
      effects: [{ level: 'warn', message: 'session expired', stack: false, perHour: 400, frames: [ref('app/middleware/auth.py', 'logger.warning("session expired"', 'require_session')] }],
    };
  },
  'where-clause': (c, _r, cls) => {
    if (cls === 'latency') {
      const key = ref(R(c), 'WHERE lower(tenant_id) = lower(%s) AND id::text = ANY(%s)', `list_${c.es}`);
      return {
        id: 'where-clause', area: 'repo', cls, key,
        edits: [{ file: R(c), op: 'replace', at: 'AND id = ANY(%s)", (tenant_id, ids)).fetchall()', lines: [`            rows = conn.execute("SELECT id, tenant_id, amount, status FROM ${c.tbl} WHERE lower(tenant_id) = lower(%s) AND id::text = ANY(%s)", (tenant_id, ids)).fetchall()`] }],
        effects: [{ level: 'warn', message: `slow query on ${c.tbl}: {ms}ms (seq scan)`, stack: false, perHour: 45, frames: [key, ref(H(c), `return self.repo.list_${c.es}(`, `list_${c.es}`)] }],
      };
    }
    const key = ref(R(c), 'WHERE id = %s OR tenant_id = %s', `find_${c.e}`);
    return {
      id: 'where-clause', area: 'repo', cls: 'data-integrity', key,
      edits: [{ file: R(c), op: 'replace', at: 'WHERE id = %s AND tenant_id = %s', lines: [`            row = conn.execute("SELECT id, tenant_id, amount, status FROM ${c.tbl} WHERE id = %s OR tenant_id = %s ORDER BY id LIMIT 1", (id, tenant_id)).fetchone()`] }],
      effects: [{ level: 'error', message: `process ${c.e} failed`, exception: `app.repository.${c.es}.TenantMismatch: tenant mismatch for ${c.e} {id}`, stack: true, perHour: 35, frames: [ref(R(c), 'raise TenantMismatch(f"tenant mismatch for', `find_${c.e}`), ref(H(c), `item = self.repo.find_${c.e}(tenant_id, id)`, `process_${c.e}`)] }],
    };
  },
  'missing-isolation': (c) => {
    const key = ref(R(c), `lambda adj: self._apply_one(adj)`, 'apply_adjustments');
    return {
      id: 'missing-isolation', area: 'repo', pattern: 'MISSING_TRANSACTION_ISOLATION', cls: 'data-integrity', key,
      edits: [{
        file: R(c), op: 'replaceThrough', at: 'def apply_adjustments(self, adjustments', until: 'self.pool.release(conn)',
        lines: [
          '    def apply_adjustments(self, adjustments: list[tuple[str, int]]) -> None:',
          '        # apply adjustments concurrently: each row is independent',
          '        with ThreadPoolExecutor(max_workers=8) as executor:',
          '            list(executor.map(lambda adj: self._apply_one(adj), adjustments))',
          '',
          '    def _apply_one(self, adj: tuple[str, int]) -> None:',
          '        conn = self.pool.acquire()',
          '        try:',
          `            conn.execute("UPDATE ${c.tbl} SET amount = amount + %s WHERE id = %s", (adj[1], adj[0]))`,
          '            conn.commit()',
          '        finally:',
          '            self.pool.release(conn)',
        ],
      }, { file: R(c), op: 'after', at: 'from dataclasses import dataclass', lines: ['from concurrent.futures import ThreadPoolExecutor'] }],
      effects: [
        { level: 'error', message: `checksum mismatch for ${c.e} {id}`, stack: false, perHour: 25, frames: [ref(R(c), 'logger.error("checksum mismatch"', 'verify_checksum')] },
        { level: 'error', message: 'apply adjustments failed', exception: 'psycopg.errors.DeadlockDetected: deadlock detected', stack: true, perHour: 15, frames: [ref(R(c), `conn.execute("UPDATE ${c.tbl} SET amount = amount + %s WHERE id = %s", (adj[1], adj[0]))`, '_apply_one'), key] },
      ],
    };
  },
  'unbounded-cache': (c) => {
    const key = ref(R(c), `_${c.e}_cache[(tenant_id, id)] = found`, `find_${c.e}`);
    return {
      id: 'unbounded-cache', area: 'repo', pattern: 'UNBOUNDED_CACHE', cls: 'memory', key,
      edits: [
        { file: R(c), op: 'after', at: 'logger = logging.getLogger(__name__)', lines: ['', `# processed ${c.es} never change, so lookups are memoized`, `_${c.e}_cache: dict[tuple[str, str], "${c.E}"] = {}`] },
        { file: R(c), op: 'after', at: `def find_${c.e}(self, tenant_id: str, id: str)`, lines: [`        cached = _${c.e}_cache.get((tenant_id, id))`, '        if cached is not None:', '            return cached'] },
        { file: R(c), op: 'before', at: '        return found', lines: [`        _${c.e}_cache[(tenant_id, id)] = found`] },
      ],
      effects: [oom(key, ref(H(c), `item = self.repo.find_${c.e}(tenant_id, id)`, `process_${c.e}`))],
    };
  },
  'unbounded-list': (c) => {
    const key = ref(H(c), 'AUDIT_TRAIL.append((tenant_id, id, time.time()))', `process_${c.e}`);
    return {
      id: 'unbounded-list', area: 'handler', cls: 'memory', key,
      edits: [
        { file: H(c), op: 'after', at: 'logger = logging.getLogger(__name__)', lines: ['', '# recent requests, for the debug endpoint', 'AUDIT_TRAIL: list[tuple[str, str, float]] = []'] },
        { file: H(c), op: 'after', at: 'id = request.query_params.get("id", "")', lines: ['        AUDIT_TRAIL.append((tenant_id, id, time.time()))'] },
      ],
      effects: [oom(key, ref('app/main.py', 'register_routes(app, pool, cfg)', '<module>'))],
    };
  },
};

export const pyDecoys: Record<DecoyKind, RecipeFactory> = {
  'cache-with-eviction': () => ({
    id: 'cache-with-eviction', area: 'client', effects: [],
    edits: [
      { file: CLIENT, op: 'after', at: 'import httpx', lines: ['from cachetools import TTLCache'] },
      { file: CLIENT, op: 'after', at: 'self.http = httpx.AsyncClient(', lines: ['        # bounded: at most 4096 profiles, each kept one minute', '        self.profiles: TTLCache = TTLCache(maxsize=4096, ttl=60)'] },
      { file: CLIENT, op: 'after', at: 'async def fetch_profile(self, tenant_id: str) -> dict:', lines: ['        cached = self.profiles.get(tenant_id)', '        if cached is not None:', '            return cached'] },
      { file: CLIENT, op: 'replace', at: 'return resp.json()', lines: ['        profile = resp.json()', '        self.profiles[tenant_id] = profile', '        return profile'] },
    ],
  }),
  'correct-transaction': (c) => ({
    id: 'correct-transaction', area: 'repo', effects: [],
    edits: [{
      file: R(c), op: 'replaceThrough', at: `"UPDATE ${c.tbl} SET status = 'archived' WHERE id = %s"`, until: `"INSERT INTO ${c.e}_audit`,
      lines: ['            with conn.transaction(isolation_level="REPEATABLE READ"):', `                conn.execute("UPDATE ${c.tbl} SET status = 'archived' WHERE id = %s", (id,))`, `                conn.execute("INSERT INTO ${c.e}_audit (${c.e}_id, action) VALUES (%s, 'archive')", (id,))`],
    }],
  }),
  'parallel-reads': (c) => ({
    id: 'parallel-reads', area: 'handler', effects: [],
    edits: [{
      file: H(c), op: 'replaceThrough', at: 'try:', until: 'profile = None',
      lines: [
        '        # the profile does not depend on the row: fetch both at once',
        '        found, profile = await asyncio.gather(',
        `            asyncio.to_thread(self.repo.find_${c.e}, tenant_id, id),`,
        '            self.upstream.fetch_profile(tenant_id),',
        '            return_exceptions=True,',
        '        )',
        '        if isinstance(found, Exception):',
        `            logger.exception("process ${c.e} failed", extra={"id": id}, exc_info=found)`,
        '            raise HTTPException(status_code=500, detail="internal error")',
        '        item = found',
        '        if isinstance(profile, Exception):',
        '            logger.warning("profile lookup failed", extra={"tenant": tenant_id, "error": str(profile)})',
        '            profile = None',
      ],
    }, { file: H(c), op: 'before', at: 'import logging', lines: ['import asyncio'] }],
  }),
  'timeout-raised': (_c, r) => r.chance(0.5)
    ? { id: 'timeout-raised', area: 'client', effects: [], edits: [{ file: CLIENT, op: 'replace', at: 'timeout=2.0,', lines: [`            timeout=${r.pick(['3.0', '4.0', '5.0'])},`] }] }
    : { id: 'timeout-raised', area: 'config', effects: [], edits: [{ file: CONFIG, op: 'replace', at: 'os.environ.get("DB_ACQUIRE_TIMEOUT", "5.0")', lines: [`        acquire_timeout=float(os.environ.get("DB_ACQUIRE_TIMEOUT", "${r.pick(['8.0', '10.0'])}")),`] }] },
  'pool-tuned': (_c, r) => r.chance(0.5)
    ? { id: 'pool-tuned', area: 'db', effects: [], edits: [{ file: POOL, op: 'replace', at: 'self._pool.set_min_idle(10)', lines: [`        self._pool.set_min_idle(${r.pick([12, 15, 20])})`] }] }
    : { id: 'pool-tuned', area: 'config', effects: [], edits: [{ file: CONFIG, op: 'replace', at: 'os.environ.get("DB_MAX_OPEN_CONNS", "50")', lines: [`        max_open_conns=int(os.environ.get("DB_MAX_OPEN_CONNS", "${r.pick([60, 64, 80])}")),`] }] },
  'retry-added': () => ({
    id: 'retry-added', area: 'client', effects: [],
    edits: [
      { file: CLIENT, op: 'before', at: 'async def fetch_profile(self, tenant_id: str) -> dict:', lines: ['    @retry(stop=stop_after_attempt(3), wait=wait_exponential(multiplier=0.1), retry=retry_if_exception_type(UpstreamError))'] },
      { file: CLIENT, op: 'after', at: 'import httpx', lines: ['from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential'] },
    ],
  }),
};

export const pyBigFeature: RecipeFactory = (c: ServiceCtx, r: Rng, _cls: IncidentClass): Recipe => {
  const fields = r.sample(['region', 'currency', 'channel', 'reference', 'notes', 'source', 'batch', 'owner', 'priority', 'label'], r.int(6, 9));
  const lines = ['import csv', 'import io', 'from dataclasses import dataclass', '', 'from fastapi import Request', 'from fastapi.responses import PlainTextResponse', '', '', '@dataclass', `class ${c.E}Export:`, ...fields.map((f) => `    ${f}: str = ""`), ''];
  for (const f of fields) lines.push('', `def format_${f}(e: ${c.E}Export) -> str:`, `    if not e.${f}:`, '        return "-"', `    return e.${f}.replace(",", " ")`, '');
  lines.push('', `async def export_${c.es}(request: Request) -> PlainTextResponse:`, '    out = io.StringIO()', '    writer = csv.writer(out)', `    writer.writerow([${fields.map((f) => `"${f}"`).join(', ')}])`, '    limit = int(request.query_params.get("limit", "0"))', '    for _ in range(limit):', `        e = ${c.E}Export()`, `        writer.writerow([${fields.map((f) => `format_${f}(e)`).join(', ')}])`, '    return PlainTextResponse(out.getvalue(), media_type="text/csv")');
  return { id: 'big-feature', area: 'handler', effects: [], edits: [{ file: `app/handlers/export_${c.es}.py`, op: 'create', lines }, { file: 'app/main.py', op: 'after', at: 'register_routes(app, pool, cfg)', lines: [`app.add_api_route("/api/v1/${c.es}/export", export_${c.es})`] }] };
};
