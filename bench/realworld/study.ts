import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { RealCase } from './cases';
import { caseEvidence, EVIDENCE, type CandidateEvidence } from './features';
import { fitConditionalLogit, outOfFoldRanks, rankUnder, type FitCase } from './fit';
import { BenchGit } from './git';
import type { Variant } from './incident';
import type { CaseResult } from './score';

/**
 * What would it take to beat blame? Reads a benchmark run (its cases and the
 * tool's and baselines' ranks), computes the evidence of bench/realworld/
 * features.ts for every candidate, fits a conditional logit leaving one
 * repository out at a time, and prints the out-of-fold hit rates beside
 * blame and the tool, the weights, and what each feature is worth (drop-one).
 */
const USAGE = 'usage: tsx bench/realworld/study.ts [--results bench/results/realworld.json] [--evidence FILE] [--separate NAME]... [--no-ablation] [--weights STUDY.json]\n--weights ranks with weights fitted elsewhere (e.g. the dev set\'s on dpdk) instead of fitting out of fold.';

interface RunDoc {
  repos: { name: string; gitDir: string; cases: RealCase[] }[];
  results: CaseResult[];
  variants: Variant[];
}

type EvidenceDoc = Record<string, CandidateEvidence[]>;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { results: { type: 'string' }, evidence: { type: 'string' }, separate: { type: 'string', multiple: true }, 'no-ablation': { type: 'boolean' }, weights: { type: 'string' } } });
  const resultsFile = resolve(values.results ?? 'bench/results/realworld.json');
  if (!existsSync(resultsFile)) {
    process.stderr.write(`${resultsFile}: no benchmark run (run npm run bench:realworld first)\n${USAGE}\n`);
    return 2;
  }
  const run = JSON.parse(readFileSync(resultsFile, 'utf8')) as RunDoc;
  const given = values.weights ? (JSON.parse(readFileSync(resolve(values.weights), 'utf8')) as { features: string[]; variants: Record<string, { weights: Record<string, number> }> }) : undefined;
  // Applying given weights evaluates every repository in the run; fitting pools the dev set only.
  const separate = new Set(given ? [] : values.separate ?? ['dpdk']);
  const evFile = resolve(values.evidence ?? resultsFile.replace(/\.json$/, '-evidence.json'));
  const evidence: EvidenceDoc = existsSync(evFile) ? JSON.parse(readFileSync(evFile, 'utf8')) : {};
  const t0 = Date.now();
  for (const repo of run.repos) {
    const git = new BenchGit(repo.gitDir);
    const todo = repo.cases.flatMap((c) => run.variants.map((v) => ({ c, v }))).filter(({ c, v }) => !evidence[`${c.id}/${v}`]);
    for (let i = 0; i < todo.length; i += 4) {
      await Promise.all(todo.slice(i, i + 4).map(async ({ c, v }) => {
        evidence[`${c.id}/${v}`] = await caseEvidence(git, c, v);
      }));
    }
    process.stderr.write(`${repo.name}: evidence for ${todo.length} case variants\n`);
  }
  writeFileSync(evFile, JSON.stringify(evidence));
  process.stderr.write(`evidence in ${((Date.now() - t0) / 1000).toFixed(0)} s → ${evFile}\n`);

  const summary: Record<string, unknown> = { features: EVIDENCE, fittedOn: resultsFile, variants: {} };
  const caseById = new Map(run.repos.flatMap((r) => r.cases.map((c) => [c.id, c] as const)));
  for (const variant of run.variants) {
    const results = run.results.filter((r) => r.variant === variant && !separate.has(r.repo));
    const fitCases: FitCase[] = results.map((r) => {
      const ev = evidence[`${r.id}/${variant}`] ?? [];
      const culprits = caseById.get(r.id)?.culprits ?? r.culprits;
      return { x: ev.map((e) => e.x), y: ev.flatMap((e, i) => (culprits.includes(e.sha) ? [i] : [])), t: ev.map((e) => e.time), group: r.repo };
    });
    const dims = EVIDENCE.length;
    const fixed = given?.variants[variant]?.weights;
    const oof = fixed ? fitCases.map((c) => rankUnder(EVIDENCE.map((f) => fixed[f] ?? 0), c)) : outOfFoldRanks(fitCases, dims);
    const hit = (ranks: (number | undefined)[], k: number) => ranks.filter((x) => (x ?? Infinity) <= k).length / Math.max(1, ranks.length);
    const line = (label: string, ranks: (number | undefined)[]) => `| ${label} | ${[1, 3, 5].map((k) => hit(ranks, k).toFixed(3)).join(' / ')} |`;
    const out = [
      '', `### Variant \`${variant}\`: ${results.length} cases, ${fixed ? `weights from ${values.weights}` : 'leave-one-repository-out'}`, '',
      '| ranking | top-1 / 3 / 5 |', '|---|---|',
      line(fixed ? 'evidence model (given weights)' : 'evidence model (out of fold)', oof),
      line('tool', results.map((r) => r.ranks.tool)),
      line('blame', results.map((r) => r.ranks.blame)),
      line('recency', results.map((r) => r.ranks.recency)),
      line('culprit among candidates', fitCases.map((c) => (c.y.length ? 1 : undefined))),
    ];
    if (fixed) {
      process.stdout.write(out.join('\n') + '\n');
      continue;
    }
    const w = fitConditionalLogit(fitCases, dims);
    const kinds = missKinds(fitCases, results, oof, w);
    (summary.variants as Record<string, unknown>)[variant] = {
      cases: results.length, weights: Object.fromEntries(EVIDENCE.map((f, k) => [f, +w[k].toFixed(4)])),
      outOfFold: [1, 3, 5].map((k) => hit(oof, k)), blame: [1, 3, 5].map((k) => hit(results.map((r) => r.ranks.blame), k)), misses: kinds,
    };
    out.push('', `Out-of-fold top-1 misses by kind: ${Object.entries(kinds).map(([k, n]) => `${k} ${n}`).join(', ')}.`);
    out.push('', '| feature | weight (all data) | top-1 without it |', '|---|---:|---:|');
    const base = hit(oof, 1);
    for (let k = 0; k < dims; k++) {
      if (values['no-ablation']) {
        out.push(`| ${EVIDENCE[k]} | ${w[k].toFixed(2)} | |`);
        continue;
      }
      // Held at weight 0, the column adds nothing to any score: no need to zero it as well.
      const use = EVIDENCE.map((_, j) => j !== k);
      const without = hit(outOfFoldRanks(fitCases, dims, { use }), 1);
      out.push(`| ${EVIDENCE[k]} | ${w[k].toFixed(2)} | ${without.toFixed(3)} (${((without - base) * 100).toFixed(1)}) |`);
    }
    process.stdout.write(out.join('\n') + '\n');
  }
  if (given) return 0;
  const studyFile = resultsFile.replace(/\.json$/, '-study.json');
  writeFileSync(studyFile, JSON.stringify(summary, null, 1) + '\n');
  process.stderr.write(`weights and out-of-fold figures → ${studyFile}\n`);
  return 0;
}

