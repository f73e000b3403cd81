// SPDX-License-Identifier: EUPL-1.2
// The processing log's tamper evidence, partitions and archive (core/log-chain.ts, log-archive.ts).
// The tampering is done as the database owner (the application role cannot change the log at all).
// Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../test/harness.js';
import type { TestEnv } from '../test/harness.js';
import type { Db } from './db/index.js';
import { one, rows, sql } from './db/index.js';
import { systemDb } from './context.js';
import type { LogSigningKey } from './log-chain.js';
import { checkpointValid, ensureLogPartitions, loadCheckpoints, loadSigningKey, nextMonth, sealLog, verifyDatabase, verifyMonth } from './log-chain.js';
import { archiveMonth, verifyAll, verifyArchiveFile } from './log-archive.js';

let env: TestEnv;
let key: LogSigningKey;
let tenantId: string;
let otherTenantId: string;

beforeAll(async () => {
  env = await setupTestEnv();
  key = loadSigningKey(env.config);
  tenantId = (await one<{ id: string }>(env.database.db, sql`select id from tenants where code = 'drenthe'`))!.id;
  const other = await one<{ id: string }>(env.database.db, sql`
    insert into tenants (code, name) values ('ketentest', 'ZVH Ketentest') returning id`).catch(() => undefined);
  otherTenantId = other?.id ?? tenantId;
});
afterAll(async () => { await env?.close(); });

/** Runs fn with the database owner's handle (the harness's `database.db`; row-level security does not apply to it). */
async function asOwner<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  return fn(env.database.db);
}

/** The application's handle for one tenant (zvh_app under row-level security, as a job runs). */
const app = (tenant: string) => systemDb(env.appDatabase.db, tenant);

/** Writes n log records of a tenant at the given moments (as the application, which may insert). */
async function writeRecords(tenant: string, ats: string[], activity = 'ketentest'): Promise<string[]> {
  const out: string[] = [];
  for (const at of ats) {
    const r = await one<{ id: string }>(app(tenant), sql`
      insert into processing_log (at, trace_id, tenant_id, activity, purpose, action, actor_email, actor_organisation, responsible_partner, outcome, details)
      values (${at}::timestamptz, 'trace-keten', ${tenant}, ${activity}, 'Test van de hashketen', 'read', 'regisseur@demo.zvh', 'zvh', 'zvh', 'success',
              ${JSON.stringify({ object: 'case', n: out.length })}::jsonb)
      returning id::text as id`);
    out.push(r!.id);
  }
  return out;
}

const NOW = new Date();

