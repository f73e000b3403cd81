// SPDX-License-Identifier: EUPL-1.2
// Informing the person (AVG art. 14; docs/privacy.md "Informeren van betrokkene"): for each
// registration about a person, when and how the person was told (by the registrant or by the ZVH,
// and through which channel), or the recorded ground not to. Without a record the duty is open;
// from day 28 after the registration date (INFORM_REMINDER_DAYS) the start page reminds the ZVH
// staff and the registrant. Access: registrationVisibleTo inside the SQL; every read and write is
// logged with logProcessing.
import type { Ctx } from '../../core/context.js';
import { isZvhStaff } from '../../core/context.js';
import { one, rows, sql, transaction } from '../../core/db/index.js';
import { allowed, checkVersion, refuse, registrationVisibleTo, requirePermission } from '../../core/access.js';
import { fieldError } from '../../core/errors.js';
import { logProcessing } from '../../core/processing-log.js';
import { addDays, amsterdamDate } from '../../core/day-sections.js';
import type { DayRange, DaySection } from '../../core/day-sections.js';
import { INFORMED_BY, INFORMING_CHANNELS, NOT_INFORMED_REASONS } from '@zvh/shared';
import { REGISTRATION_PURPOSE } from '../aanmelding/service.js';
import { directs } from '../werkdag/service.js';

const ACTIVITY = 'informeren';
/** The start page reminds from this many days after the registration date (day 28 counts). */
export const INFORM_REMINDER_DAYS = 28;

// the lists live in @zvh/shared (the web app and the report use them too); the grounds not to
// inform are explained in docs/privacy.md: informing would defeat the purpose (AVG art. 14(5)(b),
// art. 23 with UAVG art. 41), would endanger the person or others (art. 23(1)(i), UAVG art.
// 41(1)(i)), the person already has the information (art. 14(5)(a)), or it is impossible or would
// take a disproportionate effort (art. 14(5)(b), e.g. whereabouts unknown).
export { INFORMED_BY, NOT_INFORMED_REASONS };
export const CHANNELS = INFORMING_CHANNELS;

export type InformingStatus = 'open' | 'informed' | 'not_informed';
export interface Informing {
  registrationId: string;
  status: InformingStatus;
  informedOn: string | null;
  informedBy: (typeof INFORMED_BY)[number] | null;
  channel: (typeof CHANNELS)[number] | null;
  reason: (typeof NOT_INFORMED_REASONS)[number] | null;
  note: string | null;
  recordedByName: string | null;
  recordedAt: string | null;
  version: number;
  /** The day the reminder starts (registration date + 28 days). */
  remindFrom: string;
  /** Still open on or after remindFrom. */
  overdue: boolean;
  /** Whether the signed-in user may record or change it. */
  canEdit: boolean;
}

export interface InformingInput {
  status: 'informed' | 'not_informed';
  informedOn?: string; informedBy?: (typeof INFORMED_BY)[number]; channel?: (typeof CHANNELS)[number];
  reason?: (typeof NOT_INFORMED_REASONS)[number]; note?: string | null;
}

interface Row {
  registrationId: string; registeredAt: string; personId: string | null; caseId: string | null;
  status: 'informed' | 'not_informed' | null; informedOn: string | null; informedBy: Informing['informedBy']; channel: Informing['channel'];
  reason: Informing['reason']; note: string | null; recordedByName: string | null; recordedAt: string | null; version: number | null;
}

async function load(ctx: Ctx, registrationId: string, ex = ctx.db, lock = false): Promise<Row | undefined> {
  return one<Row>(ex, sql`
    select r.id as "registrationId", r.registered_at as "registeredAt", r.person_id as "personId", r.case_id as "caseId",
           i.status, i.informed_on as "informedOn", i.informed_by as "informedBy", i.channel, i.reason, i.note,
           (select u.name from users u where u.id = i.recorded_by) as "recordedByName", i.recorded_at as "recordedAt", i.version
      from registrations r left join registration_informing i on i.registration_id = r.id
     where r.id = ${registrationId} and ${registrationVisibleTo(ctx.actor)} ${lock ? sql`for update of r` : sql``}`);
}

function shape(ctx: Ctx, r: Row, today: string): Informing {
  const remindFrom = addDays(r.registeredAt, INFORM_REMINDER_DAYS);
  return {
    registrationId: r.registrationId,
    status: r.status ?? 'open',
    informedOn: r.informedOn, informedBy: r.informedBy, channel: r.channel, reason: r.reason, note: r.note,
    recordedByName: r.recordedByName, recordedAt: r.recordedAt, version: r.version ?? 0,
    remindFrom, overdue: !r.status && today >= remindFrom,
    canEdit: r.personId !== null && allowed(ctx.actor, 'registration.inform'),
  };
}

export async function getInforming(ctx: Ctx, registrationId: string, now: Date = new Date()): Promise<Informing> {
  const r = await load(ctx, registrationId);
  if (!r) return refuse(ctx, { object: 'registration', id: registrationId, message: 'Aanmelding niet gevonden' });
  await logProcessing(ctx, {
    action: 'read', activity: ACTIVITY, purpose: REGISTRATION_PURPOSE, registrationId, caseId: r.caseId, dataSubjectId: r.personId,
    details: { object: 'informing' },
  });
  return shape(ctx, r, amsterdamDate(now));
}

