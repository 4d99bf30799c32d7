import { runAnalyzeCommand, ANALYZE_USAGE } from './analyzeCommand';
import { runBisectCommand, BISECT_USAGE } from './bisectCommand';
import { runDemoCommand, DEMO_USAGE } from './demoCommand';
import { EXIT, processIo, reportFailure, UsageError, type CliIo } from './io';
import { runRevertCommand, REVERT_USAGE } from './revertCommand';

const USAGE = `usage:
  ${ANALYZE_USAGE}
  ${BISECT_USAGE}
  ${REVERT_USAGE}
  ${DEMO_USAGE}`;

/** The CLI's dispatcher: `incident-forensics <command> [flags]`. Returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo, signal?: AbortSignal): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'analyze': return await runAnalyzeCommand(rest, io, signal);
      case 'bisect': return await runBisectCommand(rest, io, signal);
      case 'revert': return await runRevertCommand(rest, io);
      case 'demo': return await runDemoCommand(rest, io, signal);
      case undefined: case '-h': case '--help': case 'help':
        io.stdout(USAGE + '\n');
        return cmd === undefined ? EXIT.badInput : EXIT.ok;
      default:
        throw new UsageError(`unknown command "${cmd}"\n${USAGE}`);
    }
  } catch (e) {
    return reportFailure(e, io);
  }
}

/** Runs the CLI on this process's arguments and sets its exit code. */
export function runCli(): void {
  const ac = new AbortController();
  // Ctrl-C cancels cleanly (the bisect removes its worktree); a second one exits at once.
  process.once('SIGINT', () => { ac.abort(); process.once('SIGINT', () => process.exit(130)); });
  process.once('SIGTERM', () => ac.abort());
  main(process.argv.slice(2), processIo, ac.signal).then((code) => { process.exitCode = code; });
}

if (require.main === module) runCli();
