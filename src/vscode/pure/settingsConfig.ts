import { z } from 'zod';
import type { ForensicsConfig } from '../../engine/config/configSchema';

/** The `incidentForensics.*` settings (package.json `contributes.configuration`). */
export const SECTION = 'incidentForensics';

export const SETTING_KEYS = [
  'services',
  'logs',
  'metrics',
  'prometheus.url',
  'prometheus.queries',
  'deployments.file',
  'deployments.tagPattern',
  'lookbackDays',
  'alertmanager.url',
  'annotations.topSuspects',
  'bisect.testCommand',
  'bisect.flakeRate',
  'bisect.maxRuns',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** Reads a setting's value only when the user set it somewhere (not the manifest default). */
export type ReadSetting = (key: SettingKey) => unknown;

const strings = z.array(z.string().min(1));
const stringMap = z.record(z.string());

/**
 * Builds the settings half of the config from the values the user set. A value
 * of the wrong type (hand-edited settings.json) is skipped and reported in
 * `problems`, never fatal.
 */
export function configFromSettings(read: ReadSetting): { config: ForensicsConfig; problems: string[] } {
  const problems: string[] = [];
  const take = <T>(key: SettingKey, schema: z.ZodType<T>): T | undefined => {
    const v = read(key);
    if (v === undefined || v === null) return undefined;
    const r = schema.safeParse(v);
    if (!r.success) problems.push(`${SECTION}.${key}: ${r.error.issues[0].message}`);
    return r.success ? r.data : undefined;
  };
  const config: ForensicsConfig = {};
  const services = take('services', z.record(strings));
  if (services) config.services = services;
  const logs = take('logs', strings);
  if (logs) config.logs = logs;
  const metrics = take('metrics', strings);
  if (metrics) config.metrics = metrics;
  const url = take('prometheus.url', z.string().url());
  const queries = take('prometheus.queries', stringMap);
  if (url || queries) config.prometheus = { ...(url ? { url } : {}), ...(queries ? { queries } : {}) };
  const file = take('deployments.file', z.string().min(1));
  const tagPattern = take('deployments.tagPattern', z.string().min(1));
  if (file || tagPattern) config.deployments = { ...(file ? { file } : {}), ...(tagPattern ? { tagPattern } : {}) };
  const lookbackDays = take('lookbackDays', z.number().positive().max(3650));
  if (lookbackDays) config.lookbackDays = lookbackDays;
  return { config, problems };
}

/** Extension-only settings with their defaults applied. */
export interface ExtensionSettings {
  alertmanagerUrl?: string;
  topSuspects: number;
  bisectTestCommand?: string;
  bisectFlakeRate?: number;
  bisectMaxRuns?: number;
}

export function extensionSettings(read: ReadSetting): ExtensionSettings {
  const num = (k: SettingKey, min: number, max: number) => {
    const v = read(k);
    return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : undefined;
  };
  const str = (k: SettingKey) => {
    const v = read(k);
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  };
  return {
    alertmanagerUrl: str('alertmanager.url'),
    topSuspects: Math.round(num('annotations.topSuspects', 0, 50) ?? 3),
    bisectTestCommand: str('bisect.testCommand'),
    bisectFlakeRate: num('bisect.flakeRate', 0, 0.5),
    bisectMaxRuns: num('bisect.maxRuns', 1, 1000),
  };
}
