import type { Rng } from '../../rng';
import { isoMs, lineOf, LogSink, MINUTE, ms, pgTime, pyTime } from '../telemetryFormat';
import { ALERT, bundleLoad, DEADLOCKS_AFTER, LOG_DAY, LOG_END, MISMATCH_RUNS, PODS_AFTER, ROLLED, START } from './phiModel';

/** Line numbers of the frames a failing write passes through, in one deployed version. */
export interface PhiLines {
  apiSave: number;
  futureResult: number;
  writeBump: number;
  writeUpsert: number;
}

export function phiLines(file: (path: string) => string): PhiLines {
  const repo = file('phi/repository/records.py');
  return {
    apiSave: lineOf(file('phi/api/records.py'), 'repository.save_bundle(bundle)'),
    futureResult: repo.includes('future.result()') ? lineOf(repo, 'future.result()') : 0,
    writeBump: lineOf(repo, 'conn.execute(BUMP_PATIENT_VERSION'),
    writeUpsert: lineOf(repo, 'conn.execute(UPSERT_OBSERVATION'),
  };
}

const APP = '/app/services/phi-service';
const PY = '/usr/local/lib/python3.11';

function deadlockTraceback(c: PhiLines, onUpsert: boolean, pids: [number, number], xids: [number, number]): string {
  const [line, stmt] = onUpsert ? [c.writeUpsert, 'conn.execute(UPSERT_OBSERVATION, asdict(obs))'] : [c.writeBump, 'conn.execute(BUMP_PATIENT_VERSION, (obs.patient_id,))'];
  return [
    'Traceback (most recent call last):',
    `  File "${APP}/phi/api/records.py", line ${c.apiSave}, in post_bundle`,
    '    repository.save_bundle(bundle)',
    `  File "${APP}/phi/repository/records.py", line ${c.futureResult}, in save_bundle`,
    '    future.result()',
    `  File "${PY}/concurrent/futures/_base.py", line 449, in result`,
    '    return self.__get_result()',
    '           ^^^^^^^^^^^^^^^^^^^',
    `  File "${PY}/concurrent/futures/_base.py", line 401, in __get_result`,
    '    raise self._exception',
    `  File "${PY}/concurrent/futures/thread.py", line 58, in run`,
    '    result = self.fn(*self.args, **self.kwargs)',
    '             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
    `  File "${APP}/phi/repository/records.py", line ${line}, in _write_observation`,
    `    ${stmt}`,
    `  File "${PY}/site-packages/psycopg/connection.py", line 896, in execute`,
    '    raise ex.with_traceback(None)',
    'psycopg.errors.DeadlockDetected: deadlock detected',
    `DETAIL:  Process ${pids[0]} waits for ShareLock on transaction ${xids[0]}; blocked by process ${pids[1]}.`,
    `Process ${pids[1]} waits for ShareLock on transaction ${xids[1]}; blocked by process ${pids[0]}.`,
    'HINT:  See server log for query details.',
  ].join('\n');
}

/**
 * phi-service's application log (Python logging, tracebacks) for 2024-01-25,
 * PostgreSQL's server log for the same day, and the integrity verifier's JSON
 * lines for 2024-01-24..25.
 */
