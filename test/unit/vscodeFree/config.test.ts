import { strict as assert } from 'node:assert';
import { mergeConfig } from '../../../src/vscode/pure/mergeConfig';
import { configFromSettings, extensionSettings, type SettingKey } from '../../../src/vscode/pure/settingsConfig';
import { forensicsConfigSchema } from '../../../src/engine/config/configSchema';

const reader = (values: Partial<Record<SettingKey, unknown>>) => (k: SettingKey) => values[k];

describe('config: settings merged with .forensics.json', () => {
  it('lets the file win field by field, keyed maps key by key', () => {
    const settings = {
      services: { 'payment-gateway': ['svc/pay/**'], billing: ['svc/billing/**'] },
      logs: ['logs/settings/*.log'],
      metrics: ['m/a.json'],
      prometheus: { url: 'http://settings:9090', queries: { a: 'up', b: 'rate(x[5m])' } },
      deployments: { tagPattern: 'release/*' },
      lookbackDays: 14,
    };
    const file = {
      services: { 'payment-gateway': ['services/payment-gateway/**'] },
      logs: ['logs/*.log'],
      prometheus: { queries: { b: 'rate(y[5m])' } },
      deployments: { file: 'deploys.json' },
    };
    const m = mergeConfig(settings, file);
    assert.deepEqual(m.services, { 'payment-gateway': ['services/payment-gateway/**'], billing: ['svc/billing/**'] });
    assert.deepEqual(m.logs, ['logs/*.log']);
    assert.deepEqual(m.metrics, ['m/a.json']);
    assert.deepEqual(m.prometheus, { url: 'http://settings:9090', queries: { a: 'up', b: 'rate(y[5m])' } });
    assert.deepEqual(m.deployments, { tagPattern: 'release/*', file: 'deploys.json' });
    assert.equal(m.lookbackDays, 14);
    assert.ok(forensicsConfigSchema.safeParse(m).success);
  });

  it('keeps an empty array from the file (the file means "no logs")', () => {
    assert.deepEqual(mergeConfig({ logs: ['a.log'] }, { logs: [] }).logs, []);
  });

  it('leaves absent fields absent and does not mutate its inputs', () => {
    const s = { prometheus: { url: 'http://p' } };
    const f = {};
    const m = mergeConfig(s, f);
    assert.deepEqual(m, { prometheus: { url: 'http://p' } });
    assert.deepEqual(mergeConfig({}, {}), {});
    assert.deepEqual(s, { prometheus: { url: 'http://p' } });
  });

  it('keeps unknown fields of the file (passthrough)', () => {
    const m = mergeConfig({}, { custom: 1 } as never);
    assert.equal((m as Record<string, unknown>).custom, 1);
  });
});

describe('config: reading settings', () => {
  it('builds nested objects from dotted keys', () => {
    const { config, problems } = configFromSettings(
      reader({ 'prometheus.url': 'http://localhost:9090', 'deployments.tagPattern': 'deploy/*', lookbackDays: 3, logs: ['a/*.log'] }),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(config, { logs: ['a/*.log'], prometheus: { url: 'http://localhost:9090' }, deployments: { tagPattern: 'deploy/*' }, lookbackDays: 3 });
  });

  it('skips and reports values of the wrong type', () => {
    const { config, problems } = configFromSettings(reader({ logs: 'not-an-array', lookbackDays: -1, services: { a: [1] }, 'prometheus.url': 'not a url' }));
    assert.deepEqual(config, {});
    assert.equal(problems.length, 4);
    assert.ok(problems.every((p) => p.startsWith('incidentForensics.')));
  });

  it('applies extension defaults and bounds', () => {
    assert.equal(extensionSettings(reader({})).topSuspects, 3);
    assert.equal(extensionSettings(reader({ 'annotations.topSuspects': 999 })).topSuspects, 3);
    assert.equal(extensionSettings(reader({ 'bisect.testCommand': '  go test ./...  ' })).bisectTestCommand, 'go test ./...');
    assert.equal(extensionSettings(reader({ 'bisect.flakeRate': 0.9 })).bisectFlakeRate, undefined);
  });
});
