import type { MetricSet } from './metrics';
import type { Plan } from './plan';
import { Rng } from '../rng';

const SUMMARY: Record<string, string> = {
  http_request_duration_p95: 'p95 latency above threshold',
  http_error_rate: 'error rate above threshold',
  record_checksum_failures: 'record checksum validation failures',
  memory_usage_percent: 'memory usage above threshold',
};

/** The alert document in the plan's format (interface.md §1). */
export function buildAlert(plan: Plan, m: MetricSet): unknown {
  const r = new Rng(plan.seed).fork('alert');
  const at = new Date(plan.alertTime).toISOString();
  const svc = plan.alertService;
  const name = `${plan.services[plan.target].ctx.E}${m.alertMetric.split('_').map((p) => p[0].toUpperCase() + p.slice(1)).join('')}High`;
  const summary = `${svc}: ${SUMMARY[m.alertMetric]} (${m.actual} > ${m.threshold})`;
  const region = r.pick(['us-east-1', 'eu-west-1', 'ap-southeast-2']);
  const severity = r.pick(['critical', 'high', 'warning']);
  const es = plan.services[plan.target].ctx.es;
  switch (plan.alertFormat) {
    case 'seed':
      return {
        alert_id: `INC-${at.slice(0, 10)}-${String(plan.seed).padStart(4, '0')}`, timestamp: at, severity: severity.toUpperCase(), service: svc, metric: m.alertMetric,
        threshold: m.threshold, actual_value: m.actual, deviation_percentage: Math.round(((m.actual - m.threshold) / m.threshold) * 1000) / 10,
        affected_endpoints: [`POST /api/v1/${es}/process`, `GET /api/v1/${es}`], region, instance_count: r.int(2, 12), request_volume: r.int(300, 5000),
      };
    case 'alertmanager-webhook': {
      const labelKey = r.pick(['service', 'job', 'app']);
      const labels = { alertname: name, [labelKey]: svc, severity, metric: m.alertMetric, namespace: 'production' };
      const firing = { status: 'firing', labels, annotations: { summary, description: `${m.alertMetric} is ${m.actual} (threshold ${m.threshold})`, value: String(m.actual) }, startsAt: at, endsAt: '0001-01-01T00:00:00Z', generatorURL: `http://prometheus.internal:9090/graph?g0.expr=${m.alertMetric}`, fingerprint: r.hex(16) };
      const resolved = { status: 'resolved', labels: { alertname: 'DiskSpaceLow', instance: 'node-3', severity: 'warning' }, annotations: { summary: 'disk space low' }, startsAt: new Date(plan.alertTime - 3 * 3600_000).toISOString(), endsAt: new Date(plan.alertTime - 3600_000).toISOString(), generatorURL: 'http://prometheus.internal:9090/graph', fingerprint: r.hex(16) };
      return { version: '4', groupKey: `{}:{alertname="${name}"}`, truncatedAlerts: 0, status: 'firing', receiver: 'oncall', groupLabels: { alertname: name }, commonLabels: labels, commonAnnotations: { summary }, externalURL: 'http://alertmanager.internal:9093', alerts: r.chance(0.4) ? [resolved, firing] : [firing] };
    }
    case 'alertmanager-v2':
      return [{ labels: { alertname: name, service: svc, severity, metric: m.alertMetric }, annotations: { summary, value: String(m.actual), threshold: String(m.threshold) }, startsAt: at, endsAt: new Date(plan.alertTime + 4 * 3600_000).toISOString(), updatedAt: at, fingerprint: r.hex(16), receivers: [{ name: 'oncall' }], status: { state: 'active', silencedBy: [], inhibitedBy: [] }, generatorURL: `http://prometheus.internal:9090/graph?g0.expr=${m.alertMetric}` }];
    case 'cloudwatch-eventbridge':
      return {
        version: '0', id: `${r.hex(8)}-${r.hex(4)}-${r.hex(4)}-${r.hex(4)}-${r.hex(12)}`, 'detail-type': 'CloudWatch Alarm State Change', source: 'aws.cloudwatch', account: '123456789012', time: at, region,
        resources: [`arn:aws:cloudwatch:${region}:123456789012:alarm:${svc}-${m.alertMetric}`],
        detail: {
          alarmName: `${svc}-${m.alertMetric}-high`, state: { value: 'ALARM', reason: `Threshold Crossed: 1 datapoint [${m.actual}] was greater than the threshold (${m.threshold}).`, timestamp: at.replace('Z', '+0000') },
          previousState: { value: 'OK', timestamp: new Date(plan.alertTime - 86400_000).toISOString() },
          configuration: { description: summary, metrics: [{ id: 'm1', metricStat: { metric: { namespace: 'Acme/Services', name: m.alertMetric, dimensions: { ServiceName: svc } }, period: 60, stat: 'Average' }, returnData: true }] },
        },
      };
    default:
      return {
        AlarmName: `${svc}-${m.alertMetric}-high`, AlarmDescription: summary, AWSAccountId: '123456789012', NewStateValue: 'ALARM',
        NewStateReason: `Threshold Crossed: 1 datapoint [${m.actual}] was greater than the threshold (${m.threshold}).`,
        StateChangeTime: at.replace('Z', '+0000'), Region: region, AlarmArn: `arn:aws:cloudwatch:${region}:123456789012:alarm:${svc}-${m.alertMetric}-high`, OldStateValue: 'OK',
        Trigger: { MetricName: m.alertMetric, Namespace: 'Acme/Services', StatisticType: 'Statistic', Statistic: 'AVERAGE', Unit: null, Dimensions: [{ value: svc, name: 'ServiceName' }], Period: 60, EvaluationPeriods: 3, ComparisonOperator: 'GreaterThanThreshold', Threshold: m.threshold, TreatMissingData: 'missing' },
      };
  }
}
