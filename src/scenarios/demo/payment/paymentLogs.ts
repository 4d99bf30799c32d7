import { goHttpFrames, goServeFrames, goStack } from '../goStack';
import type { Rng } from '../../rng';
import { hms, isoMs, lineOf, LogSink, MINUTE, ms } from '../telemetryFormat';
import {
  ALERT, DEPLOY, LOG_DAY, LOG_END, p95Latency, paymentsPerMinute, podAt, podSets, PREV_DEPLOY, settlementLoad, START,
} from './paymentModel';

/** Line numbers of the log statements, in the code each pod was running. */
export interface CodeLines {
  acquireErr: number;
  acquireCall: number;
  slow: number;
  processed: number;
  refunded: number;
  webhookWarn: number;
  writeWarn: number;
  listening: number;
  accessServe: number;
}

export function codeLines(files: (path: string) => string): CodeLines {
  const process = files('handlers/process_payment.go');
  let webhookWarn = 0;
  try {
    webhookWarn = lineOf(files('handlers/refund_webhook.go'), 'refund webhook failed');
  } catch {
    webhookWarn = 0;
  }
  return {
    acquireErr: lineOf(files('database/pool.go'), 'Failed to acquire connection'),
    acquireCall: lineOf(process, 'database.Acquire(ctx'),
    slow: lineOf(process, 'Payment processing timeout'),
    processed: lineOf(process, 'payment processed'),
    refunded: lineOf(files('handlers/refund.go'), 'refund processed'),
    webhookWarn,
    writeWarn: lineOf(files('handlers/handler.go'), 'write response'),
    listening: lineOf(files('cmd/server/main.go'), 'listening on'),
    accessServe: lineOf(files('internal/logx/logx.go'), 'next.ServeHTTP(sw, r)'),
  };
}

const SRC = '/src/services/payment-gateway';
const PKG = 'github.com/healthcare-platform/platform/services/payment-gateway';
const accessFrame = (c: CodeLines): [string, string, number] => [`${PKG}/internal/logx.(*Handler).AccessLog.func1`, `${SRC}/internal/logx/logx.go`, c.accessServe];

/** The seed's acquire-timeout times, then 75 more before the alert. */
function timeoutTimes(rng: Rng): number[] {
  const out = ['09:05:47', '09:06:15', '09:08:32'].map((s) => ms(`2024-01-18T${s}.${rng.int(100, 899)}Z`));
  for (let i = 0; i < 75; i++) out.push(ms('2024-01-18T09:08:40Z') + rng.int(0, 379_000));
  for (let i = 0; i < 5; i++) out.push(ALERT + rng.int(1_000, 29_000));
  for (const night of ['2024-01-17T02:04:00Z', '2024-01-18T02:03:00Z']) {
    for (let i = 0; i < rng.int(3, 4); i++) out.push(ms(night) + rng.int(0, 9 * MINUTE));
  }
  return out.sort((a, b) => a - b);
}

/**
 * Writes payment-gateway's two log streams: the seed-style line log for
 * 2024-01-18 and the JSON stream (access records plus errors with Go stack
 * traces) for 2024-01-17..18. `before`/`after` are the log-statement lines
 * in the code before and after the 08:45 deploy.
 */
