import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EngineError } from '../errors';
import { forensicsConfigSchema, type ForensicsConfig } from './configSchema';

export const CONFIG_FILE = '.forensics.json';

/**
 * Reads `.forensics.json` at the repository root (or `file`). A missing file
 * is an empty config; a broken one is bad input, named with its first problem.
 */
export async function loadConfig(repoDir: string, file?: string): Promise<ForensicsConfig> {
  const path = file ?? join(repoDir, CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (!file && (e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new EngineError('badInput', `cannot read config: ${(e as Error).message}`, path);
  }
  return parseConfig(text, path);
}

export function parseConfig(text: string, where: string): ForensicsConfig {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new EngineError('badInput', `config is not valid JSON: ${(e as Error).message}`, where);
  }
  const parsed = forensicsConfigSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EngineError('badInput', `config field ${issue.path.join('.') || '(root)'}: ${issue.message}`, where);
  }
  return parsed.data;
}
