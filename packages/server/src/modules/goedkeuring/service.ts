// SPDX-License-Identifier: EUPL-1.2
// Four eyes (vier ogen): where the risk is highest a second ZVH person decides. A request names
// its kind, the case it concerns and a summary; another ZVH person with approval.decide approves
// or rejects it with a note, never the requester (also a check constraint in the database).
// What an approval sets in motion is done in the same transaction as the decision: a retention
// extension holds from its approval, an export to a data subject is released, and a rejected
// triage override (reviewed after the fact: the case started at once) closes that case and puts
// the registration back in triage through the workflow table (action triage_heropenen). A partner
// with professional secrecy (organisations.professional_secrecy) added to a running case waits for
// the decision: approved, it takes part through procesregie's service; rejected, nothing is added.
import type { Ctx } from '../../core/context.js';
import type { Executor } from '../../core/db/index.js';
import { one, rows, sql, transaction } from '../../core/db/index.js';
import { requirePermission, requireZvh } from '../../core/access.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../core/errors.js';
import { logProcessing } from '../../core/processing-log.js';
import { recordEvent } from '../../core/case-events.js';
import { today } from '../../core/reference-check.js';
import { transition } from '../../core/workflow.js';
import type { Status } from '@zvh/shared';
import { addApprovedParticipant } from '../procesregie/service.js';

/** The close reason of a case whose triage override a second person rejected (excluded from the report view, migration 0016). */
export const OVERRIDE_REJECTED = 'triage-override-afgewezen';

export const APPROVAL_KINDS = ['retention_extension', 'export_release', 'triage_override', 'partner_secrecy'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];
export const APPROVAL_ACTIVITY = 'vier-ogen';
export const APPROVAL_PURPOSE = 'Vier ogen: een tweede medewerker van het ZVH beoordeelt een verwerking met hoog risico';

export interface ApprovalRow {
  id: string; kind: ApprovalKind; caseId: string | null; subjectId: string | null; summary: string; status: 'open' | 'goedgekeurd' | 'afgewezen';
  requestedByName: string; requestedAt: string; decidedByName: string | null; decidedAt: string | null; note: string | null; mine: boolean;
}

/** Records a request for approval inside the caller's transaction; returns its id. */
export async function requestApproval(ctx: Ctx, tx: Executor, r: { kind: ApprovalKind; caseId?: string | null; subjectId?: string | null; summary: string; dataSubjectId?: string | null; payload?: Record<string, unknown> }): Promise<string> {
  const row = await one<{ id: string }>(tx, sql`insert into approvals (tenant_id, kind, case_id, subject_id, summary, payload, requested_by, requested_by_name)
    values (${ctx.actor.tenantId}, ${r.kind}, ${r.caseId ?? null}, ${r.subjectId ?? null}, ${r.summary}, ${JSON.stringify(r.payload ?? {})}::jsonb, ${ctx.actor.userId}, ${ctx.actor.name}) returning id`);
  await logProcessing(ctx, { action: 'create', activity: APPROVAL_ACTIVITY, purpose: APPROVAL_PURPOSE, caseId: r.caseId ?? null, dataSubjectId: r.dataSubjectId ?? null,
    details: { object: 'approval', id: row!.id, kind: r.kind } }, tx);
  return row!.id;
}

const SELECT = (actorId: string) => sql`select a.id, a.kind, a.case_id as "caseId", a.subject_id as "subjectId", a.summary, a.status,
    a.requested_by_name as "requestedByName", a.requested_at as "requestedAt", a.decided_by_name as "decidedByName", a.decided_at as "decidedAt", a.note,
    (a.requested_by = ${actorId}) as mine
  from approvals a`;

/** The tenant's approvals for those who may decide (their own requests marked `mine`); `open` limits to undecided ones. */
export async function listApprovals(ctx: Ctx, opts: { open?: boolean } = {}): Promise<ApprovalRow[]> {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'approval.decide');
  return rows<ApprovalRow>(ctx.db, sql`${SELECT(ctx.actor.userId)}
    where a.tenant_id = ${ctx.actor.tenantId} ${opts.open ? sql`and a.status = 'open'` : sql``}
    order by (a.status = 'open') desc, a.requested_at desc limit 200`);
}

