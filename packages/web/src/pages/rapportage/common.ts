// SPDX-License-Identifier: EUPL-1.2
// Small helpers shared by the report pages.

/** The first year with figures (Veiligheidshuis Drenthe started in 2008). */
export const FIRST_YEAR = 2008;

/** The query of the annual report API for a year and the optional filters. */
export function reportQuery(year: number, region: string, municipality: string): string {
  const q = new URLSearchParams({ year: String(year) });
  if (region) q.set('region', region);
  if (municipality) q.set('municipality', municipality);
  return q.toString();
}

/** Years to choose from, newest first. */
export function yearOptions(last = new Date().getFullYear()): { value: string; label: string }[] {
  const years: { value: string; label: string }[] = [];
  for (let y = last; y >= FIRST_YEAR; y--) years.push({ value: String(y), label: String(y) });
  return years;
}

/** A number field's text to a number (comma or point as decimal sign); NaN when not a number. */
export function parseNumber(text: string): number {
  const s = text.trim().replace(/\s/g, '').replace(',', '.');
  return s === '' || !/^-?[0-9]*\.?[0-9]+$/.test(s) ? Number.NaN : Number(s);
}

/** A period of the figures page: a quarter of a year or any range of days (both included). */
export type PeriodChoice = { kind: 'kwartaal'; year: number; quarter: number } | { kind: 'periode'; from: string; to: string };

/** The query of GET /api/reports/period (and its exports) for a period and the optional filters. */
export function periodQuery(p: PeriodChoice, region: string, municipality: string): string {
  const q = p.kind === 'kwartaal' ? new URLSearchParams({ year: String(p.year), quarter: String(p.quarter) }) : new URLSearchParams({ from: p.from, to: p.to });
  if (region) q.set('region', region);
  if (municipality) q.set('municipality', municipality);
  return q.toString();
}

/** The last quarter that has ended on `today` (the first quarter of a year: the last one of the year before). */
export function lastCompleteQuarter(today = new Date()): { year: number; quarter: number } {
  const q = Math.floor(today.getMonth() / 3); // 0-3: the quarter running now, so q is the last one ended
  return q === 0 ? { year: today.getFullYear() - 1, quarter: 4 } : { year: today.getFullYear(), quarter: q };
}
