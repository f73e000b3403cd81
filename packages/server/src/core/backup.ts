// SPDX-License-Identifier: EUPL-1.2
// Back-up and restore of the whole database (every tenant).
//  - PostgreSQL (DATABASE_URL): pg_dump in its custom format (-Fc: compressed, restorable per
//    table) and pg_restore; the client tools of the server's major version must be on PATH.
//  - Embedded database (DATA_DIR): the PGlite data directory as a gzipped tar (dumpDataDir),
//    restored into an empty data directory. One process per data directory: stop the server first.
// A restore refuses a database that already holds data unless `force` is given; with force on
// PGlite the existing directory is kept aside (renamed), never deleted.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BackupTarget { databaseUrl?: string; dataDir: string }

export class BackupError extends Error {}

/** Runs a client tool; rejects with its stderr when it fails or is missing. */
function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (b: Buffer) => { err += b.toString(); });
    p.on('error', (e: NodeJS.ErrnoException) => reject(new BackupError(e.code === 'ENOENT'
      ? `${cmd} niet gevonden: installeer de PostgreSQL-clientprogramma's (zelfde hoofdversie als de server)` : e.message)));
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new BackupError(`${cmd} stopte met code ${code}: ${err.trim()}`))));
  });
}

const pgliteDir = (dataDir: string) => join(dataDir, 'pglite');

function magic(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(5);
    readSync(fd, b, 0, 5, 0);
    return b;
  } finally {
    closeSync(fd);
  }
}

/** What a backup file holds: a pg_dump archive (PGDMP) or a PGlite data directory (gzip). */
export function backupKind(file: string): 'postgres' | 'pglite' | 'unknown' {
  const m = magic(file);
  if (m.toString('latin1') === 'PGDMP') return 'postgres';
  if (m[0] === 0x1f && m[1] === 0x8b) return 'pglite';
  return 'unknown';
}

export async function backup(target: BackupTarget, file: string): Promise<{ kind: 'postgres' | 'pglite'; bytes: number }> {
  if (target.databaseUrl) {
    await run('pg_dump', ['--format=custom', '--compress=6', '--file', file, '--dbname', target.databaseUrl]);
    return { kind: 'postgres', bytes: statSync(file).size };
  }
  const dir = pgliteDir(target.dataDir);
  if (!existsSync(join(dir, 'PG_VERSION'))) throw new BackupError(`Geen ingebouwde database in ${target.dataDir}`);
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create({ dataDir: dir });
  try {
    // a checkpoint first: everything committed is in the data files the tarball copies
    await db.exec('CHECKPOINT');
    const blob = await db.dumpDataDir('gzip');
    writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  } finally {
    await db.close();
  }
  return { kind: 'pglite', bytes: statSync(file).size };
}

/** Tables in the public schema of a PostgreSQL database (0: empty, safe to restore into). */
async function pgTableCount(url: string): Promise<number> {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query(`select count(*)::int as n from pg_tables where schemaname = 'public'`);
    return r.rows[0].n as number;
  } finally {
    await c.end();
  }
}

export async function restore(target: BackupTarget, file: string, opts: { force?: boolean } = {}): Promise<{ kind: 'postgres' | 'pglite'; keptAside?: string }> {
  if (!existsSync(file)) throw new BackupError(`Bestand ${file} bestaat niet`);
  const kind = backupKind(file);
  if (target.databaseUrl) {
    if (kind !== 'postgres') throw new BackupError('Dit is geen PostgreSQL-back-up (pg_dump -Fc); een back-up van de ingebouwde database zet u terug zonder DATABASE_URL');
    const tables = await pgTableCount(target.databaseUrl);
    if (tables > 0 && !opts.force) {
      throw new BackupError(`De database bevat al ${tables} tabellen: zet terug in een lege database, of geef --force om de bestaande inhoud te vervangen`);
    }
    // one transaction: a restore that fails halfway leaves the database as it was
    await run('pg_restore', ['--dbname', target.databaseUrl, '--single-transaction', '--exit-on-error', '--no-owner',
      ...(tables > 0 ? ['--clean', '--if-exists'] : []), file]);
    return { kind: 'postgres' };
  }
  if (kind !== 'pglite') throw new BackupError('Dit is geen back-up van de ingebouwde database; een PostgreSQL-back-up zet u terug met DATABASE_URL');
  const dir = pgliteDir(target.dataDir);
  let keptAside: string | undefined;
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!opts.force) throw new BackupError(`${dir} bevat al een database: zet terug in een lege DATA_DIR, of geef --force (de bestaande map blijft bewaard)`);
    keptAside = `${dir}.voor-herstel-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
    renameSync(dir, keptAside);
  }
  mkdirSync(target.dataDir, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const data = readFileSync(file);
  const db = await PGlite.create({ dataDir: dir, loadDataDir: new Blob([data]) });
  try {
    await db.query('select 1');
  } finally {
    await db.close();
  }
  return { kind: 'pglite', keptAside };
}
