import { chooseProbe, Posterior, stopDecision, type NoiseModel, type StopReason } from './posterior';
import type { Topology } from './topology';

/**
 * The search's decisions, without git or processes: which commit to test
 * next, what a result means, when to stop. The orchestrator (bisect.ts) and
 * the simulation benchmark drive the same object.
 */

export type Verdict = 'good' | 'bad' | 'skip';

export type Decision = { probe: number; forced: boolean; gainBits: number } | { stop: StopReason };

export interface CulpritGroup {
  /** The candidate reported (the testable one when untestable commits were merged into it). */
  index: number;
  p: number;
  /** Untestable candidates that no test can tell apart from `index` (they come right before it). */
  alsoPossible: number[];
}

export class BisectSearch {
  readonly post: Posterior;
  runs = 0;
  readonly untestable: Uint8Array;
  /** -1, or the candidate an untestable one's mass moved to. */
  readonly absorbedInto: Int32Array;
  readonly fails: Int32Array;
  readonly passes: Int32Array;
  private readonly passedAt: number[] = [];

  constructor(
    readonly topo: Topology,
    prior: Float64Array,
    noise: NoiseModel,
    readonly cfg: { confidence: number; maxRuns: number },
  ) {
    if (prior.length !== topo.n) throw new Error('prior and topology differ in size');
    this.post = new Posterior(prior, noise);
    this.untestable = new Uint8Array(topo.n);
    this.absorbedInto = new Int32Array(topo.n).fill(-1);
    this.fails = new Int32Array(topo.n);
    this.passes = new Int32Array(topo.n);
  }

  get n(): number {
    return this.topo.n;
  }

  culprit(): CulpritGroup {
    const top = this.post.top();
    const alsoPossible: number[] = [];
    for (let i = 0; i < this.n; i++) if (this.rootOf(i) === top.index && i !== top.index) alsoPossible.push(i);
    return { index: top.index, p: top.p, alsoPossible };
  }

  decide(): Decision {
    const top = this.culprit();
    if (top.p >= this.cfg.confidence) {
      const missing = this.missingProof(top);
      if (missing === null) return { stop: 'confidence' };
      if (this.runs < this.cfg.maxRuns && missing >= 0) return { probe: missing, forced: true, gainBits: 0 };
      if (missing < 0) return { stop: 'confidence' };
    }
    if (this.runs >= this.cfg.maxRuns) return { stop: 'budget' };
    const options: number[] = [];
    // The bad end is broken under every hypothesis: testing it teaches nothing about the culprit.
    for (let j = 0; j < this.n - 1; j++) if (!this.untestable[j]) options.push(j);
    const choice = chooseProbe(this.post, this.topo, sample(options, this.topo.linear ? Infinity : 400, top.index));
    const reason = stopDecision({ topP: top.p, confidence: this.cfg.confidence, proven: false, runs: this.runs, maxRuns: this.cfg.maxRuns, bestGainBits: choice?.gainBits ?? null });
    if (reason) return { stop: reason };
    return { probe: (choice as NonNullable<typeof choice>).index, forced: false, gainBits: (choice as NonNullable<typeof choice>).gainBits };
  }

  /** Records a run at candidate j. Throws Contradiction when the runs cannot all be true. */
  record(j: number, verdict: Verdict): void {
    this.runs++;
    if (verdict === 'skip') {
      this.markUntestable(j);
      return;
    }
    const failed = verdict === 'bad';
    if (failed) this.fails[j]++;
    else {
      this.passes[j]++;
      this.passedAt.push(j);
    }
    this.post.observe(this.topo.affected(j), failed);
  }

  /** Records a run at a commit whose state is given (a good end, or the bad end). */
  recordKnown(trulyBroken: boolean, failed: boolean): void {
    this.runs++;
    this.post.observeKnown(trulyBroken, failed);
  }

  /**
   * An untestable commit whose only child (among candidates) is c can never be
   * told apart from c: its mass moves to c (to c's own target, if c is
   * untestable too), and it is reported beside c as "also possible".
   */
  private markUntestable(j: number): void {
    if (this.untestable[j]) return;
    this.untestable[j] = 1;
    const kids = this.topo.children[j];
    if (kids.length === 1) {
      const to = this.rootOf(kids[0]);
      this.post.absorb(j, to);
      this.absorbedInto[j] = to;
    }
    // Earlier untestable commits that pointed at j now point past it.
    for (let i = 0; i < this.n; i++) if (this.absorbedInto[i] === j && this.absorbedInto[j] >= 0) this.absorbedInto[i] = this.absorbedInto[j];
  }

  private rootOf(i: number): number {
    let k = i;
    while (this.absorbedInto[k] >= 0) k = this.absorbedInto[k];
    return k;
  }

  /**
   * What still has to be run before the top candidate counts as proven: null
   * when nothing (it FAILed, or is the bad end, and every parent outside its
   * group PASSed or has a PASSing descendant); the candidate to test; or -1
   * when the missing piece cannot be tested.
   */
  private missingProof(top: CulpritGroup): number | null {
    const c = top.index;
    const isBadEnd = c === this.n - 1;
    if (!isBadEnd && this.fails[c] === 0) return this.untestable[c] ? -1 : c;
    const group = new Set([c, ...top.alsoPossible]);
    let untestableGap = false;
    for (const g of group) {
      for (const par of this.topo.parents[g]) {
        if (group.has(par) || this.provenGood(par)) continue;
        if (!this.untestable[par]) return par;
        untestableGap = true;
      }
    }
    return untestableGap ? -1 : null;
  }

  private provenGood(i: number): boolean {
    if (this.passes[i] > 0) return true;
    if (this.post.noise.falsePass > 0) return false;
    return this.passedAt.some((k) => this.topo.isAffected(i, k));
  }
}

/** On large DAGs, evaluate a spread of options (always including those next to the top candidate). */
function sample(options: number[], max: number, near: number): number[] {
  if (options.length <= max) return options;
  const step = options.length / max;
  const out = new Set<number>();
  for (let k = 0; k < max; k++) out.add(options[Math.floor(k * step)]);
  for (const j of options) if (Math.abs(j - near) <= 8) out.add(j);
  return [...out];
}
