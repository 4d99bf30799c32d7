import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fitConditionalLogit, objective, type Choice } from '../accuracy/conditionalLogit';
import { brier, ece, pickTemperature, reliability, topPair } from '../accuracy/scoring';
import { FEATURES } from '../../src/engine/ranking/features';
import { VARIANTS, type Variant } from './incident';
import type { CaseResult, Method } from './score';

/**
 * Fits the engine's sparse-incident profiles (src/engine/ranking/calibration-sparse-{line,func}.json),
 * one per frame kind (a line, or only a function), on real history: the engine's own features of every candidate, recorded by a
 * `bench:realworld` run. Figures are out of fold — each repository ranked by
 * weights fitted on the others — so the dev set is never scored by weights
 * that saw it; repositories named by --separate (DPDK) are a held-out test,
 * ranked by the weights fitted on the whole dev set.
 */
const USAGE = `usage: tsx bench/realworld/fitSparse.ts [--separate NAME]... [--write] RESULTS.json...
RESULTS.json: bench:realworld runs (with candidates' features); --write stores the profiles fitted on all non-separate repositories.`;

const ROOT = resolve(__dirname, '../..');
const LAMBDAS = [0.1, 0.3, 1, 3];

/**
 * Left out of the sparse profile: cases keep culprits at least an hour older
 * than the fix (the alert), so "the first error came within the hour after it
 * landed" would learn the benchmark's filter, not the world.
 */
const EXCLUDED = new Set(['log_first_error']);
const USED = FEATURES.filter((f) => !EXCLUDED.has(f));

interface Item {
  r: CaseResult;
  choice: Choice;
  t: number[];
}

function toItem(r: CaseResult): Item {
  // A failed run has no candidates: it scores as a miss and adds nothing to the fit.
  if (!r.candidates) return { r, choice: { x: [], unlisted: 0, truth: 'none' }, t: [] };
  const x = r.candidates.map((c) => USED.map((f) => c.x[f] ?? 0));
  const j = r.candidates.findIndex((c) => r.culprits.includes(c.sha));
  // A culprit outside the candidates (older than the window, not an ancestor) is "none of them" to the model.
  return { r, choice: { x, unlisted: 0, truth: j >= 0 ? j : 'none' }, t: r.candidates.map((c) => c.t) };
}

/** 1-based rank of the culprit under `w` (ties: newer first, as the engine breaks them); undefined when it is not a candidate. */
function rankOf(w: number[], it: Item): number | undefined {
  const y = it.choice.truth;
  if (typeof y !== 'number') return undefined;
  const s = it.choice.x.map((row) => row.reduce((a, v, k) => a + v * w[k], 0));
  return 1 + s.filter((v, j) => j !== y && (v > s[y] || (v === s[y] && (it.t[j] > it.t[y] || (it.t[j] === it.t[y] && j < y))))).length;
}

const hit = (ranks: (number | undefined)[], k: number) => ranks.filter((x) => (x ?? Infinity) <= k).length / Math.max(1, ranks.length);
const row = (ranks: (number | undefined)[]) => [1, 3, 5].map((k) => hit(ranks, k).toFixed(2)).join(' / ');

/** Where each frame kind's profile is written. */
export const OUT: Record<Variant, string> = {
  line: resolve(ROOT, 'src/engine/ranking/calibration-sparse-line.json'),
  func: resolve(ROOT, 'src/engine/ranking/calibration-sparse-func.json'),
};

export async function main(argv: string[], out: { write(s: string): unknown } = process.stdout, outFiles: Record<Variant, string> = OUT, err: { write(s: string): unknown } = process.stderr): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { separate: { type: 'string', multiple: true }, write: { type: 'boolean' } } });
  if (!positionals.length) {
    err.write(USAGE + '\n');
    return 2;
  }
  const separate = new Set(values.separate ?? ['dpdk']);
  const results: CaseResult[] = positionals.flatMap((p) => (JSON.parse(readFileSync(resolve(p), 'utf8')) as { results: CaseResult[] }).results);
  const items = results.filter((r) => r.toolError !== 'skipped').map(toItem);
  // One profile per frame kind: a frame with a line and one with only a function carry different evidence.
  const mine = (variant: Variant) => items.filter((i) => i.r.variant === variant);
  // Both kinds checked before either is fitted, so that --write never leaves one profile new and the other old.
  for (const variant of VARIANTS) {
    if (new Set(mine(variant).filter((i) => !separate.has(i.r.repo)).map((i) => i.r.repo)).size < 2) {
      err.write(`variant ${variant}: need at least two development repositories with recorded candidates\n`);
      return 2;
    }
  }
  for (const variant of VARIANTS) {
    const dev = mine(variant).filter((i) => !separate.has(i.r.repo));
    const { text, model } = fitProfile(variant, dev, mine(variant).filter((i) => separate.has(i.r.repo)), err);
    out.write(text);
    if (values.write) {
      writeFileSync(outFiles[variant], JSON.stringify(model, null, 2) + '\n');
      err.write(`wrote ${outFiles[variant]}\n`);
    }
  }
  return 0;
}

