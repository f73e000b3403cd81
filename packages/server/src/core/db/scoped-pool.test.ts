// SPDX-License-Identifier: EUPL-1.2
// The actors' connections (core/db sessionScope, issue 12): on PostgreSQL a statement outside a
// transaction runs on a connection that holds its actor's scope at session level, reused by that
// actor's next statement. Whatever order actors, transactions and the unscoped handle take the
// connections in, each sees exactly its own rows. Runs on PGlite too (where every statement is
// its own transaction with the settings), with the same expectations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../../test/harness.js';
import type { TestEnv } from '../../test/harness.js';
import { freshSubject, openCaseWith, seedSecondTenant } from '../../test/fixtures.js';
import { one, openDatabase, rows, scopedDb, sql, transaction } from './index.js';
import type { Database, Db, Scope } from './index.js';

let env: TestEnv;
let caseId: string;
let tenantId: string;
let scopes: Record<'politie' | 'ggz' | 'gemeente' | 'staff' | 'otherTenant', Scope>;
const seen = (db: Db) => one<{ n: number }>(db, sql`select count(*)::int as n from cases where id = ${caseId}`).then((r) => r!.n);
const all = (db: Db) => one<{ n: number }>(db, sql`select count(*)::int as n from cases`).then((r) => r!.n);

beforeAll(async () => {
  env = await setupTestEnv();
  const db = env.database.db; // the owner
  const otherTenant = await seedSecondTenant(db);
  const [pol, reg] = await Promise.all([env.as('politie@demo.zvh'), env.as('regisseur@demo.zvh')]);
  ({ caseId } = await openCaseWith(pol, reg, { participants: ['politie', 'gemeente-oov'], subject: freshSubject() }));
  tenantId = (await one<{ id: string }>(db, sql`select tenant_id as id from cases where id = ${caseId}`))!.id;
  const user = async (email: string) => (await one<{ id: string }>(db, sql`select id from users where email = ${email}`))!.id;
  scopes = {
    politie: { tenantId, userId: await user('politie@demo.zvh'), organisationCode: 'politie', staff: false },
    ggz: { tenantId, userId: await user('ggz@demo.zvh'), organisationCode: 'ggz-drenthe', staff: false },
    gemeente: { tenantId, userId: await user('gemeente@demo.zvh'), organisationCode: 'gemeente-oov', staff: false },
    staff: { tenantId, userId: await user('regisseur@demo.zvh'), organisationCode: 'zvh', staff: true },
    otherTenant: { tenantId: otherTenant, userId: null, organisationCode: 'zvh', staff: true },
  };
}, 300_000);

afterAll(async () => {
  await env?.close();
});

describe('scoped handles on shared connections', () => {
  it('interleaved statements of five actors each see exactly their own rows', async () => {
    const app = env.appDatabase.db;
    const expected = { politie: 1, ggz: 0, gemeente: 1, staff: 1, otherTenant: 0 } as const;
    const names = Object.keys(expected) as (keyof typeof expected)[];
    // 200 statements in flight over the pool, in an order that hands each connection to every actor in turn
    const results = await Promise.all(Array.from({ length: 200 }, async (_, i) => {
      const name = names[(i * 7) % names.length]!;
      return [name, await seen(scopedDb(app, scopes[name]))] as const;
    }));
    for (const [name, n] of results) expect(n, name).toBe(expected[name]);
    // the other tenant sees its own cases only
    expect(await all(scopedDb(app, scopes.otherTenant))).toBe((await one<{ n: number }>(env.database.db, sql`select count(*)::int as n from cases where tenant_id = ${scopes.otherTenant.tenantId}`))!.n);
  });

  it('the unscoped handle sees no protected row after any actor used the pool', async () => {
    const app = env.appDatabase.db;
    await Promise.all(Array.from({ length: 40 }, () => seen(scopedDb(app, scopes.staff))));
    const counts = await Promise.all(Array.from({ length: 40 }, () => all(app)));
    expect(counts.every((n) => n === 0)).toBe(true);
    // nor in a transaction of the unscoped handle
    expect(await transaction(app, (tx) => all(tx))).toBe(0);
  });

  it("a municipal department's municipalities are read again at every statement (an administrator's change holds at once)", async () => {
    const gemeente = scopedDb(env.appDatabase.db, scopes.gemeente);
    expect(await seen(gemeente)).toBe(1);
    const owner = env.database.db;
    const before = await rows<{ tenant_id: string; user_id: string; municipality_code: string }>(owner,
      sql`select tenant_id, user_id, municipality_code from user_municipalities where user_id = ${scopes.gemeente.userId}`);
    expect(before.length).toBeGreaterThan(0);
    await owner.execute(sql`delete from user_municipalities where user_id = ${scopes.gemeente.userId}`);
    try {
      // the same handle, so the same connection may be reused: still no longer visible
      for (let i = 0; i < 5; i++) expect(await seen(gemeente)).toBe(0);
    } finally {
      for (const m of before) await owner.execute(sql`insert into user_municipalities (tenant_id, user_id, municipality_code) values (${m.tenant_id}, ${m.user_id}, ${m.municipality_code})`);
    }
    expect(await seen(gemeente)).toBe(1);
  });
});

describe('one connection for every actor (pool of 1)', () => {
  let single: Database;
  beforeAll(async () => {
    if (env.appDatabase.kind !== 'postgres') { single = env.appDatabase; return; }
    const name = (await one<{ d: string }>(env.database.db, sql`select current_database() as d`))!.d;
    const u = new URL(process.env.TEST_DATABASE_URL!);
    u.pathname = `/${name}`;
    single = await openDatabase({ databaseUrl: u.toString(), migrate: false, poolSize: 1 });
  });
  afterAll(async () => {
    if (single !== env.appDatabase) await single?.close();
  });

  it('a transaction of one actor on a connection that holds another actor\'s scope sees only its own rows, and the other keeps its own', async () => {
    const politie = scopedDb(single.db, scopes.politie);
    const ggz = scopedDb(single.db, scopes.ggz);
    expect(await seen(politie)).toBe(1); // the connection now holds politie's scope
    expect(await transaction(ggz, (tx) => seen(tx))).toBe(0);
    expect(await seen(politie)).toBe(1);
    expect(await seen(ggz)).toBe(0);
    expect(await transaction(politie, (tx) => seen(tx))).toBe(1);
    expect(await seen(ggz)).toBe(0);
    expect(await all(single.db)).toBe(0);
  });

  it('a failing statement leaves the connection usable and scoped correctly', async () => {
    const politie = scopedDb(single.db, scopes.politie);
    await expect(politie.execute(sql`select 1 / 0`)).rejects.toThrow();
    expect(await seen(politie)).toBe(1);
    expect(await seen(scopedDb(single.db, scopes.ggz))).toBe(0);
  });
});
