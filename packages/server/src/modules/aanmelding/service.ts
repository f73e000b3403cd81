// SPDX-License-Identifier: EUPL-1.2
// Aanmelding: a partner professional (or ZVH staff on their behalf) registers a case.
import { isValidBsn } from '@zvh/shared';
import type { Actor, Ctx, SystemActor } from '../../core/context.js';
import { isZvhStaff } from '../../core/context.js';
import type { Executor } from '../../core/db/index.js';
import { one, rows, sql, transaction } from '../../core/db/index.js';
import { FieldChecker, loadCodeSets, today } from '../../core/reference-check.js';
import { logProcessing } from '../../core/processing-log.js';
import { recordEvent } from '../../core/case-events.js';
import { PAGE_DEFAULT, toPage } from '../../core/paging.js';
import type { Page, PageRequest } from '../../core/paging.js';
import { departmentMunicipalities, refuse, registrationVisibleTo } from '../../core/access.js';

export const REGISTRATION_PURPOSE = 'Aanmelding en triage: beoordelen of en hoe het Zorg- en Veiligheidshuis ondersteunt';

export interface PersonInput { firstName: string; lastName: string; birthDate?: string | null; gender?: string; bsn?: string | null }
export interface RegistrationInput {
  kind: string;
  municipality: string;
  registeringPartner: string;
  subject: PersonInput;
  mainTopic?: string | null;
  problemAreas?: string[];
  reason: string;
  household?: (PersonInput & { relation: string })[];
  children?: string | null;
  crossesMunicipalityBorder?: boolean;
  tried?: string | null;
  involvedPartners?: string[];
  urgency?: string;
}

function checkPerson(c: FieldChecker, field: string, p: PersonInput) {
  if (p.bsn && !isValidBsn(p.bsn)) c.add(`${field}.bsn`, 'BSN voldoet niet aan de elfproef');
  c.notFuture(`${field}.birthDate`, p.birthDate);
  if (p.gender) c.code(`${field}.gender`, 'gender', p.gender);
}

/** Finds the person by BSN (one record per tenant) or creates a new one. */
export async function findOrCreatePerson(ctx: Ctx<Actor | SystemActor>, ex: Executor, p: PersonInput, municipality: string | null): Promise<{ id: string; known: boolean }> {
  const tenantId = ctx.actor.tenantId;
  if (p.bsn) {
    const found = await one<{ id: string }>(ex, sql`select id from persons where tenant_id = ${tenantId} and bsn = ${p.bsn} and merged_into is null`);
    if (found) return { id: found.id, known: true };
  }
  const created = await one<{ id: string }>(ex, sql`insert into persons (tenant_id, first_name, last_name, birth_date, gender, bsn, municipality_code)
    values (${tenantId}, ${p.firstName.trim()}, ${p.lastName.trim()}, ${p.birthDate ?? null}, ${p.gender ?? 'anders'}, ${p.bsn || null}, ${municipality})
    on conflict do nothing returning id`);
  if (created) return { id: created.id, known: false };
  // a concurrent registration made the same BSN a moment ago
  const again = await one<{ id: string }>(ex, sql`select id from persons where tenant_id = ${tenantId} and bsn = ${p.bsn ?? ''} and merged_into is null`);
  return { id: again!.id, known: true };
}

