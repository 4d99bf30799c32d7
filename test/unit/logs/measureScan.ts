/**
 * Not a test: prints scanLogs throughput on a generated 200k-line mixed file.
 * Run with `npx tsx test/unit/logs/measureScan.ts [lines]`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PathMapper } from '../../../src/engine/logs/pathMapper';
import { scanLogs } from '../../../src/engine/logs/scanLogs';
import { tempDir } from '../../support/tmp';

const N = Number(process.argv[2] ?? 200_000);
const t0 = Date.parse('2024-01-18T08:00:00Z');
const iso = (i: number): string => new Date(t0 + i * 50).toISOString();
const makers: ((i: number) => string)[] = [
  (i) => `[${iso(i).slice(11, 19)}] ERROR database/pool.go:45 - Failed to acquire connection: timeout after ${i % 7}s`,
  (i) => `${iso(i)} INFO handlers/process_payment.go:40 - POST /api/v1/payments/process 200 in ${i % 300}ms`,
  (i) => JSON.stringify({ level: 50, time: t0 + i * 50, msg: `payment ${i} failed`, caller: 'handlers/process_payment.go:67' }),
  (i) => `time=${iso(i)} level=warn msg="pool near capacity: ${i % 100}/100" caller=database/pool.go:23`,
  (i) => `${iso(i).replace('T', ' ').replace('Z', '').replace('.', ',')} - refund - ERROR - refund job ${i} failed`,
  () => 'Traceback (most recent call last):',
  () => '  File "/srv/app/workers/refund.py", line 77, in run',
  () => 'TimeoutError: pool exhausted',
  (i) => `{"level":"info","ts":${(t0 + i * 50) / 1000},"msg":"health ok"}`,
  () => 'some unstructured noise line',
];

async function main(): Promise<void> {
  const dir = tempDir('ifx-measure-');
  const file = join(dir, 'mixed.log');
  const lines: string[] = [];
  for (let i = 0; i < N; i++) lines.push(makers[i % makers.length](i));
  writeFileSync(file, lines.join('\n'));
  const repo = Array.from({ length: 20_000 }, (_, i) => `pkg${i % 200}/m${i}/f${i % 50}.go`);
  repo.push('services/payment-gateway/database/pool.go', 'services/payment-gateway/handlers/process_payment.go', 'workers/refund.py');
  const mapper = new PathMapper(repo);
  const started = process.hrtime.bigint();
  const s = await scanLogs([file], { mapper });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`${s.linesScanned} lines in ${ms.toFixed(0)} ms = ${Math.round(s.linesScanned / (ms / 1000))} lines/s`);
  console.log(`errors=${s.errors} warnings=${s.warnings} skipped=${s.linesSkipped} locations=${s.locations.length} templates=${s.templates.length}`);
  console.log(JSON.stringify(s.formats));
}

void main();
