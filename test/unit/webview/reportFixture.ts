import { reportSchema, type Report } from '../../../src/engine/report/reportSchema';

/**
 * A payment-gateway report shaped like the engine's output, used by the
 * webview and editor-annotation tests. Validated against reportSchema so it
 * cannot drift from the real shape unnoticed.
 */
export const CULPRIT = '7b3f2a1c5d9e4f8a2b6c1d3e5f7a9b2c4d6e8f0a';
export const DOCS = '4c9e8d2f0a1b2c3d4e5f60718293a4b5c6d7e8f9';
export const ROUNDING = '2a1f5b3e9d8c7b6a5f4e3d2c1b0a998877665544';

export function aReport(overrides: Partial<Report> = {}): Report {
  const r: Report = {
    schema: 'incident-forensics/report@1',
    incident: {
      id: 'INC-2024-01-18-001',
      service: 'payment-gateway',
      metric: 'http_request_duration_p95',
      alertTime: '2024-01-18T09:15:00Z',
      threshold: 200,
      actualValue: 587,
      source: 'seed',
      severity: 'HIGH',
      endpoints: ['POST /api/v1/payments/process'],
    },
    scope: { paths: ['services/payment-gateway/**'], since: '2024-01-11T09:15:00Z', until: '2024-01-18T09:15:00Z', commitsScanned: 47, commitsInScope: 12, resolvedBy: 'config' },
    deployments: [{ time: '2024-01-18T08:45:00Z', commit: CULPRIT, commits: [ROUNDING, DOCS, CULPRIT], ref: 'deploy/2024-01-18' }],
    suspects: [
      {
        rank: 1,
        commit: CULPRIT,
        subject: 'refactor(payment): optimize database connection pooling',
        author: 'Bob',
        date: '2024-01-18T08:30:15Z',
        score: 4.2,
        confidence: 0.94,
        signals: [
          { kind: 'pool', weight: 1.4, detail: 'connection pool settings changed' },
          { kind: 'deploy', weight: 1.1, detail: 'shipped 30 min before the alert' },
        ],
        findings: [
          {
            pattern: 'DUPLICATE_METHOD_CALL',
            file: 'services/payment-gateway/database/pool.go',
            line: 23,
            message: 'SetMaxIdleConns called twice (50, then 100)',
            confidence: 0.87,
            excerpt: '\tdb.SetMaxIdleConns(50)\n\t// Enable prepared statement cache\n\tdb.SetMaxIdleConns(100)',
            fix: { file: 'services/payment-gateway/database/pool.go', startLine: 23, endLine: 23, replacement: '', title: 'Remove the duplicated SetMaxIdleConns call' },
          },
        ],
        files: ['services/payment-gateway/database/pool.go'],
        deployedAt: '2024-01-18T08:45:00Z',
      },
      {
        rank: 2,
        commit: ROUNDING,
        subject: 'fix(payment): correct currency conversion rounding',
        author: 'Carol',
        date: '2024-01-17T16:02:00Z',
        score: 0.9,
        confidence: 0.04,
        signals: [{ kind: 'api', weight: 0.5, detail: 'payment handler changed' }],
        findings: [],
      },
      {
        rank: 3,
        commit: DOCS,
        subject: 'docs(payment): update API documentation <b>now</b>',
        author: 'Dave <script>alert(1)</script>',
        date: '2024-01-17T12:00:00Z',
        score: 0.1,
        confidence: 0.02,
        signals: [{ kind: 'docs', weight: -1, detail: 'documentation only' }],
        findings: [],
      },
    ],
    rootCause: {
      commit: CULPRIT,
      file: 'services/payment-gateway/database/pool.go',
      line: 23,
      pattern: 'DUPLICATE_METHOD_CALL',
      confidence: 0.94,
      message: 'SetMaxIdleConns called twice (50, then 100)',
      excerpt: '\tdb.SetMaxIdleConns(50)\n\t// Enable prepared statement cache\n\tdb.SetMaxIdleConns(100)',
    },
    logs: {
      files: ['logs/payment-gateway-2024-01-18.log'],
      linesScanned: 120,
      linesSkipped: 2,
      errors: 81,
      firstErrorAt: '2024-01-18T09:05:47Z',
      correlations: [
        { file: 'services/payment-gateway/database/pool.go', line: 45, count: 81, firstAt: '2024-01-18T09:05:47Z', commit: CULPRIT, message: 'Failed to acquire connection: timeout after 5s', level: 'error', before: 0, after: 81 },
        { file: 'services/payment-gateway/handlers/process_payment.go', line: 67, count: 1, firstAt: '2024-01-18T09:14:58Z', message: 'Payment processing timeout: 587ms', level: 'error' },
      ],
    },
    metrics: [
      {
        name: 'database_connection_pool_active',
        before: { avg: 12, max: 28, p95: 25 },
        after: { avg: 87, max: 198, p95: 180 },
        changePercent: 625,
        changePointAt: '2024-01-18T08:47:00Z',
        deploymentAt: '2024-01-18T08:45:00Z',
        changePointDistanceMinutes: 2,
        points: Array.from({ length: 30 }, (_, i) => [Date.parse('2024-01-18T08:00:00Z') + i * 150_000, i < 19 ? 12 : 87] as [number, number]),
      },
    ],
    blastRadius: { endpoints: ['POST /api/v1/payments/process'], requestVolume: 1420, instances: 8 },
    recommendation: { action: 'revert', commit: CULPRIT, text: 'Revert 7b3f2a1 and redeploy; then restore the intended pool settings.' },
    timings: { git_history: 120, semantic_analysis: 40, log_correlation: 15, metric_validation: 5, report: 3 },
    durationMs: 190,
    generatedAt: '2024-01-18T09:16:00Z',
    ...overrides,
  };
  return reportSchema.parse(r);
}
