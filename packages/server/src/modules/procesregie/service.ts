// SPDX-License-Identifier: EUPL-1.2
// Procesregie: the case file. Every read goes through loadVisibleCase/caseVisibleTo (need-to-know)
// and is written to the processing log with the case's purpose.
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { allowedActions, isCaseOpen, JOURNAL_WITHDRAW_MINUTES, JOURNAL_WITHDRAW_MS, VISIBILITIES } from '@zvh/shared';
import type { Status, Visibility } from '@zvh/shared';
import type { Ctx } from '../../core/context.js';
import { isZvhStaff } from '../../core/context.js';
import { one, prepared, rows, sql, transaction } from '../../core/db/index.js';
import type { Executor } from '../../core/db/index.js';
import type { SQL } from 'drizzle-orm';
import { agreementOwnedBy, allowed, requirePermission, caseMunicipality, caseVisibleTo, checkVersion, documentVisibleTo, journalAudienceIncludes, journalVisibleTo, loadVisibleCase, refuse, requireRegisseur, requireZvh } from '../../core/access.js';
import type { CaseRef } from '../../core/access.js';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, ValidationError } from '../../core/errors.js';
import { loggedRead, logProcessing } from '../../core/processing-log.js';
import type { ProcessingAction } from '../../core/processing-log.js';
import { PARTNER_VISIBLE_EVENTS, recordEvent } from '../../core/case-events.js';
import { FieldChecker, loadCodeSets, today } from '../../core/reference-check.js';
import { PAGE_DEFAULT, toPage } from '../../core/paging.js';
import { requestApproval } from '../goedkeuring/service.js';
import type { Page, PageRequest } from '../../core/paging.js';

const ACTIVITY = 'procesregie';

/** Logs an action on a case's personal data with the case's purpose. */
export function logCase(ctx: Ctx, c: Pick<CaseRef, 'id' | 'personId' | 'purpose' | 'registrationId'>, action: ProcessingAction, details?: Record<string, unknown>, ex = ctx.db) {
  return logProcessing(ctx, { action, activity: ACTIVITY, purpose: c.purpose, caseId: c.id, registrationId: c.registrationId, dataSubjectId: c.personId, details }, ex);
}

export interface CaseListItem {
  id: string; caseNumber: string | null; kind: string; approach: string | null; status: Status; purpose: string; startedAt: string | null; closedAt: string | null;
  subjectName: string; subjectId: string; municipality: string; regisseurName: string | null; avePhase: number | null;
  openAgreements: number; overdueAgreements: number; lastActivityAt: string;
}

/**
 * The cases the actor may see, a page at a time (core/paging): open before closed, then the most
 * recent activity first, sorted by the index cases_list_idx; the total counts every match.
 */
export async function listCases(ctx: Ctx, f: { status?: string[]; q?: string; mine?: boolean }, page: PageRequest = { limit: PAGE_DEFAULT }): Promise<Page<CaseListItem>> {
  const q = f.q?.trim();
  const filter = sql`${caseVisibleTo(ctx.actor)}
       ${f.status?.length ? sql`and c.status in (${sql.join(f.status.map((s) => sql`${s}`), sql`, `)})` : sql``}
       ${q ? sql`and (p.first_name || ' ' || p.last_name ilike ${'%' + q + '%'} or c.purpose ilike ${'%' + q + '%'})` : sql``}
       ${f.mine ? sql`and c.regisseur_id = ${ctx.actor.userId}` : sql``}`;
  const [closed, at, id] = (page.after ?? []) as [boolean, string, string];
  const select = (keyset: SQL) => sql`
    select c.id, c.case_number as "caseNumber", c.kind, c.approach, c.status, c.purpose, c.started_at as "startedAt", c.closed_at as "closedAt", c.registration_id as "registrationId",
           p.first_name || ' ' || p.last_name as "subjectName", p.id as "subjectId", r.municipality_code as municipality,
           u.name as "regisseurName", c.ave_phase as "avePhase", c.last_activity_at as "lastActivityAt",
           (select count(*) from agreements a where a.case_id = c.id and a.status = 'open')::int as "openAgreements",
           (select count(*) from agreements a where a.case_id = c.id and a.status = 'open' and a.due_date < current_date)::int as "overdueAgreements",
           to_char(c.last_activity_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as "sortKey", (c.status = 'afgesloten') as "sortClosed"
      from cases c left join persons p on p.id = c.person_id join registrations r on r.id = c.registration_id
      left join users u on u.id = c.regisseur_id
     where ${filter} ${keyset}
     order by (c.status = 'afgesloten'), c.last_activity_at desc, c.id desc
     limit ${page.limit + 1}`;
  // keyset conditions the index cases_list_idx can seek on: within the cursor's part (open or
  // closed) after its (last activity, id); after the open part also the whole closed part
  const after = sql`and (c.last_activity_at, c.id) < (${at}::timestamp at time zone 'UTC', ${id}::uuid)`;
  const pageQuery = !page.after ? select(sql``)
    : closed ? select(sql`and (c.status = 'afgesloten') = true ${after}`)
    : sql`select * from ((${select(sql`and (c.status = 'afgesloten') = false ${after}`)}) union all (${select(sql`and (c.status = 'afgesloten') = true`)})) x
        order by x."sortClosed", x."lastActivityAt" desc, x.id desc limit ${page.limit + 1}`;
  const [list, count] = await Promise.all([
    rows<CaseListItem & { registrationId: string; sortKey: string; sortClosed: boolean }>(ctx.db, pageQuery),
    one<{ n: number }>(ctx.db, sql`select count(*)::int as n from cases c
      ${q ? sql`left join persons p on p.id = c.person_id` : sql``} where ${filter}`),
  ]);
  const result = toPage(list, page.limit, count?.n ?? 0, (c) => [c.sortClosed, c.sortKey, c.id]);
  await logProcessing(ctx, result.items.map((c) => ({
    action: 'read' as const, activity: ACTIVITY, purpose: c.purpose, caseId: c.id, registrationId: c.registrationId, dataSubjectId: c.subjectId, details: { view: 'list' },
  })));
  return { ...result, items: result.items.map(({ registrationId: _r, sortKey: _k, sortClosed: _c, ...rest }) => rest) };
}

