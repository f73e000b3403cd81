// SPDX-License-Identifier: EUPL-1.2
// Werkdag: the start page of the procesregisseur and the partner professional. My open
// agreements (overdue first; for a partner its organisation's), the cases that need attention
// (overdue agreements, no activity for 30 days, AVE phase raised), the registrations waiting for
// triage, and the sections other modules provide (core/day-sections.ts: meetings, minutes).
// Access through caseVisibleTo / registrationVisibleTo inside the SQL; every row with personal
// data shown is logged with logProcessing.
import type { Actor, Ctx } from '../../core/context.js';
import { isZvhStaff } from '../../core/context.js';
import { rows, sql } from '../../core/db/index.js';
import { agreementOwnedBy, allowed, caseIsOpen, caseVisibleTo, registrationVisibleTo } from '../../core/access.js';
import { logProcessing } from '../../core/processing-log.js';
import type { ProcessingEntry } from '../../core/processing-log.js';
import { addDays, daySections, dayRange } from '../../core/day-sections.js';
import type { DaySection } from '../../core/day-sections.js';
import { REGISTRATION_PURPOSE } from '../aanmelding/service.js';

const ACTIVITY = 'monitoring';
/** A case needs attention when nothing happened on it for this many days (day 30 counts). */
export const INACTIVE_DAYS = 30;
/** A raised AVE phase stays a signal for this many days (the day itself counts as day 0). */
export const AVE_UP_DAYS = 14;
/** A registration waiting longer than this many working days is late. */
export const TRIAGE_WAIT_WORKDAYS = 5;

export interface WerkdagAgreement {
  id: string; title: string; dueDate: string | null; status: string; partner: string; responsiblePerson: string | null;
  overdue: boolean; caseId: string; caseNumber: string | null; subjectName: string;
}
export type AttentionReason = 'overdue' | 'inactive' | 'ave_up';
export interface AttentionCase {
  id: string; caseNumber: string | null; subjectName: string; purpose: string; avePhase: number | null;
  overdueAgreements: number; oldestDueDate: string | null; lastActivityAt: string; inactiveDays: number;
  aveRaisedOn: string | null; aveFrom: number | null; reasons: AttentionReason[];
}
export interface WaitingRegistration {
  id: string; registeredAt: string; kind: string; urgency: string; status: string; subjectName: string; waitingWorkdays: number; late: boolean;
}
export interface Werkdag {
  date: string; weekStart: string; weekEnd: string;
  agreements: WerkdagAgreement[]; attention: AttentionCase[]; waitingTriage: WaitingRegistration[]; sections: DaySection[];
}

/** The procesregisseur and informatiemakelaar of the ZVH direct cases; partners do not. */
export function directs(actor: Actor): boolean {
  return isZvhStaff(actor) && allowed(actor, 'triage.decide');
}
/** A procesregisseur sees the own cases and the unassigned ones; the informatiemakelaar all. */
export function mineFilter(actor: Actor) {
  return allowed(actor, 'case.direct') ? sql`and (c.regisseur_id = ${actor.userId} or c.regisseur_id is null)` : sql``;
}
/** The open agreements the actor is to act on: the own organisation's (for a regisseur on the own cases). */
export function ownAgreements(actor: Actor) {
  return sql`${caseVisibleTo(actor)} and ${caseIsOpen()} and a.status = 'open' and ${agreementOwnedBy(actor)}
    ${isZvhStaff(actor) ? mineFilter(actor) : sql``}`;
}
const workdaysBetween = (from: ReturnType<typeof sql>, to: string) =>
  sql`zvh_workdays(${from}, ${to}::date)`;
const localDate = (col: ReturnType<typeof sql>) => sql`(${col} at time zone 'Europe/Amsterdam')::date`;

