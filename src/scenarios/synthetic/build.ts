import { FastImportStream } from './fastImport';
import { functionStarts, applyNoise, NOISE_WEIGHTS, type NoiseKind } from './noise';
import type { Plan, PlannedCommit, ServicePlan } from './plan';
import { Rng } from '../rng';
import { applyEdit, findLine, indentOf, toLines, toText, type Tree } from './textEdit';
import type { Area, Recipe } from './types';
import { codeSubject, commitBody, nonCodeSubject } from './vocab';

export interface BuiltCommit {
  sha: string;
  role: PlannedCommit['role'];
  svc: number;
  time: number;
  subject: string;
  message: string;
  /** Repository paths it changed (against its first parent). */
  files: string[];
  branch?: string;
  recipe?: string;
}

export interface BuiltRepo {
  commits: BuiltCommit[];
  deployShas: string[];
  /** The main tree at each deploy. */
  deployTrees: Tree[];
  culpritSha?: string;
  culpritTree?: Tree;
  headTree: Tree;
}

const TEST_FILE: Record<string, (s: ServicePlan) => string> = {
  go: (s) => `handlers/${s.ctx.es}_test.go`,
  typescript: (s) => `test/${s.ctx.es}.test.ts`,
  python: (s) => `tests/test_${s.ctx.es}.py`,
  java: (s) => `src/test/java/com/acme/${s.ctx.pkg}/${s.ctx.E}ControllerTest.java`,
};
const MANIFEST: Record<string, string> = { go: 'go.mod', typescript: 'package.json', python: 'requirements.txt', java: 'pom.xml' };

function testCase(s: ServicePlan, n: number): string[] {
  switch (s.ctx.lang) {
    case 'go': return ['', `func Test${s.ctx.E}Case${n}(t *testing.T) {`, `\tif got := normalize("${s.ctx.e}-${n}"); got == "" {`, '\t\tt.Fatal("empty")', '\t}', '}'];
    case 'typescript': return ['', `it('handles ${s.ctx.e} case ${n}', () => {`, `  expect(normalize('${s.ctx.e}-${n}')).not.toBe('');`, '});'];
    case 'python': return ['', '', `def test_${s.ctx.e}_case_${n}():`, `    assert normalize("${s.ctx.e}-${n}") != ""`];
    default: return [`    @Test void case${n}() { assertFalse(normalize("${s.ctx.e}-${n}").isEmpty()); }`];
  }
}

function initialTest(s: ServicePlan): string[] {
  switch (s.ctx.lang) {
    case 'go': return ['package handlers', '', 'import "testing"', ...testCase(s, 1)];
    case 'typescript': return ["import { normalize } from '../src/util';", ...testCase(s, 1)];
    case 'python': return ['from app.util import normalize', ...testCase(s, 1)];
    default: return [`package com.acme.${s.ctx.pkg};`, '', 'import org.junit.jupiter.api.Test;', '', `class ${s.ctx.E}ControllerTest {`, ...testCase(s, 1), '}'];
  }
}

