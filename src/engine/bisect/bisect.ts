import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EngineError } from '../errors';
import { BISECT_SCHEMA_ID, type BisectHooks, type BisectOptions, type BisectResult, type Probe, type RankedCommit } from './bisectTypes';
import { validateOptions } from './bisectOptions';
import { candidateIndexOf, loadCandidates, type CandidateSet } from './candidates';
import { DEFAULT_CONFIDENCE, defaultMaxRuns } from './defaults';
import { buildPrior, Contradiction, noiseModel, type StopReason } from './posterior';
import { parseReport, readReportFile } from '../report/readReport';
import { suspectsOf, type WeightedCommit } from './priorReport';
import { runTest, type TestRun } from './runTest';
import { BisectSearch } from './search';
import { checkoutIn, createWorktree, removeWorktree, type Worktree } from './worktree';

/**
 * The intelligent bisect: candidates between good and bad, a prior from the
 * analysis (or uniform), then test runs in a temporary worktree chosen for
 * the most information about the culprit, until one commit's posterior
 * reaches the confidence or the budget ends. The worktree is removed however
 * the search ends (done, error, abort signal).
 */
export async function runBisect(options: BisectOptions, hooks: BisectHooks = {}): Promise<BisectResult> {
  const started = Date.now();
  const opts = validateOptions(options);
  const { signal } = hooks;
  if (signal?.aborted) throw new EngineError('cancelled', 'the bisect was cancelled');
  const set = await loadCandidates(opts.repoDir, { good: ([] as string[]).concat(opts.good), bad: opts.bad, firstParent: opts.firstParent }, signal);
  const n = set.commits.length;
  const { prior, info: priorInfo } = await makePrior(set, opts, signal);
  const confidence = opts.confidence ?? DEFAULT_CONFIDENCE;
  const maxRuns = opts.maxRuns ?? defaultMaxRuns(n);
  const noise = noiseModel(opts.flakeRate, opts.falsePassRate ?? 0);
  const search = new BisectSearch(set.topo, prior, noise, { confidence, maxRuns });
  const probes: Probe[] = [];
  // A box, not a `let`: the closures below set it, which TS's narrowing does not see.
  const state: { stopped: StopReason | 'aborted' } = { stopped: 'exhausted' };
  let abort: BisectResult['abort'];

  const wt = await createWorktree(set.repoDir, set.bad, signal);
  try {
    hooks.onStart?.({ candidates: n, goods: set.goods, bad: set.bad, maxRuns, prior: priorInfo, worktree: wt.dir });
    const runner = new Runner(wt, set, opts, signal);
    const ranked = (): RankedCommit => {
      const c = search.culprit();
      return { commit: set.commits[c.index], subject: set.subjects[c.index], posterior: c.p };
    };
    const note = (sha: string, role: Probe['role'], r: TestRun) => {
      const top = ranked();
      const p: Probe = {
        run: search.runs,
        commit: sha,
        role,
        outcome: r.outcome === 'abort' ? 'bad' : r.outcome,
        exitCode: r.exitCode,
        seconds: round(r.seconds, 3),
        posteriorTop: round(top.posterior, 6),
        topCommit: top.commit,
        flakeRate: round(search.post.flakeMean(), 4),
        outputTail: r.outputTail.slice(-400) || undefined,
      };
      probes.push(p);
      hooks.onProbe?.(p, { runs: search.runs, maxRuns, top, ranking: topRanked(set, search.post.marginal(), 5) });
    };
    const aborted = (sha: string, r: TestRun): void => {
      search.runs++;
      state.stopped = 'aborted';
      const why = r.exitCode !== null ? `exit code ${r.exitCode}` : `signal ${r.signal}`;
      abort = { commit: sha, exitCode: r.exitCode, signal: r.signal, message: `the test ended with ${why} at ${sha.slice(0, 12)}; above 127 aborts the bisect (git bisect run convention)` };
    };
    try {
      // Calibration: runs at commits whose state is given inform the flake rate (good end) and check --bad (bad end).
      const cal = Math.min(opts.calibrationRuns ?? 0, Math.floor(maxRuns / 2));
      for (let k = 0; k < cal && state.stopped !== 'aborted'; k++) {
        for (const [sha, broken] of [[set.goods[0], false], [set.bad, true]] as const) {
          const r = await runner.run(sha);
          if (r.outcome === 'abort') {
            aborted(sha, r);
            break;
          }
          if (r.outcome === 'skip') throw new EngineError('badInput', `the test says ${sha.slice(0, 12)} (${broken ? '--bad' : '--good'}) is untestable (exit 125)`, '--test');
          const failed = runner.verdict(r) === 'bad';
          if (broken && !failed && noise.falsePass === 0) {
            throw new EngineError('badInput', `the test PASSED at --bad ${sha.slice(0, 12)}: either it is not broken there or a PASS cannot be trusted (set --false-pass-rate)`, '--bad');
          }
          search.recordKnown(broken, failed);
          note(sha, broken ? 'calibrate-bad' : 'calibrate-good', r);
        }
      }
      while (state.stopped !== 'aborted') {
        if (signal?.aborted) throw new EngineError('cancelled', 'the bisect was cancelled');
        const d = search.decide();
        if ('stop' in d) {
          state.stopped = d.stop;
          break;
        }
        const sha = set.commits[d.probe];
        const r = await runner.run(sha);
        if (r.outcome === 'abort') {
          aborted(sha, r);
          break;
        }
        search.record(d.probe, runner.verdict(r));
        note(sha, d.forced ? 'proof' : 'search', r);
      }
    } catch (e) {
      if (e instanceof Contradiction) throw contradiction(probes, opts);
      throw e;
    }
  } finally {
    await removeWorktree(wt);
  }
  return assemble(set, search, probes, { stopped: state.stopped, abort, priorInfo, confidence, maxRuns, opts, started });
}