/** Why the model's top pick was wrong, in the terms blame would use. */
function missKinds(cases: FitCase[], results: CaseResult[], oof: (number | undefined)[], w: number[]): Record<string, number> {
  const col = (row: number[], name: (typeof EVIDENCE)[number]) => row[EVIDENCE.indexOf(name)];
  const kinds: Record<string, number> = {};
  cases.forEach((c, i) => {
    if (oof[i] === 1 || !c.y.length) return;
    const order = c.x.map((row, j) => ({ j, s: row.reduce((a, v, k) => a + v * w[k], 0), t: c.t[j] })).sort((a, b) => b.s - a.s || b.t - a.t);
    const top = c.x[order[0].j];
    const cul = c.x[c.y[0]];
    const key = !results[i].culpritInFile ? 'culprit outside the file'
      : col(top, 'blame_line') === 1 && col(cul, 'series_blame') === 1 ? 'top is the blamed commit, culprit in its patch series'
      : col(top, 'blame_line') === 1 ? 'top is the blamed commit, culprit elsewhere in the file'
      : col(cul, 'blame_line') === 1 ? 'culprit is the blamed commit but outranked'
      : 'neither is the blamed commit';
    kinds[key] = (kinds[key] ?? 0) + 1;
  });
  return kinds;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
    process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
    process.exit(1);
  });
}
