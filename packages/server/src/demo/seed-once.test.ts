// SPDX-License-Identifier: EUPL-1.2
// Two instances starting together on one database fill the demo caseload once (issue 8, item 10).
// As in main.ts: the installation data is written by the owner (openDatabase's install step), the
// demo caseload by the application as the tenant's system actor (systemDb). Counted as the owner,
// which row-level security does not hide rows from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test/harness.js';
import type { Database } from '../core/db/index.js';
import { one, sql } from '../core/db/index.js';
import { seedInstallation } from '../core/seed.js';
import { systemDb } from '../core/context.js';
import { seedDemoCases } from './demo-cases.js';

let database: Database & { owner: Database['db'] };
let drop: () => Promise<void>;
beforeAll(async () => { ({ database, drop } = await openTestDatabase()); });
afterAll(async () => { await drop?.(); });

const count = async (table: 'registrations' | 'cases' | 'users') =>
  (await one<{ n: number }>(database.owner, sql`select count(*) as n from ${sql.raw(table)}`))!.n;

describe('seeding at start-up', () => {
  it('seeds the installation data once when called twice at the same time', async () => {
    const users = await count('users');
    const [a, b] = await Promise.all([seedInstallation(database.owner, { demo: true }), seedInstallation(database.owner, { demo: true })]);
    expect(a.tenantId).toBe(b.tenantId);
    expect(await count('users')).toBe(users);
  });

  it('fills the demo caseload once when two starts seed it concurrently', async () => {
    const { tenantId } = await seedInstallation(database.owner, { demo: true });
    expect(await count('registrations')).toBe(0);
    const app = systemDb(database.db, tenantId);
    const made = await Promise.all([seedDemoCases(app, tenantId), seedDemoCases(systemDb(database.db, tenantId), tenantId)]);
    expect(made.sort()).toEqual([0, 36]);
    expect(await count('registrations')).toBe(36);
    // a later start adds nothing
    expect(await seedDemoCases(app, tenantId)).toBe(0);
    expect(await count('registrations')).toBe(36);
  });
});
