import { Rng } from '../../rng';
import { DAY, HOUR, MINUTE, ms } from '../telemetryFormat';

/**
 * The generated world of the auth-service memory incident. Each replica's
 * session cache grows with the sessions it has seen since its last restart;
 * the 2024-01-16 15:00 deploy is the last one that restarted auth-service.
 */
export const START = ms('2024-01-13T00:00:00Z');
export const LOG_DAY = ms('2024-01-22T00:00:00Z');
export const ALERT = ms('2024-01-22T14:32:00Z');
export const LOG_END = ms('2024-01-22T14:33:10Z');
export const CULPRIT_DEPLOY = ms('2024-01-16T15:00:00Z');
export const LIMIT_BYTES = 4 * 1024 ** 3;
export const BASE_BYTES = 156e6;

/** Deploys that restarted auth-service pods, with the replica-set hash they rolled out. */
export const AUTH_ROLLOUTS: Array<[hash: string, at: number]> = [
  ['6b7c9d5f8', ms('2024-01-12T14:00:00Z')],
  ['7f4d8b6c9', ms('2024-01-15T16:00:00Z')],
  ['58d9c7b4f', CULPRIT_DEPLOY],
];

export interface AuthPod {
  name: string;
  start: number;
  end: number;
  /** Leak slope in bytes per ms (0 before the culprit). */
  slope: number;
}

/** Three replicas per rollout; only the last rollout's pods run the session cache. Same pods on every call. */
export function authPods(): AuthPod[] {
  const rng = new Rng(0xa0715e22);
  const pods: AuthPod[] = [];
  // Chosen so the busiest replica crosses 90% of its 4 GiB limit at about 14:30 on the 22nd.
  const crossAt = ms('2024-01-22T14:27:00Z');
  const slopeMax = (0.9 * LIMIT_BYTES - BASE_BYTES) / (crossAt - CULPRIT_DEPLOY - 60_000);
  AUTH_ROLLOUTS.forEach(([hash, at], r) => {
    const next = AUTH_ROLLOUTS[r + 1]?.[1] ?? Infinity;
    for (let i = 0; i < 3; i++) {
      const start = at + 30_000 + i * 40_000 + rng.int(0, 5_000);
      const end = next === Infinity ? Infinity : next + 30_000 + i * 40_000 + rng.int(0, 5_000);
      const leaky = at === CULPRIT_DEPLOY;
      pods.push({ name: `auth-service-${hash}-${rng.alnum(5)}`, start, end, slope: leaky ? slopeMax * (i === 1 ? 1 : rng.float(0.9, 0.97)) : 0 });
    }
  });
  return pods;
}

/** 0.3 at night .. 1 in the (US) working day. */
export function traffic(t: number): number {
  const h = (((t % DAY) + DAY) % DAY) / HOUR;
  const x = Math.cos(((h - 18) / 24) * 2 * Math.PI);
  return 0.65 + 0.35 * x;
}

/** Working-set bytes of one pod at t (GC sawtooth plus the leak). */
export function podMemory(p: AuthPod, t: number, rng: Rng): number {
  const up = t - p.start;
  const warm = Math.min(1, up / (20 * MINUTE));
  const ripple = 9e6 * (((t / (17 * MINUTE)) % 1) - 0.5);
  return (BASE_BYTES * (0.7 + 0.3 * warm) + ripple + rng.normal(0, 3e6)) + p.slope * up;
}

/** The leak's pressure on a pod: its share of the memory limit, 0..1. */
export function heapFraction(pods: AuthPod[], t: number): number {
  let max = BASE_BYTES;
  for (const p of pods) if (p.start <= t && t < p.end) max = Math.max(max, BASE_BYTES + p.slope * (t - p.start));
  return max / LIMIT_BYTES;
}

export function livePods(pods: AuthPod[], t: number): AuthPod[] {
  return pods.filter((p) => p.start <= t && t < p.end);
}
