// SPDX-License-Identifier: EUPL-1.2
// In-app notifications per user. They are derived from the state of the cases and registrations
// the user may see (caseVisibleTo / registrationVisibleTo), at most once per user, kind and
// subject: an agreement assigned to my organisation, an agreement of mine (or, for the
// procesregisseur, on my case) that became overdue, a registration waiting for triage. A
// notification whose case the user can no longer see is no longer shown.
import type { Ctx } from '../../core/context.js';
import { one, rows, sql } from '../../core/db/index.js';
import { allowed, caseIsOpen, caseVisibleTo, registrationVisibleTo } from '../../core/access.js';
import { NotFoundError } from '../../core/errors.js';
import { logProcessing } from '../../core/processing-log.js';
import { addDays, dayRange } from '../../core/day-sections.js';
import { REGISTRATION_PURPOSE } from '../aanmelding/service.js';
import { directs, ownAgreements } from './service.js';

export const NOTIFICATION_KINDS = ['agreement_assigned', 'agreement_overdue', 'registration_waiting'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
/** Only what happened in the last 14 days becomes a notification (no flood of old history). */
export const NOTIFY_LOOKBACK_DAYS = 14;

/** Creates the notifications the user does not have yet; returns how many were new. */
export async function refreshNotifications(ctx: Ctx, now: Date = new Date()): Promise<number> {
  const { actor } = ctx;
  const today = dayRange(now).date;
  const since = addDays(today, -NOTIFY_LOOKBACK_DAYS);
  let created = 0;
  const count = (r: { n: number } | undefined) => { created += r?.n ?? 0; };
  count(await one<{ n: number }>(ctx.db, sql`
    with ins as (
      insert into notifications (tenant_id, user_id, kind, subject_id, case_id)
      select ${actor.tenantId}, ${actor.userId}, 'agreement_assigned', a.id, c.id
        from agreements a join cases c on c.id = a.case_id
       where ${ownAgreements(actor)} and a.created_by is distinct from ${actor.userId}
         and (a.created_at at time zone 'Europe/Amsterdam')::date >= ${since}::date
      on conflict do nothing returning 1)
    select count(*)::int as n from ins`));
  const regisseurCases = allowed(actor, 'case.direct') && directs(actor)
    ? sql`or (${caseVisibleTo(actor)} and ${caseIsOpen()} and a.status = 'open' and c.regisseur_id = ${actor.userId})`
    : sql``;
  count(await one<{ n: number }>(ctx.db, sql`
    with ins as (
      insert into notifications (tenant_id, user_id, kind, subject_id, case_id)
      select ${actor.tenantId}, ${actor.userId}, 'agreement_overdue', a.id, c.id
        from agreements a join cases c on c.id = a.case_id
       where ((${ownAgreements(actor)}) ${regisseurCases})
         and a.due_date < ${today}::date and a.due_date >= ${since}::date
      on conflict do nothing returning 1)
    select count(*)::int as n from ins`));
  if (directs(actor)) {
    count(await one<{ n: number }>(ctx.db, sql`
      with ins as (
        insert into notifications (tenant_id, user_id, kind, subject_id, registration_id)
        select ${actor.tenantId}, ${actor.userId}, 'registration_waiting', r.id, r.id
          from registrations r
         where ${registrationVisibleTo(actor)} and r.status = 'aangemeld' and r.registered_at >= ${since}::date
           and r.registered_by is distinct from ${actor.userId}
        on conflict do nothing returning 1)
      select count(*)::int as n from ins`));
  }
  return created;
}

/** Only notifications whose case or registration the user may still see. */
function visibleNotification(ctx: Ctx) {
  return sql`n.user_id = ${ctx.actor.userId} and n.tenant_id = ${ctx.actor.tenantId} and (
      (n.case_id is not null and exists (select 1 from cases c where c.id = n.case_id and ${caseVisibleTo(ctx.actor)}))
   or (n.registration_id is not null and exists (select 1 from registrations r where r.id = n.registration_id and ${registrationVisibleTo(ctx.actor)})))`;
}

export async function unreadCount(ctx: Ctx, now: Date = new Date()): Promise<{ unread: number }> {
  await refreshNotifications(ctx, now);
  const r = await one<{ n: number }>(ctx.db, sql`select count(*)::int as n from notifications n where ${visibleNotification(ctx)} and n.read_at is null`);
  return { unread: r?.n ?? 0 };
}

export interface NotificationItem {
  id: string; kind: NotificationKind; createdAt: string; readAt: string | null;
  caseId: string | null; caseNumber: string | null; registrationId: string | null;
  agreementTitle: string | null; dueDate: string | null; registeredAt: string | null;
}

/** The latest notifications (unread first). They name the case by its number, never the person. */
export async function listNotifications(ctx: Ctx, now: Date = new Date()): Promise<NotificationItem[]> {
  await refreshNotifications(ctx, now);
  const list = await rows<NotificationItem & { purpose: string | null; personId: string | null; regPersonId: string | null; caseRegistrationId: string | null }>(ctx.db, sql`
    select n.id, n.kind, n.created_at as "createdAt", n.read_at as "readAt", n.case_id as "caseId", c.case_number as "caseNumber",
           n.registration_id as "registrationId", a.title as "agreementTitle", a.due_date as "dueDate", r.registered_at as "registeredAt",
           c.purpose, c.person_id as "personId", c.registration_id as "caseRegistrationId", r.person_id as "regPersonId"
      from notifications n
      left join cases c on c.id = n.case_id
      left join agreements a on a.id = n.subject_id and n.kind in ('agreement_assigned', 'agreement_overdue')
      left join registrations r on r.id = n.registration_id
     where ${visibleNotification(ctx)}
     order by n.read_at is null desc, n.created_at desc
     limit 100`);
  const details = { view: 'meldingen' };
  await logProcessing(ctx, list.map((n) => n.caseId
    ? { action: 'read' as const, activity: 'monitoring', purpose: n.purpose!, caseId: n.caseId, registrationId: n.caseRegistrationId, dataSubjectId: n.personId, details }
    : { action: 'read' as const, activity: 'monitoring', purpose: REGISTRATION_PURPOSE, registrationId: n.registrationId, dataSubjectId: n.regPersonId, details }));
  return list.map(({ purpose: _p, personId: _q, regPersonId: _r, caseRegistrationId: _s, ...rest }) => rest);
}

export async function markRead(ctx: Ctx, id: string): Promise<{ id: string; readAt: string }> {
  const r = await one<{ id: string; readAt: string }>(ctx.db, sql`
    update notifications n set read_at = coalesce(n.read_at, now()) where n.id = ${id} and ${visibleNotification(ctx)}
    returning n.id, n.read_at as "readAt"`);
  if (!r) throw new NotFoundError('Melding niet gevonden');
  return r;
}

export async function markAllRead(ctx: Ctx): Promise<{ marked: number }> {
  const r = await one<{ n: number }>(ctx.db, sql`
    with upd as (update notifications n set read_at = now() where ${visibleNotification(ctx)} and n.read_at is null returning 1)
    select count(*)::int as n from upd`);
  return { marked: r?.n ?? 0 };
}
