// SPDX-License-Identifier: EUPL-1.2
// Monitoring: "Mijn werk". Open agreements of the user's organisation (overdue first); for a
// procesregisseur also cases with overdue agreements, cases without activity for 30 days and
// registrations waiting for triage longer than 5 working days.
import type { Ctx } from '../../core/context.js';
import { isZvhStaff } from '../../core/context.js';
import { one, rows, sql } from '../../core/db/index.js';
import type { SQL } from 'drizzle-orm';
import { PAGE_DEFAULT, toPage } from '../../core/paging.js';
import type { Page, PageRequest } from '../../core/paging.js';
import { agreementOwnedBy, allowed, caseIsOpen, caseVisibleTo, registrationVisibleTo } from '../../core/access.js';
import { logProcessing } from '../../core/processing-log.js';
import type { ProcessingEntry } from '../../core/processing-log.js';
import { REGISTRATION_PURPOSE } from '../aanmelding/service.js';

export const INACTIVE_DAYS = 30;
export const TRIAGE_WAIT_WORKDAYS = 5;

/** Working days (Monday to Friday) after `from` up to and including today. */
const workdaysSince = (col: ReturnType<typeof sql>) =>
  sql`zvh_workdays(${col}, current_date)`;

type Row = Record<string, unknown> & { id: string; personId: string; purpose: string; registrationId: string };

/** The sections of Mijn werk, each a list paged by keyset (core/paging) with its total. */
export const MY_WORK_SECTIONS = ['agreements', 'casesWithOverdue', 'inactiveCases', 'waitingTriage'] as const;
export type MyWorkSection = (typeof MY_WORK_SECTIONS)[number];
/** Each section's cursor: its sort key (a date or timestamp as text, then the row's id). */
export const MY_WORK_CURSOR = ['string', 'string'] as const;

/** The regisseur's signal lists are for ZVH staff who triage; everyone else gets empty ones. */
const getsSignals = (ctx: Ctx) => isZvhStaff(ctx.actor) && allowed(ctx.actor, 'triage.decide');
const mineOnly = (ctx: Ctx) => (allowed(ctx.actor, 'case.direct') ? sql`and (c.regisseur_id = ${ctx.actor.userId} or c.regisseur_id is null)` : sql``);
const NO_DATE = '9999-12-31';

/**
 * One section's query: the rows after the cursor in the section's order (limit + 1, for the
 * next cursor) and the total. `sortKey` is the section's sort key as text, the cursor's first part.
 */
function sectionQuery(ctx: Ctx, section: MyWorkSection, page: PageRequest): { rows: SQL; count: SQL } | null {
  const { actor } = ctx;
  const [key, id] = (page.after ?? []) as [string, string];
  const limit = page.limit + 1;
  switch (section) {
    case 'agreements': {
      // overdue first, oldest first, then by due date, without a date last: the due date ascending
      const from = sql`from agreements a join cases c on c.id = a.case_id join persons p on p.id = c.person_id
       where ${caseVisibleTo(actor)} and a.status = 'open' and ${agreementOwnedBy(actor)} and ${caseIsOpen()}`;
      const due = sql`coalesce(a.due_date, ${NO_DATE}::date)`;
      return {
        rows: sql`select a.id, a.title, a.due_date as "dueDate", a.status, a.partner_code as partner, a.responsible_person as "responsiblePerson",
                 coalesce(a.due_date < current_date, false) as overdue, c.id as "caseId", c.purpose, c.person_id as "personId", c.registration_id as "registrationId",
                 p.first_name || ' ' || p.last_name as "subjectName", ${due}::text as "sortKey"
            ${from} ${page.after ? sql`and (${due}, a.id) > (${key}::date, ${id}::uuid)` : sql``}
           order by ${due}, a.id limit ${limit}`,
        count: sql`select count(*)::int as n, count(*) filter (where a.due_date < current_date)::int as overdue ${from}`,
      };
    }
    case 'casesWithOverdue': {
      if (!getsSignals(ctx)) return null;
      const from = sql`from cases c join agreements a on a.case_id = c.id join persons p on p.id = c.person_id
       where ${caseVisibleTo(actor)} ${mineOnly(ctx)} and ${caseIsOpen()} and a.status = 'open' and a.due_date < current_date`;
      return {
        rows: sql`select c.id, c.purpose, c.person_id as "personId", c.registration_id as "registrationId", p.first_name || ' ' || p.last_name as "subjectName",
                 count(*)::int as "overdueAgreements", min(a.due_date) as "oldestDueDate", min(a.due_date)::text as "sortKey"
            ${from} group by c.id, p.id
            ${page.after ? sql`having (min(a.due_date), c.id) > (${key}::date, ${id}::uuid)` : sql``}
           order by min(a.due_date), c.id limit ${limit}`,
        count: sql`select count(distinct c.id)::int as n ${from}`,
      };
    }
    case 'inactiveCases': {
      if (!getsSignals(ctx)) return null;
      const from = sql`from cases c join persons p on p.id = c.person_id
       where ${caseVisibleTo(actor)} ${mineOnly(ctx)} and ${caseIsOpen()} and c.last_activity_at < now() - make_interval(days => ${INACTIVE_DAYS})`;
      return {
        rows: sql`select c.id, c.purpose, c.person_id as "personId", c.registration_id as "registrationId", p.first_name || ' ' || p.last_name as "subjectName",
                 c.last_activity_at as "lastActivityAt", to_char(c.last_activity_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as "sortKey"
            ${from} ${page.after ? sql`and (c.last_activity_at, c.id) > (${key}::timestamp at time zone 'UTC', ${id}::uuid)` : sql``}
           order by c.last_activity_at, c.id limit ${limit}`,
        count: sql`select count(*)::int as n ${from}`,
      };
    }
    case 'waitingTriage': {
      if (!getsSignals(ctx)) return null;
      const from = sql`from registrations r join persons p on p.id = r.person_id
       where ${registrationVisibleTo(actor)} and r.status in ('aangemeld', 'in_triage')
         and ${workdaysSince(sql`r.registered_at`)} > ${TRIAGE_WAIT_WORKDAYS}`;
      return {
        rows: sql`select r.id, r.registered_at as "registeredAt", r.kind, r.urgency, r.status, r.person_id as "personId", p.first_name || ' ' || p.last_name as "subjectName",
                 ${workdaysSince(sql`r.registered_at`)} as "waitingWorkdays", r.registered_at::text as "sortKey"
            ${from} ${page.after ? sql`and (r.registered_at, r.id) > (${key}::date, ${id}::uuid)` : sql``}
           order by r.registered_at, r.id limit ${limit}`,
        count: sql`select count(*)::int as n ${from}`,
      };
    }
  }
}

