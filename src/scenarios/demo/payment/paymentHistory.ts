import { forensicsConfig, k8sDeployment, type ServiceInfo, startMonorepo } from '../monorepo';
import { people } from '../people';
import * as go from './paymentGoSources';
import * as hs from './paymentHandlerSources';
import * as lib from './paymentLibSources';
import * as logx from './paymentLogxSources';
import * as other from './paymentOtherSources';
import { MOD, PG, POOL, sox, type PaymentHistory } from './paymentCommon';
import { paymentLaterCommits } from './paymentLaterHistory';

const services: ServiceInfo[] = [
  { name: 'payment-gateway', lang: 'go', team: 'payments-team' },
  { name: 'ledger-service', lang: 'go', team: 'ledger-team' },
  { name: 'notification-service', lang: 'node', team: 'messaging-team' },
];

/** Builds the payments monorepo history: 2024-01-05 to 2024-01-18, 34 commits, 7 deploys. */
export function paymentHistory(): PaymentHistory {
  const { h, deploys, deploy } = startMonorepo(services, other.readme, 4810);

  h.write('docs/architecture.md', other.architectureMd)
    .write('docs/deploys.md', other.deploysMd)
    .write('docs/runbooks/payment-gateway.md', other.runbookMd)
    .write('deploy/k8s/payment-gateway.yaml', k8sDeployment('payment-gateway', 'registry.internal/payment-gateway', 8, { LISTEN_ADDR: ':8080', SLOW_PAYMENT_THRESHOLD_MS: '500' }))
    .write('deploy/k8s/ledger-service.yaml', k8sDeployment('ledger-service', 'registry.internal/ledger-service', 2, { LISTEN_ADDR: ':8080' }))
    .write('deploy/k8s/notification-service.yaml', k8sDeployment('notification-service', 'registry.internal/notification-service', 2, { SMTP_HOST: 'smtp.internal' }))
    .write(`${PG}/go.mod`, go.goMod)
    .write(`${PG}/cmd/server/main.go`, go.mainGo)
    .write(`${PG}/config/config.go`, go.configGo)
    .write(`${PG}/internal/logx/logx.go`, logx.logxGo)
    .write(`${PG}/internal/logx/host.go`, logx.logxHostGo)
    .write(POOL, go.poolGo)
    .write(`${PG}/database/limits.go`, go.limitsGo)
    .write(`${PG}/database/metrics.go`, go.metricsGo)
    .write(`${PG}/database/queries.go`, go.queriesGo)
    .write(`${PG}/database/refunds.go`, hs.refundQueriesGo)
    .write(`${PG}/handlers/handler.go`, hs.handlerGo)
    .write(`${PG}/handlers/process_payment.go`, hs.processPaymentGo)
    .write(`${PG}/handlers/refund.go`, hs.refundGo)
    .write(`${PG}/processor/client.go`, lib.processorGo)
    .write(`${PG}/currency/convert.go`, lib.convertGo)
    .write(`${PG}/currency/convert_test.go`, lib.convertTestGo)
    .write(`${PG}/docs/API.md`, other.apiMd)
    .write('services/ledger-service/go.mod', other.ledgerGoMod)
    .write('services/ledger-service/cmd/ledger/main.go', other.ledgerMainGo)
    .write('services/ledger-service/journal/journal.go', other.journalGo)
    .write('services/notification-service/package.json', other.notificationPackageJson)
    .write('services/notification-service/src/index.ts', other.notificationIndexTs);
  h.commit('chore: import payments platform monorepo\n\nHistory before this point lives in the archived per-service repositories.', people.alice, '2024-01-05T15:12:00Z');

  h.write(
    '.forensics.json',
    forensicsConfig({
      services: {
        'payment-gateway': [`${PG}/**`, 'deploy/k8s/payment-gateway.yaml'],
        'ledger-service': ['services/ledger-service/**', 'deploy/k8s/ledger-service.yaml'],
        'notification-service': ['services/notification-service/**', 'deploy/k8s/notification-service.yaml'],
      },
      metrics: [
        '.forensics/metrics/http_request_duration_p95.json',
        '.forensics/metrics/database_connection_pool_active.json',
        '.forensics/metrics/database_connection_wait_time_ms.csv',
      ],
      queries: {
        http_request_duration_p95: 'http_request_duration_p95{service="payment-gateway"}',
        database_connection_pool_active: 'max by (app) (database_connection_pool_active{app="payment-gateway"})',
        database_connection_wait_time_ms:
          '1000 * histogram_quantile(0.95, sum by (le) (rate(database_connection_wait_seconds_bucket{app="payment-gateway"}[5m])))',
      },
      lookbackDays: 7,
    }),
  );
  h.commit('chore(tooling): add .forensics.json for incident forensics\n\nMaps each service to its paths and points the tooling at the exported logs and metrics.', people.david, '2024-01-05T16:40:00Z');

  h.edit('.github/workflows/ci.yml', "go-version: '1.21'\n      - run: go test ./...\n        working-directory: services/payment-gateway",
    "go-version: '1.21'\n          cache-dependency-path: services/payment-gateway/go.sum\n      - run: go test ./...\n        working-directory: services/payment-gateway");
  h.commit('ci: cache Go modules in the payment-gateway job', people.frank, '2024-01-08T09:20:00Z');

  h.write('services/ledger-service/journal/export.go', `package journal

import (
	"encoding/csv"
	"io"
	"strconv"
	"time"
)

// ExportCSV writes the journal as CSV for finance (one row per entry).
func (j *Journal) ExportCSV(w io.Writer) error {
	j.mu.RLock()
	defer j.mu.RUnlock()
	out := csv.NewWriter(w)
	_ = out.Write([]string{"id", "at", "account", "debit", "credit", "currency"})
	for _, e := range j.entries {
		_ = out.Write([]string{e.ID, e.At.Format(time.RFC3339), e.Account, strconv.FormatInt(e.Debit, 10), strconv.FormatInt(e.Credit, 10), e.Currency})
	}
	out.Flush()
	return out.Error()
}
`);
  h.commit('feat(ledger): export journal entries as CSV', people.david, '2024-01-08T11:05:00Z');

  h.edit(`${PG}/handlers/process_payment.go`, `	case r.IdempotencyKey == "":
		return errors.New("idempotency_key is required")`, `	case len(r.IdempotencyKey) == 0 || len(r.IdempotencyKey) > 64:
		return errors.New("idempotency_key must be 1-64 characters")`);
  h.commit(sox('fix(payment): reject idempotency keys longer than 64 chars', 'Prevents 500s from the unique index on payments.idempotency_key', ['Validate idempotency_key length before touching the database'], 'LOW', 'Unit tests', '@payments-team'), people.carol, '2024-01-08T14:30:00Z');
  deploy('2024-01-08T16:00:00Z', ['payment-gateway', 'ledger-service']);

  h.write(`${PG}/cache/fx_rates.go`, lib.fxCacheGo)
    .edit(`${PG}/handlers/handler.go`, `	"net/http"\n`, `	"net/http"\n	"time"\n`)
    .edit(`${PG}/handlers/handler.go`, `	"${MOD}/config"`, `	"${MOD}/cache"\n	"${MOD}/config"`)
    .edit(`${PG}/handlers/handler.go`, 'rates: p, cfg: cfg}', 'rates: cache.NewFXRates(p, 15*time.Minute, 512), cfg: cfg}');
  h.commit(sox('feat(payment): add FX rate cache with TTL eviction', 'Cuts a processor round trip from cross-currency payments', ['Cache FX quotes per currency pair for 15 minutes', 'Bound the cache to 512 pairs with LRU eviction'], 'MEDIUM', 'Unit tests', '@payments-team'), people.eve, '2024-01-09T10:15:00Z');

  h.write(`${PG}/cache/fx_rates_test.go`, lib.fxCacheTestGo);
  h.commit('test(payment): cover FX cache expiry and capacity', people.eve, '2024-01-09T13:50:00Z');

  h.write('services/notification-service/src/templates/receipt.ts', `export interface ReceiptData {
  merchant: string;
  amount: string;
  paidAt: string;
}

export function receiptHtml(d: ReceiptData): string {
  return \`<h1>Payment receipt</h1><p>\${escape(d.merchant)} received \${escape(d.amount)} on \${escape(d.paidAt)}.</p>\`;
}

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => \`&#\${c.charCodeAt(0)};\`);
}
`);
  h.commit('feat(notification): add payment receipt email template', people.frank, '2024-01-09T16:05:00Z');

  h.write('services/ledger-service/journal/rules.go', `package journal

// PostingRule maps a payment event to the accounts it debits and credits.
type PostingRule struct {
	Event  string
	Debit  string
	Credit string
}

var postingRules = []PostingRule{
	{Event: "payment.captured", Debit: "cash:processor", Credit: "revenue:merchant"},
	{Event: "payment.refunded", Debit: "revenue:merchant", Credit: "cash:processor"},
	{Event: "fee.charged", Debit: "expense:fees", Credit: "cash:processor"},
}

func ruleFor(event string) (PostingRule, bool) {
	for _, r := range postingRules {
		if r.Event == event {
			return r, true
		}
	}
	return PostingRule{}, false
}
`);
  h.commit('refactor(ledger): extract posting rules from journal', people.david, '2024-01-10T10:55:00Z');
  deploy('2024-01-10T11:30:00Z', ['payment-gateway', 'ledger-service', 'notification-service']);

  return paymentLaterCommits(h, deploy, deploys);
}
