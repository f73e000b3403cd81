// SPDX-License-Identifier: EUPL-1.2
// Casusoverleggen: meeting types, meetings generated from their frequency rule, agendas with
// need-to-know per item (decided by core/access.ts's caseVisibleTo inside the SQL), contributions,
// minutes whose agreements land in the case's plan through procesregie's createAgreement, the
// chair's approval within 3 working days, and a secret-token iCalendar feed without personal data.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PERMISSIONS, ZVH_ROLES, addDays, minutesDueDate, minutesLate, occurrences } from '@zvh/shared';
import type { FrequencyRule, MeetingSubjectKind, MeetingTypeDefault, Role } from '@zvh/shared';
import type { Actor, Ctx } from '../../core/context.js';
import { isZvhStaff, systemDb } from '../../core/context.js';
import type { Executor } from '../../core/db/index.js';
import { one, rows, scopedDb, sql, transaction } from '../../core/db/index.js';
import { allowed, caseVisibleTo, loadVisibleCase, registrationVisibleTo, requireRegisseur } from '../../core/access.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, fieldError } from '../../core/errors.js';
import { logProcessing } from '../../core/processing-log.js';
import { createAgreement, logCase } from '../procesregie/service.js';

export const TIME_ZONE = 'Europe/Amsterdam';
const MEETING_NOT_FOUND = 'Overleg niet gevonden';

// ---------------------------------------------------------------------------------------------
// Time helpers: meetings are planned in Dutch local time and stored as timestamptz.

/** The UTC offset of Europe/Amsterdam at a moment, as '+01:00' or '+02:00'. */
function amsterdamOffset(at: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' })
    .formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+01:00';
  const m = /GMT([+-]\d{2}):?(\d{2})?/.exec(part);
  return m ? `${m[1]}:${m[2] ?? '00'}` : '+00:00';
}
/** Local date and time in Amsterdam as an ISO 8601 string with its offset. */
export function amsterdamIso(date: string, time: string): string {
  const guess = new Date(`${date}T${time}:00+01:00`);
  const offset = amsterdamOffset(guess);
  const exact = amsterdamOffset(new Date(`${date}T${time}:00${offset}`));
  return `${date}T${time}:00${exact}`;
}
/** The local (Amsterdam) calendar date of a moment. */
export function amsterdamDate(at: Date | string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at));
}
export const todayAmsterdam = () => amsterdamDate(new Date());

// ---------------------------------------------------------------------------------------------
// Need-to-know

/**
 * Condition on a `meetings` row `m` joined with its type `t`: ZVH staff see every meeting of the
 * tenant; a partner professional a meeting of a type its organisation is a member of, or one with
 * an item of a case it may see (caseVisibleTo, the one access model).
 */
export function meetingVisibleTo(actor: Actor): SQL {
  if (isZvhStaff(actor)) return sql`m.tenant_id = ${actor.tenantId}`;
  return sql`m.tenant_id = ${actor.tenantId} and (
    ${actor.organisationCode} = any(t.member_organisations)
    or exists (select 1 from meeting_items vi join cases c on c.id = vi.case_id where vi.meeting_id = m.id and ${caseVisibleTo(actor)}))`;
}

/**
 * Condition on an item `i` of a meeting of type `t`: ZVH staff see every item; a partner the items
 * of cases it may see (caseVisibleTo); a liaison of a member organisation the registrations on
 * a registrations meeting (the weegoverleg); the registering partner its own registration.
 */
export function itemVisibleTo(actor: Actor): SQL {
  if (isZvhStaff(actor)) return sql`true`;
  const liaison = actor.roles.includes('liaison');
  return sql`(exists (select 1 from cases c where c.id = i.case_id and ${caseVisibleTo(actor)})
    or exists (select 1 from registrations r where r.id = i.registration_id and ${registrationVisibleTo(actor)})
    ${liaison ? sql`or (i.registration_id is not null and t.subject_kind = 'registrations' and ${actor.organisationCode} = any(t.member_organisations))` : sql``})`;
}

// ---------------------------------------------------------------------------------------------
// Meeting types

export interface MeetingTypeInput {
  code: string; name: string; chairOrganisation: string; memberOrganisations: string[]; frequency: FrequencyRule;
  regions?: string[]; location?: string | null; videoLink?: string | null; subjectKind: MeetingSubjectKind; active?: boolean;
}

const TYPE_COLUMNS = sql`t.id, t.code, t.name, t.chair_organisation as "chairOrganisation", t.member_organisations as "memberOrganisations",
  t.frequency, t.location, t.video_link as "videoLink", t.subject_kind as "subjectKind", t.active`;

export function listMeetingTypes(ctx: Ctx) {
  return rows(ctx.db, sql`select ${TYPE_COLUMNS} from meeting_types t where t.tenant_id = ${ctx.actor.tenantId} order by t.active desc, t.name`);
}

function checkRule(rule: FrequencyRule): void {
  if (rule.kind === 'adhoc') return;
  if (rule.start >= rule.end) throw fieldError('frequency.end', 'De eindtijd ligt na de begintijd');
  if ((rule.excludedMonths ?? []).some((m) => m < 1 || m > 12)) throw fieldError('frequency.excludedMonths', 'Maanden lopen van 1 tot en met 12');
}

async function checkOrganisations(ex: Executor, tenantId: string, codes: string[], field: string): Promise<void> {
  if (!codes.length) return;
  const found = await rows<{ code: string }>(ex, sql`select code from organisations where tenant_id = ${tenantId} and active
    and code in (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})`);
  const unknown = codes.filter((c) => !found.some((f) => f.code === c));
  if (unknown.length) throw fieldError(field, `Onbekende organisatie: ${unknown.join(', ')}`);
}

