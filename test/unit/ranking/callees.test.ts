import { strict as assert } from 'node:assert';
import { callsBefore, changedFunctions } from '../../../src/engine/ranking/callees';
import { parseUnifiedDiff } from '../../../src/engine/git/parseDiff';
import type { CommitDiff } from '../../../src/engine/model';

const handler = [
  'class InvoiceHandler:',
  '    async def process_invoice(self, id, item):',
  '        profile = await self.upstream.fetch_profile(item.tenant_id)',
  '        # validate_later(x) is only a comment',
  '        label = "to_cents(1)"',
  '        amount = to_minor_units(item.amount)',
  '        try:',
  '            validate_amount(amount)',
  '        except ValueError:',
  '            raise HTTPException(status_code=422)',
];

describe('ranking: callees of the failing line', () => {
  it('lists the calls before the failing line, nearest first, without strings, comments, common names or the function itself', () => {
    const calls = callsBefore(handler, 2, 8, 'process_invoice');
    assert.deepEqual(calls, [
      { name: 'validate_amount', distance: 0 },
      { name: 'to_minor_units', distance: 2 },
      { name: 'fetch_profile', distance: 5 },
    ]);
    assert.deepEqual(callsBefore(handler, 7, 8), [{ name: 'validate_amount', distance: 0 }], 'from the function start only');
  });

  it('names the functions whose bodies a commit changed, from the hunk header or a definition inside the hunk', () => {
    const diff = [
      'diff --git a/app/money.py b/app/money.py',
      '--- a/app/money.py',
      '+++ b/app/money.py',
      '@@ -6,7 +6,7 @@ def to_minor_units(amount: float) -> int:',
      '     """Converts a decimal amount to cents."""',
      '-    return round(amount * 100)',
      '+    return round(amount * 10000)',
      ' ',
      ' ',
      ' def validate_amount(cents: int) -> None:',
      '     if cents <= 0:',
      'diff --git a/pool/pool.go b/pool/pool.go',
      '--- a/pool/pool.go',
      '+++ b/pool/pool.go',
      '@@ -1,4 +1,7 @@',
      ' package pool',
      '+func (p *Pool) Acquire(ctx context.Context) error {',
      '+\treturn nil',
      '+}',
      '',
    ].join('\n');
    const c = { sha: 'a'.repeat(40), parents: [], author: 'a', authorEmail: 'a@x', date: '', committedAt: '', subject: 's', body: '', files: parseUnifiedDiff(diff) } as CommitDiff;
    assert.deepEqual([...changedFunctions(c)].sort(), ['Acquire', 'to_minor_units']);
  });
});
