// SPDX-License-Identifier: EUPL-1.2
// The capacity model and the municipal cost split of seed 002 (Herijking 2018). The arithmetic
// is the pure computeCapacity/splitCosts of @zvh/shared; this module supplies the tenant's
// settings (tenants.settings jsonb), the available FTE per year (capacity_years) and the counts
// of the caseload (the view report_dossiers). Computing stores nothing.
import { CAPACITY_DEFAULTS, CAPACITY_TASKS, DEFAULT_COST_SPLIT_RULE, computeCapacity, roundHalfAway, splitCosts } from '@zvh/shared';
import type { CapacityResult, CapacitySettings, CostSplitRule, RolePair, TaskCounts } from '@zvh/shared';
import type { Ctx } from '../../core/context.js';
import type { Executor } from '../../core/db/index.js';
import { one, rows, sql, transaction } from '../../core/db/index.js';
import { ValidationError } from '../../core/errors.js';
import { logSecurity } from '../../core/processing-log.js';
import { computeAnnualReport, inCodes } from '../rapportage/annual-report.js';

export interface CostSplitSettings { total: number; rule: CostSplitRule }

// ---------------------------------------------------------------------------------------------
// settings

async function tenantSettings(ex: Executor, tenantId: string): Promise<Record<string, unknown>> {
  const row = await one<{ settings: Record<string, unknown> | null }>(ex, sql`select settings from tenants where id = ${tenantId}`);
  return row?.settings ?? {};
}

/** The tenant's norm hours and hours per FTE; the defaults of seed 002 fill anything missing. */
export async function getCapacitySettings(ex: Executor, tenantId: string): Promise<CapacitySettings> {
  const stored = ((await tenantSettings(ex, tenantId)).capacity ?? {}) as Partial<CapacitySettings>;
  const norms = {} as CapacitySettings['norms'];
  for (const task of CAPACITY_TASKS) {
    const s = stored.norms?.[task];
    norms[task] = { im: Number(s?.im ?? CAPACITY_DEFAULTS.norms[task].im), pr: Number(s?.pr ?? CAPACITY_DEFAULTS.norms[task].pr) };
  }
  return { hoursPerFte: Number(stored.hoursPerFte ?? CAPACITY_DEFAULTS.hoursPerFte), norms };
}

export async function getCostSplitSettings(ex: Executor, tenantId: string): Promise<CostSplitSettings> {
  const stored = ((await tenantSettings(ex, tenantId)).costSplit ?? {}) as Partial<CostSplitSettings>;
  return {
    total: Number(stored.total ?? 208500),
    rule: {
      largeMunicipalities: stored.rule?.largeMunicipalities ?? [...DEFAULT_COST_SPLIT_RULE.largeMunicipalities],
      smallShare: Number(stored.rule?.smallShare ?? DEFAULT_COST_SPLIT_RULE.smallShare),
      roundDownTo: Number(stored.rule?.roundDownTo ?? DEFAULT_COST_SPLIT_RULE.roundDownTo),
    },
  };
}

async function putSetting(ctx: Ctx, key: 'capacity' | 'costSplit', value: unknown, event: string): Promise<void> {
  await transaction(ctx.db, async (tx) => {
    await tx.execute(sql`update tenants set settings = jsonb_set(coalesce(settings, '{}'::jsonb), ${`{${key}}`}::text[], ${JSON.stringify(value)}::jsonb, true)
      where id = ${ctx.actor.tenantId}`);
    // settings are no personal data; the security log keeps who changed the tenant's configuration
    await logSecurity(tx, { event, outcome: 'success', userId: ctx.actor.userId, email: ctx.actor.email, tenantId: ctx.actor.tenantId, details: { [key]: value } });
  });
}

export async function putCapacitySettings(ctx: Ctx, settings: CapacitySettings): Promise<CapacitySettings> {
  if (!(settings.hoursPerFte > 0)) throw new ValidationError('Ongeldige instelling', [{ field: 'hoursPerFte', message: 'Moet groter dan 0 zijn' }]);
  const clean: CapacitySettings = { hoursPerFte: settings.hoursPerFte, norms: {} as CapacitySettings['norms'] };
  for (const task of CAPACITY_TASKS) clean.norms[task] = { im: settings.norms[task].im, pr: settings.norms[task].pr };
  await putSetting(ctx, 'capacity', clean, 'capacity_settings_changed');
  return getCapacitySettings(ctx.db, ctx.actor.tenantId);
}

export async function putCostSplitSettings(ctx: Ctx, settings: CostSplitSettings): Promise<CostSplitSettings> {
  const known = await rows<{ code: string }>(ctx.db, sql`select code from municipalities where tenant_id = ${ctx.actor.tenantId}`);
  const unknown = settings.rule.largeMunicipalities.filter((c) => !known.some((k) => k.code === c));
  if (unknown.length) throw new ValidationError('Onbekende gemeente', [{ field: 'rule.largeMunicipalities', message: `Onbekende gemeente: ${unknown.join(', ')}` }]);
  const clean: CostSplitSettings = {
    total: settings.total,
    rule: { largeMunicipalities: [...new Set(settings.rule.largeMunicipalities)], smallShare: settings.rule.smallShare, roundDownTo: settings.rule.roundDownTo },
  };
  await putSetting(ctx, 'costSplit', clean, 'cost_split_settings_changed');
  return getCostSplitSettings(ctx.db, ctx.actor.tenantId);
}

