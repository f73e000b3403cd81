// SPDX-License-Identifier: EUPL-1.2
// The informatieknooppunt part of the working day (start page): for a partner professional the
// questions the ZVH asked of their organisation (department) that are still open, overdue first;
// for the ZVH's informatiemakelaar or procesregisseur the questions they asked that are overdue,
// and for the informatiemakelaar the information requests waiting for an answer. A question is
// overdue the day after its due date (due today is not overdue). Reads are logged.
import { allowed } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { isZvhStaff } from '../../core/context.js';
import type { DayRange, DaySection } from '../../core/day-sections.js';
import { rows, sql } from '../../core/db/index.js';
import { logProcessing } from '../../core/processing-log.js';
import { REGISTRATION_PURPOSE } from '../aanmelding/service.js';
import { ACTIVITY, INFORMATION_PURPOSE, requestAskedOf } from './service.js';

interface Row {
  id: string; question: string; dueDate: string; partnerName: string; subjectName: string; personId: string;
  caseId: string | null; caseNumber: string | null; registrationId: string | null; purpose: string | null;
}

const dmy = (d: string) => `${d.slice(8, 10)}-${d.slice(5, 7)}-${d.slice(0, 4)}`;

export async function partnerRequestDaySections(ctx: Ctx, day: DayRange): Promise<DaySection[]> {
  const { actor } = ctx;
  const sections: DaySection[] = [];
  const zvh = isZvhStaff(actor);
  if (allowed(actor, 'partnerRequest.answer') && !zvh) {
    const open = await rows<Row>(ctx.db, sql`
      select pr.id, pr.question, pr.due_date as "dueDate", '' as "partnerName", p.first_name || ' ' || p.last_name as "subjectName", p.id as "personId",
             pr.case_id as "caseId", null as "caseNumber", pr.registration_id as "registrationId", c.purpose
        from partner_requests pr left join cases c on c.id = pr.case_id left join registrations r on r.id = pr.registration_id
        join persons p on p.id = coalesce(c.person_id, r.person_id)
       where pr.tenant_id = ${actor.tenantId} and pr.status = 'open' and ${requestAskedOf(ctx)}
       order by pr.due_date, pr.asked_at limit 50`);
    await logProcessing(ctx, open.map((q) => ({
      action: 'read' as const, activity: ACTIVITY, purpose: q.purpose ?? REGISTRATION_PURPOSE, caseId: q.caseId, registrationId: q.registrationId,
      dataSubjectId: q.personId, details: { view: 'werkdag', partnerRequest: q.id },
    })));
    sections.push({
      key: 'informatieknooppunt.asked',
      title: 'Vragen van het Zorg- en Veiligheidshuis aan uw organisatie',
      emptyText: 'Geen openstaande vragen.',
      entries: open.map((q) => ({
        id: q.id, title: q.subjectName, href: '/vragen-aan-partners', when: q.dueDate,
        status: q.dueDate < day.date ? `termijn verstreken (${dmy(q.dueDate)})` : `uiterlijk ${dmy(q.dueDate)}`,
        items: [{ id: `${q.id}-vraag`, title: q.question }],
      })),
    });
  }
  if (zvh && allowed(actor, 'partnerRequest.ask')) {
    const overdue = await rows<Row>(ctx.db, sql`
      select pr.id, pr.question, pr.due_date as "dueDate",
             coalesce((select o.name from organisations o where o.tenant_id = pr.tenant_id and o.code = pr.partner_code), pr.partner_code) as "partnerName",
             p.first_name || ' ' || p.last_name as "subjectName", p.id as "personId",
             pr.case_id as "caseId", c.case_number as "caseNumber", pr.registration_id as "registrationId", c.purpose
        from partner_requests pr left join cases c on c.id = pr.case_id left join registrations r on r.id = pr.registration_id
        join persons p on p.id = coalesce(c.person_id, r.person_id)
       where pr.tenant_id = ${actor.tenantId} and pr.status = 'open' and pr.asked_by = ${actor.userId} and pr.due_date < ${day.date}::date
       order by pr.due_date, pr.asked_at limit 50`);
    await logProcessing(ctx, overdue.map((q) => ({
      action: 'read' as const, activity: ACTIVITY, purpose: q.purpose ?? REGISTRATION_PURPOSE, caseId: q.caseId, registrationId: q.registrationId,
      dataSubjectId: q.personId, details: { view: 'werkdag', partnerRequest: q.id },
    })));
    sections.push({
      key: 'informatieknooppunt.overdue',
      title: 'Vragen aan partners: termijn verstreken',
      emptyText: 'Geen vragen over de termijn.',
      entries: overdue.map((q) => ({
        id: q.id, title: `${q.partnerName}: ${q.caseNumber ? `casus ${q.caseNumber}` : q.subjectName}`,
        href: q.caseId ? `/casussen/${q.caseId}?tab=vragen` : q.registrationId ? `/aanmeldingen/${q.registrationId}` : undefined,
        when: q.dueDate, status: `termijn verstreken (${dmy(q.dueDate)})`,
        items: [{ id: `${q.id}-vraag`, title: q.question }],
      })),
    });
  }
  if (zvh && allowed(actor, 'informationRequest.answer')) {
    const waiting = await rows<{ id: string; subjectName: string; personId: string; partnerName: string; registeredAt: string }>(ctx.db, sql`
      select r.id, p.first_name || ' ' || p.last_name as "subjectName", p.id as "personId", r.registered_at as "registeredAt",
             coalesce((select o.name from organisations o where o.tenant_id = r.tenant_id and o.code = r.registering_partner), r.registering_partner) as "partnerName"
        from registrations r join persons p on p.id = r.person_id
       where r.tenant_id = ${actor.tenantId} and r.kind = 'informatievraag' and r.status in ('aangemeld', 'in_triage')
       order by r.registered_at, r.created_at limit 50`);
    await logProcessing(ctx, waiting.map((r) => ({
      action: 'read' as const, activity: ACTIVITY, purpose: INFORMATION_PURPOSE, registrationId: r.id, dataSubjectId: r.personId, details: { view: 'werkdag' },
    })));
    sections.push({
      key: 'informatieknooppunt.requests',
      title: 'Informatievragen te beantwoorden',
      emptyText: 'Geen openstaande informatievragen.',
      entries: waiting.map((r) => ({
        id: r.id, title: r.subjectName, href: `/informatievragen/${r.id}`, when: r.registeredAt, status: `gevraagd door ${r.partnerName}`, items: [],
      })),
    });
  }
  return sections;
}
