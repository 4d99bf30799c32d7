import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuiltRepo } from './build';
import { memoryAt, strength, type MemoryTrace } from './dynamics';
import { pickStyle, renderRecord, type Frame, type LogRecord, type RenderCtx } from './logRender';
import { HOUR, MIN, type Plan } from './plan';
import { Rng } from '../rng';
import { findLine, type Tree } from './textEdit';
import type { CodeRef, LogEffect, LogFormat } from './types';

/** The tree deployed at time t (the latest deploy at or before t). */
function deployedAt(plan: Plan, built: BuiltRepo, t: number): Tree {
  let i = 0;
  while (i + 1 < plan.deploys.length && plan.deploys[i + 1] <= t) i++;
  return built.deployTrees[i];
}

function resolve(tree: Tree, dir: string, ref: CodeRef): Frame {
  if (!ref.file) return { rel: '', line: 0, func: ref.func, ext: ref.ext };
  const lines = tree.get(`${dir}/${ref.file}`);
  const i = lines ? findLine(lines, ref.find) : -1;
  if (!lines || i < 0) throw new Error(`log frame not found as deployed: ${dir}/${ref.file}: ${ref.find}`);
  return { rel: ref.file, line: i + 1, func: ref.func, code: lines[i] };
}

/** Poisson arrival times at a time-varying rate (per hour), by thinning. */
function arrivals(r: Rng, from: number, to: number, maxPerHour: number, rate: (t: number) => number): number[] {
  const out: number[] = [];
  if (maxPerHour <= 0) return out;
  for (let t = from + r.exp(HOUR / maxPerHour); t < to; t += r.exp(HOUR / maxPerHour)) {
    if (r.next() * maxPerHour <= rate(t)) out.push(Math.round(t));
  }
  return out;
}

export interface LogWindow {
  start: number;
  end: number;
}

/** Every log record of one service over the window, in time order. */
export function logRecords(plan: Plan, built: BuiltRepo, svc: number, win: LogWindow, mem: MemoryTrace): LogRecord[] {
  const r = new Rng(plan.seed).fork(`logs-${svc}`);
  const s = plan.services[svc];
  const dir = s.ctx.dir;
  const recs: LogRecord[] = [];
  const isTarget = svc === plan.target;
  const fill = (m: string) => m.replace(/\{id\}/g, () => `${s.ctx.e.slice(0, 3)}_${r.hex(8)}`).replace(/\{n\}/g, () => String(r.int(20, 180))).replace(/\{ms\}/g, () => String(r.int(900, 6000))).replace(/\{up\}/g, s.ctx.upstream);
  const emit = (t: number, eff: LogEffect) => {
    const tree = deployedAt(plan, built, t);
    recs.push({ t, level: eff.level, msg: fill(eff.message), frames: eff.frames.map((f) => resolve(tree, dir, f)), stack: eff.stack, exception: eff.exception ? fill(eff.exception) : undefined });
  };
  const add = (eff: LogEffect, rate: (t: number) => number, max = eff.perHour) => {
    for (const t of arrivals(r, win.start, win.end, max, rate)) emit(t, eff);
  };
  const outside = plan.kind === 'traffic-spike' || plan.kind === 'upstream-outage';
  const after = (t: number) => (t >= plan.onset ? 1 : 0);

  // Access log, slower while the incident lasts.
  for (const t of arrivals(r, win.start, win.end, 40, () => 40)) {
    const tree = deployedAt(plan, built, t);
    const slow = isTarget && plan.cls === 'latency' ? 1 + 3 * strength(plan, t) : 1;
    recs.push({ t, level: 'info', msg: 'request completed', frames: [resolve(tree, dir, s.tpl.access)], stack: false, fields: { path: `/api/v1/${s.ctx.es}`, status: 200, duration_ms: Math.round(r.float(40, 160) * slow) } });
  }
  // A start line at each deploy (each restart).
  const starts = plan.deploys.filter((d) => d >= win.start && d <= win.end).map((d) => ({ t: d + r.int(20, 90) * 1000, sha: built.deployShas[plan.deploys.indexOf(d)].slice(0, 7) }));
  if (isTarget) for (const t of mem.ooms.filter((o) => o >= win.start && o <= win.end)) starts.push({ t: t + r.int(15, 40) * 1000, sha: 'same' });
  for (const st of starts) {
    const tree = deployedAt(plan, built, st.t);
    recs.push({ t: st.t, level: 'info', msg: `starting ${s.ctx.name}`, frames: [resolve(tree, dir, s.tpl.startup)], stack: false, fields: st.sha === 'same' ? { restart: 'oom-killed' } : { version: st.sha } });
  }
  // Chronic errors, before and after every deploy.
  const busy = (t: number) => (plan.kind === 'traffic-spike' && isTarget && t >= plan.onset ? 2 : 1);
  for (const ch of s.tpl.chronic) add(ch, (t) => ch.perHour * busy(t), ch.perHour * 2);

  if (isTarget && outside) {
    const eff = plan.kind === 'traffic-spike' ? s.tpl.saturation : s.tpl.outage;
    add(eff, (t) => eff.perHour * after(t));
  }
  if (isTarget && plan.culprit) {
    if (plan.cls === 'memory') {
      for (const o of mem.ooms.filter((x) => x >= win.start && x <= win.end)) for (const eff of plan.culprit.effects) emit(o - r.int(1, 20) * 1000, eff);
      const hot = (t: number) => (memoryAt(mem, t) > 0.8 ? 1 : 0);
      add({ level: 'warn', message: 'heap usage high', frames: [s.tpl.heap], stack: false, perHour: 30 }, (t) => 30 * hot(t));
    } else {
      for (const eff of plan.culprit.effects) add(eff, (t) => eff.perHour * strength(plan, t));
    }
  }
  return recs.sort((a, b) => a.t - b.t);
}

/** Writes one service's records in a format; seed-style files are split per day (their lines carry no date). */
export function writeLogFiles(dirOut: string, plan: Plan, svc: number, recs: LogRecord[], format: LogFormat): string[] {
  const r = new Rng(plan.seed).fork(`render-${svc}`);
  const s = plan.services[svc];
  const ctx: RenderCtx = { lang: s.ctx.lang, service: s.ctx.name, module: `github.com/acme/${s.ctx.name}`, prefix: plan.framePrefix };
  const style = pickStyle(r, format);
  mkdirSync(dirOut, { recursive: true });
  const files = new Map<string, string[]>();
  for (const rec of recs) {
    const name = format === 'seed' ? `${s.ctx.name}-${new Date(rec.t).toISOString().slice(0, 10)}.log` : `${s.ctx.name}.${format === 'json' ? 'jsonl' : 'log'}`;
    let lines = files.get(name);
    if (!lines) files.set(name, (lines = []));
    lines.push(...renderRecord(rec, ctx, style, r));
  }
  const out: string[] = [];
  for (const [name, lines] of files) {
    const p = join(dirOut, name);
    writeFileSync(p, lines.join('\n') + '\n');
    out.push(p);
  }
  return out;
}

