// SPDX-License-Identifier: EUPL-1.2
// Dates and sizes for display, in the current language. Dates of the domain are Dutch calendar
// dates (YYYY-MM-DD) and are shown without time-zone shifts; moments (timestamps) are shown in
// Dutch time (Europe/Amsterdam), whatever the browser's zone.
import { currentLanguage } from '../../../i18n';

const locale = () => (currentLanguage() === 'en' ? 'en-GB' : 'nl-NL');
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TZ = 'Europe/Amsterdam';

/** "14 januari 2025" from "2025-01-14" (or from a timestamp); a dash when empty. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const m = DATE_ONLY.exec(value);
  const date = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'long', year: 'numeric', ...(m ? {} : { timeZone: TZ }) }).format(date);
}

/** "14 jan. 2025": compact, for tables (from a date or a timestamp); a dash when empty. */
export function formatShortDate(value: string | null | undefined): string {
  if (!value) return '—';
  const m = DATE_ONLY.exec(value);
  const date = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', year: 'numeric', ...(m ? {} : { timeZone: TZ }) }).format(date);
}

/** "14 januari 2025 09:30" from a timestamp. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: TZ }).format(date);
}

/** Today's date in the Netherlands as YYYY-MM-DD. */
export function todayIso(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}

/** "1,2 MB" */
export function formatBytes(bytes: number): string {
  const fmt = (n: number) => new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(n);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${fmt(bytes / 1024)} kB`;
  return `${fmt(bytes / (1024 * 1024))} MB`;
}

/** Age in whole years on today's date, from YYYY-MM-DD. */
export function ageOf(birthDate: string | null | undefined): number | undefined {
  const m = birthDate ? DATE_ONLY.exec(birthDate) : null;
  if (!m) return undefined;
  const [y, mo, d] = todayIso().split('-').map(Number) as [number, number, number];
  let age = y - Number(m[1]);
  if (mo < Number(m[2]) || (mo === Number(m[2]) && d < Number(m[3]))) age--;
  return age;
}
