// SPDX-License-Identifier: EUPL-1.2
// Informatieknooppunt (issue 10): the informatiemakelaar answers information requests
// (registrations of kind `informatievraag`) after looking the person up, and the ZVH asks partners
// questions (verrijking) on a registration or a case. Need-to-know:
// - an information request and its answer are seen by the ZVH and the registering partner only
//   (registrationVisibleTo); the answer names organisations and a contact, no case content;
// - a question to a partner is seen by the asked organisation (for a municipal partner: its
//   department of the subject's municipality) and the ZVH; its answer on a case reaches the case's
//   participants (caseVisibleTo), on a registration the ZVH only.
// Every read and write is logged with logProcessing; refusals answer 404 and are logged as denied.
import type { Ctx } from '../../core/context.js';
import { isZvhStaff } from '../../core/context.js';
import type { Executor } from '../../core/db/index.js';
import { one, rows, sql, transaction } from '../../core/db/index.js';
import { caseMunicipality, loadVisibleCase, ownDepartment, refuse, registrationVisibleTo, requirePermission, requireZvh } from '../../core/access.js';
import { ConflictError, ValidationError } from '../../core/errors.js';
import { logProcessing } from '../../core/processing-log.js';
import { recordEvent } from '../../core/case-events.js';
import { transition } from '../../core/workflow.js';
import { FieldChecker, loadCodeSets, today } from '../../core/reference-check.js';
import type { Status } from '@zvh/shared';
import { REGISTRATION_PURPOSE, pgArray } from '../aanmelding/service.js';

export const ACTIVITY = 'informatieknooppunt';
/** The purpose under which an information request is handled (the request's own reason says why the partner asks). */
export const INFORMATION_PURPOSE = 'Informatieknooppunt: een informatievraag van een partner beantwoorden (welke organisaties zijn betrokken, wie is contactpersoon)';

export const PARTNER_REQUEST_STATUSES = ['open', 'beantwoord', 'geen-informatie', 'geweigerd'] as const;
export type PartnerRequestStatus = (typeof PARTNER_REQUEST_STATUSES)[number];

// ---------------------------------------------------------------------------------------------
// Information requests

export interface InformationRequestItem {
  id: string; status: string; registeredAt: string; municipality: string; registeringPartner: string; registeringPartnerName: string;
  registeredByName: string | null; urgency: string; reason: string; subjectId: string; subjectName: string; subjectBirthDate: string | null;
  waitingWorkdays: number; openPartnerRequests: number; answeredPartnerRequests: number; answeredAt: string | null;
}

/** The informatiemakelaar's inbox: information requests of the tenant, open ones (aangemeld, in triage) or answered ones. */
export async function listInformationRequests(ctx: Ctx, filter: { status?: 'open' | 'beantwoord' | 'alle' } = {}): Promise<InformationRequestItem[]> {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'informationRequest.answer');
  const which = filter.status ?? 'open';
  const statusCond = which === 'open' ? sql`and r.status in ('aangemeld', 'in_triage')`
    : which === 'beantwoord' ? sql`and r.status = 'beantwoord'` : sql``;
  const list = await rows<InformationRequestItem>(ctx.db, sql`
    select r.id, r.status, r.registered_at as "registeredAt", r.municipality_code as municipality, r.registering_partner as "registeringPartner",
           coalesce((select o.name from organisations o where o.tenant_id = r.tenant_id and o.code = r.registering_partner), r.registering_partner) as "registeringPartnerName",
           (select u.name from users u where u.id = r.registered_by) as "registeredByName", r.urgency, r.reason,
           p.id as "subjectId", p.first_name || ' ' || p.last_name as "subjectName", p.birth_date as "subjectBirthDate",
           zvh_workdays(r.registered_at, current_date) as "waitingWorkdays",
           (select count(*) from partner_requests pr where pr.registration_id = r.id and pr.status = 'open')::int as "openPartnerRequests",
           (select count(*) from partner_requests pr where pr.registration_id = r.id and pr.status <> 'open')::int as "answeredPartnerRequests",
           (select ia.answered_at from information_answers ia where ia.registration_id = r.id) as "answeredAt"
      from registrations r join persons p on p.id = r.person_id
     where ${registrationVisibleTo(ctx.actor)} and r.kind = 'informatievraag' ${statusCond}
     order by case r.urgency when 'acuut' then 0 when 'hoog' then 1 else 2 end, r.registered_at, r.created_at
     limit 500`);
  await logProcessing(ctx, list.map((r) => ({
    action: 'read' as const, activity: ACTIVITY, purpose: INFORMATION_PURPOSE, registrationId: r.id, dataSubjectId: r.subjectId, details: { view: 'inbox' },
  })));
  return list;
}

