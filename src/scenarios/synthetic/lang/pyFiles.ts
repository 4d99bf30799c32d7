import type { ServiceCtx, ServiceTemplate } from '../types';

/** A small Python (FastAPI-style) service with the same shape as the Go one. */
export function pyTemplate(c: ServiceCtx): ServiceTemplate {
  const H = `app/handlers/${c.es}.py`;
  const R = `app/repository/${c.es}.py`;
  const files: Record<string, string> = {
    'requirements.txt': 'fastapi==0.111.0\npsycopg[binary]==3.1.19\npsycopg-pool==3.2.2\nhttpx==0.27.0\ncachetools==5.3.3\n',
    'app/db/pool.py': `import logging

from psycopg_pool import ConnectionPool, PoolTimeout

from app.config import Config

logger = logging.getLogger(__name__)


class Pool:
    def __init__(self, cfg: Config) -> None:
        self._pool = ConnectionPool(cfg.database_url, open=False)
        self._timeout = cfg.acquire_timeout
        self.configure(cfg)

    def configure(self, cfg: Config) -> None:
        self._pool.set_max_size(cfg.max_open_conns)
        self._pool.set_min_idle(10)
        self._pool.set_max_lifetime(30 * 60)

    def acquire(self):
        try:
            return self._pool.getconn(timeout=self._timeout)
        except PoolTimeout as exc:
            logger.error("Failed to acquire connection", extra={"timeout": self._timeout})
            raise RuntimeError(f"acquire connection: {exc}") from exc

    def release(self, conn) -> None:
        self._pool.putconn(conn)
`,
    [R]: `import logging
from dataclasses import dataclass

from app.db.pool import Pool

logger = logging.getLogger(__name__)


@dataclass
class ${c.E}:
    id: str
    tenant_id: str
    amount: float
    status: str


class TenantMismatch(Exception):
    pass


class ${c.E}Repository:
    def __init__(self, pool: Pool) -> None:
        self.pool = pool

    def list_${c.es}(self, tenant_id: str, ids: list[str]) -> list[${c.E}]:
        conn = self.pool.acquire()
        try:
            rows = conn.execute("SELECT id, tenant_id, amount, status FROM ${c.tbl} WHERE tenant_id = %s AND id = ANY(%s)", (tenant_id, ids)).fetchall()
            return [${c.E}(*row) for row in rows]
        finally:
            self.pool.release(conn)

    def find_${c.e}(self, tenant_id: str, id: str) -> ${c.E}:
        conn = self.pool.acquire()
        try:
            row = conn.execute("SELECT id, tenant_id, amount, status FROM ${c.tbl} WHERE id = %s AND tenant_id = %s", (id, tenant_id)).fetchone()
        finally:
            self.pool.release(conn)
        if row is None:
            raise LookupError(f"${c.e} {id} not found")
        found = ${c.E}(*row)
        if found.tenant_id != tenant_id:
            raise TenantMismatch(f"tenant mismatch for ${c.e} {id}")
        return found

    def save_${c.e}(self, item: ${c.E}, cents: int) -> None:
        conn = self.pool.acquire()
        try:
            conn.execute("UPDATE ${c.tbl} SET amount_cents = %s, status = 'processed' WHERE id = %s", (cents, item.id))
        finally:
            self.pool.release(conn)

    def apply_adjustments(self, adjustments: list[tuple[str, int]]) -> None:
        conn = self.pool.acquire()
        try:
            with conn.transaction(isolation_level="SERIALIZABLE"):
                for item_id, delta in adjustments:
                    conn.execute("UPDATE ${c.tbl} SET amount = amount + %s WHERE id = %s", (delta, item_id))
        finally:
            self.pool.release(conn)

    def archive_${c.e}(self, id: str) -> None:
        conn = self.pool.acquire()
        try:
            conn.execute("UPDATE ${c.tbl} SET status = 'archived' WHERE id = %s", (id,))
            conn.execute("INSERT INTO ${c.e}_audit (${c.e}_id, action) VALUES (%s, 'archive')", (id,))
        finally:
            self.pool.release(conn)

    def verify_checksum(self, id: str) -> None:
        conn = self.pool.acquire()
        try:
            stored, computed = conn.execute("SELECT checksum, md5(amount::text || status) FROM ${c.tbl} WHERE id = %s", (id,)).fetchone()
        finally:
            self.pool.release(conn)
        if stored != computed:
            logger.error("checksum mismatch", extra={"${c.e}": id})
            raise ValueError(f"checksum mismatch for ${c.e} {id}")
`,
    [H]: `import logging
import time

from fastapi import HTTPException, Request

from app.clients.upstream import UpstreamClient
from app.money import to_minor_units, validate_amount
from app.repository.${c.es} import ${c.E}Repository

logger = logging.getLogger(__name__)


class ${c.E}Handler:
    def __init__(self, repo: ${c.E}Repository, upstream: UpstreamClient) -> None:
        self.repo = repo
        self.upstream = upstream

    async def process_${c.e}(self, request: Request) -> dict:
        start = time.monotonic()
        tenant_id = request.headers.get("x-tenant-id", "")
        id = request.query_params.get("id", "")
        try:
            item = self.repo.find_${c.e}(tenant_id, id)
        except Exception:
            logger.exception("process ${c.e} failed", extra={"id": id})
            raise HTTPException(status_code=500, detail="internal error")
        try:
            profile = await self.upstream.fetch_profile(item.tenant_id)
        except Exception as exc:
            logger.warning("profile lookup failed", extra={"tenant": item.tenant_id, "error": str(exc)})
            profile = None
        amount = to_minor_units(item.amount)
        try:
            validate_amount(amount)
        except ValueError:
            logger.exception("invalid ${c.e} amount", extra={"id": id})
            raise HTTPException(status_code=422, detail="invalid amount")
        try:
            self.repo.save_${c.e}(item, amount)
        except Exception:
            logger.exception("save ${c.e} failed", extra={"id": id})
            raise HTTPException(status_code=500, detail="internal error")
        logger.info("request completed", extra={"path": request.url.path, "status": 200, "duration": time.monotonic() - start})
        return {"id": item.id, "profile": profile, "amount": amount}

    async def list_${c.es}(self, request: Request) -> list:
        ids = request.query_params.get("ids", "").split(",")
        try:
            return self.repo.list_${c.es}(request.headers.get("x-tenant-id", ""), ids)
        except Exception:
            logger.exception("list ${c.es} failed")
            raise HTTPException(status_code=500, detail="internal error")

    async def get_${c.e}(self, request: Request):
        try:
            return self.repo.find_${c.e}(request.headers.get("x-tenant-id", ""), request.query_params.get("id", ""))
        except LookupError as exc:
            logger.warning("get ${c.e} failed", extra={"error": str(exc)})
            raise HTTPException(status_code=404, detail="not found")
`,
    'app/cache/sessions.py': `import threading
import time
from dataclasses import dataclass


@dataclass
class Session:
    user_id: str
    expires_at: float


class SessionCache:
    def __init__(self, max_entries: int, ttl: float) -> None:
        self._entries: dict[str, tuple[Session, float]] = {}
        self._lock = threading.Lock()
        self._max_entries = max_entries
        self._ttl = ttl

    def get(self, key: str) -> Session | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or time.time() > entry[1]:
                return None
            return entry[0]

    def put(self, key: str, session: Session) -> None:
        with self._lock:
            if len(self._entries) >= self._max_entries:
                self._evict_oldest()
            self._entries[key] = (session, time.time() + self._ttl)

    def _evict_oldest(self) -> None:
        oldest = min(self._entries, key=lambda k: self._entries[k][1])
        del self._entries[oldest]
`,
    'app/clients/upstream.py': `import httpx


class UpstreamError(Exception):
    pass


class UpstreamClient:
    def __init__(self, name: str, base_url: str) -> None:
        self.name = name
        self.base_url = base_url
        self.http = httpx.AsyncClient()

    async def fetch_profile(self, tenant_id: str) -> dict:
        resp = await self.http.get(
            f"{self.base_url}/profiles/{tenant_id}",
            timeout=2.0,
            headers={"accept": "application/json"},
        )
        if resp.status_code >= 500:
            raise UpstreamError(f"upstream {self.name} returned {resp.status_code}")
        return resp.json()
`,
    'app/config.py': `import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Config:
    database_url: str
    max_open_conns: int
    acquire_timeout: float
    session_ttl: float
    max_sessions: int
    batch_size: int


def load_config() -> Config:
    return Config(
        database_url=os.environ.get("DATABASE_URL", "postgresql://localhost/${c.tbl}"),
        max_open_conns=int(os.environ.get("DB_MAX_OPEN_CONNS", "50")),
        acquire_timeout=float(os.environ.get("DB_ACQUIRE_TIMEOUT", "5.0")),
        session_ttl=float(os.environ.get("SESSION_TTL", "900")),
        max_sessions=int(os.environ.get("MAX_SESSIONS", "10000")),
        batch_size=int(os.environ.get("BATCH_SIZE", "100")),
    )
`,
    'app/money.py': `MAX_AMOUNT_CENTS = 5_000_000


def to_minor_units(amount: float) -> int:
    """Converts a decimal amount to cents."""
    return round(amount * 100)


def validate_amount(cents: int) -> None:
    if cents <= 0 or cents > MAX_AMOUNT_CENTS:
        raise ValueError(f"amount out of range: {cents}")
`,
    'app/middleware/auth.py': `import logging
import time

from fastapi import HTTPException, Request

from app.cache.sessions import SessionCache

logger = logging.getLogger(__name__)


def require_session(request: Request, sessions: SessionCache) -> None:
    session = sessions.get(request.headers.get("authorization", ""))
    if session is None:
        logger.warning("session not found", extra={"path": request.url.path})
        raise HTTPException(status_code=401)
    if session.expires_at < time.time():
        logger.warning("session expired", extra={"user": session.user_id})
        raise HTTPException(status_code=401)
`,
    'app/main.py': `import asyncio
import logging
import os
import resource

from fastapi import FastAPI

from app.config import load_config
from app.db.pool import Pool
from app.routes import register_routes

logger = logging.getLogger(__name__)
cfg = load_config()
app = FastAPI()
pool = Pool(cfg)
register_routes(app, pool, cfg)


@app.on_event("startup")
async def startup() -> None:
    logger.info("starting ${c.name}", extra={"version": os.environ.get("VERSION", "dev")})
    asyncio.create_task(monitor_heap())


async def monitor_heap() -> None:
    while True:
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if rss_mb > 800:
            logger.warning("heap usage high", extra={"rss_mb": rss_mb})
        await asyncio.sleep(30)
`,
  };
  return {
    files,
    areas: { 'app/db/pool.py': 'db', [R]: 'repo', [H]: 'handler', 'app/cache/sessions.py': 'cache', 'app/clients/upstream.py': 'client', 'app/config.py': 'config', 'app/money.py': 'money', 'app/middleware/auth.py': 'auth', 'app/main.py': 'main' },
    chronic: [
      { level: 'warn', message: 'profile lookup failed: upstream {up} returned 502', frames: [{ file: H, find: 'logger.warning("profile lookup failed"', func: `process_${c.e}` }], stack: false, perHour: 3 },
      { level: 'warn', message: `get ${c.e} failed: ${c.e} {id} not found`, frames: [{ file: H, find: `logger.warning("get ${c.e} failed"`, func: `get_${c.e}` }], stack: false, perHour: 4 },
      { level: 'warn', message: 'session not found', frames: [{ file: 'app/middleware/auth.py', find: 'logger.warning("session not found"', func: 'require_session' }], stack: false, perHour: 5 },
      { level: 'error', message: `invalid ${c.e} amount`, exception: 'ValueError: amount out of range: 0', frames: [{ file: 'app/money.py', find: 'raise ValueError(f"amount out of range: {cents}")', func: 'validate_amount' }, { file: H, find: 'validate_amount(amount)', func: `process_${c.e}` }], stack: true, perHour: 1 },
    ],
    access: { file: H, find: 'logger.info("request completed"', func: `process_${c.e}` },
    startup: { file: 'app/main.py', find: `logger.info("starting ${c.name}"`, func: 'startup' },
    heap: { file: 'app/main.py', find: 'logger.warning("heap usage high"', func: 'monitor_heap' },
    outage: { level: 'error', message: 'profile lookup failed', exception: 'app.clients.upstream.UpstreamError: upstream {up} returned 503', frames: [{ file: 'app/clients/upstream.py', find: 'raise UpstreamError(f"upstream {self.name} returned', func: 'fetch_profile' }, { file: H, find: 'self.upstream.fetch_profile(', func: `process_${c.e}` }], stack: true, perHour: 90 },
    saturation: { level: 'error', message: 'Failed to acquire connection', exception: 'psycopg_pool.PoolTimeout: couldn\'t get a connection after 5.00 sec', frames: [{ file: 'app/db/pool.py', find: 'return self._pool.getconn(timeout=self._timeout)', func: 'acquire' }, { file: R, find: 'conn = self.pool.acquire()', func: `list_${c.es}` }], stack: true, perHour: 60 },
  };
}
