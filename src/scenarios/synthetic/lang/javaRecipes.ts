import type { Rng } from '../../rng';
import type { CodeRef, CulpritKind, DecoyKind, IncidentClass, LogEffect, Recipe, RecipeFactory, ServiceCtx } from '../types';
import { javaRoot } from './javaFiles';

const ref = (file: string, find: string, func: string): CodeRef => ({ file, find, func });
const H = (c: ServiceCtx) => `${javaRoot(c)}/handlers/${c.E}Controller.java`;
const R = (c: ServiceCtx) => `${javaRoot(c)}/repository/${c.E}Repository.java`;
const POOL = (c: ServiceCtx) => `${javaRoot(c)}/db/PoolConfig.java`;
const CLIENT = (c: ServiceCtx) => `${javaRoot(c)}/client/UpstreamClient.java`;
const CONFIG = (c: ServiceCtx) => `${javaRoot(c)}/config/AppConfig.java`;
const MONEY = (c: ServiceCtx) => `${javaRoot(c)}/money/Amounts.java`;
const AUTH = (c: ServiceCtx) => `${javaRoot(c)}/middleware/AuthFilter.java`;

function acquireErrors(c: ServiceCtx, exception: string, perHour: number): LogEffect {
  return {
    level: 'error', message: 'Failed to acquire connection', exception, stack: true, perHour,
    frames: [
      { file: '', find: '', func: 'com.zaxxer.hikari.pool.HikariPool.createTimeoutException', ext: 'HikariPool.java:696' },
      ref(POOL(c), 'return dataSource.getConnection();', 'acquire'),
      ref(R(c), 'try (Connection conn = pool.acquire()) {', `list${c.E}s`),
      ref(H(c), `List<${c.E}> items = repo.list${c.E}s(`, `list${c.E}s`),
    ],
  };
}

function oom(key: CodeRef, caller: CodeRef): LogEffect {
  return { level: 'error', message: 'Uncaught exception in request thread', exception: 'java.lang.OutOfMemoryError: Java heap space', stack: true, perHour: 2, frames: [{ file: '', find: '', func: 'java.util.HashMap.resize', ext: 'HashMap.java:710' }, key, caller] };
}