interface RequestRow { id: string; status: Status; kind: string; personId: string; tenantId: string; municipality: string }

async function loadInformationRequest(ctx: Ctx, ex: Executor, id: string, lock = false): Promise<RequestRow> {
  const r = await one<RequestRow>(ex, sql`
    select r.id, r.status, r.kind, r.person_id as "personId", r.tenant_id as "tenantId", r.municipality_code as municipality
      from registrations r where r.id = ${id} and ${registrationVisibleTo(ctx.actor)} ${lock ? sql`for update` : sql``}`);
  if (!r) return refuse(ctx, { object: 'registration', id, action: lock ? 'update' : 'read', message: 'Aanmelding niet gevonden', ex });
  if (r.kind !== 'informatievraag') throw new ConflictError('not_information_request', 'Deze aanmelding is geen informatievraag');
  return r;
}

/**
 * The informatiemakelaar's look-up of the person an information request is about: the person's
 * other registrations and cases, which organisations take part, and who directs each case. For the
 * ZVH's own analysis only (the answer to the partner is written by the informatiemakelaar).
 */
export async function lookupInformationRequest(ctx: Ctx, id: string) {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'informationRequest.answer');
  const r = await loadInformationRequest(ctx, ctx.db, id);
  const person = await one<{ id: string; firstName: string; lastName: string; birthDate: string | null; bsn: string | null; municipality: string | null }>(ctx.db, sql`
    select p.id, p.first_name as "firstName", p.last_name as "lastName", p.birth_date as "birthDate", p.bsn, p.municipality_code as municipality
      from persons p where p.id = ${r.personId}`);
  const registrations = await rows<Record<string, unknown>>(ctx.db, sql`
    select r2.id, r2.kind, r2.status, r2.registered_at as "registeredAt", r2.registering_partner as "registeringPartner",
           coalesce((select o.name from organisations o where o.tenant_id = r2.tenant_id and o.code = r2.registering_partner), r2.registering_partner) as "registeringPartnerName"
      from registrations r2
     where r2.tenant_id = ${ctx.actor.tenantId} and r2.person_id = ${r.personId} and r2.id <> ${id}
     order by r2.registered_at desc`);
  const cases = await rows<{ id: string } & Record<string, unknown>>(ctx.db, sql`
    select c.id, c.case_number as "caseNumber", c.kind, c.status, c.started_at as "startedAt", c.closed_at as "closedAt",
           (select u.name from users u where u.id = c.regisseur_id) as "regisseurName",
           (select u.email from users u where u.id = c.regisseur_id) as "regisseurEmail",
           coalesce((select json_agg(json_build_object('code', cp.partner_code, 'name', coalesce(o.name, cp.partner_code)) order by o.name)
              from case_participants cp left join organisations o on o.tenant_id = c.tenant_id and o.code = cp.partner_code
             where cp.case_id = c.id and cp.removed_at is null), '[]'::json) as participants
      from cases c
     where c.tenant_id = ${ctx.actor.tenantId} and c.person_id = ${r.personId}
     order by c.started_at desc nulls last`);
  await logProcessing(ctx, [
    { action: 'read', activity: ACTIVITY, purpose: INFORMATION_PURPOSE, registrationId: id, dataSubjectId: r.personId, details: { view: 'lookup' } },
    ...cases.map((c) => ({ action: 'read' as const, activity: ACTIVITY, purpose: INFORMATION_PURPOSE, caseId: c.id, dataSubjectId: r.personId, details: { view: 'lookup', informationRequest: id } })),
  ]);
  return { person, registrations, cases };
}

export interface AnswerInput { answer: string; organisations?: string[]; contact?: string | null }

