// SPDX-License-Identifier: EUPL-1.2
// A retention extension of one closed case: a reason and an until-date, holding only once a
// second ZVH person approved it (four eyes); the daily retention run leaves such a case alone.
import type { Ctx } from '../../core/context.js';
import { rows, sql, transaction } from '../../core/db/index.js';
import { loadVisibleCase, requirePermission, requireZvh } from '../../core/access.js';
import { ValidationError } from '../../core/errors.js';
import { logProcessing } from '../../core/processing-log.js';
import { today } from '../../core/reference-check.js';
import { requestApproval } from '../goedkeuring/service.js';
import { RETENTION_ACTIVITY, RETENTION_PURPOSE } from './retention.js';

export async function requestExtension(ctx: Ctx, caseId: string, input: { reason: string; until: string }) {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'retention.extend', 'U mag geen verlenging van de bewaartermijn aanvragen');
  if (input.until <= today()) throw new ValidationError('Einddatum ligt niet in de toekomst', [{ field: 'body.until', message: 'Kies een datum na vandaag' }]);
  const ref = await loadVisibleCase(ctx, caseId);
  return transaction(ctx.db, async (tx) => {
    const approvalId = await requestApproval(ctx, tx, { kind: 'retention_extension', caseId, dataSubjectId: ref.personId,
      summary: `Bewaartermijn verlengen tot ${input.until}: ${input.reason.trim().slice(0, 300)}` });
    await tx.execute(sql`insert into retention_extensions (tenant_id, case_id, reason, until, approval_id, requested_by)
      values (${ctx.actor.tenantId}, ${caseId}, ${input.reason.trim()}, ${input.until}::date, ${approvalId}, ${ctx.actor.userId})`);
    await logProcessing(ctx, { action: 'update', activity: RETENTION_ACTIVITY, purpose: RETENTION_PURPOSE, caseId, dataSubjectId: ref.personId,
      details: { object: 'retentionExtension', until: input.until, approvalId } }, tx);
    return { approvalId };
  });
}

export async function listExtensions(ctx: Ctx) {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'privacy.manage', 'Alleen de privacyfunctionaris');
  return rows<{ id: string; caseId: string; caseNumber: string | null; reason: string; until: string; status: string; requestedAt: string; decidedByName: string | null }>(ctx.db, sql`
    select x.id, x.case_id as "caseId", c.case_number as "caseNumber", x.reason, x.until, a.status, x.created_at as "requestedAt", a.decided_by_name as "decidedByName"
      from retention_extensions x join approvals a on a.id = x.approval_id join cases c on c.id = x.case_id
     where x.tenant_id = ${ctx.actor.tenantId} order by x.created_at desc`);
}