/** The cursor of listCases: closed, last activity (UTC, microseconds), id. */
export const CASE_CURSOR = ['boolean', 'string', 'string'] as const;

/** Timestamps inside the json side lists, as ISO 8601 in UTC like every top-level timestamp (core/db `rows`). */
function isoTimestamps<T extends Record<string, unknown>>(list: T[], keys: readonly string[]): T[] {
  for (const item of list) {
    for (const k of keys) {
      const v = item[k];
      if (typeof v === 'string') (item as Record<string, unknown>)[k] = new Date(v).toISOString();
    }
  }
  return list;
}

/**
 * The case file. Partners see it within its purpose: person, plan, agreements, shared journal and
 * documents. One statement: need-to-know (caseVisibleTo), the case with its side lists aggregated
 * as json, and the log insert (issue 12: a case read was 8 statements competing for the pool).
 */
export async function getCase(ctx: Ctx, id: string) {
  const zvh = isZvhStaff(ctx.actor);
  // the read and its log entries in one statement (core/processing-log loggedRead): the household is
  // shown too, so each person whose data is shown is a data subject of this read (an anonymous
  // advice question has no person: the read is still logged, without a data subject)
  const row = await one<Record<string, any>>(ctx.db, prepared(loggedRead(ctx, sql`
    select c.id, c.case_number as "caseNumber", c.kind, c.approach, c.status, c.purpose, c.started_at as "startedAt", c.closed_at as "closedAt",
           c.close_reason_code as "closeReasonCode", c.close_reason as "closeReason", c.handover_partner as "handoverPartner", c.evaluation,
           c.regisseur_id as "regisseurId", u.name as "regisseurName", c.lead_partner as "leadPartner", c.ave_phase as "avePhase",
           c.plan, c.version, c.last_activity_at as "lastActivityAt", c.created_at as "createdAt", c.registration_id as "registrationId",
           case when p.id is null then null else json_build_object('id', p.id, 'firstName', p.first_name, 'lastName', p.last_name, 'birthDate', p.birth_date, 'gender', p.gender,
                             'bsn', ${zvh ? sql`p.bsn` : sql`null`}, 'municipality', p.municipality_code) end as subject,
           json_build_object('id', r.id, 'kind', r.kind, 'registeredAt', r.registered_at, 'registeringPartner', r.registering_partner,
                             'municipality', r.municipality_code, 'mainTopic', r.main_topic, 'problemAreas', r.problem_areas, 'children', r.children,
                             'crossesMunicipalityBorder', r.crosses_municipality_border, 'urgency', r.urgency,
                             'reason', ${zvh ? sql`r.reason` : sql`null`}, 'tried', ${zvh ? sql`r.tried` : sql`null`},
                             'triage', ${zvh ? sql`r.triage` : sql`null`}) as registration,
           coalesce((select json_agg(json_build_object('id', hp.id, 'firstName', hp.first_name, 'lastName', hp.last_name, 'birthDate', hp.birth_date,
                     'relation', rr.relation) order by hp.last_name)
                from registration_relations rr join persons hp on hp.id = rr.person_id where rr.registration_id = c.registration_id), '[]'::json) as household,
           coalesce((select json_agg(json_build_object('partner', cp.partner_code, 'name', o.name, 'municipality', cp.municipality_code, 'municipalityName', m.name,
                     'addedAt', cp.added_at, 'addReason', cp.add_reason, 'removedAt', cp.removed_at, 'removeReason', cp.remove_reason)
                     order by cp.removed_at nulls first, o.name, m.name)
                from case_participants cp left join organisations o on o.tenant_id = cp.tenant_id and o.code = cp.partner_code
                left join municipalities m on m.tenant_id = cp.tenant_id and m.code = cp.municipality_code
               where cp.case_id = c.id ${zvh ? sql`` : sql`and cp.removed_at is null`}), '[]'::json) as participants,
           coalesce((select json_agg(json_build_object('approvalId', ap.id, 'partner', ap.payload->>'partner', 'name', o.name, 'municipality', ap.payload->>'municipality',
                     'reason', ap.payload->>'reason', 'requestedAt', ap.requested_at, 'requestedByName', ap.requested_by_name) order by ap.requested_at)
                from approvals ap left join organisations o on o.tenant_id = ap.tenant_id and o.code = ap.payload->>'partner'
               where ${zvh ? sql`true` : sql`false`} and ap.case_id = c.id and ap.kind = 'partner_secrecy' and ap.status = 'open'), '[]'::json) as "pendingParticipants",
           coalesce((select json_agg(json_build_object('id', a.id, 'partner', a.partner_code, 'title', a.title, 'description', a.description,
                     'responsiblePerson', a.responsible_person, 'dueDate', a.due_date, 'status', a.status, 'note', a.note, 'carriedOver', a.carried_over,
                     'version', a.version, 'updatedAt', a.updated_at, 'overdue', coalesce(a.status = 'open' and a.due_date < current_date, false))
                     order by (a.status <> 'open'), a.due_date nulls last, a.created_at)
                from agreements a where a.case_id = c.id), '[]'::json) as agreements,
           coalesce((select json_agg(json_build_object('id', j.id, 'date', j.entry_date, 'at', j.at, 'authorName', j.author_name,
                     'authorOrganisation', j.author_organisation, 'text', j.text, 'visibility', j.visibility, 'sharedWith', j.shared_with,
                     'state', case when j.withdrawn_at is not null then 'ingetrokken' when j.corrected_at is not null then 'gecorrigeerd' else 'actief' end,
                     'correctsId', j.corrects_id, 'correctedAt', j.corrected_at, 'withdrawnAt', j.withdrawn_at,
                     'withdrawReason', ${zvh ? sql`j.withdraw_reason` : sql`null`},
                     'own', coalesce(j.author_id = ${ctx.actor.userId}, false),
                     'withdrawableUntil', case when j.author_id = ${ctx.actor.userId} and j.withdrawn_at is null and j.corrected_at is null
                                               then j.at + make_interval(mins => ${JOURNAL_WITHDRAW_MINUTES}::int) end)
                     order by j.entry_date desc, j.at desc)
                from journal_entries j where j.case_id = c.id and ${journalVisibleTo(ctx.actor)}), '[]'::json) as journal,
           coalesce((select json_agg(json_build_object('id', d.id, 'filename', d.filename, 'mimeType', d.mime_type, 'size', d.size, 'sha256', d.sha256,
                     'visibility', d.visibility, 'sharedWith', d.shared_with, 'uploadedAt', d.uploaded_at, 'uploadedByOrganisation', d.uploaded_by_organisation)
                     order by d.uploaded_at desc)
                from documents d where d.case_id = c.id and ${documentVisibleTo(ctx.actor)}), '[]'::json) as documents,
           array_remove(array[c.person_id] || array(select rr.person_id from registration_relations rr where rr.registration_id = c.registration_id), null) as "subjectIds"
      from cases c left join persons p on p.id = c.person_id join registrations r on r.id = c.registration_id
      left join users u on u.id = c.regisseur_id
     where c.id = ${id} and ${caseVisibleTo(ctx.actor)}`, { activity: ACTIVITY, details: { view: 'case' } })));
  if (!row) return refuse(ctx, { object: 'case', id, action: 'read', message: 'Casus niet gevonden' });
  const { participants, pendingParticipants, agreements, journal, documents, subjectIds: _s, ...c } = row;
  isoTimestamps(participants, ['addedAt', 'removedAt']);
  isoTimestamps(pendingParticipants, ['requestedAt']);
  isoTimestamps(agreements, ['updatedAt']);
  isoTimestamps(journal, ['at', 'correctedAt', 'withdrawnAt', 'withdrawableUntil']);
  isoTimestamps(documents, ['uploadedAt']);
  const isOpen = isCaseOpen(c.status);
  return {
    ...c, participants, pendingParticipants, agreements, journal, documents,
    permissions: {
      manage: zvh && isOpen && allowed(ctx.actor, 'case.direct'),
      contribute: isOpen,
      audit: zvh && allowed(ctx.actor, 'case.audit'),
      // triage_heropenen is no button: only a rejected review of a triage override takes it (modules/goedkeuring)
      actions: zvh && allowed(ctx.actor, 'case.direct') ? allowedActions(c.status).filter((a) => a !== 'triage_heropenen') : [],
    },
  };
}