export const javaCulprits: Record<CulpritKind, RecipeFactory> = {
  'dup-call': (c, r) => {
    const n = r.pick([50, 100, 200]);
    const key = ref(POOL(c), `config.setMinimumIdle(${n});`, '<init>');
    return {
      id: 'dup-call', area: 'db', pattern: 'DUPLICATE_METHOD_CALL', cls: 'latency', key,
      edits: [
        { file: POOL(c), op: 'replace', at: 'config.setMaximumPoolSize(cfg.maxOpenConns());', lines: ['        config.setMaximumPoolSize(cfg.maxOpenConns() * 4);'] },
        { file: POOL(c), op: 'after', at: 'config.setMaxLifetime(', lines: ['        // Enable prepared statement cache', `        config.setMinimumIdle(${n});`] },
      ],
      effects: [acquireErrors(c, 'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 5000ms.', 80)],
    };
  },
  'config-value': (c, r, cls) => {
    if (cls === 'errors') {
      const key = ref(CONFIG(c), 'env("DB_ACQUIRE_TIMEOUT_MS", "50")', 'load');
      return {
        id: 'config-value', area: 'config', pattern: 'CONFIG_VALUE_CHANGED', cls, key,
        edits: [{ file: CONFIG(c), op: 'replace', at: 'env("DB_ACQUIRE_TIMEOUT_MS", "5000")', lines: ['                Long.parseLong(env("DB_ACQUIRE_TIMEOUT_MS", "50")),'] }],
        effects: [acquireErrors(c, 'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 50ms.', 120)],
      };
    }
    const n = r.pick([4, 5, 8]);
    const key = ref(CONFIG(c), `env("DB_MAX_OPEN_CONNS", "${n}")`, 'load');
    return {
      id: 'config-value', area: 'config', pattern: 'CONFIG_VALUE_CHANGED', cls: 'latency', key,
      edits: [{ file: CONFIG(c), op: 'replace', at: 'env("DB_MAX_OPEN_CONNS", "50")', lines: [`                Integer.parseInt(env("DB_MAX_OPEN_CONNS", "${n}")),`] }],
      effects: [acquireErrors(c, `java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 5000ms (total=${n}, active=${n}, idle=0).`, 60)],
    };
  },
  'n-plus-one': (c) => {
    const key = ref(R(c), `PreparedStatement one = conn.prepareStatement("SELECT id, tenant_id, amount, status FROM ${c.tbl} WHERE tenant_id = ? AND id = ?");`, `list${c.E}s`);
    return {
      id: 'n-plus-one', area: 'repo', pattern: 'N_PLUS_ONE_QUERY', cls: 'latency', key,
      edits: [{
        file: R(c), op: 'replaceThrough', at: 'WHERE tenant_id = ? AND id = ANY(?)");', until: 'return readAll(st.executeQuery());',
        lines: [`            List<${c.E}> out = new ArrayList<>();`, '            for (String id : ids) {', `                PreparedStatement one = conn.prepareStatement("SELECT id, tenant_id, amount, status FROM ${c.tbl} WHERE tenant_id = ? AND id = ?");`, '                one.setString(1, tenantId);', '                one.setString(2, id);', '                out.addAll(readAll(one.executeQuery()));', '            }', '            return out;'],
      }],
      effects: [{ level: 'warn', message: `slow query: list${c.E}s issued {n} statements in {ms}ms`, stack: false, perHour: 40, frames: [key, ref(H(c), `List<${c.E}> items = repo.list${c.E}s(`, `list${c.E}s`)] }],
    };
  },
  'timeout-removed': (c, _r, cls) => {
    const key = ref(CLIENT(c), 'HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + "/profiles/"', 'fetchProfile');
    return {
      id: 'timeout-removed', area: 'client', pattern: 'TIMEOUT_REMOVED', cls: cls === 'errors' ? 'errors' : 'latency', key,
      edits: [{ file: CLIENT(c), op: 'replace', at: '.timeout(Duration.ofSeconds(2))', lines: [] }],
      effects: [{ level: 'warn', message: 'profile lookup failed for tenant {id}: request cancelled after 30000 ms', exception: 'java.net.http.HttpTimeoutException: request cancelled', stack: true, perHour: 50, frames: [ref(CLIENT(c), 'HttpResponse<String> resp = http.send(req,', 'fetchProfile'), ref(H(c), 'upstream.fetchProfile(', `process${c.E}`)] }],
    };
  },
  'blocking-io': (c) => {
    const key = ref(H(c), 'rates = Files.readAllBytes(Path.of("/etc/', `process${c.E}`);
    return {
      id: 'blocking-io', area: 'handler', pattern: 'BLOCKING_IO_IN_REQUEST_PATH', cls: 'latency', key,
      edits: [
        { file: H(c), op: 'after', at: 'import java.util.Arrays;', lines: ['import java.nio.file.Files;', 'import java.nio.file.Path;'] },
        { file: H(c), op: 'after', at: 'long start = System.nanoTime();', lines: ['        // rates change daily; read the latest file on each request', '        byte[] rates;', '        try {', `            rates = Files.readAllBytes(Path.of("/etc/${c.name}/fx-rates.json"));`, '        } catch (java.io.IOException e) {', '            rates = new byte[0];', '        }'] },
      ],
      effects: [],
    };
  },
  'error-swallowed': (c) => {
    const key = ref(H(c), '} catch (Exception ignored) {', `process${c.E}`);
    return {
      id: 'error-swallowed', area: 'handler', pattern: 'ERROR_SWALLOWED', cls: 'data-integrity', key,
      edits: [{ file: H(c), op: 'replaceThrough', at: `repo.save${c.E}(item, amount);`, until: 'return ResponseEntity.internalServerError().build();', lines: [`            repo.save${c.E}(item, amount);`, '        } catch (Exception ignored) {', '            // the reconciler retries failed saves'] }],
      effects: [{ level: 'error', message: `checksum mismatch for {id}`, exception: `java.lang.IllegalStateException: checksum mismatch for ${c.e} {id}`, stack: true, perHour: 30, frames: [ref(R(c), 'throw new IllegalStateException("checksum mismatch for', 'verifyChecksum'), ref(H(c), 'return ResponseEntity.ok(Map.of("id", item.id()', `process${c.E}`)] }],
    };
  },
  'wrong-constant': (c, r) => {
    const k = r.pick(['1000', '10000']);
    const key = ref(MONEY(c), `return Math.round(amount * ${k});`, 'toMinorUnits');
    return {
      id: 'wrong-constant', area: 'money', cls: 'errors', key,
      edits: [{ file: MONEY(c), op: 'replace', at: 'return Math.round(amount * 100);', lines: [`        return Math.round(amount * ${k});`] }],
      effects: [{ level: 'error', message: `invalid ${c.e} amount: {id}`, exception: 'java.lang.IllegalArgumentException: amount out of range: {n}00', stack: true, perHour: 70, frames: [ref(MONEY(c), 'throw new IllegalArgumentException("amount out of range: "', 'validate'), ref(H(c), 'Amounts.validate(amount);', `process${c.E}`)] }],
    };
  },
  'inverted-condition': (c) => {
    const key = ref(AUTH(c), 'if (s.expiresAt() > System.currentTimeMillis()) {', 'doFilterInternal');
    return {
      id: 'inverted-condition', area: 'auth', cls: 'errors', key,
      edits: [{ file: AUTH(c), op: 'replace', at: 'if (s.expiresAt() < System.currentTimeMillis()) {', lines: ['        if (s.expiresAt() > System.currentTimeMillis()) {'] }],
      effects: [{ level: 'warn', message: 'session expired for user {id}', stack: false, perHour: 400, frames: [ref(AUTH(c), 'log.warn("session expired', 'doFilterInternal')] }],
    };
  },
  'where-clause': (c, _r, cls) => {
    if (cls === 'latency') {
      const key = ref(R(c), 'WHERE lower(tenant_id) = lower(?) AND id::text = ANY(?)', `list${c.E}s`);
      return {
        id: 'where-clause', area: 'repo', cls, key,
        edits: [{ file: R(c), op: 'replace', at: 'WHERE tenant_id = ? AND id = ANY(?)");', lines: [`            PreparedStatement st = conn.prepareStatement("SELECT id, tenant_id, amount, status FROM ${c.tbl} WHERE lower(tenant_id) = lower(?) AND id::text = ANY(?)");`] }],
        effects: [{ level: 'warn', message: `slow query on ${c.tbl}: {ms}ms (seq scan)`, stack: false, perHour: 45, frames: [key, ref(H(c), `List<${c.E}> items = repo.list${c.E}s(`, `list${c.E}s`)] }],
      };
    }
    const key = ref(R(c), 'WHERE id = ? OR tenant_id = ?', `find${c.E}`);
    return {
      id: 'where-clause', area: 'repo', cls: 'data-integrity', key,
      edits: [{ file: R(c), op: 'replace', at: 'WHERE id = ? AND tenant_id = ?");', lines: [`            PreparedStatement st = conn.prepareStatement("SELECT id, tenant_id, amount, status FROM ${c.tbl} WHERE id = ? OR tenant_id = ? ORDER BY id LIMIT 1");`] }],
      effects: [{ level: 'error', message: `process ${c.e} failed: {id}`, exception: `java.lang.IllegalStateException: tenant mismatch for ${c.e} {id}`, stack: true, perHour: 35, frames: [ref(R(c), 'throw new IllegalStateException("tenant mismatch for', `find${c.E}`), ref(H(c), `item = repo.find${c.E}(tenantId, id);`, `process${c.E}`)] }],
    };
  },
  'missing-isolation': (c) => {
    const key = ref(R(c), 'adjustments.parallelStream().forEach(a -> {', 'applyAdjustments');
    return {
      id: 'missing-isolation', area: 'repo', pattern: 'MISSING_TRANSACTION_ISOLATION', cls: 'data-integrity', key,
      edits: [{
        file: R(c), op: 'replaceThrough', at: 'public void applyAdjustments(List<Adjustment> adjustments)', until: 'conn.commit();', thenDrop: 1,
        lines: [
          '    public void applyAdjustments(List<Adjustment> adjustments) {',
          '        // apply adjustments concurrently: each row is independent',
          '        adjustments.parallelStream().forEach(a -> {',
          '            try (Connection conn = pool.acquire()) {',
          `                PreparedStatement st = conn.prepareStatement("UPDATE ${c.tbl} SET amount = amount + ? WHERE id = ?");`,
          '                st.setLong(1, a.delta());',
          '                st.setString(2, a.id());',
          '                st.executeUpdate();',
          '            } catch (SQLException e) {',
          '                throw new IllegalStateException("apply adjustment " + a.id(), e);',
          '            }',
          '        });',
        ],
      }],
      effects: [
        { level: 'error', message: 'checksum mismatch for {id}', stack: false, perHour: 25, frames: [ref(R(c), 'log.error("checksum mismatch for', 'verifyChecksum')] },
        { level: 'error', message: 'apply adjustments failed', exception: 'java.lang.IllegalStateException: apply adjustment {id}: ERROR: deadlock detected', stack: true, perHour: 15, frames: [ref(R(c), 'throw new IllegalStateException("apply adjustment "', 'lambda$applyAdjustments$0'), key] },
      ],
    };
  },
  'unbounded-cache': (c) => {
    const key = ref(R(c), `${c.e.toUpperCase()}_CACHE.put(tenantId + "/" + id, found);`, `find${c.E}`);
    const C = `${c.e.toUpperCase()}_CACHE`;
    return {
      id: 'unbounded-cache', area: 'repo', pattern: 'UNBOUNDED_CACHE', cls: 'memory', key,
      edits: [
        { file: R(c), op: 'after', at: 'private final PoolConfig pool;', lines: [`    // processed ${c.es} never change, so lookups are memoized`, `    private static final Map<String, ${c.E}> ${C} = new ConcurrentHashMap<>();`] },
        { file: R(c), op: 'after', at: 'import java.util.List;', lines: ['import java.util.Map;', 'import java.util.concurrent.ConcurrentHashMap;'] },
        { file: R(c), op: 'after', at: `public ${c.E} find${c.E}(String tenantId, String id)`, lines: [`        ${c.E} cached = ${C}.get(tenantId + "/" + id);`, '        if (cached != null) {', '            return cached;', '        }'] },
        { file: R(c), op: 'before', at: '            return found;', lines: [`            ${C}.put(tenantId + "/" + id, found);`] },
      ],
      effects: [oom(key, ref(H(c), `item = repo.find${c.E}(tenantId, id);`, `process${c.E}`))],
    };
  },
  'unbounded-list': (c) => {
    const key = ref(H(c), 'AUDIT_TRAIL.add(tenantId + ":" + id + ":" + System.currentTimeMillis());', `process${c.E}`);
    return {
      id: 'unbounded-list', area: 'handler', cls: 'memory', key,
      edits: [
        { file: H(c), op: 'after', at: 'private final UpstreamClient upstream;', lines: ['    // recent requests, for the debug endpoint', '    static final List<String> AUDIT_TRAIL = new java.util.concurrent.CopyOnWriteArrayList<>();'] },
        { file: H(c), op: 'after', at: 'long start = System.nanoTime();', lines: ['        AUDIT_TRAIL.add(tenantId + ":" + id + ":" + System.currentTimeMillis());'] },
      ],
      effects: [oom(key, { file: '', find: '', func: 'org.apache.catalina.core.ApplicationFilterChain.doFilter', ext: 'ApplicationFilterChain.java:166' })],
    };
  },
};

