import { strict as assert } from 'node:assert';
import { normalize, PathMapper } from '../../../src/engine/logs/pathMapper';

const repo = [
  'services/payment-gateway/database/pool.go',
  'services/payment-gateway/handlers/process_payment.go',
  'services/auth-service/database/pool.go',
  'services/auth-service/main.go',
  'services/payment-gateway/main.go',
  'libs/util/strings.go',
  'src/main/java/com/acme/pay/PaymentService.java',
  'src/main/java/com/acme/billing/PaymentService.java',
  'tools/Thread.java',
  'web/src/db/pool.ts',
  'internal/sql/sql.go',
];

describe('logs: path mapping', () => {
  const m = new PathMapper(repo);

  it('maps absolute container paths and relative suffixes by whole components', () => {
    assert.equal(m.map('/app/services/payment-gateway/database/pool.go'), 'services/payment-gateway/database/pool.go');
    assert.equal(m.map('payment-gateway/database/pool.go'), 'services/payment-gateway/database/pool.go');
    assert.equal(m.map('handlers/process_payment.go'), 'services/payment-gateway/handlers/process_payment.go');
    assert.equal(m.map('process_payment.go'), 'services/payment-gateway/handlers/process_payment.go');
    assert.equal(m.map('/build/x/web/src/db/pool.ts'), 'web/src/db/pool.ts');
    assert.equal(m.map('ateway/database/pool.go'), undefined, 'partial component names never match');
  });

  it('maps a container layout that dropped the repository folders (/app/<file>)', () => {
    assert.equal(m.map('/app/util/strings.go'), 'libs/util/strings.go');
  });

  it('leaves ties unmapped unless a preferred prefix breaks them', () => {
    assert.equal(m.map('database/pool.go'), undefined);
    assert.equal(m.map('main.go'), undefined);
    const scoped = new PathMapper(repo, { preferPrefixes: ['services/payment-gateway'] });
    assert.equal(scoped.map('database/pool.go'), 'services/payment-gateway/database/pool.go');
    assert.equal(scoped.map('/srv/main.go'), 'services/payment-gateway/main.go');
    const both = new PathMapper(repo, { preferPrefixes: ['services'] });
    assert.equal(both.map('database/pool.go'), undefined, 'still tied under the prefix');
  });

  it('normalizes Windows paths, file:// and webpack URLs, ./ and ..', () => {
    assert.equal(m.map('C:\\build\\services\\payment-gateway\\database\\pool.go'), 'services/payment-gateway/database/pool.go');
    assert.equal(m.map('file:///app/web/src/db/pool.ts'), 'web/src/db/pool.ts');
    assert.equal(m.map('webpack:///./web/src/db/pool.ts'), 'web/src/db/pool.ts');
    assert.equal(m.map('/app/services/payment-gateway/x/../database/./pool.go'), 'services/payment-gateway/database/pool.go');
    assert.deepEqual(normalize('..\\a\\.\\b'), ['a', 'b']);
  });

  it('uses a Java package as the suffix and refuses a package that does not match', () => {
    assert.equal(m.map('PaymentService.java', { javaPackage: 'com.acme.pay' }), 'src/main/java/com/acme/pay/PaymentService.java');
    assert.equal(m.map('PaymentService.java', { javaPackage: 'com.acme.billing' }), 'src/main/java/com/acme/billing/PaymentService.java');
    assert.equal(m.map('PaymentService.java'), undefined, 'tie without the package');
    assert.equal(m.map('Thread.java', { javaPackage: 'java.lang' }), undefined);
    assert.equal(m.map('Thread.java', { javaPackage: 'java.base/java.lang' }), undefined);
  });

  it('does not map library locations onto same-named repository files', () => {
    assert.equal(m.map('/usr/local/go/src/database/sql/sql.go'), undefined);
    assert.equal(m.map('/root/go/pkg/mod/github.com/lib/pq@v1.10.9/sql/sql.go'), undefined);
    assert.equal(m.map('/app/node_modules/pg/db/pool.ts'), undefined);
    assert.equal(m.map('/usr/lib/python3.11/site-packages/x/main.go'), undefined);
  });

  it('returns undefined for unknown files and junk', () => {
    assert.equal(m.map('nothing.go'), undefined);
    assert.equal(m.map(''), undefined);
    assert.equal(m.map('///'), undefined);
  });

  it('handles 100k repository files', () => {
    const files: string[] = [];
    for (let i = 0; i < 100_000; i++) files.push(`pkg${i % 500}/mod${Math.floor(i / 500)}/file${i % 37}.go`);
    files.push('services/payment-gateway/database/pool.go');
    const big = new PathMapper(files);
    assert.equal(big.map('/app/services/payment-gateway/database/pool.go'), 'services/payment-gateway/database/pool.go');
    assert.equal(big.map('/x/pkg7/mod3/file7.go'), undefined, 'no pkg7/mod3/file7.go; several others end in mod3/file7.go');
    assert.equal(big.map('/x/pkg7/mod0/file7.go'), 'pkg7/mod0/file7.go');
    assert.equal(big.map('file7.go'), undefined);
  });
});
