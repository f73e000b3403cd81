// SPDX-License-Identifier: EUPL-1.2
// The shapes the casusoverleg API answers (packages/server/src/modules/casusoverleg/routes.ts).
export interface MeetingListItem {
  id: string; type: string; typeName: string; region: string | null; startsAt: string; endsAt: string | null;
  location: string | null; videoLink: string | null; status: 'gepland' | 'geannuleerd'; itemCount: number; minutesApprovedAt: string | null;
}
export interface MeetingAgreement { id: string; partner: string; title: string; dueDate: string | null; status: string; meetingDate?: string }
export interface Contribution { id: string; organisation: string; authorName: string; knownFacts: string | null; involvement: string | null; risks: string | null; createdAt: string }
export interface VisibleItem {
  id: string; position: number; caseId: string | null; registrationId: string | null; question: string;
  subject: { firstName: string; lastName: string; birthYear: number | null; municipality: string | null; reasonSummary: string | null } | null;
  minutes: { conclusion: string | null; decisions: string | null; attendees: { organisation: string; present: boolean }[]; subjectPresent: boolean | null; minutedAt: string | null };
  contributions: Contribution[]; agreements: MeetingAgreement[]; earlierAgreements: MeetingAgreement[];
  besloten?: undefined;
}
export interface ClosedItem { position: number; besloten: true; label: string }
export type AgendaItem = VisibleItem | ClosedItem;
export interface Meeting {
  id: string; type: string; typeName: string; subjectKind: 'cases' | 'registrations' | 'facilitated'; chairOrganisation: string;
  memberOrganisations: string[]; region: string | null; startsAt: string; endsAt: string | null; location: string | null; videoLink: string | null;
  status: 'gepland' | 'geannuleerd'; chairUserId: string | null; chairName: string | null; minuteTakerId: string | null; minuteTakerName: string | null; confidentialityAt: string | null;
  confidentialityText: string | null; minutesApprovedAt: string | null; approvedByName: string | null; agenda: AgendaItem[];
  minutesDue: string; minutesLate: boolean; permissions: { plan: boolean; minute: boolean; approve: boolean; contribute: boolean };
}
export type FrequencyRule =
  | { kind: 'adhoc' }
  | { kind: 'weekly'; weekday: number; start: string; end: string; intervalWeeks?: number; anchor?: string; excludedMonths?: number[] }
  | { kind: 'monthly'; nth: number; weekday: number; start: string; end: string; excludedMonths?: number[] };
export interface MeetingType {
  id: string; code: string; name: string; chairOrganisation: string; memberOrganisations: string[];
  frequency: FrequencyRule & { regions?: string[] }; location: string | null; videoLink: string | null;
  subjectKind: 'cases' | 'registrations' | 'facilitated'; active: boolean;
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
