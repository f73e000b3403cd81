// SPDX-License-Identifier: EUPL-1.2
// Database access: PGlite (embedded PostgreSQL) in DATA_DIR by default, node-postgres when
// DATABASE_URL is set. Same migrations and the same SQL on both.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import * as schema from './schema.js';
import { SERVER_ROOT } from '../paths.js';

export { schema, sql };
export type Db = PgDatabase<any, typeof schema>;
export type Executor = Db;

export const MIGRATIONS_DIR = join(SERVER_ROOT, 'migrations');
/** The role the application runs as: it may insert into the logs but not change them. */
export const APP_ROLE = 'zvh_app';

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** Raw client access for bulk paths (COPY in benchmarks); avoid elsewhere. */
  raw: unknown;
}

// Types we parse the same way on both drivers: bigint counts as numbers, numeric as numbers,
// dates as 'YYYY-MM-DD' strings (never shifted through a JS Date and a time zone).
const INT8 = 20, NUMERIC = 1700, DATE = 1082;

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  loadDataDir?: Blob | File;
  /** Apply pending migrations first (as the connecting owner role). Default true. */
  migrate?: boolean;
  /** Stay the connecting (owner) role instead of the application role: maintenance commands only (archive-log). */
  owner?: boolean;
  /** Connections in the pool (PostgreSQL only); default DATABASE_POOL_SIZE or DEFAULT_POOL_SIZE. */
  poolSize?: number;
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
    if (doMigrate) {
      const { migrate } = await import('drizzle-orm/node-postgres/migrator');
      const client = new pg.Client({ connectionString: opts.databaseUrl });
      await client.connect();
      try {
        // several instances may start at once: one migrates, the others wait
        await client.query('select pg_advisory_lock(7420001)');
        await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await client.end();
      }
    }
    // every connection runs as the application role from its first statement (startup option)
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? poolSizeFromEnv(), ...(opts.owner ? {} : { options: `-c role=${APP_ROLE}` }) });
    // an idle connection dropped by the server (restart, DROP DATABASE) must not crash the process
    pool.on('error', () => undefined);
    const db = drizzle(pool, { schema }) as unknown as Db;
    return { db, kind: 'postgres', raw: pool, close: () => pool.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  // pg_trgm: the person search's trigram indexes (migration 0018), the same on both databases
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const dir = opts.dataDir ? join(opts.dataDir, 'pglite') : undefined;
  if (dir) mkdirSync(dirname(dir), { recursive: true });
  const client = await PGlite.create({
    dataDir: dir,
    loadDataDir: opts.loadDataDir,
    extensions: { pg_trgm },
    parsers: { [INT8]: (v: string) => Number(v), [NUMERIC]: (v: string) => Number(v), [DATE]: (v: string) => v },
  });
  const { drizzle } = await import('drizzle-orm/pglite');
  const db = drizzle(client, { schema }) as unknown as Db;
  if (doMigrate) {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await client.exec('RESET ROLE');
    await migrate(db as never, { migrationsFolder: MIGRATIONS_DIR });
  }
  if (!opts.owner) await client.exec(`SET ROLE ${APP_ROLE}`);
  return { db, kind: 'pglite', raw: client, close: () => client.close() };
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
