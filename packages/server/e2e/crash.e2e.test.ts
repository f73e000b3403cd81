// SPDX-License-Identifier: EUPL-1.2
// Crash safety: the real server (a child process) is killed with SIGKILL in the middle of a large
// import and in the middle of a triage (held open by the test-only hook ZVH_TEST_TRIAGE_DELAY_MS),
// then started again on the same data. Shown: the data opens again (PGlite: the data directory),
// no half-written case (every case has its registration link and a participant; every imported line
// is there completely or not at all, in whole batches), and nothing answered 2xx before the kill is
// lost. PGlite by default, PostgreSQL with TEST_DATABASE_URL.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { sampleLines, sampleNdjson } from '../src/modules/import/sample.js';
import { freshSubject, registrationBody, triageBody } from '../src/test/fixtures.js';
import { adminUrl } from '../src/test/pg-names.js';
import type { Sql } from '../bench/generate.js';
import { freePort, login, request, sleep, startServer } from '../bench/lib.js';
import type { Child } from '../bench/lib.js';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '../src/main.ts');
const PG_URL = process.env.TEST_DATABASE_URL;
const PASSWORD = 'demo-wachtwoord';
const dir = mkdtempSync(join(tmpdir(), 'zvh-crash-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

interface TestDb { env: Record<string, string>; check<T>(fn: (q: Sql) => Promise<T>): Promise<T> }

/** A copy of the prepared database (demo users, no cases) the server can run on. */
async function freshDatabase(name: string): Promise<TestDb> {
  const tpl = inject('pgTemplate');
  if (PG_URL && tpl) {
    const db = `${tpl.replace(/_tpl$/, '')}_crash_${name}_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl(PG_URL) });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${db}" TEMPLATE "${tpl}"`);
    cleanups.push(async () => { await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`); await admin.end(); });
    const u = new URL(PG_URL);
    u.pathname = `/${db}`;
    const url = u.toString();
    return {
      env: { DATABASE_URL: url, DATA_DIR: join(dir, `${name}-unused`) },
      async check(fn) {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        try { return await fn(c); } finally { await c.end(); }
      },
    };
  }
  const dataDir = join(dir, name);
  mkdirSync(dataDir, { recursive: true });
  const seeded = await PGlite.create({ dataDir: join(dataDir, 'pglite'), loadDataDir: new Blob([readFileSync(inject('pgliteSnapshot'))]) });
  await seeded.close();
  return {
    env: { DATABASE_URL: '', DATA_DIR: dataDir },
    // one process per data directory: only while the server is stopped
    async check(fn) {
      const db = await PGlite.create({ dataDir: join(dataDir, 'pglite') });
      try { return await fn(db as unknown as Sql); } finally { await db.close(); }
    },
  };
}

async function start(db: TestDb, extra: Record<string, string> = {}): Promise<Child> {
  const port = await freePort();
  const server = await startServer([process.execPath, '--import', 'tsx', MAIN], {
    ...db.env, NODE_ENV: 'development', DEMO: '1', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SMTP_URL: '', SMTP_HOST: '', ...extra,
  }, port, '/api/health', 300);
  // the demo caseload is filled in after start-up (one transaction): let it finish first
  for (let i = 0; i < 600 && !/Demogegevens/.test(server.output()); i++) await sleep(100);
  return server;
}

async function kill(server: Child): Promise<void> {
  const gone = new Promise((r) => server.proc.once('exit', r));
  server.proc.kill('SIGKILL');
  await gone;
}

/** Every case has its registration (pointing back at it) and at least one participant. */
async function halfWrittenCases(q: Sql): Promise<{ noRegistration: number; noParticipant: number }> {
  const r = (await q.query(`select
      (select count(*) from cases c left join registrations r on r.id = c.registration_id where r.id is null or r.case_id is distinct from c.id)::int as "noRegistration",
      (select count(*) from cases c where not exists (select 1 from case_participants p where p.case_id = c.id and p.removed_at is null))::int as "noParticipant"`)).rows[0];
  return r;
}

/** Registrations answered 201 while the test ran, until the server went away. */
function ackedWriter(port: number, cookie: string) {
  const acked: string[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      try {
        const r = await request(port, 'POST', '/api/registrations', { cookie }, JSON.stringify(registrationBody({ subject: freshSubject() })));
        if (r.status === 201) acked.push(JSON.parse(r.body).id as string);
        else await sleep(50);
      } catch {
        return; // the server is gone
      }
    }
  })();
  return { acked, stop: async () => { running = false; await done; } };
}

describe('SIGKILL during a large import', () => {
  it('leaves whole batches only, no half-written case, and every acknowledged write', async () => {
    const db = await freshDatabase('import');
    let server = await start(db);
    const port = server.port;
    const manager = await login(port, 'manager@demo.zvh', PASSWORD);
    const politie = await login(port, 'politie@demo.zvh', PASSWORD);
    const LINES = 40_000;
    const opts = { prefix: 'CRASH', seed: 7 };
    const expected = new Map<string, boolean>();
    for (const l of sampleLines(LINES, opts) as Iterable<Record<string, unknown>>) {
      expected.set(l.externalId as string, l.kind === 'advies' || (l.kind === 'procesregie' && !!l.startedAt));
    }
    // the registrations in the statuses an import gives (the writer's new ones stay 'aangemeld'), as the
    // server counts them (X-Total-Count): PGlite allows one process per data directory, so not in SQL
    const STATUSES = 'procesregie_lopend,afgesloten,advies,teruggelegd';
    const listed = async () => {
      const r = await request(port, 'GET', `/api/registrations?status=${STATUSES}&limit=1`, { cookie: manager });
      expect(r.status).toBe(200);
      return Number(r.headers['x-total-count']);
    };
    const before = await listed();
    const writer = ackedWriter(port, politie);
    const startedAt = new Date(Date.now() - 1000).toISOString();
    let answered: string | undefined;
    void request(port, 'POST', '/api/import/cases', { cookie: manager, 'content-type': 'application/x-ndjson' }, sampleNdjson(LINES, opts))
      .then((r) => { answered = `${r.status} ${r.body.slice(0, 200)}`; }, () => undefined);
    // kill once at least two batches are committed (the server answers between the batches' statements)
    for (let i = 0; i < 3000 && answered === undefined; i++) {
      if (await listed() - before >= 2000) break;
      await sleep(20);
    }
    expect(answered, 'the import must still be running when the server is killed').toBeUndefined();
    await kill(server);
    await writer.stop();
    expect(writer.acked.length).toBeGreaterThan(0);

    // the data opens again and the server works
    server = await start(db);
    await login(server.port, 'manager@demo.zvh', PASSWORD);
    await server.stop();

    await db.check(async (q) => {
      expect(await halfWrittenCases(q)).toEqual({ noRegistration: 0, noParticipant: 0 });
      const lines = (await q.query(`select r.external_id as "externalId", r.case_id is not null as "hasCase",
          (select count(*) from case_participants p where p.case_id = r.case_id)::int as participants,
          exists (select 1 from case_events e where e.registration_id = r.id) as event,
          exists (select 1 from processing_log l where l.registration_id = r.id and l.activity = 'import') as logged
        from registrations r where r.external_id like 'CRASH-%'`)).rows as { externalId: string; hasCase: boolean; participants: number; event: boolean; logged: boolean }[];
      // whole batches (of 1000 lines) only, and not all of them: the kill came in the middle
      expect(lines.length % 1000).toBe(0);
      expect(lines.length).toBeLessThan(LINES);
      expect(lines.length).toBeGreaterThanOrEqual(2000);
      const broken = lines.filter((l) => l.hasCase !== expected.get(l.externalId) || (l.hasCase && l.participants < 1) || !l.event || !l.logged);
      expect(broken).toEqual([]);
      // no person written without the registration that needs it
      const orphans = (await q.query(`select count(*)::int as n from persons p where p.created_at >= $1
        and not exists (select 1 from registrations r where r.person_id = p.id)
        and not exists (select 1 from registration_relations x where x.person_id = p.id)`, [startedAt])).rows[0].n;
      expect(orphans).toBe(0);
      const kept = (await q.query(`select count(*)::int as n from registrations where id = any($1::uuid[])`, [writer.acked])).rows[0].n;
      expect(kept).toBe(writer.acked.length);
    });
  }, 900_000);
});

describe('SIGKILL during a triage', () => {
  it('leaves no case of the uncommitted triage, keeps every acknowledged write, and the triage can be done again', async () => {
    const db = await freshDatabase('triage');
    // first without the hook: the demo caseload is made at the first start, through the triage too
    await (await start(db)).stop();
    let server = await start(db, { ZVH_TEST_TRIAGE_DELAY_MS: '120000' });
    const politie = await login(server.port, 'politie@demo.zvh', PASSWORD);
    const regisseur = await login(server.port, 'regisseur@demo.zvh', PASSWORD);
    const acked: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await request(server.port, 'POST', '/api/registrations', { cookie: politie }, JSON.stringify(registrationBody({ subject: freshSubject() })));
      expect(r.status).toBe(201);
      acked.push(JSON.parse(r.body).id as string);
    }
    const registrationId = acked[0]!;
    const casesBefore = await (async () => {
      const r = await request(server.port, 'GET', `/api/registrations/${registrationId}`, { cookie: regisseur });
      expect(r.status).toBe(200);
      return JSON.parse(r.body) as { status: string };
    })();
    let answered: number | undefined;
    void request(server.port, 'POST', `/api/registrations/${registrationId}/triage`, { cookie: regisseur }, JSON.stringify(triageBody('procesregie')))
      .then((r) => { answered = r.status; }, () => undefined);
    // the case and its participants are written, the transaction is held open by the hook
    for (let i = 0; i < 1200 && !server.output().includes('test hook ZVH_TEST_TRIAGE_DELAY_MS'); i++) await sleep(100);
    expect(server.output()).toContain('test hook ZVH_TEST_TRIAGE_DELAY_MS');
    expect(answered).toBeUndefined();
    await kill(server);

    server = await start(db);
    const regisseur2 = await login(server.port, 'regisseur@demo.zvh', PASSWORD);
    const after = await request(server.port, 'GET', `/api/registrations/${registrationId}`, { cookie: regisseur2 });
    expect(after.status).toBe(200);
    const reg = JSON.parse(after.body) as { status: string; caseId?: string | null };
    expect(reg.status).toBe(casesBefore.status);
    expect(reg.caseId ?? null).toBeNull();
    // the same triage again succeeds: nothing of the killed one is in the way
    const again = await request(server.port, 'POST', `/api/registrations/${registrationId}/triage`, { cookie: regisseur2 }, JSON.stringify(triageBody('procesregie')));
    expect(again.status).toBe(200);
    const caseId = JSON.parse(again.body).caseId as string;
    await server.stop();

    await db.check(async (q) => {
      expect(await halfWrittenCases(q)).toEqual({ noRegistration: 0, noParticipant: 0 });
      const cases = (await q.query(`select id from cases where registration_id = $1`, [registrationId])).rows.map((r) => r.id);
      expect(cases).toEqual([caseId]);
      const parts = (await q.query(`select partner_code from case_participants where case_id = $1 order by partner_code`, [caseId])).rows.map((r) => r.partner_code);
      expect(parts).toEqual(['gemeente-oov', 'politie']);
      const kept = (await q.query(`select count(*)::int as n from registrations where id = any($1::uuid[])`, [acked])).rows[0].n;
      expect(kept).toBe(acked.length);
    });
  }, 900_000);
});