export function phiLogs(rng: Rng, linesAt: (t: number) => PhiLines): { app: string; pg: string; verifier: string } {
  const app = new LogSink();
  const pg = new LogSink();
  const verifier = new LogSink();
  const py = (t: number, level: string, logger: string, msg: string) => {
    if (t >= LOG_DAY && t < LOG_END) app.add(t, `${pyTime(t)} ${level} [${logger}] ${msg}`);
  };
  const pgLine = (t: number, pid: number, who: string, level: string, msg: string) => {
    // log_line_prefix '%m [%p] %q%u@%d ': background processes have no user@db.
    if (t >= LOG_DAY && t < LOG_END) pg.add(t, `${pgTime(t)} [${pid}] ${who ? who + ' ' : ''}${level}:  ${msg}`);
  };
  const patient = () => `pt_${rng.alnum(8)}`;
  const pid = () => rng.int(3100, 9800);
  let xid = 8_871_200;

  for (const [i, pod] of PODS_AFTER.entries()) py(ROLLED - 60_000 + i * 20_000, 'INFO', 'uvicorn.error', `Application startup complete. (${pod})`);

  for (let minute = LOG_DAY; minute < LOG_END; minute += MINUTE) {
    const load = bundleLoad(minute);
    const n = Math.round(10 * load * rng.float(0.6, 1.4));
    for (let k = 0; k < n; k++) {
      const t = minute + rng.int(0, MINUTE - 1);
      const obs = rng.chance(0.25) ? rng.int(120, 240) : rng.int(3, 40);
      const parallel = t >= ROLLED;
      const took = Math.round((parallel ? 30 + 1.2 * obs : 45 + 5.5 * obs) * rng.float(0.8, 1.3));
      const p = patient();
      if (!parallel && rng.chance(0.02)) {
        py(t, 'WARNING', 'phi.api.records', `serialization failure for patient ${p}, retrying (attempt 1/3)`);
        pgLine(t - 3, pid(), 'phi_app@phi', 'ERROR', 'could not serialize access due to read/write dependencies among transactions');
        pg.add(t - 2, `${pgTime(t - 3)} [${pid()}] phi_app@phi DETAIL:  Reason code: Canceled on identification as a pivot, during commit attempt.`);
      }
      py(t + took, 'INFO', 'phi.api.records', `stored bundle patient=${p} observations=${obs} in ${took}ms`);
    }
    if (rng.chance(0.5 * load)) {
      const t = minute + rng.int(0, MINUTE - 1);
      py(t, 'INFO', 'phi.api.labs', `fetched 3 lab panels patient=${patient()} in ${rng.int(120, 900)}ms`);
    }
    if (rng.chance(0.04)) {
      const t = minute + rng.int(0, MINUTE - 1);
      py(t, 'WARNING', 'phi.labs.client', `labs gateway returned 503 for panel ${rng.pick(['cbc', 'bmp', 'lipid', 'micro'])}; serving cached panel`);
    }
    if ((minute / MINUTE) % 5 === 0) {
      pgLine(minute + 17_412, 62, '', 'LOG', 'checkpoint starting: time');
      pgLine(minute + rng.int(20_000, 90_000), 62, '', 'LOG', `checkpoint complete: wrote ${rng.int(300, 4200)} buffers (${rng.float(0.5, 6).toFixed(1)}%); 0 WAL file(s) added, 0 removed, ${rng.int(0, 3)} recycled`);
    }
    if (rng.chance(0.02)) {
      pgLine(minute + rng.int(0, 59_000), pid(), 'phi_app@phi', 'LOG', `duration: ${rng.float(1000, 2600).toFixed(3)} ms  statement: SELECT id, code, value, unit, effective_at FROM observations WHERE patient_id = $1 ORDER BY id`);
    }
  }

  // A nightly maintenance job deadlocks now and then, long before any deploy.
  const nightly = ms('2024-01-25T03:12:41.220Z');
  pgLine(nightly, 4127, 'phi_maint@phi', 'ERROR', 'deadlock detected');
  pg.add(nightly + 1, `${pgTime(nightly)} [4127] phi_maint@phi DETAIL:  Process 4127 waits for ShareLock on transaction 8869120; blocked by process 4133.`);
  pg.add(nightly + 2, `${pgTime(nightly)} [4127] phi_maint@phi STATEMENT:  DELETE FROM observation_drafts WHERE created_at < now() - interval '7 days'`);

  const deadlocks: number[] = [];
  for (let i = 0; i < DEADLOCKS_AFTER; i++) deadlocks.push(ROLLED + 3 * MINUTE + rng.int(0, ALERT - ROLLED - 4 * MINUTE));
  for (const t of deadlocks.sort((a, b) => a - b)) {
    const pids: [number, number] = [pid(), pid()];
    const xids: [number, number] = [xid += rng.int(40, 900), xid + rng.int(1, 30)];
    const onUpsert = rng.chance(0.3);
    const p = patient();
    py(t, 'ERROR', 'phi.api.records', `failed to store bundle for patient ${p}\n${deadlockTraceback(linesAt(t), onUpsert, pids, xids)}`);
    const at = t - rng.int(5, 40);
    pgLine(at, pids[0], 'phi_app@phi', 'ERROR', 'deadlock detected');
    pg.add(at + 1, `${pgTime(at)} [${pids[0]}] phi_app@phi DETAIL:  Process ${pids[0]} waits for ShareLock on transaction ${xids[0]}; blocked by process ${pids[1]}.\n\tProcess ${pids[1]} waits for ShareLock on transaction ${xids[1]}; blocked by process ${pids[0]}.`);
    pg.add(at + 2, `${pgTime(at)} [${pids[0]}] phi_app@phi HINT:  See server log for query details.`);
    pg.add(at + 3, `${pgTime(at)} [${pids[0]}] phi_app@phi CONTEXT:  while updating tuple (${rng.int(1, 900)},${rng.int(1, 60)}) in relation "${onUpsert ? 'observations' : 'patients'}"`);
    pg.add(at + 4, `${pgTime(at)} [${pids[0]}] phi_app@phi STATEMENT:  ${onUpsert ? 'INSERT INTO observations (id, patient_id, code, value, unit, effective_at, version) VALUES ($1, $2, $3, $4, $5, $6, 1) ON CONFLICT (id) DO UPDATE SET value = EXCLUDED.value, unit = EXCLUDED.unit, effective_at = EXCLUDED.effective_at, version = observations.version + 1' : 'UPDATE patients SET version = version + 1, updated_at = now() WHERE id = $1'}`);
  }

  const runs = new Map(MISMATCH_RUNS.map(([iso, n]) => [ms(iso), n]));
  for (let run = START; run <= ALERT; run += 15 * MINUTE) {
    const t = run + rng.int(2_000, 9_000);
    const mismatches = runs.get(run) ?? 0;
    const base = { logger: 'phi.integrity.verifier' };
    for (let i = 0; i < mismatches; i++) {
      verifier.add(t + i * 150, JSON.stringify({ timestamp: isoMs(t + i * 150), level: 'ERROR', ...base, message: 'checksum mismatch', patient_id: patient(), stored: rng.hex(64), computed: rng.hex(64) }));
    }
    if (rng.chance(0.06)) verifier.add(t - 500, JSON.stringify({ timestamp: isoMs(t - 500), level: 'WARNING', ...base, message: 'skipped patient locked by a writer', patient_id: patient() }));
    const patients = Math.round(40 + 110 * bundleLoad(run) * rng.float(0.8, 1.2));
    verifier.add(t + 900, JSON.stringify({ timestamp: isoMs(t + 900), level: 'INFO', ...base, message: 'verified recently updated patients', patients, mismatches }));
  }
  return { app: app.text(), pg: pg.text(), verifier: verifier.text() };
}
