// SPDX-License-Identifier: EUPL-1.2
// Everything the ZVH holds about one person, for the privacy officer (AVG art. 15, the ZVH as the
// one contact point of the joint controllers, Besluit WGS art. 1.1): cases, registrations,
// household membership, documents (metadata), meeting items and the processing log about them
// (who read or changed their data). The export (JSON and PDF) is itself logged as `export` on
// each case and registration, so each case's audit shows it.
import type { Ctx } from '../../core/context.js';
import { one, rows, sql, transaction } from '../../core/db/index.js';
import type { Executor } from '../../core/db/index.js';
import { refuse, requirePermission, requireZvh } from '../../core/access.js';
import { logProcessing } from '../../core/processing-log.js';
import type { ProcessingEntry } from '../../core/processing-log.js';

export const PRIVACY_ACTIVITY = 'rechten-betrokkene';
export const PRIVACY_PURPOSE = 'Rechten van de betrokkene (AVG art. 15-21): het ZVH als centraal aanspreekpunt (Besluit WGS art. 1.1)';

export interface PersonData {
  person: { id: string; firstName: string; lastName: string; birthDate: string | null; gender: string; bsn: string | null; municipality: string | null; anonymisedAt: string | null };
  registrations: { id: string; registeredAt: string; kind: string; status: string; registeringPartner: string; municipality: string | null; mainTopic: string | null; problemAreas: string[]; reason: string; caseId: string | null; anonymisedAt: string | null }[];
  cases: { id: string; caseNumber: string | null; kind: string; status: string; purpose: string; startedAt: string | null; closedAt: string | null; participants: string[]; anonymisedAt: string | null }[];
  household: { registrationId: string; relation: string; mainPerson: boolean }[];
  documents: { id: string; caseId: string; filename: string; mimeType: string; size: number; uploadedAt: string; uploadedByOrganisation: string }[];
  meetingItems: { id: string; meetingId: string; meetingTitle: string; startsAt: string; caseId: string | null; registrationId: string | null; question: string; conclusion: string | null }[];
  processingLog: { at: string; actor: { email: string; name: string | null }; organisation: string; action: string; activity: string; purpose: string; outcome: string; caseId: string | null; registrationId: string | null }[];
  requests: { id: string; kind: string; receivedOn: string; deadline: string; status: string; decision: string | null }[];
}

