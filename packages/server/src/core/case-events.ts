// SPDX-License-Identifier: EUPL-1.2
// The append-only history of a case (and of the registration before it): the timeline.
import type { Ctx } from './context.js';
import type { Executor } from './db/index.js';
import { schema, sql } from './db/index.js';

export type CaseEventType =
  | 'registered' | 'triage_started' | 'triaged' | 'case_opened' | 'case_updated' | 'plan_updated' | 'ave_phase'
  | 'participant_added' | 'participant_removed' | 'agreement_created' | 'agreement_updated' | 'journal_added'
  | 'document_added' | 'closed' | 'reopened' | 'imported' | 'person_merged' | 'journal_withdrawn' | 'journal_corrected'
  | 'transfer_offered' | 'transfer_refused' | 'transfer_accepted' | 'transfer_received' | 'transfer_exported'
  | 'information_answered' | 'partner_request_asked' | 'partner_request_answered'
  | 'outcome_scored'
  | 'advice_recorded' | 'advice_follow_up' | 'escalated' | 'escalation_answered' | 'regie_holder'
  | 'triage_override_reviewed' | 'triage_reopened';

/** Event types a participating partner sees in the timeline (the rest is the ZVH's own work). */
export const PARTNER_VISIBLE_EVENTS: CaseEventType[] = [
  'case_opened', 'plan_updated', 'participant_added', 'participant_removed', 'agreement_created', 'agreement_updated', 'closed', 'reopened',
];

export async function recordEvent(ctx: Ctx, ex: Executor, e: { caseId?: string | null; registrationId?: string | null; type: CaseEventType; data?: Record<string, unknown> }): Promise<void> {
  await ex.insert(schema.caseEvents).values({
    tenantId: ctx.actor.tenantId,
    caseId: e.caseId ?? null,
    registrationId: e.registrationId ?? null,
    actorId: ctx.actor.userId,
    actorName: ctx.actor.name,
    actorOrganisation: ctx.actor.organisationCode,
    type: e.type,
    data: e.data ?? {},
  });
  if (e.caseId) await ex.execute(sql`update cases set last_activity_at = now() where id = ${e.caseId}`);
}
