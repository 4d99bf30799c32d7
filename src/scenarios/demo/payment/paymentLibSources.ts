/** payment-gateway's processor client, currency conversion and FX cache as first written. */
const mod = 'github.com/healthcare-platform/platform/services/payment-gateway';

export const processorGo = `package processor

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Client talks to the card processor's REST API.
type Client struct {
	base string
}

func NewClient(base string) *Client { return &Client{base: base} }

type ChargeRequest struct {
	MerchantID     string \`json:"merchant_id"\`
	PaymentMethod  string \`json:"payment_method"\`
	AmountMinor    int64  \`json:"amount_minor"\`
	Currency       string \`json:"currency"\`
	IdempotencyKey string \`json:"idempotency_key"\`
}

type Charge struct {
	ID     string \`json:"id"\`
	Status string \`json:"status"\`
}

type Refund struct {
	ID string \`json:"id"\`
}

func (c *Client) Charge(ctx context.Context, req ChargeRequest) (Charge, error) {
	var out Charge
	return out, c.post(ctx, "/v2/charges", req, &out)
}

func (c *Client) Refund(ctx context.Context, paymentID string, amount int64) (Refund, error) {
	var out Refund
	return out, c.post(ctx, "/v2/refunds", map[string]any{"charge": paymentID, "amount_minor": amount}, &out)
}

// Rate implements currency.RateSource with the processor's published FX rates.
func (c *Client) Rate(ctx context.Context, from, to string) (float64, error) {
	var out struct{ Rate float64 \`json:"rate"\` }
	return out.Rate, c.post(ctx, "/v2/fx/quote", map[string]string{"from": from, "to": to}, &out)
}

func (c *Client) post(ctx context.Context, path string, body, out any) error {
	buf, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+path, bytes.NewReader(buf))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	client := &http.Client{Timeout: 2 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("processor %s: %w", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("processor %s: status %d", path, resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}
`;

export const convertGo = `package currency

import (
	"context"
	"fmt"
	"math"
)

// RateSource quotes the rate to convert one unit of from into to.
type RateSource interface {
	Rate(ctx context.Context, from, to string) (float64, error)
}

// ToSettlement converts an amount in minor units into the merchant's settlement currency.
func ToSettlement(ctx context.Context, amountMinor int64, from, to string, rates RateSource) (int64, error) {
	if from == to {
		return amountMinor, nil
	}
	rate, err := rates.Rate(ctx, from, to)
	if err != nil {
		return 0, fmt.Errorf("rate %s->%s: %w", from, to, err)
	}
	scaled := float64(amountMinor) * rate * math.Pow10(exponent(to)-exponent(from))
	return int64(math.RoundToEven(scaled)), nil
}

// Format renders minor units for logs: 1234 USD -> "12.34 USD".
func Format(amountMinor int64, code string) string {
	e := exponent(code)
	if e == 0 {
		return fmt.Sprintf("%d %s", amountMinor, code)
	}
	return fmt.Sprintf("%.*f %s", e, float64(amountMinor)/math.Pow10(e), code)
}

// exponent is the ISO 4217 minor-unit exponent.
func exponent(code string) int {
	switch code {
	case "JPY", "KRW":
		return 0
	case "BHD", "KWD":
		return 3
	}
	return 2
}
`;

export const convertTestGo = `package currency

import (
	"context"
	"testing"
)

type fixedRate float64

func (f fixedRate) Rate(context.Context, string, string) (float64, error) { return float64(f), nil }

func TestToSettlement(t *testing.T) {
	cases := []struct {
		amount   int64
		from, to string
		rate     float64
		want     int64
	}{
		{1000, "USD", "USD", 1, 1000},
		{1000, "USD", "EUR", 0.92, 920},
		{1000, "USD", "JPY", 148.1, 1481},
	}
	for _, c := range cases {
		got, err := ToSettlement(context.Background(), c.amount, c.from, c.to, fixedRate(c.rate))
		if err != nil || got != c.want {
			t.Errorf("%d %s->%s = %d, %v; want %d", c.amount, c.from, c.to, got, err, c.want)
		}
	}
}
`;

export const fxCacheGo = `package cache

import (
	"container/list"
	"context"
	"sync"
	"time"

	"${mod}/currency"
)

// FXRates caches processor FX quotes. Entries expire after ttl and the cache
// never holds more than max pairs (least recently used pairs go first).
type FXRates struct {
	mu      sync.Mutex
	source  currency.RateSource
	ttl     time.Duration
	max     int
	order   *list.List
	entries map[string]*list.Element
}

type fxEntry struct {
	pair    string
	rate    float64
	fetched time.Time
}

func NewFXRates(source currency.RateSource, ttl time.Duration, max int) *FXRates {
	return &FXRates{source: source, ttl: ttl, max: max, order: list.New(), entries: make(map[string]*list.Element)}
}

func (c *FXRates) Rate(ctx context.Context, from, to string) (float64, error) {
	pair := from + "/" + to
	c.mu.Lock()
	if el, ok := c.entries[pair]; ok {
		e := el.Value.(*fxEntry)
		if time.Since(e.fetched) < c.ttl {
			c.order.MoveToFront(el)
			c.mu.Unlock()
			return e.rate, nil
		}
		c.order.Remove(el)
		delete(c.entries, pair)
	}
	c.mu.Unlock()

	rate, err := c.source.Rate(ctx, from, to)
	if err != nil {
		return 0, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[pair] = c.order.PushFront(&fxEntry{pair: pair, rate: rate, fetched: time.Now()})
	for c.order.Len() > c.max {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.entries, oldest.Value.(*fxEntry).pair)
	}
	return rate, nil
}
`;

export const fxCacheTestGo = `package cache

import (
	"context"
	"testing"
	"time"
)

type countingSource struct{ calls int }

func (s *countingSource) Rate(context.Context, string, string) (float64, error) {
	s.calls++
	return 1.1, nil
}

func TestFXRatesExpire(t *testing.T) {
	src := &countingSource{}
	c := NewFXRates(src, 10*time.Millisecond, 8)
	c.Rate(context.Background(), "USD", "EUR")
	c.Rate(context.Background(), "USD", "EUR")
	if src.calls != 1 {
		t.Fatalf("calls = %d, want 1 (second read cached)", src.calls)
	}
	time.Sleep(15 * time.Millisecond)
	c.Rate(context.Background(), "USD", "EUR")
	if src.calls != 2 {
		t.Fatalf("calls = %d, want 2 (entry expired)", src.calls)
	}
}

func TestFXRatesCapacity(t *testing.T) {
	c := NewFXRates(&countingSource{}, time.Hour, 2)
	for _, to := range []string{"EUR", "GBP", "JPY"} {
		c.Rate(context.Background(), "USD", to)
	}
	if n := c.order.Len(); n != 2 {
		t.Fatalf("len = %d, want 2", n)
	}
}
`;
