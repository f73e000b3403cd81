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