export async function createRegistration(ctx: Ctx, input: RegistrationInput): Promise<{ id: string; status: string }> {
  const { actor } = ctx;
  const sets = await loadCodeSets(ctx.db, actor.tenantId);
  const c = new FieldChecker(sets);
  c.code('kind', 'caseKind', input.kind, true);
  c.municipality('municipality', input.municipality);
  c.partner('registeringPartner', input.registeringPartner);
  // a partner professional registers for their own organisation only
  if (!isZvhStaff(actor) && input.registeringPartner !== actor.organisationCode) {
    c.add('registeringPartner', 'U kunt alleen namens uw eigen organisatie aanmelden');
  }
  // a municipal department registers for the municipalities it works for (it could not see anything else)
  const own = await departmentMunicipalities(ctx);
  if (own && !own.includes(input.municipality)) {
    c.add('municipality', 'U kunt alleen aanmelden voor de gemeente(n) waarvoor u werkt');
  }
  checkPerson(c, 'subject', input.subject);
  c.code('mainTopic', 'mainTopic', input.mainTopic, input.kind === 'procesregie');
  c.codes('problemAreas', 'problemArea', input.problemAreas);
  c.code('children', 'children', input.children);
  c.partners('involvedPartners', input.involvedPartners);
  if (input.urgency) c.code('urgency', 'urgency', input.urgency);
  input.household?.forEach((h, i) => { checkPerson(c, `household.${i}`, h); c.code(`household.${i}.relation`, 'relation', h.relation, true); });
  c.throwIfAny();

  return transaction(ctx.db, async (tx) => {
    const person = await findOrCreatePerson(ctx, tx, input.subject, input.municipality);
    const reg = await one<{ id: string; status: string }>(tx, sql`insert into registrations
      (tenant_id, kind, status, municipality_code, registering_partner, registered_by, registered_at, person_id, main_topic, problem_areas,
       children, crosses_municipality_border, tried, involved_partners, urgency, reason)
      values (${actor.tenantId}, ${input.kind}, 'aangemeld', ${input.municipality}, ${input.registeringPartner}, ${actor.userId}, ${today()},
       ${person.id}, ${input.mainTopic ?? null}, ${pgArray(input.problemAreas ?? [])}::text[], ${input.children ?? null},
       ${input.crossesMunicipalityBorder ?? false}, ${input.tried ?? null}, ${pgArray(input.involvedPartners ?? [])}::text[], ${input.urgency ?? 'normaal'}, ${input.reason})
      returning id, status`);
    const subjects = [person.id];
    for (const h of input.household ?? []) {
      const hp = await findOrCreatePerson(ctx, tx, h, input.municipality);
      if (hp.id === person.id) continue;
      subjects.push(hp.id);
      await tx.execute(sql`insert into registration_relations (registration_id, person_id, tenant_id, relation)
        values (${reg!.id}, ${hp.id}, ${actor.tenantId}, ${h.relation}) on conflict do nothing`);
    }
    await recordEvent(ctx, tx, { registrationId: reg!.id, type: 'registered', data: { kind: input.kind } });
    await logProcessing(ctx, subjects.map((s) => ({
      action: 'create' as const, activity: 'aanmelding', purpose: REGISTRATION_PURPOSE, registrationId: reg!.id, dataSubjectId: s,
    })), tx);
    return reg!;
  });
}

