// SPDX-License-Identifier: EUPL-1.2
// Two instances starting together on one database fill the demo caseload once (issue 8, item 10).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test/harness.js';
import type { Database } from '../core/db/index.js';
import { one, sql } from '../core/db/index.js';
import { seedInstallation } from '../core/seed.js';
import { seedDemoCases } from './demo-cases.js';

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => { ({ database, drop } = await openTestDatabase()); });
afterAll(async () => { await drop?.(); });

const count = async (table: 'registrations' | 'cases' | 'users') =>
  (await one<{ n: number }>(database.db, sql`select count(*) as n from ${sql.raw(table)}`))!.n;

describe('seeding at start-up', () => {
  it('seeds the installation data once when called twice at the same time', async () => {
    const users = await count('users');
    const [a, b] = await Promise.all([seedInstallation(database.db, { demo: true }), seedInstallation(database.db, { demo: true })]);
    expect(a.tenantId).toBe(b.tenantId);
    expect(await count('users')).toBe(users);
  });

  it('fills the demo caseload once when two starts seed it concurrently', async () => {
    const { tenantId } = await seedInstallation(database.db, { demo: true });
    expect(await count('registrations')).toBe(0);
    const made = await Promise.all([seedDemoCases(database.db, tenantId), seedDemoCases(database.db, tenantId)]);
    expect(made.sort()).toEqual([0, 36]);
    expect(await count('registrations')).toBe(36);
    // a later start adds nothing
    expect(await seedDemoCases(database.db, tenantId)).toBe(0);
    expect(await count('registrations')).toBe(36);
  });
});
