import type { Outcome, Summary } from './scoring';
import { groups, summarize } from './scoring';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
}

const HEAD = ['', 'n', 'top1', 'top3', 'top5', 'file', 'line', 'noCul', 'FA>0.5', 'ECE', 'Brier', 'med ms', 'p95 ms', 'crash'];
const W = [34, 4, 7, 7, 7, 7, 7, 5, 7, 6, 6, 7, 7, 5];

function row(label: string, s: Summary): string {
  return pad([label, String(s.n), pct(s.top1), pct(s.top3), pct(s.top5), pct(s.fileHit), pct(s.lineHit), String(s.noCulpritN), s.noCulpritN ? pct(s.falseAccusation) : '-', s.ece.toFixed(3), s.brier.toFixed(3), s.medianMs.toFixed(0), s.p95Ms.toFixed(0), String(s.crashes)], W);
}

/** The side-by-side table of the tool and the baseline, overall and per class and tag. */
export function renderTables(title: string, tool: Outcome[], base: Outcome[]): string {
  const out: string[] = [`== ${title} ==`, pad(HEAD, W)];
  out.push(row('tool (all)', summarize(tool)), row('baseline (all)', summarize(base)));
  const tg = groups(tool);
  const bg = groups(base);
  out.push('', pad(['by class / tag (tool | baseline top1)', 'n', 'top1', 'top3', 'top5', 'file', 'line', 'noCul', 'FA>0.5', 'ECE', 'Brier', 'med ms', 'p95 ms', 'crash'], W));
  for (const [k, g] of tg) {
    const s = summarize(g);
    const b = summarize(bg.get(k) ?? []);
    out.push(row(`${k} | ${b.culpritN ? pct(b.top1) : '-'}`, s));
  }
  return out.join('\n');
}

export function renderReliability(title: string, s: Summary): string {
  const out = [`reliability (${title}): bin  n  mean-confidence  accuracy`];
  for (const b of s.reliability) out.push(`  [${b.lo.toFixed(1)}, ${b.hi.toFixed(1)})  ${String(b.n).padStart(3)}  ${b.n ? b.meanP.toFixed(3) : '  -  '}  ${b.n ? b.accuracy.toFixed(3) : '  -'}`);
  return out.join('\n');
}