export function paymentLogs(rng: Rng, before: CodeLines, after: CodeLines, beforePrev: CodeLines): { text: string; json: string } {
  const text = new LogSink();
  const json = new LogSink();
  const pods = podSets(rng);
  const linesAt = (t: number): CodeLines => (t >= DEPLOY + 30_000 ? after : t >= PREV_DEPLOY + 30_000 ? before : beforePrev);
  const line = (t: number, level: string, caller: string, msg: string) => {
    if (t >= LOG_DAY && t < LOG_END) text.add(t, `[${hms(t)}] ${level.padEnd(5)} ${caller} - ${msg}`);
  };
  const errorJson = (t: number, pod: string, caller: string, msg: string, frames: Array<[string, string, number]>) =>
    json.add(t, JSON.stringify({ level: 'error', ts: isoMs(t), caller, msg, pod, stacktrace: goStack(frames) }));
  const access = (t: number, pod: string, path: string, status: number, durationMs: number) => {
    if (t < LOG_DAY || rng.chance(1 / 5)) json.add(t, JSON.stringify({ level: 'info', ts: isoMs(t), msg: 'request completed', pod, method: 'POST', path, status, duration_ms: durationMs }));
  };

  for (const set of pods.slice(1)) {
    set.names.forEach((_, i) => line(set.start[i], 'INFO', 'server/main.go:' + linesAt(set.start[i]).listening, 'listening on :8080'));
  }

  const timeouts = timeoutTimes(rng);
  for (const t of timeouts) {
    const c = linesAt(t);
    const pod = podAt(pods, t, rng);
    line(t, 'ERROR', `database/pool.go:${c.acquireErr}`, 'Failed to acquire connection: timeout after 5s');
    errorJson(t, pod, `database/pool.go:${c.acquireErr}`, 'Failed to acquire connection: timeout after 5s', [
      [`${PKG}/database.Acquire`, `${SRC}/database/pool.go`, c.acquireErr],
      [`${PKG}/handlers.(*Handler).Process`, `${SRC}/handlers/process_payment.go`, c.acquireCall],
      ...goHttpFrames, accessFrame(c), ...goServeFrames,
    ]);
    access(t, pod, '/api/v1/payments/process', 503, 5000 + rng.int(1, 40));
  }

  for (let minute = START; minute < LOG_END; minute += MINUTE) {
    const n = Math.round(paymentsPerMinute(minute) * rng.float(0.8, 1.2));
    for (let k = 0; k < n; k++) {
      const t = minute + rng.int(0, MINUTE - 1);
      if (t >= LOG_END) continue;
      const c = linesAt(t);
      const pod = podAt(pods, t, rng);
      const isRefund = rng.chance(0.06);
      const median = p95Latency(t, rng) / 2;
      // Processor stalls give the chronic slow tail (p99 2.6s) that predates any deploy.
      const stall = rng.chance(0.004 + 0.01 * settlementLoad(t)) ? rng.float(400, 2400) : 0;
      const duration = Math.round(median * Math.exp(rng.normal(0, 0.42)) + stall);
      // Before the line log's day only the JSON stream is kept: skip what it would not sample.
      if (t < LOG_DAY && duration <= 500 && !rng.chance(1 / 5)) continue;
      const id = rng.alnum(14);
      if (isRefund) {
        line(t + duration, 'INFO', `handlers/refund.go:${c.refunded}`, `refund processed id=re_${id} payment=ch_${rng.alnum(14)}`);
        if (c.webhookWarn && rng.chance(0.08)) {
          line(t + duration + 10_000, 'WARN', `handlers/refund_webhook.go:${c.webhookWarn}`,
            `refund webhook failed: Post "https://hooks.${rng.pick(['clinicpay', 'medbill', 'carepoint'])}.example/payments": context deadline exceeded`);
        }
        access(t, pod, '/api/v1/payments/refund', 201, duration);
        continue;
      }
      const end = t + duration;
      if (duration > 500 && end < LOG_END) {
        const msg = `Payment processing timeout: ${duration}ms`;
        line(end, 'ERROR', `handlers/process_payment.go:${c.slow}`, msg);
        errorJson(end, pod, `handlers/process_payment.go:${c.slow}`, msg, [
          [`${PKG}/handlers.(*Handler).Process`, `${SRC}/handlers/process_payment.go`, c.slow], ...goHttpFrames, accessFrame(c), ...goServeFrames,
        ]);
      }
      line(end, 'INFO', `handlers/process_payment.go:${c.processed}`,
        `payment processed id=ch_${id} merchant=mer_${rng.alnum(10)} amount=${(rng.int(500, 40_000) / 100).toFixed(2)} ${rng.pick(['USD', 'USD', 'USD', 'EUR', 'GBP'])}`);
      if (rng.chance(0.0015)) line(end + 3, 'WARN', `handlers/handler.go:${c.writeWarn}`, `write response: write tcp 10.42.${rng.int(0, 7)}.${rng.int(2, 250)}:8080->10.42.0.1:${rng.int(30000, 60000)}: write: broken pipe`);
      access(t, pod, '/api/v1/payments/process', 201, duration);
    }
  }
  // The seed's last line before the alert.
  line(ms('2024-01-18T09:14:58.412Z'), 'ERROR', `handlers/process_payment.go:${after.slow}`, 'Payment processing timeout: 587ms');
  return { text: text.text(), json: json.text() };
}
