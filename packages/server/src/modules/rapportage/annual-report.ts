// SPDX-License-Identifier: EUPL-1.2
// The annual report (jaarverslag, shared/spec/annual-report.md): aggregates only, computed by
// aggregate SQL over the view report_dossiers (one row per registration with its case). The API,
// the report page and both exports (XLSX, PDF) use computeAnnualReport, so they always agree.
import type { Ctx } from '../../core/context.js';
import type { SQL } from 'drizzle-orm';
import { DOMAINS, NOT_INFORMED_REASONS, type AnnualReport, type FacilitatedFigures, type InformingFigures, type NazorgFigures, type NotInformedReason, type OutcomeFigures } from '@zvh/shared';
import { one, rows, sql } from '../../core/db/index.js';
import { ValidationError } from '../../core/errors.js';

/** The fixed age groups of the report definitions (age in whole years on the registration date). */
export const AGE_GROUPS = ['<18', '18-23', '24-40', '41-65', '>65'] as const;
/** The code lists whose every code appears as a key in `percentages`. */
export const PERCENTAGE_LISTS = ['mainTopic', 'gender', 'problemArea', 'children'] as const;
type PercentageList = (typeof PERCENTAGE_LISTS)[number];

export interface ReportFilters {
  /** Region code (municipalities.region): only that region's municipalities. */
  region?: string;
  /** Municipality code: only that municipality. */
  municipality?: string;
}

export type { AnnualReport } from '@zvh/shared';

/** Whole percent of n out of d, halves rounded up (1 of 8 = 12.5 -> 13); 0 when d is 0. Exact integer arithmetic. */
export function percentHalfUp(n: number, d: number): number {
  if (d <= 0) return 0;
  return Math.floor((200 * n + d) / (2 * d));
}

const byName = <T extends { name: string; code: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'nl') || a.code.localeCompare(b.code);

/**
 * Resolves the region/municipality filters to the municipality codes they select (null: no
 * filter). An unknown region or municipality, or a combination that selects nothing, is refused.
 */
export async function resolveMunicipalityFilter(ctx: Ctx, filters: ReportFilters): Promise<string[] | null> {
  const ex = ctx.db;
  const tenantId = ctx.actor.tenantId;
  if (!filters.region && !filters.municipality) return null;
  const list = await rows<{ code: string; region: string }>(ex, sql`select code, region from municipalities where tenant_id = ${tenantId}`);
  const details: { field: string; message: string }[] = [];
  if (filters.region && !list.some((m) => m.region === filters.region)) details.push({ field: 'querystring.region', message: 'Onbekende regio' });
  if (filters.municipality && !list.some((m) => m.code === filters.municipality)) details.push({ field: 'querystring.municipality', message: 'Onbekende gemeente' });
  if (details.length) throw new ValidationError('Onbekend filter', details);
  const codes = list.filter((m) => (!filters.region || m.region === filters.region) && (!filters.municipality || m.code === filters.municipality)).map((m) => m.code);
  if (codes.length === 0) throw new ValidationError('De gekozen gemeente ligt niet in de gekozen regio', [{ field: 'querystring.municipality', message: 'Gemeente ligt niet in deze regio' }]);
  return codes.sort();
}

/** `col in (...)` for a resolved filter, or true without one. */
export function inCodes(column: SQL, codes: string[] | null): SQL {
  if (codes === null) return sql`true`;
  return sql`${column} in (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})`;
}

/**
 * Age in whole years on `on`: the largest n with birth + n years <= on, with PostgreSQL's
 * date + interval semantics (29 February + 1 year = 28 February in a common year). Note that
 * PostgreSQL's age() differs on exactly that edge, so it is not used.
 */
export function ageOn(birth: SQL, on: SQL): SQL {
  return sql`((extract(year from ${on})::int - extract(year from ${birth})::int)
    - case when ${birth} + make_interval(years => extract(year from ${on})::int - extract(year from ${birth})::int) > ${on} then 1 else 0 end)`;
}

