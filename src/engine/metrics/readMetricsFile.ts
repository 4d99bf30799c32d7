import { EngineError } from '../errors';
import type { MetricSeries } from '../model';
import { parseJsonText, readTextFile } from '../incident/textInput';
import { parseMetricsCsv } from './csvMetrics';
import { seriesFromPrometheus } from './prometheusJson';
import { baseName } from './seriesName';

/** 11,000 points × a few hundred series of query_range JSON stays well below this. */
export const MAX_METRICS_BYTES = 64 * 1024 * 1024;

/** Parses metrics text: Prometheus JSON when it starts like JSON, else CSV. */
export function parseMetricsText(text: string, fileName: string): MetricSeries[] {
  const first = text.trimStart()[0];
  if (first === '{' || first === '[' || /\.json$/i.test(fileName)) {
    return seriesFromPrometheus(parseJsonText(text, fileName, 'metrics file'), fileName, baseName(fileName));
  }
  if (first === '<') {
    throw new EngineError('badInput', 'looks like HTML, expected Prometheus query_range JSON or a CSV with a "timestamp,value" header', fileName);
  }
  return parseMetricsCsv(text, fileName);
}

/** Reads a metrics file (size-capped, binary refused) and detects its format. */
export async function readMetricsFile(path: string): Promise<MetricSeries[]> {
  return parseMetricsText(await readTextFile(path, MAX_METRICS_BYTES, 'metrics file'), path);
}
