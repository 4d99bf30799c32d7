import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { extractCases, type CaseStats, type RealCase } from './cases';
import { BenchGit } from './git';
import type { FrameRule } from './symptom';
import { VARIANTS, type Variant } from './incident';
import { repoNameOf } from './runHelpers';
import { markdownTable, type CaseResult } from './score';
import { runInWorkers } from './workerPool';

const USAGE = `usage: npm run bench:realworld -- [--max N] [--out DIR] [--variants line,func] [--separate NAME]...
       [--concurrency N] [--cases-only] [--skip-tool] [--frame function|first] [--keep DIR] [--name NAME] GIT_DIR...
GIT_DIR is a bare git directory or a working tree; its HEAD's history is scanned.`;

export interface RepoRun {
  name: string;
  gitDir: string;
  head: string;
  stats: CaseStats;
  extractMs: number;
  runMs: number;
  cases: RealCase[];
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true,
      options: {
        max: { type: 'string' }, out: { type: 'string' }, variants: { type: 'string' }, separate: { type: 'string', multiple: true },
        concurrency: { type: 'string' }, 'cases-only': { type: 'boolean' }, 'skip-tool': { type: 'boolean' }, frame: { type: 'string' }, keep: { type: 'string' }, name: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    (values.help ? process.stdout : process.stderr).write(USAGE + '\n');
    return values.help ? 0 : 2;
  }
  const maxCases = values.max ? Number(values.max) : 150;
  const concurrency = values.concurrency ? Number(values.concurrency) : 2;
  const variants = (values.variants ?? VARIANTS.join(',')).split(',') as Variant[];
  if (!Number.isInteger(maxCases) || maxCases < 1 || !Number.isInteger(concurrency) || concurrency < 1 || variants.some((v) => !VARIANTS.includes(v))) {
    process.stderr.write(`--max and --concurrency take positive integers, --variants a list of ${VARIANTS.join('|')}\n${USAGE}\n`);
    return 2;
  }
  const frameRule = (values.frame ?? 'function') as FrameRule;
  if (frameRule !== 'function' && frameRule !== 'first') {
    process.stderr.write(`--frame takes function or first\n${USAGE}\n`);
    return 2;
  }
  const separate = new Set(values.separate ?? ['dpdk']);
  const outDir = resolve(values.out ?? 'bench/results');
  const workDir = values.keep ? resolve(values.keep) : mkdtempSync(join(tmpdir(), 'ifx-realworld-'));

  const t0 = Date.now();
  const repos: RepoRun[] = [];
  const results: CaseResult[] = [];
  try {
    for (const p of positionals) {
      const gitDir = resolve(p);
      const git = new BenchGit(gitDir);
      const name = positionals.length === 1 && values.name ? values.name : repoNameOf(gitDir);
      const head = git.tryRun(['rev-parse', '--verify', 'HEAD^{commit}'])?.trim();
      if (!head) {
        process.stderr.write(`${gitDir}: not a git repository with a HEAD commit\n`);
        return 2;
      }
      const te = Date.now();
      const { cases, stats } = extractCases(git, { repo: name, maxCases, frameRule });
      const extractMs = Date.now() - te;
      process.stderr.write(`${name}: ${cases.length} cases (${JSON.stringify(stats)}) in ${(extractMs / 1000).toFixed(1)} s\n`);
      const tr = Date.now();
      if (!values['cases-only']) {
        const jobs = cases.flatMap((c) => variants.map((variant) => ({ gitDir, c, variant, workDir, skipTool: !!values['skip-tool'] })));
        const rs = await runInWorkers(jobs, concurrency, (done) => {
          if (done % 20 === 0 || done === jobs.length) process.stderr.write(`  ${name}: ${done}/${jobs.length}\n`);
        });
        results.push(...rs);
      }
      repos.push({ name, gitDir, head, stats, extractMs, runMs: Date.now() - tr, cases });
    }
  } finally {
    if (!values.keep) rmSync(workDir, { recursive: true, force: true });
  }

  const totalMs = Date.now() - t0;
  const md = [
    `Real-world \`Fixes:\` benchmark — ${results.length / Math.max(1, variants.length)} cases, ${(totalMs / 1000).toFixed(0)} s, concurrency ${concurrency}`,
    ...variants.flatMap((v) => ['', `### Variant \`${v}\` (${v === 'line' ? 'frame with file and line' : 'frame with file and function, no line'})`, '', markdownTable(results, v, separate)]),
    '',
    '| repository | cases | extraction s | run s |',
    '|---|---:|---:|---:|',
    ...repos.map((r) => `| ${r.name} | ${r.cases.length} | ${(r.extractMs / 1000).toFixed(1)} | ${(r.runMs / 1000).toFixed(1)} |`),
  ].join('\n');
  process.stdout.write(md + '\n');
  mkdirSync(outDir, { recursive: true });
  const stem = repos.length === 1 ? `realworld-${repos[0].name}` : 'realworld';
  const doc = {
    schema: 'incident-forensics/realworld-bench@1', generatedAt: new Date().toISOString(), maxCases, frameRule, variants, concurrency, totalMs,
    repos: repos.map(({ cases, ...r }) => ({ ...r, cases: cases.map((c) => ({ ...c })) })),
    results,
  };
  writeFileSync(join(outDir, `${stem}.json`), JSON.stringify(doc, null, 1) + '\n');
  writeFileSync(join(outDir, `${stem}.md`), md + '\n');
  process.stderr.write(`written ${join(outDir, `${stem}.json`)} and .md\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
    process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
    process.exit(1);
  });
}
