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
 * A split rule: the "small" group shares `smallShare` of the total equally, each share rounded
 * down to `roundDownTo` euros; the "large" group carries the rest equally (whole euros, any
 * remainder of the division one euro each in list order, so the amounts always add up).
 */
export interface CostSplitRule { largeMunicipalities: string[]; smallShare: number; roundDownTo: number }
export const DEFAULT_COST_SPLIT_RULE: CostSplitRule = {
  largeMunicipalities: ['GM0106', 'GM0114', 'GM0118'],
  smallShare: 0.3,
  roundDownTo: 100,
};

export function splitCosts(total: number, municipalities: string[], rule: CostSplitRule): Map<string, number> {
  const large = municipalities.filter((m) => rule.largeMunicipalities.includes(m));
  const small = municipalities.filter((m) => !rule.largeMunicipalities.includes(m));
  const out = new Map<string, number>();
  if (large.length === 0) {
    // No carrying group: everyone shares equally, remainder one euro each.
    const base = Math.floor(total / municipalities.length);
    let rest = total - base * municipalities.length;
    for (const m of municipalities) out.set(m, base + (rest-- > 0 ? 1 : 0));
    return out;
  }
  const step = Math.max(1, rule.roundDownTo);
  // roundHalfAway(…, 6) first: 0.29 * 100 is 28.999999999999996 in binary floating point and must floor to 29.
  const smallEach = small.length ? Math.floor(roundHalfAway((total * rule.smallShare) / small.length / step, 6)) * step : 0;
  const remaining = total - smallEach * small.length;
  const largeEach = Math.floor(remaining / large.length);
  let extra = remaining - largeEach * large.length;
  for (const m of municipalities) {
    if (large.includes(m)) out.set(m, largeEach + (extra-- > 0 ? 1 : 0));
    else out.set(m, smallEach);
  }
  return out;
}
