// SPDX-License-Identifier: EUPL-1.2
// Database access: PGlite (embedded PostgreSQL) in DATA_DIR by default, node-postgres when
// DATABASE_URL is set. Same migrations and the same SQL on both.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { v7 as uuidV7 } from 'uuid';
import * as schema from './schema.js';
import { SERVER_ROOT } from '../paths.js';

export { schema, sql };
export type Db = PgDatabase<any, typeof schema>;
export type Executor = Db;

/**
 * A new row's key made by the application (the import, which knows its keys before writing):
 * time-ordered like the database's default zvh_uuid_v7() (migration 0029), so new rows go to the
 * right edge of the indexes on their keys.
 */
export const newId = (): string => uuidV7();

export const MIGRATIONS_DIR = join(SERVER_ROOT, 'migrations');
/** The role the application runs as: it may insert into the logs but not change them. */
export const APP_ROLE = 'zvh_app';

export interface Database {
  /**
   * The application's handle: the login role zvh_app, no settings, so it sees no row of a table
   * with row-level security (sign-in, session lookup and other pre-auth work only). Services get
   * a handle scoped to their actor from `scopedDb` (core/http ctxOf, core/context systemCtx).
   */
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** Raw client access for bulk paths (COPY in benchmarks, PGlite dumps, pg-boss); avoid elsewhere. */
  raw: unknown;
  /** PostgreSQL: the connections of both pools (metrics). */
  poolStats?: { readonly totalCount: number; readonly idleCount: number; readonly waitingCount: number };
  /**
   * Only with `ownerHandle` (tests, installation steps): the owner, which row-level security does
   * not apply to. Never handed to the application.
   */
  owner?: Db;
}

// Types we parse the same way on both drivers: bigint counts as numbers, numeric as numbers,
// dates as 'YYYY-MM-DD' strings (never shifted through a JS Date and a time zone).
const INT8 = 20, NUMERIC = 1700, DATE = 1082;

export interface OpenOptions {
  databaseUrl?: string;
  /**
   * PostgreSQL: how the application logs in (as zvh_app). Default: DATABASE_URL with the user
   * replaced by zvh_app and the password `appPassword` (if any).
   */
  appDatabaseUrl?: string;
  /** PostgreSQL: zvh_app's password; when set, the migration step gives zvh_app this password. */
  appPassword?: string;
  dataDir?: string;
  loadDataDir?: Blob | File;
  /** Apply pending migrations first (as the owner). Default true. */
  migrate?: boolean;
  /** Stay the connecting (owner) role instead of the application role: maintenance commands only (archive-log). */
  owner?: boolean;
  /** Connections in the pool (PostgreSQL only); default DATABASE_POOL_SIZE or DEFAULT_POOL_SIZE. */
  poolSize?: number;
  /** Also return `owner` (tests only). */
  ownerHandle?: boolean;
  /**
   * Installation work as the owner right after the migrations (the installation data of
   * core/seed.ts: tenants, reference data, users), like a migration and never by the application.
   */
  install?: (owner: Db) => Promise<unknown>;
}

/**
 * What row-level security decides on (migration 0021), set per transaction with
 * set_config(..., true): the tenant, the user and their organisation, and whether the actor sees
 * every row of the tenant (ZVH staff; a system actor such as a job or the import tool).
 */
export interface Scope {
  tenantId: string;
  userId: string | null;
  organisationCode: string;
  staff: boolean;
}

interface Base {
  kind: 'pglite' | 'postgres';
  /** pg.Pool of zvh_app, or the PGlite instance. */
  client: any;
  /** PGlite opened as the superuser (in-memory: tests, demo): every transaction first SET LOCAL ROLE zvh_app. */
  setRole: boolean;
  /** PostgreSQL: the scoped pool of zvh_app (see `sessionScope`); `client` is the clean pool. */
  scopedPool?: any;
}
const bases = new WeakMap<object, Base>();

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

const SCOPE_KEYS = ['zvh.tenant_id', 'zvh.user_id', 'zvh.org', 'zvh.staff', 'zvh.municipalities'] as const;

/**
 * One statement that sets every setting of the scope: for the current transaction (`local`, the
 * default), or for the connection's session (core/db's statements outside a transaction on
 * PostgreSQL, see `sessionScope`).
 */
