import type { Language, RiskKind } from '../model';

/**
 * Line-level vocabulary of the risk classifier. Each pattern runs on one
 * changed line with comments removed (`code` has string contents blanked,
 * `keep` has them) so words inside comments never count.
 */
export interface LinePattern {
  kind: RiskKind;
  /** Run on the masked line (strings blanked). */
  code?: RegExp;
  /** Run on the line with strings kept (SQL text). */
  keep?: RegExp;
  langs?: Language[];
}

export const SQL_IN_STRING = /["'`][^"'`]*\b(SELECT\s.*\bFROM\b|INSERT\s+INTO\b|UPDATE\s+[\w."`]+\s+SET\b|DELETE\s+FROM\b|CREATE\s+(TABLE|INDEX)\b|ALTER\s+TABLE\b|DROP\s+TABLE\b|\bJOIN\s+\w+\s+ON\b|WHERE\s+\w+\s*(=|IN\b|LIKE\b))/i;

export const LINE_PATTERNS: LinePattern[] = [
  { kind: 'database', keep: SQL_IN_STRING },
  {
    kind: 'database',
    code: /\bsql\s*\.\s*(Open|DB|Tx|Rows|Row|Null\w+|ErrNoRows|Named|LevelSerializable|TxOptions)\b|\bgorm\s*\.|\bsqlx\s*\.|\bpgx\w*\s*\.|\bcursor\s*\.\s*(execute|executemany|fetch\w*)\b|\bsession\s*\.\s*(query|add|commit|execute|flush|merge|delete)\s*\(|\bJdbcTemplate\b|\bEntityManager\b|\bPreparedStatement\b|\bResultSet\b|@(Query|Entity|Table|Column|Repository|Transactional|Modifying)\b|\b(JpaRepository|CrudRepository|PagingAndSortingRepository)\b|\bprisma\s*\.|\bknex\b|\bsequelize\b|\bmongoose\b|\bgetRepository\s*\(|\bmodels\s*\.\s*(Model|ForeignKey|\w+Field)\b|\bdb\s*\.\s*(Model|Column|session|relationship)\b|\bsqlalchemy\b|\bpsycopg2?\b|\bpymysql\b|\.\s*objects\s*\.\s*\w+\s*\(|\b\w*(Repository|Dao|DAO)\b\s*[.(]|\.\s*(Query|QueryRow|QueryContext|QueryRowContext|Exec|ExecContext|Prepare|PrepareContext|BeginTx|executeQuery|executeUpdate|prepareStatement|findById|findAll|findOne|findMany|findUnique|findFirst)\s*\(/,
  },
  {
    kind: 'api',
    code: /\bhttp\s*\.\s*(HandleFunc|Handle|ListenAndServe|ResponseWriter|Request|Server)\b|\b(mux|router|r|e|g|app|api|v1|v2|group|srv)\s*\.\s*(GET|POST|PUT|DELETE|PATCH|HandleFunc|Handle|Group|Route|Any|Use|Mount|Methods)\s*\(|\*\s*gin\s*\.\s*Context|\becho\s*\.\s*Context|\bfiber\s*\.\s*Ctx|\b(app|router|server|fastify|api)\s*\.\s*(get|post|put|patch|delete|all|use|route|register)\s*\(|\bexpress\s*\(|\bexpress\s*\.\s*Router\s*\(|@(Get|Post|Put|Patch|Delete|Controller|Body|Param|Query)\s*\(|@\s*\w+\s*\.\s*(route|get|post|put|patch|delete|api_route)\s*\(|\bAPIRouter\b|\bFastAPI\s*\(|\bBlueprint\s*\(|@api_view\b|\bpath\s*\(\s*r?['"]|\bre_path\s*\(|@(Get|Post|Put|Delete|Patch|Request)Mapping\b|@(RestController|Controller|ResponseBody|PathVariable|RequestBody|RequestParam|ResponseStatus)\b|@(GET|POST|PUT|DELETE|PATCH|Path|Produces|Consumes)\b|\bres\s*\.\s*(json|send|status|sendStatus|render|redirect)\s*\(|\bw\s*\.\s*(WriteHeader|Header)\s*\(|\bResponseEntity\b|\bjsonify\s*\(|\bHttpResponse\w*\b|\bJsonResponse\b|\bc\s*\.\s*(JSON|String|Bind\w*|Param|Query)\s*\(/,
  },
  {
    kind: 'pool',
    code: /\bSet(MaxOpenConns|MaxIdleConns|ConnMaxLifetime|ConnMaxIdleTime)\b|\bpool\b|\w*Pool\b|\bPool\w*|\bpool_(size|recycle|timeout|pre_ping)\b|\bmax_overflow\b|\b(maxPoolSize|maximumPoolSize|minimumIdle|maxIdle|maxOpen|poolSize|connectionLimit|maxConnections|max_connections|MaxConns|MinConns|maxLifetime|idleTimeout)\b|\bHikari\w*|\bcreatePool\s*\(|\bpgxpool\b|\bDataSource\b|\bconnection_pool\b/,
  },
  {
    kind: 'cache',
    code: /cache|memoi[sz]|\bmemo\b|\blru\b|\bLRU\b|\bredis\b|\bRedis\w*|memcache|\bttl\b|\bTTL\b|@Cacheable|@CacheEvict|Caffeine|\bexpir\w*|\bExpir\w*/i,
  },
  {
    kind: 'concurrency',
    langs: ['go'],
    code: /^\s*go\s+|\bgo\s+func\b|\bsync\s*\.\s*(Mutex|RWMutex|WaitGroup|Once|Map|Cond)\b|\.\s*(Lock|Unlock|RLock|RUnlock|Wait|Add|Done)\s*\(\s*\d*\s*\)|\berrgroup\b|\bchan\b|<-|\bselect\s*\{|\batomic\s*\.|\bsemaphore\b/,
  },
  {
    kind: 'concurrency',
    langs: ['typescript', 'javascript'],
    code: /\bPromise\s*\.\s*(all|allSettled|race|any)\b|\bworker_threads\b|\bnew\s+Worker\s*\(|\bAtomics\s*\.|\bSharedArrayBuffer\b|\bp-?[lL]imit\b|\basync\s*\.\s*(parallel|each|map|queue)\b|\bcluster\s*\.|\bMutex\b|\bSemaphore\b/,
  },
  {
    kind: 'concurrency',
    langs: ['python'],
    code: /\bthreading\b|\bThread\s*\(|\basyncio\s*\.\s*(gather|create_task|wait|Lock|Semaphore|Queue|TaskGroup|to_thread)\b|\b(ThreadPool|ProcessPool)Executor\b|\bmultiprocessing\b|\bLock\s*\(|\bRLock\s*\(|\bSemaphore\s*\(|\bconcurrent\s*\.\s*futures\b|\brun_in_executor\b/,
  },
  {
    kind: 'concurrency',
    langs: ['java'],
    code: /\bExecutorService\b|\bExecutors\s*\.|\bCompletableFuture\b|\bsynchronized\b|\bparallelStream\b|\.\s*parallel\s*\(|\bnew\s+Thread\s*\(|\bReentrant\w*Lock\b|\bReadWriteLock\b|\bAtomic(Integer|Long|Boolean|Reference)\b|\bConcurrentHashMap\b|\bCountDownLatch\b|\bSemaphore\b|@Async\b|\bForkJoinPool\b|\bvolatile\b|\bThreadPoolTaskExecutor\b/,
  },
  { kind: 'config', langs: ['go'], code: /^\s*const\s+[A-Za-z_]\w*\s*(\w+\s*)?=/ },
  {
    kind: 'timeout',
    code: /timeout|deadline|\bretr(y|ies|ied)\b|Retr(y|ies)|backoff|Backoff|\bmax_?attempts\b|maxAttempts|\battempts?\b|rate_?limit|rateLimit|RateLimit|\blimiter\b|Limiter|throttl|Throttl|circuit|CircuitBreaker|MaxBytes|max_?body|maxBodySize|\blimit\s*[:=(]|\bLIMIT\b/i,
  },
  {
    kind: 'config',
    code: /\bos\s*\.\s*(Getenv|LookupEnv|environ|getenv)\b|\bprocess\s*\.\s*env\b|\bSystem\s*\.\s*(getenv|getProperty)\b|@Value\s*\(|@ConfigurationProperties\b|\bviper\s*\.|\bconfig\s*\.\s*get\w*\s*\(|\bsettings\s*\.\s*[A-Z][A-Z0-9_]{2,}\b|\b(const|final)\b[^=;(]*\b[A-Z][A-Z0-9_]{2,}\s*(:\s*[\w<>[\]]+\s*)?=(?!=)|^\s*[A-Z][A-Z0-9_]{2,}\s*(:\s*[\w[\]]+\s*)?=(?!=)/,
  },
];