// ---------------------------------------------------------------------------------------------
// available FTE per year

export interface FteYear { year: number; im: number; pr: number; contribution: number | null; set: boolean }

export async function getFteYear(ex: Executor, tenantId: string, year: number): Promise<FteYear> {
  const r = await one<{ im_fte: number; pr_fte: number; contribution: number | null }>(ex,
    sql`select im_fte, pr_fte, contribution from capacity_years where tenant_id = ${tenantId} and year = ${year}`);
  return r ? { year, im: Number(r.im_fte), pr: Number(r.pr_fte), contribution: r.contribution, set: true } : { year, im: 0, pr: 0, contribution: null, set: false };
}

export async function listFteYears(ex: Executor, tenantId: string): Promise<FteYear[]> {
  const list = await rows<{ year: number; im_fte: number; pr_fte: number; contribution: number | null }>(ex,
    sql`select year, im_fte, pr_fte, contribution from capacity_years where tenant_id = ${tenantId} order by year`);
  return list.map((r) => ({ year: r.year, im: Number(r.im_fte), pr: Number(r.pr_fte), contribution: r.contribution, set: true }));
}

export async function putFteYear(ctx: Ctx, year: number, v: { im: number; pr: number; contribution?: number | null }): Promise<FteYear> {
  await transaction(ctx.db, async (tx) => {
    await tx.execute(sql`insert into capacity_years (tenant_id, year, im_fte, pr_fte, contribution)
      values (${ctx.actor.tenantId}, ${year}, ${v.im}, ${v.pr}, ${v.contribution ?? null})
      on conflict (tenant_id, year) do update set im_fte = excluded.im_fte, pr_fte = excluded.pr_fte, contribution = excluded.contribution`);
    await logSecurity(tx, { event: 'capacity_fte_changed', outcome: 'success', userId: ctx.actor.userId, email: ctx.actor.email, tenantId: ctx.actor.tenantId, details: { year, ...v } });
  });
  return getFteYear(ctx.db, ctx.actor.tenantId, year);
}

// ---------------------------------------------------------------------------------------------
// counts of the caseload

export interface Period { from: string; to: string }

const zeroCounts = (): TaskCounts => ({ informatievraag: 0, advies: 0, procesregie: 0, signaal: 0 });

/**
 * Signals (signaalfunctie) sent in the period, per municipality. The signal function arrives with
 * issue 5; until then the relation below is an empty stand-in with the columns that table will
 * have, so this is a real count (0 rows today) and the only change then is to replace the
 * subquery with the `signals` table (and its sent_at/municipality_code columns).
 */
async function signalCounts(ex: Executor, tenantId: string, period: Period, codes: string[] | null): Promise<Map<string | null, number>> {
  const list = await rows<{ municipality_code: string | null; n: number }>(ex, sql`
    select s.municipality_code, count(*)::int as n
    from (select null::uuid as tenant_id, null::text as municipality_code, null::date as sent_at where false) as s
    where s.tenant_id = ${tenantId} and s.sent_at between ${period.from}::date and ${period.to}::date
      and (s.municipality_code is null or ${inCodes(sql`s.municipality_code`, codes)})
    group by s.municipality_code`);
  return new Map(list.map((r) => [r.municipality_code, r.n]));
}

/**
 * Counts per municipality of the dossiers registered in the period: informatievraag and advies
 * by their kind, procesregie by cases of kind procesregie that were started; signals sent in the
 * period. Every municipality of the tenant (within `codes`) appears, zeros included.
 */
export async function countsByMunicipality(ex: Executor, tenantId: string, period: Period, codes: string[] | null) {
  const [list, signals] = await Promise.all([
    rows<{ code: string; name: string; region: string; informatievraag: number; advies: number; procesregie: number }>(ex, sql`
      with agg as (
        select municipality_code,
          count(*) filter (where kind = 'informatievraag')::int as informatievraag,
          count(*) filter (where kind = 'advies')::int as advies,
          count(*) filter (where case_kind = 'procesregie' and started_at is not null)::int as procesregie
        from report_dossiers
        where tenant_id = ${tenantId} and registered_at between ${period.from}::date and ${period.to}::date
        group by municipality_code
      )
      select m.code, m.name, m.region, coalesce(a.informatievraag, 0) as informatievraag, coalesce(a.advies, 0) as advies, coalesce(a.procesregie, 0) as procesregie
      from municipalities m left join agg a on a.municipality_code = m.code
      where m.tenant_id = ${tenantId} and ${inCodes(sql`m.code`, codes)}`),
    signalCounts(ex, tenantId, period, codes),
  ]);
  list.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const perMunicipality = list.map((m) => ({
    code: m.code, name: m.name, region: m.region,
    counts: { informatievraag: m.informatievraag, advies: m.advies, procesregie: m.procesregie, signaal: signals.get(m.code) ?? 0 } as TaskCounts,
  }));
  const total = zeroCounts();
  for (const m of perMunicipality) for (const t of CAPACITY_TASKS) total[t] += m.counts[t];
  // signals not tied to one municipality count for the whole only
  total.signaal += signals.get(null) ?? 0;
  return { total, perMunicipality };
}

