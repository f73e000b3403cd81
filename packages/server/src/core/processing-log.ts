// SPDX-License-Identifier: EUPL-1.2
// The processing log (verwerkingenlog), shaped after the national "Logboek Dataverwerkingen"
// standard. Every module calls logProcessing for every read, create, update, delete and export
// of personal data, inside the same transaction as the work itself where there is one; a hot read
// (the case file) uses loggedRead, which writes the same entries in the read's own statement.
import type { Actor, Ctx, SystemActor } from './context.js';
import type { SQL } from 'drizzle-orm';
import type { Executor } from './db/index.js';
import { schema, sql } from './db/index.js';

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
 * A read and its log entries in ONE statement (issue 12: a case read was a round trip for the
 * read and another for the log insert): `select` must return the columns `id` (the case),
 * `registrationId`, `purpose` and `subjectIds` (uuid[], every data subject whose data the answer
 * shows; none: one entry without a data subject). A data-modifying CTE writes one 'read' entry per
 * subject, with the same columns as logProcessing, for the rows the select returns and only for
 * them; a select that finds nothing logs nothing (the caller logs the refusal, core/access refuse).
 * The entries commit with the read or not at all. Wrapped here so that the log's shape stays in
 * this one file.
 */
export function loggedRead(ctx: Ctx, select: SQL, e: { activity: string; details?: Record<string, unknown> }): SQL {
  return sql`with r as materialized (${select}),
    l as (insert into processing_log (trace_id, tenant_id, activity, purpose, action, actor_user_id, actor_email, actor_organisation,
                                      data_subject_ref, case_id, registration_id, outcome, details, responsible_partner)
          select ${ctx.traceId}, ${ctx.actor.tenantId}::uuid, ${e.activity}, r.purpose, 'read', ${ctx.actor.userId}::uuid, ${ctx.actor.email},
                 ${ctx.actor.organisationCode}, s.subject, r.id, r."registrationId", 'success', ${e.details ? JSON.stringify(e.details) : null}::jsonb,
                 ${responsiblePartner(ctx)}
            from r cross join lateral unnest(case when cardinality(r."subjectIds") > 0 then r."subjectIds" else array[null]::uuid[] end) s(subject))
    select * from r`;
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
