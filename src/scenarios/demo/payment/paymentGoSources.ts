/**
 * payment-gateway's Go sources as first imported (2024-01-05). Later commits
 * edit them in paymentHistory.ts; line numbers that the incident depends on
 * (pool.go's SetMaxIdleConns at 19, Acquire's error log at 45 after the
 * culprit) are checked by the tests, not assumed.
 */
const mod = 'github.com/healthcare-platform/platform/services/payment-gateway';

export const goMod = `module ${mod}

go 1.21

require (
	github.com/lib/pq v1.10.7
	github.com/prometheus/client_golang v1.17.0
)
`;

export const mainGo = `package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	_ "github.com/lib/pq"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"${mod}/config"
	"${mod}/database"
	"${mod}/handlers"
	"${mod}/internal/logx"
	"${mod}/processor"
)

func main() {
	logs := logx.NewHandler(os.Stdout, os.Stderr)
	slog.SetDefault(slog.New(logs))
	cfg := config.FromEnv()

	db, err := database.InitDatabasePool(cfg.DatabaseURL)
	if err != nil {
		slog.Error("database unavailable: " + err.Error())
		os.Exit(1)
	}
	defer db.Close()

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	go database.ReportPoolStats(ctx, db, 15*time.Second)

	h := handlers.New(db, processor.NewClient(cfg.ProcessorURL), cfg)
	mux := http.NewServeMux()
	mux.HandleFunc("/api/v1/payments/process", h.Process)
	mux.HandleFunc("/api/v1/payments/refund", h.Refund)
	mux.HandleFunc("/healthz", h.Health)
	mux.Handle("/metrics", promhttp.Handler())

	srv := &http.Server{Addr: cfg.ListenAddr, Handler: logs.AccessLog(mux), ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	slog.Info("listening on " + cfg.ListenAddr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		slog.Error("server stopped: " + err.Error())
		os.Exit(1)
	}
}
`;

export const configGo = `package config

import (
	"os"
	"strconv"
	"time"
)

// Config is read once at start-up from the environment (see deploy/k8s/payment-gateway.yaml).
type Config struct {
	ListenAddr           string
	DatabaseURL          string
	ProcessorURL         string
	SlowPaymentThreshold time.Duration
}

func FromEnv() Config {
	return Config{
		ListenAddr:           env("LISTEN_ADDR", ":8080"),
		DatabaseURL:          env("DATABASE_URL", "postgres://payments@localhost/payments?sslmode=disable"),
		ProcessorURL:         env("PROCESSOR_URL", "https://processor.internal"),
		SlowPaymentThreshold: time.Duration(envInt("SLOW_PAYMENT_THRESHOLD_MS", 500)) * time.Millisecond,
	}
}

func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return def
}

func envInt(key string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(key)); err == nil {
		return n
	}
	return def
}
`;

export const poolGo = `package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// InitDatabasePool opens the payments database and sizes its connection pool.
func InitDatabasePool(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, fmt.Errorf("open payments database: %w", err)
	}
	db.SetMaxOpenConns(50)
	db.SetMaxIdleConns(10)

	// Prepared statements are not cached; see PAY-212.
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("ping payments database: %w", err)
	}
	return db, nil
}

// Acquire takes a dedicated connection from the pool for one unit of work and
// records how long the caller waited for it. It gives up after acquireTimeout
// so that a saturated pool sheds load instead of queueing requests forever.
// Callers must Close the connection to hand it back to the pool.
func Acquire(ctx context.Context, db *sql.DB) (*sql.Conn, error) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, acquireTimeout)
	defer cancel()
	conn, err := db.Conn(ctx)
	waitSeconds.Observe(time.Since(start).Seconds())
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			slog.Error("Failed to acquire connection: timeout after " + acquireTimeout.String())
			return nil, ErrPoolExhausted
		}
		return nil, fmt.Errorf("acquire connection: %w", err)
	}
	return conn, nil
}
`;

export const limitsGo = `package database

import (
	"errors"
	"time"
)

// acquireTimeout bounds how long a request waits for a pooled connection.
const acquireTimeout = 3 * time.Second

// ErrPoolExhausted is returned when no connection frees up within acquireTimeout.
var ErrPoolExhausted = errors.New("database: connection pool exhausted")
`;

export const metricsGo = `package database

import (
	"context"
	"database/sql"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

var (
	waitSeconds = promauto.NewHistogram(prometheus.HistogramOpts{
		Name:    "database_connection_wait_seconds",
		Help:    "Time spent waiting for a pooled connection.",
		Buckets: []float64{.001, .005, .01, .05, .1, .25, .5, 1, 2.5, 5},
	})
	poolActive = promauto.NewGauge(prometheus.GaugeOpts{Name: "database_connection_pool_active", Help: "Connections in use."})
	poolIdle   = promauto.NewGauge(prometheus.GaugeOpts{Name: "database_connection_pool_idle", Help: "Idle connections."})
)

// ReportPoolStats exports sql.DBStats as gauges until ctx is done.
func ReportPoolStats(ctx context.Context, db *sql.DB, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s := db.Stats()
			poolActive.Set(float64(s.InUse))
			poolIdle.Set(float64(s.Idle))
		}
	}
}
`;

export const queriesGo = `package database

import (
	"context"
	"database/sql"
	"fmt"
)

type Merchant struct {
	ID                 string
	Name               string
	SettlementCurrency string
	Active             bool
}

type Customer struct {
	ID        string
	PaymentID string
	Country   string
}

const merchantByID = \`SELECT id, name, settlement_currency, active FROM merchants WHERE id = $1\`

func LookupMerchant(ctx context.Context, q Querier, id string) (Merchant, error) {
	var m Merchant
	err := q.QueryRowContext(ctx, merchantByID, id).Scan(&m.ID, &m.Name, &m.SettlementCurrency, &m.Active)
	if err != nil {
		return m, fmt.Errorf("merchant %s: %w", id, err)
	}
	return m, nil
}

const customerByID = \`SELECT id, default_payment_method, country FROM customers WHERE id = $1\`

func LookupCustomer(ctx context.Context, q Querier, id string) (Customer, error) {
	var c Customer
	err := q.QueryRowContext(ctx, customerByID, id).Scan(&c.ID, &c.PaymentID, &c.Country)
	if err != nil {
		return c, fmt.Errorf("customer %s: %w", id, err)
	}
	return c, nil
}

const insertPayment = \`INSERT INTO payments (id, merchant_id, customer_id, amount_minor, currency, idempotency_key, status)
VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (idempotency_key) DO NOTHING\`

func InsertPayment(ctx context.Context, q Querier, id, merchant, customer string, amount int64, currency, key, status string) error {
	_, err := q.ExecContext(ctx, insertPayment, id, merchant, customer, amount, currency, key, status)
	return err
}

// Querier is satisfied by *sql.DB, *sql.Conn and *sql.Tx.
type Querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}
`;