/** The rule's own fields only (anything else a client sends is dropped), plus the regions. */
function frequencyJson(input: Pick<MeetingTypeInput, 'frequency' | 'regions'>): string {
  const f = input.frequency;
  const rule: FrequencyRule = f.kind === 'weekly'
    ? { kind: 'weekly', weekday: f.weekday, start: f.start, end: f.end, ...(f.intervalWeeks ? { intervalWeeks: f.intervalWeeks } : {}),
      ...(f.anchor ? { anchor: f.anchor } : {}), ...(f.excludedMonths?.length ? { excludedMonths: f.excludedMonths } : {}) }
    : f.kind === 'monthly'
      ? { kind: 'monthly', nth: f.nth, weekday: f.weekday, start: f.start, end: f.end, ...(f.excludedMonths?.length ? { excludedMonths: f.excludedMonths } : {}) }
      : { kind: 'adhoc' };
  return JSON.stringify({ ...rule, ...(input.regions?.length ? { regions: input.regions } : {}) });
}

export async function createMeetingType(ctx: Ctx, input: MeetingTypeInput) {
  checkRule(input.frequency);
  await checkOrganisations(ctx.db, ctx.actor.tenantId, [input.chairOrganisation, ...input.memberOrganisations], 'memberOrganisations');
  const exists = await one(ctx.db, sql`select 1 from meeting_types where tenant_id = ${ctx.actor.tenantId} and code = ${input.code}`);
  if (exists) throw new ConflictError('duplicate_code', 'Er is al een overlegsoort met deze code');
  return one<{ id: string }>(ctx.db, sql`insert into meeting_types (tenant_id, code, name, chair_organisation, member_organisations, frequency, location, video_link, subject_kind, active)
    values (${ctx.actor.tenantId}, ${input.code}, ${input.name}, ${input.chairOrganisation}, ${pgArray(input.memberOrganisations)}::text[],
            ${frequencyJson(input)}::jsonb, ${input.location ?? null}, ${input.videoLink ?? null}, ${input.subjectKind}, ${input.active ?? true})
    returning id`);
}

export async function updateMeetingType(ctx: Ctx, id: string, input: Omit<MeetingTypeInput, 'code'>) {
  checkRule(input.frequency);
  await checkOrganisations(ctx.db, ctx.actor.tenantId, [input.chairOrganisation, ...input.memberOrganisations], 'memberOrganisations');
  const row = await one<{ id: string }>(ctx.db, sql`update meeting_types set name = ${input.name}, chair_organisation = ${input.chairOrganisation},
      member_organisations = ${pgArray(input.memberOrganisations)}::text[], frequency = ${frequencyJson(input)}::jsonb,
      location = ${input.location ?? null}, video_link = ${input.videoLink ?? null}, subject_kind = ${input.subjectKind},
      active = ${input.active ?? true}, updated_at = now()
    where id = ${id} and tenant_id = ${ctx.actor.tenantId} returning id`);
  if (!row) throw new NotFoundError('Overlegsoort niet gevonden');
  return row;
}

const pgArray = (list: string[]) => `{${list.map((s) => `"${s.replace(/["\\]/g, '')}"`).join(',')}}`;

/** The default meeting types of a tenant; existing ones are left alone (the beheerder may have changed them). */
export async function seedMeetingTypes(ex: Executor, tenantId: string, defaults: MeetingTypeDefault[]): Promise<void> {
  for (const d of defaults) {
    await ex.execute(sql`insert into meeting_types (tenant_id, code, name, chair_organisation, member_organisations, frequency, location, video_link, subject_kind)
      values (${tenantId}, ${d.code}, ${d.name}, ${d.chairOrganisation}, ${pgArray(d.memberOrganisations)}::text[], ${frequencyJson(d)}::jsonb,
              ${d.location ?? null}, ${d.videoLink ?? null}, ${d.subjectKind})
      on conflict (tenant_id, code) do nothing`);
  }
}

// ---------------------------------------------------------------------------------------------
// Meetings

/**
 * Creates the meetings of every active type with a frequency rule from today up to `until`
 * (inclusive). Idempotent: each occurrence has a series key (date, and region where the type
 * meets per region), so a second run, a moved or a cancelled meeting never gives a duplicate.
 */
export async function generateMeetings(ctx: Ctx, until: string, from = todayAmsterdam()): Promise<number> {
  const types = await rows<{ id: string; frequency: FrequencyRule & { regions?: string[] }; location: string | null; videoLink: string | null }>(ctx.db, sql`
    select id, frequency, location, video_link as "videoLink" from meeting_types
     where tenant_id = ${ctx.actor.tenantId} and active and frequency->>'kind' <> 'adhoc'`);
  let created = 0;
  for (const t of types) {
    const rule = t.frequency;
    if (rule.kind === 'adhoc') continue;
    for (const date of occurrences(rule, from, until)) {
      for (const region of rule.regions?.length ? rule.regions : [null]) {
        const key = region ? `${date}/${region}` : date;
        const r = await one<{ id: string }>(ctx.db, sql`insert into meetings (tenant_id, type_id, series_key, region, starts_at, ends_at, location, video_link)
          values (${ctx.actor.tenantId}, ${t.id}, ${key}, ${region}, ${amsterdamIso(date, rule.start)}::timestamptz, ${amsterdamIso(date, rule.end)}::timestamptz,
                  ${t.location}, ${t.videoLink})
          on conflict (type_id, series_key) where series_key is not null do nothing returning id`);
        if (r) created++;
      }
    }
  }
  return created;
}

/** Generates the coming weeks' meetings for every tenant (start-up and daily). */
export async function generateAllTenants(db: Ctx['db'], weeks = 8): Promise<number> {
  const tenants = await rows<{ id: string; code: string }>(db, sql`select id, code from tenants`);
  let n = 0;
  for (const t of tenants) {
    n += await generateMeetings(systemCtx(db, t.id, t.code), addDays(todayAmsterdam(), weeks * 7));
  }
  return n;
}

function systemCtx(db: Ctx['db'], tenantId: string, tenantCode: string): Ctx {
  return {
    db: systemDb(db, tenantId), traceId: `system-${Date.now()}`,
    actor: {
      userId: '00000000-0000-0000-0000-000000000000', sessionId: 'system', tenantId, tenantCode, email: 'systeem', name: 'Systeem',
      organisationCode: 'zvh', organisationKind: 'zvh', municipalityCode: null, roles: ['beheerder'], mustChangePassword: false,
    },
  };
}

