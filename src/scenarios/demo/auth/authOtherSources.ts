/** The identity monorepo's docs and neighbour services (user-profile, api-gateway). */

export const readme = `# Identity platform

| Service | Language | What it does |
|---|---|---|
| \`services/auth-service\` | TypeScript | Logins, sessions, service tokens |
| \`services/user-profile\` | TypeScript | Profiles, avatars, audit history |
| \`services/api-gateway\` | Go | Edge routing, auth header propagation |

Production deploys are tagged \`deploy/<yyyymmdd-hhmm>\`; the pipeline rebuilds
and rolls out only the services changed since the previous deploy.
`;

export const sessionsMd = `# Session lifecycle

1. \`POST /v1/login\` checks the password and writes \`sess:<id>\` to Redis with a 30-minute TTL.
2. Every authenticated request reads the session (\`SessionStore.get\`) and slides the TTL.
3. \`POST /v1/logout\` deletes the key; every replica sees it at once because Redis is the only store.
`;

export const architectureMd = `# Architecture

The gateway terminates TLS and forwards to the services. auth-service owns
sessions (Redis, 3 replicas of the service, 4 GiB memory limit each) and
verifies service tokens against the IdP's JWKS. user-profile owns profile
data in Postgres.
`;

export const profilePackageJson = `{
  "name": "@healthcare-platform/user-profile",
  "version": "2.1.0",
  "private": true,
  "main": "dist/server.js",
  "dependencies": { "express": "4.18.2", "pg": "8.11.3", "multer": "1.4.5-lts.1" }
}
`;

export const profileServerTs = `import express from 'express';
import multer from 'multer';
import { Pool } from 'pg';

const db = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const upload = multer({ limits: { fileSize: 5 * 1024 * 1024 } });
const app = express();

app.get('/v1/users/:id', async (req, res) => {
  const { rows } = await db.query('SELECT id, display_name AS "displayName" FROM profiles WHERE id = $1', [req.params.id]);
  rows[0] ? res.json(rows[0]) : res.sendStatus(404);
});

app.put('/v1/users/:id/avatar', upload.single('avatar'), async (req, res) => {
  await db.query('UPDATE profiles SET avatar = $2 WHERE id = $1', [req.params.id, req.file?.buffer]);
  res.sendStatus(204);
});

app.listen(8080);
`;

export const gatewayGoMod = `module github.com/healthcare-platform/identity/services/api-gateway

go 1.21

require golang.org/x/net v0.17.0
`;

export const gatewayMainGo = `package main

import (
	"log"
	"net/http"
	"net/http/httputil"
	"net/url"
)

func main() {
	auth, _ := url.Parse("http://auth-service:8080")
	profile, _ := url.Parse("http://user-profile:8080")
	mux := http.NewServeMux()
	mux.Handle("/v1/login", httputil.NewSingleHostReverseProxy(auth))
	mux.Handle("/v1/me", httputil.NewSingleHostReverseProxy(auth))
	mux.Handle("/v1/users/", httputil.NewSingleHostReverseProxy(profile))
	log.Fatal(http.ListenAndServe(":8443", mux))
}
`;
