// SPDX-License-Identifier: EUPL-1.2
// Migration 0031: the database refuses a state, kind or status the application does not know,
// and its lists stay equal to the constants the application and the API schemas use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_LISTS, STATUSES } from '@zvh/shared';
import { openTestDatabase } from '../../test/harness.js';
import type { Database, Db } from './index.js';
import { one, sql } from './index.js';

let database: Database;
let owner: Db;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
  owner = (database as Database & { owner: Db }).owner;
});
afterAll(async () => { await drop?.(); });

/** The values of a CHECK (column IN (...)) constraint, as PostgreSQL keeps it (= ANY (ARRAY[...])). */
async function allowed(constraint: string): Promise<string[]> {
  const r = await one<{ def: string; validated: boolean }>(owner, sql`select pg_get_constraintdef(oid) as def, convalidated as validated
    from pg_constraint where conname = ${constraint}`);
  expect(r, constraint).toBeDefined();
  expect(r!.validated, `${constraint} is validated`).toBe(true);
  return [...r!.def.matchAll(/'([^']*)'::text/g)].map((m) => m[1]!).sort();
}

describe('status checks (migration 0031)', () => {
  it('holds exactly the states of the workflow table, the case kinds and the agreement and meeting statuses', async () => {
    expect(await allowed('cases_status_check')).toEqual([...STATUSES].sort());
    expect(await allowed('registrations_status_check')).toEqual([...STATUSES].sort());
    const kinds = CODE_LISTS.caseKind.map(([code]) => code).sort();
    expect(await allowed('cases_kind_check')).toEqual(kinds);
    expect(await allowed('registrations_kind_check')).toEqual(kinds);
    expect(await allowed('agreements_status_check')).toEqual(['cancelled', 'done', 'open']);
    expect(await allowed('meetings_status_check')).toEqual(['geannuleerd', 'gepland']);
  });

  it('refuses an unknown status or kind and changes nothing', async () => {
    const t = (await one<{ id: string }>(owner, sql`select id from tenants limit 1`))!.id;
    const p = await one<{ id: string }>(owner, sql`insert into persons (tenant_id, first_name, last_name) values (${t}, 'Status', 'Proef') returning id`);
    const r = await one<{ id: string }>(owner, sql`insert into registrations (tenant_id, kind, status, municipality_code, registering_partner, registered_at, person_id, reason)
      values (${t}, 'procesregie', 'procesregie_lopend', 'GM0106', 'politie', '2030-01-01', ${p!.id}, 'status') returning id`);
    const c = await one<{ id: string }>(owner, sql`insert into cases (tenant_id, registration_id, person_id, kind, status, purpose, started_at)
      values (${t}, ${r!.id}, ${p!.id}, 'procesregie', 'procesregie_lopend', 'status', '2030-01-01') returning id`);
    const a = await one<{ id: string }>(owner, sql`insert into agreements (tenant_id, case_id, partner_code, title, due_date, status)
      values (${t}, ${c!.id}, 'politie', 'Afspraak', '2030-02-01', 'open') returning id`);
    const refused = async (table: string, column: string, id: string, value: string) => {
      const err = await owner.execute(sql`update ${sql.identifier(table)} set ${sql.identifier(column)} = ${value} where id = ${id}`)
        .then(() => null, (e: unknown) => e as { cause?: { code?: string }; code?: string });
      expect(err, `${table}.${column} = ${value}`).not.toBeNull();
      expect(err!.cause?.code ?? err!.code).toBe('23514');
    };
    await refused('cases', 'status', c!.id, 'verzonnen');
    await refused('registrations', 'status', r!.id, 'Afgesloten');
    await refused('cases', 'kind', c!.id, 'signaal');
    await refused('registrations', 'kind', r!.id, 'signaal');
    await refused('agreements', 'status', a!.id, 'gedaan');
    // a known value passes
    await owner.execute(sql`update agreements set status = 'done' where id = ${a!.id}`);
    const after = await one<{ cs: string; rs: string; ck: string; st: string }>(owner, sql`select c.status as cs, r.status as rs, c.kind as ck, a.status as st
      from cases c join registrations r on r.id = c.registration_id join agreements a on a.case_id = c.id where c.id = ${c!.id}`);
    expect(after).toEqual({ cs: 'procesregie_lopend', rs: 'procesregie_lopend', ck: 'procesregie', st: 'done' });
  });
});
