// SPDX-License-Identifier: EUPL-1.2
// The logs are append-only for the application: its role (zvh_app) may insert and read them,
// never change or remove a row. Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../test/harness.js';
import type { TestEnv } from '../test/harness.js';
import { APP_ROLE, one, rows, sql, transaction } from './db/index.js';
import type { Ctx } from './context.js';
import { systemDb } from './context.js';
import { loggedRead, logProcessing, logSecurity } from './processing-log.js';

let env: TestEnv;
let ctx: Ctx;
beforeAll(async () => {
  env = await setupTestEnv();
  const u = await one<{ id: string; tenant_id: string }>(env.database.db, sql`select id, tenant_id from users where email = 'regisseur@demo.zvh'`);
  ctx = {
    traceId: 'test-trace-1',
    // the application's handle: zvh_app under row-level security, scoped to this tenant's ZVH staff
    db: systemDb(env.appDatabase.db, u!.tenant_id),
    actor: {
      userId: u!.id, sessionId: 'test', tenantId: u!.tenant_id, tenantCode: 'drenthe', email: 'regisseur@demo.zvh', name: 'Rianne Regisseur',
      organisationCode: 'zvh', organisationKind: 'zvh', municipalityCode: null, roles: ['procesregisseur'], mustChangePassword: false,
    },
  };
});
afterAll(async () => { await env?.close(); });

/** The database's own error, whether or not the driver layer wrapped it. */
async function pgError(p: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: string; message: string; cause?: { code?: string; message: string } };
    return err.cause?.code ? err.cause : err;
  }
  throw new Error('the statement succeeded');
}

describe('processing log (verwerkingenlog)', () => {
  it('runs the app connections as the application role', async () => {
    const r = await one<{ current_user: string; session_user: string }>(ctx.db, sql`select current_user, session_user`);
    expect(r!.current_user).toBe(APP_ROLE);
    const inTx = await transaction(ctx.db, (tx) => one<{ u: string }>(tx, sql`select current_user as u`));
    expect(inTx!.u).toBe(APP_ROLE);
    const superuser = await one<{ s: string }>(ctx.db, sql`select current_setting('is_superuser') as s`);
    expect(superuser!.s).toBe('off');
  });

  it('lets the app append entries and read them back', async () => {
    await logProcessing(ctx, [
      { action: 'read', activity: 'procesregie', purpose: 'Test van het verwerkingenlog', details: { object: 'case' } },
      { action: 'update', activity: 'procesregie', purpose: 'Test van het verwerkingenlog', outcome: 'denied' },
    ]);
    await logProcessing(ctx, []); // nothing to log is fine
    const logged = await rows<{ action: string; outcome: string; actor_email: string; actor_organisation: string; tenant_id: string; details: unknown }>(ctx.db,
      sql`select action, outcome, actor_email, actor_organisation, tenant_id, details from processing_log where trace_id = 'test-trace-1' order by id`);
    expect(logged).toEqual([
      { action: 'read', outcome: 'success', actor_email: 'regisseur@demo.zvh', actor_organisation: 'zvh', tenant_id: ctx.actor.tenantId, details: { object: 'case' } },
      { action: 'update', outcome: 'denied', actor_email: 'regisseur@demo.zvh', actor_organisation: 'zvh', tenant_id: ctx.actor.tenantId, details: null },
    ]);
  });

  it('refuses the app role to UPDATE, DELETE or TRUNCATE a log entry', async () => {
    const db = ctx.db;
    const upd = await pgError(db.execute(sql`update processing_log set purpose = 'vervalst' where trace_id = 'test-trace-1'`));
    expect(upd.message).toMatch(/permission denied/);
    expect(upd.code).toBe('42501');
    const del = await pgError(db.execute(sql`delete from processing_log where trace_id = 'test-trace-1'`));
    expect(del.message).toMatch(/permission denied/);
    expect(del.code).toBe('42501');
    const trunc = await pgError(db.execute(sql`truncate processing_log`));
    expect(trunc.message).toMatch(/permission denied/);
    const left = await one<{ n: number; p: string }>(db, sql`select count(*) as n, min(purpose) as p from processing_log where trace_id = 'test-trace-1'`);
    expect(left).toEqual({ n: 2, p: 'Test van het verwerkingenlog' });
  });

  it('refuses a change inside a transaction too, and rolls the transaction back', async () => {
    const db = ctx.db;
    const err = await pgError(transaction(db, async (tx) => {
      await logProcessing(ctx, { action: 'read', activity: 'procesregie', purpose: 'in transactie' }, tx);
      await tx.execute(sql`delete from processing_log where trace_id = 'test-trace-1'`);
    }));
    expect(err.message).toMatch(/permission denied/);
    expect((await one<{ n: number }>(db, sql`select count(*) as n from processing_log where purpose = 'in transactie'`))!.n).toBe(0);
  });
});