export function scopeSettingsSql(scope: Scope, local = true): string {
  if (!UUID_RE.test(scope.tenantId) || (scope.userId !== null && !UUID_RE.test(scope.userId))) throw new Error('scope: ids must be UUIDs');
  const t = lit(scope.tenantId), u = lit(scope.userId ?? ''), o = lit(scope.organisationCode);
  // a municipal partner's professional: the municipalities they work for ('' = not a municipal organisation)
  const municipalities = scope.staff || !scope.userId ? `''` : `coalesce((select case when o.municipal then coalesce((select array_agg(um.municipality_code order by um.municipality_code)
      from user_municipalities um where um.user_id = ${u}::uuid and um.tenant_id = ${t}::uuid), '{}')::text end
      from organisations o where o.tenant_id = ${t}::uuid and o.code = ${o}), '')`;
  const values = [t, u, o, scope.staff ? `'on'` : `'off'`, municipalities];
  return `select ${SCOPE_KEYS.map((k, i) => `set_config('${k}', ${values[i]}, ${local})`).join(', ')}`;
}

/**
 * The scope each connection of the scoped pool holds at session level. On PostgreSQL the
 * application has two pools: the clean pool (the unscoped handle: sign-in and session lookup;
 * pg-boss; bulk paths), whose connections never hold a scope, and the scoped pool, whose
 * connections serve actors. A statement outside a transaction runs on a scoped-pool connection
 * after setting its actor's scope there, which the next statement of the same actor on that
 * connection reuses: one round trip instead of three (BEGIN + settings, the statement, COMMIT).
 * A transaction sets every setting for itself (set_config(..., true)) over whatever the
 * connection holds. A scope whose settings come from a query (a municipal partner's
 * municipalities, which an administrator may change) is never reused: it is set again before
 * every statement.
 */
const sessionScope = new WeakMap<object, string>();

async function setSessionScope(c: any, setup: string): Promise<void> {
  if (sessionScope.get(c) === setup) return;
  sessionScope.delete(c);
  await c.query(setup);
  // settings read from a table inside the statement (a subquery) may change: never reused
  if (!setup.includes('(select')) sessionScope.set(c, setup);
}

const PREPARED_MARK = '/* zvh:prepared */';

/**
 * Marks a hot query (the case file) to run as a named prepared statement on PostgreSQL: parsed,
 * rewritten with the row-level-security policies and planned once per connection instead of at
 * every execution (for the case file that was ~90 % of its database time). The policies read the
 * scope at execution time, so one plan serves every actor. Only for queries whose text has few
 * variants: each distinct text is a statement kept on every connection.
 */
export function prepared(query: SQL): SQL {
  return sql`${sql.raw(PREPARED_MARK)} ${query}`;
}

