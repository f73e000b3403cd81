// SPDX-License-Identifier: EUPL-1.2
// Monitoring: "Mijn werk". Open agreements of the user's organisation (overdue first); for a
// procesregisseur also cases with overdue agreements, cases without activity for 30 days and
// registrations waiting for triage longer than 5 working days.
import type { Ctx } from '../../core/context.js';
import { isZvhStaff } from '../../core/context.js';
import { rows, sql } from '../../core/db/index.js';
import { agreementOwnedBy, allowed, caseIsOpen, caseVisibleTo, registrationVisibleTo } from '../../core/access.js';
import { logProcessing } from '../../core/processing-log.js';
import { REGISTRATION_PURPOSE } from '../aanmelding/service.js';

export const INACTIVE_DAYS = 30;
export const TRIAGE_WAIT_WORKDAYS = 5;

/** Working days (Monday to Friday) after `from` up to and including today. */
const workdaysSince = (col: ReturnType<typeof sql>) =>
  sql`zvh_workdays(${col}, current_date)`;

export async function myWork(ctx: Ctx) {
  const { actor } = ctx;
  const agreements = await rows<{ caseId: string; personId: string; purpose: string; registrationId: string } & Record<string, unknown>>(ctx.db, sql`
    select a.id, a.title, a.due_date as "dueDate", a.status, a.partner_code as partner, a.responsible_person as "responsiblePerson",
           coalesce(a.due_date < current_date, false) as overdue, c.id as "caseId", c.purpose, c.person_id as "personId", c.registration_id as "registrationId",
           p.first_name || ' ' || p.last_name as "subjectName"
      from agreements a join cases c on c.id = a.case_id join persons p on p.id = c.person_id
     where ${caseVisibleTo(actor)} and a.status = 'open' and ${agreementOwnedBy(actor)}
       and ${caseIsOpen()}
     order by (a.due_date < current_date) desc nulls last, a.due_date nulls last
     limit 200`);
  let casesWithOverdue: Record<string, unknown>[] = [];
  let inactiveCases: Record<string, unknown>[] = [];
  let waitingTriage: Record<string, unknown>[] = [];
  if (isZvhStaff(actor) && allowed(actor, 'triage.decide')) {
    const mine = allowed(actor, 'case.direct') ? sql`and (c.regisseur_id = ${actor.userId} or c.regisseur_id is null)` : sql``;
    casesWithOverdue = await rows(ctx.db, sql`
      select c.id, c.purpose, c.person_id as "personId", c.registration_id as "registrationId", p.first_name || ' ' || p.last_name as "subjectName",
             count(*)::int as "overdueAgreements", min(a.due_date) as "oldestDueDate"
        from cases c join agreements a on a.case_id = c.id join persons p on p.id = c.person_id
       where ${caseVisibleTo(actor)} ${mine} and ${caseIsOpen()} and a.status = 'open' and a.due_date < current_date
       group by c.id, p.id order by min(a.due_date) limit 200`);
    inactiveCases = await rows(ctx.db, sql`
      select c.id, c.purpose, c.person_id as "personId", c.registration_id as "registrationId", p.first_name || ' ' || p.last_name as "subjectName",
             c.last_activity_at as "lastActivityAt"
        from cases c join persons p on p.id = c.person_id
       where ${caseVisibleTo(actor)} ${mine} and ${caseIsOpen()}
         and c.last_activity_at < now() - make_interval(days => ${INACTIVE_DAYS})
       order by c.last_activity_at limit 200`);
    waitingTriage = await rows(ctx.db, sql`
      select r.id, r.registered_at as "registeredAt", r.kind, r.urgency, r.status, r.person_id as "personId", p.first_name || ' ' || p.last_name as "subjectName",
             ${workdaysSince(sql`r.registered_at`)} as "waitingWorkdays"
        from registrations r join persons p on p.id = r.person_id
       where ${registrationVisibleTo(actor)} and r.status in ('aangemeld', 'in_triage')
         and ${workdaysSince(sql`r.registered_at`)} > ${TRIAGE_WAIT_WORKDAYS}
       order by r.registered_at limit 200`);
  }
  const caseRows = [...agreements, ...casesWithOverdue, ...inactiveCases] as { id?: string; caseId?: string; personId: string; purpose: string; registrationId: string }[];
  await logProcessing(ctx, [
    ...caseRows.map((r) => ({ action: 'read' as const, activity: 'monitoring', purpose: r.purpose, caseId: r.caseId ?? r.id, registrationId: r.registrationId, dataSubjectId: r.personId, details: { view: 'mijn-werk' } })),
    ...waitingTriage.map((r) => ({ action: 'read' as const, activity: 'monitoring', purpose: REGISTRATION_PURPOSE, registrationId: r.id as string, dataSubjectId: r.personId as string, details: { view: 'mijn-werk' } })),
  ]);
  const strip = <T extends Record<string, unknown>>(list: T[]) => list.map(({ personId: _p, registrationId: _r, ...rest }) => rest);
  return { agreements: strip(agreements), casesWithOverdue: strip(casesWithOverdue), inactiveCases: strip(inactiveCases), waitingTriage: strip(waitingTriage) };
}
