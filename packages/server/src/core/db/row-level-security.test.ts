// SPDX-License-Identifier: EUPL-1.2
// The database as second line (issue 11, migration 0021): raw SQL as the application's login role
// zvh_app, on PGlite (a copy opened with username zvh_app) and on PostgreSQL (TEST_DATABASE_URL,
// logging in as zvh_app). A query that forgot its filter gets nothing it should not.
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../../test/harness.js';
import type { TestEnv } from '../../test/harness.js';
import { freshSubject, openCaseWith, pdfUpload, seedSecondTenant } from '../../test/fixtures.js';
import { APP_ROLE, appUrlFor, one, rows, scopeSettingsSql, sql } from './index.js';
import type { Scope } from './index.js';

/** Tables that have tenant, case, registration or person columns but no row-level security, and why. */
const EXEMPT: Record<string, string> = {
  tenants: 'the tenants themselves (names, settings); read before sign-in',
  municipalities: 'reference data',
  organisations: 'reference data; read when a session is resolved',
  code_list_entries: 'reference data',
  users: 'read before sign-in (login, session lookup); not case data',
  user_municipalities: 'read when the settings are set (municipal department)',
  sessions: 'read before sign-in (session lookup)',
  recovery_codes: 'read before sign-in (a recovery code stands in for the TOTP code); hashes only',
  passkeys: 'read before sign-in (the passkey assertion); public keys only',
  organisation_sso: 'read before sign-in (single sign-on of an organisation); no case or client data',
  sso_states: 'written and read before sign-in (the OpenID Connect state, nonce and verifier)',
  calendar_tokens: 'read before sign-in (the iCal feed by its secret token)',
  security_log: 'written before sign-in; insert-only for the application',
  login_attempts: 'written before sign-in',
};

interface Raw {
  query<T = Record<string, unknown>>(text: string): Promise<T[]>;
  close(): Promise<void>;
}

let env: TestEnv;
let login: Raw;
let tenantId: string;
let otherTenant: string;
let caseId: string;
let registrationId: string;
let personId: string;
let ggzUser: string;
let politieUser: string;
let protectedTables: { table: string; columns: string[] }[];

/** Opens the same data as the login role zvh_app, as the application does in production. */
async function openAsLoginRole(): Promise<Raw> {
  const url = process.env.TEST_DATABASE_URL;
  if (env.appDatabase.kind === 'postgres' && url) {
    const pg = (await import('pg')).default;
    const name = (await one<{ d: string }>(env.database.db, sql`select current_database() as d`))!.d;
    const u = new URL(url);
    u.pathname = `/${name}`;
    const client = new pg.Client({ connectionString: appUrlFor(u.toString()) });
    await client.connect();
    return {
      query: async (text) => {
        const r = await client.query(text) as unknown as { rows: never[] } | { rows: never[] }[];
        return Array.isArray(r) ? r[r.length - 1]!.rows : r.rows;
      },
      close: () => client.end(),
    };
  }
  const { PGlite: Lite } = await import('@electric-sql/pglite');
  const dump = await (env.appDatabase.raw as PGlite).dumpDataDir('none');
  const lite = await Lite.create({ loadDataDir: dump, username: APP_ROLE });
  return {
    query: async (text) => {
      const r = await lite.exec(text);
      return (r[r.length - 1]?.rows ?? []) as never[];
    },
    close: () => lite.close(),
  };
}

/** Runs `text` in a transaction with the settings of `scope` (or none), then rolls back. */
async function asScope<T = Record<string, unknown>>(scope: Scope | null, text: string): Promise<T[]> {
  await login.query('begin');
  try {
    if (scope) await login.query(scopeSettingsSql(scope));
    return await login.query<T>(text);
  } finally {
    await login.query('rollback');
  }
}

