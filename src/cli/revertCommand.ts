import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { prepareRevertBranch } from '../engine/git/revert';
import { EXIT, UsageError, type CliIo } from './io';

export const REVERT_USAGE = 'incident-forensics revert [--repo DIR] --commit SHA [--branch NAME] [--incident ID]';

export async function runRevertCommand(argv: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { repo: { type: 'string' }, commit: { type: 'string' }, branch: { type: 'string' }, incident: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\nusage: ${REVERT_USAGE}`);
  }
  if (values.help) { io.stdout(REVERT_USAGE + '\n'); return EXIT.ok; }
  if (!values.commit) throw new UsageError(`--commit is required\nusage: ${REVERT_USAGE}`);
  const r = await prepareRevertBranch(resolve(values.repo ?? '.'), values.commit, { branch: values.branch, incidentId: values.incident });
  io.stdout(`Prepared branch ${r.branch} with revert commit ${r.revertCommit.slice(0, 7)} of ${r.reverted.slice(0, 7)}.\n`
    + `Your checkout was not changed and nothing was pushed. Review with: git log -p -1 ${r.branch}\n`);
  return EXIT.ok;
}
