// SPDX-License-Identifier: EUPL-1.2
// The capacity model and the municipal cost split of seed 002 (Herijking 2018). The arithmetic
// is the pure computeCapacity/splitCosts of @zvh/shared; this module supplies the tenant's
// settings (tenants.settings jsonb), the available FTE per year (capacity_years) and the counts
// of the caseload (the annual report's definitions over the view report_dossiers). Computing
// stores nothing. Every function takes the request's Ctx first and works in its actor's tenant.
import { CAPACITY_DEFAULTS, CAPACITY_TASKS, COST_SPLIT_ROUNDINGS, DEFAULT_COST_SPLIT_SETTINGS, computeCapacity, roundHalfAway, splitCosts, splitEqually } from '@zvh/shared';
import type {
  CapacityReport, CapacityResult, CapacitySettings, CostSplit, CostSplitRounding, CostSplitRule, CostSplitSettings, FteYear, RolePair, TaskCounts,
} from '@zvh/shared';
import type { Ctx } from '../../core/context.js';
import { one, rows, sql, transaction } from '../../core/db/index.js';
import { ValidationError } from '../../core/errors.js';
import { logSecurity } from '../../core/processing-log.js';
import { computeAnnualReport, inCodes, reportDossiers, resolveMunicipalityFilter } from '../rapportage/annual-report.js';
import { sentSignalCounts } from '../signalen/service.js';

// ---------------------------------------------------------------------------------------------
// settings

async function tenantSettings(ctx: Ctx): Promise<Record<string, unknown>> {
  const row = await one<{ settings: Record<string, unknown> | null }>(ctx.db, sql`select settings from tenants where id = ${ctx.actor.tenantId}`);
  return row?.settings ?? {};
}

/** The tenant's norm hours and hours per FTE; the defaults of seed 002 fill anything missing. */
export async function getCapacitySettings(ctx: Ctx): Promise<CapacitySettings> {
  const stored = ((await tenantSettings(ctx)).capacity ?? {}) as Partial<CapacitySettings>;
  const norms = {} as CapacitySettings['norms'];
  for (const task of CAPACITY_TASKS) {
    const s = stored.norms?.[task];
    norms[task] = { im: Number(s?.im ?? CAPACITY_DEFAULTS.norms[task].im), pr: Number(s?.pr ?? CAPACITY_DEFAULTS.norms[task].pr) };
  }
  return { hoursPerFte: Number(stored.hoursPerFte ?? CAPACITY_DEFAULTS.hoursPerFte), norms };
}

const isRounding = (v: unknown): v is CostSplitRounding => COST_SPLIT_ROUNDINGS.includes(v as CostSplitRounding);

