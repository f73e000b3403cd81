// SPDX-License-Identifier: EUPL-1.2
// The casusoverleg part of the working day (start page): this week's meetings with the agenda
// items the user may see, and the minutes the user has to approve. Items come through the same
// itemVisibleTo as the meeting page; an item of a case is shown by its case number and question,
// and that read is logged with the case's purpose. Items the user may not see are only counted.
import { allowed } from '../../core/access.js';
import { minutesDueDate, minutesLate } from '@zvh/shared';
import type { Ctx } from '../../core/context.js';
import { isZvhStaff } from '../../core/context.js';
import type { DayRange, DaySection } from '../../core/day-sections.js';
import { rows, sql } from '../../core/db/index.js';
import { logProcessing } from '../../core/processing-log.js';
import { REGISTRATION_PURPOSE } from '../aanmelding/service.js';
import { amsterdamDate, itemVisibleTo, listMeetings, meetingVisibleTo } from './service.js';

interface ItemRow {
  id: string; meetingId: string; position: number; question: string; caseId: string | null; caseNumber: string | null;
  purpose: string | null; personId: string | null; registrationId: string | null; regPersonId: string | null;
}

export async function meetingDaySections(ctx: Ctx, day: DayRange): Promise<DaySection[]> {
  const { actor } = ctx;
  const week = (await listMeetings(ctx, day.weekStart, day.weekEnd)).filter((m) => m.status !== 'geannuleerd');
  const ids = week.map((m) => m.id);
  const items = ids.length ? await rows<ItemRow>(ctx.db, sql`
    select i.id, i.meeting_id as "meetingId", i.position, i.question, c.id as "caseId", c.case_number as "caseNumber", c.purpose,
           c.person_id as "personId", i.registration_id as "registrationId", r.person_id as "regPersonId"
      from meeting_items i join meetings m on m.id = i.meeting_id join meeting_types t on t.id = m.type_id
      left join cases c on c.id = i.case_id left join registrations r on r.id = i.registration_id
     where m.id in ${sql`(${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`} and ${itemVisibleTo(actor)}
     order by i.position`) : [];
  const totals = ids.length ? await rows<{ meetingId: string; n: number }>(ctx.db, sql`
    select meeting_id as "meetingId", count(*)::int as n from meeting_items
     where meeting_id in ${sql`(${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`} group by meeting_id`) : [];
  await logProcessing(ctx, items.map((i) => (i.caseId
    ? { action: 'read' as const, activity: 'casusoverleg', purpose: i.purpose ?? '', caseId: i.caseId, dataSubjectId: i.personId, details: { view: 'werkdag', itemId: i.id } }
    : { action: 'read' as const, activity: 'casusoverleg', purpose: REGISTRATION_PURPOSE, registrationId: i.registrationId, dataSubjectId: i.regPersonId, details: { view: 'werkdag', itemId: i.id } })));

  const sections: DaySection[] = [];
  const entry = (m: (typeof week)[number]) => {
    const own = items.filter((i) => i.meetingId === m.id);
    const closed = (totals.find((t) => t.meetingId === m.id)?.n ?? 0) - own.length;
    return {
      id: m.id,
      title: m.region ? `${m.typeName} (${m.region})` : m.typeName,
      when: m.startsAt,
      place: m.location ?? (m.videoLink ? 'Video' : undefined),
      href: `/overleggen/${m.id}`,
      items: [
        ...own.map((i) => ({
          id: i.id,
          title: i.caseNumber ? `Casus ${i.caseNumber}` : 'Aanmelding',
          href: i.caseId ? `/casussen/${i.caseId}` : i.registrationId ? `/aanmeldingen/${i.registrationId}` : undefined,
          detail: i.question,
        })),
        ...(closed > 0 ? [{ id: `${m.id}-besloten`, title: `${closed} besloten agendapunt(en)` }] : []),
      ],
    };
  };
  sections.push({
    key: 'casusoverleg.today',
    title: 'Overleggen vandaag',
    emptyText: 'Vandaag geen overleggen.',
    entries: week.filter((m) => amsterdamDate(m.startsAt) === day.date).map(entry),
  });
  sections.push({
    key: 'casusoverleg.week',
    title: 'Overleggen deze week',
    emptyText: 'Geen overleggen meer deze week.',
    entries: week.filter((m) => amsterdamDate(m.startsAt) > day.date).map(entry),
  });

  // minutes to approve: meetings of the last 60 days with items whose minutes the user may approve
  if (isZvhStaff(actor) && allowed(actor, 'meeting.plan')) {
    const open = await rows<{ id: string; typeName: string; region: string | null; startsAt: string; items: number; minuted: number }>(ctx.db, sql`
      select m.id, t.name as "typeName", m.region, m.starts_at as "startsAt",
             (select count(*) from meeting_items i where i.meeting_id = m.id)::int as items,
             (select count(*) from meeting_items i where i.meeting_id = m.id and i.minuted_at is not null)::int as minuted
        from meetings m join meeting_types t on t.id = m.type_id
       where ${meetingVisibleTo(actor)} and m.status <> 'geannuleerd' and m.minutes_approved_at is null
         and m.starts_at < now() and m.starts_at > now() - interval '60 days'
         and (m.chair_user_id = ${actor.userId} or (m.chair_user_id is null and t.chair_organisation = 'zvh'))
         and exists (select 1 from meeting_items i where i.meeting_id = m.id)
       order by m.starts_at`);
    sections.push({
      key: 'casusoverleg.minutes',
      title: 'Verslagen vast te stellen',
      emptyText: 'Geen verslagen vast te stellen.',
      entries: open.map((m) => {
        const date = amsterdamDate(m.startsAt);
        const late = minutesLate(date, null, day.date);
        return {
          id: m.id, title: m.region ? `${m.typeName} (${m.region})` : m.typeName, when: m.startsAt, href: `/overleggen/${m.id}`,
          status: `${late ? 'te laat, ' : ''}uiterlijk ${minutesDueDate(date)}; ${m.minuted} van ${m.items} agendapunten verslagen`,
          items: [],
        };
      }),
    });
  }
  return sections;
}
