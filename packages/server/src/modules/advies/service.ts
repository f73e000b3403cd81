// SPDX-License-Identifier: EUPL-1.2
// Advies- en expertisecentrum (issue 10): an advice case records the question, the advice given,
// the time spent and the follow-up. It is opened by triage (outcome `advies`) or directly as an
// advice question, which may be anonymous (no person, no municipality). The follow-up either
// leaves the direction with the registrant (the case closes) or turns the case, in one step, into
// a new aanmelding for procesregie that points back at it (workflow action `naar_procesregie`).
// How that counts in annual-report.md's terms: docs/advies.md.
import type { Status } from '@zvh/shared';
import type { Ctx } from '../../core/context.js';
import { one, rows, sql, transaction } from '../../core/db/index.js';
import { ConflictError, ValidationError } from '../../core/errors.js';
import { FieldChecker, loadCodeSets, today } from '../../core/reference-check.js';
import { transition } from '../../core/workflow.js';
import { recordEvent } from '../../core/case-events.js';
import { logProcessing } from '../../core/processing-log.js';
import { caseVisibleTo, loadVisibleCase, requirePermission, requireZvh } from '../../core/access.js';
import type { PersonInput } from '../aanmelding/service.js';
import { REGISTRATION_PURPOSE, findOrCreatePerson } from '../aanmelding/service.js';

export const ADVICE_ACTIVITY = 'advies';
export const ADVICE_PURPOSE = 'Advies en expertise: de aanmelder adviseren; de regie blijft bij de aanmelder';

export interface AdviceQuestionInput {
  question: string;
  registeringPartner: string;
  municipality?: string | null;
  subject?: PersonInput | null;
  purpose?: string;
}

export interface AdviceRecord {
  caseId: string; caseNumber: string | null; status: Status; registeredAt: string; registeringPartner: string; municipality: string | null;
  subjectName: string | null; anonymous: boolean; question: string; advice: string | null; minutesSpent: number;
  followUp: 'aanmelder' | 'procesregie' | null; followUpRegistrationId: string | null; closedAt: string | null;
}

const recordColumns = sql`c.id as "caseId", c.case_number as "caseNumber", c.status, r.registered_at::text as "registeredAt",
  r.registering_partner as "registeringPartner", r.municipality_code as municipality,
  case when p.id is null then null else p.first_name || ' ' || p.last_name end as "subjectName",
  (c.person_id is null) as anonymous, coalesce(a.question, r.reason) as question, a.advice, coalesce(a.minutes_spent, 0) as "minutesSpent",
  a.follow_up as "followUp", a.follow_up_registration_id as "followUpRegistrationId", c.closed_at::text as "closedAt",
  c.person_id as "personId", c.registration_id as "registrationId", c.purpose`;
const recordFrom = sql`from cases c join registrations r on r.id = c.registration_id left join persons p on p.id = c.person_id
  left join advice_records a on a.case_id = c.id`;

type Row = AdviceRecord & { personId: string | null; registrationId: string; purpose: string };
const strip = ({ personId: _p, registrationId: _r, purpose: _u, ...rest }: Row): AdviceRecord => rest;

