// SPDX-License-Identifier: EUPL-1.2

/**
 * Parses a timestamp from the server: ISO 8601, or PostgreSQL's text form
 * ("2026-11-23 18:36:15.672+00"), which not every browser's Date parser accepts.
 */
export function parseTimestamp(value: string): Date | null {
  const pg = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?:([+-]\d{2})(?::?(\d{2}))?|Z)?$/.exec(value.trim());
  const iso = pg ? `${pg[1]}T${pg[2]}${pg[3] ? `${pg[3]}:${pg[4] ?? '00'}` : 'Z'}` : value;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Date and time for people, in the interface language ("23 nov 2026, 19:36"). */
export function formatDateTime(value: string, language: string): string {
  const date = parseTimestamp(value);
  if (!date) return value;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(date);
}
