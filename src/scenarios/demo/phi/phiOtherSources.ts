/** The clinical-data monorepo's docs and neighbour services (consent-api, hl7-ingest). */

export const readme = `# Clinical data platform

| Service | Language | What it does |
|---|---|---|
| \`services/phi-service\` | Python | Patient observation bundles (PHI), lab panels, integrity verifier |
| \`services/consent-api\` | Python | Patient consent status |
| \`services/hl7-ingest\` | Go | HL7 v2 feed → phi-service bundles |

HIPAA scope: everything under \`services/phi-service\` and \`services/consent-api\`.
Deploys are recorded by the CD system (exported to \`.forensics/deployments.json\`
for incident tooling) and tagged \`deploy/<yyyymmdd-hhmm>\` on production.
`;

export const checksumDoc = `# Checksum verification

Every patient row stores a SHA-256 over its observations (see
\`phi/integrity/checksum.py\`). The integrity verifier CronJob recomputes it
every 15 minutes for recently updated patients and publishes
\`PHI/Integrity RecordChecksumFailures\` to CloudWatch; one mismatch is a
potential HIPAA data-integrity incident.
`;

export const runbook = `# Runbook: checksum mismatches

1. Check \`RecordChecksumFailures\` and the verifier's JSON logs for patient ids.
2. Freeze writes for affected patients (\`phi-service\` admin endpoint).
3. Restore the affected rows from the point-in-time backup; re-run the verifier.
4. File the HIPAA integrity report within 60 minutes.
`;

export const consentPy = `"""consent-api: consent status per patient."""
from fastapi import FastAPI, HTTPException

app = FastAPI(title="consent-api")
_consents: dict[str, str] = {}


@app.get("/v1/consents/{patient_id}")
def consent(patient_id: str) -> dict:
    status = _consents.get(patient_id)
    if status is None:
        raise HTTPException(status_code=404)
    return {"patient_id": patient_id, "status": status}
`;

export const ingestGoMod = `module github.com/healthcare-platform/clinical/services/hl7-ingest

go 1.21
`;

export const ingestMainGo = `package main

import (
	"bufio"
	"log"
	"os"
	"strings"
)

// main reads HL7 v2 messages (one segment per line, blank line between
// messages) and forwards OBX observations to phi-service.
func main() {
	in := bufio.NewScanner(os.Stdin)
	var msg []string
	for in.Scan() {
		if line := strings.TrimSpace(in.Text()); line != "" {
			msg = append(msg, line)
			continue
		}
		if err := forward(msg); err != nil {
			log.Printf("forward: %v", err)
		}
		msg = msg[:0]
	}
}

func forward(segments []string) error {
	for _, s := range segments {
		if strings.HasPrefix(s, "OBX|") {
			_ = strings.Split(s, "|")
		}
	}
	return nil
}
`;

export const deploysMd = `# Deploys

The CD system promotes each build to staging, then to production after the
smoke tests pass. Production deploys are also tagged \`deploy/<yyyymmdd-hhmm>\`.
`;

export const hipaaMd = `# HIPAA scope

PHI is stored only by phi-service (Postgres \`phi\` database) and consent-api.
Every change to those services needs a reviewer from the clinical-data team.
Data-integrity alarms page the on-call immediately (see runbooks/).
`;
