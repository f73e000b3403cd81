// SPDX-License-Identifier: EUPL-1.2
// Retention (bewaartermijnen) per tenant, set by the privacy officer, and the daily run that
// anonymises what is due: names, BSN, birth date and free text (reasons, journal, agreements,
// meeting items, advice, answers, documents' contents). A case with an approved retention
// extension (reason, until-date, four eyes) is never touched while the extension runs. Before
// a registration loses its person's data, the fields the annual report needs (age group on the
// registration date, gender) are kept on it, so the report stays the same (view report_dossiers).
import type { Actor, Ctx, SystemActor } from '../../core/context.js';
import type { Db, Executor } from '../../core/db/index.js';
import { one, rows, sql, transaction } from '../../core/db/index.js';
import type { SQL } from 'drizzle-orm';
import { requirePermission, requireZvh } from '../../core/access.js';
import { ConflictError, ValidationError } from '../../core/errors.js';
import { logProcessing } from '../../core/processing-log.js';
import { today } from '../../core/reference-check.js';

export const RECORD_KINDS = ['registration_no_case', 'procesregie_case', 'advice_case', 'information_request', 'documents'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
export const RETENTION_ACTIVITY = 'bewaartermijn';
export const RETENTION_PURPOSE = 'Bewaartermijn: persoonsgegevens niet langer bewaren dan nodig (AVG art. 5 lid 1 onder e)';
const WIPED = '[geanonimiseerd]';

export interface RetentionTerm { recordKind: RecordKind; months: number | null; legalSource: string | null; updatedByName: string | null; updatedAt: string | null }

export async function getRetentionTerms(ctx: Ctx): Promise<RetentionTerm[]> {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'privacy.manage', 'Alleen de privacyfunctionaris');
  const set = await rows<RetentionTerm>(ctx.db, sql`select record_kind as "recordKind", months, legal_source as "legalSource",
      updated_by_name as "updatedByName", updated_at as "updatedAt" from retention_terms where tenant_id = ${ctx.actor.tenantId}`);
  return RECORD_KINDS.map((k) => set.find((s) => s.recordKind === k) ?? { recordKind: k, months: null, legalSource: null, updatedByName: null, updatedAt: null });
}

export async function setRetentionTerms(ctx: Ctx, terms: { recordKind: RecordKind; months: number | null; legalSource: string | null }[]): Promise<RetentionTerm[]> {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'privacy.manage', 'Alleen de privacyfunctionaris');
  const details = terms.flatMap((t, i) => (t.months !== null && !t.legalSource?.trim()
    ? [{ field: `body.terms.${i}.legalSource`, message: 'Leg de (wettelijke) bron van deze termijn vast' }] : []));
  if (new Set(terms.map((t) => t.recordKind)).size !== terms.length) details.push({ field: 'body.terms', message: 'Elke soort gegevens één keer' });
  if (details.length) throw new ValidationError('Bewaartermijnen onvolledig', details);
  await transaction(ctx.db, async (tx) => {
    for (const t of terms) {
      await tx.execute(sql`insert into retention_terms (tenant_id, record_kind, months, legal_source, updated_by, updated_by_name, updated_at)
        values (${ctx.actor.tenantId}, ${t.recordKind}, ${t.months}, ${t.legalSource?.trim() || null}, ${ctx.actor.userId}, ${ctx.actor.name}, now())
        on conflict (tenant_id, record_kind) do update set months = excluded.months, legal_source = excluded.legal_source,
          updated_by = excluded.updated_by, updated_by_name = excluded.updated_by_name, updated_at = now()`);
    }
  });
  return getRetentionTerms(ctx);
}

/** Condition on a case aliased `c`: an approved retention extension runs on `on`. */
const extended = (on: string) => sql`exists (select 1 from retention_extensions x join approvals a on a.id = x.approval_id
  where x.case_id = c.id and a.status = 'goedgekeurd' and x.until >= ${on}::date)`;

/** The log entry of an anonymisation; a system run logs as the tool (no user). */
function logCtx(ctx: Ctx<Actor | SystemActor>): Ctx {
  return ctx as unknown as Ctx;
}