export async function decideApproval(ctx: Ctx, id: string, input: { decision: 'goedgekeurd' | 'afgewezen'; note: string }): Promise<ApprovalRow> {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'approval.decide', 'U mag geen verzoeken beoordelen');
  return transaction(ctx.db, async (tx) => {
    const a = await one<{ id: string; kind: ApprovalKind; status: string; requested_by: string; case_id: string | null; subject_id: string | null; payload: Record<string, unknown> }>(tx, sql`
      select id, kind, status, requested_by, case_id, subject_id, payload from approvals where id = ${id} and tenant_id = ${ctx.actor.tenantId} for update`);
    if (!a) throw new NotFoundError('Verzoek niet gevonden');
    if (a.requested_by === ctx.actor.userId) throw new ForbiddenError('Vier ogen: een verzoek wordt beoordeeld door een ander dan de aanvrager');
    if (a.status !== 'open') throw new ConflictError('already_decided', 'Over dit verzoek is al besloten');
    await tx.execute(sql`update approvals set status = ${input.decision}, decided_by = ${ctx.actor.userId}, decided_by_name = ${ctx.actor.name},
      decided_at = now(), note = ${input.note.trim()} where id = ${id}`);
    let dataSubjectId: string | null = null;
    if (a.kind === 'export_release') {
      const req = await one<{ person_id: string }>(tx, sql`select person_id from data_subject_requests where release_approval_id = ${id}`);
      dataSubjectId = req?.person_id ?? null;
      if (input.decision === 'goedgekeurd') {
        await tx.execute(sql`update data_subject_requests set released_at = now(), version = version + 1 where release_approval_id = ${id}`);
      }
    }
    if (a.kind === 'triage_override' && a.case_id && a.subject_id) {
      const c = await one<{ status: Status; person_id: string | null }>(tx, sql`select status, person_id from cases where id = ${a.case_id} for update`);
      const r = await one<{ status: Status }>(tx, sql`select status from registrations where id = ${a.subject_id} for update`);
      dataSubjectId = c?.person_id ?? null;
      await recordEvent(ctx, tx, { caseId: a.case_id, registrationId: a.subject_id, type: 'triage_override_reviewed', data: { decision: input.decision, note: input.note.trim() } });
      if (input.decision === 'afgewezen' && c && r) {
        const caseStatus = transition(c.status, 'close');
        const regStatus = transition(r.status, 'triage_heropenen');
        await tx.execute(sql`update cases set status = ${caseStatus}, closed_at = ${today()}, close_reason_code = ${OVERRIDE_REJECTED}, close_reason = ${input.note.trim()},
          updated_at = now(), version = version + 1 where id = ${a.case_id}`);
        await tx.execute(sql`update registrations set status = ${regStatus}, case_id = null, updated_at = now(), version = version + 1 where id = ${a.subject_id}`);
        await recordEvent(ctx, tx, { caseId: a.case_id, registrationId: a.subject_id, type: 'triage_reopened', data: { approvalId: id } });
      }
    }
    if (a.kind === 'partner_secrecy' && a.case_id) {
      const c = await one<{ person_id: string | null }>(tx, sql`select person_id from cases where id = ${a.case_id}`);
      dataSubjectId = c?.person_id ?? null;
      if (input.decision === 'goedgekeurd') {
        const p = a.payload as { partner: string; municipality: string | null; reason: string };
        await addApprovedParticipant(ctx, tx, { id, caseId: a.case_id, requestedBy: a.requested_by, payload: { partner: p.partner, municipality: p.municipality ?? null, reason: p.reason } });
      }
    }
    await logProcessing(ctx, { action: 'update', activity: APPROVAL_ACTIVITY, purpose: APPROVAL_PURPOSE, caseId: a.case_id, dataSubjectId,
      details: { object: 'approval', id, kind: a.kind, decision: input.decision } }, tx);
    return (await one<ApprovalRow>(tx, sql`${SELECT(ctx.actor.userId)} where a.id = ${id}`))!;
  });
}
