import Mocha from 'mocha';

/** Entry point VS Code calls inside the extension host (`--extensionTestsPath`). */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, color: true });
  // The suite is bundled, so mocha cannot load files: expose describe/it, then evaluate the tests.
  mocha.suite.emit('pre-require', globalThis, 'extension.integration.test', mocha);
  require('./extension.integration.test');
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
