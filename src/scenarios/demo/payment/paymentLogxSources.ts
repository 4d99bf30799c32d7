/** payment-gateway's logging adapter: the seed-style line log plus JSON errors with stack traces. */

export const logxGo = `// Package logx renders slog records as a short line log for people
// ("[09:05:47] ERROR database/pool.go:45 - message") and sends errors, with a
// stack trace, to the JSON stream the log pipeline indexes.
package logx

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

type Handler struct {
	mu         sync.Mutex
	text, json io.Writer
	pod        string
}

func NewHandler(text, json io.Writer) *Handler {
	return &Handler{text: text, json: json, pod: hostname()}
}

func (h *Handler) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelInfo }

func (h *Handler) Handle(_ context.Context, r slog.Record) error {
	frame, _ := runtime.CallersFrames([]uintptr{r.PC}).Next()
	caller := fmt.Sprintf("%s:%d", shortPath(frame.File), frame.Line)
	h.mu.Lock()
	defer h.mu.Unlock()
	fmt.Fprintf(h.text, "[%s] %-5s %s - %s\\n", r.Time.UTC().Format("15:04:05"), r.Level.String(), caller, r.Message)
	if r.Level < slog.LevelError {
		return nil
	}
	return h.writeJSON(map[string]any{
		"level": "error", "ts": r.Time.UTC().Format(time.RFC3339Nano), "caller": caller,
		"msg": r.Message, "pod": h.pod, "stacktrace": stack(5),
	})
}

func (h *Handler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *Handler) WithGroup(string) slog.Handler      { return h }

// AccessLog records every finished request on the JSON stream.
func (h *Handler) AccessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		h.mu.Lock()
		defer h.mu.Unlock()
		_ = h.writeJSON(map[string]any{
			"level": "info", "ts": start.UTC().Format(time.RFC3339Nano), "msg": "request completed", "pod": h.pod,
			"method": r.Method, "path": r.URL.Path, "status": sw.status, "duration_ms": time.Since(start).Milliseconds(),
		})
	})
}

func (h *Handler) writeJSON(rec map[string]any) error {
	line, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	_, err = h.json.Write(append(line, '\\n'))
	return err
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) { w.status = code; w.ResponseWriter.WriteHeader(code) }

// shortPath keeps the package directory and file: database/pool.go.
func shortPath(file string) string {
	return filepath.ToSlash(filepath.Join(filepath.Base(filepath.Dir(file)), filepath.Base(file)))
}

func stack(skip int) string {
	pcs := make([]uintptr, 32)
	n := runtime.Callers(skip, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	var b strings.Builder
	for {
		f, more := frames.Next()
		fmt.Fprintf(&b, "%s\\n\\t%s:%d\\n", f.Function, f.File, f.Line)
		if !more {
			break
		}
	}
	return strings.TrimSuffix(b.String(), "\\n")
}
`;

export const logxHostGo = `package logx

import "os"

func hostname() string {
	if h, err := os.Hostname(); err == nil {
		return h
	}
	return "unknown"
}
`;