export const pgArray = (values: string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

export interface RegistrationListItem {
  id: string; kind: string; status: string; registeredAt: string; municipality: string; registeringPartner: string;
  urgency: string; subjectName: string; subjectId: string; caseId: string | null; outcome: string | null; waitingWorkdays: number;
}

const URGENCY_RANK = sql`case r.urgency when 'acuut' then 0 when 'hoog' then 1 else 2 end`;

/**
 * The registrations the actor may see, a page at a time (core/paging): most urgent first, then
 * the newest, sorted by the index registrations_list_idx; the total counts every match.
 */
export async function listRegistrations(ctx: Ctx, filter: { status?: string[] }, page: PageRequest = { limit: PAGE_DEFAULT }): Promise<Page<RegistrationListItem>> {
  const where = sql`${registrationVisibleTo(ctx.actor)}
       ${filter.status?.length ? sql`and r.status in (${sql.join(filter.status.map((s) => sql`${s}`), sql`, `)})` : sql``}`;
  const [rank, day, created, id] = (page.after ?? []) as [number, string, string, string];
  const [list, count] = await Promise.all([
    rows<RegistrationListItem & { rank: number; sortKey: string }>(ctx.db, sql`
    select r.id, r.kind, r.status, r.registered_at as "registeredAt", r.municipality_code as municipality, r.registering_partner as "registeringPartner",
           r.urgency, p.first_name || ' ' || p.last_name as "subjectName", p.id as "subjectId", r.case_id as "caseId", r.triage->>'outcome' as outcome,
           zvh_workdays(r.registered_at, current_date) as "waitingWorkdays",
           ${URGENCY_RANK} as rank, to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as "sortKey"
      from registrations r join persons p on p.id = r.person_id
     where ${where}
       ${page.after ? sql`and (${URGENCY_RANK} > ${rank}::int or (${URGENCY_RANK} = ${rank}::int
            and (r.registered_at, r.created_at, r.id) < (${day}::date, ${created}::timestamp at time zone 'UTC', ${id}::uuid)))` : sql``}
     order by ${URGENCY_RANK}, r.registered_at desc, r.created_at desc, r.id desc
     limit ${page.limit + 1}`),
    // the list's inner join with persons keeps exactly the rows with a person (a foreign key)
    one<{ n: number }>(ctx.db, sql`select count(*)::int as n from registrations r where r.person_id is not null and ${where}`),
  ]);
  const result = toPage(list, page.limit, count?.n ?? 0, (r) => [r.rank, r.registeredAt, r.sortKey, r.id]);
  await logProcessing(ctx, result.items.map((r) => ({
    action: 'read' as const, activity: 'aanmelding', purpose: REGISTRATION_PURPOSE, registrationId: r.id, dataSubjectId: r.subjectId, caseId: r.caseId, details: { view: 'list' },
  })));
  return { ...result, items: result.items.map(({ rank: _r, sortKey: _k, ...rest }) => rest) };
}

/** The cursor of listRegistrations: urgency rank, registration day, created (UTC, microseconds), id. */
export const REGISTRATION_CURSOR = ['number', 'string', 'string', 'string'] as const;

/** One registration. ZVH staff get everything including the person's earlier and running cases; the registrant's organisation gets its own submission and the outcome. */
export async function getRegistration(ctx: Ctx, id: string) {
  // the BSN is for the ZVH's staff only: left out in SQL for everyone else
  const zvh = isZvhStaff(ctx.actor);
  const r = await one<Record<string, any>>(ctx.db, sql`
    select r.id, r.kind, r.status, r.registered_at as "registeredAt", r.municipality_code as municipality, r.registering_partner as "registeringPartner",
           r.main_topic as "mainTopic", r.problem_areas as "problemAreas", r.children, r.crosses_municipality_border as "crossesMunicipalityBorder",
           r.tried, r.involved_partners as "involvedPartners", r.urgency, r.reason,
           ${zvh ? sql`r.triage` : sql`case when r.triage is null then null else jsonb_build_object('outcome', r.triage->'outcome', 'advice', r.triage->'advice',
             'referredTo', r.triage->'referredTo', 'triagedAt', r.triage->'triagedAt') end`} as triage,
           r.case_id as "caseId", r.version, r.created_at as "createdAt",
           (select ia.answer from information_answers ia where ia.registration_id = r.id) as answer,
           (select json_build_object('organisations', ia.organisations, 'contact', ia.contact, 'answeredAt', ia.answered_at${zvh ? sql`,
                   'answeredByName', (select u.name from users u where u.id = ia.answered_by)` : sql``})
              from information_answers ia where ia.registration_id = r.id) as "answerDetails",
           json_build_object('id', p.id, 'firstName', p.first_name, 'lastName', p.last_name, 'birthDate', p.birth_date, 'gender', p.gender${zvh ? sql`, 'bsn', p.bsn` : sql``}) as subject,
           (select u.name from users u where u.id = r.registered_by) as "registeredByName",
           coalesce((select json_agg(json_build_object('id', hp.id, 'firstName', hp.first_name, 'lastName', hp.last_name, 'birthDate', hp.birth_date,
                     'gender', hp.gender, 'relation', rr.relation) order by hp.last_name)
                from registration_relations rr join persons hp on hp.id = rr.person_id where rr.registration_id = r.id), '[]'::json) as household
      from registrations r join persons p on p.id = r.person_id
     where r.id = ${id} and ${registrationVisibleTo(ctx.actor)}`);
  if (!r) return refuse(ctx, { object: 'registration', id, message: 'Aanmelding niet gevonden' });
  const subjects = [r.subject.id, ...r.household.map((h: { id: string }) => h.id)];
  let history: unknown[] = [];
  if (zvh) {
    // a known person: show the regisseur the earlier and running cases during triage
    history = await rows(ctx.db, sql`
      select r2.id as "registrationId", r2.registered_at as "registeredAt", r2.kind, r2.status, c.id as "caseId", c.status as "caseStatus",
             c.started_at as "startedAt", c.closed_at as "closedAt", c.purpose
        from registrations r2 left join cases c on c.registration_id = r2.id
       where r2.tenant_id = ${ctx.actor.tenantId} and r2.person_id = ${r.subject.id} and r2.id <> ${id}
       order by r2.registered_at desc`);
  }
  // (the registrant is told the outcome, not the triage deliberation: chosen in the select above)
  await logProcessing(ctx, subjects.map((s) => ({
    action: 'read' as const, activity: 'aanmelding', purpose: REGISTRATION_PURPOSE, registrationId: id, caseId: r.caseId, dataSubjectId: s,
  })));
  return { ...r, history };
}