describe('loggedRead: a read and its log entries in one statement', () => {
  const read = (trace: string, select: ReturnType<typeof sql>) => rows<{ id: string; subjectIds: string[] }>(ctx.db, loggedRead({ ...ctx, traceId: trace }, select, { activity: 'procesregie', details: { view: 'test' } }));
  const logged = (trace: string) => rows<{ data_subject_ref: string | null; case_id: string; registration_id: string; purpose: string; action: string; details: unknown; actor_email: string }>(ctx.db,
    sql`select data_subject_ref, case_id, registration_id, purpose, action, details, actor_email from processing_log where trace_id = ${trace} order by data_subject_ref nulls first`);
  const a = '00000000-0000-4000-8000-00000000000a', b = '00000000-0000-4000-8000-00000000000b';
  const c = '00000000-0000-4000-8000-0000000000c1', r = '00000000-0000-4000-8000-0000000000e1';

  it('writes one read per data subject of each returned row, and returns the rows unchanged', async () => {
    const got = await read('lr-1', sql`select ${c}::uuid as id, ${r}::uuid as "registrationId", 'Doel A' as purpose, array[${a}::uuid, ${b}::uuid] as "subjectIds"`);
    expect(got).toEqual([{ id: c, registrationId: r, purpose: 'Doel A', subjectIds: [a, b] }]);
    expect(await logged('lr-1')).toEqual([a, b].map((subject) => ({
      data_subject_ref: subject, case_id: c, registration_id: r, purpose: 'Doel A', action: 'read', details: { view: 'test' }, actor_email: 'regisseur@demo.zvh',
    })));
  });

  it('writes one entry without a data subject for a row that shows nobody, and nothing when no row is returned', async () => {
    await read('lr-2', sql`select ${c}::uuid as id, ${r}::uuid as "registrationId", 'Doel B' as purpose, array[]::uuid[] as "subjectIds"`);
    expect((await logged('lr-2')).map((l) => l.data_subject_ref)).toEqual([null]);
    expect(await read('lr-3', sql`select ${c}::uuid as id, ${r}::uuid as "registrationId", 'Doel C' as purpose, array[${a}::uuid] as "subjectIds" where false`)).toEqual([]);
    expect(await logged('lr-3')).toEqual([]);
  });

  it('commits the entries with the read or not at all', async () => {
    await expect(read('lr-4', sql`select ${c}::uuid as id, ${r}::uuid as "registrationId", 'Doel D' as purpose, array[${a}::uuid] as "subjectIds", 1 / 0 as boom`)).rejects.toThrow();
    expect(await logged('lr-4')).toEqual([]);
  });
});

describe('security log and case events', () => {
  it('are append-only for the app role as well', async () => {
    const db = ctx.db;
    await logSecurity(db, { event: 'test', outcome: 'success', email: 'regisseur@demo.zvh', ip: '10.9.0.1' });
    await db.execute(sql`insert into case_events (tenant_id, actor_name, actor_organisation, type) values (${ctx.actor.tenantId}, 'Test', 'zvh', 'test')`);
    for (const table of ['security_log', 'case_events']) {
      const upd = await pgError(db.execute(sql`update ${sql.identifier(table)} set tenant_id = tenant_id`));
      expect(upd.message, table).toMatch(/permission denied/);
      const del = await pgError(db.execute(sql`delete from ${sql.identifier(table)}`));
      expect(del.message, table).toMatch(/permission denied/);
    }
    expect((await one<{ n: number }>(db, sql`select count(*) as n from security_log where event = 'test'`))!.n).toBe(1);
  });
});
