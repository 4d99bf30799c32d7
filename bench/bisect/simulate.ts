/**
 * The bisect's decision logic against a simulated flaky test, without git:
 * thousands of searches in seconds, for tuning the noise model and checking
 * the math. `npx tsx bench/bisect/simulate.ts [--seeds 200]`.
 * The real benchmark (bench/bisect/run.ts) runs real repositories and processes.
 */
import { noiseModel, buildPrior, type FlakePriorShape } from '../../src/engine/bisect/posterior';
import { BisectSearch } from '../../src/engine/bisect/search';
import { Topology } from '../../src/engine/bisect/topology';
import { defaultMaxRuns } from '../../src/engine/bisect/defaults';
import { meanP95, rng } from './rng';
import { standInSuspects } from './standInPrior';

interface Outcome { ok: boolean; runs: number }

/** Plain `git bisect`: trusts every verdict, halves the range. */
export function plainBisect(n: number, test: (j: number) => boolean): Outcome & { found: number } {
  let lo = -1; // known good (the good end)
  let hi = n - 1; // known bad
  let runs = 0;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    runs++;
    if (test(mid)) hi = mid;
    else lo = mid;
  }
  return { ok: true, runs, found: hi };
}

function ours(n: number, prior: Float64Array, test: (j: number) => boolean, shape?: FlakePriorShape, confidence = 0.95): Outcome & { found: number | null } {
  const s = new BisectSearch(Topology.chain(n), prior, noiseModel(undefined, 0, shape), { confidence, maxRuns: defaultMaxRuns(n) });
  for (;;) {
    const d = s.decide();
    if ('stop' in d) {
      const c = s.culprit();
      return { ok: d.stop === 'confidence', runs: s.runs, found: d.stop === 'confidence' ? c.index : null };
    }
    s.record(d.probe, test(d.probe) ? 'bad' : 'good');
  }
}

function main(): void {
  const argv = process.argv.slice(2);
  const arg = (k: string) => (argv.includes(k) ? argv[argv.indexOf(k) + 1] : undefined);
  const seeds = Number(arg('--seeds')) || 200;
  const sh = arg('--shape')?.split(',').map(Number);
  const shape = sh ? { pNotFlaky: sh[0], tailPower: sh[1] } : undefined;
  const sizes = arg('--sizes')?.split(',').map(Number) ?? [64, 512, 4096];
  const flakes = arg('--flakes')?.split(',').map(Number) ?? [0, 0.05, 0.1, 0.2];
  const rows: string[][] = [['N', 'f', 'method', 'accuracy', 'mean runs', 'p95 runs']];
  for (const n of sizes) {
    for (const f of flakes) {
      const res: Record<string, { ok: number; runs: number[] }> = { git: { ok: 0, runs: [] }, uniform: { ok: 0, runs: [] }, prior: { ok: 0, runs: [] } };
      for (let seed = 1; seed <= seeds; seed++) {
        const r = rng(seed * 7919 + n + Math.round(f * 1000));
        const culprit = Math.floor(r() * n);
        const test = (j: number) => j >= culprit || r() < f;
        const g = plainBisect(n, test);
        res.git.runs.push(g.runs);
        if (g.found === culprit) res.git.ok++;
        const u = ours(n, buildPrior(n), test, shape);
        res.uniform.runs.push(u.runs);
        if (u.found === culprit) res.uniform.ok++;
        const sus = standInSuspects(r, n, culprit);
        const p = ours(n, buildPrior(n, new Map(sus.map((x) => [x.index, x.confidence]))), test, shape);
        res.prior.runs.push(p.runs);
        if (p.found === culprit) res.prior.ok++;
      }
      for (const [k, v] of Object.entries(res)) {
        const { mean, p95 } = meanP95(v.runs);
        rows.push([String(n), String(f), k, `${((100 * v.ok) / seeds).toFixed(1)}%`, mean.toFixed(2), String(p95)]);
      }
    }
  }
  for (const row of rows) console.log(row.map((c) => c.padEnd(10)).join(' '));
}

if (require.main === module) main();
