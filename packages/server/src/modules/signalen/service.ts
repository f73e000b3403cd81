// SPDX-License-Identifier: EUPL-1.2
// Signaalfunctie (issue 10): a bottleneck seen across cases, addressed to a municipality, a
// partner or the stuurgroep. ZVH staff only. The cases a signal rests on are linked (and that
// link is logged per case), but a signal is only ever shown with counts per municipality: never
// case ids, names or numbers. A signal counts in the capacity model in the year it was sent.
import { signalStatusAllowed } from '@zvh/shared';
import type { SignalStatus } from '@zvh/shared';
import type { Ctx } from '../../core/context.js';
import type { Executor } from '../../core/db/index.js';
import { one, rows, sql, transaction } from '../../core/db/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.js';
import { FieldChecker, loadCodeSets, today } from '../../core/reference-check.js';
import { caseVisibleTo, requirePermission, requireZvh } from '../../core/access.js';
import { logProcessing } from '../../core/processing-log.js';

export const SIGNAL_ACTIVITY = 'signaalfunctie';
export const SIGNAL_PURPOSE = 'Signaalfunctie: een knelpunt over casussen heen signaleren aan gemeente, partner of stuurgroep';
export const STUURGROEP = 'stuurgroep';

export interface SignalInput { category: string; description: string; addressedTo: string; caseIds: string[] }
export interface CasesByMunicipality { municipality: string | null; name: string | null; cases: number }
export interface SignalSummary {
  id: string; category: string; categoryLabel: string; description: string; addressedTo: string; addressedKind: string; addressedName: string;
  status: SignalStatus; sentOn: string | null; createdAt: string; createdByName: string; caseCount: number; version: number;
}
export interface SignalDetail extends SignalSummary {
  casesByMunicipality: CasesByMunicipality[];
  history: { at: string; fromStatus: string | null; toStatus: string; actorName: string; note: string | null }[];
}

/** The addressee: a municipality, a partner or the stuurgroep; with its display name. */
async function resolveAddressee(ex: Executor, tenantId: string, code: string): Promise<{ kind: 'municipality' | 'partner' | 'stuurgroep' } | undefined> {
  if (code === STUURGROEP) return { kind: 'stuurgroep' };
  const r = await one<{ kind: 'municipality' | 'partner' }>(ex, sql`
    select 'municipality' as kind from municipalities where tenant_id = ${tenantId} and code = ${code} and active
    union all select 'partner' from organisations where tenant_id = ${tenantId} and code = ${code} and active and kind = 'partner'
    limit 1`);
  return r;
}

