// SPDX-License-Identifier: EUPL-1.2
// The frequency rules (skipped months, nth weekday, every N weeks), the 3-working-day rule for
// minutes and the RFC 5545 writing helpers, on their exact boundaries.
import { describe, expect, it } from 'vitest';
import { addWorkingDays, minutesDueDate, minutesLate, occurrences } from '@zvh/shared';
import { amsterdamIso, icsEscape, icsFold } from './service.js';

describe('frequency rules', () => {
  it('monthly on the 2nd Thursday, not in July and August, across a whole year', () => {
    const dates = occurrences({ kind: 'monthly', nth: 2, weekday: 4, start: '09:30', end: '11:30', excludedMonths: [7, 8] }, '2026-01-01', '2026-12-31');
    expect(dates).toEqual(['2026-01-08', '2026-02-12', '2026-03-12', '2026-04-09', '2026-05-14', '2026-06-11',
      '2026-09-10', '2026-10-08', '2026-11-12', '2026-12-10']);
    expect(dates.some((d) => d.slice(5, 7) === '07' || d.slice(5, 7) === '08')).toBe(false);
  });
  it('2nd Thursday in months whose 1st day is a Thursday is the 8th, not the 1st or 15th', () => {
    // 1 January 2026 and 1 October 2026 are Thursdays
    expect(occurrences({ kind: 'monthly', nth: 2, weekday: 4, start: '09:00', end: '10:00' }, '2026-01-01', '2026-01-31')).toEqual(['2026-01-08']);
    expect(occurrences({ kind: 'monthly', nth: 2, weekday: 4, start: '09:00', end: '10:00' }, '2026-10-01', '2026-10-31')).toEqual(['2026-10-08']);
    expect(occurrences({ kind: 'monthly', nth: 1, weekday: 4, start: '09:00', end: '10:00' }, '2026-10-01', '2026-10-31')).toEqual(['2026-10-01']);
  });
  it('a range starting after the month\'s occurrence skips it; range ends are inclusive', () => {
    const rule = { kind: 'monthly', nth: 2, weekday: 4, start: '09:00', end: '10:00' } as const;
    expect(occurrences(rule, '2026-01-09', '2026-02-12')).toEqual(['2026-02-12']);
    expect(occurrences(rule, '2026-01-08', '2026-02-11')).toEqual(['2026-01-08']);
  });
  it('the last weekday of a month', () => {
    expect(occurrences({ kind: 'monthly', nth: -1, weekday: 5, start: '09:00', end: '10:00' }, '2026-01-01', '2026-02-28')).toEqual(['2026-01-30', '2026-02-27']);
  });
  it('weekly on Tuesday, skipping excluded months across the year end', () => {
    const dates = occurrences({ kind: 'weekly', weekday: 2, start: '09:00', end: '10:30', excludedMonths: [1] }, '2026-12-20', '2027-02-03');
    expect(dates).toEqual(['2026-12-22', '2026-12-29', '2027-02-02']);
  });
  it('every two weeks counts from the anchor, whatever the range start', () => {
    const rule = { kind: 'weekly', weekday: 4, start: '13:30', end: '15:00', intervalWeeks: 2, anchor: '2026-01-08' } as const;
    expect(occurrences(rule, '2026-01-01', '2026-02-06')).toEqual(['2026-01-08', '2026-01-22', '2026-02-05']);
    expect(occurrences(rule, '2026-01-09', '2026-02-06')).toEqual(['2026-01-22', '2026-02-05']);
    expect(occurrences(rule, '2026-01-15', '2026-01-21')).toEqual([]);
  });
  it('ad hoc meetings have no occurrences', () => {
    expect(occurrences({ kind: 'adhoc' }, '2026-01-01', '2026-12-31')).toEqual([]);
  });
  it('local Dutch times carry the right offset in winter and summer', () => {
    expect(amsterdamIso('2026-01-13', '09:00')).toBe('2026-01-13T09:00:00+01:00');
    expect(amsterdamIso('2026-07-14', '09:00')).toBe('2026-07-14T09:00:00+02:00');
    // the day of the change to summer time (29 March 2026, 02:00 -> 03:00)
    expect(amsterdamIso('2026-03-29', '10:00')).toBe('2026-03-29T10:00:00+02:00');
  });
});

describe('minutes within 3 working days', () => {
  it('counts Monday to Friday only, across a weekend', () => {
    expect(addWorkingDays('2026-11-26', 3)).toBe('2026-12-01'); // Thursday -> Tuesday
    expect(minutesDueDate('2026-11-27')).toBe('2026-12-02'); // Friday -> Wednesday
    expect(minutesDueDate('2026-11-23')).toBe('2026-11-26'); // Monday -> Thursday
    expect(minutesDueDate('2026-11-28')).toBe('2026-12-02'); // Saturday -> Wednesday
  });
  it('is late only after the due day', () => {
    // meeting Friday 27 November: due Wednesday 2 December
    expect(minutesLate('2026-11-27', null, '2026-12-02')).toBe(false);
    expect(minutesLate('2026-11-27', null, '2026-12-03')).toBe(true);
    expect(minutesLate('2026-11-27', '2026-12-02', '2026-12-20')).toBe(false);
    expect(minutesLate('2026-11-27', '2026-12-03', '2026-12-20')).toBe(true);
    // over the weekend nothing is late yet: Monday 30 November is the first working day
    expect(minutesLate('2026-11-27', null, '2026-11-29')).toBe(false);
  });
});

describe('RFC 5545 writing', () => {
  it('escapes text values', () => {
    expect(icsEscape('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });
  it('folds lines at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'é'.repeat(60)}`;
    const folded = icsFold(line);
    for (const l of folded.split('\r\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(icsFold('SHORT:x')).toBe('SHORT:x');
  });
});