export const javaDecoys: Record<DecoyKind, RecipeFactory> = {
  'cache-with-eviction': (c) => ({
    id: 'cache-with-eviction', area: 'client', effects: [],
    edits: [
      { file: CLIENT(c), op: 'after', at: 'import java.util.Map;', lines: ['import com.github.benmanes.caffeine.cache.Cache;', 'import com.github.benmanes.caffeine.cache.Caffeine;'] },
      { file: CLIENT(c), op: 'after', at: 'private final ObjectMapper mapper = new ObjectMapper();', lines: ['    // bounded: at most 4096 profiles, each kept one minute', '    private final Cache<String, Map<String, Object>> profiles = Caffeine.newBuilder().maximumSize(4096).expireAfterWrite(Duration.ofMinutes(1)).build();'] },
      { file: CLIENT(c), op: 'after', at: 'public Map<String, Object> fetchProfile(String tenantId) throws Exception {', lines: ['        Map<String, Object> cached = profiles.getIfPresent(tenantId);', '        if (cached != null) {', '            return cached;', '        }'] },
      { file: CLIENT(c), op: 'replace', at: 'return mapper.readValue(resp.body(), Map.class);', lines: ['        Map<String, Object> profile = mapper.readValue(resp.body(), Map.class);', '        profiles.put(tenantId, profile);', '        return profile;'] },
    ],
  }),
  'correct-transaction': (c) => ({
    id: 'correct-transaction', area: 'repo', effects: [],
    edits: [{
      file: R(c), op: 'replaceThrough', at: `"UPDATE ${c.tbl} SET status = 'archived' WHERE id = '"`, until: `"INSERT INTO ${c.e}_audit`,
      lines: [
        '            conn.setAutoCommit(false);',
        '            conn.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);',
        `            PreparedStatement archive = conn.prepareStatement("UPDATE ${c.tbl} SET status = 'archived' WHERE id = ?");`,
        '            archive.setString(1, id);',
        '            archive.executeUpdate();',
        `            PreparedStatement audit = conn.prepareStatement("INSERT INTO ${c.e}_audit (${c.e}_id, action) VALUES (?, 'archive')");`,
        '            audit.setString(1, id);',
        '            audit.executeUpdate();',
        '            conn.commit();',
      ],
    }],
  }),
  'parallel-reads': (c) => ({
    id: 'parallel-reads', area: 'handler', effects: [],
    edits: [{
      file: H(c), op: 'replaceThrough', at: `${c.E} item;`, until: 'log.warn("profile lookup failed', thenDrop: 1,
      lines: [
        '        // the profile does not depend on the row: fetch both at once',
        `        CompletableFuture<Map<String, Object>> profileFuture = CompletableFuture.supplyAsync(() -> {`,
        '            try {',
        '                return upstream.fetchProfile(tenantId);',
        '            } catch (Exception e) {',
        '                log.warn("profile lookup failed for tenant {}: {}", tenantId, e.getMessage());',
        '                return null;',
        '            }',
        '        });',
        `        ${c.E} item;`,
        '        try {',
        `            item = repo.find${c.E}(tenantId, id);`,
        '        } catch (Exception e) {',
        `            log.error("process ${c.e} failed: {}", id, e);`,
        '            return ResponseEntity.internalServerError().build();',
        '        }',
        '        Map<String, Object> profile = profileFuture.join();',
      ],
    }, { file: H(c), op: 'after', at: 'import java.util.Map;', lines: ['import java.util.concurrent.CompletableFuture;'] }],
  }),
  'timeout-raised': (c, r) => r.chance(0.5)
    ? { id: 'timeout-raised', area: 'client', effects: [], edits: [{ file: CLIENT(c), op: 'replace', at: '.timeout(Duration.ofSeconds(2))', lines: [`                .timeout(Duration.ofSeconds(${r.pick([3, 4, 5])}))`] }] }
    : { id: 'timeout-raised', area: 'config', effects: [], edits: [{ file: CONFIG(c), op: 'replace', at: 'env("DB_ACQUIRE_TIMEOUT_MS", "5000")', lines: [`                Long.parseLong(env("DB_ACQUIRE_TIMEOUT_MS", "${r.pick([8000, 10000])}")),`] }] },
  'pool-tuned': (c, r) => r.chance(0.5)
    ? { id: 'pool-tuned', area: 'db', effects: [], edits: [{ file: POOL(c), op: 'replace', at: 'config.setMinimumIdle(10);', lines: [`        config.setMinimumIdle(${r.pick([12, 15, 20])});`] }] }
    : { id: 'pool-tuned', area: 'config', effects: [], edits: [{ file: CONFIG(c), op: 'replace', at: 'env("DB_MAX_OPEN_CONNS", "50")', lines: [`                Integer.parseInt(env("DB_MAX_OPEN_CONNS", "${r.pick([60, 64, 80])}")),`] }] },
  'retry-added': (c) => ({
    id: 'retry-added', area: 'client', effects: [],
    edits: [{
      file: CLIENT(c), op: 'replace', at: 'HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());',
      lines: ['        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());', '        for (int attempt = 1; attempt < 3 && resp.statusCode() >= 500; attempt++) {', '            Thread.sleep(100L * attempt);', '            resp = http.send(req, HttpResponse.BodyHandlers.ofString());', '        }'],
    }],
  }),
};

