import type { z } from 'zod';
import type { Incident } from '../model';

/** One accepted alert format: how to recognize it, its schema, and its firing alerts. */
export interface AlertFormat<T> {
  /** Incident.source value, e.g. `alertmanager-webhook`. */
  id: string;
  /** Cheap shape test choosing which format's error to report when none validates. */
  looksLike(data: unknown): boolean;
  schema: z.ZodType<T, z.ZodTypeDef, unknown>;
  /** Every firing alert, normalized, in document order. */
  firing(value: T): Incident[];
  /** Why `firing` came back empty (e.g. "all 3 alerts are resolved"). */
  noneFiring(value: T): string;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A finite number from a label/annotation string, else undefined (e.g. "587ms" is not one). */
export function numberFrom(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** Drops undefined fields so incidents compare and serialize cleanly. */
export function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
