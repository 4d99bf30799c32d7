/** auth-service (TypeScript, Express) as first imported on 2024-01-09; later commits edit it. */
export const AS = 'services/auth-service';
export const STORE = `${AS}/src/session/sessionStore.ts`;

export const packageJson = `{
  "name": "@healthcare-platform/auth-service",
  "version": "3.4.0",
  "private": true,
  "main": "dist/server.js",
  "scripts": {
    "build": "tsc -p .",
    "start": "node --enable-source-maps dist/server.js",
    "test": "vitest run"
  },
  "dependencies": {
    "bcrypt": "5.1.1",
    "express": "4.18.2",
    "ioredis": "5.3.1",
    "jose": "5.1.3",
    "jsonwebtoken": "9.0.1",
    "prom-client": "15.1.0",
    "winston": "3.11.0"
  },
  "devDependencies": {
    "@types/express": "4.17.21",
    "typescript": "5.3.3",
    "vitest": "1.1.3"
  }
}
`;

export const tsconfig = `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "commonjs",
    "outDir": "dist",
    "rootDir": "src",
    "strict": true,
    "sourceMap": true,
    "esModuleInterop": true
  },
  "include": ["src"]
}
`;

export const dockerfile = `FROM node:20.10-alpine
WORKDIR /app/services/auth-service
COPY package*.json ./
RUN npm ci --omit=dev
COPY dist ./dist
COPY src ./src
ENV NODE_OPTIONS="--max-old-space-size=3584"
CMD ["node", "--enable-source-maps", "dist/server.js"]
`;

export const configTs = `export const config = {
  port: Number(process.env.PORT ?? 8080),
  redisUrl: process.env.REDIS_URL ?? 'redis://localhost:6379/0',
  jwksUrl: process.env.JWKS_URL ?? 'https://idp.internal/.well-known/jwks.json',
  profileUrl: process.env.PROFILE_URL ?? 'http://user-profile:8080',
};

/** Sessions expire after 30 minutes without use. */
export const sessionTtlSeconds = 30 * 60;
`;

export const loggerTs = `import winston from 'winston';

const { combine, timestamp, errors, printf, json } = winston.format;

/**
 * Console: one readable line per event (plus the stack for errors), which the
 * node's log agent ships as auth-service-<date>.log. Http: the same events as
 * JSON for the log pipeline.
 */
export const logger = winston.createLogger({
  level: 'info',
  defaultMeta: { service: 'auth-service', pod: process.env.HOSTNAME },
  format: combine(errors({ stack: true }), timestamp()),
  transports: [
    new winston.transports.Console({
      format: printf(({ timestamp: ts, level, component, message, stack }) =>
        \`\${ts} \${level.toUpperCase()} [\${component ?? 'app'}] \${message}\${stack ? '\\n' + String(stack).split('\\n').slice(1).join('\\n') : ''}\`,
      ),
    }),
    new winston.transports.Http({ host: 'log-pipeline.observability', path: '/ingest/auth-service', format: json() }),
  ],
});

export const log = (component: string) => logger.child({ component });
`;

export const redisTs = `import Redis from 'ioredis';
import { config } from '../config';

export const redis = new Redis(config.redisUrl, {
  commandTimeout: 1000,
  maxRetriesPerRequest: 2,
  // Errors carry the caller's stack (e.g. SessionStore.get), not ioredis internals only.
  showFriendlyErrorStack: true,
});
`;

export const sessionStoreTs = `import type { Redis } from 'ioredis';
import { sessionTtlSeconds } from '../config';

export interface Session {
  id: string;
  userId: string;
  roles: string[];
  mfa: boolean;
  issuedAt: number;
  expiresAt: number;
}

const key = (id: string) => \`sess:\${id}\`;

/** Sessions live in Redis so every replica sees logins and logouts at once. */
export class SessionStore {
  constructor(private readonly redis: Redis) {}

  async create(session: Session): Promise<void> {
    await this.redis.set(key(session.id), JSON.stringify(session), 'EX', sessionTtlSeconds);
  }

  async get(sessionId: string): Promise<Session | null> {
    const raw = await this.redis.get(key(sessionId));
    if (!raw) return null;
    return JSON.parse(raw) as Session;
  }

  async destroy(sessionId: string): Promise<void> {
    await this.redis.del(key(sessionId));
  }
}
`;

export const requireSessionTs = `import type { NextFunction, Request, Response } from 'express';
import { log } from '../logger';
import { sessions } from '../session/instance';

const logger = log('session');

export async function requireSession(req: Request, res: Response, next: NextFunction): Promise<void> {
  const id = req.cookies?.sid ?? req.header('x-session-id');
  try {
    const session = id ? await sessions.get(id) : null;
    if (!session) {
      res.status(401).json({ error: 'session_required' });
      return;
    }
    res.locals.session = session;
    next();
  } catch (err) {
    logger.error(err);
    res.status(503).json({ error: 'session_store_unavailable' });
  }
}
`;

