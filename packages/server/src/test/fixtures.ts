// SPDX-License-Identifier: EUPL-1.2
// Small builders for case-flow tests: a registration by politie, triaged into procesregie.
import { randomUUID } from 'node:crypto';
import type { TestClient } from './harness.js';
import type { Db } from '../core/db/index.js';
import type { Ctx } from '../core/context.js';
import { one, sql, transaction } from '../core/db/index.js';
import { DEMO_PASSWORD, seedTenant } from '../core/seed.js';
import { hashPassword } from '../core/auth/password.js';

export const SUBJECT = { firstName: 'Piet', lastName: 'Testpersoon', birthDate: '1988-02-29', gender: 'man', bsn: '111222333' };

export function registrationBody(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'procesregie', municipality: 'GM0106', registeringPartner: 'politie', subject: SUBJECT,
    mainTopic: 'ernstige-overlast', problemAreas: ['psychisch', 'verslaving', 'huisvesting'],
    reason: 'Aanhoudende ernstige overlast in de wijk; verslaving en dreigende huisuitzetting.',
    ...overrides,
  };
}

export const MEETS = { multiProblem: true, multipleChains: true, systemImpact: true, areaSafety: false };

export async function register(client: TestClient, overrides: Record<string, unknown> = {}): Promise<string> {
  const r = await client.post('/api/registrations', registrationBody(overrides));
  if (r.status !== 201) throw new Error(`registration: ${r.status} ${r.text}`);
  return r.body.id;
}

export async function openCase(registrant: TestClient, regisseur: TestClient, opts: { participants?: string[]; subject?: Record<string, unknown> } = {}): Promise<{ registrationId: string; caseId: string }> {
  const registrationId = await register(registrant, opts.subject ? { subject: opts.subject } : {});
  const t = await regisseur.post(`/api/registrations/${registrationId}/triage`, {
    criteria: MEETS, outcome: 'procesregie', approach: 'maatwerk',
    purpose: 'Overlast stoppen en huisvesting en verslavingszorg regelen', participants: opts.participants ?? ['politie', 'gemeente-oov'],
  });
  if (t.status !== 200) throw new Error(`triage: ${t.status} ${t.text}`);
  return { registrationId, caseId: t.body.caseId };
}

// ---------------------------------------------------------------------------------------------
// Further builders for the case-flow suites (permissions, need-to-know, processing log, ...).

let bsnSeed = 10_000_000 + Math.floor(Math.random() * 80_000_000);
/** A fresh BSN that passes the 11-test (different on every call within a test file). */
export function nextBsn(): string {
  for (;;) {
    const head = String(bsnSeed++).padStart(8, '0').slice(-8);
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += Number(head[i]) * (9 - i);
    const check = sum % 11;
    if (check < 10) return `${head}${check}`;
  }
}

let subjectSeq = 0;
/** A fresh main person with its own BSN, so that cases of different tests do not share a person. */
export function freshSubject(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  subjectSeq += 1;
  return { firstName: 'Test', lastName: `Persoon${subjectSeq}x${Math.floor(Math.random() * 1e6)}`, birthDate: '1980-05-17', gender: 'vrouw', bsn: nextBsn(), ...overrides };
}

export const PURPOSE = 'Overlast stoppen en huisvesting en verslavingszorg regelen';

export type Outcome = 'procesregie' | 'advies' | 'terugleggen' | 'doorverwijzen';

/** A valid triage body for each outcome (procesregie meets the national criteria). */
export function triageBody(outcome: Outcome, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<Outcome, Record<string, unknown>> = {
    procesregie: { criteria: MEETS, outcome, approach: 'maatwerk', purpose: PURPOSE, participants: ['politie', 'gemeente-oov'] },
    advies: { criteria: { ...MEETS, multipleChains: false }, outcome, purpose: 'Advies aan de aanmelder over de aanpak van de overlast', participants: [] },
    terugleggen: { criteria: { ...MEETS, systemImpact: false }, outcome, advice: 'Bespreek dit eerst in het lokale zorgnetwerk' },
    doorverwijzen: { criteria: { ...MEETS, systemImpact: false }, outcome, referredTo: { place: 'veilig-thuis', note: 'Huiselijk geweld' } },
  };
  return { ...base[outcome], ...overrides };
}

/** A registration (by default by politie, for a fresh person) and its triage; caseId for procesregie and advies. */
export async function openCaseWith(registrant: TestClient, regisseur: TestClient, opts: {
  outcome?: Outcome; participants?: string[]; subject?: Record<string, unknown>; registration?: Record<string, unknown>; triage?: Record<string, unknown>;
} = {}): Promise<{ registrationId: string; caseId: string; personId: string; purpose: string }> {
  const registrationId = await register(registrant, { subject: opts.subject ?? freshSubject(), ...opts.registration });
  const body = triageBody(opts.outcome ?? 'procesregie', { ...(opts.participants ? { participants: opts.participants } : {}), ...opts.triage });
  const t = await regisseur.post(`/api/registrations/${registrationId}/triage`, body);
  if (t.status !== 200) throw new Error(`triage: ${t.status} ${t.text}`);
  const detail = await regisseur.get(`/api/registrations/${registrationId}`);
  if (detail.status !== 200) throw new Error(`registration: ${detail.status} ${detail.text}`);
  return { registrationId, caseId: t.body.caseId, personId: detail.body.subject.id, purpose: String(body.purpose ?? '') };
}

/** The first bytes of a (tiny) valid-looking pdf. */
export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
export const pdfUpload = (overrides: Record<string, unknown> = {}) => ({
  filename: 'verslag.pdf', mimeType: 'application/pdf', contentBase64: PDF_BYTES.toString('base64'), visibility: 'all', ...overrides,
});