describe('hash chain and checkpoints', () => {
  it('seals records in order, signs a checkpoint and verifies intact', async () => {
    await writeRecords(tenantId, ['2026-05-03T10:00:00Z', '2026-05-04T11:00:00.123456Z', '2026-05-31T23:59:59.999999Z']);
    const res = await sealLog({ db: app(tenantId), actor: { tenantId } }, key, NOW);
    expect(res.sealed).toBeGreaterThanOrEqual(3);
    const cps = await loadCheckpoints(env.database.db, tenantId, '2026-05-01');
    expect(cps.length).toBeGreaterThanOrEqual(2);
    expect(cps.at(-1)!.final).toBe(true); // May is over: a final checkpoint
    expect(cps.every((c) => checkpointValid(key, c))).toBe(true);
    const v = await verifyMonth(env.database.db, key, tenantId, '2026-05-01');
    expect(v.problem).toBeUndefined();
    expect(v.records).toBe(3);
    // sealing again finds nothing new
    expect((await sealLog({ db: app(tenantId), actor: { tenantId } }, key, NOW)).sealed).toBe(0);
    // the application role cannot change a seal or a checkpoint
    await expect(app(tenantId).execute(sql`update processing_log_seal set hash = 'x'`)).rejects.toThrow();
    await expect(app(tenantId).execute(sql`delete from processing_log_checkpoints`)).rejects.toThrow();
  });

  it('finds an altered record', async () => {
    const ids = await writeRecords(tenantId, ['2026-06-02T08:00:00Z', '2026-06-03T08:00:00Z', '2026-06-04T08:00:00Z']);
    await sealLog({ db: app(tenantId), actor: { tenantId } }, key, NOW);
    expect((await verifyMonth(env.database.db, key, tenantId, '2026-06-01')).problem).toBeUndefined();
    await asOwner((db) => db.execute(sql`update processing_log set purpose = 'Iets anders' where id = ${ids[1]}::bigint`));
    const v = await verifyMonth(env.database.db, key, tenantId, '2026-06-01');
    expect(v.problem?.logId).toBe(ids[1]);
    expect(v.problem?.problem).toMatch(/gewijzigd/);
  });

  it('finds a deleted record, in the middle and at the end', async () => {
    const ids = await writeRecords(tenantId, ['2026-07-02T08:00:00Z', '2026-07-03T08:00:00Z', '2026-07-04T08:00:00Z']);
    await sealLog({ db: app(tenantId), actor: { tenantId } }, key, NOW);
    await asOwner((db) => db.execute(sql`delete from processing_log where id = ${ids[1]}::bigint`));
    const v = await verifyMonth(env.database.db, key, tenantId, '2026-07-01');
    expect(v.problem?.problem).toMatch(/ontbreekt: verwijderd/);
    expect(v.problem?.logId).toBe(ids[1]);
    // removing the last record with its seal is found by the signed checkpoint
    const ids2 = await writeRecords(otherTenantId, ['2026-07-02T08:00:00Z', '2026-07-03T08:00:00Z']);
    await sealLog({ db: app(otherTenantId), actor: { tenantId: otherTenantId } }, key, NOW);
    await asOwner(async (db) => {
      await db.execute(sql`delete from processing_log_seal where log_id = ${ids2[1]}::bigint`);
      await db.execute(sql`delete from processing_log where id = ${ids2[1]}::bigint`);
    });
    const v2 = await verifyMonth(env.database.db, key, otherTenantId, '2026-07-01');
    expect(v2.problem?.problem).toMatch(/controlepunt/);
  });

  it('finds an inserted record', async () => {
    const ids = await writeRecords(tenantId, ['2026-08-02T08:00:00Z', '2026-08-05T08:00:00Z']);
    await sealLog({ db: app(tenantId), actor: { tenantId } }, key, NOW);
    // a record slipped in between, with an earlier id and time, as if it had always been there
    await asOwner((db) => db.execute(sql`
      insert into processing_log (id, at, trace_id, tenant_id, activity, purpose, action, actor_email, actor_organisation, outcome)
      values (${Number(ids[0]) - 100000000}, '2026-08-03T08:00:00Z', 'vals', ${tenantId}, 'ketentest', 'Ingevoegd', 'read', 'x@y', 'zvh', 'success')`));
    await sealLog({ db: app(tenantId), actor: { tenantId } }, key, NOW);
    const v = await verifyMonth(env.database.db, key, tenantId, '2026-08-01');
    expect(v.problem?.problem).toMatch(/buiten de keten/);
    // and a forged seal for it breaks the sequence or the hash
    const all = await verifyDatabase(env.database.db, key);
    expect(all.ok).toBe(false);
  });

  it('seals while several writers and sealers run at once: every record once, no gaps', async () => {
    const at = new Date().toISOString();
    const month = `${at.slice(0, 7)}-01`;
    const lo = `${month} 00:00:00+00`;
    const hi = `${nextMonth(month)} 00:00:00+00`;
    const ctx = { db: app(tenantId), actor: { tenantId } };
    await Promise.all([
      ...[0, 1, 2, 3].map(() => writeRecords(tenantId, Array.from({ length: 8 }, () => at), 'gelijktijdig')),
      ...[0, 1, 2].map(() => sealLog(ctx, key)),
    ]);
    await Promise.all([sealLog(ctx, key), sealLog(ctx, key)]);
    const counts = await one<{ records: number; seals: number; distinct: number; max: number }>(env.database.db, sql`
      select (select count(*)::int from processing_log where tenant_id = ${tenantId} and at >= ${lo}::timestamptz and at < ${hi}::timestamptz) as records,
             count(*)::int as seals, count(distinct log_id)::int as distinct, max(seq)::int as max
        from processing_log_seal where tenant_id = ${tenantId} and at >= ${lo}::timestamptz and at < ${hi}::timestamptz`);
    expect(counts!.seals).toBe(counts!.records);
    expect(counts!.distinct).toBe(counts!.seals);
    expect(counts!.max).toBe(counts!.seals);
    const v = await verifyMonth(env.database.db, key, tenantId, month);
    expect(v.problem).toBeUndefined();
  });

  it('rejects a checkpoint signed with another key', async () => {
    const cps = await loadCheckpoints(env.database.db, tenantId, '2026-05-01');
    const other = loadSigningKey({ logSigningKey: undefined, dataDir: mkdtempSync(join(tmpdir(), 'zvh-key-')), nodeEnv: 'development' });
    expect(checkpointValid(other, cps[0]!)).toBe(false);
    expect(checkpointValid(key, { ...cps[0]!, lastHash: '0'.repeat(64) })).toBe(false);
  });
});

