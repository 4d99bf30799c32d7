import type { History } from '../history';
import type { Deploy } from '../scenario';
import { people } from '../people';
import type { AuthHistory } from './authHistory';
import * as other from './authOtherSources';
import { AS, STORE } from './authSources';

/**
 * 2024-01-12 .. 2024-01-22. The culprit ships on 2024-01-16 15:00 with an
 * ioredis bump, a JWKS cache (bounded, with TTL) and a timeout change; the two
 * later deploys only touch other services, and the last three commits (a cache
 * of role lookups, the MFA merge, docs) are not deployed when the alert fires.
 */
export function authLaterCommits(h: History, deploy: (time: string, svc: string[]) => void, deploys: Deploy[]): AuthHistory {
  h.edit(`${AS}/package.json`, '"jsonwebtoken": "9.0.1"', '"jsonwebtoken": "9.0.2"');
  h.commit('chore(deps): bump jsonwebtoken from 9.0.1 to 9.0.2 in /services/auth-service\n\nSigned-off-by: dependabot[bot] <support@github.com>', people.dependabot, '2024-01-12T06:00:00Z');

  h.write(`${AS}/src/middleware/rateLimit.ts`, `import type { NextFunction, Request, Response } from 'express';

const WINDOW_MS = 60_000;
const MAX_ATTEMPTS = 10;
const MAX_TRACKED = 50_000;
const attempts = new Map<string, { count: number; windowStart: number }>();

// Windows are dropped once they end, and the table never tracks more than MAX_TRACKED addresses.
setInterval(() => {
  const now = Date.now();
  for (const [ip, w] of attempts) if (now - w.windowStart > WINDOW_MS) attempts.delete(ip);
}, WINDOW_MS).unref();

export function limitLogins(req: Request, res: Response, next: NextFunction): void {
  const ip = req.ip ?? 'unknown';
  const now = Date.now();
  const w = attempts.get(ip);
  if (!w || now - w.windowStart > WINDOW_MS) {
    if (attempts.size >= MAX_TRACKED) attempts.delete(attempts.keys().next().value as string);
    attempts.set(ip, { count: 1, windowStart: now });
  } else if (++w.count > MAX_ATTEMPTS) {
    res.status(429).json({ error: 'too_many_attempts' });
    return;
  }
  next();
}
`).edit(`${AS}/src/server.ts`, "app.use(login);", "app.use('/v1/login', limitLogins);\napp.use(login);")
    .edit(`${AS}/src/server.ts`, "import { requireSession } from './middleware/requireSession';", "import { limitLogins } from './middleware/rateLimit';\nimport { requireSession } from './middleware/requireSession';");
  h.commit('feat(auth): rate-limit login attempts per IP\n\nTen attempts per minute per address; expired windows are swept every minute.', people.kim, '2024-01-12T09:20:00Z');

  h.write(`${AS}/test/sessionStore.test.ts`, `import { describe, expect, it, vi } from 'vitest';
import { SessionStore } from '../src/session/sessionStore';

describe('SessionStore.get', () => {
  it('slides the TTL of a session it finds', async () => {
    const redis = { get: vi.fn().mockResolvedValue('{"id":"s1"}'), expire: vi.fn() };
    await new SessionStore(redis as never).get('s1');
    expect(redis.expire).toHaveBeenCalledWith('sess:s1', 1800);
  });
});
`);
  h.commit('test(auth): cover session sliding expiry', people.isabel, '2024-01-12T12:10:00Z');
  deploy('2024-01-12T14:00:00Z', ['auth-service']);

  h.edit('services/user-profile/src/server.ts', `  rows[0] ? res.json(rows[0]) : res.sendStatus(404);`, `  if (!rows[0]) return void res.sendStatus(404);
  res.json({ ...rows[0], displayName: String(rows[0].displayName ?? '').trim() });`);
  h.commit('fix(profile): trim display names', people.hiro, '2024-01-15T02:15:00Z');

  h.write(`${AS}/src/session/keys.ts`, "/** Redis keys owned by auth-service; one place so renames can't drift. */\nexport const sessionKey = (id: string) => `sess:${id}`;\nexport const usersByEmail = 'users:by-email';\n");
  h.write(STORE, h.read(STORE).replace("const key = (id: string) => `sess:${id}`;\n\n", '').replace("import { sessionTtlSeconds } from '../config';\n", "import { sessionTtlSeconds } from '../config';\nimport { sessionKey } from './keys';\n").replaceAll('key(', 'sessionKey('));
  h.edit(`${AS}/src/users.ts`, "import { redis } from './session/redis';", "import { usersByEmail } from './session/keys';\nimport { redis } from './session/redis';")
    .edit(`${AS}/src/users.ts`, "redis.hget('users:by-email',", 'redis.hget(usersByEmail,');
  h.commit('refactor(auth): extract Redis key helpers', people.kim, '2024-01-15T15:10:00Z');

  h.edit('services/api-gateway/main.go', '	mux.Handle("/v1/users/", httputil.NewSingleHostReverseProxy(profile))', '	mux.Handle("/v1/users/", httputil.NewSingleHostReverseProxy(profile))\n	mux.HandleFunc("/readyz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })');
  h.commit('feat(gateway): add /readyz endpoint', people.grace, '2024-01-15T14:20:00Z');
  deploy('2024-01-15T16:00:00Z', ['auth-service', 'user-profile', 'api-gateway']);

  h.edit(STORE, `export class SessionStore {
  constructor(private readonly redis: Redis) {}`, `export class SessionStore {
  // Most requests re-read a handful of hot sessions: serve those from memory.
  private readonly cache = new Map<string, Session>();

  constructor(private readonly redis: Redis) {}`)
    .edit(STORE, `    await this.redis.set(sessionKey(session.id), JSON.stringify(session), 'EX', sessionTtlSeconds);
  }`, `    await this.redis.set(sessionKey(session.id), JSON.stringify(session), 'EX', sessionTtlSeconds);
    this.cache.set(session.id, session);
  }`)
    .edit(STORE, `  async get(sessionId: string): Promise<Session | null> {
    const raw`, `  async get(sessionId: string): Promise<Session | null> {
    const cached = this.cache.get(sessionId);
    if (cached && cached.expiresAt > Date.now()) return cached;
    const raw`)
    .edit(STORE, `    return JSON.parse(raw) as Session;`, `    const session = JSON.parse(raw) as Session;
    this.cache.set(sessionId, session);
    return session;`);
  const culprit = h.commit('feat(auth): implement session caching\n\nSession reads were 38% of Redis traffic. Keep sessions in memory after the\nfirst read; an entry is only used while the session has not expired.', people.kim, '2024-01-16T09:40:22Z');

  h.edit(`${AS}/package.json`, '"ioredis": "5.3.1"', '"ioredis": "5.3.2"');
  h.commit('chore(deps): bump ioredis from 5.3.1 to 5.3.2 in /services/auth-service\n\nSigned-off-by: dependabot[bot] <support@github.com>', people.dependabot, '2024-01-16T10:55:00Z');

  h.write(`${AS}/src/jwt/jwksCache.ts`, `import { importJWK, type JWK, type KeyLike } from 'jose';

const TTL_MS = 10 * 60_000;
const MAX_KEYS = 64;

/** Signing keys by kid. Entries expire after TTL_MS; the oldest key goes first beyond MAX_KEYS. */
const keys = new Map<string, { key: KeyLike | Uint8Array; fetchedAt: number }>();

export async function signingKey(kid: string, fetchJwks: () => Promise<JWK[]>): Promise<KeyLike | Uint8Array> {
  const hit = keys.get(kid);
  if (hit && Date.now() - hit.fetchedAt < TTL_MS) return hit.key;
  keys.delete(kid);
  const jwk = (await fetchJwks()).find((k) => k.kid === kid);
  if (!jwk) throw new Error(\`unknown signing key \${kid}\`);
  const key = await importJWK(jwk);
  keys.set(kid, { key, fetchedAt: Date.now() });
  while (keys.size > MAX_KEYS) keys.delete(keys.keys().next().value as string);
  return key;
}
`).edit(`${AS}/src/jwt/verify.ts`, "import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';", "import { decodeProtectedHeader, jwtVerify, type JWK, type JWTPayload } from 'jose';")
    .edit(`${AS}/src/jwt/verify.ts`, "const jwks = createRemoteJWKSet(new URL(config.jwksUrl));", "const fetchJwks = async (): Promise<JWK[]> => ((await (await fetch(config.jwksUrl)).json()) as { keys: JWK[] }).keys;")
    .edit(`${AS}/src/jwt/verify.ts`, "    const { payload } = await jwtVerify(token, jwks, { issuer: 'https://idp.internal' });", "    const { kid = '' } = decodeProtectedHeader(token);\n    const { payload } = await jwtVerify(token, await signingKey(kid, fetchJwks), { issuer: 'https://idp.internal' });")
    .edit(`${AS}/src/jwt/verify.ts`, "import { log } from '../logger';", "import { log } from '../logger';\nimport { signingKey } from './jwksCache';");
  h.commit('feat(auth): cache JWKS signing keys with TTL and size bound\n\nThe IdP rate-limits JWKS fetches; keys are now kept for 10 minutes, 64 at most.', people.isabel, '2024-01-16T12:30:00Z');

  h.edit(`${AS}/src/session/redis.ts`, 'commandTimeout: 1000,', 'commandTimeout: 1500,');
  h.commit('fix(auth): raise Redis command timeout to 1500ms\n\nCross-zone failovers of the sessions Redis take up to 1.2s.', people.jamal, '2024-01-16T14:10:00Z');
  deploy('2024-01-16T15:00:00Z', ['auth-service']);

  return authTail(h, deploy, deploys, culprit);
}

