import { Rng } from '../../rng';
import { DAY, HOUR, MINUTE, ms } from '../telemetryFormat';

/**
 * The generated world of the payment-gateway incident: traffic, latency and
 * pool pressure over 2024-01-17 00:00 .. 2024-01-18 09:15 UTC. One model
 * feeds both the logs and the metrics, so they tell the same story.
 */
export const START = ms('2024-01-17T00:00:00Z');
export const LOG_DAY = ms('2024-01-18T00:00:00Z');
export const PREV_DEPLOY = ms('2024-01-17T14:00:00Z');
export const DEPLOY = ms('2024-01-18T08:45:00Z');
export const ALERT = ms('2024-01-18T09:15:00Z');
/** Logs were exported when forensics started. */
export const LOG_END = ms('2024-01-18T09:15:30Z');

export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
export const smooth = (x: number): number => {
  const c = clamp01(x);
  return c * c * (3 - 2 * c);
};

/** 0.2 at night .. 1 in business hours (UTC). */
export function diurnal(t: number): number {
  const h = ((t % DAY) + DAY) % DAY / HOUR;
  if (h < 5) return 0.2;
  if (h < 9) return 0.2 + 0.8 * smooth((h - 5) / 4);
  if (h < 17) return 1;
  return 1 - 0.75 * smooth((h - 17) / 6);
}

/** The processor's settlement import (02:00-02:15) slows the database every night. */
export function settlementLoad(t: number): number {
  const h = ((t % DAY) + DAY) % DAY / HOUR;
  return h >= 2 && h < 2.25 ? 1 : 0;
}

/** How far the pool misconfiguration has taken hold (0 before the rollout). */
export function poolStress(t: number): number {
  return smooth((t - (DEPLOY + 3 * MINUTE)) / (27 * MINUTE));
}

/** Rollout blip: fresh pods with cold caches for a few minutes after a deploy. */
function coldStart(t: number): number {
  for (const d of [PREV_DEPLOY, DEPLOY]) if (t >= d && t < d + 10 * MINUTE) return Math.exp(-(t - d) / (2 * MINUTE));
  return 0;
}

export function p95Latency(t: number, rng: Rng): number {
  const base = 128 + 22 * diurnal(t) + 35 * coldStart(t) + 30 * settlementLoad(t);
  const stress = poolStress(t);
  return base + 445 * stress + rng.normal(0, 6 + 20 * stress);
}

/** Payments per minute. */
export function paymentsPerMinute(t: number): number {
  return 10 + 40 * diurnal(t);
}

export interface PodSet {
  names: string[];
  /** When each pod started serving. */
  start: number[];
}

/** 8 replicas, replaced two at a time (maxUnavailable 2) at each deploy. */
export function podSets(rng: Rng): PodSet[] {
  const sets: PodSet[] = [];
  for (const [hash, at] of [['6d8f7b9c5', START - 20 * HOUR], ['7c5d9f6b8', PREV_DEPLOY], ['5f8b7d4c9', DEPLOY]] as const) {
    const names: string[] = [];
    const start: number[] = [];
    for (let i = 0; i < 8; i++) {
      names.push(`payment-gateway-${hash}-${rng.alnum(5)}`);
      start.push(at + 30_000 + Math.floor(i / 2) * 50_000 + rng.int(0, 9_000));
    }
    sets.push({ names, start });
  }
  return sets;
}

/** A pod serving at time t: during a rollout, new pods take over two at a time. */
export function podAt(sets: PodSet[], t: number, rng: Rng): string {
  for (let s = sets.length - 1; s >= 0; s--) {
    const starts = sets[s].start;
    let live = 0;
    for (const st of starts) if (st <= t) live++;
    if (live === 0) continue;
    if (live === 8 || rng.chance(live / 8)) {
      for (let tries = 0; ; tries++) {
        const i = rng.int(0, 7);
        if (starts[i] <= t || tries > 16) return sets[s].names[i];
      }
    }
  }
  return sets[0].names[rng.int(0, 7)];
}
