// SPDX-License-Identifier: EUPL-1.2
// Escalation of stalled agreements and cases (seed 002: "opschalingsmogelijkheid wanneer partners
// gemaakte afspraken niet nakomen"; seed 001: "forceert vooruitgang als het proces stagneert").
// The procesregisseur escalates an agreement or a whole case first to the partner's management,
// then (only after that) to the stuurgroep; each step with a question, a deadline and the answer,
// recorded. Beside it, who holds the regie in each AVE phase. Case events, processing log.
import type { EscalationLevel } from '@zvh/shared';
import type { Ctx } from '../../core/context.js';
import { one, rows, sql, transaction } from '../../core/db/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.js';
import { FieldChecker, loadCodeSets, today } from '../../core/reference-check.js';
import { loadVisibleCase, requirePermission, requireZvh } from '../../core/access.js';
import { recordEvent } from '../../core/case-events.js';
import { logCase } from '../procesregie/service.js';

export interface EscalationInput { agreementId?: string | null; level: EscalationLevel; partner?: string | null; question: string; dueDate: string }
export interface Escalation {
  id: string; caseId: string; agreementId: string | null; agreementTitle: string | null; level: EscalationLevel; partner: string | null; partnerName: string | null;
  question: string; dueDate: string; answer: string | null; answeredAt: string | null; answeredByName: string | null;
  createdAt: string; createdByName: string; overdue: boolean;
}
export interface RegieStep { at: string; phase: number | null; holder: string; holderName: string; actorName: string; reason: string | null }

/** Escalate an agreement or a case. Returns the new escalation's id. */
export async function escalate(ctx: Ctx, caseId: string, input: EscalationInput): Promise<{ id: string }> {
  await loadVisibleCase(ctx, caseId); // not visible: 404 first
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'case.escalate', 'Alleen een procesregisseur kan opschalen');
  const c = new FieldChecker(await loadCodeSets(ctx.db, ctx.actor.tenantId));
  if (!input.question.trim()) c.add('question', 'Stel de vraag aan wie wordt opgeschaald');
  if (input.dueDate < today()) c.add('dueDate', 'De termijn ligt in het verleden');
  if (input.partner) c.partner('partner', input.partner);
  c.throwIfAny();
  return transaction(ctx.db, async (tx) => {
    const ref = await loadVisibleCase(ctx, caseId, { write: true, lock: true, ex: tx });
    let partner = input.partner ?? null;
    if (input.agreementId) {
      const a = await one<{ partner_code: string }>(tx, sql`select partner_code from agreements where id = ${input.agreementId} and case_id = ${caseId}`);
      if (!a) throw new ValidationError('Onbekende afspraak', [{ field: 'agreementId', message: 'Geen afspraak van deze casus' }]);
      partner ??= a.partner_code;
    }
    if (input.level === 'management' && !partner) {
      throw new ValidationError('Ongeldige invoer', [{ field: 'partner', message: 'Naar het management van welke partner wordt opgeschaald?' }]);
    }
    if (input.level === 'stuurgroep') {
      // the stuurgroep comes after the partner's management, for the same agreement (or the case)
      const before = await one(tx, sql`select 1 from escalations where case_id = ${caseId} and level = 'management'
        and agreement_id is not distinct from ${input.agreementId ?? null}::uuid`);
      if (!before) throw new ConflictError('escalation_order', 'Schaal eerst op naar het management van de partner; daarna naar de stuurgroep');
    }
    const created = await one<{ id: string }>(tx, sql`insert into escalations (tenant_id, case_id, agreement_id, level, partner_code, question, due_date, created_by, created_by_name)
      values (${ctx.actor.tenantId}, ${caseId}, ${input.agreementId ?? null}, ${input.level}, ${partner}, ${input.question.trim()}, ${input.dueDate}, ${ctx.actor.userId}, ${ctx.actor.name})
      returning id`);
    const id = created!.id;
    await recordEvent(ctx, tx, { caseId, type: 'escalated', data: { escalationId: id, level: input.level, partner, agreementId: input.agreementId ?? null, dueDate: input.dueDate } });
    await logCase(ctx, ref, 'create', { object: 'escalation', escalationId: id }, tx);
    return { id };
  });
}

