import { HOUR, MIN, type Plan } from './plan';

/**
 * How strongly the incident's cause acts at time t, in [0, 1]: a step at the
 * onset, a ramp for slow leaks. Logs and metrics both read it, so they agree.
 */
export function strength(plan: Plan, t: number): number {
  if (plan.cls === 'memory') return 0;
  if (t < plan.onset) return 0;
  if (plan.tags.includes('slow-leak')) {
    const c = plan.deploys[plan.culpritDeploy];
    return Math.min(1, Math.max(0, (t - c) / (plan.alertTime - c)));
  }
  return 1 - Math.exp(-(t - plan.onset) / (4 * MIN));
}

export interface MemoryTrace {
  /** Heap use as a fraction of the limit, sampled every minute from `start`. */
  start: number;
  level: number[];
  /** Out-of-memory kills (each followed by a restart). */
  ooms: number[];
}

const BASE = 0.2;

/** Heap use of the alerted service: flat until the leak ships, then linear growth; deploys and OOM kills reset it. */
export function memoryTrace(plan: Plan, start: number, end: number): MemoryTrace {
  const leakFrom = plan.cls === 'memory' ? plan.deploys[plan.culpritDeploy] : Infinity;
  const slope = plan.fillHours ? (1 - BASE) / (plan.fillHours * HOUR) : 0;
  const restarts = plan.deploys.filter((d) => d > start - 48 * HOUR);
  const level: number[] = [];
  const ooms: number[] = [];
  let lastRestart = Math.max(...plan.deploys.filter((d) => d <= start), start - 48 * HOUR);
  let ri = 0;
  for (let t = start; t <= end; t += MIN) {
    while (ri < restarts.length && restarts[ri] <= t) { if (restarts[ri] > lastRestart) lastRestart = restarts[ri]; ri++; }
    let l = BASE + (t > leakFrom ? slope * (t - Math.max(lastRestart, leakFrom)) : 0);
    if (l >= 1) {
      ooms.push(t);
      lastRestart = t;
      l = BASE;
    }
    level.push(l);
  }
  return { start, level, ooms };
}

/** OOM kills between the leak and the alert, also before the window starts. */
export function memoryAt(trace: MemoryTrace, t: number): number {
  const i = Math.min(trace.level.length - 1, Math.max(0, Math.round((t - trace.start) / MIN)));
  return trace.level[i];
}
