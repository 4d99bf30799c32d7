import { History } from '../history';
import { forensicsConfig, k8sDeployment, type ServiceInfo, startMonorepo } from '../monorepo';
import type { Deploy } from '../scenario';
import { people } from '../people';
import * as other from './phiOtherSources';
import { phiLaterCommits } from './phiLaterHistory';
import * as src from './phiSources';

const { PS, RECORDS } = src;

const services: ServiceInfo[] = [
  { name: 'phi-service', lang: 'python', team: 'clinical-data-team' },
  { name: 'consent-api', lang: 'python', team: 'clinical-data-team' },
  { name: 'hl7-ingest', lang: 'go', team: 'integrations-team' },
];

export interface PhiHistory {
  history: History;
  culprit: number;
  deploys: Deploy[];
}

/** The clinical-data monorepo: 2024-01-11 .. 2024-01-25. */
export function phiHistory(): PhiHistory {
  const { h, deploys, deploy } = startMonorepo(services, other.readme, 930);

  h.write('docs/deploys.md', other.deploysMd)
    .write('docs/hipaa-scope.md', other.hipaaMd)
    .write('deploy/k8s/phi-service.yaml', k8sDeployment('phi-service', 'registry.internal/phi-service', 4, { POOL_MAX_SIZE: '8' }, '1Gi'))
    .write('deploy/k8s/consent-api.yaml', k8sDeployment('consent-api', 'registry.internal/consent-api', 2, { PORT: '8080' }))
    .write('deploy/k8s/hl7-ingest.yaml', k8sDeployment('hl7-ingest', 'registry.internal/hl7-ingest', 1, { PHI_URL: 'http://phi-service:8080' }))
    .write(`${PS}/pyproject.toml`, src.pyproject)
    .write(`${PS}/phi/__init__.py`, '')
    .write(`${PS}/phi/settings.py`, src.settingsPy)
    .write(`${PS}/phi/db.py`, src.dbPy)
    .write(`${PS}/phi/app.py`, src.appPy)
    .write(`${PS}/phi/api/__init__.py`, '')
    .write(`${PS}/phi/api/records.py`, src.apiRecordsPy)
    .write(`${PS}/phi/api/labs.py`, src.apiLabsPy)
    .write(`${PS}/phi/repository/__init__.py`, '')
    .write(RECORDS, src.recordsPy)
    .write(`${PS}/phi/integrity/__init__.py`, '')
    .write(`${PS}/phi/integrity/checksum.py`, src.checksumPy)
    .write(`${PS}/phi/integrity/verifier.py`, src.verifierPy)
    .write(`${PS}/phi/labs/__init__.py`, '')
    .write(`${PS}/phi/labs/client.py`, src.labsClientPy)
    .write('services/consent-api/consent/app.py', other.consentPy)
    .write('services/hl7-ingest/go.mod', other.ingestGoMod)
    .write('services/hl7-ingest/main.go', other.ingestMainGo);
  h.commit('chore: import clinical data platform monorepo', people.lena, '2024-01-11T11:20:00Z');

  h.write('.forensics.json', forensicsConfig({
    services: {
      'phi-service': [`${PS}/**`, 'deploy/k8s/phi-service.yaml'],
      'consent-api': ['services/consent-api/**', 'deploy/k8s/consent-api.yaml'],
      'hl7-ingest': ['services/hl7-ingest/**', 'deploy/k8s/hl7-ingest.yaml'],
    },
    metrics: [
      '.forensics/metrics/phi_bundle_write_errors_rate.json',
      '.forensics/metrics/phi_bundle_write_duration_p95_seconds.json',
      '.forensics/metrics/postgres_deadlocks.csv',
    ],
    queries: {
      phi_bundle_write_errors_rate: 'sum(rate(phi_bundle_write_errors_total{service="phi-service"}[5m]))',
      phi_bundle_write_duration_p95_seconds: 'histogram_quantile(0.95, sum by (le) (rate(phi_bundle_write_duration_seconds_bucket{service="phi-service"}[5m])))',
      postgres_deadlocks: 'increase(pg_stat_database_deadlocks{datname="phi"}[5m])',
    },
    deploymentsFile: '.forensics/deployments.json',
    lookbackDays: 14,
  }));
  h.commit('chore(tooling): add .forensics.json for incident forensics', people.mohammed, '2024-01-11T12:05:00Z');

  h.edit('services/hl7-ingest/main.go', '			_ = strings.Split(s, "|")', '			f := strings.Split(s, "|")\n			if len(f) > 6 {\n				log.Printf("OBX %s = %s %s", f[3], f[5], f[6])\n			}');
  h.commit('feat(ingest): parse OBX segments with units', people.nora, '2024-01-11T14:20:00Z');

  h.write(`${PS}/tests/test_checksum.py`, `from hypothesis import given, strategies as st

from phi.integrity.checksum import record_checksum

row = st.tuples(st.text(), st.text(), st.text(), st.text(), st.text())


@given(st.lists(row))
def test_checksum_ignores_row_order(rows):
    assert record_checksum(rows) == record_checksum(list(reversed(rows)))
`);
  h.commit('test(phi): property tests for checksum canonicalization', people.priya, '2024-01-12T08:15:00Z');

  h.edit(`${PS}/phi/api/records.py`, '    bundle = PatientBundle(', '    ids = [o.get("id") for o in observations]\n    if len(ids) != len(set(ids)):\n        raise HTTPException(status_code=422, detail="duplicate_observation_id")\n    bundle = PatientBundle(');
  h.commit('fix(phi): reject bundles with duplicate observation ids', people.lena, '2024-01-12T11:40:00Z');
  deploy('2024-01-12T15:00:00Z', ['phi-service', 'hl7-ingest']);

  h.edit('services/consent-api/consent/app.py', '    return {"patient_id": patient_id, "status": status}', '    return {"patient_id": patient_id, "status": status, "active": status == "granted"}');
  h.commit('feat(consent): expose consent status endpoint', people.mohammed, '2024-01-15T08:30:00Z');

  h.write(`${PS}/migrations/0011_observations_patient_idx.sql`, '-- The checksum refresh and the verifier read all observations of one patient.\nCREATE INDEX CONCURRENTLY IF NOT EXISTS observations_patient_id_idx ON observations (patient_id, id);\n')
    .edit(RECORDS, 'SELECT_OBSERVATIONS = "SELECT id, code, value, unit, effective_at FROM observations WHERE patient_id = %s"', 'SELECT_OBSERVATIONS = "SELECT id, code, value, unit, effective_at FROM observations WHERE patient_id = %s ORDER BY id"');
  h.commit('perf(phi): index observations by patient for checksum refreshes', people.lena, '2024-01-15T09:50:00Z');

  h.write(`${PS}/docs/checksums.md`, other.checksumDoc);
  h.commit('docs(phi): describe checksum verification', people.priya, '2024-01-15T10:20:00Z');
  deploy('2024-01-15T11:30:00Z', ['phi-service', 'consent-api']);

  h.edit(`${PS}/phi/api/records.py`, `    try:
        repository.save_bundle(bundle)
    except Exception:`, `    try:
        for attempt in range(1, 4):
            try:
                repository.save_bundle(bundle)
                break
            except SerializationFailure:
                if attempt == 3:
                    raise
                log.warning("serialization failure for patient %s, retrying (attempt %d/3)", patient_id, attempt)
    except Exception:`).edit(`${PS}/phi/api/records.py`, 'from fastapi import APIRouter, HTTPException\n', 'from fastapi import APIRouter, HTTPException\nfrom psycopg.errors import SerializationFailure\n');
  h.commit('fix(phi): retry serialization failures up to 3 times\n\nConcurrent bundles for one patient abort with SQLSTATE 40001 under\nSERIALIZABLE; the retry is safe because the whole bundle is one transaction.', people.lena, '2024-01-16T10:05:00Z');

  h.edit('services/hl7-ingest/main.go', '		if err := forward(msg); err != nil {\n			log.Printf("forward: %v", err)\n		}', '		if err := forward(msg); err != nil {\n			log.Printf("forward: %v (dead-lettered)", err)\n			deadLetter(msg)\n		}');
  h.write('services/hl7-ingest/deadletter.go', 'package main\n\nimport (\n	"os"\n	"strings"\n)\n\n// deadLetter appends a message that could not be forwarded for manual replay.\nfunc deadLetter(segments []string) {\n	f, err := os.OpenFile("/var/spool/hl7/dead-letter.hl7", os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)\n	if err != nil {\n		return\n	}\n	defer f.Close()\n	_, _ = f.WriteString(strings.Join(segments, "\\r") + "\\n\\n")\n}\n');
  h.commit('feat(ingest): dead-letter malformed HL7 messages', people.oscar, '2024-01-16T15:40:00Z');
  deploy('2024-01-16T16:00:00Z', ['phi-service', 'hl7-ingest']);

  return phiLaterCommits(h, deploy, deploys);
}
