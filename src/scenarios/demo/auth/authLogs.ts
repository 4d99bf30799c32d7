import type { Rng } from '../../rng';
import { isoMs, lineOf, LogSink, MINUTE } from '../telemetryFormat';
import { authPods, heapFraction, LOG_DAY, LOG_END, START, traffic, type AuthPod } from './authModel';

/** Where auth-service's log statements and awaited calls are, in one deployed version. */
export interface AuthLines {
  redisGet: [number, number];
  redisExpire: [number, number];
  requireGet: [number, number];
  profileFetch: [number, number];
}

function at(text: string, needle: string): [number, number] {
  const line = lineOf(text, needle);
  return [line, text.split('\n')[line - 1].indexOf(needle) + 1];
}

export function authLines(file: (path: string) => string): AuthLines {
  const store = file('src/session/sessionStore.ts');
  return {
    redisGet: at(store, 'this.redis.get('),
    // Older versions read without sliding the TTL.
    redisExpire: store.includes('this.redis.expire(') ? at(store, 'this.redis.expire(') : at(store, 'this.redis.get('),
    requireGet: at(file('src/middleware/requireSession.ts'), 'sessions.get(id)'),
    profileFetch: at(file('src/clients/profile.ts'), 'fetch('),
  };
}

const APP = '/app/services/auth-service';
const NM = `${APP}/node_modules`;

function redisTimeout(c: AuthLines, expire: boolean): string {
  const [l, col] = expire ? c.redisExpire : c.redisGet;
  return [
    'Error: Command timed out',
    `    at Timeout._onTimeout (${NM}/ioredis/built/Command.js:192:33)`,
    '    at listOnTimeout (node:internal/timers:573:17)',
    '    at process.processTimers (node:internal/timers:514:7)',
    `    at SessionStore.get (${APP}/src/session/sessionStore.ts:${l}:${col})`,
    `    at requireSession (${APP}/src/middleware/requireSession.ts:${c.requireGet[0]}:${c.requireGet[1]})`,
    `    at Layer.handle [as handle_request] (${NM}/express/lib/router/layer.js:95:5)`,
    `    at next (${NM}/express/lib/router/route.js:144:13)`,
  ].join('\n');
}

function fetchFailed(c: AuthLines): string {
  return [
    'TypeError: fetch failed',
    '    at node:internal/deps/undici/undici:12344:11',
    `    at async fetchProfile (${APP}/src/clients/profile.ts:${c.profileFetch[0]}:${c.profileFetch[1]})`,
    `    at async ${APP}/src/routes/me.ts:8:19`,
  ].join('\n');
}

/**
 * auth-service's two log streams: the console format for 2024-01-22 and the
 * JSON pipeline copy for 2024-01-13..22. Chronic noise (expired service
 * tokens, a flaky profile service, rare Redis blips) runs throughout; GC
 * pauses and Redis timeouts grow with the heap of the pods that cache sessions.
 */
export function authLogs(rng: Rng, linesAt: (t: number) => AuthLines): { text: string; json: string } {
  const text = new LogSink();
  const json = new LogSink();
  const pods = authPods();
  const emit = (t: number, pod: AuthPod, level: string, component: string, message: string, stack?: string, sampleJson = true) => {
    if (t >= LOG_DAY && t < LOG_END) {
      text.add(t, `${isoMs(t)} ${level.toUpperCase()} [${component}] ${message}${stack ? '\n' + stack.split('\n').slice(1).join('\n') : ''}`);
    }
    if (t < LOG_END && (sampleJson || level !== 'info')) {
      const rec: Record<string, unknown> = { component, level, message, pod: pod.name, service: 'auth-service' };
      if (stack) rec.stack = stack;
      rec.timestamp = isoMs(t);
      json.add(t, JSON.stringify(rec));
    }
  };
  const live: AuthPod[] = [];
  const podAt = (t: number): AuthPod => {
    live.length = 0;
    for (const p of pods) if (p.start <= t && t < p.end) live.push(p);
    return live.length ? live[rng.int(0, live.length - 1)] : pods[0];
  };

  for (const p of pods) if (p.start < LOG_END) emit(p.start, p, 'info', 'http', 'listening on :8080');

  for (let minute = START; minute < LOG_END; minute += MINUTE) {
    const load = traffic(minute);
    const frac = heapFraction(pods, minute);
    const dayOfText = minute >= LOG_DAY;
    // The console stream keeps every request line; older days only survive in the sampled JSON copy.
    const requests = dayOfText ? Math.round(9 * load * rng.float(0.7, 1.3)) : rng.chance(0.35 * load) ? 1 : 0;
    for (let k = 0; k < requests; k++) {
      const t = minute + rng.int(0, MINUTE - 1);
      const pod = podAt(t);
      const slow = frac > 0.3 ? rng.float(0, 400 * frac * frac) : 0;
      if (rng.chance(0.12)) {
        const user = `usr_${rng.alnum(10)}`;
        emit(t, pod, 'info', 'login', `login ok user=${user}`, undefined, !dayOfText || rng.chance(0.1));
        emit(t + 90, pod, 'info', 'http', `POST /v1/login 200 ${(rng.float(70, 120) + slow).toFixed(3)}ms`, undefined, !dayOfText || rng.chance(0.1));
      } else {
        emit(t, pod, 'info', 'http', `GET /v1/me 200 ${(rng.float(2, 9) + slow).toFixed(3)}ms`, undefined, !dayOfText || rng.chance(0.1));
      }
    }
    // Chronic: callers presenting expired service tokens (~8/h), a flaky profile service (~2/h).
    if (rng.chance(0.13 * load)) {
      const t = minute + rng.int(0, MINUTE - 1);
      emit(t, podAt(t), 'warn', 'jwt', 'token verification failed: JWTExpired: "exp" claim timestamp check failed');
    }
    if (rng.chance(0.035)) {
      const t = minute + rng.int(0, MINUTE - 1);
      emit(t, podAt(t), 'error', 'profile-client', 'fetch failed', fetchFailed(linesAt(t)));
      emit(t + 2001, podAt(t), 'info', 'http', `GET /v1/me 200 ${(2001 + rng.float(1, 9)).toFixed(3)}ms`, undefined, false);
    }
    // Redis blips happen anyway (~1 every 3 h); a heap near its limit stalls the event loop long enough to add many more.
    const redisRate = 1 / 180 + 0.9 * frac ** 3;
    if (rng.chance(Math.min(0.9, redisRate))) {
      const t = minute + rng.int(0, MINUTE - 1);
      const pod = podAt(t);
      emit(t, pod, 'error', 'session', 'Command timed out', redisTimeout(linesAt(t), rng.chance(0.3)));
      emit(t + 5, pod, 'info', 'http', `GET /v1/me 503 ${(1500 + rng.float(1, 40)).toFixed(3)}ms`, undefined, false);
    }
    if (frac > 0.18 && rng.chance(0.6 * frac * frac)) {
      const t = minute + rng.int(0, MINUTE - 1);
      const pod = podAt(t);
      const heap = (frac * 4.29 - 0.09).toFixed(2);
      emit(t, pod, 'warn', 'gc', `long GC pause ${Math.round(250 + 1100 * frac * frac * rng.float(0.6, 1.2))}ms (mark-sweep-compact) heapUsed=${heap}GB`);
    }
  }
  return { text: text.text(), json: json.text() };
}
