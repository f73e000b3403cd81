// SPDX-License-Identifier: EUPL-1.2
// Back-up and restore round trip through the real commands (`npm run backup` / `npm run restore`,
// src/cli/backup.ts in a child process): a database with two tenants' cases, persons, registrations,
// participants, agreements, journal entries, log rows and a document is backed up, restored into an
// empty database, and every case and every row of every table (count and checksum) compared.
// PGlite by default, PostgreSQL with TEST_DATABASE_URL (pg_dump/pg_restore).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase } from './db/index.js';
import type { Db } from './db/index.js';
import { seedInstallation, seedTenant } from './seed.js';
import { generate } from '../../bench/generate.js';
import type { Sql } from '../../bench/generate.js';
import { adminUrl } from '../test/pg-names.js';

const SERVER = join(dirname(fileURLToPath(import.meta.url)), '../..');
const PG_URL = process.env.TEST_DATABASE_URL;
const dir = mkdtempSync(join(tmpdir(), 'zvh-backup-test-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `npm run backup|restore` the way the scripts do (tsx src/cli/backup.ts <command> ...). */
function cli(command: 'backup' | 'restore', args: string[], env: Record<string, string>) {
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, DATABASE_URL: '', DATA_DIR: '', INIT_CWD: '', NODE_ENV: 'test', ...env })) if (v !== undefined) merged[k] = v;
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(SERVER, 'src/cli/backup.ts'), command, ...args], { env: merged, encoding: 'utf8', cwd: SERVER });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Count and checksum of every table (public and the migrations' journal), and every case as JSON. */
async function fingerprint(q: Sql) {
  const tables = (await q.query(`select format('%I.%I', schemaname, tablename) as t from pg_tables
    where schemaname in ('public', 'drizzle') order by 1`)).rows.map((r) => r.t as string);
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const t of tables) {
    const r = (await q.query(`select count(*)::int as n, md5(coalesce(string_agg(x::text, E'\\n' order by x::text), '')) as h from ${t} x`)).rows[0];
    out[t] = { rows: r.n, md5: r.h };
  }
  const cases = (await q.query(`select row_to_json(c)::text as j from cases c order by c.id`)).rows.map((r) => r.j as string);
  return { tables: out, cases };
}

async function fillAndFingerprint(q: Sql) {
  await generate(q, { tenants: ['drenthe', 'groningen'], cases: 300, logRows: 3000, pseudonymSecret: 'backup-test-secret-0123456789abcdef', password: 'backup-test-W8woord' });
  const c = (await q.query(`select id, tenant_id from cases order by id limit 1`)).rows[0];
  const bytes = randomBytes(2048);
  // a document's contents are in chunks (document_chunks)
  const d = (await q.query(`insert into documents (tenant_id, case_id, filename, mime_type, size, sha256, visibility, uploaded_by_organisation)
    values ($1, $2, 'verslag.pdf', 'application/pdf', $3, 'x', 'zvh', 'zvh') returning id`, [c.tenant_id, c.id, bytes.length])).rows[0];
  await q.query(`insert into document_chunks (document_id, seq, tenant_id, data) values ($1, 0, $2, $3)`, [d.id, c.tenant_id, bytes]);
  const fp = await fingerprint(q);
  expect(fp.cases).toHaveLength(300);
  expect(fp.tables['public.documents']!.rows).toBe(1);
  expect(fp.tables['public.processing_log']!.rows).toBeGreaterThanOrEqual(3000);
  return fp;
}

async function installTwoTenants(owner: Db): Promise<void> {
  await seedInstallation(owner, { demo: true });
  await seedTenant(owner, 'groningen', 'Zorg- en Veiligheidshuis Groningen');
}