/** Records the answer of the management or the stuurgroep (once). */
export async function answerEscalation(ctx: Ctx, id: string, answer: string): Promise<Escalation> {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'case.escalate', 'Alleen een procesregisseur legt het antwoord vast');
  if (!answer.trim()) throw new ValidationError('Ongeldige invoer', [{ field: 'answer', message: 'Leg het antwoord vast' }]);
  const caseId = await transaction(ctx.db, async (tx) => {
    const e = await one<{ case_id: string; answered_at: string | null }>(tx, sql`select case_id, answered_at from escalations
      where id = ${id} and tenant_id = ${ctx.actor.tenantId} for update`);
    if (!e) throw new NotFoundError('Opschaling niet gevonden');
    if (e.answered_at) throw new ConflictError('already_answered', 'Het antwoord op deze opschaling is al vastgelegd');
    const ref = await loadVisibleCase(ctx, e.case_id, { ex: tx });
    await tx.execute(sql`update escalations set answer = ${answer.trim()}, answered_at = now(), answered_by_name = ${ctx.actor.name} where id = ${id}`);
    await recordEvent(ctx, tx, { caseId: e.case_id, type: 'escalation_answered', data: { escalationId: id } });
    await logCase(ctx, ref, 'update', { object: 'escalation', escalationId: id }, tx);
    return e.case_id;
  });
  return (await listEscalations(ctx, caseId)).escalations.find((x) => x.id === id)!;
}

/** The case's escalations and the regie holder per AVE phase (ZVH staff). */
export async function listEscalations(ctx: Ctx, caseId: string): Promise<{ escalations: Escalation[]; regieHolder: string | null; avePhase: number | null; regie: RegieStep[] }> {
  const ref = await loadVisibleCase(ctx, caseId);
  requireZvh(ctx.actor);
  const [escalations, c, regie] = await Promise.all([
    rows<Escalation>(ctx.db, sql`select e.id, e.case_id as "caseId", e.agreement_id as "agreementId", a.title as "agreementTitle", e.level,
        e.partner_code as partner, o.name as "partnerName", e.question, e.due_date::text as "dueDate", e.answer, e.answered_at as "answeredAt",
        e.answered_by_name as "answeredByName", e.created_at as "createdAt", e.created_by_name as "createdByName",
        (e.answered_at is null and e.due_date < current_date) as overdue
      from escalations e left join agreements a on a.id = e.agreement_id
      left join organisations o on o.tenant_id = e.tenant_id and o.code = e.partner_code
      where e.case_id = ${caseId} and e.tenant_id = ${ctx.actor.tenantId} order by e.created_at, e.id`),
    one<{ regie_holder: string | null; ave_phase: number | null }>(ctx.db, sql`select regie_holder, ave_phase from cases where id = ${caseId}`),
    rows<RegieStep>(ctx.db, sql`select ev.at, (ev.data->>'phase')::int as phase, ev.data->>'holder' as holder,
        coalesce(o.name, ev.data->>'holder') as "holderName", ev.actor_name as "actorName", ev.data->>'reason' as reason
      from case_events ev left join organisations o on o.tenant_id = ev.tenant_id and o.code = ev.data->>'holder'
      where ev.case_id = ${caseId} and ev.type = 'regie_holder' order by ev.at, ev.id`),
  ]);
  await logCase(ctx, ref, 'read', { object: 'escalations' });
  return { escalations, regieHolder: c?.regie_holder ?? null, avePhase: c?.ave_phase ?? null, regie };
}

/** Records who holds the regie in the case's current AVE phase (the ZVH or a partner). */
export async function setRegieHolder(ctx: Ctx, caseId: string, input: { holder: string; reason?: string }): Promise<{ regieHolder: string; avePhase: number | null }> {
  await loadVisibleCase(ctx, caseId);
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'case.direct', 'Alleen een procesregisseur kan dit doen');
  const sets = await loadCodeSets(ctx.db, ctx.actor.tenantId);
  if (input.holder !== 'zvh' && !sets.partners.has(input.holder)) {
    throw new ValidationError('Ongeldige invoer', [{ field: 'holder', message: `Onbekende partner "${input.holder}" (of zvh)` }]);
  }
  return transaction(ctx.db, async (tx) => {
    const ref = await loadVisibleCase(ctx, caseId, { write: true, lock: true, ex: tx });
    const c = await one<{ ave_phase: number | null; regie_holder: string | null }>(tx, sql`select ave_phase, regie_holder from cases where id = ${caseId}`);
    if (c!.regie_holder === input.holder) throw new ConflictError('unchanged', 'Deze partij heeft de regie al');
    await tx.execute(sql`update cases set regie_holder = ${input.holder}, version = version + 1, updated_at = now() where id = ${caseId}`);
    await recordEvent(ctx, tx, { caseId, type: 'regie_holder', data: { phase: c!.ave_phase, holder: input.holder, from: c!.regie_holder, reason: input.reason?.trim() || null } });
    await logCase(ctx, ref, 'update', { object: 'regie_holder' }, tx);
    return { regieHolder: input.holder, avePhase: c!.ave_phase };
  });
}
