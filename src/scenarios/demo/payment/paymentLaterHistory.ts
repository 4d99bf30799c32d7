import type { History } from '../history';
import { people } from '../people';
import * as hs from './paymentHandlerSources';
import * as other from './paymentOtherSources';
import { MOD, PG, POOL, sox, type PaymentHistory } from './paymentCommon';

/**
 * 2024-01-11 .. 2024-01-18: the week before the latency alert. The deploy at
 * 08:45 on the 18th ships the currency rounding fix, the pool change and the
 * API docs; two commits land after it and never reach production.
 */
export function paymentLaterCommits(h: History, deploy: (time: string, svc: string[]) => void, deploys: PaymentHistory['deploys']): PaymentHistory {
  h.edit(`${PG}/database/limits.go`, 'const acquireTimeout = 3 * time.Second', 'const acquireTimeout = 5 * time.Second');
  h.commit(sox('fix(payment): raise connection acquire timeout to 5s', 'Month-end batch refunds stop failing with 503 while the pool is briefly busy', ['Wait up to 5s (was 3s) for a pooled connection'], 'LOW', 'Load test of the refund batch', '@payments-team'), people.carol, '2024-01-11T10:20:00Z');

  h.write('docs/runbooks/escalation.md', other.escalationMd);
  h.commit('docs: add on-call escalation policy', people.alice, '2024-01-11T13:45:00Z');

  h.edit('services/notification-service/src/index.ts', `export async function sendReceipt(to: string, subject: string, html: string): Promise<void> {
  await mailer.sendMail({ from: 'receipts@healthcare-platform.com', to, subject, html });
}`, `export async function sendReceipt(to: string, subject: string, html: string, attempts = 3): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await mailer.sendMail({ from: 'receipts@healthcare-platform.com', to, subject, html });
      return;
    } catch (err) {
      if (i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 250 * 2 ** i));
    }
  }
}`);
  h.commit('chore(notification): retry SMTP sends with backoff', people.frank, '2024-01-11T14:30:00Z');
  deploy('2024-01-11T15:45:00Z', ['payment-gateway', 'notification-service']);

  h.edit(`${PG}/handlers/process_payment.go`, hs.sequentialLookups, hs.parallelLookups)
    .edit(`${PG}/handlers/process_payment.go`, `	"time"\n\n	"${MOD}/currency"`, `	"time"\n\n	"golang.org/x/sync/errgroup"\n\n	"${MOD}/currency"`)
    .edit(`${PG}/go.mod`, '	github.com/prometheus/client_golang v1.17.0\n', '	github.com/prometheus/client_golang v1.17.0\n	golang.org/x/sync v0.5.0\n');
  h.commit(sox('perf(payment): load merchant and customer in parallel', 'Shaves one database round trip off every payment', ['Fetch the merchant and customer rows concurrently with errgroup'], 'MEDIUM', 'Unit tests, staging load test (p95 -11ms)', '@payments-team'), people.bob, '2024-01-12T09:10:00Z');

  h.edit(`${PG}/handlers/refund.go`, hs.refundNoTx, hs.refundInTx)
    .edit(`${PG}/handlers/refund.go`, '	"encoding/json"\n', '	"database/sql"\n	"encoding/json"\n');
  h.commit(sox('feat(payment): record refunds and ledger postings in one transaction', 'A refund can no longer be stored without its ledger posting', ['Insert the refund and its ledger posting in one SERIALIZABLE transaction', 'Return 409 so clients retry on serialization failures'], 'HIGH', 'Unit tests, Integration tests', '@payments-team @ledger-team'), people.carol, '2024-01-12T11:30:00Z');

  h.edit(`${PG}/go.mod`, 'github.com/lib/pq v1.10.7', 'github.com/lib/pq v1.10.9');
  h.commit('chore(deps): bump github.com/lib/pq from 1.10.7 to 1.10.9 in /services/payment-gateway\n\nBumps [github.com/lib/pq](https://github.com/lib/pq) from 1.10.7 to 1.10.9.\n\nSigned-off-by: dependabot[bot] <support@github.com>', people.dependabot, '2024-01-12T13:00:00Z');

  h.edit(POOL, `	if err := db.Ping(); err != nil {`, `	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {`);
  h.commit(sox('fix(payment): bound startup database ping with a timeout', 'Pods no longer hang in start-up when the primary fails over', ['Ping the database with a 5s deadline at start-up'], 'LOW', 'Integration tests', '@payments-team'), people.bob, '2024-01-12T14:05:00Z');

  h.write('services/ledger-service/journal/balance.go', `package journal

// TrialBalance sums debits and credits per account. Adjustments may be
// negative; they reduce the side they are posted to.
func (j *Journal) TrialBalance() map[string][2]int64 {
	j.mu.RLock()
	defer j.mu.RUnlock()
	out := make(map[string][2]int64)
	for _, e := range j.entries {
		b := out[e.Account]
		b[0] += e.Debit
		b[1] += e.Credit
		out[e.Account] = b
	}
	return out
}
`);
  h.commit('fix(ledger): handle negative adjustments in trial balance', people.david, '2024-01-12T15:20:00Z');
  deploy('2024-01-12T16:30:00Z', ['payment-gateway', 'ledger-service']);

  h.edit(`${PG}/database/queries.go`, 'const merchantByID = `SELECT id, name, settlement_currency, active FROM merchants WHERE id = $1`',
    '// Served by merchants_id_covering_idx (migration 0007): an index-only scan.\nconst merchantByID = `SELECT id, name, settlement_currency, active FROM merchants WHERE id = $1 AND active`')
    .write(`${PG}/migrations/0007_merchant_lookup_idx.sql`, '-- Index-only scans for the hot merchant lookup.\nCREATE INDEX CONCURRENTLY IF NOT EXISTS merchants_id_covering_idx\n    ON merchants (id) INCLUDE (name, settlement_currency) WHERE active;\n');
  h.commit(sox('perf(payment): add covering index for merchant lookup', 'Merchant lookups become index-only scans', ['Add merchants_id_covering_idx (created concurrently)', 'Filter inactive merchants in the query so the partial index applies'], 'MEDIUM', 'EXPLAIN ANALYZE on a production snapshot', '@payments-team @dba'), people.eve, '2024-01-15T09:30:00Z');

  h.edit('.github/workflows/ci.yml', "      - run: go test ./...\n        working-directory: services/ledger-service",
    "      - run: go vet ./... && go test ./...\n        working-directory: services/ledger-service");
  h.commit('ci: run go vet before the ledger tests', people.frank, '2024-01-15T10:45:00Z');

  h.write('services/ledger-service/reconcile/settlement.go', `package reconcile

import "time"

// Line is one row of the processor's daily settlement file.
type Line struct {
	ChargeID string
	Amount   int64
	Settled  time.Time
}

// Unmatched returns settlement lines with no journal entry for their charge.
func Unmatched(lines []Line, posted map[string]bool) []Line {
	var out []Line
	for _, l := range lines {
		if !posted[l.ChargeID] {
			out = append(out, l)
		}
	}
	return out
}
`);
  h.commit('feat(ledger): reconcile processor settlements nightly', people.david, '2024-01-15T13:10:00Z');
  deploy('2024-01-15T14:30:00Z', ['payment-gateway', 'ledger-service']);

  h.startBranch('feature/refund-webhooks');
  h.write(`${PG}/handlers/refund_webhook.go`, `package handlers

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"
)

// Webhooks notifies merchants of refund outcomes. Delivery is best effort and
// never blocks the refund request.
type Webhooks struct {
	client *http.Client
	secret []byte
	url    func(merchantID string) string
}

func (w *Webhooks) RefundCompleted(merchantID, refundID string, amount int64) {
	body, _ := json.Marshal(map[string]any{"type": "refund.completed", "refund_id": refundID, "amount_minor": amount})
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.url(merchantID), bytes.NewReader(body))
		if err != nil {
			return
		}
		req.Header.Set("X-Signature", Sign(w.secret, body))
		if resp, err := w.client.Do(req); err != nil {
			slog.Warn("refund webhook failed: " + err.Error())
		} else {
			resp.Body.Close()
		}
	}()
}

// Sign is the hex HMAC-SHA256 of body, which merchants verify.
func Sign(secret, body []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}
`);
  h.commit(sox('feat(payment): emit refund.completed webhook', 'Merchants learn about refunds without polling', ['Sign and POST refund.completed to the merchant webhook URL', 'Deliver asynchronously; failures are logged, never surfaced to the refund caller'], 'MEDIUM', 'Unit tests', '@payments-team'), people.carol, '2024-01-15T16:20:00Z');
  h.write(`${PG}/handlers/refund_webhook_test.go`, `package handlers

import "testing"

func TestSignIsStable(t *testing.T) {
	got := Sign([]byte("k"), []byte("{}"))
	if len(got) != 64 {
		t.Fatalf("signature %q is not hex sha256", got)
	}
	if got != Sign([]byte("k"), []byte("{}")) {
		t.Fatal("signature not deterministic")
	}
}
`);
  h.commit('test(payment): sign and verify refund webhooks', people.carol, '2024-01-16T10:05:00Z');
  h.switchTo('main');

  h.edit('docs/architecture.md', 'sends receipts.\n', `sends receipts.\n${other.settlementMd}`);
  h.commit('docs(architecture): describe settlement flow', people.alice, '2024-01-16T09:15:00Z');

  h.write('services/notification-service/src/sms.ts', `import twilio from 'twilio';

const client = twilio(process.env.TWILIO_SID, process.env.TWILIO_TOKEN);

/** Sends one SMS per merchant batch instead of one per payment. */
export async function sendBatch(to: string, lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  await client.messages.create({ to, from: process.env.SMS_FROM, body: lines.join('\\n').slice(0, 1500) });
}
`);
  h.commit('feat(notification): batch SMS sends per merchant', people.frank, '2024-01-16T11:40:00Z');

  h.write(`${PG}/Makefile`, `.PHONY: db test run

db:
\tdocker run --rm -d --name payments-db -e POSTGRES_USER=payments -e POSTGRES_HOST_AUTH_METHOD=trust -p 5432:5432 postgres:15

test:
\tgo test ./...

run:
\tgo run ./cmd/server
`);
  h.commit('chore(payment): add Makefile targets for a local Postgres', people.eve, '2024-01-16T14:10:00Z');
  deploy('2024-01-16T16:00:00Z', ['payment-gateway', 'notification-service']);

  h.edit(`${PG}/processor/client.go`, `type Client struct {
	base string
}

func NewClient(base string) *Client { return &Client{base: base} }`, `type Client struct {
	base string
	http *http.Client
}

// NewClient shares one keep-alive client across requests; the processor's
// p99 is 2.6s, so the timeout leaves room above it.
func NewClient(base string) *Client {
	return &Client{base: base, http: &http.Client{
		Timeout:   4 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: 32, IdleConnTimeout: 90 * time.Second},
	}}
}`).edit(`${PG}/processor/client.go`, `	client := &http.Client{Timeout: 2 * time.Second}
	resp, err := client.Do(req)`, `	resp, err := c.http.Do(req)`);
  h.commit(sox('perf(payment): reuse keep-alive HTTP client for processor calls', 'Saves a TLS handshake per payment', ['One shared http.Client with a keep-alive transport', 'Processor timeout 2s -> 4s (processor p99 is 2.6s)'], 'MEDIUM', 'Unit tests, staging soak', '@payments-team'), people.bob, '2024-01-17T09:40:00Z');

  h.edit(POOL, `// Acquire takes a dedicated connection from the pool for one unit of work and
// records how long the caller waited for it. It gives up after acquireTimeout
// so that a saturated pool sheds load instead of queueing requests forever.
// Callers must Close the connection to hand it back to the pool.`, `// Acquire takes a pooled connection for one unit of work, giving up after acquireTimeout.`)
    .edit(POOL, `	waitSeconds.Observe(time.Since(start).Seconds())`, `	// A client that hung up did not wait for the pool; keep it out of the histogram.
	if !errors.Is(err, context.Canceled) {
		waitSeconds.Observe(time.Since(start).Seconds())
	}`);
  h.commit(sox('perf(payment): keep cancelled requests out of the pool wait histogram', 'Pool wait-time dashboards stop showing client disconnects as pool pressure', ['Skip waitSeconds.Observe when the caller cancelled', 'Shorten the Acquire doc comment'], 'LOW', 'Unit tests', '@payments-team'), people.carol, '2024-01-17T10:35:00Z');

  h.merge('feature/refund-webhooks', 'Merge pull request #412 from healthcare-platform/feature/refund-webhooks\n\nfeat(payment): emit refund.completed webhook', people.alice, '2024-01-17T11:20:00Z');

  h.write('services/ledger-service/journal/export_test.go', `package journal

import (
	"bytes"
	"testing"
)

func TestExportCSVHeader(t *testing.T) {
	var b bytes.Buffer
	if err := Open().ExportCSV(&b); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != "id,at,account,debit,credit,currency\\n" {
		t.Fatalf("header = %q", got)
	}
}
`);
  h.commit('test(ledger): golden header for CSV export', people.david, '2024-01-17T12:35:00Z');
  deploy('2024-01-17T14:00:00Z', ['payment-gateway', 'ledger-service']);

  h.edit(`${PG}/currency/convert.go`, '	return int64(math.RoundToEven(scaled)), nil', '	// Card networks round half away from zero; banker\'s rounding was off by one\n	// minor unit on exact halves (e.g. 0.125 EUR -> 0.12 instead of 0.13).\n	return int64(math.Round(scaled)), nil')
    .edit(`${PG}/currency/convert_test.go`, '		{1000, "USD", "JPY", 148.1, 1481},\n', '		{1000, "USD", "JPY", 148.1, 1481},\n		{125, "EUR", "EUR", 1, 125},\n		{5, "USD", "EUR", 0.5, 3},\n');
  h.commit(sox('fix(payment): correct currency conversion rounding', 'Settlement amounts match the card network on exact halves', ['Round half away from zero instead of half to even', 'Add test cases for exact halves'], 'MEDIUM', 'Unit tests', '@payments-team @finance-eng'), people.eve, '2024-01-17T16:48:00Z');

  h.edit('services/notification-service/package.json', '"nodemailer": "6.9.7"', '"nodemailer": "6.9.8"');
  h.commit('chore(notification): upgrade nodemailer to 6.9.8', people.frank, '2024-01-17T17:25:00Z');

  h.edit(POOL, `	db.SetMaxOpenConns(50)
	db.SetMaxIdleConns(10)

	// Prepared statements are not cached; see PAY-212.`, `	db.SetMaxOpenConns(200)
	db.SetMaxIdleConns(50)
	db.SetConnMaxLifetime(30 * time.Minute)

	// Enable prepared statement cache
	db.SetMaxIdleConns(100)`);
  const culprit = h.commit(
    sox('refactor(payment): optimize database connection pooling', 'Performance optimization in payment service', ['Increased max database connections from 50 to 200', 'Added connection lifetime parameter (30 minutes)', 'Implemented prepared statement caching'], 'MEDIUM', 'Unit tests, Integration tests', '@infrastructure-team'),
    people.bob, '2024-01-18T08:30:15Z',
  );

  h.edit(`${PG}/docs/API.md`, '| reason | string | free text |\n', `| reason | string | free text |\n${other.apiMdUpdate}`);
  h.commit(sox('docs(payment): update API documentation', 'Integrators get the idempotency and rounding rules in one place', ['Document idempotency keys, currency rounding and error bodies'], 'LOW', 'n/a (documentation)', '@payments-team'), people.carol, '2024-01-18T08:38:52Z');
  deploy('2024-01-18T08:45:00Z', ['payment-gateway', 'notification-service']);

  h.write('services/ledger-service/payouts/scheduler.go', `package payouts

import "time"

// NextRun is the next weekday 06:00 UTC after t; payouts never run on weekends.
func NextRun(t time.Time) time.Time {
	next := time.Date(t.Year(), t.Month(), t.Day(), 6, 0, 0, 0, time.UTC)
	if !next.After(t) {
		next = next.AddDate(0, 0, 1)
	}
	for next.Weekday() == time.Saturday || next.Weekday() == time.Sunday {
		next = next.AddDate(0, 0, 1)
	}
	return next
}
`);
  h.commit('feat(ledger): add payout batch scheduler', people.david, '2024-01-18T09:02:10Z');

  h.edit(`${PG}/cmd/server/main.go`, '	mux.HandleFunc("/healthz", h.Health)', '	mux.HandleFunc("/api/v1/payouts/status", h.PayoutStatus)\n	mux.HandleFunc("/healthz", h.Health)')
    .write(`${PG}/handlers/payout_status.go`, `package handlers

import "net/http"

// PayoutStatus handles GET /api/v1/payouts/status (read-only, behind a feature flag).
func (h *Handler) PayoutStatus(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.WriteHeader(http.StatusMethodNotAllowed)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "scheduled"})
}
`);
  h.commit(sox('feat(payment): add payout status endpoint', 'Merchants can see when the next payout runs', ['GET /api/v1/payouts/status behind the payouts flag'], 'LOW', 'Unit tests', '@payments-team'), people.eve, '2024-01-18T09:08:40Z');

  return { history: h, culprit, deploys };
}
