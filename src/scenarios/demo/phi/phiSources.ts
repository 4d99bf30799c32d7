/** phi-service (Python, FastAPI + psycopg 3) as first imported on 2024-01-11. */
export const PS = 'services/phi-service';
export const RECORDS = `${PS}/phi/repository/records.py`;

export const pyproject = `[project]
name = "phi-service"
version = "4.2.0"
requires-python = ">=3.11"
dependencies = [
    "fastapi==0.108.0",
    "uvicorn==0.25.0",
    "psycopg[binary]==3.1.16",
    "psycopg-pool==3.2.0",
    "httpx==0.26.0",
    "python-json-logger==2.0.7",
]

[project.optional-dependencies]
test = ["pytest==7.4.4", "hypothesis==6.92.2"]
`;

export const settingsPy = `"""Runtime settings, read once from the environment (see deploy/k8s/phi-service.yaml)."""
import os

DATABASE_URL = os.environ.get("DATABASE_URL", "postgresql://phi_app@localhost/phi")
POOL_MAX_SIZE = int(os.environ.get("POOL_MAX_SIZE", "8"))
LABS_URL = os.environ.get("LABS_URL", "http://labs-gateway:8080")
`;

export const dbPy = `"""The shared Postgres connection pool."""
from psycopg_pool import ConnectionPool

from phi import settings

pool = ConnectionPool(settings.DATABASE_URL, min_size=2, max_size=settings.POOL_MAX_SIZE, open=False)
`;

export const checksumPy = `"""Record checksums: a SHA-256 over a patient's observations in a canonical form.

The writer stores the checksum next to the patient; the integrity verifier
recomputes it from the rows and reports any difference.
"""
import hashlib
from collections.abc import Iterable


def record_checksum(rows: Iterable[tuple]) -> str:
    digest = hashlib.sha256()
    for obs_id, code, value, unit, effective_at in sorted(rows):
        digest.update(f"{obs_id}|{code}|{value}|{unit}|{effective_at}\\n".encode())
    return digest.hexdigest()
`;

export const recordsPy = `"""Persistence of patient observation bundles in Postgres."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from psycopg import Connection, IsolationLevel
from psycopg_pool import ConnectionPool

from phi.integrity.checksum import record_checksum

log = logging.getLogger(__name__)

UPSERT_OBSERVATION = """
INSERT INTO observations (id, patient_id, code, value, unit, effective_at, version)
VALUES (%(id)s, %(patient_id)s, %(code)s, %(value)s, %(unit)s, %(effective_at)s, 1)
ON CONFLICT (id) DO UPDATE
   SET value = EXCLUDED.value, unit = EXCLUDED.unit, effective_at = EXCLUDED.effective_at,
       version = observations.version + 1
"""
BUMP_PATIENT_VERSION = "UPDATE patients SET version = version + 1, updated_at = now() WHERE id = %s"
SELECT_OBSERVATIONS = "SELECT id, code, value, unit, effective_at FROM observations WHERE patient_id = %s"
STORE_CHECKSUM = "UPDATE patients SET checksum = %s WHERE id = %s"


@dataclass(frozen=True)
class Observation:
    id: str
    patient_id: str
    code: str
    value: str
    unit: str
    effective_at: str


@dataclass(frozen=True)
class PatientBundle:
    patient_id: str
    observations: list[Observation]


class RecordRepository:
    def __init__(self, pool: ConnectionPool) -> None:
        self._pool = pool

    def save_bundle(self, bundle: PatientBundle) -> None:
        """Store a bundle and the patient's checksum atomically.

        SERIALIZABLE: two bundles for one patient must not interleave, or the
        stored checksum would describe neither of them.
        """
        with self._pool.connection() as conn:
            conn.isolation_level = IsolationLevel.SERIALIZABLE
            with conn.transaction():
                for obs in bundle.observations:
                    self._write_observation(conn, obs)
                self._refresh_checksum(conn, bundle.patient_id)

    def _write_observation(self, conn: Connection, obs: Observation) -> None:
        conn.execute(UPSERT_OBSERVATION, obs.__dict__)
        conn.execute(BUMP_PATIENT_VERSION, (obs.patient_id,))

    def _refresh_checksum(self, conn: Connection, patient_id: str) -> None:
        rows = conn.execute(SELECT_OBSERVATIONS, (patient_id,)).fetchall()
        conn.execute(STORE_CHECKSUM, (record_checksum(rows), patient_id))
`;

/** The transactional write path the culprit replaces (exact text in recordsPy). */
export const serialWrite = `    def save_bundle(self, bundle: PatientBundle) -> None:
        """Store a bundle and the patient's checksum atomically.

        SERIALIZABLE: two bundles for one patient must not interleave, or the
        stored checksum would describe neither of them.
        """
        with self._pool.connection() as conn:
            conn.isolation_level = IsolationLevel.SERIALIZABLE
            with conn.transaction():
                for obs in bundle.observations:
                    self._write_observation(conn, obs)
                self._refresh_checksum(conn, bundle.patient_id)

    def _write_observation(self, conn: Connection, obs: Observation) -> None:
        conn.execute(UPSERT_OBSERVATION, asdict(obs))
        conn.execute(BUMP_PATIENT_VERSION, (obs.patient_id,))
`;