// The age groups themselves come from the view report_dossiers (column age_group, migration
// 0016): the same formula as ageOn, or the group kept on the registration when the person's
// data has been anonymised (modules/privacy retention), so the report does not change.

/**
 * The tenant's dossiers (view report_dossiers) within the municipality filter as the CTE `d`,
 * with the definitions of annual-report.md over the period [from, to] (for the report: 1 January
 * to 31 December of the year) as flags:
 *  - `reg_y`: registered in the period;
 *  - `pr`: a procesregie case that was started (startedAt set);
 *  - `reg_pr`: a procesregie registration registered in the period, taken up or not;
 *  - `active`: a procesregie case active in the period (startedAt <= to and not closed before from).
 * The annual report and the capacity model (module capaciteit) both count from this one
 * formulation, so their figures cannot drift apart. Use as `${reportDossiers(...)} select ... from d`.
 */
export function reportDossiers(tenantId: string, codes: string[] | null, from: string, to: string): SQL {
  const s = sql`${from}::date`;
  const e = sql`${to}::date`;
  return sql`with d0 as (
      select rd.*,
        (rd.registered_at between ${s} and ${e}) as reg_y,
        (rd.case_kind = 'procesregie' and rd.started_at is not null) as pr
      from report_dossiers rd
      where rd.tenant_id = ${tenantId} and ${inCodes(sql`rd.municipality_code`, codes)}
    ), d as (
      select d0.*,
        (d0.reg_y and (d0.requested_kind = 'procesregie' or d0.case_kind = 'procesregie')) as reg_pr,
        (d0.pr and d0.started_at <= ${e} and (d0.closed_at is null or d0.closed_at >= ${s})) as active
      from d0
    )`;
}

export async function computeAnnualReport(ctx: Ctx, year: number, filters: ReportFilters = {}): Promise<AnnualReport> {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new ValidationError('Ongeldig jaar', [{ field: 'querystring.year', message: 'Geef een jaartal' }]);
  return computeReport(ctx, { from: `${year}-01-01`, to: `${year}-12-31` }, filters);
}