/** A direct advice question: a registration and an advice case at once; anonymous without subject. */
export async function createAdviceQuestion(ctx: Ctx, input: AdviceQuestionInput): Promise<{ caseId: string; registrationId: string }> {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'advice.record');
  const c = new FieldChecker(await loadCodeSets(ctx.db, ctx.actor.tenantId));
  if (!input.question.trim()) c.add('question', 'Leg de adviesvraag vast');
  c.partner('registeringPartner', input.registeringPartner);
  if (input.municipality) c.municipality('municipality', input.municipality);
  if (input.subject) {
    c.notFuture('subject.birthDate', input.subject.birthDate);
    if (input.subject.gender) c.code('subject.gender', 'gender', input.subject.gender);
  }
  c.throwIfAny();
  const purpose = input.purpose?.trim() || ADVICE_PURPOSE;
  return transaction(ctx.db, async (tx) => {
    const person = input.subject ? await findOrCreatePerson(ctx, tx, input.subject, input.municipality ?? null) : null;
    // the registration takes the table's steps: aangemeld -> advies
    const status = transition('aangemeld', 'advies');
    const reg = await one<{ id: string }>(tx, sql`insert into registrations (tenant_id, kind, status, municipality_code, registering_partner, registered_by,
        registered_at, person_id, reason, triage)
      values (${ctx.actor.tenantId}, 'advies', ${status}, ${input.municipality ?? null}, ${input.registeringPartner}, ${ctx.actor.userId},
        ${today()}, ${person?.id ?? null}, ${input.question.trim()}, ${JSON.stringify({ outcome: 'advies', direct: true, triagedBy: ctx.actor.userId, triagedByName: ctx.actor.name, triagedAt: new Date().toISOString() })}::jsonb)
      returning id`);
    const registrationId = reg!.id;
    const created = await one<{ id: string }>(tx, sql`insert into cases (tenant_id, registration_id, person_id, kind, status, purpose, regisseur_id, plan)
      values (${ctx.actor.tenantId}, ${registrationId}, ${person?.id ?? null}, 'advies', ${status}, ${purpose}, ${ctx.actor.userId}, ${JSON.stringify({ analysis: [], goals: [] })}::jsonb)
      returning id`);
    const caseId = created!.id;
    await tx.execute(sql`update registrations set case_id = ${caseId} where id = ${registrationId}`);
    // the registrant takes part (direction stays with them); a municipal partner as the department of the municipality
    await tx.execute(sql`insert into case_participants (tenant_id, case_id, partner_code, municipality_code, added_by, add_reason)
      select ${ctx.actor.tenantId}, ${caseId}, o.code, case when o.municipal then ${input.municipality ?? null}::text end, ${ctx.actor.userId}, 'adviesvraag'
        from organisations o where o.tenant_id = ${ctx.actor.tenantId} and o.code = ${input.registeringPartner}`);
    await tx.execute(sql`insert into advice_records (case_id, tenant_id, question, anonymous, updated_by)
      values (${caseId}, ${ctx.actor.tenantId}, ${input.question.trim()}, ${!person}, ${ctx.actor.userId})`);
    await recordEvent(ctx, tx, { registrationId, type: 'registered', data: { kind: 'advies', direct: true } });
    await recordEvent(ctx, tx, { caseId, registrationId, type: 'case_opened', data: { kind: 'advies', anonymous: !person, participants: [input.registeringPartner] } });
    await logProcessing(ctx, { action: 'create', activity: ADVICE_ACTIVITY, purpose, caseId, registrationId, dataSubjectId: person?.id ?? null, details: { anonymous: !person } }, tx);
    return { caseId, registrationId };
  });
}

/** The advice cases of the tenant (ZVH staff), newest first. */
export async function listAdvice(ctx: Ctx, f: { open?: boolean } = {}): Promise<AdviceRecord[]> {
  requireZvh(ctx.actor);
  const list = await rows<Row>(ctx.db, sql`select ${recordColumns} ${recordFrom}
    where c.kind = 'advies' and ${caseVisibleTo(ctx.actor)} ${f.open ? sql`and c.status = 'advies'` : sql``}
    order by r.registered_at desc, c.created_at desc limit 500`);
  await logProcessing(ctx, list.map((a) => ({
    action: 'read' as const, activity: ADVICE_ACTIVITY, purpose: a.purpose, caseId: a.caseId, registrationId: a.registrationId, dataSubjectId: a.personId, details: { view: 'advice-list' },
  })));
  return list.map(strip);
}

async function loadAdviceCase(ctx: Ctx, caseId: string, write: boolean, ex = ctx.db) {
  const ref = await loadVisibleCase(ctx, caseId, { write, lock: write, ex });
  if (ref.kind !== 'advies') throw new ConflictError('not_advice', 'Dit is geen adviescasus');
  return ref;
}

export async function getAdvice(ctx: Ctx, caseId: string): Promise<AdviceRecord> {
  const ref = await loadAdviceCase(ctx, caseId, false);
  const a = await one<Row>(ctx.db, sql`select ${recordColumns} ${recordFrom} where c.id = ${caseId}`);
  await logProcessing(ctx, { action: 'read', activity: ADVICE_ACTIVITY, purpose: ref.purpose, caseId, registrationId: ref.registrationId, dataSubjectId: ref.personId, details: { object: 'advice' } });
  return strip(a!);
}

export async function recordAdvice(ctx: Ctx, caseId: string, input: { question: string; advice: string | null; minutesSpent: number }): Promise<AdviceRecord> {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'advice.record');
  if (!input.question.trim()) throw new ValidationError('Ongeldige invoer', [{ field: 'question', message: 'Leg de adviesvraag vast' }]);
  await transaction(ctx.db, async (tx) => {
    const ref = await loadAdviceCase(ctx, caseId, true, tx);
    await tx.execute(sql`insert into advice_records (case_id, tenant_id, question, advice, minutes_spent, anonymous, updated_by)
      values (${caseId}, ${ctx.actor.tenantId}, ${input.question.trim()}, ${input.advice?.trim() || null}, ${input.minutesSpent}, ${ref.personId === null}, ${ctx.actor.userId})
      on conflict (case_id) do update set question = excluded.question, advice = excluded.advice, minutes_spent = excluded.minutes_spent,
        updated_by = excluded.updated_by, updated_at = now()`);
    await recordEvent(ctx, tx, { caseId, type: 'advice_recorded', data: { minutesSpent: input.minutesSpent, adviceGiven: !!input.advice?.trim() } });
    await logProcessing(ctx, { action: 'update', activity: ADVICE_ACTIVITY, purpose: ref.purpose, caseId, registrationId: ref.registrationId, dataSubjectId: ref.personId, details: { object: 'advice' } }, tx);
  });
  return getAdvice(ctx, caseId);
}

