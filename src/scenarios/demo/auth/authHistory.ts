import { History } from '../history';
import { forensicsConfig, k8sDeployment, type ServiceInfo, startMonorepo } from '../monorepo';
import type { Deploy } from '../scenario';
import { people } from '../people';
import * as src from './authSources';
import * as other from './authOtherSources';
import { authLaterCommits } from './authLaterHistory';

const { AS, STORE } = src;

const services: ServiceInfo[] = [
  { name: 'auth-service', lang: 'node', team: 'identity-team' },
  { name: 'user-profile', lang: 'node', team: 'identity-team' },
  { name: 'api-gateway', lang: 'go', team: 'edge-team' },
];

export interface AuthHistory {
  history: History;
  culprit: number;
  deploys: Deploy[];
}

/** The identity monorepo: 2024-01-09 .. 2024-01-22; auth-service last ships on 2024-01-16. */
export function authHistory(): AuthHistory {
  const { h, deploys, deploy } = startMonorepo(services, other.readme, 2210);

  h.write('docs/deploys.md', '# Deploys\n\nEach production deploy is an annotated tag `deploy/<yyyymmdd-hhmm>`. Only services with changes since the previous deploy are rebuilt and restarted.\n')
    .write('deploy/k8s/auth-service.yaml', k8sDeployment('auth-service', 'registry.internal/auth-service', 3, { REDIS_URL: 'redis://sessions-redis:6379/0' }, '4Gi'))
    .write('deploy/k8s/user-profile.yaml', k8sDeployment('user-profile', 'registry.internal/user-profile', 2, { PORT: '8080' }))
    .write('deploy/k8s/api-gateway.yaml', k8sDeployment('api-gateway', 'registry.internal/api-gateway', 3, { LISTEN: ':8443' }))
    .write(`${AS}/package.json`, src.packageJson)
    .write(`${AS}/tsconfig.json`, src.tsconfig)
    .write(`${AS}/Dockerfile`, src.dockerfile)
    .write(`${AS}/src/config.ts`, src.configTs)
    .write(`${AS}/src/logger.ts`, src.loggerTs)
    .write(`${AS}/src/metrics.ts`, src.metricsTs)
    .write(`${AS}/src/server.ts`, src.serverTs)
    .write(`${AS}/src/users.ts`, src.usersTs)
    .write(`${AS}/src/session/redis.ts`, src.redisTs)
    .write(`${AS}/src/session/instance.ts`, src.instanceTs)
    .write(STORE, src.sessionStoreTs)
    .write(`${AS}/src/middleware/requireSession.ts`, src.requireSessionTs)
    .write(`${AS}/src/routes/login.ts`, src.loginTs)
    .write(`${AS}/src/routes/me.ts`, src.meTs)
    .write(`${AS}/src/jwt/verify.ts`, src.verifyTs)
    .write(`${AS}/src/clients/profile.ts`, src.profileClientTs)
    .write('services/user-profile/package.json', other.profilePackageJson)
    .write('services/user-profile/src/server.ts', other.profileServerTs)
    .write('services/api-gateway/go.mod', other.gatewayGoMod)
    .write('services/api-gateway/main.go', other.gatewayMainGo);
  h.commit('chore: import identity platform monorepo', people.isabel, '2024-01-09T14:05:00Z');

  h.write('.forensics.json', forensicsConfig({
    services: {
      'auth-service': [`${AS}/**`, 'deploy/k8s/auth-service.yaml'],
      'user-profile': ['services/user-profile/**', 'deploy/k8s/user-profile.yaml'],
      'api-gateway': ['services/api-gateway/**', 'deploy/k8s/api-gateway.yaml'],
    },
    metrics: [
      '.forensics/metrics/container_memory_working_set_bytes.json',
      '.forensics/metrics/nodejs_eventloop_lag_p99_seconds.json',
      '.forensics/metrics/nodejs_heap_size_used_bytes.csv',
    ],
    queries: {
      container_memory_working_set_bytes: 'container_memory_working_set_bytes{namespace="identity",container="auth-service"}',
      nodejs_eventloop_lag_p99_seconds: 'max(nodejs_eventloop_lag_p99_seconds{app="auth-service"})',
      nodejs_heap_size_used_bytes: 'avg(nodejs_heap_size_used_bytes{app="auth-service"})',
    },
    lookbackDays: 7,
  }));
  h.commit('chore(tooling): add .forensics.json for incident forensics', people.jamal, '2024-01-09T15:20:00Z');

  h.edit('services/user-profile/src/server.ts', 'fileSize: 5 * 1024 * 1024', 'fileSize: 2 * 1024 * 1024, files: 1');
  h.commit('feat(profile): cap avatar uploads at 2 MiB', people.hiro, '2024-01-10T01:15:00Z');

  h.edit(`${AS}/src/routes/login.ts`, "  const { email, password } = req.body ?? {};", "  const { email, password } = (req.body ?? {}) as { email?: unknown; password?: unknown };");
  h.commit('fix(auth): return 401 instead of 500 on malformed login bodies', people.kim, '2024-01-10T09:10:00Z');

  h.edit(`${AS}/src/config.ts`, "export const config = {", "/** Read once at start-up; see deploy/k8s/auth-service.yaml. */\nexport const config = {");
  h.commit('refactor(auth): document config sources', people.isabel, '2024-01-10T11:45:00Z');

  h.edit('.github/workflows/ci.yml', "node-version: '20'\n      - run: npm ci && npm test\n        working-directory: services/auth-service", "node-version: '20.10'\n      - run: npm ci && npm test\n        working-directory: services/auth-service");
  h.commit('ci: pin auth-service tests to Node 20.10', people.grace, '2024-01-10T14:40:00Z');
  deploy('2024-01-10T16:00:00Z', ['auth-service', 'user-profile']);

  h.edit('services/api-gateway/main.go', '	log.Fatal(http.ListenAndServe(":8443", mux))', '	log.Fatal(http.ListenAndServe(":8443", traceparent(mux)))\n}\n\n// traceparent starts a W3C trace for requests that arrive without one.\nfunc traceparent(next http.Handler) http.Handler {\n	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n		if r.Header.Get("traceparent") == "" {\n			r.Header.Set("traceparent", newTraceparent())\n		}\n		next.ServeHTTP(w, r)\n	})');
  h.write('services/api-gateway/trace.go', 'package main\n\nimport (\n	"crypto/rand"\n	"encoding/hex"\n)\n\nfunc newTraceparent() string {\n	var b [24]byte\n	_, _ = rand.Read(b[:])\n	return "00-" + hex.EncodeToString(b[:16]) + "-" + hex.EncodeToString(b[16:]) + "-01"\n}\n');
  h.commit('feat(gateway): propagate traceparent header', people.hiro, '2024-01-11T02:30:00Z');

  h.edit(STORE, `    if (!raw) return null;
    return JSON.parse(raw) as Session;`, `    if (!raw) return null;
    // Sliding expiry: an active session stays alive.
    await this.redis.expire(key(sessionId), sessionTtlSeconds);
    return JSON.parse(raw) as Session;`);
  h.commit('fix(auth): extend sliding session TTL on every read\n\nSessions of active users expired mid-form after 30 minutes.', people.kim, '2024-01-11T10:05:00Z');

  h.write(`${AS}/docs/sessions.md`, other.sessionsMd);
  h.commit('docs(auth): document session lifecycle', people.isabel, '2024-01-11T13:50:00Z');
  deploy('2024-01-11T15:30:00Z', ['auth-service', 'api-gateway']);

  return authLaterCommits(h, deploy, deploys);
}
