// SPDX-License-Identifier: EUPL-1.2
// Idempotent installation data: tenant `drenthe` with the reference data of reference-data.md,
// and in demo mode the demo users. Existing rows are left alone (a beheerder may have renamed them).
import { CAPACITY_DEFAULTS, CODE_LISTS, DEFAULT_COST_SPLIT_RULE, DEFAULT_MEETING_TYPES, DEFAULT_TENANT, MUNICIPALITIES, PARTNERS, ZVH_ORGANISATION } from '@zvh/shared';
import type { CodeListName, Role } from '@zvh/shared';
import type { Db, Executor } from './db/index.js';
import { one, schema, sql, transaction } from './db/index.js';
import { hashPassword } from './auth/password.js';
import { seedMeetingTypes } from '../modules/casusoverleg/service.js';

export const DEMO_PASSWORD = 'demo-wachtwoord';
export const DEMO_USERS: { email: string; name: string; organisation: string; roles: Role[]; municipality?: string }[] = [
  { email: 'admin@demo.zvh', name: 'Anna Beheer', organisation: ZVH_ORGANISATION, roles: ['beheerder'] },
  { email: 'manager@demo.zvh', name: 'Marco Manager', organisation: ZVH_ORGANISATION, roles: ['manager'] },
  { email: 'regisseur@demo.zvh', name: 'Rianne Regisseur', organisation: ZVH_ORGANISATION, roles: ['procesregisseur'] },
  { email: 'informatie@demo.zvh', name: 'Ilse Informatiemakelaar', organisation: ZVH_ORGANISATION, roles: ['informatiemakelaar'] },
  { email: 'privacy@demo.zvh', name: 'Pim Privacy', organisation: ZVH_ORGANISATION, roles: ['privacy'] },
  { email: 'politie@demo.zvh', name: 'Peter Politie', organisation: 'politie', roles: ['professional'] },
  { email: 'ggz@demo.zvh', name: 'Gerda GGZ', organisation: 'ggz-drenthe', roles: ['professional'] },
  { email: 'gemeente@demo.zvh', name: 'Gijs Gemeente', organisation: 'gemeente-oov', roles: ['professional'], municipality: 'GM0106' },
];

export interface TenantSettings {
  capacity: typeof CAPACITY_DEFAULTS;
  costSplit: { total: number; rule: typeof DEFAULT_COST_SPLIT_RULE };
}
export const defaultTenantSettings = (): TenantSettings => ({
  capacity: structuredClone(CAPACITY_DEFAULTS) as TenantSettings['capacity'],
  costSplit: { total: 208500, rule: structuredClone(DEFAULT_COST_SPLIT_RULE) },
});

/** Creates a tenant with the default reference data; returns its id. Safe to run again. */
export async function seedTenant(ex: Executor, code: string, name: string): Promise<string> {
  await ex.execute(sql`insert into tenants (code, name, settings) values (${code}, ${name}, ${JSON.stringify(defaultTenantSettings())}::jsonb)
    on conflict (code) do nothing`);
  const tenant = await one<{ id: string }>(ex, sql`select id from tenants where code = ${code}`);
  const tenantId = tenant!.id;
  await ex.insert(schema.municipalities)
    .values(MUNICIPALITIES.map((m) => ({ tenantId, code: m.code, name: m.name, region: m.region, nazorgPlustaak: m.nazorgPlustaak })))
    .onConflictDoNothing();
  await ex.insert(schema.organisations)
    .values([
      { tenantId, code: ZVH_ORGANISATION, name: name, kind: 'zvh', domain: null },
      ...PARTNERS.map((p) => ({ tenantId, code: p.code, name: p.name, kind: 'partner', domain: p.domain, municipal: p.municipal, professionalSecrecy: p.professionalSecrecy })),
    ])
    .onConflictDoNothing();
  const entries = (Object.entries(CODE_LISTS) as [CodeListName, [string, string][]][])
    .flatMap(([list, items]) => items.map(([c, label], i) => ({ tenantId, list, code: c, label, sort: i })));
  await ex.insert(schema.codeListEntries).values(entries).onConflictDoNothing();
  await seedMeetingTypes(ex, tenantId, DEFAULT_MEETING_TYPES);
  return tenantId;
}

export async function seedDemoUsers(ex: Executor, tenantId: string): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    await ex.execute(sql`insert into users (tenant_id, email, name, organisation_code, municipality_code, roles, password_hash, is_demo)
      values (${tenantId}, ${u.email}, ${u.name}, ${u.organisation}, ${u.municipality ?? null}, ${`{${u.roles.join(',')}}`}::text[], ${hash}, true)
      on conflict do nothing`);
    if (u.municipality) {
      await ex.execute(sql`insert into user_municipalities (user_id, tenant_id, municipality_code)
        select id, tenant_id, ${u.municipality} from users where lower(email) = ${u.email} and tenant_id = ${tenantId}
        on conflict do nothing`);
    }
  }
}

/** Advisory lock key for the installation data: instances starting together seed it one after the other. */
export const SEED_LOCK = 7420002;

export async function seedInstallation(db: Db, opts: { demo: boolean }): Promise<{ tenantId: string }> {
  return transaction(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const tenantId = await seedTenant(tx, DEFAULT_TENANT.code, DEFAULT_TENANT.name);
    if (opts.demo) await seedDemoUsers(tx, tenantId);
    return { tenantId };
  });
}
