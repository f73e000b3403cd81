// SPDX-License-Identifier: EUPL-1.2
// The capacity model and the cost split of seed 002 (Herijking 2018) as pure functions, so the
// server, the web app and the tests compute them identically.

export type CapacityTask = 'informatievraag' | 'advies' | 'procesregie' | 'signaal';
export const CAPACITY_TASKS: CapacityTask[] = ['informatievraag', 'advies', 'procesregie', 'signaal'];
export interface RolePair { im: number; pr: number }
export interface CapacitySettings { hoursPerFte: number; norms: Record<CapacityTask, RolePair> }
export type TaskCounts = Record<CapacityTask, number>;
export interface CapacityResult {
  counts: TaskCounts;
  availableFte: RolePair;
  hours: RolePair;
  neededFte: RolePair;
  shortageFte: RolePair;
}

/** Rounds to `decimals`, halves away from zero, without binary floating point surprises (1.005 -> 1.01). */
export function roundHalfAway(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const scaled = Number((Math.abs(x) * f).toPrecision(12));
  const r = (Math.sign(x) * Math.round(scaled)) / f;
  return Object.is(r, -0) ? 0 : r;
}

export function computeCapacity(settings: CapacitySettings, counts: TaskCounts, availableFte: RolePair): CapacityResult {
  const hours = { im: 0, pr: 0 };
  for (const task of CAPACITY_TASKS) {
    hours.im += (counts[task] ?? 0) * settings.norms[task].im;
    hours.pr += (counts[task] ?? 0) * settings.norms[task].pr;
  }
  // Norm hours have at most a few decimals; strip floating point noise (1817.6999999 -> 1817.7).
  hours.im = roundHalfAway(hours.im, 6);
  hours.pr = roundHalfAway(hours.pr, 6);
  const needIm = hours.im / settings.hoursPerFte;
  const needPr = hours.pr / settings.hoursPerFte;
  return {
    counts,
    availableFte,
    hours,
    neededFte: { im: roundHalfAway(needIm, 2), pr: roundHalfAway(needPr, 2) },
    // Shortage from the unrounded values (seed 002's table does the same).
    shortageFte: { im: roundHalfAway(availableFte.im - needIm, 2), pr: roundHalfAway(availableFte.pr - needPr, 2) },
  };
}

/**
 * How the "small" group's equal share is rounded: `hundreds-down` rounds it down to whole
 * hundreds (seed 002's 2018 table: 208,500 -> 6,900 each), `euro` to the nearest whole euro
 * (seed 002's 2019-2022 table: 408,504 -> 13,617 each). The "large" group always carries the
 * rest equally.
 */
export type CostSplitRounding = 'hundreds-down' | 'euro';
export const COST_SPLIT_ROUNDINGS: CostSplitRounding[] = ['hundreds-down', 'euro'];

/**
 * A split rule: the "small" group shares `smallShare` of the total equally, each share rounded
 * by `rounding`; the "large" group carries the rest equally (whole euros, any remainder of the
 * division one euro each in list order, so the amounts always add up).
 */
export interface CostSplitRule { largeMunicipalities: string[]; smallShare: number; rounding: CostSplitRounding }
export const DEFAULT_COST_SPLIT_RULE: CostSplitRule = {
  largeMunicipalities: ['GM0106', 'GM0114', 'GM0118'],
  smallShare: 0.3,
  rounding: 'hundreds-down',
};

/**
 * The tenant's cost split settings: the default total, the rule, and the yearly fee for the
 * nazorg plustaak (aftercare of ex-detainees; about 15,000 euro a year depending on demand,
 * seed 002), charged on a separate line to the municipalities that placed that task with the
 * ZVH (municipalities.nazorg_plustaak).
 */
export interface CostSplitSettings { total: number; rule: CostSplitRule; nazorgFee: number }
export const DEFAULT_COST_SPLIT_SETTINGS: CostSplitSettings = { total: 208500, rule: DEFAULT_COST_SPLIT_RULE, nazorgFee: 15000 };

/** `amount` in whole euros over `municipalities` equally; the remainder one euro each in list order. */
export function splitEqually(amount: number, municipalities: string[]): Map<string, number> {
  const out = new Map<string, number>();
  if (municipalities.length === 0) return out;
  const base = Math.floor(amount / municipalities.length);
  let rest = amount - base * municipalities.length;
  for (const m of municipalities) out.set(m, base + (rest-- > 0 ? 1 : 0));
  return out;
}

export function splitCosts(total: number, municipalities: string[], rule: CostSplitRule): Map<string, number> {
  const large = municipalities.filter((m) => rule.largeMunicipalities.includes(m));
  const small = municipalities.filter((m) => !rule.largeMunicipalities.includes(m));
  // No carrying group: everyone shares equally.
  if (large.length === 0) return splitEqually(total, municipalities);
  let smallEach = 0;
  if (small.length) {
    // roundHalfAway(…, 6) first: 0.29 * 100 is 28.999999999999996 in binary floating point and must floor to 29.
    const exact = roundHalfAway((total * rule.smallShare) / small.length, 6);
    smallEach = rule.rounding === 'euro' ? roundHalfAway(exact, 0) : Math.floor(roundHalfAway(exact / 100, 6)) * 100;
    // rounding up never leaves the carrying group less than nothing
    if (smallEach * small.length > total) smallEach = Math.floor(total / small.length);
  }
  const largeShares = splitEqually(total - smallEach * small.length, large);
  const out = new Map<string, number>();
  for (const m of municipalities) out.set(m, largeShares.get(m) ?? smallEach);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The shapes of the capacity and cost split API (server module capaciteit, web pages capaciteit).

/** The available staff of a year (capacity_years); `set` false: nothing recorded, counted as 0. */
export interface FteYear { year: number; im: number; pr: number; contribution: number | null; set: boolean }

/** GET /api/capacity: the capacity model over the counts of a year (or a period within it). */
export interface CapacityReport extends CapacityResult {
  year: number;
  period: { from: string; to: string };
  municipality: string | null;
  availableFteSet: boolean;
  settings: CapacitySettings;
  byMunicipality: { code: string; name: string; region: string; counts: TaskCounts; hours: RolePair; shareOfHours: RolePair }[];
}

/** POST /api/cost-split. `nazorg`: the plustaak fee on its own line, not part of `total` or `amount`. */
export interface CostSplit {
  total: number;
  rule: CostSplitRule;
  year: number | null;
  shares: {
    municipality: string; name: string; amount: number; percentOfTotal: number;
    /** This municipality's part of the nazorg plustaak fee (0 when it has not placed that task with the ZVH). */
    nazorg: number;
    /** amount + nazorg */
    amountWithNazorg: number;
    caseload?: number; caseloadShare?: number;
  }[];
  nazorg: { fee: number; shares: { municipality: string; name: string; amount: number }[] };
  /** total + nazorg.fee */
  grandTotal: number;
}