export async function updateCase(ctx: Ctx, id: string, input: { regisseurId?: string | null; leadPartner?: string | null; approach?: string; purpose?: string }, version: number | undefined) {
  const ref = await loadVisibleCase(ctx, id, { write: true });
  requireRegisseur(ctx.actor);
  if (input.leadPartner) {
    const ok = await one(ctx.db, sql`select 1 from organisations where tenant_id = ${ctx.actor.tenantId} and code = ${input.leadPartner} and kind = 'partner'`);
    if (!ok) throw new ValidationError('Onbekende partner', [{ field: 'leadPartner', message: 'Onbekende partner' }]);
  }
  if (input.regisseurId) {
    const ok = await one(ctx.db, sql`select 1 from users where id = ${input.regisseurId} and tenant_id = ${ctx.actor.tenantId} and active and 'procesregisseur' = any(roles)`);
    if (!ok) throw new ValidationError('Ongeldige procesregisseur', [{ field: 'regisseurId', message: 'Geen actieve procesregisseur' }]);
  }
  if (input.approach && ref.kind !== 'procesregie') throw new ValidationError('Alleen bij procesregie', [{ field: 'approach', message: 'Aanpak geldt alleen voor procesregie' }]);
  return transaction(ctx.db, async (tx) => {
    const cur = await loadVisibleCase(ctx, id, { write: true, lock: true, ex: tx });
    checkVersion(version, cur.version, 'De casus');
    const res = await one<{ version: number }>(tx, sql`update cases set
        regisseur_id = ${input.regisseurId === undefined ? sql`regisseur_id` : input.regisseurId},
        lead_partner = ${input.leadPartner === undefined ? sql`lead_partner` : input.leadPartner},
        approach = ${input.approach === undefined ? sql`approach` : input.approach},
        purpose = ${input.purpose === undefined ? sql`purpose` : input.purpose},
        version = version + 1, updated_at = now()
      where id = ${id} returning version`);
    await recordEvent(ctx, tx, { caseId: id, type: 'case_updated', data: { fields: Object.keys(input) } });
    await logCase(ctx, { ...ref, purpose: input.purpose ?? ref.purpose }, 'update', { object: 'case', fields: Object.keys(input) }, tx);
    return { version: res!.version };
  });
}

export interface Plan { analysis: { domain: string; problem?: string; risk?: string; protective?: string }[]; goals: { text: string; achieved?: boolean }[] }

export async function updatePlan(ctx: Ctx, id: string, plan: Plan, version: number | undefined) {
  requireRegisseur(ctx.actor);
  const sets = await loadCodeSets(ctx.db, ctx.actor.tenantId);
  const c = new FieldChecker(sets);
  plan.analysis.forEach((a, i) => c.code(`analysis.${i}.domain`, 'problemArea', a.domain, true));
  c.throwIfAny();
  return transaction(ctx.db, async (tx) => {
    const ref = await loadVisibleCase(ctx, id, { write: true, lock: true, ex: tx });
    checkVersion(version, ref.version, 'Het plan van aanpak');
    const res = await one<{ version: number }>(tx, sql`update cases set plan = ${JSON.stringify(plan)}::jsonb, version = version + 1, updated_at = now()
      where id = ${id} returning version`);
    await recordEvent(ctx, tx, { caseId: id, type: 'plan_updated', data: { domains: plan.analysis.map((a) => a.domain), goals: plan.goals.length } });
    await logCase(ctx, ref, 'update', { object: 'plan' }, tx);
    return { version: res!.version };
  });
}

