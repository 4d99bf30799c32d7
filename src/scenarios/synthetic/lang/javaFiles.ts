import type { ServiceCtx, ServiceTemplate } from '../types';

/** Where a Java service keeps its sources (package com.acme.<pkg>). */
export function javaRoot(c: ServiceCtx): string {
  return `src/main/java/com/acme/${c.pkg}`;
}

/** A small Java (Spring-style) service with the same shape as the Go one. */
export function javaTemplate(c: ServiceCtx): ServiceTemplate {
  const root = javaRoot(c);
  const P = `com.acme.${c.pkg}`;
  const H = `${root}/handlers/${c.E}Controller.java`;
  const R = `${root}/repository/${c.E}Repository.java`;
  const files: Record<string, string> = {
    'pom.xml': `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.acme</groupId>
  <artifactId>${c.name}</artifactId>
  <version>1.0.0</version>
  <dependencies>
    <dependency>
      <groupId>com.zaxxer</groupId>
      <artifactId>HikariCP</artifactId>
      <version>5.1.0</version>
    </dependency>
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-web</artifactId>
      <version>3.2.5</version>
    </dependency>
  </dependencies>
</project>
`,
    [`${root}/db/PoolConfig.java`]: `package ${P}.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import ${P}.config.AppConfig;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class PoolConfig {
    private static final Logger log = LoggerFactory.getLogger(PoolConfig.class);
    private final HikariDataSource dataSource;

    public PoolConfig(AppConfig cfg) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(cfg.databaseUrl());
        config.setMaximumPoolSize(cfg.maxOpenConns());
        config.setMinimumIdle(10);
        config.setMaxLifetime(30 * 60 * 1000L);
        config.setConnectionTimeout(cfg.acquireTimeoutMs());
        this.dataSource = new HikariDataSource(config);
    }

    public Connection acquire() throws SQLException {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            log.error("Failed to acquire connection", e);
            throw e;
        }
    }
}
`,
    [R]: `package ${P}.repository;

import ${P}.db.PoolConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class ${c.E}Repository {
    private static final Logger log = LoggerFactory.getLogger(${c.E}Repository.class);
    private final PoolConfig pool;

    public ${c.E}Repository(PoolConfig pool) {
        this.pool = pool;
    }

    public List<${c.E}> list${c.E}s(String tenantId, List<String> ids) throws SQLException {
        try (Connection conn = pool.acquire()) {
            PreparedStatement st = conn.prepareStatement("SELECT id, tenant_id, amount, status FROM ${c.tbl} WHERE tenant_id = ? AND id = ANY(?)");
            st.setString(1, tenantId);
            st.setArray(2, conn.createArrayOf("text", ids.toArray()));
            return readAll(st.executeQuery());
        }
    }

    public ${c.E} find${c.E}(String tenantId, String id) throws SQLException {
        try (Connection conn = pool.acquire()) {
            PreparedStatement st = conn.prepareStatement("SELECT id, tenant_id, amount, status FROM ${c.tbl} WHERE id = ? AND tenant_id = ?");
            st.setString(1, id);
            st.setString(2, tenantId);
            List<${c.E}> rows = readAll(st.executeQuery());
            if (rows.isEmpty()) {
                throw new NotFoundException("${c.e} " + id + " not found");
            }
            ${c.E} found = rows.get(0);
            if (!found.tenantId().equals(tenantId)) {
                throw new IllegalStateException("tenant mismatch for ${c.e} " + id);
            }
            return found;
        }
    }

    public void save${c.E}(${c.E} item, long cents) throws SQLException {
        try (Connection conn = pool.acquire()) {
            PreparedStatement st = conn.prepareStatement("UPDATE ${c.tbl} SET amount_cents = ?, status = 'processed' WHERE id = ?");
            st.setLong(1, cents);
            st.setString(2, item.id());
            st.executeUpdate();
        }
    }

    public void applyAdjustments(List<Adjustment> adjustments) throws SQLException {
        try (Connection conn = pool.acquire()) {
            conn.setAutoCommit(false);
            conn.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            for (Adjustment a : adjustments) {
                PreparedStatement st = conn.prepareStatement("UPDATE ${c.tbl} SET amount = amount + ? WHERE id = ?");
                st.setLong(1, a.delta());
                st.setString(2, a.id());
                st.executeUpdate();
            }
            conn.commit();
        }
    }

    public void archive${c.E}(String id) throws SQLException {
        try (Connection conn = pool.acquire()) {
            conn.prepareStatement("UPDATE ${c.tbl} SET status = 'archived' WHERE id = '" + id + "'").executeUpdate();
            conn.prepareStatement("INSERT INTO ${c.e}_audit (${c.e}_id, action) VALUES ('" + id + "', 'archive')").executeUpdate();
        }
    }

    public void verifyChecksum(String id) throws SQLException {
        try (Connection conn = pool.acquire()) {
            ResultSet rs = conn.prepareStatement("SELECT checksum, md5(amount::text || status) FROM ${c.tbl} WHERE id = '" + id + "'").executeQuery();
            if (rs.next() && !rs.getString(1).equals(rs.getString(2))) {
                log.error("checksum mismatch for {}", id);
                throw new IllegalStateException("checksum mismatch for ${c.e} " + id);
            }
        }
    }

    private static List<${c.E}> readAll(ResultSet rs) throws SQLException {
        List<${c.E}> out = new ArrayList<>();
        while (rs.next()) {
            out.add(new ${c.E}(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getString(4)));
        }
        return out;
    }
}
`,
    [H]: `package ${P}.handlers;

import ${P}.client.UpstreamClient;
import ${P}.money.Amounts;
import ${P}.repository.${c.E};
import ${P}.repository.${c.E}Repository;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/v1/${c.es}")
public class ${c.E}Controller {
    private static final Logger log = LoggerFactory.getLogger(${c.E}Controller.class);
    private final ${c.E}Repository repo;
    private final UpstreamClient upstream;

    public ${c.E}Controller(${c.E}Repository repo, UpstreamClient upstream) {
        this.repo = repo;
        this.upstream = upstream;
    }

    @PostMapping("/process")
    public ResponseEntity<?> process${c.E}(@RequestHeader("X-Tenant-ID") String tenantId, @RequestParam String id) {
        long start = System.nanoTime();
        ${c.E} item;
        try {
            item = repo.find${c.E}(tenantId, id);
        } catch (Exception e) {
            log.error("process ${c.e} failed: {}", id, e);
            return ResponseEntity.internalServerError().build();
        }
        Map<String, Object> profile = null;
        try {
            profile = upstream.fetchProfile(item.tenantId());
        } catch (Exception e) {
            log.warn("profile lookup failed for tenant {}: {}", item.tenantId(), e.getMessage());
        }
        long amount = Amounts.toMinorUnits(item.amount());
        try {
            Amounts.validate(amount);
        } catch (IllegalArgumentException e) {
            log.error("invalid ${c.e} amount: {}", id, e);
            return ResponseEntity.unprocessableEntity().build();
        }
        try {
            repo.save${c.E}(item, amount);
        } catch (Exception e) {
            log.error("save ${c.e} failed: {}", id, e);
            return ResponseEntity.internalServerError().build();
        }
        log.info("request completed in {} ms", (System.nanoTime() - start) / 1_000_000);
        return ResponseEntity.ok(Map.of("id", item.id(), "amount", amount, "profile", profile == null ? Map.of() : profile));
    }

    @GetMapping
    public ResponseEntity<?> list${c.E}s(@RequestHeader("X-Tenant-ID") String tenantId, @RequestParam String ids) {
        try {
            List<${c.E}> items = repo.list${c.E}s(tenantId, Arrays.asList(ids.split(",")));
            return ResponseEntity.ok(items);
        } catch (Exception e) {
            log.error("list ${c.es} failed", e);
            return ResponseEntity.internalServerError().build();
        }
    }

    @GetMapping("/{id}")
    public ResponseEntity<?> get${c.E}(@RequestHeader("X-Tenant-ID") String tenantId, @PathVariable String id) {
        try {
            return ResponseEntity.ok(repo.find${c.E}(tenantId, id));
        } catch (Exception e) {
            log.warn("get ${c.e} failed: {}", e.getMessage());
            return ResponseEntity.notFound().build();
        }
    }
}
`,
    [`${root}/cache/SessionCache.java`]: `package ${P}.cache;

import java.util.LinkedHashMap;
import java.util.Map;

public class SessionCache {
    public record Session(String userId, long expiresAt) {}

    private final int maxEntries;
    private final long ttlMs;
    private final Map<String, Session> entries;

    public SessionCache(int maxEntries, long ttlMs) {
        this.maxEntries = maxEntries;
        this.ttlMs = ttlMs;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
                return size() > SessionCache.this.maxEntries;
            }
        };
    }

    public synchronized Session get(String key) {
        Session s = entries.get(key);
        if (s == null || System.currentTimeMillis() > s.expiresAt() + ttlMs) {
            return null;
        }
        return s;
    }

    public synchronized void put(String key, Session session) {
        entries.put(key, session);
    }
}
`,
    [`${root}/client/UpstreamClient.java`]: `package ${P}.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

public class UpstreamClient {
    private final String name;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    public UpstreamClient(String name, String baseUrl) {
        this.name = name;
        this.baseUrl = baseUrl;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> fetchProfile(String tenantId) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + "/profiles/" + tenantId))
                .timeout(Duration.ofSeconds(2))
                .header("accept", "application/json")
                .build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() >= 500) {
            throw new UpstreamException("upstream " + name + " returned " + resp.statusCode());
        }
        return mapper.readValue(resp.body(), Map.class);
    }
}
`,
    [`${root}/config/AppConfig.java`]: `package ${P}.config;

public record AppConfig(String databaseUrl, int maxOpenConns, long acquireTimeoutMs, long sessionTtlMs, int maxSessions, int batchSize) {
    public static AppConfig load() {
        return new AppConfig(
                env("DATABASE_URL", "jdbc:postgresql://localhost/${c.tbl}"),
                Integer.parseInt(env("DB_MAX_OPEN_CONNS", "50")),
                Long.parseLong(env("DB_ACQUIRE_TIMEOUT_MS", "5000")),
                Long.parseLong(env("SESSION_TTL_MS", "900000")),
                Integer.parseInt(env("MAX_SESSIONS", "10000")),
                Integer.parseInt(env("BATCH_SIZE", "100")));
    }

    private static String env(String key, String fallback) {
        String v = System.getenv(key);
        return v == null ? fallback : v;
    }
}
`,
    [`${root}/money/Amounts.java`]: `package ${P}.money;

public final class Amounts {
    public static final long MAX_AMOUNT_CENTS = 5_000_000L;

    private Amounts() {}

    /** Converts a decimal amount to cents. */
    public static long toMinorUnits(double amount) {
        return Math.round(amount * 100);
    }

    public static void validate(long cents) {
        if (cents <= 0 || cents > MAX_AMOUNT_CENTS) {
            throw new IllegalArgumentException("amount out of range: " + cents);
        }
    }
}
`,
    [`${root}/middleware/AuthFilter.java`]: `package ${P}.middleware;

import ${P}.cache.SessionCache;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

public class AuthFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(AuthFilter.class);
    private final SessionCache sessions;

    public AuthFilter(SessionCache sessions) {
        this.sessions = sessions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws java.io.IOException, jakarta.servlet.ServletException {
        SessionCache.Session s = sessions.get(req.getHeader("Authorization"));
        if (s == null) {
            log.warn("session not found: {}", req.getRequestURI());
            res.sendError(401);
            return;
        }
        if (s.expiresAt() < System.currentTimeMillis()) {
            log.warn("session expired for user {}", s.userId());
            res.sendError(401);
            return;
        }
        chain.doFilter(req, res);
    }
}
`,
    [`${root}/Application.java`]: `package ${P};

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.Scheduled;

@SpringBootApplication
public class Application {
    private static final Logger log = LoggerFactory.getLogger(Application.class);

    public static void main(String[] args) {
        log.info("starting ${c.name} version {}", System.getenv().getOrDefault("VERSION", "dev"));
        SpringApplication.run(Application.class, args);
    }

    @Scheduled(fixedRate = 30_000)
    public void monitorHeap() {
        long usedMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
        if (usedMb > 800) {
            log.warn("heap usage high: {} MB", usedMb);
        }
    }
}
`,
  };
  return {
    files,
    areas: { [`${root}/db/PoolConfig.java`]: 'db', [R]: 'repo', [H]: 'handler', [`${root}/cache/SessionCache.java`]: 'cache', [`${root}/client/UpstreamClient.java`]: 'client', [`${root}/config/AppConfig.java`]: 'config', [`${root}/money/Amounts.java`]: 'money', [`${root}/middleware/AuthFilter.java`]: 'auth', [`${root}/Application.java`]: 'main' },
    chronic: [
      { level: 'warn', message: 'profile lookup failed for tenant {id}: upstream {up} returned 502', frames: [{ file: H, find: 'log.warn("profile lookup failed', func: `process${c.E}` }], stack: false, perHour: 3 },
      { level: 'warn', message: `get ${c.e} failed: ${c.e} {id} not found`, frames: [{ file: H, find: `log.warn("get ${c.e} failed`, func: `get${c.E}` }], stack: false, perHour: 4 },
      { level: 'warn', message: 'session not found: /api/v1/{id}', frames: [{ file: `${root}/middleware/AuthFilter.java`, find: 'log.warn("session not found', func: 'doFilterInternal' }], stack: false, perHour: 5 },
      { level: 'error', message: `invalid ${c.e} amount: {id}`, exception: 'java.lang.IllegalArgumentException: amount out of range: 0', frames: [{ file: `${root}/money/Amounts.java`, find: 'throw new IllegalArgumentException("amount out of range: "', func: 'validate' }, { file: H, find: 'Amounts.validate(amount);', func: `process${c.E}` }], stack: true, perHour: 1 },
    ],
    access: { file: H, find: 'log.info("request completed', func: `process${c.E}` },
    startup: { file: `${root}/Application.java`, find: `log.info("starting ${c.name}`, func: 'main' },
    heap: { file: `${root}/Application.java`, find: 'log.warn("heap usage high', func: 'monitorHeap' },
    outage: { level: 'error', message: 'profile lookup failed', exception: `${P}.client.UpstreamException: upstream {up} returned 503`, frames: [{ file: `${root}/client/UpstreamClient.java`, find: 'throw new UpstreamException("upstream "', func: 'fetchProfile' }, { file: H, find: 'upstream.fetchProfile(', func: `process${c.E}` }], stack: true, perHour: 90 },
    saturation: { level: 'error', message: 'Failed to acquire connection', exception: 'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 5000ms.', frames: [{ file: `${root}/db/PoolConfig.java`, find: 'return dataSource.getConnection();', func: 'acquire' }, { file: R, find: 'try (Connection conn = pool.acquire()) {', func: `list${c.E}s` }], stack: true, perHour: 60 },
  };
}