function authTail(h: History, deploy: (time: string, svc: string[]) => void, deploys: Deploy[], culprit: number): AuthHistory {
  h.edit('services/api-gateway/main.go', '	auth, _ := url.Parse("http://auth-service:8080")', '	// Upstream timeouts per route live in routes.go.\n	auth, _ := url.Parse("http://auth-service:8080")');
  h.write('services/api-gateway/routes.go', 'package main\n\nimport "time"\n\n// upstreamTimeout is how long the gateway waits for each upstream.\nvar upstreamTimeout = map[string]time.Duration{\n	"/v1/login":  5 * time.Second,\n	"/v1/me":     2 * time.Second,\n	"/v1/users/": 3 * time.Second,\n}\n');
  h.commit('feat(gateway): per-route upstream timeouts', people.hiro, '2024-01-17T01:30:00Z');

  h.edit('services/api-gateway/go.mod', 'golang.org/x/net v0.17.0', 'golang.org/x/net v0.19.0');
  h.commit('chore(deps): bump golang.org/x/net from 0.17.0 to 0.19.0 in /services/api-gateway\n\nSigned-off-by: dependabot[bot] <support@github.com>', people.dependabot, '2024-01-17T06:00:00Z');

  h.startBranch('feature/mfa-totp');
  h.write(`${AS}/src/routes/mfa.ts`, `import { Router } from 'express';
import { authenticator } from 'otplib';
import { redis } from '../session/redis';

export const mfa = Router();

/** Starts TOTP enrollment: stores a pending secret and returns its otpauth URI. */
mfa.post('/v1/mfa/enroll', async (_req, res) => {
  const session = res.locals.session;
  const secret = authenticator.generateSecret();
  await redis.set(\`mfa:pending:\${session.userId}\`, secret, 'EX', 600);
  res.json({ uri: authenticator.keyuri(session.userId, 'Healthcare Platform', secret) });
});
`).edit(`${AS}/package.json`, '"jsonwebtoken": "9.0.2",', '"jsonwebtoken": "9.0.2",\n    "otplib": "12.0.1",');
  h.commit('feat(auth): add TOTP enrollment endpoint', people.isabel, '2024-01-17T13:20:00Z');
  h.edit(`${AS}/src/routes/login.ts`, "  const now = Date.now();", "  if (user.mfaSecret && !authenticator.check(String(req.body?.totp ?? ''), user.mfaSecret)) {\n    res.status(401).json({ error: 'totp_required' });\n    return;\n  }\n  const now = Date.now();")
    .edit(`${AS}/src/routes/login.ts`, "import { Router } from 'express';", "import { Router } from 'express';\nimport { authenticator } from 'otplib';")
    .edit(`${AS}/src/users.ts`, '  roles: string[];\n', '  roles: string[];\n  /** Set once the user completed TOTP enrollment. */\n  mfaSecret?: string;\n');
  h.commit('feat(auth): verify TOTP codes at login', people.isabel, '2024-01-18T12:40:00Z');
  h.write(`${AS}/test/mfa.test.ts`, `import { authenticator } from 'otplib';
import { expect, it } from 'vitest';

it('accepts a code from the previous 30-second step', () => {
  authenticator.options = { window: 1 };
  const secret = authenticator.generateSecret();
  const previous = authenticator.generate(secret);
  expect(authenticator.check(previous, secret)).toBe(true);
});
`);
  h.commit('test(auth): TOTP drift window', people.isabel, '2024-01-19T14:10:00Z');
  h.switchTo('main');

  h.write('docs/architecture.md', other.architectureMd);
  h.commit('docs: add identity platform architecture overview', people.grace, '2024-01-17T15:05:00Z');

  h.edit('services/user-profile/src/server.ts', "app.put('/v1/users/:id/avatar'", `app.get('/v1/users/:id/audit', async (req, res) => {
  const limit = Math.min(Number(req.query.limit ?? 50), 200);
  const { rows } = await db.query('SELECT at, action FROM audit WHERE user_id = $1 AND at < $2 ORDER BY at DESC LIMIT $3', [req.params.id, req.query.before ?? 'infinity', limit]);
  res.json({ items: rows, next: rows.length === limit ? rows[rows.length - 1].at : null });
});

app.put('/v1/users/:id/avatar'`);
  h.commit('feat(profile): paginate audit history', people.hiro, '2024-01-18T02:00:00Z');
  deploy('2024-01-18T11:00:00Z', ['api-gateway', 'user-profile']);

  h.edit('services/api-gateway/main.go', '		if r.Header.Get("traceparent") == "" {', '		for _, hop := range []string{"Connection", "Keep-Alive", "Proxy-Connection", "Upgrade"} {\n			r.Header.Del(hop)\n		}\n		if r.Header.Get("traceparent") == "" {');
  h.commit('fix(gateway): strip hop-by-hop headers', people.jamal, '2024-01-18T16:30:00Z');

  h.edit('.github/workflows/ci.yml', "node-version: '20'\n      - run: npm ci && npm test\n        working-directory: services/user-profile", "node-version: '20'\n          cache: npm\n          cache-dependency-path: services/user-profile/package-lock.json\n      - run: npm ci && npm test\n        working-directory: services/user-profile");
  h.commit('ci: cache npm in the user-profile job', people.kim, '2024-01-19T09:00:00Z');

  h.write('services/user-profile/README.md', '# user-profile\n\nAvatars: one file per upload, at most 2 MiB, stored in `profiles.avatar`.\n');
  h.commit('docs(profile): describe avatar limits', people.isabel, '2024-01-19T10:40:00Z');

  h.edit('services/user-profile/src/server.ts', 'max: 10 });', 'max: 10, idleTimeoutMillis: 30_000 });');
  h.commit('chore(profile): close idle Postgres connections after 30s', people.grace, '2024-01-19T13:15:00Z');
  deploy('2024-01-19T16:30:00Z', ['user-profile', 'api-gateway']);

  h.write(`${AS}/src/middleware/roles.ts`, `import type { Request } from 'express';

/** Role checks repeat within one request; remember them for that request only. */
const perRequest = new WeakMap<Request, Map<string, boolean>>();

export function hasRole(req: Request, roles: string[], role: string): boolean {
  let memo = perRequest.get(req);
  if (!memo) perRequest.set(req, (memo = new Map()));
  let ok = memo.get(role);
  if (ok === undefined) memo.set(role, (ok = roles.includes(role) || roles.includes('admin')));
  return ok;
}
`);
  h.commit('perf(auth): memoize role lookups per request', people.kim, '2024-01-22T09:30:00Z');

  h.merge('feature/mfa-totp', 'Merge pull request #233 from healthcare-platform/feature/mfa-totp\n\nfeat(auth): TOTP second factor', people.isabel, '2024-01-22T12:10:00Z');

  h.write(`${AS}/docs/mfa-rollout.md`, '# MFA rollout\n\n1. Enable enrollment for staff accounts.\n2. Require TOTP for admin roles.\n3. Offer enrollment to all clinicians.\n');
  h.commit('docs(auth): add MFA rollout notes', people.kim, '2024-01-22T13:40:00Z');
  return { history: h, culprit, deploys };
}
