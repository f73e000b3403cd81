// SPDX-License-Identifier: EUPL-1.2
// Test fixtures for the report and capacity tests: small hand-made caseloads inserted directly
// with SQL into persons, registrations and cases, each in its own tenant. Test code only.
import { randomUUID } from 'node:crypto';
import type { Role } from '@zvh/shared';
import type { Executor } from '../../core/db/index.js';
import { one, sql } from '../../core/db/index.js';
import { seedTenant } from '../../core/seed.js';
import { hashPassword } from '../../core/auth/password.js';

export interface Dossier {
  /** What the registrant asked for (registrations.kind). */
  kind: 'procesregie' | 'advies' | 'informatievraag';
  /** The case triage made (cases.kind); undefined: the same as `kind`; null: no case (yet). */
  caseKind?: 'procesregie' | 'advies' | 'informatievraag' | null;
  approach?: 'maatwerk' | 'pga' | null;
  registeredAt: string;
  startedAt?: string | null;
  closedAt?: string | null;
  municipality?: string;
  partner?: string;
  mainTopic?: string | null;
  problemAreas?: string[];
  children?: string | null;
  crossesBorder?: boolean;
  birthDate?: string | null;
  gender?: string;
  firstName?: string;
  lastName?: string;
  /** The closure evaluation's goalsMet (cases.evaluation). */
  goalsMet?: 'ja' | 'deels' | 'nee';
}

/** A fresh tenant with the default reference data; returns its id. */
export async function makeTenant(ex: Executor, name?: string): Promise<string> {
  const code = `t-${randomUUID().slice(0, 8)}`;
  return seedTenant(ex, code, name ?? `Zorg- en Veiligheidshuis Test ${code}`);
}

let cachedHash: string | undefined;
/** A user of the tenant with the demo password and, like the demo users, no second factor (sign in with env.as(email)). */
export async function makeUser(ex: Executor, tenantId: string, roles: Role[], organisation = 'zvh'): Promise<string> {
  cachedHash ??= await hashPassword('demo-wachtwoord');
  const email = `${roles.join('-')}-${randomUUID().slice(0, 8)}@test.zvh`;
  await ex.execute(sql`insert into users (tenant_id, email, name, organisation_code, roles, password_hash, is_demo)
    values (${tenantId}, ${email}, ${'Test ' + roles.join(' ')}, ${organisation}, ${`{${roles.join(',')}}`}::text[], ${cachedHash}, true)`);
  return email;
}

/** Inserts the dossiers (a person, a registration and, unless caseKind is null, a case each); returns the case ids (null: no case). */
export async function insertDossiers(ex: Executor, tenantId: string, dossiers: Dossier[]): Promise<(string | null)[]> {
  const ids: (string | null)[] = [];
  for (const d of dossiers) {
    const person = await one<{ id: string }>(ex, sql`insert into persons (tenant_id, first_name, last_name, birth_date, gender)
      values (${tenantId}, ${d.firstName ?? 'Jan'}, ${d.lastName ?? 'Fixture'}, ${d.birthDate === undefined ? '1980-06-15' : d.birthDate}, ${d.gender ?? 'man'})
      returning id`);
    const caseKind = d.caseKind === undefined ? d.kind : d.caseKind;
    // the states the case flow gives (the database refuses any other, migration 0031)
    const status = !caseKind ? 'aangemeld' : d.closedAt ? 'afgesloten' : caseKind === 'advies' ? 'advies' : caseKind === 'informatievraag' ? 'beantwoord' : 'procesregie_lopend';
    const reg = await one<{ id: string }>(ex, sql`insert into registrations (tenant_id, kind, status, municipality_code, registering_partner,
        registered_at, person_id, reason, main_topic, problem_areas, children, crosses_municipality_border)
      values (${tenantId}, ${d.kind}, ${status}, ${d.municipality ?? 'GM0106'}, ${d.partner ?? 'politie'},
        ${d.registeredAt}, ${person!.id}, 'fixture', ${d.mainTopic === undefined ? 'ernstige-overlast' : d.mainTopic},
        ${`{${(d.problemAreas ?? []).join(',')}}`}::text[], ${d.children === undefined ? 'zonder-minderjarige-kinderen' : d.children}, ${d.crossesBorder ?? false})
      returning id`);
    if (caseKind) {
      const c = await one<{ id: string }>(ex, sql`insert into cases (tenant_id, registration_id, person_id, kind, approach, status, purpose, started_at, closed_at, evaluation)
        values (${tenantId}, ${reg!.id}, ${person!.id}, ${caseKind}, ${d.approach ?? (caseKind === 'procesregie' ? 'maatwerk' : null)}, ${status},
          'fixture', ${d.startedAt ?? null}, ${d.closedAt ?? null}, ${d.goalsMet ? JSON.stringify({ goalsMet: d.goalsMet }) : null}::jsonb)
        returning id`);
      ids.push(c!.id);
    } else ids.push(null);
  }
  return ids;
}

/** n copies of a dossier. */
export const times = (n: number, d: Dossier): Dossier[] => Array.from({ length: n }, () => ({ ...d }));