/** Runs statements, each with its own settings, in one transaction (rolled back); the last one's rows. */
async function inTx<T = Record<string, unknown>>(steps: [Scope | null, string][]): Promise<T[]> {
  await login.query('begin');
  try {
    let out: T[] = [];
    for (const [scope, text] of steps) {
      if (scope) await login.query(scopeSettingsSql(scope));
      out = await login.query<T>(text);
    }
    return out;
  } finally {
    await login.query('rollback');
  }
}

const where = (cols: string[]) => {
  const parts: string[] = [];
  if (cols.includes('case_id')) parts.push(`case_id = '${caseId}'`);
  if (cols.includes('registration_id')) parts.push(`registration_id = '${registrationId}'`);
  if (cols.includes('person_id')) parts.push(`person_id = '${personId}'`);
  if (cols.includes('from_case_id')) parts.push(`from_case_id = '${caseId}'`);
  return parts.length ? parts.join(' or ') : 'false';
};
const countFor = (t: { table: string; columns: string[] }, extra = '') => `select count(*)::int as n from ${t.table} where (${where(t.columns)})${extra}`;

beforeAll(async () => {
  env = await setupTestEnv();
  const db = env.database.db; // the owner
  otherTenant = await seedSecondTenant(db);
  const [pol, reg] = await Promise.all([env.as('politie@demo.zvh'), env.as('regisseur@demo.zvh')]);
  const c = await openCaseWith(pol, reg, { participants: ['politie', 'gemeente-oov'], subject: freshSubject() });
  ({ caseId, registrationId, personId } = c);
  expect((await pol.post(`/api/cases/${caseId}/journal`, { text: 'Contact gehad', visibility: 'all' })).status).toBe(201);
  expect((await reg.post(`/api/cases/${caseId}/documents`, pdfUpload({ visibility: 'all' }))).status).toBe(201);
  expect((await reg.get(`/api/cases/${caseId}`)).status).toBe(200);
  tenantId = (await one<{ id: string }>(db, sql`select tenant_id as id from cases where id = ${caseId}`))!.id;
  ggzUser = (await one<{ id: string }>(db, sql`select id from users where email = 'ggz@demo.zvh'`))!.id;
  politieUser = (await one<{ id: string }>(db, sql`select id from users where email = 'politie@demo.zvh'`))!.id;
  protectedTables = (await rows<{ table: string; columns: string[] }>(db, sql`
    select c.relname as table, array_agg(a.attname::text order by a.attname) as columns
      from pg_class c join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
     where c.relkind in ('r', 'p') and not c.relispartition and c.relrowsecurity
     group by c.relname order by c.relname`));
  login = await openAsLoginRole();
}, 300_000);

afterAll(async () => {
  await login?.close();
  await env?.close();
});

describe('the login role', () => {
  it('is zvh_app, owns nothing, and cannot become the owner or a superuser', async () => {
    expect((await login.query<{ u: string; s: string }>('select current_user as u, session_user as s'))[0]).toEqual({ u: APP_ROLE, s: APP_ROLE });
    const role = (await login.query<Record<string, boolean>>(`select rolsuper, rolcreatedb, rolcreaterole, rolbypassrls, rolcanlogin from pg_roles where rolname = current_user`))[0];
    expect(role).toEqual({ rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolbypassrls: false, rolcanlogin: true });
    expect((await login.query<{ n: number }>(`select count(*)::int as n from pg_auth_members where member = 'zvh_app'::regrole`))[0]!.n).toBe(0);
    expect((await login.query<{ n: number }>(`select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relowner = 'zvh_app'::regrole`))[0]!.n).toBe(0);
    // RESET ROLE gives back nothing: the session itself is zvh_app
    await login.query('reset role');
    expect((await login.query<{ u: string }>('select current_user as u'))[0]!.u).toBe(APP_ROLE);
    await expect(login.query('set role postgres')).rejects.toThrow(/permission denied/);
    await expect(login.query('set session authorization postgres')).rejects.toThrow(/permission denied/);
    expect((await login.query<{ u: string }>('select current_user as u'))[0]!.u).toBe(APP_ROLE);
    expect(await asScope(null, 'select count(*)::int as n from cases')).toEqual([{ n: 0 }]);
  });
});