async function collect(ctx: Ctx, ex: Executor, personId: string): Promise<PersonData | undefined> {
  const t = ctx.actor.tenantId;
  const person = await one<PersonData['person']>(ex, sql`select p.id, p.first_name as "firstName", p.last_name as "lastName", p.birth_date as "birthDate",
      p.gender, p.bsn, p.municipality_code as municipality, p.anonymised_at as "anonymisedAt"
    from persons p where p.id = ${personId} and p.tenant_id = ${t}`);
  if (!person) return undefined;
  // registrations where the person is the main person or a member of the household
  const regIds = sql`(select r.id from registrations r where r.tenant_id = ${t} and r.person_id = ${personId}
    union select rr.registration_id from registration_relations rr where rr.tenant_id = ${t} and rr.person_id = ${personId})`;
  const registrations = await rows<PersonData['registrations'][number]>(ex, sql`select r.id, r.registered_at as "registeredAt", r.kind, r.status,
      r.registering_partner as "registeringPartner", r.municipality_code as municipality, r.main_topic as "mainTopic", r.problem_areas as "problemAreas",
      r.reason, r.case_id as "caseId", r.anonymised_at as "anonymisedAt"
    from registrations r where r.id in ${regIds} order by r.registered_at, r.id`);
  const cases = await rows<PersonData['cases'][number]>(ex, sql`select c.id, c.case_number as "caseNumber", c.kind, c.status, c.purpose,
      c.started_at as "startedAt", c.closed_at as "closedAt", c.anonymised_at as "anonymisedAt",
      coalesce((select array_agg(distinct cp.partner_code order by cp.partner_code) from case_participants cp where cp.case_id = c.id), '{}'::text[]) as participants
    from cases c where c.tenant_id = ${t} and (c.person_id = ${personId} or c.registration_id in ${regIds}) order by c.started_at nulls last, c.id`);
  const household = await rows<PersonData['household'][number]>(ex, sql`
    select r.id as "registrationId", 'hoofdpersoon' as relation, true as "mainPerson" from registrations r where r.tenant_id = ${t} and r.person_id = ${personId}
    union all
    select rr.registration_id, rr.relation, false from registration_relations rr where rr.tenant_id = ${t} and rr.person_id = ${personId}
    order by 1`);
  const caseIds = cases.map((c) => c.id);
  const regIdList = registrations.map((r) => r.id);
  const inList = (ids: string[]) => (ids.length ? sql`(${sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `)})` : sql`(null::uuid)`);
  const documents = caseIds.length ? await rows<PersonData['documents'][number]>(ex, sql`select d.id, d.case_id as "caseId", d.filename, d.mime_type as "mimeType",
      d.size, d.uploaded_at as "uploadedAt", d.uploaded_by_organisation as "uploadedByOrganisation"
    from documents d where d.tenant_id = ${t} and d.case_id in ${inList(caseIds)} order by d.uploaded_at, d.id`) : [];
  const meetingItems = await rows<PersonData['meetingItems'][number]>(ex, sql`select i.id, i.meeting_id as "meetingId", mt.name as "meetingTitle", m.starts_at as "startsAt",
      i.case_id as "caseId", i.registration_id as "registrationId", i.question, i.conclusion
    from meeting_items i join meetings m on m.id = i.meeting_id join meeting_types mt on mt.id = m.type_id
    where i.tenant_id = ${t} and (i.case_id in ${inList(caseIds)} or i.registration_id in ${inList(regIdList)}) order by m.starts_at, i.position`);
  const log = await rows<{ at: string; email: string; name: string | null; organisation: string; action: string; activity: string; purpose: string; outcome: string; caseId: string | null; registrationId: string | null }>(ex, sql`
    select l.at, l.actor_email as email, u.name, l.actor_organisation as organisation, l.action, l.activity, l.purpose, l.outcome,
           l.case_id as "caseId", l.registration_id as "registrationId"
      from processing_log l left join users u on u.id = l.actor_user_id
     where l.tenant_id = ${t} and (l.data_subject_ref = ${personId} or l.case_id in ${inList(caseIds)} or l.registration_id in ${inList(regIdList)})
     order by l.at, l.id`);
  const requests = await rows<PersonData['requests'][number]>(ex, sql`select id, kind, received_on as "receivedOn", deadline, status, decision
    from data_subject_requests where tenant_id = ${t} and person_id = ${personId} order by received_on, created_at`);
  return {
    person, registrations, cases, household, documents, meetingItems, requests,
    processingLog: log.map((l) => ({ at: l.at, actor: { email: l.email, name: l.name }, organisation: l.organisation, action: l.action, activity: l.activity, purpose: l.purpose, outcome: l.outcome, caseId: l.caseId, registrationId: l.registrationId })),
  };
}

/** The privacy officer's view of everything about a person (a read, logged per case and registration). */
export async function personData(ctx: Ctx, personId: string, opts: { action?: 'read' | 'export' } = {}): Promise<PersonData> {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'privacy.manage', 'Alleen de privacyfunctionaris');
  const action = opts.action ?? 'read';
  const exists = await one(ctx.db, sql`select 1 from persons where id = ${personId} and tenant_id = ${ctx.actor.tenantId}`);
  if (!exists) return refuse(ctx, { object: 'person', id: personId, action, message: 'Persoon niet gevonden' });
  return transaction(ctx.db, async (tx) => {
    const first = (await collect(ctx, tx, personId))!;
    // log first, so that an export contains its own entries
    const entries: ProcessingEntry[] = [
      { action, activity: PRIVACY_ACTIVITY, purpose: PRIVACY_PURPOSE, dataSubjectId: personId, details: { view: action === 'export' ? 'export' : 'person-data' } },
      ...first.cases.map((c) => ({ action, activity: PRIVACY_ACTIVITY, purpose: PRIVACY_PURPOSE, caseId: c.id, dataSubjectId: personId, details: { object: 'case' } })),
      ...first.registrations.filter((r) => !r.caseId).map((r) => ({ action, activity: PRIVACY_ACTIVITY, purpose: PRIVACY_PURPOSE, registrationId: r.id, dataSubjectId: personId, details: { object: 'registration' } })),
    ];
    await logProcessing(ctx, entries, tx);
    return (await collect(ctx, tx, personId))!;
  });
}

/** Persons matching a name, BSN or birth date, for the privacy officer (each hit a logged read). */
export async function findPersons(ctx: Ctx, q: string) {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'privacy.manage', 'Alleen de privacyfunctionaris');
  const term = q.trim();
  const list = await rows<{ id: string; firstName: string; lastName: string; birthDate: string | null; municipality: string | null; registrations: number; cases: number; anonymisedAt: string | null }>(ctx.db, sql`
    select p.id, p.first_name as "firstName", p.last_name as "lastName", p.birth_date as "birthDate", p.municipality_code as municipality,
           (select count(*) from registrations r where r.person_id = p.id)::int as registrations,
           (select count(*) from cases c where c.person_id = p.id)::int as cases, p.anonymised_at as "anonymisedAt"
      from persons p
     where p.tenant_id = ${ctx.actor.tenantId} and p.merged_into is null
       and (p.first_name || ' ' || p.last_name ilike ${'%' + term + '%'} or p.bsn = ${term} or p.birth_date::text = ${term})
     order by p.last_name, p.first_name limit 50`);
  await logProcessing(ctx, list.map((p) => ({ action: 'read' as const, activity: PRIVACY_ACTIVITY, purpose: PRIVACY_PURPOSE, dataSubjectId: p.id, details: { view: 'search' } })));
  return list;
}

/** The export with the tenant's name, for the readable PDF. */
export async function personExportWithTenant(ctx: Ctx, personId: string): Promise<{ data: PersonData; tenantName: string }> {
  const data = await personData(ctx, personId, { action: 'export' });
  const tenant = await one<{ name: string }>(ctx.db, sql`select name from tenants where id = ${ctx.actor.tenantId}`);
  return { data, tenantName: tenant?.name ?? 'Zorg- en Veiligheidshuis' };
}