export async function setAvePhase(ctx: Ctx, id: string, phase: number, reason: string) {
  requireRegisseur(ctx.actor);
  return transaction(ctx.db, async (tx) => {
    const ref = await loadVisibleCase(ctx, id, { write: true, lock: true, ex: tx });
    const prev = await one<{ ave_phase: number | null }>(tx, sql`select ave_phase from cases where id = ${id}`);
    if (prev?.ave_phase === phase) throw new ConflictError('unchanged', `De casus staat al in AVE-fase ${phase}`);
    await tx.execute(sql`update cases set ave_phase = ${phase}, version = version + 1, updated_at = now() where id = ${id}`);
    // every change is kept in the append-only history
    await recordEvent(ctx, tx, { caseId: id, type: 'ave_phase', data: { from: prev?.ave_phase ?? null, to: phase, reason } });
    await logCase(ctx, ref, 'update', { object: 'ave_phase' }, tx);
    return { avePhase: phase };
  });
}

/**
 * A partner takes part. A municipal partner takes part as one municipality's department: by
 * default the case's own municipality; for a case that crosses a border the regisseur names
 * another municipality (with the reason, as for every participant).
 *
 * Four eyes: a partner with professional secrecy (organisations.professional_secrecy, set by the
 * beheerder) does not take part at once. The request waits as an approval (kind partner_secrecy,
 * the partner, department and reason in its payload) until a second ZVH person approves it
 * (modules/goedkeuring, then addApprovedParticipant in the same transaction) or rejects it. The
 * triage's participants are not affected: that decision is itself about the case's participants.
 */
export async function addParticipant(ctx: Ctx, id: string, partner: string, reason: string, municipality?: string | null): Promise<ParticipantAdded | ParticipantPending> {
  requireRegisseur(ctx.actor);
  const org = await one<{ municipal: boolean; name: string; professional_secrecy: boolean }>(ctx.db, sql`select municipal, name, professional_secrecy from organisations
    where tenant_id = ${ctx.actor.tenantId} and code = ${partner} and kind = 'partner' and active`);
  if (!org) throw new ValidationError('Onbekende partner', [{ field: 'partner', message: 'Onbekende of inactieve partner' }]);
  if (municipality && !org.municipal) {
    throw new ValidationError('Alleen een gemeentelijke partner neemt deel voor een gemeente', [{ field: 'municipality', message: 'Deze partner heeft geen afdelingen per gemeente' }]);
  }
  if (municipality) {
    const m = await one(ctx.db, sql`select 1 from municipalities where tenant_id = ${ctx.actor.tenantId} and code = ${municipality} and active`);
    if (!m) throw new ValidationError('Onbekende gemeente', [{ field: 'municipality', message: `Onbekende gemeente "${municipality}"` }]);
  }
  return transaction(ctx.db, async (tx) => {
    const ref = await loadVisibleCase(ctx, id, { write: true, lock: true, ex: tx });
    const own = await one<{ code: string }>(tx, sql`select municipality_code as code from registrations where id = ${ref.registrationId}`);
    const department = org.municipal ? (municipality ?? own!.code) : null;
    if (!org.professional_secrecy) return insertParticipant(ctx, tx, ref, { partner, department, ownMunicipality: own!.code, reason, addedBy: ctx.actor.userId });
    const already = await one(tx, sql`select 1 from case_participants where case_id = ${id} and partner_code = ${partner} and removed_at is null
      and municipality_code is not distinct from ${department}`);
    if (already) throw new ConflictError('already_participant', department ? 'Deze afdeling neemt al deel' : 'Deze partner neemt al deel');
    const waiting = await one(tx, sql`select 1 from approvals where case_id = ${id} and kind = 'partner_secrecy' and status = 'open'
      and payload->>'partner' = ${partner} and coalesce(payload->>'municipality', '') = ${department ?? ''}`);
    if (waiting) throw new ConflictError('approval_pending', 'Het toevoegen van deze partner wacht al op goedkeuring');
    const approvalId = await requestApproval(ctx, tx, {
      kind: 'partner_secrecy', caseId: id, dataSubjectId: ref.personId,
      summary: `Partner met beroepsgeheim laten deelnemen: ${org.name}${department ? ` (${department})` : ''} — ${reason.trim().slice(0, 200)}`,
      payload: { partner, municipality: department, reason },
    });
    await logCase(ctx, ref, 'update', { object: 'participant', partner, ...(department ? { municipality: department } : {}), change: 'requested', approvalId }, tx);
    return { partner, municipality: department, approvalId, status: 'wacht_op_goedkeuring' as const };
  });
}

export interface ParticipantAdded { partner: string; municipality: string | null }
export interface ParticipantPending extends ParticipantAdded { approvalId: string; status: 'wacht_op_goedkeuring' }

/** Inserts the participant, its event and log line inside the caller's transaction (409 when it already takes part). */
async function insertParticipant(ctx: Ctx, tx: Executor, ref: CaseRef,
  p: { partner: string; department: string | null; ownMunicipality: string; reason: string; addedBy: string; approvalId?: string }): Promise<ParticipantAdded> {
  const res = await rows(tx, sql`insert into case_participants (tenant_id, case_id, partner_code, municipality_code, added_by, add_reason)
    values (${ctx.actor.tenantId}, ${ref.id}, ${p.partner}, ${p.department}, ${p.addedBy}, ${p.reason}) on conflict do nothing returning id`);
  if (!res.length) throw new ConflictError('already_participant', p.department ? 'Deze afdeling neemt al deel' : 'Deze partner neemt al deel');
  const crossBorder = p.department !== null && p.department !== p.ownMunicipality;
  const dept = p.department ? { municipality: p.department, crossBorder } : {};
  const approval = p.approvalId ? { approvalId: p.approvalId } : {};
  await recordEvent(ctx, tx, { caseId: ref.id, type: 'participant_added', data: { partner: p.partner, ...dept, reason: p.reason, ...approval } });
  await logCase(ctx, ref, 'update', { object: 'participant', partner: p.partner, ...(p.department ? { municipality: p.department } : {}), change: 'added', ...approval }, tx);
  return { partner: p.partner, municipality: p.department };
}

/**
 * Four eyes approved: the waiting partner with professional secrecy takes part, in the decision's
 * transaction. The decider (approval.decide) need not be a regisseur; the case must still be open
 * (409 otherwise, and the decision is not recorded). added_by stays the requester.
 */