/** node-postgres query config with a name for a marked query (the name is a digest of its text). */
function withName(cfg: any): any {
  const text = typeof cfg === 'string' ? cfg : cfg?.text;
  if (typeof text !== 'string' || !text.startsWith(PREPARED_MARK) || cfg?.name) return cfg;
  let name = statementNames.get(text);
  if (!name) {
    name = `zvh_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    // few distinct texts by design (see `prepared`); a bound all the same
    if (statementNames.size >= 1000) statementNames.clear();
    statementNames.set(text, name);
  }
  return typeof cfg === 'string' ? { text, name } : { ...cfg, name };
}
/** The names of the prepared statements by text: a digest once per text, not per execution. */
const statementNames = new Map<string, string>();

function makePgScopedPool(pg: any, base: Base, setup: string, sessionSetup: string): any {
  const begin = (text: string) => `${text}; ${setup}`;
  /** node-postgres pool whose every transaction starts with the scope's settings. */
  class ScopedPool extends pg.Pool {
    constructor() { super({ max: 1 }); }
    // drizzle's transaction(): a client whose `begin` also sets the scope (one round trip)
    async connect(): Promise<any> {
      // `begin` sets every setting of the scope for the transaction, over any the session holds
      const c = await base.scopedPool.connect();
      let first = true;
      return {
        query(cfg: any, params?: unknown[]) {
          const text = typeof cfg === 'string' ? cfg : cfg?.text;
          if (first && typeof text === 'string' && /^begin\b/i.test(text) && !(params && params.length)) {
            first = false;
            return c.query(begin(text)).then((r: any) => (Array.isArray(r) ? r[0] : r));
          }
          first = false;
          return c.query(withName(cfg), params);
        },
        release: (err?: unknown) => c.release(err),
      };
    }
    // a statement outside a transaction: on a connection that holds this scope (sessionScope)
    async query(cfg: any, params?: unknown): Promise<any> {
      const c = await base.scopedPool.connect();
      let scoped = false;
      try {
        await setSessionScope(c, sessionSetup);
        scoped = true;
        return await c.query(withName(cfg), params);
      } finally {
        // a connection whose scope change failed is closed, never reused
        c.release(scoped ? undefined : new Error('scope not set'));
      }
    }
  }
  return new ScopedPool();
}

function makePgliteScoped(client: any, setup: string): any {
  return {
    query: (q: string, params?: unknown[], opts?: unknown) =>
      client.transaction(async (tx: any) => { await tx.exec(setup); return tx.query(q, params, opts); }),
    exec: (q: string, opts?: unknown) =>
      client.transaction(async (tx: any) => { await tx.exec(setup); return tx.exec(q, opts); }),
    transaction: (fn: (tx: any) => Promise<unknown>) =>
      client.transaction(async (tx: any) => { await tx.exec(setup); return fn(tx); }),
  };
}

/** The application's unscoped handle (no settings: row-level security shows it nothing). */
async function wrap(base: Base): Promise<Db> {
  let db: Db;
  if (base.kind === 'postgres') {
    const { drizzle } = await import('drizzle-orm/node-postgres');
    db = drizzle({ client: base.client, schema }) as unknown as Db;
  } else {
    const { drizzle } = await import('drizzle-orm/pglite');
    db = drizzle({ client: base.setRole ? makePgliteScoped(base.client, `set local role ${APP_ROLE}`) : base.client, schema }) as unknown as Db;
  }
  bases.set(db, base);
  return db;
}

// drizzle's drivers are imported once; scopedDb is then synchronous
let drizzlePg: any, drizzlePglite: any, pgModule: any;
async function loadDrivers(kind: 'pglite' | 'postgres') {
  if (kind === 'postgres') {
    pgModule ??= (await import('pg')).default;
    drizzlePg ??= (await import('drizzle-orm/node-postgres')).drizzle;
  } else {
    drizzlePglite ??= (await import('drizzle-orm/pglite')).drizzle;
  }
}

/**
 * A handle whose every transaction (and every statement outside one) first sets the scope's
 * settings, so row-level security lets through what this actor may see and nothing else.
 * `db` is any handle of the database (the application's, or another scoped one).
 */
export function scopedDb(db: Db, scope: Scope): Db {
  const base = bases.get(db);
  if (!base) throw new Error('scopedDb: not a handle of openDatabase');
  const setup = scopeSettingsSql(scope);
  // a handle holds no state of its own (each statement or transaction sets the scope): the same
  // actor's requests share one instead of building a pool wrapper and a drizzle instance each time
  let cache = handles.get(base);
  if (!cache) handles.set(base, (cache = new Map()));
  const known = cache.get(setup);
  if (known) {
    cache.delete(setup); // most recently used last
    cache.set(setup, known);
    return known;
  }
  let scoped: Db;
  if (base.kind === 'postgres') {
    // no relational schema: drizzle would rebuild its relations config for every request's handle
    scoped = drizzlePg({ client: makePgScopedPool(pgModule, base, setup, scopeSettingsSql(scope, false)) }) as unknown as Db;
  } else {
    const pre = [base.setRole ? `set local role ${APP_ROLE}` : '', setup].filter(Boolean).join('; ');
    scoped = drizzlePglite({ client: makePgliteScoped(base.client, pre) }) as unknown as Db;
  }
  bases.set(scoped, base);
  cache.set(setup, scoped);
  if (cache.size > HANDLE_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return scoped;
}
const handles = new WeakMap<Base, Map<string, Db>>();
const HANDLE_CACHE_SIZE = 500;

/** Whether a handle is on the embedded database (PGlite: one process, no autovacuum). */
export function isEmbedded(db: Db): boolean {
  return bases.get(db)?.kind === 'pglite';
}

/**
 * Refreshes the planner's statistics (migration 0025's `zvh_analyze()`, which the application role
 * may call), on the embedded database only, which has no autovacuum: hourly (core/jobs db.analyze)
 * and after an import. On PostgreSQL autovacuum does this.
 */
export async function refreshStatistics(ex: Executor): Promise<void> {
  await ex.execute(sql`select zvh_analyze()`);
}

/** The application's login URL on PostgreSQL: DATABASE_URL with user zvh_app (and its password). */
export function appUrlFor(databaseUrl: string, password?: string): string {
  const u = new URL(databaseUrl);
  u.username = APP_ROLE;
  u.password = password ? encodeURIComponent(password) : '';
  return u.toString();
}

/**
 * A case read now takes one connection for ~3 short statements, so a pool a little larger than
 * the old 10 keeps 50 clients moving without crowding PostgreSQL's max_connections (100 by
 * default) when several instances share it: 20 per instance.
 */
export const DEFAULT_POOL_SIZE = 20;

export function poolSizeFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.DATABASE_POOL_SIZE;
  if (v === undefined || v === '') return DEFAULT_POOL_SIZE;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`DATABASE_POOL_SIZE must be a whole number from 1 to 1000, got "${v}"`);
  return n;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const doMigrate = opts.migrate ?? true;
  if (opts.databaseUrl) {
    const pg = (await import('pg')).default;
    pg.types.setTypeParser(INT8, (v: string) => Number(v));
    pg.types.setTypeParser(NUMERIC, (v: string) => Number(v));
    pg.types.setTypeParser(DATE, (v: string) => v);
    const { drizzle } = await import('drizzle-orm/node-postgres');
    await loadDrivers('postgres');
    if (doMigrate) {
      const { migrate } = await import('drizzle-orm/node-postgres/migrator');
      const client = new pg.Client({ connectionString: opts.databaseUrl });
      await client.connect();
      try {
        // several instances may start at once: one migrates, the others wait
        await client.query('select pg_advisory_lock(7420001)');
        await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_DIR });
        if (opts.install) await opts.install(drizzle(client, { schema }) as unknown as Db);
        if (opts.appPassword) {
          // the owner needs CREATEROLE for this; otherwise the administrator sets it (docs/security.md)
          await client.query(`ALTER ROLE ${APP_ROLE} PASSWORD ${lit(opts.appPassword)}`);
        }
      } finally {
        await client.end();
      }
    }
    // the application logs in as zvh_app: it owns nothing and cannot become the owner (`owner`: maintenance commands only)
    const connectionString = opts.owner ? opts.databaseUrl : (opts.appDatabaseUrl ?? appUrlFor(opts.databaseUrl, opts.appPassword));
    const size = opts.poolSize ?? poolSizeFromEnv();
    // two pools (see sessionScope): the scoped pool serves the actors' work, the clean pool the
    // unscoped handle (sign-in, session lookup), pg-boss and bulk paths, and never holds a scope
    // no JIT compilation: it is meant for long analytical queries and costs the application's
    // short ones and its reports more than it saves (the annual report: ~0.3 s of JIT per run)
    const options = '-c jit=off';
    const scopedPool = new pg.Pool({ connectionString, max: size, options });
    const pool = new pg.Pool({ connectionString, max: Math.max(2, Math.ceil(size / 4)), options });
    // an idle connection dropped by the server (restart, DROP DATABASE) must not crash the process
    pool.on('error', () => undefined);
    scopedPool.on('error', () => undefined);
    // marked queries run as named prepared statements on the clean pool too (the session lookup)
    const plainQuery = pool.query.bind(pool) as (...a: unknown[]) => unknown;
    (pool as { query: unknown }).query = (cfg: unknown, ...rest: unknown[]) => plainQuery(withName(cfg), ...rest);
    const base: Base = { kind: 'postgres', client: pool, setRole: false, scopedPool };
    const db = await wrap(base);
    let ownerPool: InstanceType<typeof pg.Pool> | undefined;
    let owner: Db | undefined;
    if (opts.ownerHandle) {
      ownerPool = new pg.Pool({ connectionString: opts.databaseUrl, max: 3 });
      ownerPool.on('error', () => undefined);
      owner = drizzle(ownerPool, { schema }) as unknown as Db;
      // scopedDb(owner, …) gives an application handle (zvh_app), as for any other handle
      bases.set(owner, base);
    }
    const pools = [pool, scopedPool];
    const sum = (k: 'totalCount' | 'idleCount' | 'waitingCount') => pools.reduce((n, p) => n + p[k], 0);
    return {
      db, kind: 'postgres', raw: pool, owner,
      poolStats: { get totalCount() { return sum('totalCount'); }, get idleCount() { return sum('idleCount'); }, get waitingCount() { return sum('waitingCount'); } },
      close: async () => { await pool.end(); await scopedPool.end(); await ownerPool?.end(); },
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  // pg_trgm: the person search's trigram indexes (migration 0018), the same on both databases
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  await loadDrivers('pglite');
  const dir = opts.dataDir ? join(opts.dataDir, 'pglite') : undefined;
  if (dir) mkdirSync(dirname(dir), { recursive: true });
  const parsers = { [INT8]: (v: string) => Number(v), [NUMERIC]: (v: string) => Number(v), [DATE]: (v: string) => v };
  let client = await PGlite.create({ dataDir: dir, loadDataDir: opts.loadDataDir, parsers, extensions: { pg_trgm } });
  if (doMigrate) {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(drizzle(client, { schema }) as never, { migrationsFolder: MIGRATIONS_DIR });
  }
  if (opts.install) await opts.install(drizzle(client, { schema }) as unknown as Db);
  // no autovacuum here: the statistics of the data directory as it is now (after an import that
  // was cut off, say), before the first query is planned; a few seconds at most
  if (dir) await client.exec('ANALYZE');
  let setRole = !opts.owner;
  if (dir && !opts.ownerHandle && !opts.owner) {
    // on disk: reopen as zvh_app, so that RESET ROLE or SET SESSION AUTHORIZATION give nothing back
    await client.close();
    client = await PGlite.create({ dataDir: dir, parsers, extensions: { pg_trgm }, username: APP_ROLE });
    setRole = false;
  }
  // in memory (tests, a quick demo) there is only this one superuser session: every transaction of
  // the application first drops to zvh_app (SET LOCAL ROLE), the owner handle is for tests only
  const base: Base = { kind: 'pglite', client, setRole };
  const db = await wrap(base);
  const owner = opts.ownerHandle ? (drizzle(client, { schema }) as unknown as Db) : undefined;
  if (owner) bases.set(owner, base); // scopedDb(owner, …) gives an application handle (zvh_app)
  return { db, kind: 'pglite', raw: client, owner, close: () => client.close() };
}

// Drizzle hands timestamptz columns of raw queries over as PostgreSQL text ("2026-11-23 18:30:00.1+00");
// the API speaks ISO 8601, the same on both drivers.
const PG_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})(?::?(\d{2}))?$/;
function normaliseRow<T>(row: T): T {
  if (!row || typeof row !== 'object') return row;
  const r = row as Record<string, unknown>;
  for (const k of Object.keys(r)) {
    const v = r[k];
    if (typeof v === 'string' && v.length >= 22 && v.length <= 35) {
      const m = PG_TIMESTAMP.exec(v);
      if (m) r[k] = new Date(`${m[1]}T${m[2]}${m[3]}:${m[4] ?? '00'}`).toISOString();
    } else if (v instanceof Date) {
      r[k] = v.toISOString();
    }
  }
  return row;
}

/** Rows of a raw query, typed by the caller; timestamps as ISO 8601 strings. */
export async function rows<T>(ex: Executor, query: SQL): Promise<T[]> {
  const res = (await ex.execute(query)) as unknown as { rows: T[] };
  return res.rows.map(normaliseRow);
}
export async function one<T>(ex: Executor, query: SQL): Promise<T | undefined> {
  return (await rows<T>(ex, query))[0];
}

/**
 * Runs fn in one transaction: multi-row writes commit together or not at all. An error may carry
 * `afterRollback` (a refused access, core/access.ts): that runs once the transaction is rolled
 * back, so what it writes (the processing log's `denied` entry) is not rolled back with it.
 */
export async function transaction<T>(db: Db, fn: (tx: Executor) => Promise<T>): Promise<T> {
  try {
    return await db.transaction((tx) => fn(tx as unknown as Executor));
  } catch (err) {
    const after = (err as { afterRollback?: unknown } | null)?.afterRollback;
    if (typeof after === 'function') await (after as () => Promise<void>)();
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Bulk loading into a staging table

/** A value of a staging row: text, a date as 'YYYY-MM-DD', a boolean, a number, a list of texts, or null. */
export type CopyValue = string | number | boolean | null | undefined | readonly string[];

const COPY_SPECIAL = /[\\\t\n\r]/;
const copyEscape = (s: string) => (COPY_SPECIAL.test(s)
  ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
  : s);

/** One value in PostgreSQL's COPY text format (tab-separated, `\N` for null, backslash escapes). */
function copyField(v: CopyValue): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'string') return copyEscape(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  // an array literal with every element quoted, then escaped as one COPY field like any text
  return copyEscape(`{${v.map((e) => `"${e.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`);
}

/** Rows as COPY text: one line per row. */
export function copyText(rows: readonly (readonly CopyValue[])[]): string {
  let out = '';
  for (const r of rows) out += `${r.map(copyField).join('\t')}\n`;
  return out;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/**
 * Loads rows into `table` inside the transaction `tx`: `COPY ... FROM STDIN` on PostgreSQL. On
 * PGlite, whose COPY reads only a server file ('/dev/blob'), which needs pg_read_server_files (a
 * right the application role must never have), one `INSERT ... SELECT FROM json_populate_recordset`.
 * Meant for a session's own TEMP staging table: COPY refuses tables with row-level security, so
 * the rows are then moved into the real tables with set-based INSERT ... SELECT, where the
 * policies apply. `columns` name the columns in the order of each row's values.
 */
export async function copyRows(tx: Executor, table: string, columns: readonly string[], rows: readonly (readonly CopyValue[])[]): Promise<void> {
  if (![table, ...columns].every((c) => IDENT.test(c))) throw new Error('copyRows: table and columns must be plain identifiers');
  if (!rows.length) return;
  if (rows.some((r) => r.length !== columns.length)) throw new Error('copyRows: every row needs one value per column');
  const session = (tx as unknown as { session?: { client?: unknown } }).session;
  const client = session?.client as { query: (q: unknown, params?: unknown[]) => unknown; release?: unknown } | undefined;
  if (!client) throw new Error('copyRows: not a transaction of openDatabase');
  const cols = columns.join(', ');
  if (typeof client.release === 'function') {
    // node-postgres: a pooled client of this transaction (drizzle's session)
    pgModule ??= (await import('pg')).default;
    const text = copyText(rows);
    await new Promise<void>((resolve, reject) => {
      const q = new (copyFromQuery(pgModule))(`copy ${table} (${cols}) from stdin`, text);
      q.on('end', () => resolve());
      q.on('error', reject);
      client.query(q);
    });
    return;
  }
  const objects = rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? null])));
  await tx.execute(sql`insert into ${sql.raw(`${table} (${cols})`)} select ${sql.raw(cols)} from json_populate_recordset(${sql.raw(`null::${table}`)}, ${JSON.stringify(objects)}::json)`);
}

let CopyFromQuery: any;
/** node-postgres' submittable query for COPY FROM STDIN: answers CopyInResponse with the data (64 KB messages). */
function copyFromQuery(pg: any): any {
  CopyFromQuery ??= class extends pg.Query {
    private readonly data: string;
    constructor(text: string, data: string) { super(text); this.data = data; }
    handleCopyInResponse(connection: { sendCopyFromChunk(b: Buffer): void; endCopyFrom(): void }): void {
      const buf = Buffer.from(this.data);
      for (let i = 0; i < buf.length; i += 1 << 16) connection.sendCopyFromChunk(buf.subarray(i, i + (1 << 16)));
      connection.endCopyFrom();
    }
  };
  return CopyFromQuery;
}
