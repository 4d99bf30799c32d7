import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';

/**
 * Behaviour through the extension's commands and VS Code's own provider
 * commands, on the payment-gateway demo (a real git repository). The expected
 * line is found independently: the culprit commit's text of the defect line,
 * looked up in today's file.
 */
interface Demo {
  repoDir: string;
  alertPath: string;
  expected: { commit: string; file: string; line: number; pattern: string };
}
const demo = JSON.parse(process.env.IFX_DEMO ?? '{}') as Demo;
const short = () => demo.expected.commit.slice(0, 7);

function expectedLineToday(): number {
  const then = execFileSync('git', ['show', `${demo.expected.commit}:${demo.expected.file}`], { cwd: demo.repoDir, encoding: 'utf8' }).split('\n')[demo.expected.line - 1];
  const now = readFileSync(join(demo.repoDir, demo.expected.file), 'utf8').split('\n');
  const hits = now.flatMap((l, i) => (l === then ? [i + 1] : []));
  assert.equal(hits.length, 1, `the defect line should be unique today: ${JSON.stringify(then)}`);
  return hits[0];
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'incident-forensics');

describe('Incident Forensics in the extension host', () => {
  const fileUri = () => vscode.Uri.file(join(demo.repoDir, demo.expected.file));

  it('registers its commands', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['run', 'openDemo', 'showLastReport', 'clearAnnotations', 'openSuspectDiff', 'prepareRevert', 'confirmWithBisect']) {
      assert.ok(all.includes(`incidentForensics.${id}`), id);
    }
  });

  it('runs on the demo alert, writes the report and names the planted culprit', async () => {
    const r = (await vscode.commands.executeCommand('incidentForensics.run', { alertPath: demo.alertPath })) as { reportPath: string; rootCause: { commit: string } | null };
    assert.ok(r && existsSync(r.reportPath), 'report written');
    assert.equal(r.rootCause?.commit, demo.expected.commit);
  });

  it('puts the diagnostic on the culprit line as it is today', async () => {
    const line = expectedLineToday();
    const diags = ours(fileUri());
    const d = diags.find((x) => x.code === demo.expected.pattern);
    assert.ok(d, `diagnostic ${demo.expected.pattern} in ${JSON.stringify(diags.map((x) => x.message))}`);
    assert.equal(d.range.start.line + 1, line);
    assert.match(d.message, new RegExp(`^Suspect ${short()} \\(\\d+%\\): `));
    assert.ok((d.relatedInformation ?? []).length > 0);
  });

  it('shows a hover and a CodeLens on the suspect line', async () => {
    const line = expectedLineToday();
    await vscode.window.showTextDocument(fileUri());
    const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', fileUri(), new vscode.Position(line - 1, 4))) as vscode.Hover[];
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, new RegExp(short()));
    const lenses = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', fileUri())) as vscode.CodeLens[];
    assert.ok(lenses.some((l) => l.command?.title.includes(`Suspect ${short()}`) && l.range.start.line === line - 1));
    assert.ok(lenses.some((l) => l.command?.title === 'Revert'));
  });

  it('opens the report panel and the suspect diff', async () => {
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    assert.ok(tabs().some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('incidentForensics.report')));
    await vscode.commands.executeCommand('incidentForensics.openSuspectDiff', { commit: demo.expected.commit, file: demo.expected.file });
    const diff = tabs().find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'incident-forensics-git');
    assert.ok(diff, 'diff tab');
    const right = await vscode.workspace.openTextDocument((diff.input as vscode.TabInputTextDiff).modified);
    assert.ok(right.getText().length > 0);
  });

  it('clears its annotations', async () => {
    await vscode.commands.executeCommand('incidentForensics.clearAnnotations');
    assert.equal(ours(fileUri()).length, 0);
  });

  it('Open Demo Incident builds a demo repository in the folder given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ifx-demo-cmd-'));
    const repo = (await vscode.commands.executeCommand('incidentForensics.openDemo', { dir, which: 'auth-service', noOpen: true })) as string;
    assert.ok(repo && repo.startsWith(dir));
    assert.ok(existsSync(join(repo, '.git')) && existsSync(join(repo, '.forensics')));
  });

  it('refuses command arguments that point outside the workspace', async () => {
    // The error boundary reports it and returns undefined; nothing opens.
    const before = vscode.window.tabGroups.all.flatMap((g) => g.tabs).length;
    await vscode.commands.executeCommand('incidentForensics.openLocation', { repoDir: '/', file: 'etc/passwd', line: 1 });
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).length, before);
  });
});
