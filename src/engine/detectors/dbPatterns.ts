/**
 * Database vocabulary shared by the detectors: which calls query, which
 * write, what marks a transaction, a lock or an isolation level. Patterns run
 * on masked code lines (comments and string contents blanked) unless a
 * function says it wants the `keep` view (strings kept, for SQL text).
 */

/** Receivers that are databases, sessions, repositories, ORMs. Matched against any segment of the receiver path. */
const DB_SEGMENT = /^(db|_db|database|conn|_conn|connection|pool|tx|txn|trx|session|sess|cursor|cur|repo|repository|[\w$]*Repo|[\w$]*Repository|[\w$]*repo|[\w$]*repository|dao|[\w$]*Dao|[\w$]*DAO|orm|em|entityManager|jdbcTemplate|namedJdbcTemplate|jdbc|stmt|statement|ps|pstmt|knex|prisma|sequelize|mongo|collection|coll|objects|dbx|sqlx|gorm|pg|pgPool|mysql|sqlite|engine)$/;

export function isDbReceiver(receiver: string): boolean {
  return receiver.split(/\s*\??\.\s*/).some((s) => DB_SEGMENT.test(s));
}

/** Calls that talk to a database whatever the receiver is named. */
const STRONG_QUERY = /\.\s*(Query|QueryRow|QueryContext|QueryRowContext|QueryRowx|Queryx|Exec|ExecContext|NamedExec|NamedExecContext|NamedQuery|MustExec|executeQuery|executeUpdate|executeBatch|executeLargeUpdate|prepareStatement|prepareCall|queryForObject|queryForList|queryForMap|queryForRowSet|createQuery|createNativeQuery|findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|findByPk|findOrCreate|find(All)?By[A-Z][\w$]*|existsBy[A-Z][\w$]*|countBy[A-Z][\w$]*|deleteBy[A-Z][\w$]*|executemany|fetchone|fetchall|fetchmany)\s*\(/;

/** Generic verbs that are queries only on a database-like receiver. */
const RECEIVER_QUERY = /([A-Za-z_$][\w$]*(?:\s*\??\.\s*[A-Za-z_$][\w$]*)*)\s*\??\.\s*(query|execute|exec|get|Get|Select|select|GetContext|SelectContext|find|findOne|findById|findAll|findAndCountAll|First|Find|Take|Last|Create|Save|Updates|Update|Delete|Raw|Model|Where|create|update|delete|insert|insertOne|insertMany|updateOne|updateMany|deleteOne|deleteMany|upsert|save|saveAll|saveAndFlush|persist|merge|remove|destroy|count|countDocuments|aggregate|filter|filter_by|all|add|add_all|scalar|scalars|raw|bulkCreate|bulkWrite|replaceOne|findOneAndUpdate|getOne|getById|getReferenceById|findAllById|refresh|flush)\s*\(/g;

/** Capitalized receivers (ORM model classes) with model-style verbs: User.findOne(…), Order.create(…). */
const MODEL_QUERY = /\b([A-Z][A-Za-z0-9_$]*)\s*\.\s*(find|findOne|findAll|findById|findByPk|create|update|updateOne|updateMany|deleteOne|deleteMany|destroy|upsert|bulkCreate|countDocuments|aggregate|insertMany|findOneAndUpdate|where|query)\s*\(/;

const DJANGO = /\.\s*objects\s*\.\s*[a-z_]+\s*\(|\.\s*query\s*\.\s*(get|filter|filter_by|all|first)\s*\(/;

/** SQL text inside a string (checked on the `keep` view). */
export const SQL_ANY = /["'`][^"'`]*\b(SELECT\s[\s\S]*?\bFROM\b|INSERT\s+INTO\b|UPDATE\s+[\w."`[\]]+\s+SET\b|DELETE\s+FROM\b|UPSERT\b|MERGE\s+INTO\b|REPLACE\s+INTO\b)/i;
export const SQL_WRITE = /\b(INSERT\s+INTO|UPDATE\s+[\w."`[\]]+\s+SET|DELETE\s+FROM|UPSERT\s+INTO|MERGE\s+INTO|REPLACE\s+INTO)\b/i;
export const SQL_READ = /\bSELECT\s[\s\S]*?\bFROM\b/i;

export interface DbCall {
  /** Column of the call in the line. */
  col: number;
  /** Short text naming the call: `db.QueryRow`, `cursor.execute`. */
  name: string;
  /** True when it (probably) writes. */
  write: boolean;
}

const WRITE_VERB = /^(Exec|ExecContext|NamedExec|NamedExecContext|MustExec|executeUpdate|executeBatch|executeLargeUpdate|executemany|Create|Save|Updates|Update|Delete|create|update|delete|insert|insertOne|insertMany|updateOne|updateMany|deleteOne|deleteMany|upsert|save|saveAll|saveAndFlush|persist|merge|remove|destroy|add|add_all|bulkCreate|bulkWrite|replaceOne|findOneAndUpdate|deleteBy[A-Z]\w*)$/;

/**
 * The first database call on a line, if any. `code` is the masked line and
 * `keep` the same line with strings, so `cursor.execute("INSERT …")` is a write
 * and `db.Exec("SELECT 1")` is not.
 */
export function findDbCall(code: string, keep: string): DbCall | undefined {
  const found: DbCall[] = [];
  const strong = STRONG_QUERY.exec(code);
  if (strong) found.push({ col: strong.index, name: strong[1], write: WRITE_VERB.test(strong[1]) });
  RECEIVER_QUERY.lastIndex = 0;
  for (let m = RECEIVER_QUERY.exec(code); m; m = RECEIVER_QUERY.exec(code)) {
    const receiver = m[1];
    const verb = m[2];
    if (!isDbReceiver(receiver)) continue;
    // requests.Session().get(url) is HTTP; SQLAlchemy's session.get(Model, id) names a class.
    if (/^(get|Get|delete)$/.test(verb) && /(^|\.)(session|sess|client)$/.test(receiver) && !/^\s*[A-Z]/.test(code.slice(m.index + m[0].length))) continue;
    // `cursor.execute`, `session.execute` are writes only when their SQL is.
    found.push({ col: m.index, name: `${receiver.replace(/\s+/g, '')}.${verb}`, write: WRITE_VERB.test(verb) });
    break;
  }
  const model = MODEL_QUERY.exec(code);
  if (model && !/^(Object|Array|Promise|Math|JSON|Date|Number|String|Reflect|Symbol|Map|Set|Buffer|URL|Intl|Atomics|Arrays|Collections|Optional|Stream|Files|Paths|Path|List|Objects|Integer|Long|Boolean|Character|Pattern|LocalDate|Instant|Duration|Executors|CompletableFuture|Thread|System)$/.test(model[1])) {
    found.push({ col: model.index, name: `${model[1]}.${model[2]}`, write: WRITE_VERB.test(model[2]) });
  }
  const dj = DJANGO.exec(code);
  if (dj) found.push({ col: dj.index, name: dj[0].replace(/\s+/g, '').replace(/\($/, ''), write: /\.(create|update|delete|bulk_create|bulk_update|get_or_create|update_or_create)$/.test(dj[0].replace(/[\s(]/g, '')) });
  if (/\.\s*save\s*\(\s*\)/.test(code) && !found.length) {
    found.push({ col: code.search(/\.\s*save\s*\(/), name: 'save', write: true });
  }
  if (!found.length) {
    // A SQL string passed to some call on this line.
    const sql = SQL_ANY.exec(keep);
    if (sql && /\(/.test(code)) found.push({ col: sql.index, name: 'SQL', write: SQL_WRITE.test(keep) });
    else return undefined;
  }
  found.sort((a, b) => a.col - b.col);
  const first = found[0];
  // The SQL on the line decides between read and write when it is there.
  if (SQL_WRITE.test(keep)) first.write = true;
  else if (SQL_READ.test(keep) && /^(Exec|ExecContext|execute|exec|query|raw|Raw|SQL)$/.test(first.name.replace(/^.*\./, ''))) first.write = false;
  return first;
}

/** Transaction starts and declarations (masked code; SQL BEGIN checked on keep). */
export const TX_MARKER = /\.\s*(BeginTx|Begin|Beginx|BeginTxx|MustBegin|MustBeginTx|beginTransaction|startTransaction|withTransaction|runInTransaction|transaction|\$transaction|begin|begin_nested|atomic|setAutoCommit|inTransaction|executeInTransaction|transact)\s*\(|@Transactional\b|\bTransactionTemplate\b|\btransaction\s*\.\s*atomic\b|@atomic\b/;
export const SQL_TX = /["'`]\s*(BEGIN|START\s+TRANSACTION|SET\s+TRANSACTION)\b/i;

/** Locks around shared state or rows. */
export const LOCK_MARKER = /\.\s*(Lock|RLock|TryLock|lock|lockInterruptibly|tryLock|runExclusive|writeLock|readLock)\s*\(|[\w$]*(lock|Lock|LOCK|mutex|Mutex|sem|Sem)[\w$]*\s*\.\s*acquire\s*\(|\bsynchronized\b|^\s*(async\s+)?with\s+[\w.]*(lock|Lock|mutex|Mutex|semaphore)\w*\b|@Lock\s*\(|\bFOR\s+UPDATE\b|pg_advisory\w*lock|\bLOCK\s+TABLE\b|\bGET_LOCK\s*\(/;

export const UNLOCK = /\.\s*(Unlock|RUnlock|unlock|release)\s*\(/;

export type IsolationName = 'SERIALIZABLE' | 'REPEATABLE READ' | 'SNAPSHOT' | 'READ COMMITTED' | 'READ UNCOMMITTED';

const ISOLATION = /(?:\bLevel|\bIsolation\s*\.\s*|ISOLATION_LEVELS?\s*\.\s*|IsolationLevel\s*\.\s*|\bTRANSACTION_|ISOLATION\s+LEVEL\s+|isolation_level\s*[=:]\s*["']?|isolationLevel\s*[=:]\s*["']?|\bisolation\s*[=:]\s*["']?)(SERIALIZABLE|Serializable|serializable|REPEATABLE[_ ]READ|RepeatableRead|repeatable[_ ]read|Repeatable[_ ]Read|READ[_ ]COMMITTED|ReadCommitted|read[_ ]committed|Read[_ ]Committed|READ[_ ]UNCOMMITTED|ReadUncommitted|read[_ ]uncommitted|Read[_ ]Uncommitted|SNAPSHOT|Snapshot|snapshot)/g;

export const ISOLATION_RANK: Record<IsolationName, number> = {
  SERIALIZABLE: 4, 'REPEATABLE READ': 3, SNAPSHOT: 3, 'READ COMMITTED': 2, 'READ UNCOMMITTED': 1,
};

function normIsolation(s: string): IsolationName {
  const k = s.replace(/[^a-z]/gi, '').toLowerCase();
  if (k === 'serializable') return 'SERIALIZABLE';
  if (k === 'repeatableread') return 'REPEATABLE READ';
  if (k === 'snapshot') return 'SNAPSHOT';
  if (k === 'readcommitted') return 'READ COMMITTED';
  return 'READ UNCOMMITTED';
}

/** Isolation levels named on a line (run on the `keep` view: SQL and kwargs are often strings). */
export function isolationLevels(keepLine: string): { level: IsolationName; text: string }[] {
  ISOLATION.lastIndex = 0;
  const out: { level: IsolationName; text: string }[] = [];
  for (let m = ISOLATION.exec(keepLine); m; m = ISOLATION.exec(keepLine)) out.push({ level: normIsolation(m[1]), text: m[0] });
  return out;
}

/** Writes to shared in-memory state: m[k] = v, x.f = v, x += 1, append(…). */
export const STATE_WRITE = /[\w$\])]\s*\[[^\]]*\]\s*(=(?!=)|\+\+|--|[-+*/|&]=)|\.\s*[A-Za-z_$][\w$]*\s*(=(?!=)|\+=|-=|\+\+|--)|\bappend\s*\(|\.\s*(put|set|add|push|append|Store|insert)\s*\(/;