/** Runs the test at a commit, moving the worktree there first. */
class Runner {
  private at: string;
  private readonly cwd: string;

  constructor(private readonly wt: Worktree, set: CandidateSet, private readonly opts: BisectOptions, private readonly signal?: AbortSignal) {
    this.at = set.bad;
    const sub = set.prefix ? join(wt.dir, set.prefix) : wt.dir;
    this.cwd = existsSync(sub) ? sub : wt.dir;
  }

  async run(sha: string): Promise<TestRun> {
    if (this.at !== sha) {
      await checkoutIn(this.wt, sha, this.signal);
      this.at = sha;
    }
    const cwd = existsSync(this.cwd) ? this.cwd : this.wt.dir;
    return runTest(this.opts.test, cwd, {
      timeoutMs: this.opts.timeoutSeconds !== undefined ? this.opts.timeoutSeconds * 1000 : undefined,
      signal: this.signal,
      env: { ...this.opts.env, INCIDENT_FORENSICS_BISECT_COMMIT: sha },
    });
  }

  verdict(r: TestRun): 'good' | 'bad' | 'skip' {
    if (r.outcome === 'timeout') return this.opts.timeoutAs ?? 'bad';
    return r.outcome === 'good' || r.outcome === 'skip' ? r.outcome : 'bad';
  }
}

