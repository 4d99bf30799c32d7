/**
 * `npm run bench:bisect [-- --quick] [--seeds N] [--sizes 64,512,4096] [--flakes 0,0.05,0.1,0.2] [--lanes 2] [--stand-in] [--json FILE]`
 *
 * For each repository size and flake rate, over many seeds (each plants the
 * culprit at another risky commit and starts the test's random state anew),
 * runs in this one process: plain `git bisect run`, this bisect with a uniform
 * prior, and this bisect with the prior from `analyze` (or a stand-in, said in
 * the output). Prints accuracy, mean/p95 test runs and the ratio of runs to
 * `git bisect run`. Repositories are generated once per size and reused.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WeightedCommit } from '../../src/engine/bisect/priorReport';
import { buildBenchRepo, type BenchRepo } from './benchRepo';
import { FLAKY_SCRIPT, gitBisectRun, ourBisect, type MethodResult, type Trial } from './methods';
import { analyzeSource, standInSource, type PriorSource } from './priorSource';
import { meanP95, rng } from './rng';

const METHODS = ['git bisect run', 'ours, uniform prior', 'ours, analyze prior'] as const;
type Method = (typeof METHODS)[number];

interface Args {
  sizes: number[];
  flakes: number[];
  seeds: number;
  lanes: number;
  standIn: boolean;
  json?: string;
}

function parseArgs(argv: string[]): Args {
  const get = (k: string) => {
    const i = argv.indexOf(k);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = argv.includes('--quick');
  const list = (v: string | undefined, d: number[]) => (v ? v.split(',').map(Number) : d);
  return {
    sizes: list(get('--sizes'), quick ? [64, 512] : [64, 512, 4096]),
    flakes: list(get('--flakes'), [0, 0.05, 0.1, 0.2]),
    seeds: Number(get('--seeds') ?? (quick ? 20 : 50)),
    lanes: Number(get('--lanes') ?? 2),
    standIn: argv.includes('--stand-in'),
    json: get('--json'),
  };
}

interface Row {
  size: number;
  flake: number;
  method: Method;
  prior?: string;
  results: { ok: boolean; runs: number }[];
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'ifx-bench-bisect-'));
  const script = join(work, 'flaky.sh');
  writeFileSync(script, FLAKY_SCRIPT);
  const rows: Row[] = [];
  const notes = new Set<string>();
  try {
    for (const size of args.sizes) {
      const tb = Date.now();
      const repo = buildBenchRepo(join(work, `repo-${size}`), size);
      const lanes = Array.from({ length: args.lanes }, (_, k) => {
        const lane = join(work, `lane-${size}-${k}`);
        execFileSync('git', ['clone', '-q', '--shared', repo.dir, lane]);
        return { dir: lane, state: join(work, `state-${k}`), counter: join(work, `counter-${k}`) };
      });
      const source = await pickSource(args, work, repo);
      notes.add(source.note);
      // Seed s plants the culprit at a risky commit: all of them in a shuffled order before any repeats.
      const r = rng(977 + size);
      const shuffled = repo.risky.map((x) => ({ x, k: r() })).sort((a, b) => a.k - b.k).map((y) => y.x.index);
      const culprits = Array.from({ length: args.seeds }, (_, s) => shuffled[s % shuffled.length]);
      // The analysis does not depend on the flake rate: once per seed.
      const priors: WeightedCommit[][] = new Array(args.seeds);
      await inLanes(args.lanes, args.seeds, async (s) => {
        priors[s] = await source.suspects(repo, culprits[s], s + 1);
      });
      const tp = Date.now();
      for (const flake of args.flakes) {
        const byMethod = new Map<Method, { ok: boolean; runs: number }[]>(METHODS.map((m) => [m, []]));
        await inLanes(args.lanes, args.seeds, async (s, lane) => {
          const L = lanes[lane];
          const trial: Trial = { culprit: culprits[s], flakeThreshold: Math.round(flake * 32768), seed: s + 1 + Math.round(flake * 1000) * 7919 };
          const cmd = { script, trial, state: L.state, counter: L.counter };
          const want = repo.shas[trial.culprit];
          const good = repo.shas[0];
          const bad = repo.shas[size];
          const score = (m: Method, r: MethodResult) => byMethod.get(m)!.push({ ok: r.found === want, runs: r.runs });
          score('git bisect run', await gitBisectRun(L.dir, good, bad, cmd));
          score('ours, uniform prior', await ourBisect(repo.dir, good, bad, cmd));
          score('ours, analyze prior', await ourBisect(repo.dir, good, bad, cmd, priors[s]));
        });
        for (const m of METHODS) rows.push({ size, flake, method: m, prior: m === 'ours, analyze prior' ? source.name : undefined, results: byMethod.get(m)! });
        printRows(rows.filter((r) => r.size === size && r.flake === flake), rows);
      }
      process.stderr.write(`size ${size}: repository ${((tp - tb) / 1000).toFixed(1)}s incl. priors, bisects ${((Date.now() - tp) / 1000).toFixed(1)}s\n`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log('');
  console.log(`Bisect benchmark: ${args.seeds} seeds per cell, sizes ${args.sizes.join('/')}, flake rates ${args.flakes.join('/')}; ${((Date.now() - t0) / 1000).toFixed(0)}s`);
  for (const n of notes) console.log(n);
  console.log('');
  printTable(rows);
  if (args.json) writeFileSync(args.json, JSON.stringify({ args, notes: [...notes], rows: rows.map(summarize) }, null, 2));
}

async function pickSource(args: Args, work: string, repo: BenchRepo): Promise<PriorSource> {
  if (args.standIn) return standInSource();
  const { source, reason } = await analyzeSource(join(work, 'logs'), repo);
  if (source) return source;
  const s = standInSource();
  return { ...s, note: `${s.note} (analyze unavailable: ${reason})` };
}

/** Runs task(i) for i in [0, count) on `lanes` concurrent workers; lane k owns its clone and state files. */
async function inLanes(lanes: number, count: number, task: (i: number, lane: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      while (next < count) {
        const i = next++;
        await task(i, lane);
      }
    }),
  );
}

function summarize(r: Row) {
  const runs = r.results.map((x) => x.runs);
  const { mean, p95 } = meanP95(runs);
  const accuracy = r.results.filter((x) => x.ok).length / r.results.length;
  return { size: r.size, flake: r.flake, method: r.method, prior: r.prior, accuracy, meanRuns: mean, p95Runs: p95, trials: r.results.length };
}

const HEAD = ['commits', 'flake', 'method', 'accuracy', 'mean runs', 'p95 runs', 'runs / git'];
const W = [8, 6, 22, 9, 10, 9, 10];
const fmt = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(W[i]) : c.padStart(W[i]))).join('  ');

function line(r: Row, all: Row[]): string {
  const s = summarize(r);
  const git = all.find((x) => x.size === r.size && x.flake === r.flake && x.method === 'git bisect run');
  const ratio = git ? s.meanRuns / summarize(git).meanRuns : NaN;
  return fmt([String(r.size), String(r.flake), r.method + (r.prior === 'stand-in' ? '*' : ''), `${(100 * s.accuracy).toFixed(1)}%`, s.meanRuns.toFixed(2), String(s.p95Runs), ratio.toFixed(2)]);
}

function printRows(rows: Row[], all: Row[]): void {
  for (const r of rows) process.stderr.write(line(r, all) + '\n');
}

function printTable(rows: Row[]): void {
  console.log(fmt(HEAD));
  console.log(fmt(W.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r, rows));
  if (rows.some((r) => r.prior === 'stand-in')) console.log('* prior from the stand-in, not the analyze engine');
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