export const parallelWrite = `    def save_bundle(self, bundle: PatientBundle) -> None:
        """Store a bundle and refresh the patient's checksum.

        Observations are independent rows, so they are written concurrently,
        each on its own pooled connection.
        """
        with ThreadPoolExecutor(max_workers=WRITE_WORKERS) as executor:
            futures = [executor.submit(self._write_observation, obs) for obs in bundle.observations]
            for future in as_completed(futures):
                future.result()
        with self._pool.connection() as conn:
            self._refresh_checksum(conn, bundle.patient_id)

    def _write_observation(self, obs: Observation) -> None:
        with self._pool.connection() as conn:
            conn.execute(UPSERT_OBSERVATION, asdict(obs))
            conn.execute(BUMP_PATIENT_VERSION, (obs.patient_id,))
`;

export const apiRecordsPy = `"""HTTP API for patient observation bundles."""
import logging
import time

from fastapi import APIRouter, HTTPException

from phi.db import pool
from phi.repository.records import Observation, PatientBundle, RecordRepository

log = logging.getLogger(__name__)
router = APIRouter()
repository = RecordRepository(pool)


@router.post("/v1/patients/{patient_id}/bundles", status_code=201)
def post_bundle(patient_id: str, observations: list[dict]) -> dict:
    bundle = PatientBundle(patient_id, [Observation(patient_id=patient_id, **o) for o in observations])
    started = time.monotonic()
    try:
        repository.save_bundle(bundle)
    except Exception:
        log.exception("failed to store bundle for patient %s", patient_id)
        raise HTTPException(status_code=500, detail="bundle_not_stored")
    log.info("stored bundle patient=%s observations=%d in %dms", patient_id, len(observations), (time.monotonic() - started) * 1000)
    return {"patient_id": patient_id, "stored": len(observations)}
`;

export const labsClientPy = `"""Lab results from the labs gateway."""
import logging

import httpx

from phi import settings

log = logging.getLogger(__name__)
_client = httpx.Client(base_url=settings.LABS_URL, timeout=2.0)


def lab_panels(patient_id: str, panel_ids: list[str]) -> list[dict]:
    return [_fetch_panel(patient_id, p) for p in panel_ids]


def _fetch_panel(patient_id: str, panel_id: str) -> dict:
    resp = _client.get(f"/v1/patients/{patient_id}/panels/{panel_id}")
    if resp.status_code == 503:
        log.warning("labs gateway returned 503 for panel %s; serving cached panel", panel_id)
        return {"id": panel_id, "stale": True}
    resp.raise_for_status()
    return resp.json()
`;

export const verifierPy = `"""Integrity verifier (CronJob, every 15 minutes): recompute the checksum of
every patient updated in the window and compare it with the stored one."""
import logging

from pythonjsonlogger import jsonlogger

from phi.db import pool
from phi.integrity.checksum import record_checksum

log = logging.getLogger("phi.integrity.verifier")

RECENT = "SELECT id, checksum FROM patients WHERE updated_at >= now() - interval '15 minutes'"
ROWS = "SELECT id, code, value, unit, effective_at FROM observations WHERE patient_id = %s"


def verify_recent() -> int:
    mismatches = 0
    with pool.connection() as conn:
        patients = conn.execute(RECENT).fetchall()
        for patient_id, stored in patients:
            computed = record_checksum(conn.execute(ROWS, (patient_id,)).fetchall())
            if computed != stored:
                mismatches += 1
                log.error("checksum mismatch", extra={"patient_id": patient_id, "stored": stored, "computed": computed})
    log.info("verified recently updated patients", extra={"patients": len(patients), "mismatches": mismatches})
    return mismatches


def main() -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(jsonlogger.JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s",
                                                  rename_fields={"asctime": "timestamp", "levelname": "level", "name": "logger"}))
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    pool.open()
    verify_recent()
`;

export const appPy = `"""phi-service: FastAPI application."""
import logging

from fastapi import FastAPI

from phi.api import labs, records
from phi.db import pool

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s [%(name)s] %(message)s")
logging.Formatter.converter = __import__("time").gmtime

app = FastAPI(title="phi-service")
app.include_router(records.router)
app.include_router(labs.router)


@app.on_event("startup")
def open_pool() -> None:
    pool.open()
`;

export const apiLabsPy = `"""HTTP API for lab panels."""
import logging
import time

from fastapi import APIRouter

from phi.labs.client import lab_panels

log = logging.getLogger(__name__)
router = APIRouter()


@router.get("/v1/patients/{patient_id}/labs")
def get_labs(patient_id: str, panels: str = "cbc,bmp,lipid") -> dict:
    started = time.monotonic()
    result = lab_panels(patient_id, panels.split(","))
    log.info("fetched %d lab panels patient=%s in %dms", len(result), patient_id, (time.monotonic() - started) * 1000)
    return {"patient_id": patient_id, "panels": result}
`;