export const javaBigFeature: RecipeFactory = (c: ServiceCtx, r: Rng, _cls: IncidentClass): Recipe => {
  const fields = r.sample(['region', 'currency', 'channel', 'reference', 'notes', 'source', 'batch', 'owner', 'priority', 'label'], r.int(6, 9));
  const cap = (f: string) => f[0].toUpperCase() + f.slice(1);
  const lines = [`package com.acme.${c.pkg}.handlers;`, '', 'import org.springframework.http.ResponseEntity;', 'import org.springframework.web.bind.annotation.*;', '', '@RestController', `public class ${c.E}ExportController {`, `    public record ${c.E}Export(${fields.map((f) => `String ${f}`).join(', ')}) {}`, ''];
  for (const f of fields) lines.push(`    static String format${cap(f)}(${c.E}Export e) {`, `        if (e.${f}() == null || e.${f}().isEmpty()) {`, '            return "-";', '        }', `        return e.${f}().replace(',', ' ');`, '    }', '');
  lines.push(`    @GetMapping("/api/v1/${c.es}/export")`, '    public ResponseEntity<String> export(@RequestParam(defaultValue = "0") int limit) {', `        StringBuilder out = new StringBuilder("${fields.join(',')}\\n");`, '        for (int i = 0; i < limit; i++) {', `            ${c.E}Export e = new ${c.E}Export(${fields.map(() => 'null').join(', ')});`, `            out.append(String.join(",", ${fields.map((f) => `format${cap(f)}(e)`).join(', ')})).append('\\n');`, '        }', '        return ResponseEntity.ok(out.toString());', '    }', '}');
  return { id: 'big-feature', area: 'handler', effects: [], edits: [{ file: `${javaRoot(c)}/handlers/${c.E}ExportController.java`, op: 'create', lines }] };
};