/** Keeps the report fields on the registrations, then wipes their free text. */
async function anonymiseRegistrations(tx: Executor, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const list = sql`(${sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `)})`;
  await tx.execute(sql`update registrations r set report_age_group = rd.age_group, report_gender = rd.gender
    from report_dossiers rd where rd.registration_id = r.id and r.id in ${list} and r.anonymised_at is null`);
  await tx.execute(sql`update registrations set reason = ${WIPED}, tried = null,
      triage = case when triage is null then null else triage - array['advice', 'purpose', 'override', 'referredTo', 'triagedByName'] end,
      anonymised_at = now(), updated_at = now(), version = version + 1
    where id in ${list} and anonymised_at is null`);
  await tx.execute(sql`update information_answers set answer = ${WIPED}, contact = null where registration_id in ${list}`);
  await tx.execute(sql`update partner_requests set question = ${WIPED}, answer = case when answer is null then null else ${WIPED} end, refusal_reason = null
    where registration_id in ${list}`);
  await tx.execute(sql`update meeting_items set question = ${WIPED}, conclusion = null, decisions = null where registration_id in ${list}`);
}

async function anonymiseCases(tx: Executor, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const list = sql`(${sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `)})`;
  await anonymiseRegistrations(tx, (await rows<{ id: string }>(tx, sql`select registration_id as id from cases where id in ${list}`)).map((r) => r.id));
  await tx.execute(sql`update cases set purpose = ${WIPED}, close_reason = null,
      evaluation = case when evaluation is null then null else jsonb_build_object('goalsMet', evaluation -> 'goalsMet') end,
      plan = '{"analysis": [], "goals": []}'::jsonb, anonymised_at = now(), updated_at = now(), version = version + 1
    where id in ${list} and anonymised_at is null`);
  await tx.execute(sql`update journal_entries set text = ${WIPED}, withdraw_reason = null where case_id in ${list}`);
  await tx.execute(sql`update agreements set title = ${WIPED}, description = null, responsible_person = null, note = null where case_id in ${list}`);
  await tx.execute(sql`delete from document_chunks where document_id in (select id from documents where case_id in ${list})`);
  await tx.execute(sql`update documents set filename = ${WIPED}, size = 0 where case_id in ${list}`);
  await tx.execute(sql`update meeting_items set question = ${WIPED}, conclusion = null, decisions = null where case_id in ${list}`);
  await tx.execute(sql`update meeting_contributions set known_facts = null, involvement = null, risks = null
    where item_id in (select id from meeting_items where case_id in ${list})`);
  await tx.execute(sql`update advice_records set question = ${WIPED}, advice = case when advice is null then null else ${WIPED} end where case_id in ${list}`);
  await tx.execute(sql`update partner_requests set question = ${WIPED}, answer = case when answer is null then null else ${WIPED} end, refusal_reason = null
    where case_id in ${list}`);
}

/**
 * Persons none of whose registrations (as main person or household member) still holds data lose
 * their identifying data. Set-based: the tenant's linked persons minus those with a live
 * registration, two hashed sets (cost linear in the tenant's rows, whatever the caseload).
 */
async function anonymiseLeftPersons(tx: Executor, tenantId: string): Promise<string[]> {
  const done = await rows<{ id: string }>(tx, sql`
    with links as (
      select r.person_id, r.anonymised_at is null as live from registrations r
       where r.tenant_id = ${tenantId} and r.person_id is not null
      union all
      select rr.person_id, r.anonymised_at is null from registration_relations rr
        join registrations r on r.id = rr.registration_id
       where rr.tenant_id = ${tenantId}
    ), left_persons as (
      select person_id from links group by person_id having not bool_or(live)
    )
    update persons p set first_name = 'Geanonimiseerd', last_name = 'Persoon', birth_date = null, bsn = null,
        bsn_pseudonym = null, municipality_code = null, gender = 'anders', anonymised_at = now()
      from left_persons lp
     where p.id = lp.person_id and p.tenant_id = ${tenantId} and p.anonymised_at is null
    returning p.id`);
  return done.map((d) => d.id);
}

export interface RetentionResult { runOn: string; registrations: number; cases: number; documents: number; persons: number; skippedExtended: number }

/**
 * Anonymises everything of the tenant that is due on `on` (a record is due on the day its clock
 * date plus the term is reached). Clocks: a registration without a case from its triage (else
 * its registration date), an information request from its registration date, a closed case
 * and its documents from the closing date. Idempotent; one retention_runs row per call.
 */
export async function runRetention(ctx: Ctx<Actor | SystemActor>, on: string = today()): Promise<RetentionResult> {
  const t = ctx.actor.tenantId;
  const terms = new Map((await rows<{ kind: RecordKind; months: number | null }>(ctx.db, sql`select record_kind as kind, months from retention_terms where tenant_id = ${t}`))
    .map((r) => [r.kind, r.months]));
  const due = (clock: SQL, kind: RecordKind) => sql`(${clock} + make_interval(months => ${terms.get(kind)!}::int))::date <= ${on}::date`;
  return transaction(ctx.db, async (tx) => {
    const result: RetentionResult = { runOn: on, registrations: 0, cases: 0, documents: 0, persons: 0, skippedExtended: 0 };
    const caseKinds: [RecordKind, string][] = [['procesregie_case', 'procesregie'], ['advice_case', 'advies']];
    const caseIds: string[] = [];
    for (const [kind, caseKind] of caseKinds) {
      if (!terms.get(kind)) continue;
      const found = await rows<{ id: string; ext: boolean }>(tx, sql`select c.id, ${extended(on)} as ext from cases c
        where c.tenant_id = ${t} and c.kind = ${caseKind} and c.status = 'afgesloten' and c.closed_at is not null and c.anonymised_at is null
          and ${due(sql`c.closed_at`, kind)}`);
      result.skippedExtended += found.filter((f) => f.ext).length;
      caseIds.push(...found.filter((f) => !f.ext).map((f) => f.id));
    }
    const regIds: string[] = [];
    if (terms.get('registration_no_case')) {
      regIds.push(...(await rows<{ id: string }>(tx, sql`select r.id from registrations r
        where r.tenant_id = ${t} and r.case_id is null and r.status in ('teruggelegd', 'doorverwezen') and r.anonymised_at is null
          and ${due(sql`coalesce((r.triage ->> 'triagedAt')::date, r.registered_at)`, 'registration_no_case')}`)).map((r) => r.id));
    }
    if (terms.get('information_request')) {
      regIds.push(...(await rows<{ id: string }>(tx, sql`select r.id from registrations r
        where r.tenant_id = ${t} and r.case_id is null and r.kind = 'informatievraag' and r.status = 'beantwoord' and r.anonymised_at is null
          and ${due(sql`r.registered_at`, 'information_request')}`)).map((r) => r.id));
    }
    let documentIds: { id: string; case_id: string }[] = [];
    if (terms.get('documents')) {
      documentIds = await rows<{ id: string; case_id: string }>(tx, sql`select d.id, d.case_id from documents d join cases c on c.id = d.case_id
        where c.tenant_id = ${t} and c.status = 'afgesloten' and c.closed_at is not null and d.size > 0
          and not ${extended(on)} and ${due(sql`c.closed_at`, 'documents')}`);
      if (documentIds.length) {
        const ids = sql.join(documentIds.map((d) => sql`${d.id}::uuid`), sql`, `);
        await tx.execute(sql`delete from document_chunks where document_id in (${ids})`);
        await tx.execute(sql`update documents set filename = ${WIPED}, size = 0 where id in (${ids})`);
      }
    }
    await anonymiseCases(tx, caseIds);
    await anonymiseRegistrations(tx, regIds);
    const persons = await anonymiseLeftPersons(tx, t);
    Object.assign(result, { cases: caseIds.length, registrations: regIds.length, documents: documentIds.length, persons: persons.length });
    await logProcessing(logCtx(ctx), [
      ...caseIds.map((id) => ({ action: 'delete' as const, activity: RETENTION_ACTIVITY, purpose: RETENTION_PURPOSE, caseId: id, details: { anonymised: 'case' } })),
      ...regIds.map((id) => ({ action: 'delete' as const, activity: RETENTION_ACTIVITY, purpose: RETENTION_PURPOSE, registrationId: id, details: { anonymised: 'registration' } })),
      ...documentIds.map((d) => ({ action: 'delete' as const, activity: RETENTION_ACTIVITY, purpose: RETENTION_PURPOSE, caseId: d.case_id, details: { anonymised: 'document', id: d.id } })),
      ...persons.map((id) => ({ action: 'delete' as const, activity: RETENTION_ACTIVITY, purpose: RETENTION_PURPOSE, dataSubjectId: id, details: { anonymised: 'person' } })),
    ], tx);
    await tx.execute(sql`insert into retention_runs (tenant_id, run_on, registrations, cases, documents, persons, skipped_extended)
      values (${t}, ${on}::date, ${result.registrations}, ${result.cases}, ${result.documents}, ${result.persons}, ${result.skippedExtended})`);
    return result;
  });
}

/** The daily job: every tenant, each in its own transaction. */
export async function runRetentionAllTenants(db: Db, on: string = today()): Promise<void> {
  const { systemCtx } = await import('../../core/context.js');
  for (const tenant of await rows<{ code: string }>(db, sql`select code from tenants order by code`)) {
    const ctx = await systemCtx(db, tenant.code, { tool: 'Bewaartermijnen (dagelijks)', operator: 'systeem' });
    if (ctx) await runRetention(ctx, on);
  }
}

/** Erasure (AVG art. 17) decided on a data-subject request: anonymises all of the person's closed or final records at once. */
export async function erasePerson(ctx: Ctx, personId: string, ex: Executor): Promise<{ cases: number; registrations: number }> {
  const t = ctx.actor.tenantId;
  const running = await one(ex, sql`select 1 from cases c where c.tenant_id = ${t} and c.person_id = ${personId} and c.status <> 'afgesloten'
    union all select 1 from registrations r where r.tenant_id = ${t} and r.person_id = ${personId} and r.status in ('aangemeld', 'in_triage')`);
  if (running) throw new ConflictError('person_has_running_case', 'Deze persoon heeft een lopende aanmelding of casus: eerst afsluiten, dan wissen');
  const on = today();
  const cases = (await rows<{ id: string; ext: boolean }>(ex, sql`select c.id, ${extended(on)} as ext from cases c where c.tenant_id = ${t} and c.person_id = ${personId} and c.anonymised_at is null`));
  if (cases.some((c) => c.ext)) throw new ConflictError('retention_extended', 'Voor een casus van deze persoon loopt een goedgekeurde verlenging van de bewaartermijn');
  const regs = (await rows<{ id: string }>(ex, sql`select r.id from registrations r where r.tenant_id = ${t} and r.person_id = ${personId} and r.case_id is null and r.anonymised_at is null`)).map((r) => r.id);
  await anonymiseCases(ex, cases.map((c) => c.id));
  await anonymiseRegistrations(ex, regs);
  await anonymiseLeftPersons(ex, t);
  await logProcessing(ctx, [
    ...cases.map((c) => ({ action: 'delete' as const, activity: RETENTION_ACTIVITY, purpose: 'Recht op wissing (AVG art. 17)', caseId: c.id, dataSubjectId: personId, details: { anonymised: 'case' } })),
    ...regs.map((id) => ({ action: 'delete' as const, activity: RETENTION_ACTIVITY, purpose: 'Recht op wissing (AVG art. 17)', registrationId: id, dataSubjectId: personId, details: { anonymised: 'registration' } })),
  ], ex);
  return { cases: cases.length, registrations: regs.length };
}

export async function lastRuns(ctx: Ctx) {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'privacy.manage', 'Alleen de privacyfunctionaris');
  return rows<{ runOn: string; at: string; registrations: number; cases: number; documents: number; persons: number; skippedExtended: number }>(ctx.db, sql`
    select run_on as "runOn", at, registrations, cases, documents, persons, skipped_extended as "skippedExtended"
      from retention_runs where tenant_id = ${ctx.actor.tenantId} order by at desc limit 10`);
}