export interface MeetingInput {
  type: string; startsAt: string; endsAt?: string | null; location?: string | null; videoLink?: string | null;
  chairUserId?: string | null; minuteTakerId?: string | null; region?: string | null;
}

const rolesArray = (roles: readonly string[]) => sql`${`{${roles.join(',')}}`}::text[]`;
/** The ZVH roles that may chair (a procesregisseur) and take the minutes (only ZVH planners write minutes). */
const ZVH_CHAIR_ROLES = PERMISSIONS['meeting.chair'].filter((r) => ZVH_ROLES.includes(r));
const MINUTE_TAKER_ROLES = PERMISSIONS['meeting.plan'].filter((r) => ZVH_ROLES.includes(r));

/**
 * Condition on a user `u` joined with its organisation `o`, for a meeting of type `t`: who may
 * chair it. A procesregisseur of the ZVH (who facilitates every meeting), or a partner
 * professional of the type's chair organisation when that organisation is a member (so the chair
 * sees the meeting and can approve its minutes; e.g. the OM at the veelplegersoverleg).
 */
function chairCandidate(): SQL {
  return sql`u.tenant_id = t.tenant_id and u.active and (
    (o.kind = 'zvh' and u.roles && ${rolesArray(ZVH_CHAIR_ROLES)})
    or (o.kind <> 'zvh' and u.organisation_code = t.chair_organisation and t.chair_organisation = any(t.member_organisations)
        and u.roles && ${rolesArray(PERMISSIONS['meeting.chair'])}))`;
}
/** Condition on a user `u` with organisation `o`: who may take a meeting's minutes (ZVH planners). */
function minuteTakerCandidate(): SQL {
  return sql`u.tenant_id = t.tenant_id and u.active and o.kind = 'zvh' and u.roles && ${rolesArray(MINUTE_TAKER_ROLES)}`;
}

/** Refuses a chair or minute taker the meeting type does not allow (see chairCandidate). */
async function checkStaffUser(ex: Executor, typeId: string, userId: string | null | undefined, field: 'chairUserId' | 'minuteTakerId'): Promise<void> {
  if (!userId) return;
  const u = await one(ex, sql`select 1 from users u join organisations o on o.tenant_id = u.tenant_id and o.code = u.organisation_code
    join meeting_types t on t.id = ${typeId}
   where u.id = ${userId} and ${field === 'chairUserId' ? chairCandidate() : minuteTakerCandidate()}`);
  if (!u) {
    throw fieldError(field, field === 'chairUserId'
      ? 'Voorzitter is een procesregisseur of een professional van de voorzittende organisatie'
      : 'Notulist is een procesregisseur van het Zorg- en Veiligheidshuis');
  }
}

export interface StaffCandidate { id: string; name: string; organisation: string }

/** Who the procesregisseur can name as a meeting's chair and minute taker (the same rules as checkStaffUser). */
export async function staffCandidates(ctx: Ctx, meetingId: string): Promise<{ chairs: StaffCandidate[]; minuteTakers: StaffCandidate[] }> {
  requireRegisseur(ctx.actor);
  const m = await one<{ typeId: string }>(ctx.db, sql`select type_id as "typeId" from meetings where id = ${meetingId} and tenant_id = ${ctx.actor.tenantId}`);
  if (!m) throw new NotFoundError(MEETING_NOT_FOUND);
  const list = (condition: SQL) => rows<StaffCandidate>(ctx.db, sql`select u.id, u.name, u.organisation_code as organisation
      from users u join organisations o on o.tenant_id = u.tenant_id and o.code = u.organisation_code
      join meeting_types t on t.id = ${m.typeId}
     where ${condition} order by o.kind <> 'zvh', u.name, u.id`);
  return { chairs: await list(chairCandidate()), minuteTakers: await list(minuteTakerCandidate()) };
}

function checkTimes(startsAt: string, endsAt: string | null | undefined): void {
  if (Number.isNaN(Date.parse(startsAt))) throw fieldError('startsAt', 'Ongeldig tijdstip');
  if (endsAt && (Number.isNaN(Date.parse(endsAt)) || Date.parse(endsAt) <= Date.parse(startsAt))) throw fieldError('endsAt', 'Het einde ligt na het begin');
}

export async function createMeeting(ctx: Ctx, input: MeetingInput) {
  requireRegisseur(ctx.actor);
  checkTimes(input.startsAt, input.endsAt);
  const type = await one<{ id: string; location: string | null; videoLink: string | null }>(ctx.db, sql`
    select id, location, video_link as "videoLink" from meeting_types where tenant_id = ${ctx.actor.tenantId} and code = ${input.type} and active`);
  if (!type) throw fieldError('type', 'Onbekende overlegsoort');
  await checkStaffUser(ctx.db, type.id, input.chairUserId, 'chairUserId');
  await checkStaffUser(ctx.db, type.id, input.minuteTakerId, 'minuteTakerId');
  return one<{ id: string }>(ctx.db, sql`insert into meetings (tenant_id, type_id, region, starts_at, ends_at, location, video_link, chair_user_id, minute_taker_id, created_by)
    values (${ctx.actor.tenantId}, ${type.id}, ${input.region ?? null}, ${input.startsAt}::timestamptz, ${input.endsAt ?? null}::timestamptz,
            ${input.location ?? type.location}, ${input.videoLink ?? type.videoLink}, ${input.chairUserId ?? null}, ${input.minuteTakerId ?? null}, ${ctx.actor.userId})
    returning id`);
}

export interface MeetingPatch {
  startsAt?: string; endsAt?: string | null; location?: string | null; videoLink?: string | null;
  chairUserId?: string | null; minuteTakerId?: string | null; status?: 'gepland' | 'geannuleerd';
}