export async function addApprovedParticipant(ctx: Ctx, tx: Executor, a: { id: string; caseId: string; requestedBy: string; payload: { partner: string; municipality: string | null; reason: string } }): Promise<void> {
  const ref = await loadVisibleCase(ctx, a.caseId, { write: true, lock: true, ex: tx });
  const org = await one(tx, sql`select 1 from organisations where tenant_id = ${ctx.actor.tenantId} and code = ${a.payload.partner} and kind = 'partner' and active`);
  if (!org) throw new ConflictError('partner_inactive', 'De partner is intussen niet meer actief; wijs het verzoek af');
  const own = await one<{ code: string }>(tx, sql`select municipality_code as code from registrations where id = ${ref.registrationId}`);
  await insertParticipant(ctx, tx, ref, { partner: a.payload.partner, department: a.payload.municipality, ownMunicipality: own!.code, reason: a.payload.reason, addedBy: a.requestedBy, approvalId: a.id });
}

/**
 * A removed partner loses access at once: visibility is decided from the active participants on
 * every query. For a municipal partner, `municipality` names the department (default: the case's own).
 */
export async function removeParticipant(ctx: Ctx, id: string, partner: string, reason: string, municipality?: string | null) {
  requireRegisseur(ctx.actor);
  return transaction(ctx.db, async (tx) => {
    const ref = await loadVisibleCase(ctx, id, { write: true, lock: true, ex: tx });
    const own = await one<{ code: string }>(tx, sql`select municipality_code as code from registrations where id = ${ref.registrationId}`);
    const res = await rows<{ municipality: string | null }>(tx, sql`update case_participants set removed_at = now(), removed_by = ${ctx.actor.userId}, remove_reason = ${reason}
      where case_id = ${id} and partner_code = ${partner} and removed_at is null
        and coalesce(municipality_code, ${own!.code}) = ${municipality ?? own!.code}
      returning municipality_code as municipality`);
    if (!res.length) throw new NotFoundError('Deze partner neemt niet deel');
    const department = res[0]!.municipality;
    const dept = department ? { municipality: department } : {};
    await recordEvent(ctx, tx, { caseId: id, type: 'participant_removed', data: { partner, ...dept, reason } });
    await logCase(ctx, ref, 'update', { object: 'participant', partner, ...dept, change: 'removed' }, tx);
    return { partner, municipality: department };
  });
}

export interface AgreementInput { partner: string; title: string; dueDate?: string | null; description?: string | null; responsiblePerson?: string | null; lifeDomain?: string | null }

export async function createAgreement(ctx: Ctx, caseId: string, input: AgreementInput) {
  requireRegisseur(ctx.actor);
  return transaction(ctx.db, async (tx) => {
    const ref = await loadVisibleCase(ctx, caseId, { write: true, lock: true, ex: tx });
    // the owner must be able to see and update its agreement: a participant, or the ZVH itself
    const owner = await one(tx, sql`select 1 from organisations o where o.tenant_id = ${ctx.actor.tenantId} and o.code = ${input.partner} and o.active
      and (o.kind = 'zvh' or exists (select 1 from case_participants cp join cases c on c.id = cp.case_id
             where cp.case_id = ${caseId} and cp.partner_code = o.code and cp.removed_at is null
               -- a municipal partner's agreement is its department of the case's municipality: that department must take part
               and (not o.municipal or coalesce(cp.municipality_code, ${caseMunicipality}) = ${caseMunicipality})))`);
    if (!owner) throw new ValidationError('Organisatie neemt niet deel', [{ field: 'partner', message: 'Laat de partner eerst deelnemen aan de casus' }]);
    if (input.lifeDomain) {
      // the life domain (leefgebied, a problemArea code) the agreement works on: the stagnation radar groups by it
      const known = await one(tx, sql`select 1 from code_list_entries where tenant_id = ${ctx.actor.tenantId} and list = 'problemArea' and code = ${input.lifeDomain} and active`);
      if (!known) throw new ValidationError('Onbekend leefgebied', [{ field: 'lifeDomain', message: `Onbekende code "${input.lifeDomain}"` }]);
    }
    const a = await one<{ id: string; version: number }>(tx, sql`insert into agreements (tenant_id, case_id, partner_code, title, description, responsible_person, due_date, created_by, life_domain)
      values (${ctx.actor.tenantId}, ${caseId}, ${input.partner}, ${input.title}, ${input.description ?? null}, ${input.responsiblePerson ?? null}, ${input.dueDate ?? null}, ${ctx.actor.userId}, ${input.lifeDomain ?? null})
      returning id, version`);
    await recordEvent(ctx, tx, { caseId, type: 'agreement_created', data: { agreementId: a!.id, partner: input.partner, title: input.title, dueDate: input.dueDate ?? null } });
    await logCase(ctx, ref, 'create', { object: 'agreement', id: a!.id }, tx);
    return a!;
  });
}

export interface AgreementPatch { status?: 'open' | 'done' | 'cancelled'; note?: string | null; title?: string; dueDate?: string | null; responsiblePerson?: string | null; description?: string | null }

