import { strict as assert } from 'node:assert';
import { pct, safe } from '../../../src/engine/bisect/bisectReport';

describe('bisect transcript', () => {
  it('never prints a posterior short of 1 as certainty', () => {
    assert.equal(pct(0.99999), '>99.99%');
    assert.equal(pct(1), '100.00%');
    assert.equal(pct(0.9991), '99.91%');
    assert.equal(pct(0.5), '50.0%');
    assert.equal(pct(0.00001), '<0.01%');
    assert.equal(pct(0), '0.00%');
  });

  it('neutralizes terminal escapes from commit subjects', () => {
    assert.equal(safe('fix \x1b[31mred\x1b[0m'), 'fix ?[31mred?[0m');
  });
});