export async function createSignal(ctx: Ctx, input: SignalInput): Promise<{ id: string }> {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'signal.manage');
  const c = new FieldChecker(await loadCodeSets(ctx.db, ctx.actor.tenantId));
  c.code('category', 'signalCategory', input.category, true);
  if (!input.description.trim()) c.add('description', 'Beschrijf het knelpunt');
  const addressee = await resolveAddressee(ctx.db, ctx.actor.tenantId, input.addressedTo);
  if (!addressee) c.add('addressedTo', `Onbekende geadresseerde "${input.addressedTo}": een gemeentecode, partnercode of stuurgroep`);
  const ids = [...new Set(input.caseIds)];
  c.throwIfAny();
  return transaction(ctx.db, async (tx) => {
    // only cases of this tenant the actor may see (ZVH staff: every case of the tenant)
    const found = ids.length ? await rows<{ id: string; person_id: string | null; registration_id: string; purpose: string }>(tx, sql`
      select c.id, c.person_id, c.registration_id, c.purpose from cases c
       where c.id in (${sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `)}) and ${caseVisibleTo(ctx.actor)}`) : [];
    if (found.length !== ids.length) {
      const known = new Set(found.map((f) => f.id));
      throw new ValidationError('Onbekende casus', ids.map((id, i) => [id, i] as const).filter(([id]) => !known.has(id))
        .map(([, i]) => ({ field: `caseIds.${i}`, message: 'Casus niet gevonden' })));
    }
    const created = await one<{ id: string }>(tx, sql`insert into signals (tenant_id, category, description, addressed_to, addressed_kind, created_by, created_by_name)
      values (${ctx.actor.tenantId}, ${input.category}, ${input.description.trim()}, ${input.addressedTo}, ${addressee!.kind}, ${ctx.actor.userId}, ${ctx.actor.name})
      returning id`);
    const id = created!.id;
    for (const f of found) {
      await tx.execute(sql`insert into signal_cases (signal_id, case_id, tenant_id) values (${id}, ${f.id}, ${ctx.actor.tenantId})`);
    }
    await tx.execute(sql`insert into signal_history (signal_id, tenant_id, from_status, to_status, actor_id, actor_name)
      values (${id}, ${ctx.actor.tenantId}, null, 'open', ${ctx.actor.userId}, ${ctx.actor.name})`);
    // linking a case to a signal processes its data under the signal's purpose: logged per case
    await logProcessing(ctx, found.map((f) => ({
      action: 'update' as const, activity: SIGNAL_ACTIVITY, purpose: SIGNAL_PURPOSE, caseId: f.id, registrationId: f.registration_id,
      dataSubjectId: f.person_id, details: { signalId: id },
    })), tx);
    return { id };
  });
}

const summaryColumns = (tenantId: string) => sql`
  s.id, s.category, coalesce(cl.label, s.category) as "categoryLabel", s.description, s.addressed_to as "addressedTo", s.addressed_kind as "addressedKind",
  case s.addressed_kind when 'stuurgroep' then 'Stuurgroep'
       when 'municipality' then coalesce((select m.name from municipalities m where m.tenant_id = s.tenant_id and m.code = s.addressed_to), s.addressed_to)
       else coalesce((select o.name from organisations o where o.tenant_id = s.tenant_id and o.code = s.addressed_to), s.addressed_to) end as "addressedName",
  s.status, s.sent_on::text as "sentOn", s.created_at as "createdAt", s.created_by_name as "createdByName", s.version,
  (select count(*) from signal_cases sc where sc.signal_id = s.id)::int as "caseCount"
  from signals s left join code_list_entries cl on cl.tenant_id = ${tenantId} and cl.list = 'signalCategory' and cl.code = s.category`;

export async function listSignals(ctx: Ctx, f: { status?: string } = {}): Promise<SignalSummary[]> {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'signal.read');
  return rows<SignalSummary>(ctx.db, sql`select ${summaryColumns(ctx.actor.tenantId)}
    where s.tenant_id = ${ctx.actor.tenantId} ${f.status ? sql`and s.status = ${f.status}` : sql``}
    order by (s.status = 'opgelost'), s.created_at desc`);
}

/** The cases a signal rests on, as counts per municipality (anonymous advice: municipality null). */
async function casesByMunicipality(ex: Executor, tenantId: string, signalIds: string[]): Promise<Map<string, CasesByMunicipality[]>> {
  if (!signalIds.length) return new Map();
  const list = await rows<CasesByMunicipality & { signalId: string }>(ex, sql`
    select sc.signal_id as "signalId", r.municipality_code as municipality, m.name, count(*)::int as cases
      from signal_cases sc join cases c on c.id = sc.case_id join registrations r on r.id = c.registration_id
      left join municipalities m on m.tenant_id = r.tenant_id and m.code = r.municipality_code
     where sc.tenant_id = ${tenantId} and sc.signal_id in (${sql.join(signalIds.map((i) => sql`${i}::uuid`), sql`, `)})
     group by sc.signal_id, r.municipality_code, m.name
     order by m.name nulls last`);
  const out = new Map<string, CasesByMunicipality[]>();
  for (const { signalId, ...rest } of list) (out.get(signalId) ?? out.set(signalId, []).get(signalId)!).push(rest);
  return out;
}

export async function getSignal(ctx: Ctx, id: string): Promise<SignalDetail> {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'signal.read');
  const s = await one<SignalSummary>(ctx.db, sql`select ${summaryColumns(ctx.actor.tenantId)} where s.id = ${id} and s.tenant_id = ${ctx.actor.tenantId}`);
  if (!s) throw new NotFoundError('Signaal niet gevonden');
  const [byMunicipality, history] = await Promise.all([
    casesByMunicipality(ctx.db, ctx.actor.tenantId, [id]),
    rows<SignalDetail['history'][number]>(ctx.db, sql`select at, from_status as "fromStatus", to_status as "toStatus", actor_name as "actorName", note
      from signal_history where signal_id = ${id} and tenant_id = ${ctx.actor.tenantId} order by at, id`),
  ]);
  return { ...s, casesByMunicipality: byMunicipality.get(id) ?? [], history };
}

export async function changeSignalStatus(ctx: Ctx, id: string, input: { status: SignalStatus; note?: string; sentOn?: string }): Promise<SignalDetail> {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'signal.manage');
  if (input.sentOn && input.status !== 'verzonden') throw new ValidationError('Ongeldige invoer', [{ field: 'sentOn', message: 'Alleen bij verzenden' }]);
  if (input.sentOn && input.sentOn > today()) throw new ValidationError('Ongeldige invoer', [{ field: 'sentOn', message: 'Datum mag niet in de toekomst liggen' }]);
  await transaction(ctx.db, async (tx) => {
    const s = await one<{ status: SignalStatus; sent_on: string | null }>(tx, sql`select status, sent_on::text as sent_on from signals
      where id = ${id} and tenant_id = ${ctx.actor.tenantId} for update`);
    if (!s) throw new NotFoundError('Signaal niet gevonden');
    if (!signalStatusAllowed(s.status, input.status)) {
      throw new ConflictError('invalid_transition', `Een signaal met status "${s.status}" kan niet naar "${input.status}"`, { from: s.status, to: input.status });
    }
    // the day it was sent is kept once set: the capacity model counts it in that year
    const sentOn = s.sent_on ?? (input.status === 'verzonden' ? (input.sentOn ?? today()) : null);
    await tx.execute(sql`update signals set status = ${input.status}, sent_on = ${sentOn}::date, updated_at = now(), version = version + 1 where id = ${id}`);
    await tx.execute(sql`insert into signal_history (signal_id, tenant_id, from_status, to_status, actor_id, actor_name, note)
      values (${id}, ${ctx.actor.tenantId}, ${s.status}, ${input.status}, ${ctx.actor.userId}, ${ctx.actor.name}, ${input.note?.trim() || null})`);
  });
  return getSignal(ctx, id);
}

// ---------------------------------------------------------------------------------------------
// the signal report for the stuurgroep: signals sent in a year, no personal data

export interface SignalReport {
  year: number;
  total: number;
  byCategory: { code: string; label: string; count: number }[];
  byAddressee: { code: string; name: string; count: number }[];
  byStatus: Record<SignalStatus, number>;
  signals: (Omit<SignalSummary, 'createdByName' | 'version' | 'createdAt'> & { casesByMunicipality: CasesByMunicipality[] })[];
}

/** The tenant's name, for the report's title page. */
export async function tenantName(ctx: Ctx): Promise<string> {
  return (await one<{ name: string }>(ctx.db, sql`select name from tenants where id = ${ctx.actor.tenantId}`))?.name ?? '';
}

export async function signalReport(ctx: Ctx, year: number): Promise<SignalReport> {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'signal.read');
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const list = await rows<SignalSummary>(ctx.db, sql`select ${summaryColumns(ctx.actor.tenantId)}
    where s.tenant_id = ${ctx.actor.tenantId} and s.sent_on between ${from}::date and ${to}::date
    order by s.sent_on, s.created_at`);
  const categories = await rows<{ code: string; label: string }>(ctx.db, sql`select code, label from code_list_entries
    where tenant_id = ${ctx.actor.tenantId} and list = 'signalCategory' order by sort, code`);
  const counts = await casesByMunicipality(ctx.db, ctx.actor.tenantId, list.map((s) => s.id));
  const byCategory = categories.map((c) => ({ ...c, count: list.filter((s) => s.category === c.code).length }));
  const addressees = new Map<string, { code: string; name: string; count: number }>();
  for (const s of list) {
    const a = addressees.get(s.addressedTo) ?? { code: s.addressedTo, name: s.addressedName, count: 0 };
    a.count++;
    addressees.set(s.addressedTo, a);
  }
  const byStatus = { open: 0, verzonden: 0, 'in-behandeling': 0, opgelost: 0 } as Record<SignalStatus, number>;
  for (const s of list) byStatus[s.status]++;
  return {
    year, total: list.length, byCategory, byAddressee: [...addressees.values()].sort((a, b) => a.name.localeCompare(b.name, 'nl')), byStatus,
    signals: list.map(({ createdByName: _c, version: _v, createdAt: _a, ...s }) => ({ ...s, casesByMunicipality: counts.get(s.id) ?? [] })),
  };
}

/** Signals sent in [from, to] per addressed municipality (null: addressed to a partner or the stuurgroep); the capacity model's count. */
export async function sentSignalCounts(ctx: Ctx, from: string, to: string): Promise<{ municipality_code: string | null; n: number }[]> {
  const ex = ctx.db;
  const tenantId = ctx.actor.tenantId;
  return rows(ex, sql`select case when s.addressed_kind = 'municipality' then s.addressed_to end as municipality_code, count(*)::int as n
    from signals s where s.tenant_id = ${tenantId} and s.sent_on between ${from}::date and ${to}::date
    group by 1`);
}
