import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { EngineError } from '../errors';

/**
 * Resolves a path that came from a repository's own config against the
 * repository root and refuses one that leaves it (`..`, absolute paths
 * elsewhere, symlinks out): a cloned repository must not make us read
 * arbitrary files.
 */
export function confinedPath(root: string, p: string, where: string): string {
  const full = resolve(root, p);
  const rootReal = safeReal(root);
  const real = safeReal(full);
  const rel = relative(rootReal, real);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new EngineError('outsideWorkspace', `"${p}" resolves outside the repository`, where);
  }
  return full;
}

function safeReal(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p); // not there (yet): judge the path itself
  }
}
