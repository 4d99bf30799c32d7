import picomatch from 'picomatch';
import type { ForensicsConfig } from '../config/configSchema';

/** How the service's paths were chosen: config mapping, a like-named directory, or the whole repository. */
export interface ServiceScope {
  paths: string[];
  resolvedBy: 'config' | 'directory' | 'whole-repo';
  matches(path: string): boolean;
}

/** `Payment_Gateway`, `payment-gateway` and `paymentgateway` are one name. */
export function normalizeServiceName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const SUFFIXES = ['service', 'svc', 'server', 'api', 'app'];
function stem(n: string): string {
  for (const s of SUFFIXES) if (n.length > s.length + 2 && n.endsWith(s)) return n.slice(0, -s.length);
  return n;
}

/**
 * Resolves the alert's service to repository paths: the config mapping first,
 * else the directory named like the service (case and `-`/`_` insensitive,
 * tolerating a `-service` suffix or a prefix such as `synthetic-`), else the
 * whole repository.
 */
export function resolveScope(service: string, config: ForensicsConfig, directories: string[]): ServiceScope {
  const want = normalizeServiceName(service);
  for (const [name, globs] of Object.entries(config.services ?? {})) {
    if (normalizeServiceName(name) === want || stem(normalizeServiceName(name)) === stem(want)) {
      return fromGlobs(globs, 'config');
    }
  }
  const dir = bestDirectory(want, directories);
  if (dir) return fromGlobs([`${dir}/**`], 'directory');
  return { paths: ['**'], resolvedBy: 'whole-repo', matches: () => true };
}

function bestDirectory(want: string, directories: string[]): string | undefined {
  if (!want) return undefined;
  const tiers: string[][] = [[], [], []];
  for (const d of directories) {
    const base = normalizeServiceName(d.slice(d.lastIndexOf('/') + 1));
    if (!base) continue;
    if (base === want) tiers[0].push(d);
    else if (stem(base) === stem(want)) tiers[1].push(d);
    else if (base.length >= 4 && (want.endsWith(base) || want.startsWith(base) || base.endsWith(want))) tiers[2].push(d);
  }
  // The shallowest directory of the best tier: `services/auth` beats `services/auth/internal/auth`.
  for (const t of tiers) if (t.length) return t.sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))[0];
  return undefined;
}

function fromGlobs(globs: string[], resolvedBy: ServiceScope['resolvedBy']): ServiceScope {
  const isMatch = picomatch(globs, { dot: true });
  return { paths: globs, resolvedBy, matches: (p) => isMatch(p) };
}
