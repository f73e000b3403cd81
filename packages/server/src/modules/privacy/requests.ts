// SPDX-License-Identifier: EUPL-1.2
// Data-subject requests (inzage, rectificatie, wissing, bezwaar) at the ZVH as the one contact
// point: a request there counts as a request to all joint controllers (Besluit WGS art. 1.1).
// Recorded with its received date and the one-month deadline (AVG art. 12 lid 3), a decision
// with reasons, forwarded to the participating partners whose data it concerns (they mark it
// handled), carried out through the normal flows (rectification: the person edit; erasure: the
// anonymisation of modules/privacy/retention), and released to the person (an export) only
// after a second ZVH person approved (four eyes). Every step is in the processing log.
import type { Ctx } from '../../core/context.js';
import { one, rows, sql, transaction } from '../../core/db/index.js';
import { requirePermission, requireZvh } from '../../core/access.js';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.js';
import { logProcessing } from '../../core/processing-log.js';
import { today } from '../../core/reference-check.js';
import { requestApproval } from '../goedkeuring/service.js';
import { PRIVACY_ACTIVITY, PRIVACY_PURPOSE } from './person-data.js';
import { erasePerson } from './retention.js';

export const REQUEST_KINDS = ['inzage', 'rectificatie', 'wissing', 'bezwaar'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export interface DataSubjectRequest {
  id: string; personId: string; personName: string; kind: RequestKind; receivedOn: string; deadline: string; overdue: boolean; description: string;
  status: 'open' | 'besloten' | 'uitgevoerd'; decision: 'toegewezen' | 'gedeeltelijk' | 'afgewezen' | null; decisionReasons: string | null; decidedAt: string | null;
  carriedOutAt: string | null; carriedOutNote: string | null; releaseApprovalId: string | null; releaseStatus: string | null; releasedAt: string | null;
  createdByName: string; version: number;
  forwards: { id: string; partnerCode: string; partnerName: string; forwardedAt: string; handledAt: string | null; handledByName: string | null; handledNote: string | null }[];
}

/** The deadline of AVG art. 12 lid 3: one month after receipt (31 January + 1 month = 28/29 February). */
export const deadlineSql = (received: string) => sql`(${received}::date + interval '1 month')::date`;

const SELECT = (on: string) => sql`select q.id, q.person_id as "personId", p.first_name || ' ' || p.last_name as "personName", q.kind,
    q.received_on as "receivedOn", q.deadline, (q.status = 'open' and q.deadline < ${on}::date) as overdue, q.description, q.status, q.decision,
    q.decision_reasons as "decisionReasons", q.decided_at as "decidedAt", q.carried_out_at as "carriedOutAt", q.carried_out_note as "carriedOutNote",
    q.release_approval_id as "releaseApprovalId", a.status as "releaseStatus", q.released_at as "releasedAt", q.created_by_name as "createdByName", q.version,
    coalesce((select json_agg(json_build_object('id', f.id, 'partnerCode', f.partner_code, 'partnerName', o.name, 'forwardedAt', f.forwarded_at,
        'handledAt', f.handled_at, 'handledByName', f.handled_by_name, 'handledNote', f.handled_note) order by f.partner_code)
      from data_subject_request_forwards f join organisations o on o.tenant_id = f.tenant_id and o.code = f.partner_code where f.request_id = q.id), '[]'::json) as forwards
  from data_subject_requests q join persons p on p.id = q.person_id left join approvals a on a.id = q.release_approval_id`;

function guard(ctx: Ctx) {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'privacy.manage', 'Alleen de privacyfunctionaris');
}

export async function listRequests(ctx: Ctx, on: string = today()): Promise<DataSubjectRequest[]> {
  guard(ctx);
  return rows<DataSubjectRequest>(ctx.db, sql`${SELECT(on)} where q.tenant_id = ${ctx.actor.tenantId} order by (q.status = 'open') desc, q.deadline, q.created_at`);
}

export async function getRequest(ctx: Ctx, id: string, on: string = today()): Promise<DataSubjectRequest> {
  guard(ctx);
  const r = await one<DataSubjectRequest>(ctx.db, sql`${SELECT(on)} where q.id = ${id} and q.tenant_id = ${ctx.actor.tenantId}`);
  if (!r) throw new NotFoundError('Verzoek niet gevonden');
  await logProcessing(ctx, { action: 'read', activity: PRIVACY_ACTIVITY, purpose: PRIVACY_PURPOSE, dataSubjectId: r.personId, details: { object: 'dataSubjectRequest', id } });
  return r;
}