export interface CapacityReport extends CapacityResult {
  year: number;
  period: Period;
  municipality: string | null;
  availableFteSet: boolean;
  settings: CapacitySettings;
  byMunicipality: { code: string; name: string; region: string; counts: TaskCounts; hours: RolePair; shareOfHours: RolePair }[];
}

/**
 * The capacity of a year (or a period within it): counts from the caseload, hours by the norms,
 * FTE needed against the year's available FTE. With `municipality`, counts and hours of that
 * municipality's cases only (what its cases cost). FTE needed is hours / hours per FTE, as in
 * seed 002's tables, also for a shorter period.
 */
export async function capacityReport(ex: Executor, tenantId: string, opts: { year: number; period?: Period; municipality?: string }): Promise<CapacityReport> {
  const period = opts.period ?? { from: `${opts.year}-01-01`, to: `${opts.year}-12-31` };
  let codes: string[] | null = null;
  if (opts.municipality) {
    const m = await one(ex, sql`select 1 from municipalities where tenant_id = ${tenantId} and code = ${opts.municipality}`);
    if (!m) throw new ValidationError('Onbekende gemeente', [{ field: 'querystring.municipality', message: 'Onbekende gemeente' }]);
    codes = [opts.municipality];
  }
  const [settings, fte, counts] = await Promise.all([
    getCapacitySettings(ex, tenantId),
    getFteYear(ex, tenantId, opts.year),
    countsByMunicipality(ex, tenantId, period, codes),
  ]);
  const result = computeCapacity(settings, counts.total, { im: fte.im, pr: fte.pr });
  const byMunicipality = counts.perMunicipality.map((m) => {
    const hours = computeCapacity(settings, m.counts, { im: 0, pr: 0 }).hours;
    return {
      ...m,
      hours,
      shareOfHours: {
        im: result.hours.im > 0 ? roundHalfAway((100 * hours.im) / result.hours.im, 1) : 0,
        pr: result.hours.pr > 0 ? roundHalfAway((100 * hours.pr) / result.hours.pr, 1) : 0,
      },
    };
  });
  return { year: opts.year, period, municipality: opts.municipality ?? null, availableFteSet: fte.set, settings, ...result, byMunicipality };
}

// ---------------------------------------------------------------------------------------------
// cost split

export interface CostSplitResult {
  total: number;
  rule: CostSplitRule;
  year: number | null;
  shares: { municipality: string; name: string; amount: number; percentOfTotal: number; caseload?: number; caseloadShare?: number }[];
}

/**
 * Splits `total` (whole euros) over every active municipality of the tenant with the rule (the
 * tenant's by default): amounts in whole euros that sum to the total. With `year`, each share
 * also carries the municipality's caseload in that year (advice + procesregie of the annual
 * report's byMunicipality) and its share of the whole caseload in percent (one decimal).
 */
export async function costSplit(ex: Executor, tenantId: string, input: { total?: number; year?: number; rule?: CostSplitRule }): Promise<CostSplitResult> {
  const settings = await getCostSplitSettings(ex, tenantId);
  const total = input.total ?? settings.total;
  const rule = input.rule ?? settings.rule;
  const municipalities = await rows<{ code: string; name: string }>(ex, sql`select code, name from municipalities where tenant_id = ${tenantId} and active`);
  municipalities.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  if (municipalities.length === 0) throw new ValidationError('Geen actieve gemeenten om over te verdelen', [{ field: 'total', message: 'Geen actieve gemeenten' }]);
  const amounts = splitCosts(total, municipalities.map((m) => m.code), rule);
  let caseload: Map<string, number> | null = null;
  let caseloadTotal = 0;
  if (input.year !== undefined) {
    const report = await computeAnnualReport(ex, tenantId, input.year);
    caseload = new Map(report.byMunicipality.map((m) => [m.code, m.advice + m.processDirection]));
    for (const m of municipalities) caseloadTotal += caseload.get(m.code) ?? 0;
  }
  return {
    total,
    rule,
    year: input.year ?? null,
    shares: municipalities.map((m) => {
      const amount = amounts.get(m.code) ?? 0;
      const share: CostSplitResult['shares'][number] = {
        municipality: m.code, name: m.name, amount, percentOfTotal: total > 0 ? roundHalfAway((100 * amount) / total, 1) : 0,
      };
      if (caseload) {
        share.caseload = caseload.get(m.code) ?? 0;
        share.caseloadShare = caseloadTotal > 0 ? roundHalfAway((100 * share.caseload) / caseloadTotal, 1) : 0;
      }
      return share;
    }),
  };
}