async function makePrior(set: CandidateSet, opts: BisectOptions, signal?: AbortSignal): Promise<{ prior: Float64Array; info: BisectResult['prior'] }> {
  const n = set.commits.length;
  if (!opts.prior) return { prior: buildPrior(n), info: { source: 'uniform', suspectsUsed: 0, suspectsOutsideRange: 0, mass: 0 } };
  let suspects: WeightedCommit[];
  let source: BisectResult['prior']['source'];
  let file: string | undefined;
  if ('reportFile' in opts.prior) {
    file = opts.prior.reportFile;
    suspects = suspectsOf(await readReportFile(file));
    source = 'report';
  } else if ('report' in opts.prior) {
    suspects = suspectsOf(parseReport(opts.prior.report, '--prior'));
    source = 'report';
  } else {
    suspects = opts.prior.suspects.filter((s) => typeof s?.commit === 'string' && Number.isFinite(s.confidence) && s.confidence >= 0 && s.confidence <= 1);
    source = 'suspects';
  }
  const where = await candidateIndexOf(set, suspects.map((s) => s.commit), signal);
  const weights = new Map<number, number>();
  let outside = 0;
  for (const s of suspects) {
    const i = where.get(s.commit);
    if (i === undefined) outside++;
    else weights.set(i, (weights.get(i) ?? 0) + s.confidence);
  }
  // What the suspects leave over goes to the other candidates; suspects outside the range are conditioned away.
  const rest = Math.max(0, 1 - suspects.reduce((a, s) => a + s.confidence, 0));
  const prior = buildPrior(n, weights, { rest });
  let mass = 0;
  for (const i of weights.keys()) mass += prior[i];
  return { prior, info: { source, file, suspectsUsed: suspects.length - outside, suspectsOutsideRange: outside, mass: round(mass, 6) } };
}

function contradiction(probes: Probe[], opts: BisectOptions): EngineError {
  const last = probes.slice(-3).map((p) => `${p.commit.slice(0, 12)} ${p.outcome}`).join(', ');
  const model = opts.flakeRate !== undefined ? `--flake-rate ${opts.flakeRate}` : 'the estimated flake rate';
  return new EngineError(
    'badInput',
    `the test results contradict each other under ${model} with ${opts.falsePassRate ? `--false-pass-rate ${opts.falsePassRate}` : 'trusted PASSes'} (last runs: ${last || 'none'}); leave --flake-rate unset or allow --false-pass-rate`,
    '--test',
  );
}

function assemble(
  set: CandidateSet,
  search: BisectSearch,
  probes: Probe[],
  x: { stopped: StopReason | 'aborted'; abort?: BisectResult['abort']; priorInfo: BisectResult['prior']; confidence: number; maxRuns: number; opts: BisectOptions; started: number },
): BisectResult {
  const c = search.culprit();
  const m = search.post.marginal();
  const found = x.stopped === 'confidence';
  const untestable: string[] = [];
  search.untestable.forEach((u, i) => u && untestable.push(set.commits[i]));
  return {
    schema: BISECT_SCHEMA_ID,
    good: set.goods[0],
    goods: set.goods,
    bad: set.bad,
    candidates: set.commits.length,
    culprit: found ? set.commits[c.index] : null,
    posterior: round(c.p, 6),
    culpritSubject: found ? set.subjects[c.index] : undefined,
    alsoPossible: found ? c.alsoPossible.map((i) => set.commits[i]) : [],
    best: { commit: set.commits[c.index], subject: set.subjects[c.index], posterior: round(c.p, 6) },
    ranking: topRanked(set, m, 5),
    runs: search.runs,
    probes,
    flakeRate: round(x.opts.flakeRate ?? search.post.flakeMean(), 4),
    flakeRateSource: x.opts.flakeRate !== undefined ? 'given' : 'estimated',
    falsePassRate: x.opts.falsePassRate ?? 0,
    stoppedBecause: x.stopped,
    abort: x.abort,
    untestable,
    confidence: x.confidence,
    maxRuns: x.maxRuns,
    firstParent: set.firstParent,
    prior: x.priorInfo,
    durationMs: Date.now() - x.started,
  };
}

/** The k most likely culprits (a partial selection: n can be large, k is small). */
function topRanked(set: CandidateSet, m: Float64Array, k: number): RankedCommit[] {
  const top: number[] = [];
  for (let i = 0; i < m.length; i++) {
    if (top.length === k && m[i] <= m[top[k - 1]]) continue;
    top.push(i);
    top.sort((a, b) => m[b] - m[a]);
    if (top.length > k) top.pop();
  }
  return top.map((i) => ({ commit: set.commits[i], subject: set.subjects[i], posterior: round(m[i], 6) }));
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
