// SPDX-License-Identifier: EUPL-1.2
// Sections of the werkdag (start page) that other modules provide, e.g. the casusoverleg module's
// "meetings today and this week" and "minutes to approve". A module registers its provider when
// it registers its routes (modules/index.ts); the werkdag module asks every provider for the
// signed-in user's sections. A provider applies access (core/access.ts) inside its own SQL and
// logs what it reads with logProcessing, exactly as any other service does.
import type { Ctx } from './context.js';

/** One line under an entry, e.g. an agenda item of a meeting. */
export interface DaySectionItem {
  id: string;
  title: string;
  /** A path inside the web app, e.g. /casussen/{id}. */
  href?: string;
  detail?: string;
}

/** One entry of a section, e.g. a meeting or minutes awaiting approval. */
export interface DaySectionEntry {
  id: string;
  title: string;
  /** ISO 8601 date or date-time. */
  when?: string;
  place?: string;
  href?: string;
  /** A short status text, e.g. "concept" or "3 werkdagen te laat". */
  status?: string;
  items: DaySectionItem[];
}

export interface DaySection {
  /** Unique key, e.g. 'casusoverleg.meetings'. */
  key: string;
  title: string;
  /** Shown when there are no entries. */
  emptyText?: string;
  entries: DaySectionEntry[];
}

/** The day the werkdag is asked for (Europe/Amsterdam): today and the Monday-Sunday week around it. */
export interface DayRange {
  date: string;
  weekStart: string;
  weekEnd: string;
}

export type DaySectionProvider = (ctx: Ctx, day: DayRange) => Promise<DaySection[]>;

const providers = new Map<string, DaySectionProvider>();

/** Registers (or replaces) a provider under a key; registering twice with the same key is harmless. */
export function registerDaySectionProvider(key: string, provider: DaySectionProvider): void {
  providers.set(key, provider);
}

export function unregisterDaySectionProvider(key: string): void {
  providers.delete(key);
}

/** All sections of all providers for this user and day, in registration order. */
export async function daySections(ctx: Ctx, day: DayRange): Promise<DaySection[]> {
  const out: DaySection[] = [];
  for (const provider of providers.values()) out.push(...await provider(ctx, day));
  return out;
}

const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in the Netherlands at `now`, as YYYY-MM-DD. */
export function amsterdamDate(now: Date): string {
  return ymd.format(now);
}

/** Adds `days` to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function dayRange(now: Date): DayRange {
  const date = amsterdamDate(now);
  const isoDow = ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1; // 1 = Monday
  const weekStart = addDays(date, 1 - isoDow);
  return { date, weekStart, weekEnd: addDays(weekStart, 6) };
}
