// SPDX-License-Identifier: EUPL-1.2
// The person index: one record per person per tenant. ZVH staff search it; a regisseur merges duplicates.
import type { Ctx } from '../../core/context.js';
import { one, rows, sql, transaction } from '../../core/db/index.js';
import { refuse, requirePermission, requireZvh } from '../../core/access.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import { logProcessing } from '../../core/processing-log.js';
import { recordEvent } from '../../core/case-events.js';
import { PAGE_DEFAULT, toPage } from '../../core/paging.js';
import type { Page, PageRequest } from '../../core/paging.js';

const PURPOSE = 'Persoonsindex: één persoon, één dossier (dubbelingen voorkomen)';

/** A calendar day written as YYYY-MM-DD (what p.birth_date::text gave): compared as a date, so its index serves. */
function isIsoDay(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/**
 * Person search, a page at a time (core/paging) sorted by name; the total counts every match.
 * Each alternative has its index (migration 0018): the name by trigrams (pg_trgm), the BSN and the
 * birth date by tenant-first btrees; a term that is no valid date is not compared as one.
 */
export async function searchPersons(ctx: Ctx, q: string, page: PageRequest = { limit: PAGE_DEFAULT }): Promise<Page<PersonHit>> {
  requireZvh(ctx.actor);
  const term = q.trim();
  const day = isIsoDay(term) ? term : null;
  const where = sql`p.tenant_id = ${ctx.actor.tenantId} and p.merged_into is null
       and (p.first_name || ' ' || p.last_name ilike ${'%' + term + '%'} or p.bsn = ${term}
            ${day ? sql`or p.birth_date = ${day}::date` : sql``})`;
  const [last, first, id] = (page.after ?? []) as [string, string, string];
  const [list, count] = await Promise.all([
    rows<PersonHit>(ctx.db, sql`
    select p.id, p.first_name as "firstName", p.last_name as "lastName", p.birth_date as "birthDate", p.gender, p.bsn, p.municipality_code as municipality,
           (select count(*) from registrations r where r.person_id = p.id and r.tenant_id = p.tenant_id)::int as registrations,
           (select count(*) from cases c where c.person_id = p.id and c.tenant_id = p.tenant_id and c.status <> 'afgesloten')::int as "runningCases"
      from persons p
     where ${where}
       ${page.after ? sql`and (p.last_name, p.first_name, p.id) > (${last}, ${first}, ${id}::uuid)` : sql``}
     order by p.last_name, p.first_name, p.id limit ${page.limit + 1}`),
    one<{ n: number }>(ctx.db, sql`select count(*)::int as n from persons p where ${where}`),
  ]);
  const result = toPage(list, page.limit, count?.n ?? 0, (p) => [p.lastName, p.firstName, p.id]);
  await logProcessing(ctx, result.items.map((p) => ({ action: 'read' as const, activity: 'persoonsindex', purpose: PURPOSE, dataSubjectId: p.id, details: { view: 'search' } })));
  return result;
}

interface PersonHit { id: string; firstName: string; lastName: string; birthDate: string | null; gender: string; bsn: string | null; municipality: string | null; registrations: number; runningCases: number }

/** The cursor of searchPersons: last name, first name, id. */
export const PERSON_CURSOR = ['string', 'string', 'string'] as const;

export async function getPerson(ctx: Ctx, id: string) {
  requireZvh(ctx.actor);
  const p = await one<Record<string, unknown>>(ctx.db, sql`select p.id, p.first_name as "firstName", p.last_name as "lastName", p.birth_date as "birthDate",
      p.gender, p.bsn, p.municipality_code as municipality, p.merged_into as "mergedInto"
    from persons p where p.id = ${id} and p.tenant_id = ${ctx.actor.tenantId}`);
  if (!p) return refuse(ctx, { object: 'person', id, message: 'Persoon niet gevonden' });
  const history = await rows(ctx.db, sql`select r.id as "registrationId", r.registered_at as "registeredAt", r.kind, r.status, c.id as "caseId",
      c.status as "caseStatus", c.purpose, c.started_at as "startedAt", c.closed_at as "closedAt"
    from registrations r left join cases c on c.registration_id = r.id where r.person_id = ${id} order by r.registered_at desc`);
  await logProcessing(ctx, { action: 'read', activity: 'persoonsindex', purpose: PURPOSE, dataSubjectId: id });
  return { ...p, history };
}

/** Merges a duplicate into the surviving record: registrations, cases and relations move; the duplicate stays as a pointer. */
export async function mergePersons(ctx: Ctx, duplicateId: string, intoId: string, reason: string) {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'person.merge', 'Alleen een procesregisseur kan personen samenvoegen');
  if (duplicateId === intoId) throw new ConflictError('same_person', 'Een persoon kan niet met zichzelf worden samengevoegd');
  return transaction(ctx.db, async (tx) => {
    const both = await rows<{ id: string; bsn: string | null; merged_into: string | null }>(tx, sql`select id, bsn, merged_into from persons
      where tenant_id = ${ctx.actor.tenantId} and id in (${duplicateId}, ${intoId}) for update`);
    const dup = both.find((p) => p.id === duplicateId);
    const into = both.find((p) => p.id === intoId);
    if (!dup || !into) throw new NotFoundError('Persoon niet gevonden');
    if (dup.merged_into || into.merged_into) throw new ConflictError('already_merged', 'Een van beide is al samengevoegd');
    if (dup.bsn && into.bsn && dup.bsn !== into.bsn) throw new ConflictError('bsn_differs', 'Verschillende BSN\'s: dit zijn verschillende personen');
    await tx.execute(sql`update registrations set person_id = ${intoId} where person_id = ${duplicateId}`);
    await tx.execute(sql`update cases set person_id = ${intoId} where person_id = ${duplicateId}`);
    await tx.execute(sql`update registration_relations set person_id = ${intoId} where person_id = ${duplicateId}
      and not exists (select 1 from registration_relations x where x.registration_id = registration_relations.registration_id and x.person_id = ${intoId})`);
    await tx.execute(sql`update persons set merged_into = ${intoId}, bsn = null where id = ${duplicateId}`);
    if (!into.bsn && dup.bsn) await tx.execute(sql`update persons set bsn = ${dup.bsn} where id = ${intoId}`);
    await recordEvent(ctx, tx, { type: 'person_merged', data: { duplicateId, intoId, reason } });
    await logProcessing(ctx, [
      { action: 'update', activity: 'persoonsindex', purpose: PURPOSE, dataSubjectId: intoId, details: { merged: duplicateId, reason } },
      { action: 'delete', activity: 'persoonsindex', purpose: PURPOSE, dataSubjectId: duplicateId, details: { mergedInto: intoId } },
    ], tx);
    return { id: intoId };
  });
}
