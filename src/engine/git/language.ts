import type { Language } from '../model';

const BY_EXT: Record<string, Language> = {
  go: 'go',
  ts: 'typescript', tsx: 'typescript', mts: 'typescript', cts: 'typescript',
  js: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript',
  py: 'python',
  java: 'java',
};

/** The language of a repository path, by extension. */
export function languageOf(path: string): Language {
  const m = /\.([A-Za-z0-9]+)$/.exec(path);
  return (m && BY_EXT[m[1].toLowerCase()]) || 'other';
}