/** Executes a plan: applies every edit in time order and writes the repository with fast-import. */
export function buildRepo(plan: Plan, repoDir: string): BuiltRepo {
  const r = new Rng(plan.seed ^ 0x5bd1e995).fork('build');
  const S = plan.services;
  const path = (svc: number, rel: string) => (svc < 0 ? rel : `${S[svc].ctx.dir}/${rel}`);
  const areaOf = (svc: number, rel: string): Area => S[svc].tpl.areas[rel] ?? 'handler';
  const protectedFinds = collectProtected(plan);
  const isProtected = (line: string) => protectedFinds.some((f) => line.includes(f));

  let main: Tree = new Map();
  const fi = new FastImportStream();
  const branches = new Map<string, { tree: Tree; mark: number; changed: Set<string> }>();
  const built: BuiltCommit[] = [];
  const marks: number[] = [];
  let mainMark: number | undefined;
  let culpritMark: number | undefined;
  let culpritTree: Tree | undefined;
  const deployMarks: number[] = [];
  const deployTrees: Tree[] = [];
  const locked = (t: number) => new Set(plan.branches.filter((b) => b.forkTime <= t && t <= b.mergeTime).flatMap((b) => b.files.map((f) => path(b.svc, f))));

  type Ev = { time: number; order: number; run: () => void };
  const events: Ev[] = [];
  plan.deploys.forEach((d, i) => events.push({ time: d, order: 2, run: () => { deployMarks[i] = mainMark!; deployTrees[i] = main; } }));
  for (const b of plan.branches) events.push({ time: b.forkTime, order: 0, run: () => branches.set(b.name, { tree: main, mark: mainMark!, changed: new Set() }) });
  plan.commits.forEach((c) => events.push({ time: c.time, order: 1, run: () => doCommit(c) }));
  events.sort((a, b) => a.time - b.time || a.order - b.order);
  for (const e of events) e.run();

  function emit(c: PlannedCommit, before: Tree, after: Tree, subject: string, opts: { ref?: string; from?: number; merge?: number; recipe?: string } = {}): number {
    const files = new Map<string, string>();
    for (const [p, lines] of after) if (before.get(p) !== lines) files.set(p, toText(lines));
    const body = c.role === 'merge' ? '' : commitBody(r, plan.authors, S[Math.max(0, c.svc)].scope);
    const message = body ? `${subject}\n\n${body}\n` : `${subject}\n`;
    const mark = fi.commit({ ref: opts.ref ?? 'refs/heads/main', author: c.author, time: c.time, message, from: opts.from, merge: opts.merge, files });
    built.push({ sha: '', role: c.role, svc: c.svc, time: c.time, subject, message, files: [...files.keys()], branch: c.branch, recipe: opts.recipe });
    marks.push(mark);
    return mark;
  }

  function applyRecipe(tree: Tree, svc: number, rec: Recipe): Tree {
    const out = new Map(tree);
    for (const e of rec.edits) {
      const p = path(svc, e.file);
      out.set(p, applyEdit(out.get(p), e, p));
    }
    return out;
  }

  function noiseEdit(tree: Tree, svc: number, candidates: string[]): { tree: Tree; area: Area } {
    const out = new Map(tree);
    const files = r.sample(candidates, r.chance(0.3) ? 2 : 1);
    for (const rel of files) {
      const p = path(svc, rel);
      let lines = out.get(p);
      if (!lines) continue;
      for (let k = r.int(1, 2); k > 0; k--) {
        const kind = r.weighted(NOISE_WEIGHTS) as NoiseKind;
        lines = applyNoise(lines, kind, S[svc].mod.dialect, r, S[svc].ctx, isProtected) ?? applyNoise(lines, 'helper', S[svc].mod.dialect, r, S[svc].ctx, isProtected) ?? lines;
      }
      out.set(p, lines);
    }
    return { tree: out, area: areaOf(svc, files[0]) };
  }

  function doCommit(c: PlannedCommit): void {
    const svc = c.svc;
    if (c.role === 'initial') {
      const t: Tree = new Map();
      t.set('README.md', toLines(`# Platform monorepo\n\nServices:\n${S.map((s) => `- ${s.ctx.name} (${s.ctx.lang})`).join('\n')}\n`));
      t.set('.github/workflows/ci.yml', toLines('name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: make test\n'));
      t.set('docs/runbook.md', toLines('# Runbook\n\nPage the owning team first.\n'));
      if (plan.tags.includes('config')) t.set('.forensics.json', toLines(configFile(plan)));
      S.forEach((s, i) => {
        for (const [rel, text] of Object.entries(s.tpl.files)) t.set(path(i, rel), toLines(text));
        t.set(path(i, 'README.md'), toLines(`# ${s.ctx.name}\n\nOwns the ${s.ctx.es} API.\n`));
        t.set(path(i, TEST_FILE[s.ctx.lang](s)), initialTest(s));
      });
      main = t;
      mainMark = emit(c, new Map(), t, 'Initial import of the platform services');
      return;
    }
    if (c.role === 'merge') {
      const b = branches.get(c.mergeBranch!)!;
      const next = new Map(main);
      for (const p of b.changed) next.set(p, b.tree.get(p)!);
      const subject = r.chance(0.5) ? `Merge branch '${c.mergeBranch}'` : `Merge pull request #${r.int(100, 4999)} from acme/${c.mergeBranch!.replace('/', '-')}`;
      mainMark = emit(c, main, next, subject, { from: mainMark, merge: b.mark });
      main = next;
      return;
    }
    const onBranch = c.branch ? branches.get(c.branch)! : undefined;
    const base = onBranch ? onBranch.tree : main;
    let next: Tree;
    let subject: string;
    if (c.role === 'nonCode') {
      next = new Map(base);
      const scope = svc >= 0 ? S[svc].scope : 'repo';
      subject = nonCodeSubject(r, c.nonCode!, scope);
      editNonCode(next, c, plan, path);
    } else if (c.role === 'noise') {
      const lock = locked(c.time);
      const branchFiles = onBranch ? plan.branches.find((b) => b.name === c.branch)!.files : undefined;
      const cands = branchFiles ?? Object.keys(S[svc].tpl.areas).filter((f) => !lock.has(path(svc, f)));
      const res = noiseEdit(base, svc, cands.length ? cands : Object.keys(S[svc].tpl.areas));
      next = res.tree;
      subject = codeSubject(r, S[svc].ctx, S[svc].scope, res.area);
    } else if (c.role === 'shift') {
      next = shiftLines(base, plan, path(svc, plan.culprit!.key!.file), r);
      subject = codeSubject(r, S[svc].ctx, S[svc].scope, areaOf(svc, plan.culprit!.key!.file));
    } else if (c.role === 'chronicTouch') {
      next = touchChronic(base, plan, svc, path, r);
      subject = codeSubject(r, S[svc].ctx, S[svc].scope, areaOf(svc, S[svc].tpl.chronic[0].frames[0].file));
    } else {
      next = applyRecipe(base, svc, c.recipe!);
      subject = codeSubject(r, S[svc].ctx, S[svc].scope, c.recipe!.area);
    }
    const mark = emit(c, base, next, subject, { ref: c.branch ? `refs/heads/${c.branch}` : 'refs/heads/main', from: onBranch ? onBranch.mark : mainMark, recipe: c.recipe?.id });
    if (onBranch) {
      for (const [p, l] of next) if (base.get(p) !== l) onBranch.changed.add(p);
      onBranch.tree = next;
      onBranch.mark = mark;
    } else {
      main = next;
      mainMark = mark;
    }
    if (c.role === 'culprit') { culpritMark = mark; culpritTree = next; }
  }

  // Deploy tags (unless the deployments come from a file or not at all).
  const tagged = !plan.tags.includes('no-deploys') && !plan.tags.includes('deploys-file');
  if (tagged) {
    const names = new Set<string>();
    plan.deploys.forEach((d, i) => {
      let name = `deploy/${new Date(d).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')}`;
      while (names.has(name)) name += 'b';
      names.add(name);
      fi.tag(name, deployMarks[i], d);
    });
  }
  const shaOf = fi.run(repoDir);
  built.forEach((b, i) => { b.sha = shaOf.get(marks[i])!; });
  return {
    commits: built,
    deployShas: deployMarks.map((m) => shaOf.get(m)!),
    deployTrees,
    culpritSha: culpritMark !== undefined ? shaOf.get(culpritMark) : undefined,
    culpritTree,
    headTree: main,
  };
}

