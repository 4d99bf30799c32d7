/**
 * A stand-in for `analyze`'s suspect list, used when the real analysis is not
 * available (the benchmark says so in its output). It mimics a calibrated
 * ranking: usually the culprit on top with a confidence near how often that is
 * right, sometimes a decoy on top, sometimes the culprit missing entirely.
 */
export interface IndexSuspect {
  index: number;
  confidence: number;
}

export function standInSuspects(r: () => number, n: number, culprit: number): IndexSuspect[] {
  const out = new Map<number, number>();
  const decoy = (): number => {
    for (let k = 0; k < 20; k++) {
      const j = Math.floor(r() * n);
      if (j !== culprit && !out.has(j)) return j;
    }
    return -1;
  };
  const u = r();
  if (u < 0.75) {
    out.set(culprit, 0.55 + 0.35 * r());
  } else if (u < 0.9) {
    const d = decoy();
    if (d >= 0) out.set(d, 0.4 + 0.4 * r());
    out.set(culprit, 0.05 + 0.2 * r());
  } else {
    const d = decoy();
    if (d >= 0) out.set(d, 0.3 + 0.4 * r());
  }
  const extra = 4 + Math.floor(r() * 6);
  for (let k = 0; k < extra && out.size < n; k++) {
    const d = decoy();
    if (d >= 0) out.set(d, 0.01 + 0.09 * r());
  }
  return [...out].map(([index, confidence]) => ({ index, confidence }));
}
