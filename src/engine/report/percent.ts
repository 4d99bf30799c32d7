/**
 * A model's probability as a percentage. A calibrated probability is never
 * certainty: 0.997 prints as ">99%", not "100%", and 0.003 as "<1%".
 */
export function probabilityPercent(p: number): string {
  if (!Number.isFinite(p)) return '–';
  if (p >= 0.995 && p < 1) return '>99%';
  if (p > 0 && p < 0.005) return '<1%';
  return `${Math.round(p * 100)}%`;
}