export const instanceTs = `import { redis } from './redis';
import { SessionStore } from './sessionStore';

export const sessions = new SessionStore(redis);
`;

export const loginTs = `import bcrypt from 'bcrypt';
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { sessionTtlSeconds } from '../config';
import { log } from '../logger';
import { sessions } from '../session/instance';
import { findCredentials } from '../users';

const logger = log('login');
export const login = Router();

login.post('/v1/login', async (req, res) => {
  const { email, password } = req.body ?? {};
  const user = typeof email === 'string' ? await findCredentials(email) : null;
  if (!user || typeof password !== 'string' || !(await bcrypt.compare(password, user.hash))) {
    res.status(401).json({ error: 'invalid_credentials' });
    return;
  }
  const now = Date.now();
  const session = { id: randomUUID(), userId: user.id, roles: user.roles, mfa: false, issuedAt: now, expiresAt: now + sessionTtlSeconds * 1000 };
  await sessions.create(session);
  logger.info(\`login ok user=\${user.id}\`);
  res.cookie('sid', session.id, { httpOnly: true, secure: true, sameSite: 'strict' }).json({ userId: user.id });
});
`;

export const verifyTs = `import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { config } from '../config';
import { log } from '../logger';

const logger = log('jwt');
const jwks = createRemoteJWKSet(new URL(config.jwksUrl));

/** Verifies a service-to-service bearer token; null when it is invalid or expired. */
export async function verifyBearer(token: string): Promise<JWTPayload | null> {
  try {
    const { payload } = await jwtVerify(token, jwks, { issuer: 'https://idp.internal' });
    return payload;
  } catch (err) {
    logger.warn(\`token verification failed: \${(err as Error).name}: \${(err as Error).message}\`);
    return null;
  }
}
`;

export const profileClientTs = `import { config } from '../config';
import { log } from '../logger';

const logger = log('profile-client');

export interface Profile {
  id: string;
  displayName: string;
}

export async function fetchProfile(userId: string): Promise<Profile | null> {
  try {
    const res = await fetch(\`\${config.profileUrl}/v1/users/\${encodeURIComponent(userId)}\`, { signal: AbortSignal.timeout(2000) });
    return res.ok ? ((await res.json()) as Profile) : null;
  } catch (err) {
    logger.error(err);
    return null;
  }
}
`;

export const serverTs = `import express from 'express';
import { config } from './config';
import { log } from './logger';
import { startRuntimeMetrics } from './metrics';
import { requireSession } from './middleware/requireSession';
import { login } from './routes/login';
import { me } from './routes/me';

const logger = log('http');
const app = express();
app.use(express.json({ limit: '16kb' }));
app.use((req, res, next) => {
  const start = process.hrtime.bigint();
  res.on('finish', () => logger.info(\`\${req.method} \${req.path} \${res.statusCode} \${Number(process.hrtime.bigint() - start) / 1e6}ms\`));
  next();
});
app.use(login);
app.use(requireSession, me);
app.get('/healthz', (_req, res) => res.sendStatus(204));

startRuntimeMetrics();
app.listen(config.port, () => logger.info(\`listening on :\${config.port}\`));
`;

export const meTs = `import { Router } from 'express';
import { fetchProfile } from '../clients/profile';

export const me = Router();

me.get('/v1/me', async (_req, res) => {
  const session = res.locals.session;
  const profile = await fetchProfile(session.userId);
  res.json({ userId: session.userId, roles: session.roles, displayName: profile?.displayName ?? null });
});
`;

export const metricsTs = `import { PerformanceObserver, constants } from 'node:perf_hooks';
import { collectDefaultMetrics } from 'prom-client';
import { log } from './logger';

const logger = log('gc');

/** Default Node metrics (heap, event-loop lag) plus a warning for every long major GC. */
export function startRuntimeMetrics(): void {
  collectDefaultMetrics({ eventLoopMonitoringPrecision: 20 });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR && e.duration > 250) {
        const heap = (process.memoryUsage().heapUsed / 1e9).toFixed(2);
        logger.warn(\`long GC pause \${Math.round(e.duration)}ms (mark-sweep-compact) heapUsed=\${heap}GB\`);
      }
    }
  }).observe({ entryTypes: ['gc'] });
}
`;

export const usersTs = `import { redis } from './session/redis';

export interface Credentials {
  id: string;
  hash: string;
  roles: string[];
}

export async function findCredentials(email: string): Promise<Credentials | null> {
  const raw = await redis.hget('users:by-email', email.trim().toLowerCase());
  return raw ? (JSON.parse(raw) as Credentials) : null;
}
`;