describe('partitions and archive', () => {
  it('keeps the log partitioned by month with partitions ahead, unreachable for the application role', async () => {
    const months = await ensureLogPartitions({ db: env.appDatabase.db }, NOW);
    expect(months).toHaveLength(3);
    const parts = await asOwner((db) => rows<{ name: string }>(db, sql`
      select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'processing_log'::regclass`));
    const names = parts.map((p) => p.name);
    for (const m of months) expect(names).toContain(`processing_log_${m.slice(0, 4)}${m.slice(5, 7)}`);
    expect(names).toContain('processing_log_default');
    const part = `processing_log_${months[0]!.slice(0, 4)}${months[0]!.slice(5, 7)}`;
    await expect(app(tenantId).execute(sql.raw(`select 1 from "${part}"`))).rejects.toThrow();
    // the audit tab's, the data-subject export's and the period export's indexes exist on every partition
    const idx = await asOwner((db) => rows<{ indexname: string }>(db, sql`select indexname from pg_indexes where tablename = ${part}`));
    expect(idx.length).toBeGreaterThanOrEqual(6);
  });

  it('archives a closed month to a file, drops its partitions and still verifies', async () => {
    await writeRecords(tenantId, ['2026-09-01T00:00:00Z', '2026-09-15T12:00:00Z', '2026-09-30T23:59:59.5Z']);
    await writeRecords(otherTenantId, ['2026-09-10T12:00:00Z']);
    const dir = mkdtempSync(join(tmpdir(), 'zvh-archief-'));
    const file = join(dir, '2026-09.ndjson');
    await expect(asOwner((db) => archiveMonth(db, key, NOW.toISOString().slice(0, 7), join(dir, 'nu.ndjson'), 'test', NOW))).rejects.toThrow(/nog niet afgesloten/);
    const res = await asOwner((db) => archiveMonth(db, key, '2026-09', file, 'test', NOW));
    expect(res.records).toBe(4);
    const gone = await asOwner((db) => one<{ a: string | null; b: string | null }>(db, sql`
      select to_regclass('processing_log_202609')::text as a, to_regclass('processing_log_seal_202609')::text as b`));
    expect(gone).toEqual({ a: null, b: null });
    expect(await one(env.database.db, sql`select 1 from processing_log where at >= '2026-09-01Z' and at < '2026-10-01Z'`)).toBeUndefined();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ type: 'header', month: '2026-09', keyId: key.keyId });
    expect((await asOwner((db) => verifyArchiveFile(db, key, file))).ok).toBe(true);
    await expect(asOwner((db) => archiveMonth(db, key, '2026-09', join(dir, 'again.ndjson'), 'test', NOW))).rejects.toThrow(/al in het archief/);

    // a changed archive file is found, with and without the database
    const changed = join(dir, 'changed.ndjson');
    writeFileSync(changed, lines.map((l, i) => (i === 2 ? l.replace('Test van de hashketen', 'Iets anders') : l)).join('\n') + '\n');
    const bad = await verifyArchiveFile(null, key, changed);
    expect(bad.ok).toBe(false);
    expect(bad.firstBreak?.problem).toMatch(/gewijzigd/);
    // a record dropped from the file breaks the chain
    const dropped = join(dir, 'dropped.ndjson');
    writeFileSync(dropped, lines.filter((_, i) => i !== 1).join('\n') + '\n');
    expect((await verifyArchiveFile(null, key, dropped)).ok).toBe(false);
  });

  it('verify-all reports the first break across database and archive files', async () => {
    const res = await asOwner((db) => verifyAll(db, key, [], NOW));
    // the tamper tests above left breaks in the database
    expect(res.ok).toBe(false);
    expect(res.firstBreak?.month).toMatch(/^2026-0[678]-01$/);
  });
});
