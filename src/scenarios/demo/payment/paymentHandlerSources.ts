/** payment-gateway's HTTP handlers, processor client and currency code as first imported. */
const mod = 'github.com/healthcare-platform/platform/services/payment-gateway';

export const handlerGo = `package handlers

import (
	"database/sql"
	"encoding/json"
	"log/slog"
	"net/http"

	"${mod}/config"
	"${mod}/currency"
	"${mod}/processor"
)

// Handler serves the payments API.
type Handler struct {
	db        *sql.DB
	processor *processor.Client
	rates     currency.RateSource
	cfg       config.Config
}

func New(db *sql.DB, p *processor.Client, cfg config.Config) *Handler {
	return &Handler{db: db, processor: p, rates: p, cfg: cfg}
}

func (h *Handler) Health(w http.ResponseWriter, r *http.Request) {
	if err := h.db.PingContext(r.Context()); err != nil {
		writeError(w, http.StatusServiceUnavailable, "database_unavailable", err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(body); err != nil {
		slog.Warn("write response: " + err.Error())
	}
}

func writeError(w http.ResponseWriter, status int, code string, err error) {
	writeJSON(w, status, map[string]string{"error": code, "detail": err.Error()})
}
`;

/** The sequential version; the parallel-reads commit swaps the lookup block. */
export const processPaymentGo = `package handlers

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"${mod}/currency"
	"${mod}/database"
	"${mod}/processor"
)

// ProcessRequest is the body of POST /api/v1/payments/process.
type ProcessRequest struct {
	MerchantID     string \`json:"merchant_id"\`
	CustomerID     string \`json:"customer_id"\`
	AmountMinor    int64  \`json:"amount_minor"\`
	Currency       string \`json:"currency"\`
	IdempotencyKey string \`json:"idempotency_key"\`
}

func (r ProcessRequest) validate() error {
	switch {
	case r.MerchantID == "" || r.CustomerID == "":
		return errors.New("merchant_id and customer_id are required")
	case r.AmountMinor <= 0:
		return errors.New("amount_minor must be positive")
	case r.IdempotencyKey == "":
		return errors.New("idempotency_key is required")
	}
	return nil
}

// Process handles POST /api/v1/payments/process.
func (h *Handler) Process(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.WriteHeader(http.StatusMethodNotAllowed)
		return
	}
	start := time.Now()
	var req ProcessRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", err)
		return
	}
	if err := req.validate(); err != nil {
		writeError(w, http.StatusUnprocessableEntity, "invalid_request", err)
		return
	}
	ctx := r.Context()

	merchant, err := database.LookupMerchant(ctx, h.db, req.MerchantID)
	if err != nil {
		writeError(w, http.StatusNotFound, "unknown_party", err)
		return
	}
	customer, err := database.LookupCustomer(ctx, h.db, req.CustomerID)
	if err != nil {
		writeError(w, http.StatusNotFound, "unknown_party", err)
		return
	}
	amount, err := currency.ToSettlement(ctx, req.AmountMinor, req.Currency, merchant.SettlementCurrency, h.rates)
	if err != nil {
		writeError(w, http.StatusUnprocessableEntity, "unsupported_currency", err)
		return
	}

	conn, err := database.Acquire(ctx, h.db)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "unavailable", err)
		return
	}
	defer conn.Close()
	charge, err := h.processor.Charge(ctx, processor.ChargeRequest{
		MerchantID: merchant.ID, PaymentMethod: customer.PaymentID, AmountMinor: amount,
		Currency: merchant.SettlementCurrency, IdempotencyKey: req.IdempotencyKey,
	})
	if err != nil {
		writeError(w, http.StatusBadGateway, "processor_error", err)
		return
	}
	err = database.InsertPayment(ctx, conn, charge.ID, merchant.ID, customer.ID, amount, merchant.SettlementCurrency, req.IdempotencyKey, charge.Status)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "internal", err)
		return
	}
	if elapsed := time.Since(start); elapsed > h.cfg.SlowPaymentThreshold {
		slog.Error(fmt.Sprintf("Payment processing timeout: %dms", elapsed.Milliseconds()))
	}
	slog.Info(fmt.Sprintf("payment processed id=%s merchant=%s amount=%s", charge.ID, merchant.ID, currency.Format(amount, merchant.SettlementCurrency)))
	writeJSON(w, http.StatusCreated, charge)
}
`;

