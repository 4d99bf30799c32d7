import type { MetricSeries } from '../model';

/**
 * Folds series that share a metric name (one per pod or instance, as
 * Prometheus returns them) into one: the mean of the series present at each
 * timestamp. Pods come and go at deploys; the mean stays comparable across
 * them where a sum would jump with the pod count.
 */
export function aggregateByName(series: MetricSeries[]): MetricSeries[] {
  const groups = new Map<string, MetricSeries[]>();
  for (const s of series) groups.set(s.name, [...(groups.get(s.name) ?? []), s]);
  const out: MetricSeries[] = [];
  for (const [name, group] of groups) {
    if (group.length === 1) { out.push(group[0]); continue; }
    const acc = new Map<number, { sum: number; n: number }>();
    for (const s of group) {
      for (const p of s.points) {
        const a = acc.get(p.t) ?? { sum: 0, n: 0 };
        a.sum += p.v;
        a.n++;
        acc.set(p.t, a);
      }
    }
    const points = [...acc].sort((a, b) => a[0] - b[0]).map(([t, a]) => ({ t, v: a.sum / a.n }));
    out.push({ name: `${name} (mean of ${group.length} series)`, labels: { __aggregated__: String(group.length) }, points, source: group[0].source });
  }
  return out;
}