export interface FollowUpInput { followUp: 'aanmelder' | 'procesregie'; reason?: string; mainTopic?: string | null; problemAreas?: string[] }

/**
 * The follow-up. `aanmelder`: the direction stays with the registrant and the advice case closes.
 * `procesregie`: in one step (one transaction) the advice case ends (`naar_procesregie`) and a new
 * aanmelding for procesregie is made for the same person, municipality and registrant, pointing
 * back at the advice case; it then goes through triage like every aanmelding.
 */
export async function adviceFollowUp(ctx: Ctx, caseId: string, input: FollowUpInput): Promise<{ status: Status; registrationId: string | null }> {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'advice.record');
  const c = new FieldChecker(await loadCodeSets(ctx.db, ctx.actor.tenantId));
  if (input.mainTopic) c.code('mainTopic', 'mainTopic', input.mainTopic);
  c.codes('problemAreas', 'problemArea', input.problemAreas);
  c.throwIfAny();
  return transaction(ctx.db, async (tx) => {
    const ref = await loadAdviceCase(ctx, caseId, true, tx);
    const advice = await one<{ advice: string | null; question: string | null }>(tx, sql`select a.advice, a.question from advice_records a where a.case_id = ${caseId}`);
    if (!advice?.advice) throw new ValidationError('Eerst het advies vastleggen', [{ field: 'advice', message: 'Leg het gegeven advies vast voor de opvolging' }]);
    const reg = await one<{ municipality_code: string | null; registering_partner: string; reason: string }>(tx, sql`
      select municipality_code, registering_partner, reason from registrations where id = ${ref.registrationId}`);
    let registrationId: string | null = null;
    let status: Status;
    if (input.followUp === 'aanmelder') {
      status = transition(ref.status, 'close');
      await tx.execute(sql`update cases set status = ${status}, closed_at = ${today()}, close_reason_code = 'overig',
          close_reason = 'Advies gegeven; de regie blijft bij de aanmelder', version = version + 1, updated_at = now() where id = ${caseId}`);
    } else {
      if (!ref.personId || !reg!.municipality_code) {
        throw new ValidationError('Een anonieme adviesvraag kan geen aanmelding voor procesregie worden', [
          { field: 'followUp', message: 'Meld de persoon aan met naam en gemeente: procesregie vraagt een persoon en een gemeente' }]);
      }
      status = transition(ref.status, 'naar_procesregie');
      await tx.execute(sql`update cases set status = ${status}, closed_at = ${today()}, close_reason_code = 'overig',
          close_reason = 'Advies opgevolgd met een aanmelding voor procesregie', version = version + 1, updated_at = now() where id = ${caseId}`);
      const created = await one<{ id: string }>(tx, sql`insert into registrations (tenant_id, kind, status, municipality_code, registering_partner, registered_by,
          registered_at, person_id, main_topic, problem_areas, reason, from_advice_case_id)
        values (${ctx.actor.tenantId}, 'procesregie', 'aangemeld', ${reg!.municipality_code}, ${reg!.registering_partner}, ${ctx.actor.userId}, ${today()},
          ${ref.personId}, ${input.mainTopic ?? null}, ${`{${(input.problemAreas ?? []).join(',')}}`}::text[],
          ${input.reason?.trim() || `Opvolging van adviesvraag: ${advice.question ?? reg!.reason}`}, ${caseId})
        returning id`);
      registrationId = created!.id;
      await recordEvent(ctx, tx, { registrationId, type: 'registered', data: { kind: 'procesregie', fromAdviceCaseId: caseId } });
      await logProcessing(ctx, { action: 'create', activity: 'aanmelding', purpose: REGISTRATION_PURPOSE, registrationId, dataSubjectId: ref.personId, details: { fromAdviceCaseId: caseId } }, tx);
    }
    await tx.execute(sql`update registrations set status = ${status}, updated_at = now() where id = ${ref.registrationId}`);
    await tx.execute(sql`update advice_records set follow_up = ${input.followUp}, follow_up_registration_id = ${registrationId}, updated_at = now(), updated_by = ${ctx.actor.userId}
      where case_id = ${caseId}`);
    await recordEvent(ctx, tx, { caseId, type: 'advice_follow_up', data: { followUp: input.followUp, registrationId } });
    await recordEvent(ctx, tx, { caseId, type: 'closed', data: { reasonCode: 'overig', followUp: input.followUp } });
    await logProcessing(ctx, { action: 'update', activity: ADVICE_ACTIVITY, purpose: ref.purpose, caseId, registrationId: ref.registrationId, dataSubjectId: ref.personId, details: { followUp: input.followUp } }, tx);
    return { status, registrationId };
  });
}