/** The tenant's default total, split rule (with its default rounding) and nazorg plustaak fee. */
export async function getCostSplitSettings(ctx: Ctx): Promise<CostSplitSettings> {
  const stored = ((await tenantSettings(ctx)).costSplit ?? {}) as Partial<CostSplitSettings>;
  const d = DEFAULT_COST_SPLIT_SETTINGS;
  return {
    total: Number(stored.total ?? d.total),
    rule: {
      largeMunicipalities: stored.rule?.largeMunicipalities ?? [...d.rule.largeMunicipalities],
      smallShare: Number(stored.rule?.smallShare ?? d.rule.smallShare),
      rounding: isRounding(stored.rule?.rounding) ? stored.rule.rounding : d.rule.rounding,
    },
    nazorgFee: Number(stored.nazorgFee ?? d.nazorgFee),
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
  return getCapacitySettings(ctx);
}

export async function putCostSplitSettings(ctx: Ctx, settings: CostSplitSettings): Promise<CostSplitSettings> {
  const known = await rows<{ code: string }>(ctx.db, sql`select code from municipalities where tenant_id = ${ctx.actor.tenantId}`);
  const unknown = settings.rule.largeMunicipalities.filter((c) => !known.some((k) => k.code === c));
  if (unknown.length) throw new ValidationError('Onbekende gemeente', [{ field: 'rule.largeMunicipalities', message: `Onbekende gemeente: ${unknown.join(', ')}` }]);
  const clean: CostSplitSettings = {
    total: settings.total,
    rule: { largeMunicipalities: [...new Set(settings.rule.largeMunicipalities)], smallShare: settings.rule.smallShare, rounding: settings.rule.rounding },
    nazorgFee: settings.nazorgFee,
  };
  await putSetting(ctx, 'costSplit', clean, 'cost_split_settings_changed');
  return getCostSplitSettings(ctx);
}

// ---------------------------------------------------------------------------------------------
// available FTE per year

export async function getFteYear(ctx: Ctx, year: number): Promise<FteYear> {
  const r = await one<{ im_fte: number; pr_fte: number; contribution: number | null }>(ctx.db,
    sql`select im_fte, pr_fte, contribution from capacity_years where tenant_id = ${ctx.actor.tenantId} and year = ${year}`);
  return r ? { year, im: Number(r.im_fte), pr: Number(r.pr_fte), contribution: r.contribution, set: true } : { year, im: 0, pr: 0, contribution: null, set: false };
}

export async function listFteYears(ctx: Ctx): Promise<FteYear[]> {
  const list = await rows<{ year: number; im_fte: number; pr_fte: number; contribution: number | null }>(ctx.db,
    sql`select year, im_fte, pr_fte, contribution from capacity_years where tenant_id = ${ctx.actor.tenantId} order by year`);
  return list.map((r) => ({ year: r.year, im: Number(r.im_fte), pr: Number(r.pr_fte), contribution: r.contribution, set: true }));
}

export async function putFteYear(ctx: Ctx, year: number, v: { im: number; pr: number; contribution?: number | null }): Promise<FteYear> {
  await transaction(ctx.db, async (tx) => {
    await tx.execute(sql`insert into capacity_years (tenant_id, year, im_fte, pr_fte, contribution)
      values (${ctx.actor.tenantId}, ${year}, ${v.im}, ${v.pr}, ${v.contribution ?? null})
      on conflict (tenant_id, year) do update set im_fte = excluded.im_fte, pr_fte = excluded.pr_fte, contribution = excluded.contribution`);
    await logSecurity(tx, { event: 'capacity_fte_changed', outcome: 'success', userId: ctx.actor.userId, email: ctx.actor.email, tenantId: ctx.actor.tenantId, details: { year, ...v } });
  });
  return getFteYear(ctx, year);
}

// ---------------------------------------------------------------------------------------------
// planning

/** The capacity for counts given by the user; without availableFte, the FTE of `year` (or none). */
export async function planCapacity(ctx: Ctx, input: { counts: Partial<TaskCounts>; availableFte?: RolePair; year?: number }): Promise<CapacityResult> {
  const settings = await getCapacitySettings(ctx);
  const counts = Object.fromEntries(CAPACITY_TASKS.map((t) => [t, input.counts[t] ?? 0])) as TaskCounts;
  let available = input.availableFte;
  if (!available) {
    const fte = input.year !== undefined ? await getFteYear(ctx, input.year) : { im: 0, pr: 0 };
    available = { im: fte.im, pr: fte.pr };
  }
  return computeCapacity(settings, counts, available);
}

// ---------------------------------------------------------------------------------------------
// counts of the caseload

interface Period { from: string; to: string }

const zeroCounts = (): TaskCounts => ({ informatievraag: 0, advies: 0, procesregie: 0, signaal: 0 });

/**
 * Signals (signaalfunctie, modules/signalen) sent in the period, per addressed municipality: a
 * signal counts in the period in which it was sent (sent_on, set when its status became
 * `verzonden`), never while it is `open`. Signals addressed to a partner or the stuurgroep
 * (municipality null) count for the whole only, so not when the report is for some municipalities.
 */
async function signalCounts(ctx: Ctx, period: Period, codes: string[] | null): Promise<Map<string | null, number>> {
  const list = await sentSignalCounts(ctx, period.from, period.to);
  return new Map(list.filter((r) => r.municipality_code === null ? codes === null : codes === null || codes.includes(r.municipality_code)).map((r) => [r.municipality_code, r.n]));
}

/**
 * Counts per municipality with the annual report's definitions (annual-report.md) over the
 * period: `informatievraag` and `advies` registered in the period, `procesregie` the procesregie
 * cases ACTIVE in it (started on or before its last day and not closed before its first: the
 * caseload, carried over plus inflow, as seed 002 counts it), `signaal` signals sent in it.
 * Every municipality of the tenant (within `codes`) appears, zeros included.
 */
async function countsByMunicipality(ctx: Ctx, period: Period, codes: string[] | null) {
  const tenantId = ctx.actor.tenantId;
  const [list, signals] = await Promise.all([
    rows<{ code: string; name: string; region: string; informatievraag: number; advies: number; procesregie: number }>(ctx.db, sql`
      ${reportDossiers(tenantId, codes, period.from, period.to)}, agg as (
        select municipality_code,
          count(*) filter (where reg_y and kind = 'informatievraag')::int as informatievraag,
          count(*) filter (where reg_y and kind = 'advies')::int as advies,
          count(*) filter (where active)::int as procesregie
        from d group by municipality_code
      )
      select m.code, m.name, m.region, coalesce(a.informatievraag, 0) as informatievraag, coalesce(a.advies, 0) as advies, coalesce(a.procesregie, 0) as procesregie
      from municipalities m left join agg a on a.municipality_code = m.code
      where m.tenant_id = ${tenantId} and ${inCodes(sql`m.code`, codes)}`),
    signalCounts(ctx, period, codes),
  ]);
  // anonymous advice questions (no municipality) count for the whole, as in the annual report's basics
  const unattributed = codes === null ? await one<{ informatievraag: number; advies: number; procesregie: number }>(ctx.db, sql`
      ${reportDossiers(tenantId, null, period.from, period.to)}
      select count(*) filter (where reg_y and kind = 'informatievraag')::int as informatievraag,
        count(*) filter (where reg_y and kind = 'advies')::int as advies, count(*) filter (where active)::int as procesregie
      from d where municipality_code is null`) : undefined;
  list.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const perMunicipality = list.map((m) => ({
    code: m.code, name: m.name, region: m.region,
    counts: { informatievraag: m.informatievraag, advies: m.advies, procesregie: m.procesregie, signaal: signals.get(m.code) ?? 0 } as TaskCounts,
  }));
  const total = zeroCounts();
  for (const m of perMunicipality) for (const t of CAPACITY_TASKS) total[t] += m.counts[t];
  // signals not tied to one municipality, and anonymous advice, count for the whole only
  total.signaal += signals.get(null) ?? 0;
  if (unattributed) for (const t of ['informatievraag', 'advies', 'procesregie'] as const) total[t] += unattributed[t];
  return { total, perMunicipality };
}

/**
 * The capacity of a year (or a period within it): counts from the caseload, hours by the norms,
 * FTE needed against the year's available FTE. With `municipality`, counts and hours of that
 * municipality's cases only (what its cases cost). FTE needed is hours / hours per FTE, as in
 * seed 002's tables, also for a shorter period.
 */
export async function capacityReport(ctx: Ctx, opts: { year: number; period?: Period; municipality?: string }): Promise<CapacityReport> {
  const period = opts.period ?? { from: `${opts.year}-01-01`, to: `${opts.year}-12-31` };
  const codes = opts.municipality ? await resolveMunicipalityFilter(ctx, { municipality: opts.municipality }) : null;
  const [settings, fte, counts] = await Promise.all([
    getCapacitySettings(ctx),
    getFteYear(ctx, opts.year),
    countsByMunicipality(ctx, period, codes),
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

export interface CostSplitInput {
  total?: number;
  year?: number;
  rule?: CostSplitRule;
  /** Overrides the rule's (the tenant's) rounding. */
  rounding?: CostSplitRounding;
  /** Overrides the tenant's nazorg plustaak fee. */
  nazorgFee?: number;
}

/**
 * Splits `total` (whole euros) over every active municipality of the tenant with the rule (the
 * tenant's by default): amounts in whole euros that sum to the total. The nazorg plustaak fee is
 * a separate line: split equally over the active municipalities that placed the plustaak with the
 * ZVH, never part of `total` or `amount`. With `year`, each share also carries the
 * municipality's caseload in that year (advice + procesregie of the annual report's
 * byMunicipality) and its share of the whole caseload in percent (one decimal).
 */
export async function costSplit(ctx: Ctx, input: CostSplitInput): Promise<CostSplit> {
  const tenantId = ctx.actor.tenantId;
  const settings = await getCostSplitSettings(ctx);
  const total = input.total ?? settings.total;
  const base = input.rule ?? settings.rule;
  const rule: CostSplitRule = { ...base, rounding: input.rounding ?? base.rounding };
  const municipalities = await rows<{ code: string; name: string; nazorg: boolean }>(ctx.db,
    sql`select code, name, nazorg_plustaak as nazorg from municipalities where tenant_id = ${tenantId} and active`);
  municipalities.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  if (municipalities.length === 0) throw new ValidationError('Geen actieve gemeenten om over te verdelen', [{ field: 'total', message: 'Geen actieve gemeenten' }]);
  const plustaak = municipalities.filter((m) => m.nazorg);
  // The tenant's fee falls on its plustaak municipalities; without any (a tenant that has no
  // such task) there is nothing to charge. A fee asked for explicitly must land somewhere.
  const fee = input.nazorgFee ?? (plustaak.length ? settings.nazorgFee : 0);
  if (fee > 0 && plustaak.length === 0) {
    throw new ValidationError('Geen gemeente met de plustaak nazorg om de bijdrage nazorg aan toe te rekenen', [{ field: 'nazorgFee', message: 'Geen gemeente met de plustaak nazorg' }]);
  }
  const amounts = splitCosts(total, municipalities.map((m) => m.code), rule);
  const nazorgAmounts = splitEqually(fee, plustaak.map((m) => m.code));
  let caseload: Map<string, number> | null = null;
  let caseloadTotal = 0;
  if (input.year !== undefined) {
    const report = await computeAnnualReport(ctx, input.year);
    caseload = new Map(report.byMunicipality.map((m) => [m.code, m.advice + m.processDirection]));
    for (const m of municipalities) caseloadTotal += caseload.get(m.code) ?? 0;
  }
  return {
    total,
    rule,
    year: input.year ?? null,
    shares: municipalities.map((m) => {
      const amount = amounts.get(m.code) ?? 0;
      const nazorg = nazorgAmounts.get(m.code) ?? 0;
      const share: CostSplit['shares'][number] = {
        municipality: m.code, name: m.name, amount, percentOfTotal: total > 0 ? roundHalfAway((100 * amount) / total, 1) : 0,
        nazorg, amountWithNazorg: amount + nazorg,
      };
      if (caseload) {
        share.caseload = caseload.get(m.code) ?? 0;
        share.caseloadShare = caseloadTotal > 0 ? roundHalfAway((100 * share.caseload) / caseloadTotal, 1) : 0;
      }
      return share;
    }),
    nazorg: { fee, shares: plustaak.map((m) => ({ municipality: m.code, name: m.name, amount: nazorgAmounts.get(m.code) ?? 0 })) },
    grandTotal: total + fee,
  };
}