/** Records the informatiemakelaar's answer and closes the information request (status beantwoord). */
export async function answerInformationRequest(ctx: Ctx, id: string, input: AnswerInput): Promise<{ status: Status }> {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'informationRequest.answer', 'Alleen de informatiemakelaar beantwoordt informatievragen');
  const answer = input.answer.trim();
  const c = new FieldChecker(await loadCodeSets(ctx.db, ctx.actor.tenantId));
  if (!answer) c.add('answer', 'Verplicht');
  c.partners('organisations', input.organisations);
  c.throwIfAny();
  return transaction(ctx.db, async (tx) => {
    const r = await loadInformationRequest(ctx, tx, id, true);
    const status = transition(r.status, 'beantwoorden');
    await tx.execute(sql`insert into information_answers (registration_id, tenant_id, answer, organisations, contact, answered_by)
      values (${id}, ${r.tenantId}, ${answer}, ${pgArray(input.organisations ?? [])}::text[], ${input.contact?.trim() || null}, ${ctx.actor.userId})`);
    await tx.execute(sql`update registrations set status = ${status}, updated_at = now(), version = version + 1 where id = ${id}`);
    await recordEvent(ctx, tx, { registrationId: id, type: 'information_answered', data: { organisations: input.organisations ?? [] } });
    await logProcessing(ctx, { action: 'update', activity: ACTIVITY, purpose: INFORMATION_PURPOSE, registrationId: id, dataSubjectId: r.personId, details: { answered: true, status } }, tx);
    return { status };
  });
}

// ---------------------------------------------------------------------------------------------
// Questions to partners (verrijking)

export interface PartnerRequestInput { partner: string; question?: string; questionCode?: string | null; dueDate: string }

/** A real YYYY-MM-DD calendar day (2030-02-30 is not one). */
function isCalendarDate(d: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const parsed = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === d;
}

async function checkRequest(ctx: Ctx, input: PartnerRequestInput): Promise<{ question: string; questionCode: string | null }> {
  const c = new FieldChecker(await loadCodeSets(ctx.db, ctx.actor.tenantId));
  c.partner('partner', input.partner);
  c.code('questionCode', 'partnerQuestion', input.questionCode);
  let question = input.question?.trim() ?? '';
  if (!question && input.questionCode) {
    const label = await one<{ label: string }>(ctx.db, sql`select label from code_list_entries
      where tenant_id = ${ctx.actor.tenantId} and list = 'partnerQuestion' and code = ${input.questionCode} and active`);
    question = label?.label ?? '';
  }
  if (!question) c.add('question', 'Geef een vraag op of kies er een uit de catalogus');
  if (!isCalendarDate(input.dueDate)) c.add('dueDate', 'Ongeldige datum');
  else if (input.dueDate < today()) c.add('dueDate', 'De termijn kan niet in het verleden liggen');
  c.throwIfAny();
  return { question, questionCode: input.questionCode || null };
}

/** Asks a partner a question about a running case (ZVH: informatiemakelaar or procesregisseur). */
export async function askOnCase(ctx: Ctx, caseId: string, input: PartnerRequestInput): Promise<{ id: string }> {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'partnerRequest.ask');
  const q = await checkRequest(ctx, input);
  return transaction(ctx.db, async (tx) => {
    const kase = await loadVisibleCase(ctx, caseId, { write: true, ex: tx });
    const m = await one<{ municipality: string }>(tx, sql`select ${caseMunicipality} as municipality from cases c where c.id = ${caseId}`);
    const created = await one<{ id: string }>(tx, sql`insert into partner_requests
      (tenant_id, case_id, partner_code, municipality_code, question_code, question, due_date, asked_by)
      values (${ctx.actor.tenantId}, ${caseId}, ${input.partner}, ${m!.municipality}, ${q.questionCode}, ${q.question}, ${input.dueDate}, ${ctx.actor.userId})
      returning id`);
    await recordEvent(ctx, tx, { caseId, type: 'partner_request_asked', data: { partner: input.partner, requestId: created!.id } });
    await logProcessing(ctx, { action: 'create', activity: ACTIVITY, purpose: kase.purpose, caseId, dataSubjectId: kase.personId, details: { partnerRequest: created!.id, partner: input.partner } }, tx);
    return { id: created!.id };
  });
}

