import { GitWriter } from '../../../src/scenarios/gitWriter';
import { tempDir } from '../../support/tmp';

/**
 * A small repository with kernel-style `Fixes:` trailers covering every
 * filter of the case extraction: a good case, a pure-addition case, and fixes
 * whose culprit is too old, too new, unknown, a merge, not an ancestor, or
 * whose diff touches no source file.
 */
export interface FixtureRepo {
  dir: string;
  base: string;
  old: string;
  culprit: string;
  other1: string;
  other2: string;
  fix: string;
  side: string;
  merge: string;
  culprit2: string;
  pureFix: string;
  fixTooOld: string;
  fixTooNew: string;
  fixUnknown: string;
  fixDocs: string;
  fixNotAncestor: string;
  fixMerge: string;
}

export const T0 = Date.parse('2024-03-01T00:00:00Z');
export const day = (d: number) => new Date(T0 + d * 86_400_000);

const POOL_V0 = `#include <stdio.h>

static int max_conns = 10;

int pool_acquire(struct pool *p)
{
	if (p->used >= max_conns)
		return -1;
	p->used++;
	return 0;
}

int pool_release(struct pool *p)
{
	if (!p)
		return -1;
	p->used--;
	return 0;
}
`;

const NET_V0 = `package net

func Dial(addr string) error {
	return nil
}
`;

let cached: FixtureRepo | undefined;

export function fixtureRepo(): FixtureRepo {
  if (cached) return cached;
  const dir = tempDir('ifx-rw-');
  const w = new GitWriter(dir).init();
  let pool = POOL_V0;
  const edit = (from: string, to: string) => {
    if (!pool.includes(from)) throw new Error(`fixture: no "${from}"`);
    pool = pool.replace(from, to);
    w.write('src/pool.c', pool);
  };
  w.write('src/pool.c', pool).write('src/net.go', NET_V0).write('README.md', '# pool\n');
  const base = w.commit('initial import', { date: day(0) });
  edit('\tp->used--;', '\tp->used -= 1;');
  const old = w.commit('pool: release by subtraction', { date: day(1) });
  edit('if (p->used >= max_conns)', 'if (p->used > max_conns)');
  const culprit = w.commit('pool: allow one more connection', { date: day(40), author: 'Carol Culprit' });
  edit('\tp->used -= 1;', '\tp->used -= 1; /* release */');
  const other1 = w.commit('pool: comment the release', { date: day(41) });
  w.write('src/net.go', NET_V0.replace('return nil', 'return dial(addr)'));
  const other2 = w.commit('net: really dial', { date: day(42) });
  w.checkout('side', true);
  w.write('src/side.c', 'int side(void)\n{\n\treturn 1;\n}\n');
  const side = w.commit('side: add side()', { date: day(43) });
  w.checkout('main');
  edit('if (p->used > max_conns)', 'if (p->used >= max_conns)');
  const fix = w.commit(`pool: fix off-by-one in acquire\n\nFixes: ${culprit.slice(0, 12)} ("pool: allow one more connection")\nSigned-off-by: Fixer <f@example.com>`, { date: day(44) });
  edit('/* release */', '/* released */');
  const fixTooOld = w.commit(`pool: fix the release comment\n\nFixes: ${old.slice(0, 12)} ("pool: release by subtraction")`, { date: day(45) });
  w.write('src/net.go', NET_V0.replace('return nil', 'return dial(addr, 1)'));
  const recent = w.commit('net: dial once', { date: new Date(day(45).getTime() + 3_600_000) });
  w.write('src/net.go', NET_V0.replace('return nil', 'return dial(addr, 2)'));
  const fixTooNew = w.commit(`net: dial twice\n\nFixes: ${recent.slice(0, 12)} ("net: dial once")`, { date: new Date(day(45).getTime() + 3_600_000 + 1_800_000) });
  edit('/* released */', '/* done */');
  const fixUnknown = w.commit('pool: comment\n\nFixes: deadbeefcafe ("from another project")', { date: day(46) });
  w.write('README.md', '# pool\n\nA pool.\n');
  const fixDocs = w.commit(`docs: describe the limit\n\nFixes: ${culprit.slice(0, 12)} ("pool: allow one more connection")`, { date: day(47) });
  edit('/* done */', '/* side-free */');
  const fixNotAncestor = w.commit(`pool: unrelated to side\n\nFixes: ${side.slice(0, 12)} ("side: add side()")`, { date: day(48) });
  const merge = w.merge('side', 'Merge branch side', { date: day(49) });
  edit('\tif (!p)\n\t\treturn -1;\n\tp->used -= 1;', '\tp->used -= 1;');
  const culprit2 = w.commit('pool: drop the NULL check', { date: new Date(day(49).getTime() + 7_200_000), author: 'Dan Dropper' });
  edit('/* side-free */', '/* merged */');
  const fixMerge = w.commit(`pool: after merge\n\nFixes: ${merge.slice(0, 12)} ("Merge branch side")`, { date: day(50) });
  edit('\tp->used -= 1;', '\tif (!p)\n\t\treturn -1;\n\tp->used -= 1;');
  const pureFix = w.commit(`pool: restore the NULL check\n\nFixes: ${culprit2.slice(0, 12)} ("pool: drop the NULL check")`, { date: day(51) });
  void other2;
  cached = {
    dir, base, old, culprit, other1, other2, fix, side, merge, culprit2, pureFix, fixTooOld, fixTooNew, fixUnknown, fixDocs, fixNotAncestor, fixMerge,
  };
  return cached;
}
