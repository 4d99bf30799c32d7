// Bundles the extension-host test tier into out/integration/: the launcher
// (plain Node, uses @vscode/test-electron) and the suite (runs inside VS Code,
// `vscode` and `mocha` external). Also builds the extension itself.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';

execFileSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node18', sourcemap: true, logLevel: 'warning' };
await Promise.all([
  esbuild.build({ ...common, entryPoints: ['test/integration/runTests.ts'], outfile: 'out/integration/runTests.js', external: ['@vscode/test-electron'] }),
  esbuild.build({ ...common, entryPoints: ['test/integration/index.ts'], outfile: 'out/integration/suite.js', external: ['vscode', 'mocha'] }),
]);