/** Asks a partner a question about a registration in triage or an information request. */
export async function askOnRegistration(ctx: Ctx, registrationId: string, input: PartnerRequestInput): Promise<{ id: string }> {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'partnerRequest.ask');
  const q = await checkRequest(ctx, input);
  return transaction(ctx.db, async (tx) => {
    const r = await one<{ id: string; status: Status; kind: string; personId: string; municipality: string }>(tx, sql`
      select r.id, r.status, r.kind, r.person_id as "personId", r.municipality_code as municipality
        from registrations r where r.id = ${registrationId} and ${registrationVisibleTo(ctx.actor)} for update`);
    if (!r) return refuse(ctx, { object: 'registration', id: registrationId, action: 'update', message: 'Aanmelding niet gevonden', ex: tx });
    if (!['aangemeld', 'in_triage'].includes(r.status)) {
      throw new ConflictError('registration_decided', 'Over deze aanmelding is al besloten; stel vragen over een lopende casus op de casus zelf');
    }
    const created = await one<{ id: string }>(tx, sql`insert into partner_requests
      (tenant_id, registration_id, partner_code, municipality_code, question_code, question, due_date, asked_by)
      values (${ctx.actor.tenantId}, ${registrationId}, ${input.partner}, ${r.municipality}, ${q.questionCode}, ${q.question}, ${input.dueDate}, ${ctx.actor.userId})
      returning id`);
    await recordEvent(ctx, tx, { registrationId, type: 'partner_request_asked', data: { partner: input.partner, requestId: created!.id } });
    await logProcessing(ctx, {
      action: 'create', activity: ACTIVITY, purpose: r.kind === 'informatievraag' ? INFORMATION_PURPOSE : REGISTRATION_PURPOSE,
      registrationId, dataSubjectId: r.personId, details: { partnerRequest: created!.id, partner: input.partner },
    }, tx);
    return { id: created!.id };
  });
}

export interface PartnerRequestItem {
  id: string; partner: string; partnerName: string; questionCode: string | null; question: string; dueDate: string; askedAt: Date;
  askedByName: string | null; status: PartnerRequestStatus; answer: string | null; refusalReason: string | null;
  answeredAt: Date | null; answeredByName: string | null; overdue: boolean;
  subject: { firstName: string; lastName: string; birthDate: string | null };
  caseId?: string | null; caseNumber?: string | null; registrationId?: string | null;
  /** internal: for the processing log, never sent */
  personId?: string; purpose?: string; logCaseId?: string | null; logRegistrationId?: string | null;
}

/** The columns of a question (aliased `pr`) with its person `p` and, for ZVH staff, where it was asked. */
function requestColumns(zvh: boolean) {
  return sql`pr.id, pr.partner_code as partner,
    coalesce((select o.name from organisations o where o.tenant_id = pr.tenant_id and o.code = pr.partner_code), pr.partner_code) as "partnerName",
    pr.question_code as "questionCode", pr.question, pr.due_date as "dueDate", pr.asked_at as "askedAt",
    (select u.name from users u where u.id = pr.asked_by) as "askedByName", pr.status, pr.answer, pr.refusal_reason as "refusalReason",
    pr.answered_at as "answeredAt", (select u.name from users u where u.id = pr.answered_by) as "answeredByName",
    (pr.status = 'open' and pr.due_date < ${today()}::date) as overdue,
    json_build_object('firstName', p.first_name, 'lastName', p.last_name, 'birthDate', p.birth_date) as subject,
    p.id as "personId", coalesce(c.purpose, case when r.kind = 'informatievraag' then ${INFORMATION_PURPOSE} else ${REGISTRATION_PURPOSE} end) as purpose, pr.case_id as "logCaseId", pr.registration_id as "logRegistrationId"
    ${zvh ? sql`, pr.case_id as "caseId", c.case_number as "caseNumber", pr.registration_id as "registrationId"` : sql``}`;
}

const requestFrom = sql`partner_requests pr
  left join cases c on c.id = pr.case_id
  left join registrations r on r.id = pr.registration_id
  join persons p on p.id = coalesce(c.person_id, r.person_id)`;

/** Condition on a `partner_requests` row aliased `pr`: is it asked of the actor's organisation (department)? */
export function requestAskedOf(ctx: Ctx) {
  return ownDepartment(ctx.actor, sql`pr.partner_code`, sql`pr.municipality_code`);
}

function logReads(ctx: Ctx, list: PartnerRequestItem[], view: string) {
  return logProcessing(ctx, list.map((q) => ({
    action: 'read' as const, activity: ACTIVITY, purpose: q.purpose ?? REGISTRATION_PURPOSE, caseId: q.logCaseId ?? null, registrationId: q.logRegistrationId ?? null,
    dataSubjectId: q.personId ?? null, details: { view, partnerRequest: q.id },
  })));
}

const strip = (list: PartnerRequestItem[]) => list.map(({ personId: _p, purpose: _u, logCaseId: _c, logRegistrationId: _r, ...rest }) => rest);

/**
 * The inbox: a partner professional sees the questions asked of their own organisation
 * (department) only; ZVH staff see all questions of the tenant.
 */
