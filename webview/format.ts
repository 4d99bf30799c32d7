/** Text formats shared by the tabs (pure). */
export const shortSha = (sha: string) => sha.slice(0, 7);
/** A probability is never shown as certainty: the engine's own formatting (pure, no Node imports). */
export { probabilityPercent as percent } from '../src/engine/report/percent';

/** `2024-01-18 09:15:00Z`: UTC, so every reader sees the same times as the logs. */
export function fmtTime(iso: string | number): string {
  const t = typeof iso === 'number' ? iso : Date.parse(iso);
  if (!Number.isFinite(t)) return String(iso);
  return new Date(t).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}

export function fmtNum(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : String(Math.round(n * 100) / 100);
}
