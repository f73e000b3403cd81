// SPDX-License-Identifier: EUPL-1.2
// The processing log (verwerkingenlog), shaped after the national "Logboek Dataverwerkingen"
// standard. Every module calls logProcessing for every read, create, update, delete and export
// of personal data, inside the same transaction as the work itself where there is one.
import type { Actor, Ctx, SystemActor } from './context.js';
import type { Executor } from './db/index.js';
import { schema } from './db/index.js';

export type ProcessingAction = 'read' | 'create' | 'update' | 'delete' | 'export';

export interface ProcessingEntry {
  action: ProcessingAction;
  /** The processing activity (verwerkingsactiviteit), e.g. 'procesregie', 'triage', 'aanmelding'. */
  activity: string;
  /** The purpose (doelbinding): the case's purpose where there is a case. */
  purpose: string;
  caseId?: string | null;
  registrationId?: string | null;
  dataSubjectId?: string | null;
  outcome?: 'success' | 'denied' | 'error';
  /** What was touched (e.g. {object:'agreement', id}); never personal data itself. */
  details?: Record<string, unknown>;
}

export async function logProcessing(ctx: Ctx, entries: ProcessingEntry | ProcessingEntry[], ex: Executor = ctx.db): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await ex.insert(schema.processingLog).values(list.map((e) => ({
    traceId: ctx.traceId,
    tenantId: ctx.actor.tenantId,
    activity: e.activity,
    purpose: e.purpose,
    action: e.action,
    actorUserId: ctx.actor.userId,
    actorEmail: ctx.actor.email,
    actorOrganisation: ctx.actor.organisationCode,
    dataSubjectRef: e.dataSubjectId ?? null,
    caseId: e.caseId ?? null,
    registrationId: e.registrationId ?? null,
    outcome: e.outcome ?? 'success',
    details: e.details ?? null,
    responsiblePartner: responsiblePartner(ctx),
  })));
}

/**
 * The partner responsible for a processing (docs/privacy.md "Verwerkingenlog"): under the WGS the
 * partners of the ZVH are joint controllers, each responsible for what its own people do. So the
 * actor's organisation; for ZVH staff and the system jobs the ZVH itself (organisation `zvh` of
 * the tenant, which the export names with the tenant's name).
 */
export function responsiblePartner(ctx: { actor: Pick<Actor | SystemActor, 'organisationCode'> }): string {
  return ctx.actor.organisationCode;
}

export async function logSecurity(ex: Executor, e: {
  event: string; outcome: 'success' | 'failure'; email?: string | null; userId?: string | null; tenantId?: string | null; ip?: string | null; details?: Record<string, unknown>;
}): Promise<void> {
  await ex.insert(schema.securityLog).values({
    event: e.event, outcome: e.outcome, email: e.email ?? null, userId: e.userId ?? null, tenantId: e.tenantId ?? null, ip: e.ip ?? null, details: e.details ?? null,
  });
}
