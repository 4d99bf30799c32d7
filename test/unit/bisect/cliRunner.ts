/** Runs `incident-forensics bisect` in a child process, for the signal tests (not a test file itself). */
import { runBisectCommand } from '../../../src/cli/bisectCommand';

void runBisectCommand(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTty: false,
}).then((code) => {
  process.exitCode = code;
});
