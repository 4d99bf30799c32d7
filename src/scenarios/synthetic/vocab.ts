import type { Rng } from '../rng';
import type { Area, ServiceCtx } from './types';

/** Service names and their domain nouns. */
export const SERVICE_DOMAINS = [
  { name: 'payment-gateway', E: 'Payment', pkg: 'payments', scope: 'payment' },
  { name: 'auth-service', E: 'Session', pkg: 'auth', scope: 'auth' },
  { name: 'orders-api', E: 'Order', pkg: 'orders', scope: 'orders' },
  { name: 'inventory-service', E: 'Item', pkg: 'inventory', scope: 'inventory' },
  { name: 'billing-service', E: 'Invoice', pkg: 'billing', scope: 'billing' },
  { name: 'phi-service', E: 'Record', pkg: 'phi', scope: 'phi' },
  { name: 'notification-service', E: 'Message', pkg: 'notify', scope: 'notify' },
  { name: 'ledger-service', E: 'Entry', pkg: 'ledger', scope: 'ledger' },
  { name: 'shipping-api', E: 'Shipment', pkg: 'shipping', scope: 'shipping' },
  { name: 'catalog-service', E: 'Product', pkg: 'catalog', scope: 'catalog' },
] as const;

export const UPSTREAMS = ['profiles-api', 'fx-provider', 'risk-engine', 'identity-provider', 'tax-service'];

export const AUTHOR_POOL = [
  'Alice Moreau', 'Bob Okafor', 'Carla Jensen', 'Deepak Rao', 'Elena Petrova', 'Farid Haddad', 'Grace Liu', 'Hiro Tanaka',
  'Ines Duarte', 'Jonas Berg', 'Kofi Mensah', 'Lena Fischer', 'Marco Rossi', 'Nadia Khan', 'Oscar Lindqvist', 'Priya Nair',
];

export interface Author {
  name: string;
  email: string;
}

export function authorOf(name: string): Author {
  return { name, email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@acme.example` };
}

export function plural(e: string): string {
  if (e.endsWith('y')) return e.slice(0, -1) + 'ies';
  if (/(s|x|ch|sh)$/.test(e)) return e + 'es';
  return e + 's';
}

/**
 * Phrases per area: every commit that edits code of an area (culprit, decoy
 * or noise alike) draws its subject from the same list, so a subject never
 * tells which role its commit plays.
 */
const AREA_PHRASES: Record<Area, string[]> = {
  db: ['optimize database connection pooling', 'tune connection pool settings', 'clean up pool initialization', 'improve connection acquisition logging', 'adjust pool configuration', 'handle pool errors consistently'],
  repo: ['optimize {e} queries', 'simplify {e} repository', 'improve {e} lookups', 'clean up query helpers', 'handle missing {es} gracefully', 'tidy up SQL in {e} repository', 'speed up {e} writes'],
  handler: ['improve {e} processing', 'simplify {e} handler', 'better error responses for {es}', 'clean up request handling', 'add request context to {e} handler', 'streamline {e} endpoint'],
  cache: ['improve session caching', 'rework session cache', 'session cache housekeeping', 'tune cache behaviour'],
  client: ['make upstream client more resilient', 'improve profile fetching', 'clean up upstream client', 'harden {up} client', 'reduce upstream latency'],
  config: ['update default configuration', 'tune service defaults', 'make settings configurable', 'adjust configuration values'],
  money: ['correct currency conversion rounding', 'clean up amount handling', 'improve amount validation', 'simplify money helpers'],
  auth: ['tighten session checks', 'clean up auth middleware', 'improve session validation', 'simplify auth filter'],
  main: ['improve startup logging', 'clean up service wiring', 'register routes explicitly', 'tidy up main'],
};

const CODE_TYPES = { fix: 3, refactor: 2.5, perf: 1.5, feat: 2, chore: 1 };

function fill(s: string, c: ServiceCtx): string {
  return s.replace(/\{es\}/g, c.es).replace(/\{e\}/g, c.e).replace(/\{up\}/g, c.upstream);
}

/** A subject for a commit editing code of `area` in service `c` (role-blind). */
export function codeSubject(r: Rng, c: ServiceCtx, scope: string, area: Area): string {
  const phrase = fill(r.pick(AREA_PHRASES[area]), c);
  const style = r.weighted({ conventional: 7, plain: 2, ticket: 1 });
  if (style === 'plain') return phrase[0].toUpperCase() + phrase.slice(1);
  if (style === 'ticket') return `[${scope.toUpperCase().slice(0, 4)}-${r.int(100, 9999)}] ${phrase}`;
  return `${r.weighted(CODE_TYPES)}(${r.chance(0.8) ? scope : area}): ${phrase}`;
}

export function nonCodeSubject(r: Rng, kind: 'docs' | 'tests' | 'deps' | 'ci', scope: string): string {
  switch (kind) {
    case 'docs': return `docs(${scope}): ${r.pick(['update API documentation', 'document configuration options', 'fix typos in README', 'add runbook notes'])}`;
    case 'tests': return `test(${scope}): ${r.pick(['add handler tests', 'cover error paths', 'fix flaky test', 'add regression test'])}`;
    case 'deps': return `chore(deps): ${r.pick(['bump dependencies', 'update lockfile', 'bump driver to latest patch', 'upgrade http client'])}`;
    case 'ci': return `ci: ${r.pick(['cache build dependencies', 'run tests in parallel', 'pin runner image', 'add lint step'])}`;
  }
}

/** Optional body and trailers, drawn the same way for every commit. */
export function commitBody(r: Rng, authors: string[], scope: string): string {
  const lines: string[] = [];
  if (r.chance(0.35)) lines.push(r.pick(['Part of the reliability work for this quarter.', 'Follow-up from code review.', 'Small cleanup while working on the export feature.', 'Tested locally and in staging.', 'See the design doc for context.']));
  const trailers: string[] = [];
  if (r.chance(0.3)) trailers.push(`Refs: ${scope.toUpperCase().slice(0, 4)}-${r.int(100, 9999)}`);
  if (r.chance(0.25)) { const a = authorOf(r.pick(authors)); trailers.push(`Reviewed-by: ${a.name} <${a.email}>`); }
  if (r.chance(0.1)) { const a = authorOf(r.pick(authors)); trailers.push(`Co-authored-by: ${a.name} <${a.email}>`); }
  if (trailers.length) lines.push(lines.length ? '' : '', ...trailers);
  return lines.join('\n').trim();
}

/** Words for inserted log lines and metrics; some of them look risky on purpose. */
export const NOISE_MESSAGES = [
  'cache lookup', 'loading {es}', 'validating request', 'pool stats', 'retrying query', 'transaction started', 'timeout budget checked',
  'handling {e} update', 'fetching profile', 'parsing payload', 'query plan cached', 'session refreshed', 'batch flushed', 'connection reused',
];

export const HELPER_NAMES = ['normalizeKey', 'sanitizeInput', 'formatTenant', 'trimLabel', 'canonicalId', 'cleanHeader', 'normalizeRegion'];

export const FLAGS = ['fast-path', 'new-pricing', 'audit-v2', 'strict-validation', 'shadow-writes', 'async-export'];

export function fillNoise(s: string, c: ServiceCtx): string {
  return fill(s, c);
}
