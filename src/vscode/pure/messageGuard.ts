import { z } from 'zod';
import type { TabId, WebviewToHost } from '../../protocol/reportProtocol';
import { leavesRepo } from './git';

/**
 * Validates what the webview posts before the host acts on it. The webview is
 * our own script, but it renders repository data, so its messages are input
 * like any other: bounded strings, hex commits, repository-relative paths.
 */
const TABS = ['summary', 'suspects', 'logs', 'metrics', 'bisect'] as const satisfies readonly TabId[];
const commit = z.string().regex(/^[0-9a-f]{7,40}$/);
const repoPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !leavesRepo(p), 'path leaves the repository');

const schema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), version: z.number().int() }),
  z.object({
    type: z.literal('openLocation'),
    location: z.object({ file: repoPath, line: z.number().int().min(1).max(10_000_000), commit: commit.optional() }),
  }),
  z.object({ type: z.literal('openDiff'), commit, file: repoPath.optional() }),
  z.object({ type: z.literal('revert'), commit }),
  z.object({ type: z.literal('bisect') }),
  z.object({ type: z.literal('tab/didChange'), tab: z.enum(TABS) }),
  z.object({ type: z.literal('log'), level: z.enum(['info', 'warn', 'error']), message: z.string().max(10_000) }),
]);

// Compile-time check that the schema and the protocol union agree both ways.
type Parsed = z.infer<typeof schema>;
const _sameShape: [Parsed] extends [WebviewToHost] ? ([WebviewToHost] extends [Parsed] ? true : never) : never = true;
void _sameShape;

export type GuardResult = { ok: true; message: WebviewToHost } | { ok: false; error: string };

export function parseWebviewMessage(raw: unknown): GuardResult {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, message: r.data };
  const issue = r.error.issues[0];
  return { ok: false, error: `${issue.path.join('.') || 'message'}: ${issue.message}` };
}