/** Move, re-staff or cancel a meeting (the procesregisseur); an approved meeting is final. */
export async function updateMeeting(ctx: Ctx, id: string, patch: MeetingPatch) {
  requireRegisseur(ctx.actor);
  return transaction(ctx.db, async (tx) => {
    const m = await one<{ typeId: string; startsAt: string; endsAt: string | null; approved: boolean }>(tx, sql`
      select type_id as "typeId", starts_at as "startsAt", ends_at as "endsAt", minutes_approved_at is not null as approved from meetings
       where id = ${id} and tenant_id = ${ctx.actor.tenantId} for update`);
    if (!m) throw new NotFoundError(MEETING_NOT_FOUND);
    if (m.approved) throw new ConflictError('minutes_final', 'Het verslag is vastgesteld; het overleg is niet meer te wijzigen');
    const startsAt = patch.startsAt ?? m.startsAt;
    const endsAt = patch.endsAt !== undefined ? patch.endsAt : (patch.startsAt && m.endsAt
      ? new Date(Date.parse(patch.startsAt) + (Date.parse(m.endsAt) - Date.parse(m.startsAt))).toISOString() : m.endsAt);
    checkTimes(startsAt, endsAt);
    await checkStaffUser(tx, m.typeId, patch.chairUserId, 'chairUserId');
    await checkStaffUser(tx, m.typeId, patch.minuteTakerId, 'minuteTakerId');
    const set = [
      sql`starts_at = ${startsAt}::timestamptz`, sql`ends_at = ${endsAt}::timestamptz`, sql`updated_at = now()`,
      ...(patch.location !== undefined ? [sql`location = ${patch.location}`] : []),
      ...(patch.videoLink !== undefined ? [sql`video_link = ${patch.videoLink}`] : []),
      ...(patch.chairUserId !== undefined ? [sql`chair_user_id = ${patch.chairUserId}`] : []),
      ...(patch.minuteTakerId !== undefined ? [sql`minute_taker_id = ${patch.minuteTakerId}`] : []),
      ...(patch.status !== undefined ? [sql`status = ${patch.status}`] : []),
    ];
    await tx.execute(sql`update meetings set ${sql.join(set, sql`, `)} where id = ${id}`);
    return { id };
  });
}

export interface MeetingListItem {
  id: string; type: string; typeName: string; region: string | null; startsAt: string; endsAt: string | null; location: string | null;
  videoLink: string | null; status: string; itemCount: number; minutesApprovedAt: string | null;
}

/** The meetings the user may see in a period; no personal data (only counts of the items they may see). */
export function listMeetings(ctx: Ctx, from: string, to: string) {
  const actor = ctx.actor;
  return rows<MeetingListItem>(ctx.db, sql`
    select m.id, t.code as type, t.name as "typeName", m.region, m.starts_at as "startsAt", m.ends_at as "endsAt", m.location,
           m.video_link as "videoLink", m.status, m.minutes_approved_at as "minutesApprovedAt",
           (select count(*) from meeting_items i where i.meeting_id = m.id and ${itemVisibleTo(actor)})::int as "itemCount"
      from meetings m join meeting_types t on t.id = m.type_id
     where ${meetingVisibleTo(actor)}
       and m.starts_at >= ${amsterdamIso(from, '00:00')}::timestamptz and m.starts_at < ${amsterdamIso(addDays(to, 1), '00:00')}::timestamptz
     order by m.starts_at, t.name, m.region`);
}

interface MeetingRow {
  id: string; type: string; typeName: string; subjectKind: MeetingSubjectKind; chairOrganisation: string; memberOrganisations: string[];
  region: string | null; startsAt: string; endsAt: string | null; location: string | null; videoLink: string | null; status: string;
  chairUserId: string | null; chairName: string | null; minuteTakerId: string | null; minuteTakerName: string | null;
  confidentialityAt: string | null; confidentialityText: string | null; minutesApprovedAt: string | null; approvedByName: string | null;
}

async function loadVisibleMeeting(ctx: Ctx, id: string, ex: Executor = ctx.db, lock = false): Promise<MeetingRow> {
  const m = await one<MeetingRow>(ex, sql`
    select m.id, t.code as type, t.name as "typeName", t.subject_kind as "subjectKind", t.chair_organisation as "chairOrganisation",
           t.member_organisations as "memberOrganisations", m.region, m.starts_at as "startsAt", m.ends_at as "endsAt", m.location,
           m.video_link as "videoLink", m.status, m.chair_user_id as "chairUserId", cu.name as "chairName",
           m.minute_taker_id as "minuteTakerId", mu.name as "minuteTakerName", m.confidentiality_at as "confidentialityAt",
           m.confidentiality_text as "confidentialityText", m.minutes_approved_at as "minutesApprovedAt", au.name as "approvedByName"
      from meetings m join meeting_types t on t.id = m.type_id
      left join users cu on cu.id = m.chair_user_id left join users mu on mu.id = m.minute_taker_id left join users au on au.id = m.minutes_approved_by
     where m.id = ${id} and ${meetingVisibleTo(ctx.actor)}
     ${lock ? sql`for update of m` : sql``}`);
  if (!m) throw new NotFoundError(MEETING_NOT_FOUND);
  return m;
}

interface ItemRow {
  id: string | null; position: number; visible: boolean; caseId: string | null; registrationId: string | null; question: string | null;
  subject: Record<string, unknown> | null; conclusion: string | null; decisions: string | null; attendees: unknown; subjectPresent: boolean | null;
  minutedAt: string | null; contributions: unknown[] | null; agreements: unknown[] | null; earlierAgreements: unknown[] | null;
  purpose: string | null; personId: string | null; logRegistrationId: string | null;
}

/**
 * The agenda as the actor may see it: every column with personal data is selected only where
 * the item is visible (inside the SQL); other items come back as "besloten agendapunt" with
 * nothing but their position.
 */
