// SPDX-License-Identifier: EUPL-1.2
// Attack 4: the ids of another tenant. Tenant drenthe gets the demo caseload (cases, persons,
// agreements, journal, meetings, ...) plus a document; the users of a second tenant (fixtures
// seedSecondTenant, and a beheerder there) then put every drenthe id, one per table, into every
// id parameter of every operation of the OpenAPI document, with a valid body. Each answer must be
// byte-identical to the answer for an id that exists nowhere (the id itself masked), and no
// table may change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../test/harness.js';
import type { TestClient, TestEnv } from '../test/harness.js';
import { createUser, GRONINGEN, pdfUpload, seedSecondTenant } from '../test/fixtures.js';
import { one, rows, sql } from '../core/db/index.js';
import { seedDemoCases } from '../demo/demo-cases.js';
import { fingerprintAll, MISSING_ID, missingValue, operations, urlOf, validBody } from './attack-kit.js';
import type { Operation } from './attack-kit.js';

const ATTACKERS = { regisseur: GRONINGEN.users.regisseur, informatie: GRONINGEN.users.informatie, politie: GRONINGEN.users.politie, beheerder: 'admin@groningen.zvh' };

let env: TestEnv;
let ops: Operation[];
/** One id per drenthe table that has an id and a tenant. */
let victims: { table: string; id: string }[];
const attackers = new Map<string, TestClient>();

beforeAll(async () => {
  env = await setupTestEnv();
  const db = env.database.db;
  const drenthe = (await one<{ id: string }>(db, sql`select id from tenants where code = 'drenthe'`))!.id;
  await seedDemoCases(db, drenthe);
  // a document too (the demo caseload has none)
  const reg = await env.as('regisseur@demo.zvh');
  const someCase = (await reg.get('/api/cases')).body[0].id as string;
  expect((await reg.post(`/api/cases/${someCase}/documents`, pdfUpload())).status).toBe(201);
  // and a meeting, a signal, an advice question and a veelpleger record
  const made = [
    await reg.post('/api/meetings', { type: 'casusoverleg', startsAt: '2026-03-02T09:00:00.000Z', location: 'ZVH Drenthe' }),
    await reg.post('/api/signals', { category: 'huisvesting', description: 'Geen plekken beschermd wonen', addressedTo: 'stuurgroep', caseIds: [someCase] }),
    await reg.post('/api/advice', { question: 'Hoe gaan we om met verward gedrag in de buurt?', registeringPartner: 'politie' }),
    await reg.post('/api/facilitated/veelplegers', { subject: { firstName: 'Kees', lastName: 'Aanvaltest', birthDate: '1990-01-20', gender: 'man' }, municipality: 'GM0106', status: 'veelpleger', from: '2024-01-15' }),
  ];
  expect(made.map((r) => r.status)).toEqual([201, 201, 201, 201]);
  await seedSecondTenant(db);
  await createUser(db, { tenantCode: GRONINGEN.code, email: ATTACKERS.beheerder, organisation: 'zvh', roles: ['beheerder'] });
  for (const [name, email] of Object.entries(ATTACKERS)) attackers.set(name, await env.as(email));
  ops = (await operations(env.app)).filter((o) => o.path !== '/api/auth/logout');
  const tables = await rows<{ table: string }>(db, sql`select c.table_name as "table" from information_schema.columns c
    join information_schema.columns t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.column_name = 'tenant_id'
    where c.table_schema = current_schema() and c.column_name = 'id' and c.data_type = 'uuid' order by 1`);
  victims = [];
  for (const { table } of tables) {
    const r = await one<{ id: string }>(db, sql.raw(`select id::text as id from "${table}" where tenant_id = '${drenthe}' order by id limit 1`));
    if (r) victims.push({ table, id: r.id });
  }
}, 300_000);
afterAll(async () => { await env?.close(); });

const idParams = (op: Operation) => op.pathParams.filter((p) => missingValue(p) === MISSING_ID);
const OTHER_MISSING_ID = '00000000-0000-4000-8000-0000000beef0';
const mask = (text: string, id: string) => text.split(id).join('<id>');

describe('ids of another tenant', () => {
  it('has ids of the other tenant in many tables to try', () => {
    const tables = victims.map((v) => v.table);
    expect(tables).toEqual(expect.arrayContaining(['cases', 'registrations', 'persons', 'agreements', 'documents', 'users', 'meetings', 'signals', 'veelpleger_records']));
    expect(tables.length).toBeGreaterThanOrEqual(12);
  });

  it('answer byte-identically to missing ids on every route with an id parameter, for every kind of user, and change nothing', async () => {
    const withId = ops.filter((o) => idParams(o).length > 0);
    expect(withId.length).toBeGreaterThan(50);
    const before = await fingerprintAll(env.database.db);
    const differ: string[] = [];
    let probes = 0;
    for (const [who, c] of attackers) {
      for (const op of withId) {
        const body = await validBody(op);
        for (const p of idParams(op)) {
          // another missing id than the one in the sampled body (a merge with itself is its own error)
          const missing = await c.req(op.method, urlOf(op, { [p.name]: OTHER_MISSING_ID }), body);
          const expected = `${missing.status} ${mask(missing.text, OTHER_MISSING_ID)}`;
          if (missing.status >= 500) differ.push(`${op.key} as ${who}: ${missing.status} for a missing id`);
          for (const v of victims) {
            const res = await c.req(op.method, urlOf(op, { [p.name]: v.id }), body);
            probes++;
            const got = `${res.status} ${mask(res.text, v.id)}`;
            if (got !== expected) differ.push(`${op.key} as ${who}, ${p.name} = a ${v.table} id: ${got.slice(0, 120)} (missing: ${expected.slice(0, 120)})`);
          }
        }
      }
    }
    expect(differ).toEqual([]);
    expect(probes).toBeGreaterThan(1000);
    expect(await fingerprintAll(env.database.db)).toEqual(before);
  }, 600_000);
});