export async function recordInforming(ctx: Ctx, registrationId: string, input: InformingInput, expected: number | undefined, now: Date = new Date()): Promise<Informing> {
  requirePermission(ctx.actor, 'registration.inform', 'U mag niet vastleggen of de betrokkene is geïnformeerd');
  const today = amsterdamDate(now);
  const zvh = isZvhStaff(ctx.actor);
  if (input.status === 'informed') {
    if (!input.informedOn) throw fieldError('informedOn', 'Geef de datum waarop de betrokkene is geïnformeerd');
    if (!input.informedBy) throw fieldError('informedBy', 'Geef aan wie de betrokkene informeerde');
    if (!input.channel) throw fieldError('channel', 'Geef aan hoe de betrokkene is geïnformeerd');
    if (input.reason) throw fieldError('reason', 'Een reden om niet te informeren hoort niet bij "geïnformeerd"');
    if (input.informedOn > today) throw fieldError('informedOn', 'De datum van informeren ligt in de toekomst');
    if (input.informedOn < addDays(today, -3650)) throw fieldError('informedOn', 'Die datum ligt te ver terug');
    // a partner records what its own people did; what the ZVH did is for the ZVH to record
    if (!zvh && input.informedBy !== 'registrant') throw fieldError('informedBy', 'Alleen het ZVH legt vast dat het ZVH de betrokkene informeerde');
  } else if (!input.reason) {
    throw fieldError('reason', 'Kies de grond om de betrokkene niet te informeren');
  } else if (input.informedOn || input.informedBy || input.channel) {
    throw fieldError('status', 'Datum, wie en kanaal horen niet bij "niet geïnformeerd"');
  } else if (!input.note || input.note.trim().length < 10) {
    throw fieldError('note', 'Licht toe waarom de betrokkene niet wordt geïnformeerd (minstens 10 tekens)');
  }
  const saved = await transaction(ctx.db, async (tx) => {
    const r = await load(ctx, registrationId, tx, true);
    if (!r) return refuse(ctx, { object: 'registration', id: registrationId, action: 'update', message: 'Aanmelding niet gevonden', ex: tx });
    if (!r.personId) throw fieldError('status', 'Een anonieme adviesvraag heeft geen betrokkene om te informeren');
    checkVersion(expected, r.version ?? 0, 'Het informeren van de betrokkene');
    const v = input.status === 'informed'
      ? { status: 'informed', informedOn: input.informedOn!, informedBy: input.informedBy!, channel: input.channel!, reason: null, note: input.note?.trim() || null }
      : { status: 'not_informed', informedOn: null, informedBy: null, channel: null, reason: input.reason!, note: input.note!.trim() };
    await tx.execute(sql`
      insert into registration_informing (registration_id, tenant_id, status, informed_on, informed_by, channel, reason, note, recorded_by)
      values (${registrationId}, ${ctx.actor.tenantId}, ${v.status}, ${v.informedOn}::date, ${v.informedBy}, ${v.channel}, ${v.reason}, ${v.note}, ${ctx.actor.userId})
      on conflict (registration_id) do update set status = excluded.status, informed_on = excluded.informed_on, informed_by = excluded.informed_by,
        channel = excluded.channel, reason = excluded.reason, note = excluded.note, recorded_by = excluded.recorded_by, recorded_at = now(),
        version = registration_informing.version + 1`);
    await logProcessing(ctx, {
      action: r.status ? 'update' : 'create', activity: ACTIVITY, purpose: REGISTRATION_PURPOSE, registrationId, caseId: r.caseId, dataSubjectId: r.personId,
      details: { object: 'informing', status: v.status, ...(v.reason ? { reason: v.reason } : {}) },
    }, tx);
    return (await load(ctx, registrationId, tx))!;
  });
  return shape(ctx, saved, today);
}

export interface InformingReminder { registrationId: string; registeredAt: string; subjectName: string; caseId: string | null; daysOpen: number }

/**
 * The registrations whose person is still to be informed on or after day 28: for the ZVH staff who
 * direct cases every visible one, for a partner professional the ones its own user registered.
 */
export async function informingReminders(ctx: Ctx, today: string): Promise<InformingReminder[]> {
  const { actor } = ctx;
  const mine = directs(actor) ? sql`` : sql`and r.registered_by = ${actor.userId}`;
  const list = await rows<InformingReminder & { personId: string }>(ctx.db, sql`
    select r.id as "registrationId", r.registered_at as "registeredAt", p.first_name || ' ' || p.last_name as "subjectName",
           r.case_id as "caseId", r.person_id as "personId", (${today}::date - r.registered_at)::int as "daysOpen"
      from registrations r join persons p on p.id = r.person_id
     where ${registrationVisibleTo(actor)} ${mine}
       and r.registered_at <= ${today}::date - ${INFORM_REMINDER_DAYS}::int
       and not exists (select 1 from registration_informing i where i.registration_id = r.id)
     order by r.registered_at, r.created_at limit 100`);
  await logProcessing(ctx, list.map((r) => ({
    action: 'read' as const, activity: ACTIVITY, purpose: REGISTRATION_PURPOSE, registrationId: r.registrationId, caseId: r.caseId,
    dataSubjectId: r.personId, details: { view: 'werkdag.informeren' },
  })));
  return list.map(({ personId: _p, ...rest }) => rest);
}

/** The start page's section "Betrokkene nog informeren" (core/day-sections.ts). */
export async function informingDaySections(ctx: Ctx, day: DayRange): Promise<DaySection[]> {
  if (!allowed(ctx.actor, 'registration.inform')) return [];
  const list = await informingReminders(ctx, day.date);
  return [{
    key: 'informeren',
    title: 'Betrokkene nog informeren (AVG art. 14)',
    emptyText: 'Geen aanmeldingen waarbij het informeren van de betrokkene langer dan vier weken openstaat.',
    entries: list.map((r) => ({
      id: r.registrationId,
      title: r.subjectName,
      when: r.registeredAt,
      href: r.caseId ? `/casussen/${r.caseId}` : `/aanmeldingen/${r.registrationId}`,
      status: `${r.daysOpen} dagen sinds aanmelding`,
      items: [],
    })),
  }];
}
