import { EngineError } from '../errors';
import type { Incident } from '../model';
import { checkHttpUrl, httpText, joinUrl, snippet } from './httpText';
import { listFiringAlerts } from './parseAlert';

/** The active alerts of a live Alertmanager (`GET <base>/api/v2/alerts?active=true`). */
export async function fetchAlertmanagerAlerts(baseUrl: string, signal?: AbortSignal, timeoutMs = 10_000): Promise<Incident[]> {
  const base = checkHttpUrl(baseUrl, 'Alertmanager URL');
  const url = joinUrl(base, '/api/v2/alerts');
  url.searchParams.set('active', 'true');
  const res = await httpText(url, { signal, timeoutMs, maxBytes: 20 * 1024 * 1024, headers: { accept: 'application/json' } });
  if (!res.ok) throw new EngineError('network', `Alertmanager answered HTTP ${res.status}: ${snippet(res.text)}`, url.toString());
  // An Alertmanager with nothing firing answers []; that is not an error here.
  if (/^\s*\[\s*\]\s*$/.test(res.text)) return [];
  return listFiringAlerts(res.text, url.toString());
}