describe('row-level security', () => {
  it('covers every table with a tenant, case, registration or person column (or the table is exempt for a stated reason)', async () => {
    const all = await rows<{ table: string; rls: boolean; policies: number }>(env.database.db, sql`
      select c.relname as table, c.relrowsecurity as rls, (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
        from pg_class c join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
       where c.relkind in ('r', 'p') and not c.relispartition and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                                         and a.attname in ('tenant_id', 'case_id', 'registration_id', 'person_id', 'from_tenant_id'))
       order by 1`);
    expect(all.length).toBeGreaterThan(30);
    const missing = all.filter((t) => !(t.rls && t.policies > 0) && !EXEMPT[t.table]).map((t) => t.table);
    expect(missing).toEqual([]);
    // the partitions of a partitioned table (the processing log) are read only through their parent
    const partitions = await rows<{ name: string; readable: boolean }>(env.database.db, sql`
      select c.relname as name, has_table_privilege('zvh_app', c.oid, 'SELECT') as readable
        from pg_class c join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public' where c.relispartition`);
    expect(partitions.length).toBeGreaterThan(0);
    for (const p of partitions) expect(p.readable, p.name).toBe(false);
    // an exemption is for a table that exists and really has no policy
    for (const name of Object.keys(EXEMPT)) {
      const t = all.find((x) => x.table === name);
      if (t) expect(t.rls, name).toBe(false);
    }
    // views read with the rights of the caller
    const views = await rows<{ name: string; options: string[] | null }>(env.database.db, sql`
      select c.relname as name, c.reloptions as options from pg_class c join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public' where c.relkind = 'v'`);
    for (const v of views) expect(v.options ?? [], v.name).toContain('security_invoker=true');
  });

  it('without settings: no rows from any protected table', async () => {
    expect(protectedTables.length).toBeGreaterThan(20);
    const owner = await one<{ n: number }>(env.database.db, sql`select count(*)::int as n from cases`);
    expect(owner!.n).toBeGreaterThan(0);
    for (const t of protectedTables) {
      expect(await asScope(null, `select count(*)::int as n from ${t.table}`), t.table).toEqual([{ n: 0 }]);
    }
  });

  it("a partner that does not take part in the case gets none of the case's rows; a participant does", async () => {
    const ggz: Scope = { tenantId, userId: ggzUser, organisationCode: 'ggz-drenthe', staff: false };
    const politie: Scope = { tenantId, userId: politieUser, organisationCode: 'politie', staff: false };
    const staff: Scope = { tenantId, userId: null, organisationCode: 'zvh', staff: true };
    // the owner sees the case's rows in these tables (so the zero counts below can fail)
    for (const t of ['cases', 'registrations', 'case_participants', 'case_events', 'journal_entries', 'documents', 'processing_log']) {
      const table = protectedTables.find((x) => x.table === t)!;
      expect((await one<{ n: number }>(env.database.db, sql.raw(countFor(table))))!.n, t).toBeGreaterThan(0);
    }
    // tenant-wide tables (persons, the processing log's read side, ...) are left out: see docs/security.md
    const tenantWide = new Set(['persons', 'veelpleger_records', 'lpco_records', 'nazorg_records', 'processing_log', 'meetings', 'meeting_items', 'meeting_item_agreements', 'meeting_contributions', 'partner_requests',
      'information_answers', 'signals', 'signal_history', 'digest_sends', 'capacity_years', 'meeting_types', 'case_number_counters']);
    for (const t of protectedTables) {
      if (tenantWide.has(t.table)) continue;
      expect(await asScope(ggz, countFor(t, t.table === 'cases' ? ` or id = '${caseId}'` : t.table === 'registrations' ? ` or id = '${registrationId}'` : '')), t.table).toEqual([{ n: 0 }]);
    }
    expect(await asScope(ggz, `select count(*)::int as n from cases where id = '${caseId}'`)).toEqual([{ n: 0 }]);
    expect(await asScope(ggz, `select count(*)::int as n from registrations where id = '${registrationId}'`)).toEqual([{ n: 0 }]);
    // the participant politie and the ZVH do see them
    expect(await asScope(politie, `select count(*)::int as n from cases where id = '${caseId}'`)).toEqual([{ n: 1 }]);
    expect((await asScope<{ n: number }>(politie, `select count(*)::int as n from journal_entries where case_id = '${caseId}'`))[0]!.n).toBeGreaterThan(0);
    expect(await asScope(staff, `select count(*)::int as n from documents where case_id = '${caseId}'`)).toEqual([{ n: 1 }]);
    // a partner cannot write into a case it does not take part in
    await expect(asScope(ggz, `insert into journal_entries (tenant_id, case_id, entry_date, author_id, author_name, author_organisation, text, visibility)
      values ('${tenantId}', '${caseId}', current_date, '${ggzUser}', 'x', 'ggz-drenthe', 'x', 'all')`)).rejects.toThrow(/row-level security/);
    // the same insert as the participant passes (rolled back)
    await asScope(politie, `insert into journal_entries (tenant_id, case_id, entry_date, author_id, author_name, author_organisation, text, visibility)
      values ('${tenantId}', '${caseId}', current_date, '${politieUser}', 'x', 'politie', 'x', 'all')`);
  });

  it('decides the same in parallel workers (migration 0027: the policy functions are parallel safe)', async () => {
    const politie: Scope = { tenantId, userId: politieUser, organisationCode: 'politie', staff: false };
    const ggz: Scope = { tenantId, userId: ggzUser, organisationCode: 'ggz-drenthe', staff: false };
    const staff: Scope = { tenantId, userId: null, organisationCode: 'zvh', staff: true };
    const queries = ['select count(*)::int as n from cases', 'select count(*)::int as n from journal_entries', 'select count(*)::int as n from registrations r join cases c on c.registration_id = r.id'];
    // parallel plans on even the smallest tables (PostgreSQL; PGlite has no parallel workers)
    const parallel = `set local parallel_setup_cost = 0; set local parallel_tuple_cost = 0; set local min_parallel_table_scan_size = 0;
      set local min_parallel_index_scan_size = 0; set local max_parallel_workers_per_gather = 2;`;
    const serial = 'set local max_parallel_workers_per_gather = 0;';
    for (const scope of [politie, ggz, staff]) {
      for (const q of queries) {
        const one = await inTx<{ n: number }>([[scope, serial], [null, q]]);
        const par = await inTx<{ n: number }>([[scope, parallel], [null, q]]);
        expect(par, `${scope.organisationCode}: ${q}`).toEqual(one);
      }
    }
    expect((await inTx<{ n: number }>([[politie, serial], [null, queries[0]!]]))[0]!.n).toBeGreaterThan(0);
    if (env.appDatabase.kind === 'postgres') {
      const plan = await inTx<{ 'QUERY PLAN': unknown }>([[politie, parallel], [null, `explain (format json) ${queries[0]}`]]);
      expect(JSON.stringify(plan)).toContain('"Gather');
      // the policy functions say so themselves
      const unsafe = await login.query<{ f: string }>(`select p.proname as f from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and p.proname like 'zvh%' and p.provolatile <> 'v' and p.proparallel = 'u' and p.proname <> 'zvh_case_number'`);
      expect(unsafe).toEqual([]);
    }
  });

  it('partner access ends 30 days after closure and when the organisation is removed', async () => {
    const politie: Scope = { tenantId, userId: politieUser, organisationCode: 'politie', staff: false };
    const staff: Scope = { tenantId, userId: null, organisationCode: 'zvh', staff: true };
    // the change is made by ZVH staff and rolled back with the check
    const seenAfter = (change: string) => inTx<{ n: number }>([[staff, change], [politie, `select count(*)::int as n from cases where id = '${caseId}'`]])
      .then((r) => r[0]!.n);
    expect(await seenAfter('select 1')).toBe(1);
    expect(await seenAfter(`update cases set closed_at = current_date - 30 where id = '${caseId}'`)).toBe(1);
    expect(await seenAfter(`update cases set closed_at = current_date - 31 where id = '${caseId}'`)).toBe(0);
    expect(await seenAfter(`update case_participants set removed_at = now() where case_id = '${caseId}' and partner_code = 'politie'`)).toBe(0);
  });

  it('the municipal department rule: a municipal professional sees a case only for a municipality they work for', async () => {
    const gemeente = await one<{ id: string }>(env.database.db, sql`select id from users where email = 'gemeente@demo.zvh'`);
    const scope: Scope = { tenantId, userId: gemeente!.id, organisationCode: 'gemeente-oov', staff: false };
    const staff: Scope = { tenantId, userId: null, organisationCode: 'zvh', staff: true };
    const seenAfter = (change: string) => inTx<{ n: number }>([[staff, change], [scope, `select count(*)::int as n from cases where id = '${caseId}'`]])
      .then((r) => r[0]!.n);
    // the case is in GM0106, gemeente@demo.zvh works for GM0106 (user_municipalities)
    expect(await seenAfter('select 1')).toBe(1);
    const other = (await one<{ m: string }>(env.database.db, sql`select code as m from municipalities where tenant_id = ${tenantId} and code <> 'GM0106' limit 1`))!.m;
    // the department of another municipality takes part: not theirs
    expect(await seenAfter(`update case_participants set municipality_code = '${other}' where case_id = '${caseId}' and partner_code = 'gemeente-oov';
      update registrations set municipality_code = '${other}' where id = '${registrationId}'`)).toBe(0);
  });

  it("another tenant's ZVH staff sees none of this tenant's rows", async () => {
    const groningen: Scope = { tenantId: otherTenant, userId: null, organisationCode: 'zvh', staff: true };
    for (const t of protectedTables) {
      const col = t.columns.includes('tenant_id') ? 'tenant_id' : 'from_tenant_id';
      expect(await asScope(groningen, `select count(*)::int as n from ${t.table} where ${col} = '${tenantId}'`), t.table).toEqual([{ n: 0 }]);
      expect(await asScope(groningen, countFor(t)), t.table).toEqual([{ n: 0 }]);
    }
    // the owner sees that there is something to hide
    expect((await one<{ n: number }>(env.database.db, sql`select count(*)::int as n from journal_entries where tenant_id = ${tenantId}`))!.n).toBeGreaterThan(0);
  });

  it('the processing log is insert-only for the application, even for ZVH staff', async () => {
    const staff: Scope = { tenantId, userId: null, organisationCode: 'zvh', staff: true };
    expect((await asScope<{ n: number }>(staff, 'select count(*)::int as n from processing_log'))[0]!.n).toBeGreaterThan(0);
    await expect(asScope(staff, `update processing_log set purpose = 'x'`)).rejects.toThrow(/permission denied/);
    await expect(asScope(staff, 'delete from processing_log')).rejects.toThrow(/permission denied/);
    await expect(asScope(staff, 'truncate processing_log')).rejects.toThrow(/permission denied|must be owner/);
    // and an entry is written only for the tenant of the settings
    await expect(asScope(staff, `insert into processing_log (trace_id, tenant_id, action, activity, purpose, actor_email, actor_organisation, outcome)
      values ('t', '${otherTenant}', 'read', 'x', 'x', 'x', 'zvh', 'success')`)).rejects.toThrow(/row-level security/);
    await asScope(staff, `insert into processing_log (trace_id, tenant_id, action, activity, purpose, actor_email, actor_organisation, outcome)
      values ('t', '${tenantId}', 'read', 'x', 'x', 'x', 'zvh', 'success')`);
  });
});
