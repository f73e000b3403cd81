// SPDX-License-Identifier: EUPL-1.2
// Afsluiting: closing needs a reason code and an evaluation; open agreements must be closed or
// explicitly carried over first. A regisseur can reopen with a reason.
import type { Ctx } from '../../core/context.js';
import { one, rows, sql, transaction } from '../../core/db/index.js';
import { loadVisibleCase, requireRegisseur } from '../../core/access.js';
import { ConflictError, ValidationError } from '../../core/errors.js';
import { FieldChecker, loadCodeSets, today } from '../../core/reference-check.js';
import { transition } from '../../core/workflow.js';
import { recordEvent } from '../../core/case-events.js';
import { logCase } from '../procesregie/service.js';

export interface CloseInput {
  reason: string;
  reasonCode?: string;
  evaluation?: { goalsMet?: 'ja' | 'deels' | 'nee'; helped?: string; stalled?: string };
  handoverPartner?: string;
  handoverNote?: string;
  carryOver?: string[];
}

export async function closeCase(ctx: Ctx, caseId: string, input: CloseInput) {
  await loadVisibleCase(ctx, caseId); // not visible: 404 before any other answer
  requireRegisseur(ctx.actor, 'Alleen een procesregisseur kan een casus afsluiten of heropenen');
  const reasonCode = input.reasonCode ?? 'overig';
  const c = new FieldChecker(await loadCodeSets(ctx.db, ctx.actor.tenantId));
  c.code('reasonCode', 'closeReason', reasonCode, true);
  if (reasonCode === 'overgedragen') {
    if (!input.handoverPartner) c.add('handoverPartner', 'Naar welke partner is de casus overgedragen?');
    else c.partner('handoverPartner', input.handoverPartner);
    if (!input.handoverNote?.trim()) c.add('handoverNote', 'Een warme overdracht vraagt een overdrachtsnotitie');
  }
  c.throwIfAny();
  return transaction(ctx.db, async (tx) => {
    const ref = await loadVisibleCase(ctx, caseId, { lock: true, ex: tx });
    const status = transition(ref.status, 'close');
    const carry = new Set(input.carryOver ?? []);
    const open = await rows<{ id: string; title: string }>(tx, sql`select id, title from agreements where case_id = ${caseId} and status = 'open'`);
    const unknown = [...carry].filter((id) => !open.some((a) => a.id === id));
    if (unknown.length) throw new ValidationError('Onbekende afspraak', [{ field: 'carryOver', message: 'Alleen open afspraken van deze casus kunnen worden overgedragen' }]);
    const blocking = open.filter((a) => !carry.has(a.id));
    if (blocking.length) {
      throw new ConflictError('open_agreements', 'Sluit de open afspraken eerst af of draag ze expliciet over', blocking);
    }
    if (carry.size) {
      await tx.execute(sql`update agreements set carried_over = true, version = version + 1, updated_at = now()
        where case_id = ${caseId} and id in (${sql.join([...carry].map((id) => sql`${id}`), sql`, `)})`);
    }
    const evaluation = { goalsMet: input.evaluation?.goalsMet ?? null, helped: input.evaluation?.helped ?? null, stalled: input.evaluation?.stalled ?? null, handoverNote: input.handoverNote ?? null };
    const res = await one<{ version: number }>(tx, sql`update cases set status = ${status}, closed_at = ${today()}, close_reason_code = ${reasonCode},
        close_reason = ${input.reason}, handover_partner = ${input.handoverPartner ?? null}, evaluation = ${JSON.stringify(evaluation)}::jsonb,
        version = version + 1, updated_at = now()
      where id = ${caseId} returning version`);
    await tx.execute(sql`update registrations set status = ${status}, updated_at = now() where id = ${ref.registrationId}`);
    await recordEvent(ctx, tx, { caseId, type: 'closed', data: { reasonCode, carriedOver: [...carry], handoverPartner: input.handoverPartner ?? null } });
    await logCase(ctx, ref, 'update', { object: 'case', change: 'closed' }, tx);
    return { id: caseId, status, closedAt: today(), version: res!.version };
  });
}

export async function reopenCase(ctx: Ctx, caseId: string, reason: string) {
  await loadVisibleCase(ctx, caseId);
  requireRegisseur(ctx.actor, 'Alleen een procesregisseur kan een casus afsluiten of heropenen');
  return transaction(ctx.db, async (tx) => {
    const ref = await loadVisibleCase(ctx, caseId, { lock: true, ex: tx });
    const status = transition(ref.status, 'reopen');
    // the previous closure stays in the history (the event), the case itself is open again
    const previous = await one<Record<string, unknown>>(tx, sql`select closed_at as "closedAt", close_reason_code as "reasonCode", close_reason as reason,
      handover_partner as "handoverPartner", evaluation from cases where id = ${caseId}`);
    const res = await one<{ version: number }>(tx, sql`update cases set status = ${status}, closed_at = null, close_reason_code = null, close_reason = null,
        handover_partner = null, evaluation = null, version = version + 1, updated_at = now()
      where id = ${caseId} returning version`);
    await tx.execute(sql`update registrations set status = ${status}, updated_at = now() where id = ${ref.registrationId}`);
    await recordEvent(ctx, tx, { caseId, type: 'reopened', data: { reason, previousClosure: previous ?? null } });
    await logCase(ctx, ref, 'update', { object: 'case', change: 'reopened' }, tx);
    return { id: caseId, status, version: res!.version };
  });
}
