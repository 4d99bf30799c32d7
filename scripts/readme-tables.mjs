// Regenerates the Commands and Settings tables in README.md from package.json
// (between the <!-- COMMANDS --> and <!-- SETTINGS --> markers), so the
// README documents every command and setting the manifest contributes.
// `--check` exits 1 when the README is out of date (the unit tests run it).
import { readFileSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const readmeUrl = new URL('../README.md', import.meta.url);
const readme = readFileSync(readmeUrl, 'utf8');
const c = pkg.contributes ?? {};
const cell = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

const commands = ['| Command | Title | Needs a trusted workspace |', '|---|---|---|',
  ...(c.commands ?? []).map((x) => `| \`${x.command}\` | ${x.category ? `${x.category}: ` : ''}${cell(x.title)} | ${/\bisWorkspaceTrusted\b/.test(x.enablement ?? '') ? 'yes' : 'no'} |`)].join('\n');
const props = Object.assign({}, ...[c.configuration ?? []].flat().map((x) => x.properties ?? {}));
const settings = ['| Setting | Default | Description |', '|---|---|---|',
  ...Object.entries(props).map(([k, v]) => `| \`${k}\` | ${v.default === undefined ? "(unset)" : `\`${cell(JSON.stringify(v.default))}\``} | ${cell(v.markdownDescription ?? v.description)} |`)].join('\n');

const replace = (text, marker, body) => text.replace(new RegExp(`(<!-- ${marker} -->)[\\s\\S]*?(<!-- /${marker} -->)`), `$1\n${body}\n$2`);
const next = replace(replace(readme, 'COMMANDS', commands), 'SETTINGS', settings);
if (process.argv.includes('--check')) {
  if (next !== readme) { console.error('README.md tables are out of date: run node scripts/readme-tables.mjs'); process.exit(1); }
} else {
  writeFileSync(readmeUrl, next);
}