function collectProtected(plan: Plan): string[] {
  const out: string[] = [];
  const recs = [plan.culprit, ...plan.commits.map((c) => c.recipe)].filter((x): x is Recipe => !!x);
  for (const rec of recs) {
    for (const e of rec.edits) { if (e.at) out.push(e.at); if (e.until) out.push(e.until); }
    if (rec.key) out.push(rec.key.find);
    for (const ef of rec.effects) for (const f of ef.frames) if (f.find) out.push(f.find);
  }
  for (const s of plan.services) {
    const t = s.tpl;
    for (const ef of [...t.chronic, t.outage, t.saturation]) for (const f of ef.frames) if (f.find) out.push(f.find);
    out.push(t.access.find, t.startup.find, t.heap.find);
  }
  return out;
}

/** Inserts a helper above the function holding the culprit's key line, shifting it down. */
function shiftLines(tree: Tree, plan: Plan, p: string, r: Rng): Tree {
  const s = plan.services[plan.target];
  const lines = tree.get(p)!;
  const key = findLine(lines, plan.culprit!.key!.find);
  const starts = functionStarts(lines, s.mod.dialect).filter((i) => i < key);
  let at = starts.length ? starts[starts.length - 1] : Math.max(0, key - 1);
  // Keep annotations and decorators attached to their function.
  while (at > 0 && /^\s*@/.test(lines[at - 1])) at--;
  const ind = indentOf(lines[at]);
  let helper = s.mod.dialect.helper(`normalizeKey${r.int(2, 99)}`, r);
  if (ind && s.ctx.lang === 'typescript') helper = helper.map((l) => l.replace(/^export function /, 'private static '));
  if (ind && s.ctx.lang === 'python') helper = ['@staticmethod', ...helper];
  const out = lines.slice();
  out.splice(at, 0, ...helper.map((l) => (l ? ind + l : l)), '');
  const next = new Map(tree);
  next.set(p, out);
  return next;
}

