import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { choiceProbabilities, fitConditionalLogit, type Choice } from './conditionalLogit';
import { ece, type Pair } from './scoring';

/**
 * Out-of-fold figures on the CALIBRATION set's recorded features
 * (bench/results/calibration-features.json, written by bench:calibrate):
 * 5-fold top-1/3 and ECE of the conditional logit, optionally without some
 * features (`--drop a,b` or `--drop-prefix frame_`). A study aid for choosing
 * features without looking at the evaluation set.
 */
const ROOT = resolve(__dirname, '../..');
const doc = JSON.parse(readFileSync(join(ROOT, 'bench/results/calibration-features.json'), 'utf8')) as { features: string[]; choices: Choice[] };
const arg = (k: string) => { const i = process.argv.indexOf(k); return i >= 0 ? process.argv[i + 1] : undefined; };
const drop = new Set((arg('--drop') ?? '').split(',').filter(Boolean));
const prefix = arg('--drop-prefix');
const keep = doc.features.map((f) => !drop.has(f) && !(prefix && f.startsWith(prefix)));
const choices = doc.choices.map((c) => ({ ...c, x: c.x.map((r) => r.map((v, k) => (keep[k] ? v : 0))) }));
const lambda = Number(arg('--lambda') ?? 0.1);
const FOLDS = 5;
const ranks: (number | undefined)[] = [];
const pairs: Pair[] = [];
let fa = 0;
let none = 0;
for (let f = 0; f < FOLDS; f++) {
  const fit = fitConditionalLogit(choices.filter((_c, i) => i % FOLDS !== f), doc.features.length, lambda);
  choices.forEach((c, i) => {
    if (i % FOLDS !== f) return;
    const { p } = choiceProbabilities(c, fit.w, fit.b0);
    const order = p.map((_v, j) => j).sort((a, b) => p[b] - p[a]);
    if (c.truth === 'none') { none++; if (p.length && p[order[0]] > 0.5) fa++; }
    else ranks.push(typeof c.truth === 'number' ? order.indexOf(c.truth) + 1 : undefined);
    pairs.push({ p: p.length ? p[order[0]] : 0, y: typeof c.truth === 'number' && order[0] === c.truth ? 1 : 0 });
  });
}
const hit = (k: number) => ranks.filter((r) => r !== undefined && r <= k).length / ranks.length;
console.log(`OOF (5-fold, lambda ${lambda}, ${keep.filter(Boolean).length}/${doc.features.length} features): top-1 ${(100 * hit(1)).toFixed(1)} top-3 ${(100 * hit(3)).toFixed(1)} top-5 ${(100 * hit(5)).toFixed(1)} FA ${fa}/${none} ECE ${ece(pairs).toFixed(3)}`);