export async function createRequest(ctx: Ctx, input: { personId: string; kind: RequestKind; receivedOn: string; description: string }): Promise<DataSubjectRequest> {
  guard(ctx);
  if (input.receivedOn > today()) throw new ValidationError('Ontvangstdatum ligt in de toekomst', [{ field: 'body.receivedOn', message: 'Niet later dan vandaag' }]);
  const id = await transaction(ctx.db, async (tx) => {
    const p = await one(tx, sql`select 1 from persons where id = ${input.personId} and tenant_id = ${ctx.actor.tenantId}`);
    if (!p) throw new ValidationError('Onbekende persoon', [{ field: 'body.personId', message: 'Persoon niet gevonden' }]);
    const row = await one<{ id: string }>(tx, sql`insert into data_subject_requests (tenant_id, person_id, kind, received_on, deadline, description, created_by, created_by_name)
      values (${ctx.actor.tenantId}, ${input.personId}, ${input.kind}, ${input.receivedOn}::date, ${deadlineSql(input.receivedOn)}, ${input.description.trim()},
              ${ctx.actor.userId}, ${ctx.actor.name}) returning id`);
    await logProcessing(ctx, { action: 'create', activity: PRIVACY_ACTIVITY, purpose: PRIVACY_PURPOSE, dataSubjectId: input.personId, details: { object: 'dataSubjectRequest', id: row!.id, kind: input.kind } }, tx);
    return row!.id;
  });
  return getRequest(ctx, id);
}

/** Forwards the request to every partner that takes or took part in one of the person's cases or registered them (joint controllers). */
export async function forwardRequest(ctx: Ctx, id: string): Promise<DataSubjectRequest> {
  guard(ctx);
  await transaction(ctx.db, async (tx) => {
    const q = await one<{ person_id: string }>(tx, sql`select person_id from data_subject_requests where id = ${id} and tenant_id = ${ctx.actor.tenantId} for update`);
    if (!q) throw new NotFoundError('Verzoek niet gevonden');
    const partners = await rows<{ code: string }>(tx, sql`
      select distinct cp.partner_code as code from case_participants cp join cases c on c.id = cp.case_id where c.tenant_id = ${ctx.actor.tenantId} and c.person_id = ${q.person_id}
      union select distinct r.registering_partner from registrations r where r.tenant_id = ${ctx.actor.tenantId} and r.person_id = ${q.person_id}`);
    const real = await rows<{ code: string }>(tx, sql`select code from organisations where tenant_id = ${ctx.actor.tenantId} and kind = 'partner'
      and code in (${partners.length ? sql.join(partners.map((p) => sql`${p.code}`), sql`, `) : sql`null`})`);
    for (const p of real) {
      await tx.execute(sql`insert into data_subject_request_forwards (tenant_id, request_id, partner_code) values (${ctx.actor.tenantId}, ${id}, ${p.code})
        on conflict (request_id, partner_code) do nothing`);
    }
    await logProcessing(ctx, { action: 'update', activity: PRIVACY_ACTIVITY, purpose: PRIVACY_PURPOSE, dataSubjectId: q.person_id,
      details: { object: 'dataSubjectRequest', id, forwardedTo: real.map((p) => p.code) } }, tx);
  });
  return getRequest(ctx, id);
}

export async function decideRequest(ctx: Ctx, id: string, input: { decision: 'toegewezen' | 'gedeeltelijk' | 'afgewezen'; reasons: string }): Promise<DataSubjectRequest> {
  guard(ctx);
  await transaction(ctx.db, async (tx) => {
    const q = await one<{ person_id: string; status: string }>(tx, sql`select person_id, status from data_subject_requests where id = ${id} and tenant_id = ${ctx.actor.tenantId} for update`);
    if (!q) throw new NotFoundError('Verzoek niet gevonden');
    if (q.status !== 'open') throw new ConflictError('already_decided', 'Over dit verzoek is al besloten');
    await tx.execute(sql`update data_subject_requests set status = 'besloten', decision = ${input.decision}, decision_reasons = ${input.reasons.trim()},
      decided_at = now(), decided_by = ${ctx.actor.userId}, version = version + 1 where id = ${id}`);
    await logProcessing(ctx, { action: 'update', activity: PRIVACY_ACTIVITY, purpose: PRIVACY_PURPOSE, dataSubjectId: q.person_id, details: { object: 'dataSubjectRequest', id, decision: input.decision } }, tx);
  });
  return getRequest(ctx, id);
}

/**
 * Carries out a granted request: erasure anonymises the person's records (retention service);
 * access asks a second person to approve releasing the export to the person (four eyes);
 * rectification and objection are done in the normal flows (the person edit, closing or
 * changing the case) and recorded here with a note.
 */
