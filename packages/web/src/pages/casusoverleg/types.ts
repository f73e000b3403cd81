// SPDX-License-Identifier: EUPL-1.2
// The shapes the casusoverleg API answers (packages/server/src/modules/casusoverleg/routes.ts):
// generated from the OpenAPI document (src/api/openapi.d.ts, `npm run openapi`), never copied by
// hand. Two parts of the answers have no schema (a meeting type's frequency rule, the attendees
// of an item's minutes); they are read with frequencyRuleOf and attendeesOf below, typed by the
// schemas of the requests that write them.
import type { operations } from '../../api/openapi';
import type { ApiResponse } from '../../api/types';

/** A row of the meetings of a week (GET /api/meetings). */
export type MeetingListItem = ApiResponse<'listMeetings'>[number];
/** One meeting with its agenda as the user may see it (GET /api/meetings/{id}). */
export type Meeting = ApiResponse<'getMeeting'>;
export type AgendaItem = Meeting['agenda'][number];
/** An item the user may not see: only its position ("besloten agendapunt"). */
export type ClosedItem = Extract<AgendaItem, { besloten: true }>;
export type VisibleItem = Exclude<AgendaItem, ClosedItem>;
export type Contribution = VisibleItem['contributions'][number];
export type MeetingAgreement = VisibleItem['agreements'][number];
/** A meeting type (GET /api/meeting-types); its `frequency` is read with frequencyRuleOf. */
export type MeetingType = ApiResponse<'listMeetingTypes'>[number];

type MeetingTypeBody = operations['createMeetingType']['requestBody']['content']['application/json'];
type MinutesBody = operations['recordMeetingMinutes']['requestBody']['content']['application/json'];
/** A meeting type's frequency rule, as POST/PUT /api/meeting-types accept it. */
export type FrequencyRule = MeetingTypeBody['frequency'];
/** An organisation at an item's meeting, as POST .../minutes accepts it. */
export type Attendee = NonNullable<MinutesBody['attendees']>[number];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');
const NTHS: Extract<FrequencyRule, { kind: 'monthly' }>['nth'][] = [1, 2, 3, 4, -1];

/** A meeting type's `frequency` (no schema in the answer) as a rule; null when it is not one. */
export function frequencyRuleOf(value: unknown): FrequencyRule | null {
  if (!isRecord(value)) return null;
  const { kind, weekday, start, end, excludedMonths, intervalWeeks, anchor, nth } = value;
  if (kind === 'adhoc') return { kind };
  if (typeof weekday !== 'number' || typeof start !== 'string' || typeof end !== 'string') return null;
  if (excludedMonths !== undefined && !isNumbers(excludedMonths)) return null;
  const months = excludedMonths === undefined ? {} : { excludedMonths };
  if (kind === 'weekly') {
    if (intervalWeeks !== undefined && typeof intervalWeeks !== 'number') return null;
    if (anchor !== undefined && typeof anchor !== 'string') return null;
    return { kind, weekday, start, end, ...(intervalWeeks === undefined ? {} : { intervalWeeks }), ...(anchor === undefined ? {} : { anchor }), ...months };
  }
  const n = NTHS.find((x) => x === nth);
  if (kind === 'monthly' && n !== undefined) return { kind, nth: n, weekday, start, end, ...months };
  return null;
}

/** The attendees of an item's minutes (no schema in the answer); entries that are not one are left out. */
export function attendeesOf(value: unknown): Attendee[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((a: unknown) => (isRecord(a) && typeof a.organisation === 'string' && typeof a.present === 'boolean' ? [{ organisation: a.organisation, present: a.present }] : []));
}

/** Date and time helpers in Dutch local time. */
const TZ = 'Europe/Amsterdam';
export const localDate = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
export const localTime = (iso: string) => new Intl.DateTimeFormat('nl-NL', { timeZone: TZ, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
export const dayLabel = (iso: string) => new Intl.DateTimeFormat('nl-NL', { timeZone: TZ, weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(iso));
export function addDaysIso(date: string, n: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
export function mondayOf(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  return addDaysIso(date, -((d.getUTCDay() + 6) % 7));
}
/** Local date and time as ISO 8601 with the Amsterdam offset of that moment. */
export function localIso(date: string, time: string): string {
  const probe = new Date(`${date}T${time}:00+01:00`);
  const part = new Intl.DateTimeFormat('en-US', { timeZone: TZ, timeZoneName: 'longOffset' }).formatToParts(probe).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+01:00';
  const m = /GMT([+-]\d{2}):?(\d{2})?/.exec(part);
  return `${date}T${time}:00${m ? `${m[1]}:${m[2] ?? '00'}` : '+01:00'}`;
}