async function agendaOf(ctx: Ctx, meetingId: string, ex: Executor = ctx.db): Promise<ItemRow[]> {
  const zvh = isZvhStaff(ctx.actor);
  return rows<ItemRow>(ex, sql`
    select case when v.vis then i.id end as id, i.position, v.vis as visible,
           case when v.vis then i.case_id end as "caseId", case when v.vis then i.registration_id end as "registrationId",
           case when v.vis then i.question end as question,
           case when v.vis and p.id is not null then json_build_object(
             'firstName', p.first_name, 'lastName', p.last_name, 'birthYear', extract(year from p.birth_date)::int,
             'municipality', r2.municipality_code,
             'reasonSummary', ${zvh ? sql`case when i.registration_id is not null then left(r2.reason, 300) end`
               : sql`case when i.registration_id is not null and t.subject_kind = 'registrations' then left(r2.reason, 300) end`}) end as subject,
           case when v.vis then i.conclusion end as conclusion, case when v.vis then i.decisions end as decisions,
           case when v.vis then i.attendees end as attendees, case when v.vis then i.subject_present end as "subjectPresent",
           case when v.vis then i.minuted_at end as "minutedAt",
           case when v.vis then coalesce((select json_agg(json_build_object('id', mc.id, 'organisation', mc.organisation_code, 'authorName', mc.author_name,
               'knownFacts', mc.known_facts, 'involvement', mc.involvement, 'risks', mc.risks, 'createdAt', mc.created_at) order by mc.created_at)
             from meeting_contributions mc where mc.item_id = i.id), '[]'::json) end as contributions,
           case when v.vis then coalesce((select json_agg(json_build_object('id', a.id, 'partner', a.partner_code, 'title', a.title,
               'dueDate', a.due_date, 'status', a.status) order by a.created_at)
             from meeting_item_agreements mia join agreements a on a.id = mia.agreement_id where mia.item_id = i.id), '[]'::json) end as agreements,
           case when v.vis and i.case_id is not null then coalesce((select json_agg(json_build_object('id', a.id, 'partner', a.partner_code, 'title', a.title,
               'dueDate', a.due_date, 'status', a.status, 'meetingDate', pm.starts_at) order by pm.starts_at, a.created_at)
             from meeting_items pi join meetings pm on pm.id = pi.meeting_id
             join meeting_item_agreements mia on mia.item_id = pi.id join agreements a on a.id = mia.agreement_id
             where pi.case_id = i.case_id and pi.id <> i.id and pm.starts_at < m.starts_at), '[]'::json) end as "earlierAgreements",
           c2.purpose, p.id as "personId", r2.id as "logRegistrationId"
      from meeting_items i join meetings m on m.id = i.meeting_id join meeting_types t on t.id = m.type_id
      cross join lateral (select ${itemVisibleTo(ctx.actor)} as vis) v
      left join cases c2 on c2.id = i.case_id and v.vis
      left join registrations r2 on v.vis and r2.id = coalesce(i.registration_id, c2.registration_id)
      left join persons p on v.vis and p.id = r2.person_id
     where i.meeting_id = ${meetingId}
     order by i.position`);
}

function logAgenda(ctx: Ctx, items: ItemRow[], view: string, ex: Executor = ctx.db) {
  return logProcessing(ctx, items.filter((i) => i.visible && i.personId).map((i) => ({
    action: 'read' as const, activity: i.caseId ? 'procesregie' : 'weegoverleg',
    purpose: i.purpose ?? 'Weging van de aanmelding in het weegoverleg',
    caseId: i.caseId, registrationId: i.logRegistrationId, dataSubjectId: i.personId,
    details: { view, object: 'meeting_item', id: i.id },
  })), ex);
}

const publicItem = (i: ItemRow) => (i.visible
  ? {
    id: i.id, position: i.position, caseId: i.caseId, registrationId: i.registrationId, question: i.question, subject: i.subject,
    minutes: { conclusion: i.conclusion, decisions: i.decisions, attendees: i.attendees, subjectPresent: i.subjectPresent, minutedAt: i.minutedAt },
    contributions: i.contributions, agreements: i.agreements, earlierAgreements: i.earlierAgreements ?? [],
  }
  : { position: i.position, besloten: true, label: 'Besloten agendapunt' });

/** May this actor approve the minutes? The chair: the named chair, else the chair organisation's people. */
function isChair(actor: Actor, m: Pick<MeetingRow, 'chairUserId' | 'chairOrganisation'>): boolean {
  if (m.chairUserId) return m.chairUserId === actor.userId;
  if (m.chairOrganisation === 'zvh') return isZvhStaff(actor) && allowed(actor, 'meeting.plan');
  return actor.organisationCode === m.chairOrganisation;
}

