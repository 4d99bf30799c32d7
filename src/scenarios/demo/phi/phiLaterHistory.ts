import type { History } from '../history';
import type { Deploy } from '../scenario';
import { people } from '../people';
import type { PhiHistory } from './phiHistory';
import * as other from './phiOtherSources';
import { parallelWrite, PS, RECORDS, serialWrite } from './phiSources';

/**
 * 2024-01-17 .. 2024-01-25. The 09:30 deploy on the 25th ships the parallel
 * writes together with concurrent (read-only) lab fetches, a checksum helper
 * refactor, a psycopg bump and the consent audit trail (a correct
 * SERIALIZABLE transaction, merged from a feature branch).
 */
export function phiLaterCommits(h: History, deploy: (time: string, svc: string[]) => void, deploys: Deploy[]): PhiHistory {
  h.edit('.github/workflows/ci.yml', "pip install -e '.[test]' && pytest -q\n        working-directory: services/phi-service", "pip install -e '.[test]' && pytest -q -x --cov=phi\n        working-directory: services/phi-service");
  h.commit('ci: stop phi-service tests at the first failure and report coverage', people.mohammed, '2024-01-17T09:00:00Z');

  h.write('services/hl7-ingest/router.go', 'package main\n\nimport "strings"\n\n// route picks the phi-service endpoint for a message by its MSH-9 type.\nfunc route(msh string) string {\n	f := strings.Split(msh, "|")\n	if len(f) > 8 && strings.HasPrefix(f[8], "ORU") {\n		return "/v1/patients/%s/bundles"\n	}\n	return ""\n}\n');
  h.commit('refactor(ingest): split parser and router', people.nora, '2024-01-17T14:45:00Z');

  h.edit(`${PS}/phi/integrity/verifier.py`, '    log.info("verified recently updated patients"', '    # One JSON object per line; the log pipeline indexes patient_id for audits.\n    log.info("verified recently updated patients"');
  h.commit('feat(phi): structured JSON logs for the integrity verifier', people.priya, '2024-01-18T08:20:00Z');

  h.edit(`${PS}/phi/settings.py`, 'POOL_MAX_SIZE = int(os.environ.get("POOL_MAX_SIZE", "8"))', 'POOL_MAX_SIZE = int(os.environ.get("POOL_MAX_SIZE", "16"))')
    .edit('deploy/k8s/phi-service.yaml', 'value: "8"', 'value: "16"');
  h.commit('perf(phi): raise pool size to 16 connections\n\nLab and bundle traffic doubled after the second hospital went live.', people.lena, '2024-01-18T11:10:00Z');
  deploy('2024-01-18T14:00:00Z', ['phi-service', 'hl7-ingest']);

  h.edit('services/consent-api/consent/app.py', '    status = _consents.get(patient_id)\n    if status is None:', '    status = _consents.get(patient_id)\n    if status is None or status == "revoked":');
  h.commit('fix(consent): treat revoked consent as absent', people.mohammed, '2024-01-19T08:40:00Z');

  h.edit(`${PS}/phi/labs/client.py`, 'timeout=2.0)', 'timeout=5.0)');
  h.commit('fix(phi): raise lab gateway timeout from 2s to 5s\n\nThe gateway p99 is 3.1s for microbiology panels.', people.priya, '2024-01-19T10:15:00Z');

  h.write('services/hl7-ingest/loinc.go', 'package main\n\n// loincNames maps the LOINC codes we receive most to display names.\nvar loincNames = map[string]string{\n	"718-7":  "Hemoglobin",\n	"2345-7": "Glucose",\n	"2160-0": "Creatinine",\n}\n');
  h.commit('feat(ingest): map LOINC codes to display names', people.nora, '2024-01-19T15:00:00Z');
  deploy('2024-01-19T16:30:00Z', ['phi-service', 'consent-api', 'hl7-ingest']);

  h.edit(`${PS}/pyproject.toml`, '"fastapi==0.108.0"', '"fastapi==0.109.0"');
  h.commit('chore(deps): bump fastapi from 0.108.0 to 0.109.0 in /services/phi-service\n\nSigned-off-by: dependabot[bot] <support@github.com>', people.dependabot, '2024-01-22T06:00:00Z');

  h.edit(`${PS}/phi/api/records.py`, '@router.post("/v1/patients/{patient_id}/bundles", status_code=201)', `@router.get("/v1/patients/{patient_id}/observations")
def observations(patient_id: str, after: str = "", limit: int = 100) -> dict:
    with pool.connection() as conn:
        rows = conn.execute(
            "SELECT id, code, value, unit, effective_at FROM observations WHERE patient_id = %s AND id > %s ORDER BY id LIMIT %s",
            (patient_id, after, min(limit, 500)),
        ).fetchall()
    return {"items": [dict(zip(("id", "code", "value", "unit", "effective_at"), r)) for r in rows], "next": rows[-1][0] if rows else None}


@router.post("/v1/patients/{patient_id}/bundles", status_code=201)`);
  h.commit('feat(phi): paginate observation history endpoint', people.lena, '2024-01-22T09:20:00Z');

  h.edit(RECORDS, 'from dataclasses import dataclass\n', 'from dataclasses import asdict, dataclass\n')
    .edit(RECORDS, 'conn.execute(UPSERT_OBSERVATION, obs.__dict__)', 'conn.execute(UPSERT_OBSERVATION, asdict(obs))');
  h.commit('refactor(phi): pass observation parameters with dataclasses.asdict\n\nobs.__dict__ breaks once Observation gets __slots__ (planned for the\nmemory work on the ingest path).', people.lena, '2024-01-22T11:30:00Z');

  h.write(`${PS}/tests/test_observations_api.py`, `def test_page_size_is_capped(client):
    resp = client.get("/v1/patients/pt_1/observations", params={"limit": 10_000})
    assert resp.status_code == 200
    assert len(resp.json()["items"]) <= 500
`);
  h.commit('test(phi): cover observation pagination', people.priya, '2024-01-22T13:00:00Z');
  deploy('2024-01-22T15:30:00Z', ['phi-service']);

  h.startBranch('feature/consent-audit');
  h.write(`${PS}/phi/audit/__init__.py`, '').write(`${PS}/phi/audit/consent.py`, `"""Consent changes and their audit rows commit together (HIPAA 164.312(b))."""
from psycopg import IsolationLevel
from psycopg_pool import ConnectionPool

UPDATE_CONSENT = "UPDATE consents SET status = %s, updated_at = now() WHERE patient_id = %s"
INSERT_AUDIT = "INSERT INTO consent_audit (patient_id, actor, status, at) VALUES (%s, %s, %s, now())"


def record_consent_change(pool: ConnectionPool, patient_id: str, actor: str, status: str) -> None:
    with pool.connection() as conn:
        conn.isolation_level = IsolationLevel.SERIALIZABLE
        with conn.transaction():
            conn.execute(UPDATE_CONSENT, (status, patient_id))
            conn.execute(INSERT_AUDIT, (patient_id, actor, status))
`);
  h.write(`${PS}/phi/api/consent.py`, `"""HTTP API for consent changes (audited)."""
from fastapi import APIRouter, Header
from pydantic import BaseModel

from phi.audit.consent import record_consent_change
from phi.db import pool

router = APIRouter()


class ConsentChange(BaseModel):
    status: str


@router.put("/v1/patients/{patient_id}/consent", status_code=204)
def put_consent(patient_id: str, change: ConsentChange, x_actor: str = Header()) -> None:
    record_consent_change(pool, patient_id, x_actor, change.status)
`).edit(`${PS}/phi/app.py`, 'from phi.api import labs, records', 'from phi.api import consent, labs, records')
    .edit(`${PS}/phi/app.py`, 'app.include_router(labs.router)\n', 'app.include_router(labs.router)\napp.include_router(consent.router)\n');
  h.commit('feat(phi): add consent audit trail', people.mohammed, '2024-01-23T09:15:00Z');
  h.write(`${PS}/tests/test_consent_audit.py`, `import pytest

from phi.audit.consent import record_consent_change


def test_audit_row_rolls_back_with_the_change(pool, failing_audit_insert):
    with pytest.raises(RuntimeError):
        record_consent_change(pool, "pt_1", "dr.who", "revoked")
    assert pool.connection().__enter__().execute("SELECT status FROM consents WHERE patient_id = 'pt_1'").fetchone()[0] == "granted"
`);
  h.commit('test(phi): consent audit rows roll back with the change', people.mohammed, '2024-01-23T14:30:00Z');
  h.switchTo('main');

  h.write(`docs/runbooks/checksum-mismatch.md`, other.runbook);
  h.commit('docs: runbook for checksum mismatches', people.lena, '2024-01-23T11:45:00Z');

  h.edit('services/hl7-ingest/main.go', '			if len(f) > 6 {', '			if len(f) > 6 && f[5] != "" {');
  h.commit('fix(ingest): skip OBX segments with empty values', people.oscar, '2024-01-23T15:10:00Z');
  deploy('2024-01-23T16:00:00Z', ['hl7-ingest']);

  h.edit(`${PS}/pyproject.toml`, '"psycopg[binary]==3.1.16"', '"psycopg[binary]==3.1.17"');
  h.commit('chore(deps): bump psycopg from 3.1.16 to 3.1.17 in /services/phi-service\n\nSigned-off-by: dependabot[bot] <support@github.com>', people.dependabot, '2024-01-24T06:00:00Z');

  h.edit(`${PS}/phi/labs/client.py`, 'def lab_panels(patient_id: str, panel_ids: list[str]) -> list[dict]:\n    return [_fetch_panel(patient_id, p) for p in panel_ids]', `def lab_panels(patient_id: str, panel_ids: list[str]) -> list[dict]:
    # Panels are independent read-only GETs; fetch them concurrently (order kept).
    with ThreadPoolExecutor(max_workers=4) as executor:
        return list(executor.map(lambda p: _fetch_panel(patient_id, p), panel_ids))`)
    .edit(`${PS}/phi/labs/client.py`, 'import logging\n', 'import logging\nfrom concurrent.futures import ThreadPoolExecutor\n');
  h.commit('perf(phi): fetch lab results concurrently', people.priya, '2024-01-24T10:05:00Z');

  h.edit(`${PS}/phi/integrity/checksum.py`, `    digest = hashlib.sha256()
    for obs_id, code, value, unit, effective_at in sorted(rows):
        digest.update(f"{obs_id}|{code}|{value}|{unit}|{effective_at}\\n".encode())
    return digest.hexdigest()`, `    digest = hashlib.sha256()
    for row in sorted(rows):
        digest.update(canonical(row))
    return digest.hexdigest()


def canonical(row: tuple) -> bytes:
    """One observation as hashed: fields joined by '|', newline-terminated."""
    obs_id, code, value, unit, effective_at = row
    return f"{obs_id}|{code}|{value}|{unit}|{effective_at}\\n".encode()`);
  h.commit('refactor(phi): extract checksum canonicalization helper', people.lena, '2024-01-24T13:30:00Z');

  h.edit(RECORDS, serialWrite, parallelWrite)
    .edit(RECORDS, 'import logging\nfrom dataclasses import asdict, dataclass\n\nfrom psycopg import Connection, IsolationLevel\n', 'import logging\nfrom concurrent.futures import ThreadPoolExecutor, as_completed\nfrom dataclasses import asdict, dataclass\n\nfrom psycopg import Connection\n')
    .edit(RECORDS, 'log = logging.getLogger(__name__)\n', 'log = logging.getLogger(__name__)\n\nWRITE_WORKERS = 8\n');
  const culprit = h.commit('perf(phi): parallelize database writes\n\nLarge bundles (200+ observations from the new hospital feed) took 1.4s to\nstore. Observations are independent rows, so write them on up to 8 pooled\nconnections at once; p95 for 200-observation bundles drops to 310ms.', people.oscar, '2024-01-24T16:20:00Z');

  h.merge('feature/consent-audit', 'Merge pull request #318 from healthcare-platform/feature/consent-audit\n\nfeat(phi): add consent audit trail', people.mohammed, '2024-01-25T08:40:00Z');

  h.edit('services/consent-api/consent/app.py', 'from fastapi import FastAPI, HTTPException', 'import logging\n\nfrom fastapi import FastAPI, HTTPException, Request\n\nlog = logging.getLogger("consent")')
    .edit('services/consent-api/consent/app.py', '@app.get("/v1/consents/{patient_id}")', '@app.middleware("http")\nasync def request_id(request: Request, call_next):\n    log.info("request id=%s path=%s", request.headers.get("x-request-id", "-"), request.url.path)\n    return await call_next(request)\n\n\n@app.get("/v1/consents/{patient_id}")');
  h.commit('chore(consent): log request ids', people.priya, '2024-01-25T09:05:00Z');
  deploy('2024-01-25T09:30:00Z', ['phi-service', 'consent-api']);

  h.write(`${PS}/docs/write-path.md`, '# Write path\n\n`POST /v1/patients/{id}/bundles` → `RecordRepository.save_bundle` → observations upserted, patient version bumped, checksum refreshed.\n');
  h.commit('docs(phi): document the bundle write path', people.lena, '2024-01-25T10:20:00Z');

  h.edit('services/hl7-ingest/loinc.go', '	"2160-0": "Creatinine",\n', '	"2160-0": "Creatinine",\n	"2951-2": "Sodium",\n	"2823-3": "Potassium",\n');
  h.commit('feat(ingest): add sodium and potassium LOINC names', people.priya, '2024-01-25T10:50:00Z');

  return { history: h, culprit, deploys };
}
