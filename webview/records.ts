/**
 * Open-ended report records (blast radius, recommendation) as text for the
 * Summary tab. Pure, like viewModel.ts.
 */
import { fmtNum, shortSha } from './format';

function firstString(o: Record<string, unknown>, keys: string[]): string | undefined {
  for (const k of keys) if (typeof o[k] === 'string' && o[k]) return o[k] as string;
  return undefined;
}

export interface RecommendationModel {
  headline: string;
  /** Shell commands to copy (revert, confirm with bisect…). */
  commands: [string, string][];
  fix?: string;
  details: [string, string][];
}

/** `{action: 'REVERT', commit, revertCommand, gitRevert, suggestedFix}` → a headline, commands and the fix. */
export function recommendationModel(rec: Record<string, unknown>): RecommendationModel {
  const action = typeof rec.action === 'string' ? rec.action : undefined;
  const commit = typeof rec.commit === 'string' ? rec.commit : undefined;
  const reason = typeof rec.reason === 'string' ? rec.reason : undefined;
  const human = action ? action.toLowerCase().replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()) : undefined;
  const headline =
    firstString(rec, ['text', 'summary']) ?? [human && commit ? `${human} ${shortSha(commit)}` : human, reason].filter(Boolean).join(': ') ?? '';
  const commands: [string, string][] = [];
  const details: [string, string][] = [];
  let fix: string | undefined;
  for (const [k, v] of Object.entries(rec)) {
    if (v === undefined || v === null || ['text', 'summary', 'action', 'commit', 'reason'].includes(k)) continue;
    if (typeof v === 'string' && (/command$/i.test(k) || /^git/.test(k))) commands.push([k.replace(/([A-Z])/g, ' $1').toLowerCase(), v]);
    else if (k === 'suggestedFix' && typeof v === 'object') {
      const f = v as Record<string, unknown>;
      const where = typeof f.file === 'string' ? ` (${f.file}${typeof f.startLine === 'number' ? `:${f.startLine}${f.endLine !== f.startLine ? `–${String(f.endLine)}` : ''}` : ''})` : '';
      fix = `${typeof f.title === 'string' ? f.title : 'Suggested fix'}${where}`;
    } else details.push(...flatten({ [k]: v }));
  }
  return { headline: headline || 'No recommendation.', commands, fix, details };
}

/** `{name: 'p95', changePercent: 136.2}` → `p95 (changePercent 136.2)`. */
function inline(o: Record<string, unknown>): string {
  const name = typeof o.name === 'string' ? o.name : undefined;
  const rest = Object.entries(o)
    .filter(([k, v]) => k !== 'name' && v !== undefined && v !== null)
    .map(([k, v]) => `${k} ${typeof v === 'number' ? fmtNum(v) : typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  return name ? (rest.length ? `${name} (${rest.join(', ')})` : name) : rest.join(', ');
}

/** Renders an open-ended record (blast radius, recommendation) as label/value text pairs. */
export function flatten(o: Record<string, unknown>, prefix = '', depth = 0): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(o)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v === null || v === undefined) continue;
    if (Array.isArray(v)) out.push([key, v.map((x) => (x && typeof x === 'object' ? inline(x as Record<string, unknown>) : String(x))).join(', ')]);
    else if (typeof v === 'object' && depth < 2) out.push(...flatten(v as Record<string, unknown>, key, depth + 1));
    else if (typeof v === 'object') out.push([key, JSON.stringify(v)]);
    else out.push([key, typeof v === 'number' ? fmtNum(v) : String(v)]);
  }
  return out;
}