/** Partners update their own organisation's agreements (status and note); the regisseur updates any. */
export async function updateAgreement(ctx: Ctx, agreementId: string, patch: AgreementPatch, version: number | undefined) {
  return transaction(ctx.db, async (tx) => {
    // the agreement is found only through a case the actor may see
    const a = await one<{ id: string; case_id: string; partner_code: string; status: string; version: number; own: boolean }>(tx, sql`
      select a.id, a.case_id, a.partner_code, a.status, a.version, ${agreementOwnedBy(ctx.actor)} as own from agreements a join cases c on c.id = a.case_id
       where a.id = ${agreementId} and ${caseVisibleTo(ctx.actor)} for update of a`);
    if (!a) return refuse(ctx, { object: 'agreement', id: agreementId, action: 'update', message: 'Afspraak niet gevonden', ex: tx });
    const ref = await loadVisibleCase(ctx, a.case_id, { write: true, ex: tx });
    const regisseur = isZvhStaff(ctx.actor) && allowed(ctx.actor, 'case.direct');
    if (!regisseur) {
      // a municipal partner's agreement belongs to its department of the case's municipality
      if (isZvhStaff(ctx.actor) || !a.own) throw new ForbiddenError('U kunt alleen afspraken van uw eigen organisatie bijwerken');
      const extra = (['title', 'dueDate', 'responsiblePerson', 'description'] as const).filter((k) => patch[k] !== undefined);
      if (extra.length) throw new ForbiddenError('Alleen status en toelichting zijn door de partner te wijzigen');
    }
    checkVersion(version, a.version, 'De afspraak');
    const res = await one<{ version: number; status: string }>(tx, sql`update agreements set
        status = ${patch.status ?? sql`status`},
        note = ${patch.note === undefined ? sql`note` : patch.note},
        title = ${patch.title ?? sql`title`},
        due_date = ${patch.dueDate === undefined ? sql`due_date` : patch.dueDate},
        responsible_person = ${patch.responsiblePerson === undefined ? sql`responsible_person` : patch.responsiblePerson},
        description = ${patch.description === undefined ? sql`description` : patch.description},
        version = version + 1, updated_at = now()
      where id = ${agreementId} returning version, status`);
    await recordEvent(ctx, tx, { caseId: a.case_id, type: 'agreement_updated', data: { agreementId, partner: a.partner_code, from: a.status, to: res!.status, fields: Object.keys(patch) } });
    await logCase(ctx, ref, 'update', { object: 'agreement', id: agreementId }, tx);
    return { id: agreementId, status: res!.status, version: res!.version };
  });
}

export interface Audience { visibility: Visibility; sharedWith?: string[] }

/**
 * The audience of a new journal entry or document, always chosen explicitly (issue 8: a choice
 * that silently stayed on "Alle deelnemers" shared an internal note). Anyone, partners included,
 * may keep an entry to the ZVH or share it with chosen participants only (a partner bound by
 * medical professional secrecy must be able to).
 */
async function checkAudience(ctx: Ctx, ex: Executor, caseId: string, a: Partial<Audience>): Promise<{ visibility: Visibility; sharedWith: string[] }> {
  if (!a.visibility || !(VISIBILITIES as readonly string[]).includes(a.visibility)) {
    throw new ValidationError('Kies voor wie dit zichtbaar is', [{ field: 'visibility', message: 'Kies: alleen ZVH, alle deelnemers of gekozen deelnemers' }]);
  }
  const sharedWith = [...new Set(a.sharedWith ?? [])];
  if (a.visibility !== 'selected') {
    if (sharedWith.length) throw new ValidationError('Deelnemers kiezen kan alleen bij "gekozen deelnemers"', [{ field: 'sharedWith', message: 'Alleen bij zichtbaarheid "gekozen deelnemers"' }]);
    return { visibility: a.visibility, sharedWith: [] };
  }
  if (!sharedWith.length) throw new ValidationError('Kies met welke deelnemers u deelt', [{ field: 'sharedWith', message: 'Kies ten minste één deelnemende organisatie' }]);
  const found = await rows<{ code: string }>(ex, sql`select cp.partner_code as code from case_participants cp
    where cp.case_id = ${caseId} and cp.removed_at is null and cp.partner_code in (${sql.join(sharedWith.map((c) => sql`${c}`), sql`, `)})`);
  const missing = sharedWith.filter((c) => !found.some((f) => f.code === c));
  if (missing.length) throw new ValidationError('Alleen delen met deelnemers van de casus', [{ field: 'sharedWith', message: `Neemt niet deel: ${missing.join(', ')}` }]);
  return { visibility: 'selected', sharedWith };
}

export interface JournalInput extends Partial<Audience> { text: string; date?: string }

function checkJournalDate(date: string): void {
  if (date > today()) throw new ValidationError('Datum in de toekomst', [{ field: 'date', message: 'Datum mag niet in de toekomst liggen' }]);
}

export async function addJournalEntry(ctx: Ctx, caseId: string, input: JournalInput) {
  const date = input.date ?? today();
  checkJournalDate(date);
  return transaction(ctx.db, async (tx) => {
    const ref = await loadVisibleCase(ctx, caseId, { write: true, ex: tx });
    const { visibility, sharedWith } = await checkAudience(ctx, tx, caseId, input);
    const j = await one<{ id: string }>(tx, sql`insert into journal_entries (tenant_id, case_id, entry_date, author_id, author_name, author_organisation, text, visibility, shared_with)
      values (${ctx.actor.tenantId}, ${caseId}, ${date}, ${ctx.actor.userId}, ${ctx.actor.name}, ${ctx.actor.organisationCode}, ${input.text}, ${visibility}, ${textArray(sharedWith)}) returning id`);
    await recordEvent(ctx, tx, { caseId, type: 'journal_added', data: { entryId: j!.id, visibility, sharedWith } });
    await logCase(ctx, ref, 'create', { object: 'journal', id: j!.id, visibility }, tx);
    return { id: j!.id, visibility, sharedWith };
  });
}

/** A text[] parameter that works on PGlite and pg alike. */
const textArray = (list: string[]) => sql`array(select jsonb_array_elements_text(${JSON.stringify(list)}::jsonb))`;

interface JournalRow { id: string; case_id: string; author_id: string | null; at: Date | string; entry_date: string; withdrawn_at: unknown; corrected_at: unknown }

/** The entry, locked, if the actor may see it (404 otherwise) and wrote it (403 otherwise), in a case still open. */
async function loadOwnEntry(ctx: Ctx, tx: Executor, entryId: string, what: string) {
  const j = await one<JournalRow>(tx, sql`
    select j.id, j.case_id, j.author_id, j.at, j.entry_date::text as entry_date, j.withdrawn_at, j.corrected_at
      from journal_entries j join cases c on c.id = j.case_id
     where j.id = ${entryId} and ${caseVisibleTo(ctx.actor)} and ${journalVisibleTo(ctx.actor)} for update of j`);
  if (!j) throw new NotFoundError('Logboekregel niet gevonden');
  const ref = await loadVisibleCase(ctx, j.case_id, { write: true, ex: tx });
  if (j.author_id !== ctx.actor.userId) throw new ForbiddenError(`Alleen de auteur kan een logboekregel ${what}`);
  if (j.withdrawn_at) throw new ConflictError('withdrawn', 'Deze logboekregel is ingetrokken');
  if (j.corrected_at) throw new ConflictError('already_corrected', 'Deze logboekregel is al gecorrigeerd; werk de nieuwste versie bij');
  return { j, ref };
}