export async function werkdag(ctx: Ctx, now: Date = new Date()): Promise<Werkdag> {
  const { actor } = ctx;
  const day = dayRange(now);
  const today = day.date;
  const agreements = await rows<WerkdagAgreement & { personId: string; purpose: string; registrationId: string }>(ctx.db, sql`
    select a.id, a.title, a.due_date as "dueDate", a.status, a.partner_code as partner, a.responsible_person as "responsiblePerson",
           coalesce(a.due_date < ${today}::date, false) as overdue, c.id as "caseId", c.case_number as "caseNumber",
           p.first_name || ' ' || p.last_name as "subjectName", c.purpose, c.person_id as "personId", c.registration_id as "registrationId"
      from agreements a join cases c on c.id = a.case_id join persons p on p.id = c.person_id
     where ${ownAgreements(actor)}
     order by coalesce(a.due_date < ${today}::date, false) desc, a.due_date nulls last, a.created_at
     limit 200`);

  let attention: (AttentionCase & { personId: string; registrationId: string })[] = [];
  let waitingTriage: (WaitingRegistration & { personId: string })[] = [];
  if (directs(actor)) {
    attention = await rows(ctx.db, sql`
      with base as (
        select c.id, c.case_number as "caseNumber", p.first_name || ' ' || p.last_name as "subjectName", c.purpose, c.ave_phase as "avePhase",
               c.last_activity_at as "lastActivityAt", c.person_id as "personId", c.registration_id as "registrationId",
               (${today}::date - ${localDate(sql`c.last_activity_at`)})::int as "inactiveDays",
               (select count(*) from agreements a where a.case_id = c.id and a.status = 'open' and a.due_date < ${today}::date)::int as "overdueAgreements",
               (select min(a.due_date) from agreements a where a.case_id = c.id and a.status = 'open' and a.due_date < ${today}::date) as "oldestDueDate",
               up.on_date as "aveRaisedOn", up.from_phase as "aveFrom"
          from cases c join persons p on p.id = c.person_id
          left join lateral (
            select ${localDate(sql`e.at`)} as on_date, (e.data->>'from')::int as from_phase
              from case_events e
             where e.case_id = c.id and e.type = 'ave_phase' and e.data->>'from' is not null
               and (e.data->>'to')::int > (e.data->>'from')::int
               and ${localDate(sql`e.at`)} >= ${today}::date - ${AVE_UP_DAYS}::int
             order by e.at desc limit 1) up on true
         where ${caseVisibleTo(actor)} ${mineFilter(actor)} and ${caseIsOpen()}
      )
      select *, array_remove(array[
               case when "overdueAgreements" > 0 then 'overdue' end,
               case when "inactiveDays" >= ${INACTIVE_DAYS}::int then 'inactive' end,
               case when "aveRaisedOn" is not null then 'ave_up' end], null) as reasons
        from base
       where "overdueAgreements" > 0 or "inactiveDays" >= ${INACTIVE_DAYS}::int or "aveRaisedOn" is not null
       order by "overdueAgreements" > 0 desc, "oldestDueDate" nulls last, "aveRaisedOn" desc nulls last, "lastActivityAt"
       limit 200`);
    waitingTriage = await rows(ctx.db, sql`
      select r.id, r.registered_at as "registeredAt", r.kind, r.urgency, r.status, r.person_id as "personId",
             p.first_name || ' ' || p.last_name as "subjectName",
             ${workdaysBetween(sql`r.registered_at`, today)} as "waitingWorkdays",
             ${workdaysBetween(sql`r.registered_at`, today)} > ${TRIAGE_WAIT_WORKDAYS}::int as late
        from registrations r join persons p on p.id = r.person_id
       where ${registrationVisibleTo(actor)} and r.status in ('aangemeld', 'in_triage')
       order by r.registered_at, r.created_at limit 200`);
  }
  const sections = await daySections(ctx, day);

  const entries: ProcessingEntry[] = [];
  const seen = new Set<string>();
  const details = { view: 'werkdag' };
  for (const a of agreements) {
    if (seen.has(a.caseId)) continue;
    seen.add(a.caseId);
    entries.push({ action: 'read', activity: ACTIVITY, purpose: a.purpose, caseId: a.caseId, registrationId: a.registrationId, dataSubjectId: a.personId, details });
  }
  for (const c of attention) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    entries.push({ action: 'read', activity: ACTIVITY, purpose: c.purpose, caseId: c.id, registrationId: c.registrationId, dataSubjectId: c.personId, details });
  }
  for (const r of waitingTriage) {
    entries.push({ action: 'read', activity: ACTIVITY, purpose: REGISTRATION_PURPOSE, registrationId: r.id, dataSubjectId: r.personId, details });
  }
  await logProcessing(ctx, entries);

  return {
    ...day,
    agreements: agreements.map(({ personId: _p, registrationId: _r, purpose: _u, ...rest }) => rest),
    attention: attention.map(({ personId: _p, registrationId: _r, ...rest }) => rest),
    waitingTriage: waitingTriage.map(({ personId: _p, ...rest }) => rest),
    sections,
  };
}

export { addDays };