describe.skipIf(!!PG_URL)('backup and restore of the embedded database (PGlite data directory)', () => {
  it('restores every case and every row into an empty data directory, and refuses a non-empty one without --force', async () => {
    const source = join(dir, 'source');
    // the installation data as the owner (as at start-up); the owner's handle fills the rest
    const database = await openDatabase({ dataDir: source, owner: true, install: installTwoTenants });
    const raw = database.raw as PGlite;
    await raw.exec('RESET ROLE');
    const before = await fillAndFingerprint(raw as unknown as Sql);
    await database.close();

    const file = join(dir, 'zvh.tar.gz');
    const b = cli('backup', [file], { DATA_DIR: source });
    expect(b.out).toContain('Back-up');
    expect(b.status).toBe(0);

    const target = join(dir, 'target');
    const r = cli('restore', [file], { DATA_DIR: target });
    expect(r.out).toContain('teruggezet');
    expect(r.status).toBe(0);
    const restored = await openDatabase({ dataDir: target, owner: true });
    const rraw = restored.raw as PGlite;
    await rraw.exec('RESET ROLE');
    const after = await fingerprint(rraw as unknown as Sql);
    await restored.close();
    expect(after.cases).toEqual(before.cases);
    expect(after.tables).toEqual(before.tables);

    // a second restore into the now filled directory is refused and changes nothing
    const again = cli('restore', [file], { DATA_DIR: target });
    expect(again.status).toBe(1);
    expect(again.out).toContain('bevat al een database');
    // a file that is no backup is refused
    const junk = join(dir, 'junk.bin');
    writeFileSync(junk, 'not a backup');
    const bad = cli('restore', [junk], { DATA_DIR: join(dir, 'empty') });
    expect(bad.status).toBe(1);
    expect(bad.out).toContain('geen back-up');
  }, 240_000);
});

describe.skipIf(!PG_URL)('backup and restore on PostgreSQL (pg_dump -Fc / pg_restore)', () => {
  it('restores every case and every row into an empty database, and refuses a non-empty one without --force', async () => {
    const admin = new pg.Client({ connectionString: adminUrl(PG_URL!) });
    await admin.connect();
    const base = `zvh_backup_${randomBytes(4).toString('hex')}`;
    const urlOf = (name: string) => { const u = new URL(PG_URL!); u.pathname = `/${name}`; return u.toString(); };
    for (const n of ['src', 'dst']) await admin.query(`CREATE DATABASE "${base}_${n}"`);
    cleanups.push(async () => {
      for (const n of ['src', 'dst']) await admin.query(`DROP DATABASE IF EXISTS "${base}_${n}" WITH (FORCE)`);
      await admin.end();
    });
    const srcUrl = urlOf(`${base}_src`);
    const dstUrl = urlOf(`${base}_dst`);
    const database = await openDatabase({ databaseUrl: srcUrl, install: installTwoTenants });
    await database.close();
    const src = new pg.Client({ connectionString: srcUrl });
    await src.connect();
    const before = await fillAndFingerprint(src);
    await src.end();

    const file = join(dir, 'zvh.dump');
    const b = cli('backup', [file], { DATABASE_URL: srcUrl });
    expect(b.out).toContain('Back-up');
    expect(b.status).toBe(0);
    const r = cli('restore', [file], { DATABASE_URL: dstUrl });
    expect(r.out).toContain('teruggezet');
    expect(r.status).toBe(0);
    const dst = new pg.Client({ connectionString: dstUrl });
    await dst.connect();
    const after = await fingerprint(dst);
    expect(after.cases).toEqual(before.cases);
    expect(after.tables).toEqual(before.tables);
    // the application role keeps its rights (and only those: the logs stay append-only)
    const grants = (await dst.query(`select has_table_privilege('zvh_app', 'cases', 'UPDATE') as upd,
      has_table_privilege('zvh_app', 'processing_log', 'UPDATE') as log_upd`)).rows[0];
    expect(grants).toEqual({ upd: true, log_upd: false });
    await dst.end();

    const again = cli('restore', [file], { DATABASE_URL: dstUrl });
    expect(again.status).toBe(1);
    expect(again.out).toContain('bevat al');
    // a PGlite backup is not a pg_dump archive
    const junk = join(dir, 'fake.tar.gz');
    writeFileSync(junk, Buffer.from([0x1f, 0x8b, 0, 0, 0]));
    const bad = cli('restore', [junk], { DATABASE_URL: urlOf(`${base}_src`) });
    expect(bad.status).toBe(1);
    expect(bad.out).toContain('geen PostgreSQL-back-up');
  }, 240_000);
});