export const sequentialLookups = `	merchant, err := database.LookupMerchant(ctx, h.db, req.MerchantID)
	if err != nil {
		writeError(w, http.StatusNotFound, "unknown_party", err)
		return
	}
	customer, err := database.LookupCustomer(ctx, h.db, req.CustomerID)
	if err != nil {
		writeError(w, http.StatusNotFound, "unknown_party", err)
		return
	}
`;

export const parallelLookups = `	// Merchant and customer rows are independent; fetch them concurrently.
	var merchant database.Merchant
	var customer database.Customer
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) { merchant, err = database.LookupMerchant(gctx, h.db, req.MerchantID); return err })
	g.Go(func() (err error) { customer, err = database.LookupCustomer(gctx, h.db, req.CustomerID); return err })
	if err := g.Wait(); err != nil {
		writeError(w, http.StatusNotFound, "unknown_party", err)
		return
	}
`;

export const refundGo = `package handlers

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"

	"${mod}/database"
)

// RefundRequest is the body of POST /api/v1/payments/refund.
type RefundRequest struct {
	PaymentID   string \`json:"payment_id"\`
	AmountMinor int64  \`json:"amount_minor"\`
	Reason      string \`json:"reason"\`
}

// Refund handles POST /api/v1/payments/refund.
func (h *Handler) Refund(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.WriteHeader(http.StatusMethodNotAllowed)
		return
	}
	var req RefundRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", err)
		return
	}
	ctx := r.Context()
	refund, err := h.processor.Refund(ctx, req.PaymentID, req.AmountMinor)
	if err != nil {
		writeError(w, http.StatusBadGateway, "processor_error", err)
		return
	}
	if err := database.InsertRefund(ctx, h.db, refund.ID, req.PaymentID, req.AmountMinor, req.Reason); err != nil {
		writeError(w, http.StatusInternalServerError, "internal", err)
		return
	}
	if err := database.PostLedgerEntry(ctx, h.db, req.PaymentID, -req.AmountMinor, "refund"); err != nil {
		writeError(w, http.StatusInternalServerError, "internal", err)
		return
	}
	slog.Info(fmt.Sprintf("refund processed id=%s payment=%s", refund.ID, req.PaymentID))
	writeJSON(w, http.StatusCreated, refund)
}
`;

export const refundNoTx = `	if err := database.InsertRefund(ctx, h.db, refund.ID, req.PaymentID, req.AmountMinor, req.Reason); err != nil {
		writeError(w, http.StatusInternalServerError, "internal", err)
		return
	}
	if err := database.PostLedgerEntry(ctx, h.db, req.PaymentID, -req.AmountMinor, "refund"); err != nil {
		writeError(w, http.StatusInternalServerError, "internal", err)
		return
	}
`;

/** The refund and its ledger posting commit together or not at all. */
export const refundInTx = `	tx, err := h.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "unavailable", err)
		return
	}
	defer tx.Rollback() //nolint:errcheck // no-op after Commit
	if err := database.InsertRefund(ctx, tx, refund.ID, req.PaymentID, req.AmountMinor, req.Reason); err != nil {
		writeError(w, http.StatusInternalServerError, "internal", err)
		return
	}
	if err := database.PostLedgerEntry(ctx, tx, req.PaymentID, -req.AmountMinor, "refund"); err != nil {
		writeError(w, http.StatusInternalServerError, "internal", err)
		return
	}
	if err := tx.Commit(); err != nil {
		writeError(w, http.StatusConflict, "retry", err)
		return
	}
`;

export const refundQueriesGo = `package database

import "context"

const insertRefund = \`INSERT INTO refunds (id, payment_id, amount_minor, reason) VALUES ($1, $2, $3, $4)\`

func InsertRefund(ctx context.Context, q Querier, id, payment string, amount int64, reason string) error {
	_, err := q.ExecContext(ctx, insertRefund, id, payment, amount, reason)
	return err
}

const postLedger = \`INSERT INTO ledger_postings (payment_id, amount_minor, kind) VALUES ($1, $2, $3)\`

func PostLedgerEntry(ctx context.Context, q Querier, payment string, amount int64, kind string) error {
	_, err := q.ExecContext(ctx, postLedger, payment, amount, kind)
	return err
}
`;