/** A noise edit on the line a chronic error is logged from (blame now points at it). */
function touchChronic(tree: Tree, plan: Plan, svc: number, path: (svc: number, rel: string) => string, r: Rng): Tree {
  const s = plan.services[svc];
  const next = new Map(tree);
  for (const ch of r.shuffle(s.tpl.chronic)) {
    const p = path(svc, ch.frames[0].file);
    const lines = next.get(p)!.slice();
    const i = findLine(lines, ch.frames[0].find);
    if (i < 0) continue;
    const changed = s.mod.dialect.appendArg(lines[i], s.ctx.name);
    if (changed) lines[i] = changed;
    else lines.splice(i, 0, indentOf(lines[i]) + s.mod.dialect.logLine('debug', 'validation failed'));
    next.set(p, lines);
    return next;
  }
  return next;
}

function editNonCode(t: Tree, c: PlannedCommit, plan: Plan, path: (svc: number, rel: string) => string): void {
  const append = (p: string, add: string[]) => t.set(p, [...(t.get(p) ?? []), ...add]);
  if (c.svc < 0) {
    if (c.nonCode === 'ci') append('.github/workflows/ci.yml', [`      - run: make lint # ${Math.floor(c.time / 1000) % 997}`]);
    else append('docs/runbook.md', ['', `Updated ${new Date(c.time).toISOString().slice(0, 10)}: check dashboards before paging.`]);
    return;
  }
  const s = plan.services[c.svc];
  switch (c.nonCode) {
    case 'docs': append(path(c.svc, 'README.md'), ['', `See the ${s.ctx.es} API reference (rev ${Math.floor(c.time / 1000) % 1000}).`]); break;
    case 'tests': {
      const p = path(c.svc, TEST_FILE[s.ctx.lang](s));
      const lines = (t.get(p) ?? []).slice();
      const add = testCase(s, lines.length);
      if (s.ctx.lang === 'java') lines.splice(lines.length - 1, 0, ...add);
      else lines.push(...add);
      t.set(p, lines);
      break;
    }
    case 'deps': {
      const p = path(c.svc, MANIFEST[s.ctx.lang]);
      const lines = t.get(p)!.slice();
      const i = lines.findIndex((l) => /\d+\.\d+\.\d+/.test(l) && !/modelVersion|"version"|<version>1\.0\.0/.test(l));
      if (i >= 0) lines[i] = lines[i].replace(/(\d+\.\d+\.)(\d+)/, (_m, a: string, b: string) => `${a}${Number(b) + 1}`);
      t.set(p, lines);
      break;
    }
    default: append('.github/workflows/ci.yml', [`      - run: make test-${s.ctx.name}`]);
  }
}

function configFile(plan: Plan): string {
  const services: Record<string, string[]> = {};
  plan.services.forEach((s, i) => {
    if (i === plan.target && plan.tags.includes('renamed-service')) return;
    services[s.ctx.name] = [`${s.ctx.dir}/**`];
  });
  return JSON.stringify({ services, deployments: { tagPattern: 'deploy/*' }, lookbackDays: 14 }, null, 2) + '\n';
}
