import { GitWriter } from '../../src/scenarios/gitWriter';
import { tempDir } from './tmp';

/**
 * A history where plain `git log --since` loses an in-window commit: a side
 * branch commit dated day 45 whose child is clock-skewed back to day 10,
 * merged on day 50. Walking from the merge, `--since=<day 25>` stops at the
 * skewed child and never reaches the day-45 commit.
 */
export function skewedHistory(day: (n: number) => Date): { g: GitWriter; inWindow: string; skewed: string; merge: string } {
  const g = new GitWriter(tempDir('ifx-skew-')).init();
  g.write('a.c', 'int a;\n');
  g.commit('base', { date: day(0) });
  g.checkout('side', true);
  g.write('b.c', 'int b;\n');
  const inWindow = g.commit('side: in window', { date: day(45) });
  g.write('c.c', 'int c;\n');
  const skewed = g.commit('side: clock-skewed child', { date: day(10) });
  g.checkout('main');
  const merge = g.merge('side', 'merge side', { date: day(50) });
  return { g, inWindow, skewed, merge };
}
