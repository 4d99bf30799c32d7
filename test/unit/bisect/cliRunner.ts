/** Runs `incident-forensics bisect …` through the CLI's real entry point in a child process, for the signal tests (not a test file itself). */
import { runCli } from '../../../src/cli/main';

process.argv.splice(2, 0, 'bisect');
runCli();