/** A period of days, both included (YYYY-MM-DD). */
export interface Period { from: string; to: string }

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
function isDay(v: string): boolean {
  if (!ISO_DAY.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/**
 * The period a report query asks for: `year` (the calendar year), `year` + `quarter` (1-4), or
 * `from` + `to` (any range of days, both included, also over a year end). Anything else, a day
 * that does not exist, or from after to is refused with 400.
 */
export function resolvePeriod(q: { year?: number; quarter?: number; from?: string; to?: string }): Period & { quarter: number | null } {
  const bad = (field: string, message: string, title = 'Ongeldige periode'): never => { throw new ValidationError(title, [{ field: `querystring.${field}`, message }], 400); };
  if (q.from !== undefined || q.to !== undefined) {
    if (q.year !== undefined || q.quarter !== undefined) bad('year', 'Geef een jaar (met kwartaal) of een periode van-tot, niet beide');
    if (q.from === undefined) bad('from', 'Begin en einde horen bij elkaar');
    if (q.to === undefined) bad('to', 'Begin en einde horen bij elkaar');
    if (!isDay(q.from!)) bad('from', 'Geen geldige datum (JJJJ-MM-DD)');
    if (!isDay(q.to!)) bad('to', 'Geen geldige datum (JJJJ-MM-DD)');
    if (q.from! > q.to!) bad('to', 'Het einde ligt voor het begin');
    if (q.from! < '1900-01-01' || q.to! > '9999-12-31') bad('from', 'Buiten het bereik van jaartallen');
    return { from: q.from!, to: q.to!, quarter: null };
  }
  if (q.year === undefined) return bad('year', 'Geef een jaar (met kwartaal) of een periode van-tot');
  const year = q.year!;
  if (!Number.isInteger(year) || year < 1900 || year > 9999) bad('year', 'Geef een jaartal');
  if (q.quarter === undefined) return { from: `${year}-01-01`, to: `${year}-12-31`, quarter: null };
  const quarter = q.quarter;
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) bad('quarter', 'Kwartaal 1 tot en met 4');
  const first = 3 * (quarter - 1) + 1;
  const last = first + 2;
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate(); // day 0 of the next month
  const mm = (m: number) => String(m).padStart(2, '0');
  return { from: `${year}-${mm(first)}-01`, to: `${year}-${mm(last)}-${lastDay}`, quarter };
}

/** The figures of a period as a report for the stuurgroep (seed 000: per quarter): the annual report's definitions over [from, to]. */
export async function computePeriodReport(ctx: Ctx, period: Period & { quarter: number | null }, filters: ReportFilters = {}): Promise<AnnualReport> {
  const report = await computeReport(ctx, period, filters);
  return { ...report, period: { from: period.from, to: period.to, quarter: period.quarter } };
}

/**
 * The one computation behind the annual report and the period report: annual-report.md's
 * definitions with 1 January and 31 December of Y replaced by the first and last day of the
 * period (carriedOver: started before its first day and not closed before it, activeAtYearEnd:
 * active after its last day, ages on the registration date, ...). `year` is the year of `from`.
 */
async function computeReport(ctx: Ctx, period: Period, filters: ReportFilters): Promise<AnnualReport> {
  const ex = ctx.db;
  const tenantId = ctx.actor.tenantId;
  const year = Number(period.from.slice(0, 4));
  const codes = await resolveMunicipalityFilter(ctx, filters);
  const start = period.from;
  const end = period.to;
  const s = sql`${start}::date`;
  const e = sql`${end}::date`;

  // one statement, like one hand-written query: the tenant's dossiers are read and joined once
  // (the CTE d, used more than once, is materialised) and every figure below counts from them
  // (issue 12: four statements each joined the tenant's registrations, persons and cases again)
  const dossiersQ = one<{
    basics: AnnualReport['basics']; municipalities: AnnualReport['byMunicipality'] | null; partners: AnnualReport['byPartner'] | null;
    distribution: { list: string; code: string | null; n: number }[] | null;
  }>(ex, sql`${reportDossiers(tenantId, codes, start, end)}, agg_m as (
      select municipality_code,
        count(*) filter (where reg_y and kind = 'advies')::int as advice,
        count(*) filter (where pr and started_at < ${s} and (closed_at is null or closed_at >= ${s}))::int as carried_over,
        count(*) filter (where pr and started_at between ${s} and ${e})::int as inflow,
        count(*) filter (where pr and closed_at between ${s} and ${e})::int as closed,
        count(*) filter (where pr and started_at <= ${e} and (closed_at is null or closed_at > ${e}))::int as active_end
      from d group by municipality_code
    ), agg_p as (
      select registering_partner, count(*)::int as n from d where reg_pr group by registering_partner
    ), act as (
      select * from d where active
    )
    select
      (select json_build_object(
        'registeredProcessDirection', count(*) filter (where reg_pr),
        'registeredProcessDirectionPga', count(*) filter (where reg_pr and approach = 'pga'),
        'notTakenUp', count(*) filter (where reg_pr and started_at is null),
        'activeProcessDirection', count(*) filter (where active),
        'activeProcessDirectionPga', count(*) filter (where active and approach = 'pga'),
        'informationRequests', count(*) filter (where reg_y and kind = 'informatievraag'),
        'advice', count(*) filter (where reg_y and kind = 'advies')) from d) as basics,
      (select json_agg(x) from (
        select m.code, m.name, m.region,
          coalesce(a.advice, 0) as advice,
          coalesce(a.carried_over, 0) + coalesce(a.inflow, 0) as "processDirection",
          coalesce(a.carried_over, 0) as "carriedOver",
          coalesce(a.inflow, 0) as inflow,
          coalesce(a.closed, 0) as closed,
          coalesce(a.active_end, 0) as "activeAtYearEnd"
        from municipalities m left join agg_m a on a.municipality_code = m.code
        where m.tenant_id = ${tenantId} and ${inCodes(sql`m.code`, codes)}) x) as municipalities,
      (select json_agg(x) from (
        select o.code, o.name, o.domain, coalesce(a.n, 0) as registered
        from organisations o left join agg_p a on a.registering_partner = o.code
        where o.tenant_id = ${tenantId} and o.kind = 'partner') x) as partners,
      (select json_agg(x) from (
        select 'mainTopic' as list, main_topic as code, count(*)::int as n from act group by main_topic
        union all
        select 'gender', gender, count(*)::int from act group by gender
        union all
        select 'children', children, count(*)::int from act group by children
        union all
        select 'problemArea', pa, count(distinct act.registration_id)::int from act cross join lateral unnest(act.problem_areas) as pa group by pa
        union all
        select 'ageGroup', age_group, count(*)::int from act where age_group is not null group by 2
        union all
        select 'crossesMunicipalityBorder', 'ja', count(*)::int from act where crosses_municipality_border) x) as distribution`);

  const codeListQ = rows<{ list: string; code: string }>(ex, sql`select list, code from code_list_entries
    where tenant_id = ${tenantId} and list in ('mainTopic', 'gender', 'problemArea', 'children') order by list, sort, code`);

  const facilitatedQ = computeFacilitatedFigures(ctx, period, codes);
  const outcomeQ = computeOutcomeFigures(ctx, period, codes);
  const informingQ = computeInformingFigures(ctx, period, codes);
  const [dossiers, codeList, facilitated, outcome, informing] = await Promise.all([dossiersQ, codeListQ, facilitatedQ, outcomeQ, informingQ]);
  const basics = dossiers!.basics;
  const byMunicipality = dossiers!.municipalities ?? [];
  const byPartner = dossiers!.partners ?? [];
  const distribution = dossiers!.distribution ?? [];
  const b = basics!;
  const denominator = b.activeProcessDirection;

  const counts: Record<PercentageList | 'ageGroup', Map<string, number>> = {
    mainTopic: new Map(), gender: new Map(), problemArea: new Map(), children: new Map(), ageGroup: new Map(AGE_GROUPS.map((g) => [g, 0])),
  };
  for (const c of codeList) counts[c.list as PercentageList]?.set(c.code, 0);
  let crossing = 0;
  for (const r of distribution) {
    if (r.list === 'crossesMunicipalityBorder') { crossing = r.n; continue; }
    if (r.code === null) continue; // not recorded: counts in the denominator only
    const m = counts[r.list as PercentageList | 'ageGroup'];
    m.set(r.code, (m.get(r.code) ?? 0) + r.n);
  }
  const pct = (m: Map<string, number>) => Object.fromEntries([...m].map(([k, n]) => [k, percentHalfUp(n, denominator)]));

  byMunicipality.sort(byName);
  byPartner.sort(byName);
  const byDomain: Record<string, number> = Object.fromEntries(DOMAINS.map((d) => [d, 0]));
  for (const p of byPartner) if (p.domain) byDomain[p.domain] = (byDomain[p.domain] ?? 0) + p.registered;

  return {
    year,
    basics: b,
    byMunicipality,
    byPartner,
    byDomain,
    percentages: {
      mainTopic: pct(counts.mainTopic),
      ageGroup: pct(counts.ageGroup),
      gender: pct(counts.gender),
      problemArea: pct(counts.problemArea),
      children: pct(counts.children),
      crossesMunicipalityBorder: percentHalfUp(crossing, denominator),
    },
    facilitated,
    outcome,
    informing,
    filters: { region: filters.region ?? null, municipality: filters.municipality ?? null, municipalities: codes ?? [] },
  };
}

/**
 * The section `facilitated` (annual-report.md, "The facilitated meetings"): the records of the
 * veelplegersoverleg, LPCO and nazorgoverleg, from their own tables only, so nothing above
 * changes. Aggregate SQL; every region, municipality and code appears, zeros included.
 */
export async function computeFacilitatedFigures(ctx: Ctx, yearOrPeriod: number | Period, codes: string[] | null = null): Promise<FacilitatedFigures> {
  const ex = ctx.db;
  const tenantId = ctx.actor.tenantId;
  const p = typeof yearOrPeriod === 'number' ? { from: `${yearOrPeriod}-01-01`, to: `${yearOrPeriod}-12-31` } : yearOrPeriod;
  const s = sql`${p.from}::date`;
  const e = sql`${p.to}::date`;
  // veelplegers: persons (merged persons count as the surviving one) with a record active on at
  // least one day of Y, each once, in the region of their latest-starting record active in Y
  const veelplegersQ = rows<{ region: string; n: number }>(ex, sql`with act as (
      select coalesce(p.merged_into, p.id) as pid, v.municipality_code, v.registered_at, v.created_at, v.id
        from veelpleger_records v join persons p on p.tenant_id = v.tenant_id and p.id = v.person_id
       where v.tenant_id = ${tenantId} and v.registered_at <= ${e} and (v.closed_at is null or v.closed_at >= ${s})
    ), latest as (
      select distinct on (pid) pid, municipality_code from act order by pid, registered_at desc, created_at desc, id desc
    ), regions as (
      select distinct region from municipalities where tenant_id = ${tenantId}
    )
    select rg.region, count(l.pid)::int as n
      from regions rg
      left join municipalities m on m.tenant_id = ${tenantId} and m.region = rg.region and ${inCodes(sql`m.code`, codes)}
      left join latest l on l.municipality_code = m.code
     group by rg.region order by rg.region`);
  const lpcoQ = rows<{ list: string; code: string; n: number }>(ex, sql`with l as (
      select municipality_code, outcome from lpco_records
       where tenant_id = ${tenantId} and discussed_at between ${s} and ${e} and ${inCodes(sql`municipality_code`, codes)}
    )
    select 'municipality' as list, m.code, count(l.municipality_code)::int as n
      from municipalities m left join l on l.municipality_code = m.code
     where m.tenant_id = ${tenantId} and ${inCodes(sql`m.code`, codes)} group by m.code
    union all
    select 'outcome', c.code, (select count(*) from l where l.outcome = c.code)::int
      from code_list_entries c where c.tenant_id = ${tenantId} and c.list = 'lpcoOutcome'
    union all
    select 'outcome', l.outcome, count(*)::int from l
     where not exists (select 1 from code_list_entries c where c.tenant_id = ${tenantId} and c.list = 'lpcoOutcome' and c.code = l.outcome)
     group by l.outcome
    union all
    select 'total', 'total', count(*)::int from l`);
  const nazorgQ = rows<{ code: string } & NazorgFigures>(ex, sql`select m.code,
      count(n.id) filter (where n.registered_at between ${s} and ${e})::int as inflow,
      count(n.id) filter (where n.registered_at between ${s} and ${e} and n.closed_at between ${s} and ${e})::int as "closedOfInflow",
      count(n.id) filter (where n.registered_at < ${s} and n.closed_at between ${s} and ${e})::int as "closedOfEarlier",
      count(n.id) filter (where n.registered_at < ${s} and (n.closed_at is null or n.closed_at > ${e}))::int as "carriedThrough"
    from municipalities m left join nazorg_records n on n.tenant_id = m.tenant_id and n.municipality_code = m.code
    where m.tenant_id = ${tenantId} and m.nazorg_plustaak and ${inCodes(sql`m.code`, codes)}
    group by m.code order by m.code`);
  const [vp, lp, nz] = await Promise.all([veelplegersQ, lpcoQ, nazorgQ]);

  const veelplegers: FacilitatedFigures['veelplegers'] = {};
  for (const r of vp) veelplegers[r.region] = r.n;
  veelplegers.total = vp.reduce((t, r) => t + r.n, 0);
  const lpco: FacilitatedFigures['lpco'] = { byMunicipality: {}, byOutcome: {}, total: 0 };
  for (const r of [...lp].sort((a, b) => a.code.localeCompare(b.code))) {
    if (r.list === 'municipality') lpco.byMunicipality[r.code] = r.n;
    else if (r.list === 'outcome') lpco.byOutcome[r.code] = (lpco.byOutcome[r.code] ?? 0) + r.n;
    else lpco.total = r.n;
  }
  const nazorg: FacilitatedFigures['nazorg'] = { byMunicipality: {} };
  for (const { code, ...f } of nz) nazorg.byMunicipality[code] = f;
  return { veelplegers, lpco, nazorg };
}

/**
 * The section `outcome` (rendement, seed 003): the procesregie cases closed in the period (the
 * report's `closed`: started, closedAt in the period) with their latest ZRM score at the start and
 * at closure (table case_outcome_scores, highest version per moment). Per ZRM domain a case counts
 * only when the domain was scored at both moments; the safety risk likewise. goalsMet comes from
 * the closure evaluation (cases.evaluation). Aggregate SQL only: no case leaves the database.
 */
export async function computeOutcomeFigures(ctx: Ctx, period: Period, codes: string[] | null = null): Promise<OutcomeFigures> {
  const ex = ctx.db;
  const tenantId = ctx.actor.tenantId;
  const s = sql`${period.from}::date`;
  const e = sql`${period.to}::date`;
  const closedCases = sql`${reportDossiers(tenantId, codes, period.from, period.to)}, cl as (
      select d.case_id from d where d.pr and d.closed_at between ${s} and ${e}
    ), latest as (
      select distinct on (o.case_id, o.moment) o.case_id, o.moment, o.scores, o.safety_risk
        from case_outcome_scores o join cl on cl.case_id = o.case_id
       where o.tenant_id = ${tenantId}
       order by o.case_id, o.moment, o.version desc
    ), pair as (
      select st.case_id, st.scores as s0, en.scores as s1, st.safety_risk as r0, en.safety_risk as r1
        from latest st join latest en on en.case_id = st.case_id and en.moment = 'afsluiting'
       where st.moment = 'start'
    )`;
  const domainsQ = rows<{ code: string; improved: number; same: number; worsened: number }>(ex, sql`${closedCases}, cmp as (
      select kv.key as code, (pair.s1 ->> kv.key)::int - kv.value::text::int as delta
        from pair cross join lateral jsonb_each(pair.s0) kv
       where (pair.s1 ->> kv.key) is not null
    )
    select c.code,
      count(cmp.delta) filter (where cmp.delta > 0)::int as improved,
      count(cmp.delta) filter (where cmp.delta = 0)::int as same,
      count(cmp.delta) filter (where cmp.delta < 0)::int as worsened
    from code_list_entries c left join cmp on cmp.code = c.code
    where c.tenant_id = ${tenantId} and c.list = 'zrmDomain'
    group by c.code, c.sort order by c.sort, c.code`);
  const rank = (col: SQL) => sql`(case ${col} when 'hoog' then 3 when 'midden' then 2 when 'laag' then 1 end)`;
  const totalsQ = one<{ closed: number; scored: number; improved: number; same: number; worsened: number; ja: number; deels: number; nee: number; none: number }>(ex, sql`${closedCases}
    select
      (select count(*) from cl)::int as closed,
      (select count(*) from pair)::int as scored,
      (select count(*) from pair where ${rank(sql`r1`)} < ${rank(sql`r0`)})::int as improved,
      (select count(*) from pair where ${rank(sql`r1`)} = ${rank(sql`r0`)})::int as same,
      (select count(*) from pair where ${rank(sql`r1`)} > ${rank(sql`r0`)})::int as worsened,
      count(*) filter (where c.evaluation ->> 'goalsMet' = 'ja')::int as ja,
      count(*) filter (where c.evaluation ->> 'goalsMet' = 'deels')::int as deels,
      count(*) filter (where c.evaluation ->> 'goalsMet' = 'nee')::int as nee,
      count(*) filter (where coalesce(c.evaluation ->> 'goalsMet', '') not in ('ja', 'deels', 'nee'))::int as none
    from cl join cases c on c.tenant_id = ${tenantId} and c.id = cl.case_id`);
  const [domains, t] = await Promise.all([domainsQ, totalsQ]);
  const byDomain: OutcomeFigures['byDomain'] = {};
  for (const d of domains) byDomain[d.code] = { improved: d.improved, same: d.same, worsened: d.worsened };
  const recorded = t!.ja + t!.deels + t!.nee;
  return {
    closed: t!.closed,
    scoredAtBoth: t!.scored,
    byDomain,
    safetyRisk: { improved: t!.improved, same: t!.same, worsened: t!.worsened },
    goalsMet: { ja: t!.ja, deels: t!.deels, nee: t!.nee, notRecorded: t!.none, percentMet: percentHalfUp(t!.ja, recorded) },
  };
}

/**
 * The section `informing` (AVG art. 14): the registrations about a person registered in the
 * period (registered_at, both days included; municipality filter as elsewhere) by their informing
 * record. Aggregate SQL only; none of the other figures reads the informing table.
 */
export async function computeInformingFigures(ctx: Ctx, period: Period, codes: string[] | null = null): Promise<InformingFigures> {
  const r = await one<{ registrations: number; registrant: number; zvh: number; open: number } & Record<NotInformedReason, number>>(ctx.db, sql`
    select count(*)::int as registrations,
           count(*) filter (where i.status = 'informed' and i.informed_by = 'registrant')::int as registrant,
           count(*) filter (where i.status = 'informed' and i.informed_by = 'zvh')::int as zvh,
           count(*) filter (where i.status is null)::int as open,
           ${sql.join(NOT_INFORMED_REASONS.map((reason) => sql`count(*) filter (where i.status = 'not_informed' and i.reason = ${reason})::int as ${sql.identifier(reason)}`), sql`, `)}
      from registrations r left join registration_informing i on i.registration_id = r.id
     where r.tenant_id = ${ctx.actor.tenantId} and r.person_id is not null
       and r.registered_at between ${period.from}::date and ${period.to}::date
       and ${inCodes(sql`r.municipality_code`, codes)}`);
  const byReason = Object.fromEntries(NOT_INFORMED_REASONS.map((reason) => [reason, r![reason]])) as Record<NotInformedReason, number>;
  const notInformed = Object.values(byReason).reduce((a, b) => a + b, 0);
  return {
    registrations: r!.registrations,
    informed: r!.registrant + r!.zvh,
    informedByRegistrant: r!.registrant,
    informedByZvh: r!.zvh,
    notInformed,
    notInformedByReason: byReason,
    open: r!.open,
  };
}

/** Totals of the per-municipality table (the "Drenthe" row of the report). */
export function municipalityTotals(report: AnnualReport) {
  const t = { advice: 0, processDirection: 0, carriedOver: 0, inflow: 0, closed: 0, activeAtYearEnd: 0 };
  for (const m of report.byMunicipality) for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] += m[k];
  return t;
}

/** Labels the exports print: the tenant's name, its code lists, its regions. Reference data only. */
export interface ReportLabels {
  tenantName: string;
  /** "Drenthe" for "Zorg- en Veiligheidshuis Drenthe": the name of the total row. */
  areaName: string;
  codeLists: Record<string, Record<string, string>>;
}

export async function loadReportLabels(ctx: Ctx): Promise<ReportLabels> {
  const ex = ctx.db;
  const tenantId = ctx.actor.tenantId;
  const [tenant, entries] = await Promise.all([
    one<{ name: string }>(ex, sql`select name from tenants where id = ${tenantId}`),
    rows<{ list: string; code: string; label: string }>(ex, sql`select list, code, label from code_list_entries where tenant_id = ${tenantId}`),
  ]);
  const codeLists: Record<string, Record<string, string>> = {};
  for (const e of entries) (codeLists[e.list] ??= {})[e.code] = e.label;
  const tenantName = tenant?.name ?? '';
  const areaName = tenantName.replace(/^(zorg-\s*en\s*)?veiligheidshuis\s+/i, '').trim() || tenantName;
  return { tenantName, areaName, codeLists };
}