export async function getMeeting(ctx: Ctx, id: string) {
  const m = await loadVisibleMeeting(ctx, id);
  const items = await agendaOf(ctx, id);
  await logAgenda(ctx, items, 'meeting');
  const date = amsterdamDate(m.startsAt);
  const approvedOn = m.minutesApprovedAt ? amsterdamDate(m.minutesApprovedAt) : null;
  const zvh = isZvhStaff(ctx.actor);
  const final = m.minutesApprovedAt !== null;
  const { chairOrganisation, memberOrganisations, ...rest } = m;
  return {
    ...rest, chairOrganisation, memberOrganisations,
    agenda: items.map(publicItem),
    minutesDue: minutesDueDate(date),
    minutesLate: items.length > 0 && minutesLate(date, approvedOn, todayAmsterdam()),
    permissions: {
      plan: zvh && allowed(ctx.actor, 'meeting.plan') && !final,
      minute: zvh && allowed(ctx.actor, 'meeting.plan') && !final,
      approve: !final && isChair(ctx.actor, m),
      contribute: !final,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Agenda, contributions, minutes

export async function addAgendaItem(ctx: Ctx, meetingId: string, input: { caseId?: string; registrationId?: string; question: string }) {
  requireRegisseur(ctx.actor);
  if (!!input.caseId === !!input.registrationId) throw fieldError('caseId', 'Geef een casus of (voor het weegoverleg) een aanmelding');
  return transaction(ctx.db, async (tx) => {
    const m = await loadVisibleMeeting(ctx, meetingId, tx, true);
    if (m.minutesApprovedAt) throw new ConflictError('minutes_final', 'Het verslag is vastgesteld; de agenda is niet meer te wijzigen');
    if (m.status === 'geannuleerd') throw new ConflictError('meeting_cancelled', 'Het overleg is geannuleerd');
    let log: { caseId: string | null; registrationId: string; personId: string; purpose: string };
    if (input.caseId) {
      if (m.subjectKind !== 'cases') throw fieldError('caseId', 'Dit overleg bespreekt geen casussen');
      const ref = await loadVisibleCase(ctx, input.caseId, { write: true, ex: tx });
      log = { caseId: ref.id, registrationId: ref.registrationId, personId: ref.personId, purpose: ref.purpose };
    } else {
      if (m.subjectKind !== 'registrations') throw fieldError('registrationId', 'Alleen het weegoverleg bespreekt aanmeldingen');
      const r = await one<{ id: string; personId: string }>(tx, sql`select r.id, r.person_id as "personId" from registrations r
        where r.id = ${input.registrationId} and ${registrationVisibleTo(ctx.actor)}`);
      if (!r) throw new NotFoundError('Aanmelding niet gevonden');
      log = { caseId: null, registrationId: r.id, personId: r.personId, purpose: 'Weging van de aanmelding in het weegoverleg' };
    }
    const dup = await one(tx, sql`select 1 from meeting_items where meeting_id = ${meetingId}
      and ${input.caseId ? sql`case_id = ${input.caseId}` : sql`registration_id = ${input.registrationId}`}`);
    if (dup) throw new ConflictError('already_on_agenda', 'Staat al op de agenda van dit overleg');
    const item = await one<{ id: string }>(tx, sql`insert into meeting_items (tenant_id, meeting_id, case_id, registration_id, position, question, created_by)
      values (${ctx.actor.tenantId}, ${meetingId}, ${input.caseId ?? null}, ${input.registrationId ?? null},
              (select coalesce(max(position), 0) + 1 from meeting_items where meeting_id = ${meetingId}), ${input.question}, ${ctx.actor.userId})
      returning id`);
    await logProcessing(ctx, {
      action: 'create', activity: log.caseId ? 'procesregie' : 'weegoverleg', purpose: log.purpose, caseId: log.caseId,
      registrationId: log.registrationId, dataSubjectId: log.personId, details: { object: 'meeting_item', id: item!.id, meetingId },
    }, tx);
    return item!;
  });
}

/** One item the actor may see (inside the SQL), for writes on it. */
async function loadVisibleItem(ctx: Ctx, meetingId: string, itemId: string, ex: Executor) {
  const m = await loadVisibleMeeting(ctx, meetingId, ex, true);
  const item = await one<{ id: string; caseId: string | null; registrationId: string; personId: string; purpose: string | null }>(ex, sql`
    select i.id, i.case_id as "caseId", r.id as "registrationId", r.person_id as "personId", c2.purpose
      from meeting_items i join meetings m on m.id = i.meeting_id join meeting_types t on t.id = m.type_id
      left join cases c2 on c2.id = i.case_id
      join registrations r on r.id = coalesce(i.registration_id, c2.registration_id)
     where i.id = ${itemId} and i.meeting_id = ${meetingId} and ${itemVisibleTo(ctx.actor)}`);
  if (!item) throw new NotFoundError('Agendapunt niet gevonden');
  return { m, item };
}

export async function addContribution(ctx: Ctx, meetingId: string, itemId: string, input: { knownFacts?: string | null; involvement?: string | null; risks?: string | null }) {
  if (!input.knownFacts && !input.involvement && !input.risks) throw fieldError('knownFacts', 'Vul ten minste één onderdeel in');
  return transaction(ctx.db, async (tx) => {
    const { m, item } = await loadVisibleItem(ctx, meetingId, itemId, tx);
    if (m.minutesApprovedAt) throw new ConflictError('minutes_final', 'Het verslag is vastgesteld');
    const c = await one<{ id: string }>(tx, sql`insert into meeting_contributions (tenant_id, item_id, organisation_code, author_id, author_name, known_facts, involvement, risks)
      values (${ctx.actor.tenantId}, ${itemId}, ${ctx.actor.organisationCode}, ${ctx.actor.userId}, ${ctx.actor.name},
              ${input.knownFacts ?? null}, ${input.involvement ?? null}, ${input.risks ?? null}) returning id`);
    await logProcessing(ctx, {
      action: 'create', activity: item.caseId ? 'procesregie' : 'weegoverleg', purpose: item.purpose ?? 'Weging van de aanmelding in het weegoverleg',
      caseId: item.caseId, registrationId: item.registrationId, dataSubjectId: item.personId, details: { object: 'meeting_contribution', id: c!.id, meetingId },
    }, tx);
    return c!;
  });
}

export interface MinutesInput {
  conclusion: string; decisions?: string | null; subjectPresent?: boolean | null;
  attendees?: { organisation: string; present: boolean }[];
  agreements?: { partner: string; title: string; dueDate?: string | null }[];
}

/**
 * The minutes of one item. Its agreements are created in the case's plan by procesregie's
 * createAgreement (its rules: the owner must take part), all in one transaction with the minutes.
 */
export async function recordMinutes(ctx: Ctx, meetingId: string, itemId: string, input: MinutesInput) {
  requireRegisseur(ctx.actor);
  return transaction(ctx.db, async (tx) => {
    const { m, item } = await loadVisibleItem(ctx, meetingId, itemId, tx);
    if (m.minutesApprovedAt) throw new ConflictError('minutes_final', 'Het verslag is vastgesteld en alleen te lezen');
    if (m.status === 'geannuleerd') throw new ConflictError('meeting_cancelled', 'Het overleg is geannuleerd');
    const agreements = input.agreements ?? [];
    if (agreements.length && !item.caseId) throw fieldError('agreements', 'Afspraken horen bij een casus; een aanmelding heeft nog geen plan');
    if (input.attendees?.length) await checkOrganisations(tx, ctx.actor.tenantId, [...new Set(input.attendees.map((a) => a.organisation))], 'attendees');
    await tx.execute(sql`update meeting_items set conclusion = ${input.conclusion}, decisions = ${input.decisions ?? null},
        attendees = ${JSON.stringify(input.attendees ?? [])}::jsonb, subject_present = ${input.subjectPresent ?? null},
        minuted_at = now(), minuted_by = ${ctx.actor.userId}
      where id = ${itemId}`);
    const txCtx: Ctx = { ...ctx, db: tx };
    const created: { id: string }[] = [];
    for (const [n, a] of agreements.entries()) {
      try {
        const res = await createAgreement(txCtx, item.caseId!, { partner: a.partner, title: a.title, dueDate: a.dueDate ?? null });
        await tx.execute(sql`insert into meeting_item_agreements (item_id, agreement_id, tenant_id) values (${itemId}, ${res.id}, ${ctx.actor.tenantId})`);
        created.push({ id: res.id });
      } catch (e) {
        if (e instanceof ValidationError) {
          throw new ValidationError(e.message, ((e.details as { field: string; message: string }[]) ?? []).map((d) => ({ ...d, field: `agreements.${n}.${d.field}` })));
        }
        throw e;
      }
    }
    if (item.caseId) {
      const ref = await loadVisibleCase(ctx, item.caseId, { ex: tx });
      await logCase(ctx, ref, 'update', { object: 'meeting_minutes', id: itemId, meetingId }, tx);
    } else {
      await logProcessing(ctx, { action: 'update', activity: 'weegoverleg', purpose: 'Weging van de aanmelding in het weegoverleg', registrationId: item.registrationId, dataSubjectId: item.personId, details: { object: 'meeting_minutes', id: itemId, meetingId } }, tx);
    }
    return { id: itemId, agreements: created };
  });
}

export async function recordConfidentiality(ctx: Ctx, meetingId: string, text: string) {
  requireRegisseur(ctx.actor);
  return transaction(ctx.db, async (tx) => {
    const m = await loadVisibleMeeting(ctx, meetingId, tx, true);
    if (m.minutesApprovedAt) throw new ConflictError('minutes_final', 'Het verslag is vastgesteld');
    await tx.execute(sql`update meetings set confidentiality_at = now(), confidentiality_by = ${ctx.actor.userId}, confidentiality_text = ${text}, updated_at = now() where id = ${meetingId}`);
    return { id: meetingId };
  });
}

/** The chair approves the minutes: from then on the meeting, its agenda and its minutes are read-only. */
export async function approveMinutes(ctx: Ctx, meetingId: string) {
  return transaction(ctx.db, async (tx) => {
    const m = await loadVisibleMeeting(ctx, meetingId, tx, true);
    if (!isChair(ctx.actor, m)) throw new ForbiddenError('Alleen de voorzitter stelt het verslag vast');
    if (m.minutesApprovedAt) throw new ConflictError('minutes_final', 'Het verslag is al vastgesteld');
    const open = await one<{ n: number }>(tx, sql`select count(*)::int as n from meeting_items where meeting_id = ${meetingId} and minuted_at is null`);
    if (open!.n > 0) throw new ConflictError('minutes_incomplete', `Nog ${open!.n} agendapunt(en) zonder verslag`);
    const r = await one<{ at: string }>(tx, sql`update meetings set minutes_approved_at = now(), minutes_approved_by = ${ctx.actor.userId}, updated_at = now()
      where id = ${meetingId} returning minutes_approved_at as at`);
    const date = amsterdamDate(m.startsAt);
    return { id: meetingId, minutesApprovedAt: r!.at, minutesDue: minutesDueDate(date), late: minutesLate(date, amsterdamDate(r!.at), amsterdamDate(r!.at)) };
  });
}

/** Meetings whose minutes were (or are) not approved within 3 working days; no personal data. */
export async function lateMinutes(ctx: Ctx, today = todayAmsterdam()) {
  const list = await rows<{ id: string; type: string; typeName: string; region: string | null; startsAt: string; minutesApprovedAt: string | null; items: number }>(ctx.db, sql`
    select m.id, t.code as type, t.name as "typeName", m.region, m.starts_at as "startsAt", m.minutes_approved_at as "minutesApprovedAt",
           (select count(*) from meeting_items i where i.meeting_id = m.id)::int as items
      from meetings m join meeting_types t on t.id = m.type_id
     where ${meetingVisibleTo(ctx.actor)} and m.status <> 'geannuleerd' and m.starts_at < now()
       and m.starts_at > now() - interval '400 days'
       and exists (select 1 from meeting_items i where i.meeting_id = m.id)
     order by m.starts_at`);
  return list
    .map((m) => {
      const date = amsterdamDate(m.startsAt);
      const approvedOn = m.minutesApprovedAt ? amsterdamDate(m.minutesApprovedAt) : null;
      return { ...m, minutesDue: minutesDueDate(date), late: minutesLate(date, approvedOn, today) };
    })
    .filter((m) => m.late);
}

// ---------------------------------------------------------------------------------------------
// Printable agenda and minutes per participant (only the items the reader may see)

export async function meetingForPrint(ctx: Ctx, id: string) {
  const m = await loadVisibleMeeting(ctx, id);
  const items = await agendaOf(ctx, id);
  await logProcessing(ctx, items.filter((i) => i.visible && i.personId).map((i) => ({
    action: 'export' as const, activity: i.caseId ? 'procesregie' : 'weegoverleg', purpose: i.purpose ?? 'Weging van de aanmelding in het weegoverleg',
    caseId: i.caseId, registrationId: i.logRegistrationId, dataSubjectId: i.personId, details: { view: 'meeting_pdf', object: 'meeting_item', id: i.id },
  })));
  return { meeting: m, items: items.filter((i) => i.visible) };
}

// ---------------------------------------------------------------------------------------------
// iCalendar feed

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const sealKey = (secret: string) => createHash('sha256').update(`calendar-feed:${secret}`).digest();
function seal(secret: string, token: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', sealKey(secret), iv);
  const body = Buffer.concat([c.update(token, 'utf8'), c.final()]);
  return [iv, c.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}
function unseal(secret: string, sealed: string): string | null {
  try {
    const [iv, tag, body] = sealed.split('.').map((s) => Buffer.from(s, 'base64url'));
    const d = createDecipheriv('aes-256-gcm', sealKey(secret), iv!);
    d.setAuthTag(tag!);
    return Buffer.concat([d.update(body!), d.final()]).toString('utf8');
  } catch {
    return null;
  }
}
const feedUrl = (token: string) => ({ url: `/api/calendar/${token}` });

async function issueToken(ctx: Ctx, secret: string, ex: Executor) {
  const token = randomBytes(32).toString('base64url');
  await ex.execute(sql`insert into calendar_tokens (tenant_id, user_id, token_hash, token_sealed)
    values (${ctx.actor.tenantId}, ${ctx.actor.userId}, ${tokenHash(token)}, ${seal(secret, token)})`);
  return feedUrl(token);
}

/**
 * The user's feed URL. The token is stored as its SHA-256 (the lookup) and sealed with a key
 * derived from the server secret (so its owner can see the URL again); one active token per user.
 */
export async function calendarUrl(ctx: Ctx, secret: string) {
  return transaction(ctx.db, async (tx) => {
    const row = await one<{ id: string; sealed: string }>(tx, sql`select id, token_sealed as sealed from calendar_tokens
      where user_id = ${ctx.actor.userId} and revoked_at is null for update`);
    const token = row ? unseal(secret, row.sealed) : null;
    if (token) return feedUrl(token);
    if (row) await tx.execute(sql`update calendar_tokens set revoked_at = now() where id = ${row.id}`);
    return issueToken(ctx, secret, tx);
  });
}

export async function revokeCalendar(ctx: Ctx, secret: string, reissue: boolean) {
  return transaction(ctx.db, async (tx) => {
    await tx.execute(sql`update calendar_tokens set revoked_at = now() where user_id = ${ctx.actor.userId} and revoked_at is null`);
    return reissue ? issueToken(ctx, secret, tx) : null;
  });
}

/** The feed's owner as an actor, or undefined for a wrong or revoked token. */
async function feedActor(db: Ctx['db'], token: string): Promise<Actor | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const row = await one<{ user_id: string; tenant_id: string; tenant_code: string; email: string; name: string; organisation_code: string;
    organisation_kind: 'zvh' | 'partner'; municipality_code: string | null; roles: Role[] }>(db, sql`
    select u.id as user_id, u.tenant_id, t.code as tenant_code, u.email, u.name, u.organisation_code, o.kind as organisation_kind,
           u.municipality_code, u.roles
      from calendar_tokens ct join users u on u.id = ct.user_id join tenants t on t.id = u.tenant_id
      join organisations o on o.tenant_id = u.tenant_id and o.code = u.organisation_code
     where ct.token_hash = ${tokenHash(token)} and ct.revoked_at is null and u.active`);
  if (!row) return undefined;
  return {
    userId: row.user_id, sessionId: 'calendar-feed', tenantId: row.tenant_id, tenantCode: row.tenant_code, email: row.email, name: row.name,
    organisationCode: row.organisation_code, organisationKind: row.organisation_kind, municipalityCode: row.municipality_code,
    roles: row.roles, mustChangePassword: false,
  };
}

/** RFC 5545 text escaping. */
export const icsEscape = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
/** RFC 5545 line folding: lines of at most 75 octets, continued with CRLF and a space, never splitting a UTF-8 character. */
export function icsFold(line: string): string {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    const limit = out.length ? 74 : 75; // continuation lines start with a space
    if (bytes + n > limit) { out.push(cur); cur = ''; bytes = 0; }
    cur += ch;
    bytes += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}
const icsTime = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The feed: one VEVENT per meeting the user's organisation takes part in; type, time, place and link only. */
export async function calendarFeed(db: Ctx['db'], token: string): Promise<string> {
  const actor = await feedActor(db, token);
  if (!actor) throw new NotFoundError();
  // the token stands for its user: read with that user's row-level-security settings
  const scoped = scopedDb(db, { tenantId: actor.tenantId, userId: actor.userId, organisationCode: actor.organisationCode, staff: isZvhStaff(actor) });
  const list = await rows<{ id: string; typeName: string; region: string | null; startsAt: string; endsAt: string | null; location: string | null;
    videoLink: string | null; status: string; updatedAt: string }>(scoped, sql`
    select m.id, t.name as "typeName", m.region, m.starts_at as "startsAt", m.ends_at as "endsAt", m.location, m.video_link as "videoLink",
           m.status, m.updated_at as "updatedAt"
      from meetings m join meeting_types t on t.id = m.type_id
     where ${meetingVisibleTo(actor)} and m.starts_at > now() - interval '60 days' and m.starts_at < now() + interval '400 days'
     order by m.starts_at`);
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//ZVH Casussysteem//Casusoverleggen//NL', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsEscape('Overleggen Zorg- en Veiligheidshuis')}`];
  for (const m of list) {
    const end = m.endsAt ?? new Date(Date.parse(m.startsAt) + 3600e3).toISOString();
    lines.push('BEGIN:VEVENT', `UID:${m.id}@zvh-casussysteem`, `DTSTAMP:${icsTime(m.updatedAt)}`, `DTSTART:${icsTime(m.startsAt)}`, `DTEND:${icsTime(end)}`,
      `SUMMARY:${icsEscape(m.typeName + (m.region ? ` (${m.region})` : ''))}`);
    if (m.location) lines.push(`LOCATION:${icsEscape(m.location)}`);
    if (m.videoLink) lines.push(`URL:${m.videoLink.replace(/[\r\n]/g, '')}`, `DESCRIPTION:${icsEscape(`Videoverbinding: ${m.videoLink}`)}`);
    lines.push(`STATUS:${m.status === 'geannuleerd' ? 'CANCELLED' : 'CONFIRMED'}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(icsFold).join('\r\n') + '\r\n';
}

