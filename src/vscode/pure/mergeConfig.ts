import type { ForensicsConfig } from '../../engine/config/configSchema';

/**
 * Merges the VS Code settings with `.forensics.json`. The file wins wherever
 * both set a field: whole arrays (`logs`, `metrics`), scalar fields, and each
 * key of the keyed maps (`services`, `prometheus.queries`) on its own, so a
 * setting can add a service the file does not name. `settings` must hold only
 * values the user actually set (not the manifest defaults), or defaults would
 * hide nothing but still fill gaps the file means to leave empty.
 */
export function mergeConfig(settings: ForensicsConfig, file: ForensicsConfig): ForensicsConfig {
  const out: ForensicsConfig = { ...settings, ...file };
  const services = mergeRecord(settings.services, file.services);
  if (services) out.services = services;
  const prometheus = mergeObject(settings.prometheus, file.prometheus);
  if (prometheus) {
    const queries = mergeRecord(settings.prometheus?.queries, file.prometheus?.queries);
    if (queries) prometheus.queries = queries;
    out.prometheus = prometheus;
  }
  const deployments = mergeObject(settings.deployments, file.deployments);
  if (deployments) out.deployments = deployments;
  return dropUndefined(out);
}

function mergeRecord<T>(a: Record<string, T> | undefined, b: Record<string, T> | undefined): Record<string, T> | undefined {
  if (!a && !b) return undefined;
  return { ...(a ?? {}), ...(b ?? {}) };
}

function mergeObject<T extends object>(a: T | undefined, b: T | undefined): T | undefined {
  if (!a && !b) return undefined;
  return dropUndefined({ ...(a ?? {}), ...(b ?? {}) } as T);
}

function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

