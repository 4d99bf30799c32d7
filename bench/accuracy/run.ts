import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Report } from '../../src/engine/report/reportSchema';
import type { GeneratedIncident } from '../../src/scenarios/synthetic/types';
import { runBaseline } from './baseline';
import { CALIBRATION_SEEDS, DEVELOPMENT_SEEDS, EVALUATION_SEEDS, generateSet } from './sets';
import { runAll, runTool, type ToolRun } from './runTool';
import { summarize, type Outcome } from './scoring';
import { renderReliability, renderTables } from './table';

/**
 * `npm run bench:accuracy`: builds the CLI, generates the calibration and
 * evaluation sets, runs the CLI's JSON mode on each incident and the shallow
 * baseline in-process, and prints accuracy, calibration and timing figures,
 * overall and by class and tag. Flags: --jobs N, --limit N, --fresh, --strict,
 * --sets a,b (default calibration,evaluation; `development` is the set for
 * studying misses, so that the evaluation set is read only to report).
 */

const ROOT = resolve(__dirname, '../..');

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export function toolOutcome(inc: GeneratedIncident, run: ToolRun): Outcome {
  const rep: Report | undefined = run.report;
  const suspects = rep ? [...rep.suspects].sort((a, b) => a.rank - b.rank) : [];
  return {
    id: inc.id, cls: inc.class, tags: inc.tags, kind: inc.kind, truth: inc.truth,
    ranked: suspects.map((s) => s.commit),
    topConfidence: suspects[0]?.confidence ?? 0,
    rootCause: rep?.rootCause ?? null,
    ms: run.ms, crashed: !rep, error: run.error,
  };
}

function baselineOutcome(inc: GeneratedIncident): Outcome {
  const t0 = Date.now();
  try {
    const b = runBaseline(inc);
    return { id: inc.id, cls: inc.class, tags: inc.tags, kind: inc.kind, truth: inc.truth, ranked: b.ranked.map((x) => x.commit), topConfidence: b.ranked[0]?.confidence ?? 0, rootCause: null, ms: Date.now() - t0, crashed: false };
  } catch (e) {
    return { id: inc.id, cls: inc.class, tags: inc.tags, kind: inc.kind, truth: inc.truth, ranked: [], topConfidence: 0, rootCause: null, ms: Date.now() - t0, crashed: true, error: (e as Error).message };
  }
}

export function buildCli(): string {
  const b = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
  return join(ROOT, 'dist', 'cli.js');
}

async function main(): Promise<void> {
  const jobs = Math.max(1, Number(flag('--jobs') ?? 2) || 1);
  const limit = Number(flag('--limit') ?? 1e9);
  const fresh = process.argv.includes('--fresh');
  const cli = buildCli();
  const all: Record<string, number[]> = { calibration: CALIBRATION_SEEDS, development: DEVELOPMENT_SEEDS, evaluation: EVALUATION_SEEDS };
  const chosen = (flag('--sets') ?? 'calibration,evaluation').split(',');
  const unknown = chosen.filter((n) => !all[n]);
  if (unknown.length) throw new Error(`--sets: unknown set(s) ${unknown.join(', ')}; known: ${Object.keys(all).join(', ')}`);
  const sets = Object.fromEntries(chosen.map((n) => [n, all[n].slice(0, limit)]));
  const summary: Record<string, unknown> = { generatedAt: new Date().toISOString(), jobs };
  let evalTool: ReturnType<typeof summarize> | undefined;
  for (const [name, seeds] of Object.entries(sets)) {
    const gen = generateSet(seeds, { fresh });
    process.stderr.write(`${name}: ${gen.incidents.length} incidents ready in ${(gen.generatedMs / 1000).toFixed(1)} s (${gen.reused} from cache)\n`);
    const t0 = Date.now();
    const runs = await runAll(gen.incidents, jobs, (inc) => runTool(cli, inc), (n) => { if (n % 10 === 0) process.stderr.write(`  ${name}: ${n}/${gen.incidents.length} analyzed\n`); });
    const toolMs = Date.now() - t0;
    const tool = gen.incidents.map((inc, i) => toolOutcome(inc, runs[i]));
    const t1 = Date.now();
    const base = gen.incidents.map(baselineOutcome);
    const baseMs = Date.now() - t1;
    const provenance = runs.find((r) => r.report?.calibration)?.report?.calibration;
    if (provenance) console.log(`confidence model: ${provenance.model}, fitted on ${provenance.fittedOn}`);
    const ts = summarize(tool);
    const bs = summarize(base);
    if (name === 'evaluation') evalTool = ts;
    console.log(renderTables(`${name} set (seeds ${seeds[0]}-${seeds[seeds.length - 1]})`, tool, base));
    console.log(renderReliability(`tool, ${name}`, ts));
    console.log(renderReliability(`baseline, ${name}`, bs));
    for (const o of tool.filter((x) => x.crashed)) console.log(`  crash ${o.id}: ${o.error}`);
    console.log(`wall time: generate ${(gen.generatedMs / 1000).toFixed(1)} s, tool ${(toolMs / 1000).toFixed(1)} s (${jobs} at once), baseline ${(baseMs / 1000).toFixed(1)} s\n`);
    summary[name] = { seeds: [seeds[0], seeds[seeds.length - 1]], generateMs: gen.generatedMs, toolWallMs: toolMs, baselineWallMs: baseMs, tool: ts, baseline: bs, outcomes: tool, baselineOutcomes: base };
  }
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `accuracy-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(summary, null, 2));
  console.log(`summary written to ${file}`);
  if (evalTool) {
    const checks = [
      ['top-1 >= 90%', evalTool.top1 >= 0.9], ['top-3 >= 98%', evalTool.top3 >= 0.98], ['ECE <= 0.05', evalTool.ece <= 0.05],
      ['no crashes', evalTool.crashes === 0], ['false accusations <= 5%', evalTool.falseAccusation <= 0.05],
    ] as const;
    for (const [label, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${label}`);
    if (process.argv.includes('--strict') && checks.some(([, ok]) => !ok)) process.exitCode = 1;
  }
}

if (require.main === module) {
  main().catch((e) => { console.error(e); process.exitCode = 1; });
}
