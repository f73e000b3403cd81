// SPDX-License-Identifier: EUPL-1.2
// Casusoverleggen: the frequency rules of meeting types, the default types of a tenant and the
// working-day rule for minutes. Pure functions on 'YYYY-MM-DD' dates (no time zones involved).

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export type FrequencyRule =
  | { kind: 'adhoc' }
  /** Every `intervalWeeks` weeks (default 1) on `weekday`; with an interval > 1 the weeks count from `anchor`. */
  | { kind: 'weekly'; weekday: Weekday; start: string; end: string; intervalWeeks?: number; anchor?: string; excludedMonths?: number[] }
  /** Monthly on the `nth` (1-4, or -1 for the last) `weekday` of the month. */
  | { kind: 'monthly'; nth: 1 | 2 | 3 | 4 | -1; weekday: Weekday; start: string; end: string; excludedMonths?: number[] };

export type MeetingSubjectKind = 'cases' | 'registrations' | 'facilitated';
export const MEETING_SUBJECT_KINDS: MeetingSubjectKind[] = ['cases', 'registrations', 'facilitated'];

export interface MeetingTypeDefault {
  code: string; name: string; chairOrganisation: string; memberOrganisations: string[]; frequency: FrequencyRule;
  /** One meeting per region per occurrence (veelplegersoverleg). */
  regions?: string[];
  location?: string; videoLink?: string; subjectKind: MeetingSubjectKind;
}

/** The default meeting types of the `drenthe` tenant (issue 4 of 7; seeds 000, 001 and 003). */
export const DEFAULT_MEETING_TYPES: MeetingTypeDefault[] = [
  {
    code: 'weegoverleg', name: 'Weegoverleg (ketenkamer)', chairOrganisation: 'zvh',
    memberOrganisations: ['zvh', 'om', 'dji', 'politie', 'ggd-oggz', '3ro'],
    frequency: { kind: 'weekly', weekday: 2, start: '09:00', end: '10:30' },
    location: 'Zorg- en Veiligheidshuis Drenthe, Assen', subjectKind: 'registrations',
  },
  {
    code: 'casusoverleg', name: 'Casusoverleg', chairOrganisation: 'zvh', memberOrganisations: [],
    frequency: { kind: 'adhoc' }, location: 'Zorg- en Veiligheidshuis Drenthe, Assen', subjectKind: 'cases',
  },
  {
    code: 'pga-overleg', name: 'PGA-overleg', chairOrganisation: 'om',
    memberOrganisations: ['zvh', 'om', 'politie', '3ro', 'vnn', 'gemeente-oov', 'dji'],
    frequency: { kind: 'monthly', nth: 3, weekday: 4, start: '10:00', end: '12:00', excludedMonths: [7, 8] },
    location: 'Zorg- en Veiligheidshuis Drenthe, Assen', subjectKind: 'cases',
  },
  {
    code: 'veelplegersoverleg', name: 'Veelplegersoverleg', chairOrganisation: 'om',
    memberOrganisations: ['zvh', 'om', 'politie', '3ro', 'vnn', 'gemeente-oov', 'dji'],
    frequency: { kind: 'monthly', nth: 2, weekday: 4, start: '09:30', end: '11:30', excludedMonths: [7, 8] },
    regions: ['noord', 'zuidwest', 'zuidoost'],
    location: 'Zorg- en Veiligheidshuis Drenthe', subjectKind: 'facilitated',
  },
  {
    code: 'nazorgoverleg', name: 'Nazorgoverleg ex-gedetineerden', chairOrganisation: 'zvh',
    memberOrganisations: ['zvh', 'gemeente-sd', 'dji', '3ro'],
    frequency: { kind: 'weekly', weekday: 4, start: '13:30', end: '15:00', intervalWeeks: 2, anchor: '2026-01-08' },
    location: 'Zorg- en Veiligheidshuis Drenthe, Assen', subjectKind: 'facilitated',
  },
  {
    code: 'lpco', name: 'Leerplicht-casusoverleg (LPCO)', chairOrganisation: 'om',
    memberOrganisations: ['zvh', 'om', 'leerplicht', 'rvdk', 'halt'],
    frequency: { kind: 'monthly', nth: 1, weekday: 3, start: '14:00', end: '15:30', excludedMonths: [7, 8] },
    location: 'Zorg- en Veiligheidshuis Drenthe, Assen', subjectKind: 'facilitated',
  },
];

const parse = (d: string) => { const [y, m, day] = d.split('-').map(Number); return new Date(Date.UTC(y!, m! - 1, day!)); };
const fmt = (d: Date) => d.toISOString().slice(0, 10);
const isoWeekday = (d: Date) => ((d.getUTCDay() + 6) % 7) + 1;
export const addDays = (date: string, n: number) => { const d = parse(date); d.setUTCDate(d.getUTCDate() + n); return fmt(d); };

/** The dates (inclusive range) on which a rule holds a meeting. */
export function occurrences(rule: FrequencyRule, from: string, until: string): string[] {
  if (rule.kind === 'adhoc' || from > until) return [];
  const excluded = new Set(rule.excludedMonths ?? []);
  const out: string[] = [];
  if (rule.kind === 'weekly') {
    const interval = Math.max(1, rule.intervalWeeks ?? 1);
    const d = parse(from);
    d.setUTCDate(d.getUTCDate() + ((rule.weekday - isoWeekday(d) + 7) % 7));
    if (interval > 1) {
      const anchor = parse(rule.anchor ?? from);
      anchor.setUTCDate(anchor.getUTCDate() + ((rule.weekday - isoWeekday(anchor) + 7) % 7));
      const weeks = Math.round((d.getTime() - anchor.getTime()) / (7 * 864e5));
      const shift = ((weeks % interval) + interval) % interval;
      if (shift) d.setUTCDate(d.getUTCDate() + 7 * (interval - shift));
    }
    for (; fmt(d) <= until; d.setUTCDate(d.getUTCDate() + 7 * interval)) {
      if (!excluded.has(d.getUTCMonth() + 1)) out.push(fmt(d));
    }
    return out;
  }
  const start = parse(from);
  for (let y = start.getUTCFullYear(), m = start.getUTCMonth(); ; m++) {
    if (m === 12) { m = 0; y++; }
    const first = new Date(Date.UTC(y, m, 1));
    if (fmt(first) > until) break;
    let d: Date;
    if (rule.nth === -1) {
      d = new Date(Date.UTC(y, m + 1, 0));
      d.setUTCDate(d.getUTCDate() - ((isoWeekday(d) - rule.weekday + 7) % 7));
    } else {
      d = new Date(first);
      d.setUTCDate(1 + ((rule.weekday - isoWeekday(first) + 7) % 7) + 7 * (rule.nth - 1));
    }
    const s = fmt(d);
    if (!excluded.has(m + 1) && s >= from && s <= until) out.push(s);
  }
  return out;
}

/** The date `n` Dutch working days (Monday to Friday) after `date`. */
export function addWorkingDays(date: string, n: number): string {
  let d = date;
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    const wd = isoWeekday(parse(d));
    if (wd <= 5) left--;
  }
  return d;
}

/** Minutes are due within 3 working days after the meeting. */
export const MINUTES_WORKING_DAYS = 3;
export const minutesDueDate = (meetingDate: string) => addWorkingDays(meetingDate, MINUTES_WORKING_DAYS);
/** Late: approved after the due date, or not approved while the due date has passed. */
export function minutesLate(meetingDate: string, approvedOn: string | null, today: string): boolean {
  const due = minutesDueDate(meetingDate);
  return approvedOn ? approvedOn > due : today > due;
}