/** The author withdraws an entry within JOURNAL_WITHDRAW_MINUTES of posting it (exactly at the limit still counts). */
export async function withdrawJournalEntry(ctx: Ctx, entryId: string, reason?: string) {
  return transaction(ctx.db, async (tx) => {
    const { j, ref } = await loadOwnEntry(ctx, tx, entryId, 'intrekken');
    const elapsed = Date.now() - new Date(j.at).getTime();
    if (elapsed > JOURNAL_WITHDRAW_MS) {
      throw new ConflictError('withdraw_period_over', `Intrekken kan tot ${JOURNAL_WITHDRAW_MINUTES} minuten na het vastleggen; corrigeer de regel in plaats daarvan`);
    }
    await tx.execute(sql`update journal_entries set withdrawn_at = now(), withdrawn_by = ${ctx.actor.userId}, withdraw_reason = ${reason ?? null} where id = ${entryId}`);
    await recordEvent(ctx, tx, { caseId: j.case_id, type: 'journal_withdrawn', data: { entryId } });
    await logCase(ctx, ref, 'update', { object: 'journal', id: entryId, change: 'withdrawn' }, tx);
    return { id: entryId, state: 'ingetrokken' as const };
  });
}

/** A correction is a new version; the original stays in the history, marked "gecorrigeerd", for those who could see it. */
export async function correctJournalEntry(ctx: Ctx, entryId: string, input: JournalInput) {
  if (input.date) checkJournalDate(input.date);
  return transaction(ctx.db, async (tx) => {
    const { j, ref } = await loadOwnEntry(ctx, tx, entryId, 'corrigeren');
    const { visibility, sharedWith } = await checkAudience(ctx, tx, j.case_id, input);
    const date = input.date ?? j.entry_date;
    const n = await one<{ id: string }>(tx, sql`insert into journal_entries (tenant_id, case_id, entry_date, author_id, author_name, author_organisation, text, visibility, shared_with, corrects_id)
      values (${ctx.actor.tenantId}, ${j.case_id}, ${date}, ${ctx.actor.userId}, ${ctx.actor.name}, ${ctx.actor.organisationCode}, ${input.text}, ${visibility}, ${textArray(sharedWith)}, ${entryId})
      returning id`);
    await tx.execute(sql`update journal_entries set corrected_at = now() where id = ${entryId}`);
    await recordEvent(ctx, tx, { caseId: j.case_id, type: 'journal_corrected', data: { entryId: n!.id, correctsId: entryId, visibility, sharedWith } });
    await logCase(ctx, ref, 'update', { object: 'journal', id: n!.id, corrects: entryId, visibility }, tx);
    return { id: n!.id, correctsId: entryId, visibility, sharedWith };
  });
}

export const DOCUMENT_TYPES: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
};
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/**
 * The type sniffed from the content (magic bytes, and for docx/xlsx the parts inside the zip, by
 * the `file-type` library) must be the declared type: no executable disguised as a pdf, no zip
 * or xlsx passed off as a docx.
 */
async function contentMatches(buf: Buffer, mime: string): Promise<boolean> {
  const sniffed = await fileTypeFromBuffer(buf);
  return sniffed?.mime === mime;
}

/** Documents are stored in chunks of this many bytes (document_chunks), never as one value. */
export const DOCUMENT_CHUNK_BYTES = 256 * 1024;
/** Base64 is decoded this many characters at a time (a multiple of 4: whole byte triples). */
const BASE64_SLICE = 64 * 1024;

/** The exact number of bytes a (clean) base64 text decodes to. */
const base64Bytes = (b64: string) => Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);

/** The decoded bytes of a base64 text, DOCUMENT_CHUNK_BYTES at a time (the last one shorter). */
function* base64Chunks(b64: string): Generator<Buffer> {
  let pending: Buffer[] = [];
  let size = 0;
  for (let i = 0; i < b64.length; i += BASE64_SLICE) {
    const part = Buffer.from(b64.slice(i, i + BASE64_SLICE), 'base64');
    pending.push(part);
    size += part.length;
    while (size >= DOCUMENT_CHUNK_BYTES) {
      const all = Buffer.concat(pending, size);
      yield all.subarray(0, DOCUMENT_CHUNK_BYTES);
      pending = [all.subarray(DOCUMENT_CHUNK_BYTES)];
      size -= DOCUMENT_CHUNK_BYTES;
    }
  }
  if (size > 0) yield Buffer.concat(pending, size);
}