export async function carryOutRequest(ctx: Ctx, id: string, input: { note: string }): Promise<DataSubjectRequest> {
  guard(ctx);
  await transaction(ctx.db, async (tx) => {
    const q = await one<{ person_id: string; status: string; kind: RequestKind; decision: string | null; release_approval_id: string | null }>(tx, sql`
      select person_id, status, kind, decision, release_approval_id from data_subject_requests where id = ${id} and tenant_id = ${ctx.actor.tenantId} for update`);
    if (!q) throw new NotFoundError('Verzoek niet gevonden');
    if (q.status !== 'besloten' || q.decision === 'afgewezen') throw new ConflictError('not_granted', 'Alleen een (gedeeltelijk) toegewezen verzoek wordt uitgevoerd');
    let approvalId = q.release_approval_id;
    if (q.kind === 'wissing') await erasePerson(ctx, q.person_id, tx);
    if (q.kind === 'inzage' && !approvalId) {
      approvalId = await requestApproval(ctx, tx, { kind: 'export_release', subjectId: id, dataSubjectId: q.person_id, summary: `Inzage: export verstrekken aan de betrokkene (${input.note.trim().slice(0, 200)})` });
    }
    await tx.execute(sql`update data_subject_requests set status = 'uitgevoerd', carried_out_at = now(), carried_out_note = ${input.note.trim()},
      release_approval_id = ${approvalId}, version = version + 1 where id = ${id}`);
    await logProcessing(ctx, { action: q.kind === 'wissing' ? 'delete' : 'update', activity: PRIVACY_ACTIVITY, purpose: PRIVACY_PURPOSE, dataSubjectId: q.person_id,
      details: { object: 'dataSubjectRequest', id, carriedOut: q.kind } }, tx);
  });
  return getRequest(ctx, id);
}

/** The requests forwarded to the actor's organisation (a partner professional's inbox). */
export async function myForwards(ctx: Ctx) {
  requirePermission(ctx.actor, 'dataSubjectRequest.handle');
  const list = await rows<{ id: string; requestId: string; kind: RequestKind; receivedOn: string; deadline: string; personId: string; personName: string; birthDate: string | null; forwardedAt: string; handledAt: string | null; handledNote: string | null }>(ctx.db, sql`
    select f.id, q.id as "requestId", q.kind, q.received_on as "receivedOn", q.deadline, p.id as "personId", p.first_name || ' ' || p.last_name as "personName",
           p.birth_date as "birthDate", f.forwarded_at as "forwardedAt", f.handled_at as "handledAt", f.handled_note as "handledNote"
      from data_subject_request_forwards f join data_subject_requests q on q.id = f.request_id join persons p on p.id = q.person_id
     where f.tenant_id = ${ctx.actor.tenantId} and f.partner_code = ${ctx.actor.organisationCode}
     order by (f.handled_at is null) desc, q.deadline`);
  await logProcessing(ctx, list.map((f) => ({ action: 'read' as const, activity: PRIVACY_ACTIVITY, purpose: PRIVACY_PURPOSE, dataSubjectId: f.personId, details: { object: 'dataSubjectRequestForward', id: f.id } })));
  return list;
}

export async function markForwardHandled(ctx: Ctx, forwardId: string, note: string) {
  requirePermission(ctx.actor, 'dataSubjectRequest.handle');
  return transaction(ctx.db, async (tx) => {
    const f = await one<{ person_id: string; handled_at: string | null }>(tx, sql`select q.person_id, f.handled_at from data_subject_request_forwards f
      join data_subject_requests q on q.id = f.request_id
      where f.id = ${forwardId} and f.tenant_id = ${ctx.actor.tenantId} and f.partner_code = ${ctx.actor.organisationCode} for update of f`);
    if (!f) throw new NotFoundError('Doorgestuurd verzoek niet gevonden');
    if (f.handled_at) throw new ConflictError('already_handled', 'Al als afgehandeld gemarkeerd');
    await tx.execute(sql`update data_subject_request_forwards set handled_at = now(), handled_by = ${ctx.actor.userId}, handled_by_name = ${ctx.actor.name},
      handled_note = ${note.trim()} where id = ${forwardId}`);
    await logProcessing(ctx, { action: 'update', activity: PRIVACY_ACTIVITY, purpose: PRIVACY_PURPOSE, dataSubjectId: f.person_id, details: { object: 'dataSubjectRequestForward', id: forwardId, handled: true } }, tx);
    return { id: forwardId };
  });
}
