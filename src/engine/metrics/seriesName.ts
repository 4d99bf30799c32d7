/** `name{a="1",b="2"}` (labels sorted, __name__ left out), the PromQL way of naming one series. */
export function seriesLabelText(labels: Record<string, string>): string {
  const keys = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort();
  if (keys.length === 0) return '';
  return `{${keys.map((k) => `${k}=${JSON.stringify(labels[k])}`).join(',')}}`;
}

/**
 * File name up to its first dot, without directories: `/x/db_pool_active.csv`
 * → `db_pool_active`, `latency.query_range.json` → `latency` (metric names
 * have no dots, so everything after one is decoration).
 */
export function baseName(path: string): string {
  const last = path.split(/[\\/]/).filter(Boolean).pop() ?? path;
  const dot = last.indexOf('.', 1);
  return dot > 0 ? last.slice(0, dot) : last;
}

/**
 * Names series: `__name__` when present, else `fallback`; a name shared by
 * several series gets its labels appended so every name is unique.
 */
export function nameSeries(labelSets: Record<string, string>[], fallback: string): string[] {
  const plain = labelSets.map((l) => l.__name__ || fallback);
  const count = new Map<string, number>();
  for (const p of plain) count.set(p, (count.get(p) ?? 0) + 1);
  return plain.map((p, i) => (count.get(p)! > 1 ? p + seriesLabelText(labelSets[i]!) : p));
}