/** A page of one section of Mijn werk; each row shown is logged as a read. */
export async function myWorkSection(ctx: Ctx, section: MyWorkSection, page: PageRequest = { limit: PAGE_DEFAULT }): Promise<Page<Record<string, unknown>> & { overdue?: number }> {
  const { result, reads } = await sectionPage(ctx, section, page);
  await logProcessing(ctx, reads);
  return result;
}

/** One section's page and the reads it shows (logged by the caller, once for the whole answer). */
async function sectionPage(ctx: Ctx, section: MyWorkSection, page: PageRequest): Promise<{ result: Page<Record<string, unknown>> & { overdue?: number }; reads: ProcessingEntry[] }> {
  const q = sectionQuery(ctx, section, page);
  if (!q) return { result: { items: [], total: 0, next: null, ...(section === 'agreements' ? { overdue: 0 } : {}) }, reads: [] };
  const [list, count] = await Promise.all([rows<Row & { sortKey: string }>(ctx.db, q.rows), one<{ n: number; overdue?: number }>(ctx.db, q.count)]);
  const result = toPage(list, page.limit, count?.n ?? 0, (r) => [r.sortKey, r.id]);
  const reads = result.items.map((r): ProcessingEntry => (section === 'waitingTriage'
    ? { action: 'read', activity: 'monitoring', purpose: REGISTRATION_PURPOSE, registrationId: r.id, dataSubjectId: r.personId, details: { view: 'mijn-werk' } }
    : { action: 'read', activity: 'monitoring', purpose: r.purpose, caseId: (r.caseId as string | undefined) ?? r.id, registrationId: r.registrationId, dataSubjectId: r.personId, details: { view: 'mijn-werk' } }));
  const items = result.items.map(({ personId: _p, registrationId: _r, sortKey: _k, ...rest }) => rest);
  return { result: { ...result, items, ...(count?.overdue !== undefined ? { overdue: count.overdue } : {}) }, reads };
}

/**
 * Mijn werk at a glance: the first page of each section, each section's total and the cursor of
 * its next page (GET /api/my-work/{section}?after=...).
 */
export async function myWork(ctx: Ctx) {
  const out: Record<string, unknown> = {};
  const totals: Record<string, number> = {};
  const next: Record<string, string | null> = {};
  const reads: ProcessingEntry[] = [];
  for (const section of MY_WORK_SECTIONS) {
    const { result: page, reads: shown } = await sectionPage(ctx, section, { limit: PAGE_DEFAULT });
    reads.push(...shown);
    out[section] = page.items;
    totals[section] = page.total;
    next[section] = page.next;
    if (section === 'agreements') totals.overdueAgreements = page.overdue ?? 0;
  }
  // every row of the four sections in one insert
  await logProcessing(ctx, reads);
  return { ...out, totals, next } as {
    agreements: Record<string, unknown>[]; casesWithOverdue: Record<string, unknown>[]; inactiveCases: Record<string, unknown>[]; waitingTriage: Record<string, unknown>[];
    totals: Record<MyWorkSection | 'overdueAgreements', number>; next: Record<MyWorkSection, string | null>;
  };
}
