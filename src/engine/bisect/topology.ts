/**
 * The shape of the candidate history, for the posterior: which candidates a
 * test at commit j "sees". Hypothesis i ("candidate i introduced the failure")
 * makes commit j fail iff i is j or one of j's ancestors. On a linear history
 * (or a first-parent walk) that set is the prefix 0..j; on a DAG it is found by
 * walking parents. Pure data, no git.
 */

/** The candidates a probe at j would show as broken, if the culprit is among them. */
export type Affected = { kind: 'prefix'; end: number } | { kind: 'set'; members: Int32Array };

export class Topology {
  readonly n: number;
  readonly linear: boolean;
  readonly children: number[][];
  private readonly cache = new Map<number, Int32Array>();

  /**
   * @param parents for each candidate (oldest first, parents before children),
   *   the indices of its parents that are themselves candidates.
   */
  constructor(readonly parents: number[][]) {
    this.n = parents.length;
    this.children = parents.map(() => []);
    let linear = true;
    parents.forEach((ps, i) => {
      for (const p of ps) {
        if (p < 0 || p >= i) throw new Error(`candidate ${i} has parent ${p} out of topological order`);
        this.children[p].push(i);
      }
      if (i === 0 ? ps.length !== 0 : ps.length !== 1 || ps[0] !== i - 1) linear = false;
    });
    this.linear = linear;
  }

  static chain(n: number): Topology {
    return new Topology(Array.from({ length: n }, (_, i) => (i === 0 ? [] : [i - 1])));
  }

  affected(j: number): Affected {
    if (this.linear) return { kind: 'prefix', end: j };
    return { kind: 'set', members: this.ancestorsOf(j) };
  }

  /** j and every candidate it descends from, ascending. */
  ancestorsOf(j: number): Int32Array {
    const hit = this.cache.get(j);
    if (hit) return hit;
    const seen = new Uint8Array(this.n);
    const stack = [j];
    seen[j] = 1;
    let count = 1;
    while (stack.length) {
      const k = stack.pop() as number;
      for (const p of this.parents[k]) {
        if (!seen[p]) {
          seen[p] = 1;
          count++;
          stack.push(p);
        }
      }
    }
    const out = new Int32Array(count);
    let w = 0;
    for (let i = 0; i <= j; i++) if (seen[i]) out[w++] = i;
    // Caching every set is O(n^2) memory; keep it only while that stays small.
    if (this.n <= 3000) this.cache.set(j, out);
    return out;
  }

  /** Whether candidate i is j or an ancestor of j. */
  isAffected(i: number, j: number): boolean {
    if (this.linear) return i <= j;
    if (i > j) return false;
    const a = this.ancestorsOf(j);
    let lo = 0;
    let hi = a.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid] === i) return true;
      if (a[mid] < i) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}
