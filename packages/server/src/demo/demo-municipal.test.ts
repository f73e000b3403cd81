// SPDX-License-Identifier: EUPL-1.2
// The demo caseload is made through the same services as real work, so it must pass their
// checks: a municipal demo professional (gemeente@demo.zvh, Assen) registers for Assen only, and
// then sees only Assen's cases and registrations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../test/harness.js';
import type { TestEnv } from '../test/harness.js';
import { one, rows, sql } from '../core/db/index.js';
import { seedDemoCases } from './demo-cases.js';

let env: TestEnv;
beforeAll(async () => { env = await setupTestEnv(); });
afterAll(async () => { await env?.close(); });

describe('the demo caseload', () => {
  it('is made in full, and the Assen demo professional sees only Assen\'s part of it', async () => {
    const tenant = (await one<{ id: string }>(env.database.db, sql`select id from tenants where code = 'drenthe'`))!.id;
    expect(await seedDemoCases(env.database.db, tenant)).toBe(36);
    const byGemeente = await rows<{ municipality_code: string }>(env.database.db, sql`select municipality_code from registrations where registering_partner = 'gemeente-oov'`);
    expect(byGemeente.length).toBeGreaterThan(0);
    expect(new Set(byGemeente.map((r) => r.municipality_code))).toEqual(new Set(['GM0106']));

    const gem = await env.as('gemeente@demo.zvh');
    const cases = (await gem.get('/api/cases')).body as { id: string; municipality: string }[];
    expect(cases.length).toBeGreaterThan(0);
    expect(new Set(cases.map((c) => c.municipality))).toEqual(new Set(['GM0106']));
    const regs = (await gem.get('/api/registrations')).body as { municipality: string }[];
    expect(new Set(regs.map((r) => r.municipality))).toEqual(new Set(['GM0106']));
    // the ZVH sees every municipality's cases
    const all = (await (await env.as('regisseur@demo.zvh')).get('/api/cases')).body as { municipality: string }[];
    expect(new Set(all.map((c) => c.municipality)).size).toBeGreaterThan(3);
  });
});
