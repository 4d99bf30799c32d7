import { DAY, HOUR, ms } from '../telemetryFormat';

/** The generated world of the phi-service data-integrity incident (2024-01-24 .. 2024-01-25 11:05 UTC). */
export const START = ms('2024-01-24T00:00:00Z');
export const LOG_DAY = ms('2024-01-25T00:00:00Z');
export const DEPLOY = ms('2024-01-25T09:30:00Z');
export const ALERT = ms('2024-01-25T11:05:00Z');
export const LOG_END = ms('2024-01-25T11:05:40Z');
/** Pods of the new replica set take traffic from here on. */
export const ROLLED = DEPLOY + 95_000;

/** Hospital feeds: busy 12:00-22:00 UTC (US daytime), quiet at night. */
export function bundleLoad(t: number): number {
  const h = (((t % DAY) + DAY) % DAY) / HOUR;
  return 0.55 + 0.45 * Math.cos(((h - 17) / 24) * 2 * Math.PI);
}

export const PODS_BEFORE = ['phi-service-5d6c8b7f9-h2kqx', 'phi-service-5d6c8b7f9-m7wzt', 'phi-service-5d6c8b7f9-r4vnc', 'phi-service-5d6c8b7f9-x9pfd'];
export const PODS_AFTER = ['phi-service-7b9f4c6d8-c5jlz', 'phi-service-7b9f4c6d8-k8tgs', 'phi-service-7b9f4c6d8-q2nhw', 'phi-service-7b9f4c6d8-w6rbm'];

/** The seed's figures: 47 deadlocks and 12 corrupted checksums after the deploy. */
export const DEADLOCKS_AFTER = 47;
/** Verifier runs (every 15 minutes) and the mismatches each found. */
export const MISMATCH_RUNS: Array<[string, number]> = [
  ['2024-01-25T09:45:00Z', 0],
  ['2024-01-25T10:00:00Z', 0],
  ['2024-01-25T10:15:00Z', 1],
  ['2024-01-25T10:30:00Z', 2],
  ['2024-01-25T10:45:00Z', 3],
  ['2024-01-25T11:00:00Z', 6],
];
