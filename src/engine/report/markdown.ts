import type { Report } from './reportSchema';
import { probabilityPercent } from './percent';

/**
 * The Markdown report in the seed's layout: root cause, technical issue with
 * the code excerpt, evidence, blast radius, recommendation, confidence, step
 * timings. Every figure comes from the report; nothing is invented.
 */
export function renderMarkdown(r: Report): string {
  const out: string[] = [];
  const top = r.suspects[0];
  const rc = r.rootCause;
  const pct = probabilityPercent;
  out.push(`# Incident Forensics Report — ${esc(r.incident.id)}`, '');
  out.push(`- **Service:** ${esc(r.incident.service)}`, `- **Metric:** ${esc(r.incident.metric)}${r.incident.actualValue !== undefined ? ` = ${r.incident.actualValue}` : ''}${r.incident.threshold !== undefined ? ` (threshold ${r.incident.threshold})` : ''}`);
  out.push(`- **Alert:** ${r.incident.alertTime} (${esc(r.incident.source)})`, `- **Generated:** ${r.generatedAt ?? ''}`, `- **Analysis duration:** ${(r.durationMs / 1000).toFixed(2)} s`, '');
  out.push('## Root cause', '');
  if (rc && top) {
    out.push(`- **Commit:** \`${rc.commit}\``, `- **Author:** ${esc(top.author)}${top.authorEmail ? ` <${esc(top.authorEmail)}>` : ''}`, `- **Date:** ${top.date}`, `- **Message:** ${esc(top.subject)}`, `- **Confidence:** ${pct(rc.confidence)}`, '');
  } else if (top) {
    out.push(`No root cause identified with enough confidence. Most likely suspect: \`${top.commit.slice(0, 7)}\` ${esc(top.subject)} (${pct(top.confidence)}).`, '');
  } else {
    out.push('No commit in scope within the look-back window.', '');
  }
  if (rc?.file) {
    out.push('## Technical issue', '', `- **File:** \`${code(rc.file)}\``, `- **Line:** ${rc.line}`, `- **Problem:** ${esc(rc.message ?? rc.pattern ?? '')} (${rc.pattern})`, '');
    if (rc.excerpt) out.push('```', rc.excerpt.replace(/```/g, "'''"), '```', '');
  }
  out.push('## Evidence', '');
  if (top) {
    top.signals.filter((s) => s.weight !== 0).sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
      .forEach((s, i) => out.push(`${i + 1}. **${s.kind}** (weight ${s.weight.toFixed(2)}): ${esc(s.detail)}`));
    for (const f of top.findings) out.push(`- Finding ${f.pattern} at \`${code(f.file)}:${f.line}\`: ${esc(f.message)} (detector confidence ${pct(f.confidence)})`);
  }
  const logs = r.logs;
  if (logs.files.length) {
    out.push('', `Logs: ${logs.linesScanned} lines scanned in ${logs.files.length} file(s), ${logs.linesSkipped} not understood, ${logs.errors} errors${logs.firstErrorAt ? `, first at ${logs.firstErrorAt}` : ''}.`);
    for (const c of logs.correlations.slice(0, 8)) {
      out.push(`- \`${code(c.file)}:${c.line}\` ×${c.count} from ${c.firstAt}${c.before !== undefined ? ` (${c.before} before / ${c.after} after the suspect went live)` : ''}${c.commit ? ` — line from ${c.commit.slice(0, 7)}` : ''}: ${esc((c.message ?? '').slice(0, 160))}`);
    }
    for (const t of logs.newSignatures ?? []) out.push(`- New after the suspect went live: "${esc(t.template.slice(0, 160))}" ×${t.count} from ${t.firstAt}`);
  }
  if (r.metrics.length) {
    out.push('', '| Metric | Before avg | After avg | Before p95 | After p95 | Change | Change point |', '|---|---|---|---|---|---|---|');
    for (const m of r.metrics) {
      out.push(`| ${esc(m.name)} | ${fmt(m.before.avg)} | ${fmt(m.after.avg)} | ${fmt(m.before.p95)} | ${fmt(m.after.p95)} | ${m.changePercent === null ? 'n/a' : `${m.changePercent >= 0 ? '+' : ''}${m.changePercent.toFixed(0)}%`} | ${m.changePointAt ?? '—'}${m.changePointDistanceMinutes !== undefined ? ` (${m.changePointDistanceMinutes.toFixed(0)} min from deploy)` : ''} |`);
    }
  }
  out.push('', '## Blast radius', '');
  for (const [k, v] of Object.entries(r.blastRadius)) out.push(`- **${k}:** ${esc(typeof v === 'string' ? v : JSON.stringify(v))}`);
  out.push('', '## Recommendation', '');
  const rec = r.recommendation as Record<string, unknown>;
  out.push(`- **Action:** ${rec.action}`);
  if (rec.revertCommand) out.push(`- **Revert:** \`${rec.revertCommand}\` (prepares a branch; never pushes) or \`${rec.gitRevert}\``);
  if (rec.confirmCommand) out.push(`- **Confirm first:** \`${rec.confirmCommand}\``);
  const fix = rec.suggestedFix as { title: string; file: string; startLine: number; endLine: number; replacement: string } | undefined;
  if (fix) out.push(`- **Suggested fix:** ${esc(fix.title)} (\`${code(fix.file)}:${fix.startLine}${fix.endLine !== fix.startLine ? `-${fix.endLine}` : ''}\`)${fix.replacement ? `\n\n\`\`\`\n${fix.replacement}\n\`\`\`` : ''}`);
  out.push('', '## Suspects', '', '| Rank | Commit | Confidence | Subject | Author |', '|---|---|---|---|---|');
  for (const s of r.suspects.slice(0, 10)) out.push(`| ${s.rank} | \`${s.commit.slice(0, 7)}\` | ${pct(s.confidence)} | ${esc(s.subject)} | ${esc(s.author)} |`);
  out.push('', `Confidence is a probability from a model ${r.calibration ? `(${esc(r.calibration.model)}, fitted on ${esc(r.calibration.fittedOn)})` : ''} over ${r.scope.commitsInScope} in-scope commits and a "none of them" option.`);
  out.push('', '## Scope and timings', '', `- Scope: ${r.scope.paths.map((p) => `\`${code(p)}\``).join(', ')} (${r.scope.resolvedBy ?? ''}); ${r.scope.commitsInScope} of ${r.scope.commitsScanned} commits from ${r.scope.since} to ${r.scope.until}`);
  out.push(`- Deployments: ${r.deployments.length}`);
  if (r.deployments.length) {
    out.push('', '| Deployed | Ref | Commits shipped | Errors while live | New message kinds |', '|---|---|---|---|---|');
    for (const d of r.deployments.slice(-8)) {
      out.push(`| ${d.time} | ${esc(d.ref ?? d.commit.slice(0, 7))} | ${d.commits.length} | ${d.errorsWhileLive ?? '—'} | ${d.newSignatures ?? '—'} |`);
    }
    out.push('');
  }
  for (const [k, v] of Object.entries(r.timings)) out.push(`- ${k}: ${v} ms`);
  return out.join('\n') + '\n';
}

/** Markdown/HTML-significant characters from untrusted text are escaped. */
function esc(s: string): string {
  return s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!).replace(/([|`*_[\]])/g, '\\$1').replace(/\r?\n/g, ' ');
}

/** Text for inside a code span: backticks and line breaks cannot appear there; nothing else needs escaping. */
function code(s: string): string {
  return s.replace(/`/g, "'").replace(/\r?\n/g, ' ');
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2);
}