export async function addDocument(ctx: Ctx, caseId: string, input: { filename: string; mimeType: string; contentBase64: string } & Partial<Audience>) {
  const ext = input.filename.split('.').pop()?.toLowerCase() ?? '';
  const allowed = DOCUMENT_TYPES[input.mimeType];
  if (!allowed) throw new ValidationError('Bestandstype niet toegestaan', [{ field: 'mimeType', message: 'Alleen pdf, docx, xlsx en afbeeldingen' }]);
  if (!allowed.includes(ext)) throw new ValidationError('Extensie past niet bij het type', [{ field: 'filename', message: `Verwacht .${allowed.join(' of .')}` }]);
  // the file is decoded and written a chunk at a time: the whole file is never one buffer
  const raw = input.contentBase64;
  // line breaks and base64url normalised as text (a stray character makes the length check below fail)
  let b64 = /[^A-Za-z0-9+/=]/.test(raw) ? raw.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/') : raw;
  if (b64.length % 4) b64 = b64.padEnd(b64.length + 4 - (b64.length % 4), '=');
  const size = base64Bytes(b64);
  if (size <= 0) throw new ValidationError('Leeg bestand', [{ field: 'contentBase64', message: 'Het bestand is leeg' }]);
  if (size > MAX_DOCUMENT_BYTES) throw new DomainError(413, 'payload_too_large', 'Bestand groter dan 20 MB');
  // the type is sniffed from the whole content (a docx/xlsx by its parts), bounded by the size check above
  if (!(await contentMatches(Buffer.from(b64, 'base64'), input.mimeType))) throw new ValidationError('Inhoud past niet bij het type', [{ field: 'contentBase64', message: 'De inhoud is geen geldig bestand van dit type' }]);
  return transaction(ctx.db, async (tx) => {
    const ref = await loadVisibleCase(ctx, caseId, { write: true, ex: tx });
    const { visibility, sharedWith } = await checkAudience(ctx, tx, caseId, input);
    const d = await one<{ id: string }>(tx, sql`insert into documents (tenant_id, case_id, filename, mime_type, size, sha256, visibility, shared_with, uploaded_by, uploaded_by_organisation)
      values (${ctx.actor.tenantId}, ${caseId}, ${input.filename}, ${input.mimeType}, ${size}, '', ${visibility}, ${textArray(sharedWith)}, ${ctx.actor.userId}, ${ctx.actor.organisationCode})
      returning id`);
    const hash = createHash('sha256');
    let seq = 0, written = 0;
    for (const chunk of base64Chunks(b64)) {
      hash.update(chunk);
      written += chunk.length;
      await tx.execute(sql`insert into document_chunks (document_id, seq, tenant_id, data) values (${d!.id}, ${seq++}, ${ctx.actor.tenantId}, ${chunk})`);
    }
    if (written !== size) throw new ValidationError('Ongeldige base64-inhoud', [{ field: 'contentBase64', message: 'De inhoud is geen geldige base64' }]);
    const sha256 = hash.digest('hex');
    await tx.execute(sql`update documents set sha256 = ${sha256} where id = ${d!.id}`);
    await recordEvent(ctx, tx, { caseId, type: 'document_added', data: { documentId: d!.id, filename: input.filename, visibility, sharedWith } });
    await logCase(ctx, ref, 'create', { object: 'document', id: d!.id, visibility }, tx);
    return { id: d!.id, sha256, size, visibility, sharedWith };
  });
}

/** A document's content as a stream: one chunk read from the database at a time. */
async function* documentContent(db: Ctx['db'], documentId: string, size: number): AsyncGenerator<Buffer> {
  let sent = 0;
  for (let seq = 0; sent < size; seq++) {
    const c = await one<{ data: Uint8Array }>(db, sql`select data from document_chunks where document_id = ${documentId} and seq = ${seq}`);
    if (!c) throw new Error(`document ${documentId}: chunk ${seq} missing`);
    const buf = Buffer.from(c.data.buffer, c.data.byteOffset, c.data.byteLength);
    sent += buf.length;
    yield buf;
  }
}

export async function downloadDocument(ctx: Ctx, documentId: string) {
  const d = await one<{ id: string; case_id: string; filename: string; mime_type: string; size: number; sha256: string }>(ctx.db, sql`
    select d.id, d.case_id, d.filename, d.mime_type, d.size, d.sha256 from documents d join cases c on c.id = d.case_id
     where d.id = ${documentId} and ${caseVisibleTo(ctx.actor)} and ${documentVisibleTo(ctx.actor)}`);
  if (!d) throw new NotFoundError('Document niet gevonden');
  const ref = await loadVisibleCase(ctx, d.case_id);
  // every download is logged
  await logCase(ctx, ref, 'export', { object: 'document', id: documentId });
  return { filename: d.filename, mimeType: d.mime_type, size: d.size, sha256: d.sha256, content: Readable.from(documentContent(ctx.db, documentId, d.size)) };
}

export async function timeline(ctx: Ctx, caseId: string) {
  const ref = await loadVisibleCase(ctx, caseId);
  const zvh = isZvhStaff(ctx.actor);
  const events = await rows(ctx.db, sql`
    select e.id, e.at, e.type, e.actor_name as "actorName", e.actor_organisation as "actorOrganisation", e.data
      from case_events e
     where (e.case_id = ${caseId} or (e.registration_id = ${ref.registrationId} and e.case_id is null))
       ${zvh ? sql`` : sql`and (e.type in (${sql.join(PARTNER_VISIBLE_EVENTS.map((t) => sql`${t}`), sql`, `)})
            or (e.type in ('journal_added', 'journal_corrected') and exists (select 1 from journal_entries j
                  where j.id = (e.data->>'entryId')::uuid and j.case_id = e.case_id and ${journalVisibleTo(ctx.actor)}))
            or (e.type = 'journal_withdrawn' and exists (select 1 from journal_entries j
                  where j.id = (e.data->>'entryId')::uuid and j.case_id = e.case_id and ${journalAudienceIncludes(ctx.actor)}))
            or (e.type = 'document_added' and exists (select 1 from documents d
                  where d.id = (e.data->>'documentId')::uuid and d.case_id = e.case_id and ${documentVisibleTo(ctx.actor)})))`}
     order by e.at desc, e.id desc`);
  await logCase(ctx, ref, 'read', { view: 'timeline' });
  return events;
}

export async function auditTrail(ctx: Ctx, caseId: string) {
  const ref = await loadVisibleCase(ctx, caseId);
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'case.audit');
  // reading the log is itself a read of the case's personal data: log it first, so it shows
  await logCase(ctx, ref, 'read', { view: 'audit' });
  return rows(ctx.db, sql`
    select l.at, l.actor_email as actor, l.actor_organisation as organisation, l.action, l.purpose, l.activity, l.outcome,
           l.trace_id as "traceId", l.details
      from processing_log l
     where l.tenant_id = ${ctx.actor.tenantId} and (l.case_id = ${caseId} or (l.registration_id = ${ref.registrationId} and l.case_id is null))
     order by l.at, l.id`);
}

/** Active procesregisseurs of the tenant, to assign a case to. */
export function listRegisseurs(ctx: Ctx) {
  requireZvh(ctx.actor);
  return rows<{ id: string; name: string }>(ctx.db, sql`select id, name from users
    where tenant_id = ${ctx.actor.tenantId} and active and 'procesregisseur' = any(roles) order by name`);
}