/** The leave-one-repository-out study and the all-repository fit of one frame kind's profile. */
function fitProfile(variant: Variant, dev: Item[], held: Item[], err: { write(s: string): unknown }): { text: string; model: object } {
  const repos = [...new Set(dev.map((i) => i.r.repo))];
  const dims = USED.length;
  // Leave-one-repository-out fits per ridge strength; the strength with the best held-out likelihood is kept.
  const t0 = Date.now();
  const folds = new Map<number, Map<string, { w: number[]; b0: number }>>();
  let best = { lambda: LAMBDAS[0], nll: Infinity };
  for (const lambda of LAMBDAS) {
    const fits = new Map<string, { w: number[]; b0: number }>();
    let nll = 0;
    for (const g of repos) {
      const fit = fitConditionalLogit(dev.filter((i) => i.r.repo !== g).map((i) => i.choice), dims, lambda);
      fits.set(g, fit);
      nll += objective(dev.filter((i) => i.r.repo === g).map((i) => i.choice), fit.w, fit.b0, 0);
    }
    folds.set(lambda, fits);
    err.write(`${variant}: lambda ${lambda}: leave-one-repository-out nll ${nll.toFixed(1)}\n`);
    if (nll < best.nll) best = { lambda, nll };
  }
  const fits = folds.get(best.lambda)!;
  const oofRank = (it: Item) => rankOf(fits.get(it.r.repo)!.w, it);
  const pairsAt = (t: number) => dev.map((it) => topPair(it.choice, fits.get(it.r.repo)!.w, fits.get(it.r.repo)!.b0, t, it.t));
  const { temperature } = pickTemperature(pairsAt);
  const all = fitConditionalLogit(dev.map((i) => i.choice), dims, best.lambda);

  const lines: string[] = [`### Variant \`${variant}\`: its own profile, ${dev.length} development runs (${repos.length} repositories), ${dims} features, ridge ${best.lambda}, temperature ${temperature}, ${((Date.now() - t0) / 1000).toFixed(0)} s`];
  const table = (label: string, set: Item[], rank: (it: Item) => number | undefined) => {
    const base = (m: Method) => set.map((i) => i.r.ranks[m]);
    const ranks = set.map(rank);
    return `| ${label} | ${set.length} | ${row(ranks)} | ${row(base('tool'))} | ${row(base('blame'))} | ${row(base('recency'))} | ${(100 * (hit(ranks, 1) - hit(base('blame'), 1))).toFixed(1)} |`;
  };
  lines.push('', '| repository | cases | engine, sparse profile (out of fold) top-1/3/5 | engine as run | blame | recency | − blame top-1 |', '|---|---:|---|---|---|---|---:|');
  for (const g of repos) lines.push(table(g, dev.filter((i) => i.r.repo === g), oofRank));
  lines.push(table('**development set**', dev, oofRank));
  for (const g of [...new Set(held.map((i) => i.r.repo))]) lines.push(table(`${g} (held out: weights fitted on the whole development set)`, held.filter((i) => i.r.repo === g), (it) => rankOf(all.w, it)));
  const pairs = pairsAt(temperature);
  lines.push('', `Top pick's confidence, out of fold on the development set: ECE ${ece(pairs).toFixed(3)}, Brier ${brier(pairs).toFixed(3)} (T=${temperature}; at T=1: ECE ${ece(pairsAt(1)).toFixed(3)})`);
  lines.push('', `Reliability, out of fold (confidence bin: runs, mean confidence → right): ${reliability(pairs).filter((b) => b.n).map((b) => `${b.lo.toFixed(1)}–${b.hi.toFixed(1)}: ${b.n}, ${b.meanP.toFixed(2)} → ${b.accuracy.toFixed(2)}`).join('; ')}`);
  if (held.length) {
    const hp = held.map((it) => topPair(it.choice, all.w, all.b0, temperature, it.t));
    lines.push(`Held out (${held.length} runs): ECE ${ece(hp).toFixed(3)}, Brier ${brier(hp).toFixed(3)}`);
  }
  const weights = Object.fromEntries(USED.map((f, i) => [f, Math.round(all.w[i] * 1e4) / 1e4]));
  lines.push('', 'Weights (all development repositories): ' + Object.entries(weights).filter(([, w]) => w !== 0).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).map(([f, w]) => `${f} ${w}`).join(', '), '');
  const model = {
    model: 'conditional-logit',
    fittedOn: `real-world Fixes: history (${repos.join(', ')}), ${dev.length} runs whose frame ${variant === 'line' ? 'has a line' : 'names only a function'}, ${new Date().toISOString().slice(0, 10)}`,
    weights, b0: Math.round(all.b0 * 1e4) / 1e4, ...(temperature !== 1 ? { temperature } : {}),
    features: USED, excluded: [...EXCLUDED], lambda: best.lambda, runs: dev.length,
  };
  return { text: lines.join('\n') + '\n', model };
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
    process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
    process.exit(1);
  });
}
