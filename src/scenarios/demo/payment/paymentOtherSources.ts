/** The payments monorepo's docs and its two neighbour services (ledger, notifications). */

export const readme = `# Payments platform

Monorepo for the payments domain of the healthcare platform.

| Service | Language | What it does |
|---|---|---|
| \`services/payment-gateway\` | Go | Card payments and refunds API (\`/api/v1/payments/*\`) |
| \`services/ledger-service\` | Go | Double-entry journal, settlement reconciliation |
| \`services/notification-service\` | TypeScript | Receipts by e-mail and SMS |

Every merge to \`main\` is built by CI; production deploys are cut by the
release pipeline and tagged \`deploy/<yyyymmdd-hhmm>\` (see docs/deploys.md).

Incident tooling reads \`.forensics.json\` for service paths, logs and metrics.
`;

export const architectureMd = `# Architecture

Requests reach \`payment-gateway\` through the public ingress. The gateway
validates the request, converts the amount into the merchant's settlement
currency, charges the card processor and records the payment in the
\`payments\` Postgres database (8 replicas share one primary; PgBouncer is not
in the path).

\`ledger-service\` consumes payment events and keeps the double-entry journal.
\`notification-service\` sends receipts.
`;

export const settlementMd = `
## Settlement flow

1. The processor settles captured charges once a day (02:00 UTC).
2. \`ledger-service\` imports the settlement file and matches each line to a journal entry.
3. Unmatched lines open a reconciliation ticket for finance.
`;

export const runbookMd = `# Runbook: payment-gateway

- Dashboards: Grafana "Payments / Gateway" (latency, pool usage, processor errors).
- p95 latency SLO: 200 ms on \`POST /api/v1/payments/process\`.
- Connection pool: \`database_connection_pool_active\` close to \`max_open\` means requests queue in \`database.Acquire\`.
- Rollback: re-deploy the previous \`deploy/*\` tag, or revert the commit and let the pipeline ship it.
`;

export const escalationMd = `# On-call escalation

1. Primary on-call acknowledges within 5 minutes.
2. After 15 minutes without mitigation, page the owning team's secondary.
3. SOX-scoped services (payment-gateway, ledger-service) need an incident ticket for every production change made during the incident.
`;

export const deploysMd = `# Deploys

The release pipeline builds every service changed since the last deploy and
rolls them out (RollingUpdate, maxUnavailable 2). Each production deploy is
recorded as an annotated tag \`deploy/<yyyymmdd-hhmm>\` on the commit it shipped.
`;

export const apiMd = `# Payments API

## POST /api/v1/payments/process

| Field | Type | Notes |
|---|---|---|
| merchant_id | string | required |
| customer_id | string | required |
| amount_minor | integer | minor units of \`currency\` |
| currency | string | ISO 4217 |
| idempotency_key | string | required |

Responses: 201 with the charge, 404 unknown merchant or customer, 422 invalid request, 502 processor error, 503 overloaded.

## POST /api/v1/payments/refund

| Field | Type | Notes |
|---|---|---|
| payment_id | string | required |
| amount_minor | integer | partial refunds allowed |
| reason | string | free text |
`;

export const apiMdUpdate = `
## Idempotency

Retrying a request with the same \`idempotency_key\` returns the original
charge; keys are kept for 24 hours and may be at most 64 characters.

## Currency conversion

Amounts are converted into the merchant's settlement currency with the
processor's FX quote; the result is rounded half away from zero to the
settlement currency's minor unit.

## Errors

Errors are JSON: \`{"error": "<code>", "detail": "<text>"}\`. A 503 with
\`"error": "unavailable"\` is safe to retry after a short back-off.
`;

const ledgerMod = 'github.com/healthcare-platform/platform/services/ledger-service';

export const ledgerGoMod = `module ${ledgerMod}

go 1.21

require github.com/lib/pq v1.10.9
`;

export const ledgerMainGo = `package main

import (
	"log"
	"net/http"

	"${ledgerMod}/journal"
)

func main() {
	j := journal.Open()
	http.HandleFunc("/journal/entries", j.ServeEntries)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
`;

export const journalGo = `package journal

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

// Entry is one balanced journal entry: debits equal credits.
type Entry struct {
	ID       string    \`json:"id"\`
	At       time.Time \`json:"at"\`
	Account  string    \`json:"account"\`
	Debit    int64     \`json:"debit"\`
	Credit   int64     \`json:"credit"\`
	Currency string    \`json:"currency"\`
}

type Journal struct {
	mu      sync.RWMutex
	entries []Entry
}

func Open() *Journal { return &Journal{} }

func (j *Journal) Post(e Entry) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.entries = append(j.entries, e)
}

func (j *Journal) ServeEntries(w http.ResponseWriter, r *http.Request) {
	j.mu.RLock()
	defer j.mu.RUnlock()
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(j.entries)
}
`;

export const notificationPackageJson = `{
  "name": "@healthcare-platform/notification-service",
  "version": "1.8.0",
  "private": true,
  "main": "dist/index.js",
  "scripts": { "build": "tsc -p .", "test": "node --test dist/test" },
  "dependencies": { "nodemailer": "6.9.7", "twilio": "4.19.3" },
  "devDependencies": { "typescript": "5.3.3", "@types/nodemailer": "6.4.14" }
}
`;

export const notificationIndexTs = `import { createTransport } from 'nodemailer';

const mailer = createTransport({ host: process.env.SMTP_HOST ?? 'smtp.internal', port: 587 });

export async function sendReceipt(to: string, subject: string, html: string): Promise<void> {
  await mailer.sendMail({ from: 'receipts@healthcare-platform.com', to, subject, html });
}
`;