export async function listPartnerRequests(ctx: Ctx, filter: { status?: PartnerRequestStatus; mine?: boolean } = {}) {
  requirePermission(ctx.actor, 'partnerRequest.read');
  const zvh = isZvhStaff(ctx.actor);
  const list = await rows<PartnerRequestItem>(ctx.db, sql`
    select ${requestColumns(zvh)} from ${requestFrom}
     where pr.tenant_id = ${ctx.actor.tenantId} and ${zvh ? sql`true` : requestAskedOf(ctx)}
       ${filter.status ? sql`and pr.status = ${filter.status}` : sql``}
       ${zvh && filter.mine ? sql`and pr.asked_by = ${ctx.actor.userId}` : sql``}
     order by (pr.status = 'open') desc, pr.due_date, pr.asked_at
     limit 500`);
  // the partner's own read of the data subject is logged, ZVH or partner alike
  await logReads(ctx, list, 'inbox');
  return strip(list);
}

/** The questions and answers on a case: for whoever may see the case (its participants and the ZVH). */
export async function listCaseRequests(ctx: Ctx, caseId: string) {
  await loadVisibleCase(ctx, caseId);
  const zvh = isZvhStaff(ctx.actor);
  const list = await rows<PartnerRequestItem>(ctx.db, sql`
    select ${requestColumns(zvh)} from ${requestFrom}
     where pr.case_id = ${caseId} and pr.tenant_id = ${ctx.actor.tenantId}
     order by pr.asked_at`);
  await logReads(ctx, list, 'case');
  return strip(list);
}

/** The questions and answers on a registration: for the ZVH only. */
export async function listRegistrationRequests(ctx: Ctx, registrationId: string) {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'partnerRequest.ask');
  const r = await one<{ id: string }>(ctx.db, sql`select r.id from registrations r where r.id = ${registrationId} and ${registrationVisibleTo(ctx.actor)}`);
  if (!r) return refuse(ctx, { object: 'registration', id: registrationId, message: 'Aanmelding niet gevonden' });
  const list = await rows<PartnerRequestItem>(ctx.db, sql`
    select ${requestColumns(true)} from ${requestFrom}
     where pr.registration_id = ${registrationId} and pr.tenant_id = ${ctx.actor.tenantId}
     order by pr.asked_at`);
  await logReads(ctx, list, 'registration');
  return strip(list);
}

export interface PartnerAnswerInput { answer?: string | null; noInformation?: boolean; refusalReason?: string | null }

/** The asked organisation answers, says it has no information, or declines with a reason. Once. */
export async function answerPartnerRequest(ctx: Ctx, id: string, input: PartnerAnswerInput): Promise<{ status: PartnerRequestStatus }> {
  requirePermission(ctx.actor, 'partnerRequest.answer');
  const answer = input.answer?.trim() || null;
  const reason = input.refusalReason?.trim() || null;
  const chosen = [answer !== null, input.noInformation === true, reason !== null].filter(Boolean).length;
  if (chosen !== 1) {
    throw new ValidationError('Geef een antwoord, meld dat er geen informatie is, of weiger met een reden (precies één)', [
      { field: 'answer', message: 'Precies één van answer, noInformation of refusalReason' },
    ]);
  }
  const status: PartnerRequestStatus = answer !== null ? 'beantwoord' : reason !== null ? 'geweigerd' : 'geen-informatie';
  return transaction(ctx.db, async (tx) => {
    const q = await one<{ id: string; status: string; caseId: string | null; registrationId: string | null; personId: string; purpose: string | null }>(tx, sql`
      select pr.id, pr.status, pr.case_id as "caseId", pr.registration_id as "registrationId", p.id as "personId", c.purpose
        from ${requestFrom}
       where pr.id = ${id} and pr.tenant_id = ${ctx.actor.tenantId} and ${isZvhStaff(ctx.actor) ? sql`false` : requestAskedOf(ctx)}
       for update of pr`);
    if (!q) return refuse(ctx, { object: 'partnerRequest', id, action: 'update', message: 'Vraag niet gevonden', ex: tx });
    if (q.status !== 'open') throw new ConflictError('already_answered', 'Deze vraag is al beantwoord');
    await tx.execute(sql`update partner_requests set status = ${status}, answer = ${answer}, refusal_reason = ${reason},
      answered_by = ${ctx.actor.userId}, answered_at = now() where id = ${id}`);
    await recordEvent(ctx, tx, { caseId: q.caseId, registrationId: q.registrationId, type: 'partner_request_answered', data: { requestId: id, status } });
    await logProcessing(ctx, {
      action: 'update', activity: ACTIVITY, purpose: q.purpose ?? REGISTRATION_PURPOSE, caseId: q.caseId, registrationId: q.registrationId,
      dataSubjectId: q.personId, details: { partnerRequest: id, status },
    }, tx);
    return { status };
  });
}
