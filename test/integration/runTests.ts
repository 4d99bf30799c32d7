/**
 * Extension-host tests (`npm run test:integration`): downloads a VS Code build
 * with @vscode/test-electron, so it needs the internet (it cannot run on the
 * project's offline CI machines; test/e2e covers the same flow there with
 * code-server). Builds the payment-gateway demo incident as the workspace.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildDemo } from '../../src/scenarios/demo/buildDemo';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..');
  const demoDir = mkdtempSync(join(tmpdir(), 'ifx-integration-'));
  const [demo] = await buildDemo(demoDir, 'payment-gateway');
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'integration', 'suite.js'),
    launchArgs: [demo.repoDir, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    extensionTestsEnv: { IFX_DEMO: JSON.stringify(demo) },
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
