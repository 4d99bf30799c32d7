import { strict as assert } from 'node:assert';
import { DETECTORS, MAX_FINDINGS_PER_PATTERN, runDetectors } from '../../../src/engine/detectors/registry';
import type { Detector } from '../../../src/engine/model';
import { inputFromStrings } from './gitInputs';

describe('detector registry', () => {
  it('lists the eight fixed pattern ids once each, with descriptions', () => {
    assert.deepEqual(DETECTORS.map((d) => d.id), [
      'DUPLICATE_METHOD_CALL', 'UNBOUNDED_CACHE', 'MISSING_TRANSACTION_ISOLATION', 'CONFIG_VALUE_CHANGED',
      'N_PLUS_ONE_QUERY', 'TIMEOUT_REMOVED', 'BLOCKING_IO_IN_REQUEST_PATH', 'ERROR_SWALLOWED',
    ]);
    for (const d of DETECTORS) assert.ok(d.description.length > 20, d.id);
  });

  it('sorts findings by line and keeps going when one detector throws', () => {
    const input = inputFromStrings('db/pool.go', 'package db\n\nfunc f() {\n\tdb.SetMaxOpenConns(50)\n}\n', 'package db\n\nfunc f() {\n\tdb.SetMaxOpenConns(200)\n\tdb.SetMaxOpenConns(10)\n}\n');
    const broken: Detector = { id: 'BROKEN', description: 'throws', detect: () => { throw new Error('boom'); } };
    const f = runDetectors(input, [broken, ...DETECTORS]);
    assert.deepEqual(f.map((x) => `${x.line} ${x.pattern}`), ['5 DUPLICATE_METHOD_CALL', '5 CONFIG_VALUE_CHANGED']);
    assert.match(f[1].message, /MaxOpenConns 50 → 10 \(÷5, lowered; also set to 200 in this change\)/);
  });
});

describe('detector registry: generated files', () => {
  it('keeps at most MAX_FINDINGS_PER_PATTERN findings of one pattern per file', () => {
    let text = 'package x\n';
    for (let i = 0; i < 40; i++) text += `\nfunc F${i}(ids []int) {\n\tfor _, id := range ids {\n\t\tdb.QueryRow("SELECT 1 FROM t WHERE id = $1", id)\n\t}\n}\n`;
    const f = runDetectors(inputFromStrings('x/gen.go', undefined, text));
    assert.equal(f.filter((x) => x.pattern === 'N_PLUS_ONE_QUERY').length, MAX_FINDINGS_PER_PATTERN);
  });
});