/** A UUID that exists nowhere. */
export const randomId = () => randomUUID();

/**
 * Row counts and version sums of everything a case-flow request can write (the processing log
 * excluded: reads append to it). Equal before and after means the request changed nothing.
 */
export async function dataFingerprint(db: Db): Promise<Record<string, number>> {
  const r = await one<Record<string, number>>(db, sql`select
    (select count(*) from registrations)::int as registrations,
    (select coalesce(sum(version), 0) from registrations)::int as "registrationVersions",
    (select count(*) from persons)::int as persons,
    (select count(*) from persons where merged_into is not null)::int as "mergedPersons",
    (select count(*) from cases)::int as cases,
    (select coalesce(sum(version), 0) from cases)::int as "caseVersions",
    (select count(*) from case_events)::int as "caseEvents",
    (select count(*) from case_participants where removed_at is null)::int as participants,
    (select count(*) from agreements)::int as agreements,
    (select coalesce(sum(version), 0) from agreements)::int as "agreementVersions",
    (select count(*) from journal_entries)::int as journal,
    (select count(*) from journal_entries where withdrawn_at is not null or corrected_at is not null)::int as "journalWithdrawnOrCorrected",
    (select count(*) from documents)::int as documents,
    (select count(*) from case_outcome_scores)::int as "outcomeScores"`);
  return r!;
}

/** A manager's Ctx on a tenant, for tests that call a service directly (aggregates only). */
export function managerCtx(db: Db, tenantId: string): Ctx {
  return {
    db, traceId: 'test',
    actor: {
      userId: '00000000-0000-4000-8000-000000000001', sessionId: 'test', tenantId, tenantCode: 'test', email: 'manager@test.zvh', name: 'Test Manager',
      organisationCode: 'zvh', organisationKind: 'zvh', municipalityCode: null, roles: ['manager'], mustChangePassword: false,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Users made directly in the database (demo password, no second factor) and a second tenant.

/** Makes a user with the demo password; `municipalities` for a municipal partner's professional. */
export async function createUser(db: Db, u: { email: string; name?: string; organisation: string; roles: string[]; municipalities?: string[]; tenantCode?: string }): Promise<string> {
  const hash = await hashPassword(DEMO_PASSWORD);
  return transaction(db, async (tx) => {
    const created = await one<{ id: string; tenant_id: string }>(tx, sql`insert into users (tenant_id, email, name, organisation_code, municipality_code, roles, password_hash, is_demo)
      select t.id, ${u.email}, ${u.name ?? u.email}, ${u.organisation}, ${u.municipalities?.[0] ?? null}, ${`{${u.roles.join(',')}}`}::text[], ${hash}, true
        from tenants t where t.code = ${u.tenantCode ?? 'drenthe'}
      returning id, tenant_id`);
    for (const m of u.municipalities ?? []) {
      await tx.execute(sql`insert into user_municipalities (user_id, tenant_id, municipality_code) values (${created!.id}, ${created!.tenant_id}, ${m})`);
    }
    return created!.id;
  });
}

/** The second tenant of the fixtures: its own ZVH, partners and users (same reference data). */
export const GRONINGEN = {
  code: 'groningen', name: 'Zorg- en Veiligheidshuis Groningen',
  users: {
    regisseur: 'regisseur@groningen.zvh', manager: 'manager@groningen.zvh', informatie: 'informatie@groningen.zvh',
    politie: 'politie@groningen.zvh', gemeente: 'gemeente@groningen.zvh',
  },
} as const;

/** Creates tenant `groningen` with its users (idempotent per database). */
export async function seedSecondTenant(db: Db): Promise<string> {
  const tenantId = await transaction(db, (tx) => seedTenant(tx, GRONINGEN.code, GRONINGEN.name));
  const exists = await one(db, sql`select 1 from users where email = ${GRONINGEN.users.regisseur}`);
  if (!exists) {
    const t = GRONINGEN.code;
    await createUser(db, { tenantCode: t, email: GRONINGEN.users.regisseur, organisation: 'zvh', roles: ['procesregisseur'] });
    await createUser(db, { tenantCode: t, email: GRONINGEN.users.manager, organisation: 'zvh', roles: ['manager'] });
    await createUser(db, { tenantCode: t, email: GRONINGEN.users.informatie, organisation: 'zvh', roles: ['informatiemakelaar'] });
    await createUser(db, { tenantCode: t, email: GRONINGEN.users.politie, organisation: 'politie', roles: ['professional'] });
    await createUser(db, { tenantCode: t, email: GRONINGEN.users.gemeente, organisation: 'gemeente-oov', roles: ['professional'], municipalities: ['GM0106'] });
  }
  return tenantId;
}

/** The Ctx of a ZVH demo user (e.g. manager@demo.zvh), for tests that call a service directly. */
export async function zvhUserCtx(db: Db, email: string): Promise<Ctx> {
  const u = await one<{ id: string; tenant_id: string; name: string; roles: string[] }>(db, sql`select id, tenant_id, name, roles from users where email = ${email}`);
  if (!u) throw new Error(`no user ${email}`);
  return {
    db, traceId: 'test',
    actor: {
      userId: u.id, sessionId: 'test', tenantId: u.tenant_id, tenantCode: 'drenthe', email, name: u.name,
      organisationCode: 'zvh', organisationKind: 'zvh', municipalityCode: null, roles: u.roles as Ctx['actor']['roles'], mustChangePassword: false,
    },
  };
}
