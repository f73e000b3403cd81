// SPDX-License-Identifier: EUPL-1.2
// The records of the meetings the ZVH facilitates (veelplegersoverleg, LPCO, nazorgoverleg; issue
// 9 "4 of 7"). They are never ZVH cases: they live in their own tables (migration 0009), so they
// never touch the procesregie/advice/information-request figures or the capacity model.
//
// Need-to-know, applied inside the SQL (recordVisibleTo):
//  - ZVH staff: every record of the tenant;
//  - veelpleger: professionals of the OM (they mark the veelplegers);
//  - lpco: leerplicht professionals, for the municipality they work for;
//  - nazorg: the municipal departments (the nazorg coordinator) of the record's municipality only.
// Anyone else gets the same answer as for a record that does not exist (404); lists and new
// records of a kind they have no part in answer 403. Whoever may see a record may also change it. Every read and write is in the processing log.
import type { SQL } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { isZvhStaff } from '../../core/context.js';
import type { Actor } from '../../core/context.js';
import type { Executor } from '../../core/db/index.js';
import { one, rows, sql, transaction } from '../../core/db/index.js';
import { checkVersion } from '../../core/access.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../core/errors.js';
import { logProcessing } from '../../core/processing-log.js';
import { FieldChecker, loadCodeSets, today } from '../../core/reference-check.js';
import { can, isValidBsn } from '@zvh/shared';
import type { PersonInput } from '../aanmelding/service.js';
import { createRegistration, findOrCreatePerson } from '../aanmelding/service.js';

export type FacilitatedKind = 'veelpleger' | 'lpco' | 'nazorg';
export const FACILITATED_KINDS: FacilitatedKind[] = ['veelpleger', 'lpco', 'nazorg'];

export const ACTIVITY: Record<FacilitatedKind, string> = { veelpleger: 'veelplegersaanpak', lpco: 'lpco', nazorg: 'nazorg-ex-gedetineerden' };
export const PURPOSE: Record<FacilitatedKind, string> = {
  veelpleger: 'Veelplegersaanpak: bespreking en monitoring van veelplegers in het veelplegersoverleg',
  lpco: 'Leerplicht-casusoverleg (LPCO): afdoening van processen-verbaal leerplicht',
  nazorg: 'Nazorg ex-gedetineerden: basisvoorwaarden op orde bij terugkeer in de gemeente',
};
const TABLE: Record<FacilitatedKind, SQL> = { veelpleger: sql`veelpleger_records`, lpco: sql`lpco_records`, nazorg: sql`nazorg_records` };
const NOT_FOUND: Record<FacilitatedKind, string> = { veelpleger: 'Veelplegerregistratie niet gevonden', lpco: 'LPCO-registratie niet gevonden', nazorg: 'Nazorgregistratie niet gevonden' };

/** The municipal departments that coordinate nazorg for their own municipality. */
export const NAZORG_DEPARTMENTS = ['gemeente-oov', 'gemeente-sd', 'sociale-teams'];
export const CONDITIONS = ['id-bewijs', 'onderdak', 'inkomen', 'schulden', 'zorg'] as const;
export const CONDITION_STATUSES = ['geregeld', 'in-behandeling', 'niet-geregeld', 'nvt'] as const;
export type ConditionStatus = (typeof CONDITION_STATUSES)[number];
export type Conditions = Record<string, { before: ConditionStatus | null; after: ConditionStatus | null }>;

/** Condition on a record row aliased `x` of the given kind: may this actor see it? */
export function recordVisibleTo(kind: FacilitatedKind, actor: Actor): SQL {
  if (isZvhStaff(actor)) return sql`x.tenant_id = ${actor.tenantId}`;
  if (!actor.roles.includes('professional')) return sql`false`;
  if (kind === 'veelpleger' && actor.organisationCode === 'om') return sql`x.tenant_id = ${actor.tenantId}`;
  if (kind === 'lpco' && actor.organisationCode === 'leerplicht' && actor.municipalityCode) {
    return sql`x.tenant_id = ${actor.tenantId} and x.municipality_code = ${actor.municipalityCode}`;
  }
  if (kind === 'nazorg' && NAZORG_DEPARTMENTS.includes(actor.organisationCode) && actor.municipalityCode) {
    return sql`x.tenant_id = ${actor.tenantId} and x.municipality_code = ${actor.municipalityCode}`;
  }
  return sql`false`;
}

/** May the actor work with this kind at all (for a municipality, where it matters)? */
export function mayUseKind(kind: FacilitatedKind, actor: Actor, municipality?: string): boolean {
  if (isZvhStaff(actor)) return true;
  if (!actor.roles.includes('professional')) return false;
  if (kind === 'veelpleger') return actor.organisationCode === 'om';
  const own = !!actor.municipalityCode && (municipality === undefined || municipality === actor.municipalityCode);
  if (kind === 'lpco') return actor.organisationCode === 'leerplicht' && own;
  return NAZORG_DEPARTMENTS.includes(actor.organisationCode) && own;
}
function requireKind(kind: FacilitatedKind, actor: Actor, municipality?: string) {
  if (!mayUseKind(kind, actor, municipality)) {
    throw new ForbiddenError(municipality && !isZvhStaff(actor) && mayUseKind(kind, actor)
      ? 'U kunt alleen registraties van uw eigen gemeente vastleggen'
      : 'Geen toegang tot deze registraties');
  }
}

const log = (ctx: Ctx, kind: FacilitatedKind, action: 'read' | 'create' | 'update' | 'delete', items: { id: string; personId: string }[], ex?: Executor, extra: Record<string, unknown> = {}) =>
  logProcessing(ctx, items.map((r) => ({
    action, activity: ACTIVITY[kind], purpose: PURPOSE[kind], dataSubjectId: r.personId, details: { object: `${kind}-record`, id: r.id, ...extra },
  })), ex);

export interface PersonSummary { id: string; firstName: string; lastName: string; birthDate: string | null }
const personCols = sql`json_build_object('id', p.id, 'firstName', p.first_name, 'lastName', p.last_name, 'birthDate', p.birth_date) as person`;

function checkPersonInput(c: FieldChecker, p: PersonInput | undefined, field = 'subject') {
  if (!p) { c.add(field, 'Verplicht'); return; }
  if (p.bsn && !isValidBsn(p.bsn)) c.add(`${field}.bsn`, 'BSN voldoet niet aan de elfproef');
  c.notFuture(`${field}.birthDate`, p.birthDate);
  if (p.gender) c.code(`${field}.gender`, 'gender', p.gender);
}
const dateOrder = (c: FieldChecker, field: string, later: string | null | undefined, earlier: string | null | undefined, message: string) => {
  if (later && earlier && later < earlier) c.add(field, message);
};

// ------------------------------------------------------------------ veelplegers

export interface VeelplegerRecord {
  id: string; externalId: string | null; person: PersonSummary; municipality: string; region: string; status: string;
  from: string; until: string | null; previousId: string | null; registeringPartner: string; note: string | null; version: number;
}
const vpSelect = sql`select x.id, x.external_id as "externalId", ${personCols}, x.municipality_code as municipality, m.region, x.status,
    x.registered_at as "from", x.closed_at as "until", x.previous_id as "previousId", x.registering_partner as "registeringPartner",
    x.note, x.version
  from veelpleger_records x join persons p on p.id = x.person_id
  join municipalities m on m.tenant_id = x.tenant_id and m.code = x.municipality_code`;

export interface VeelplegerPerson { person: PersonSummary; region: string; current: VeelplegerRecord | null; history: VeelplegerRecord[] }
export interface VeelplegerRegion { region: string; persons: VeelplegerPerson[] }

/**
 * Veelplegers per region with the history of their status changes. A person is listed in the
 * region of their latest-starting record; `active` (default) lists only persons with a record
 * that is open today.
 */
export async function listVeelplegers(ctx: Ctx, opts: { region?: string; includeClosed?: boolean } = {}): Promise<VeelplegerRegion[]> {
  requireKind('veelpleger', ctx.actor);
  const list = await rows<VeelplegerRecord>(ctx.db, sql`${vpSelect}
    where ${recordVisibleTo('veelpleger', ctx.actor)}
    order by p.last_name, p.first_name, p.id, x.registered_at desc, x.created_at desc`);
  const now = today();
  const byPerson = new Map<string, VeelplegerRecord[]>();
  for (const r of list) {
    const l = byPerson.get(r.person.id) ?? [];
    l.push(r);
    byPerson.set(r.person.id, l);
  }
  const regions = await rows<{ region: string }>(ctx.db, sql`select distinct region from municipalities where tenant_id = ${ctx.actor.tenantId} order by region`);
  const out = new Map<string, VeelplegerPerson[]>(regions.map((r) => [r.region, []]));
  const shown: VeelplegerRecord[] = [];
  for (const history of byPerson.values()) {
    const latest = history[0]!;
    const current = history.find((r) => r.from <= now && (r.until === null || r.until >= now)) ?? null;
    if (!opts.includeClosed && !current) continue;
    if (opts.region && latest.region !== opts.region) continue;
    out.get(latest.region)?.push({ person: latest.person, region: latest.region, current, history });
    shown.push(...history);
  }
  await log(ctx, 'veelpleger', 'read', shown.map((r) => ({ id: r.id, personId: r.person.id })));
  return [...out].filter(([region]) => !opts.region || region === opts.region).map(([region, persons]) => ({ region, persons }));
}

async function loadVeelpleger(ctx: Ctx, id: string, ex: Executor = ctx.db, lock = false): Promise<VeelplegerRecord> {
  const r = await one<VeelplegerRecord>(ex, sql`${vpSelect} where x.id = ${id} and ${recordVisibleTo('veelpleger', ctx.actor)} ${lock ? sql`for update of x` : sql``}`);
  if (!r) throw new NotFoundError(NOT_FOUND.veelpleger);
  return r;
}

export async function getVeelplegerRecord(ctx: Ctx, id: string): Promise<VeelplegerRecord & { history: VeelplegerRecord[] }> {
  const r = await loadVeelpleger(ctx, id);
  const history = await rows<VeelplegerRecord>(ctx.db, sql`${vpSelect} where x.person_id = ${r.person.id} and ${recordVisibleTo('veelpleger', ctx.actor)}
    order by x.registered_at desc, x.created_at desc`);
  await log(ctx, 'veelpleger', 'read', history.map((h) => ({ id: h.id, personId: h.person.id })));
  return { ...r, history };
}

export interface VeelplegerInput { subject: PersonInput; municipality: string; status: string; from: string; until?: string | null; note?: string | null }

/** The 18th birthday ('YYYY-MM-DD'); 29 February becomes 28 February in a common year. */
export function adultFrom(birthDate: string): string {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const leap = (n: number) => (n % 4 === 0 && n % 100 !== 0) || n % 400 === 0;
  const day = m === 2 && d === 29 && !leap(y + 18) ? 28 : d;
  return `${y + 18}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The person's records may not overlap: a new record starts after every earlier one ended. */
async function assertNoOverlap(ex: Executor, tenantId: string, personId: string, from: string, until: string | null, exceptId: string | null) {
  const clash = await one<{ id: string; from: string; until: string | null }>(ex, sql`select id, registered_at as "from", closed_at as "until" from veelpleger_records
    where tenant_id = ${tenantId} and person_id = ${personId} and id is distinct from ${exceptId}::uuid
      and registered_at <= coalesce(${until}::date, 'infinity'::date) and coalesce(closed_at, 'infinity'::date) >= ${from}::date
    limit 1`);
  if (clash) {
    throw new ConflictError('veelpleger_overlap', `Deze persoon heeft al een veelplegerstatus in die periode (vanaf ${clash.from}${clash.until ? ` tot en met ${clash.until}` : ''}); leg een statuswijziging vast`, { recordId: clash.id });
  }
}

export async function createVeelplegerRecord(ctx: Ctx, input: VeelplegerInput): Promise<{ id: string }> {
  requireKind('veelpleger', ctx.actor);
  const c = new FieldChecker(await loadCodeSets(ctx.db, ctx.actor.tenantId));
  checkPersonInput(c, input.subject);
  c.municipality('municipality', input.municipality);
  c.code('status', 'veelplegerStatus', input.status, true);
  c.notFuture('from', input.from);
  dateOrder(c, 'until', input.until, input.from, 'Einddatum ligt voor de begindatum');
  if (input.subject?.birthDate && input.from && adultFrom(input.subject.birthDate) > input.from) {
    c.add('from', 'De veelplegeraanpak is voor volwassenen: de persoon is op deze datum nog geen 18');
  }
  c.throwIfAny();
  return transaction(ctx.db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(74201, hashtext(${ctx.actor.tenantId}))`);
    const person = await findOrCreatePerson(ctx, tx, input.subject, input.municipality);
    await assertNoOverlap(tx, ctx.actor.tenantId, person.id, input.from, input.until ?? null, null);
    const r = await one<{ id: string }>(tx, sql`insert into veelpleger_records (tenant_id, person_id, municipality_code, registering_partner, status, registered_at, closed_at, note, created_by)
      values (${ctx.actor.tenantId}, ${person.id}, ${input.municipality}, ${isZvhStaff(ctx.actor) ? 'om' : ctx.actor.organisationCode}, ${input.status},
              ${input.from}, ${input.until ?? null}, ${input.note ?? null}, ${ctx.actor.userId}) returning id`);
    await log(ctx, 'veelpleger', 'create', [{ id: r!.id, personId: person.id }], tx);
    return r!;
  });
}

/**
 * A change of status: the current record ends the day before `from` and the next one starts on
 * `from` (the person's records never overlap), in one transaction.
 */
export async function changeVeelplegerStatus(ctx: Ctx, id: string, input: { status: string; from: string; municipality?: string; note?: string | null; version?: number }): Promise<{ id: string }> {
  const c = new FieldChecker(await loadCodeSets(ctx.db, ctx.actor.tenantId));
  c.code('status', 'veelplegerStatus', input.status, true);
  c.notFuture('from', input.from);
  if (input.municipality) c.municipality('municipality', input.municipality);
  c.throwIfAny();
  return transaction(ctx.db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(74201, hashtext(${ctx.actor.tenantId}))`);
    const cur = await loadVeelpleger(ctx, id, tx, true);
    checkVersion(input.version, cur.version, 'De veelplegerregistratie');
    if (cur.until !== null) throw new ConflictError('record_closed', 'Deze registratie is al beëindigd; een statuswijziging gaat uit van de lopende registratie');
    if (input.from <= cur.from) throw new ValidationError('Ongeldige invoer', [{ field: 'from', message: `De nieuwe status moet na de begindatum van de huidige (${cur.from}) ingaan` }]);
    if (input.status === cur.status && (!input.municipality || input.municipality === cur.municipality)) {
      throw new ValidationError('Ongeldige invoer', [{ field: 'status', message: 'Dit is al de huidige status' }]);
    }
    await tx.execute(sql`update veelpleger_records set closed_at = ${input.from}::date - 1, version = version + 1, updated_at = now() where id = ${id}`);
    await assertNoOverlap(tx, ctx.actor.tenantId, cur.person.id, input.from, null, null);
    const next = await one<{ id: string }>(tx, sql`insert into veelpleger_records (tenant_id, person_id, municipality_code, registering_partner, status, registered_at, previous_id, note, created_by)
      values (${ctx.actor.tenantId}, ${cur.person.id}, ${input.municipality ?? cur.municipality}, ${isZvhStaff(ctx.actor) ? cur.registeringPartner : ctx.actor.organisationCode},
              ${input.status}, ${input.from}, ${id}, ${input.note ?? null}, ${ctx.actor.userId}) returning id`);
    await log(ctx, 'veelpleger', 'update', [{ id, personId: cur.person.id }], tx, { change: 'closed-by-status-change' });
    await log(ctx, 'veelpleger', 'create', [{ id: next!.id, personId: cur.person.id }], tx, { previousId: id });
    return next!;
  });
}

export async function updateVeelplegerRecord(ctx: Ctx, id: string, input: { until?: string | null; note?: string | null; municipality?: string; version?: number }): Promise<VeelplegerRecord> {
  const c = new FieldChecker(await loadCodeSets(ctx.db, ctx.actor.tenantId));
  if (input.municipality) c.municipality('municipality', input.municipality);
  c.notFuture('until', input.until ?? null);
  c.throwIfAny();
  return transaction(ctx.db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(74201, hashtext(${ctx.actor.tenantId}))`);
    const cur = await loadVeelpleger(ctx, id, tx, true);
    checkVersion(input.version, cur.version, 'De veelplegerregistratie');
    const until = input.until === undefined ? cur.until : input.until;
    if (until && until < cur.from) throw new ValidationError('Ongeldige invoer', [{ field: 'until', message: `Einddatum ligt voor de begindatum (${cur.from})` }]);
    await assertNoOverlap(tx, ctx.actor.tenantId, cur.person.id, cur.from, until, id);
    await tx.execute(sql`update veelpleger_records set closed_at = ${until}, note = ${input.note === undefined ? cur.note : input.note},
      municipality_code = ${input.municipality ?? cur.municipality}, version = version + 1, updated_at = now() where id = ${id}`);
    await log(ctx, 'veelpleger', 'update', [{ id, personId: cur.person.id }], tx);
    return loadVeelpleger(ctx, id, tx);
  });
}

// ------------------------------------------------------------------ LPCO

export interface LpcoRecord {
  id: string; externalId: string | null; person: PersonSummary; concerns: string; municipality: string; registeringPartner: string;
  registeredAt: string; discussedAt: string | null; outcome: string | null; note: string | null; version: number;
}
const lpcoSelect = sql`select x.id, x.external_id as "externalId", ${personCols}, x.concerns, x.municipality_code as municipality,
    x.registering_partner as "registeringPartner", x.registered_at as "registeredAt", x.discussed_at as "discussedAt", x.outcome, x.note, x.version
  from lpco_records x join persons p on p.id = x.person_id`;
export const LPCO_CONCERNS = ['leerling', 'ouders', 'leerling-en-ouders'] as const;

export async function listLpcoRecords(ctx: Ctx, opts: { municipality?: string; year?: number; open?: boolean } = {}): Promise<LpcoRecord[]> {
  requireKind('lpco', ctx.actor);
  const list = await rows<LpcoRecord>(ctx.db, sql`${lpcoSelect}
    where ${recordVisibleTo('lpco', ctx.actor)}
      ${opts.municipality ? sql`and x.municipality_code = ${opts.municipality}` : sql``}
      ${opts.year ? sql`and extract(year from coalesce(x.discussed_at, x.registered_at)) = ${opts.year}` : sql``}
      ${opts.open ? sql`and x.discussed_at is null` : sql``}
    order by x.discussed_at desc nulls first, x.registered_at desc, x.created_at desc
    limit 2000`);
  await log(ctx, 'lpco', 'read', list.map((r) => ({ id: r.id, personId: r.person.id })));
  return list;
}

async function loadLpco(ctx: Ctx, id: string, ex: Executor = ctx.db, lock = false): Promise<LpcoRecord> {
  const r = await one<LpcoRecord>(ex, sql`${lpcoSelect} where x.id = ${id} and ${recordVisibleTo('lpco', ctx.actor)} ${lock ? sql`for update of x` : sql``}`);
  if (!r) throw new NotFoundError(NOT_FOUND.lpco);
  return r;
}
export async function getLpcoRecord(ctx: Ctx, id: string): Promise<LpcoRecord> {
  const r = await loadLpco(ctx, id);
  await log(ctx, 'lpco', 'read', [{ id, personId: r.person.id }]);
  return r;
}

export interface LpcoInput {
  subject: PersonInput; concerns?: string; municipality: string; registeredAt: string; discussedAt?: string | null; outcome?: string | null; note?: string | null;
}
function checkLpcoOutcome(c: FieldChecker, registeredAt: string, discussedAt: string | null | undefined, outcome: string | null | undefined) {
  c.notFuture('discussedAt', discussedAt);
  c.code('outcome', 'lpcoOutcome', outcome);
  dateOrder(c, 'discussedAt', discussedAt, registeredAt, 'Bespreekdatum ligt voor de datum van het proces-verbaal');
  if (discussedAt && !outcome) c.add('outcome', 'Leg de afdoening vast bij de bespreking');
  if (outcome && !discussedAt) c.add('discussedAt', 'Een afdoening hoort bij een bespreekdatum');
}

export async function createLpcoRecord(ctx: Ctx, input: LpcoInput): Promise<{ id: string }> {
  requireKind('lpco', ctx.actor, input.municipality);
  const c = new FieldChecker(await loadCodeSets(ctx.db, ctx.actor.tenantId));
  checkPersonInput(c, input.subject);
  c.municipality('municipality', input.municipality);
  if (input.concerns && !(LPCO_CONCERNS as readonly string[]).includes(input.concerns)) c.add('concerns', 'Kies leerling, ouders of leerling-en-ouders');
  c.notFuture('registeredAt', input.registeredAt);
  checkLpcoOutcome(c, input.registeredAt, input.discussedAt, input.outcome);
  c.throwIfAny();
  return transaction(ctx.db, async (tx) => {
    const person = await findOrCreatePerson(ctx, tx, input.subject, input.municipality);
    const r = await one<{ id: string }>(tx, sql`insert into lpco_records (tenant_id, person_id, concerns, municipality_code, registering_partner, registered_at, discussed_at, outcome, note, created_by)
      values (${ctx.actor.tenantId}, ${person.id}, ${input.concerns ?? 'leerling'}, ${input.municipality}, ${isZvhStaff(ctx.actor) ? 'leerplicht' : ctx.actor.organisationCode},
              ${input.registeredAt}, ${input.discussedAt ?? null}, ${input.outcome ?? null}, ${input.note ?? null}, ${ctx.actor.userId}) returning id`);
    await log(ctx, 'lpco', 'create', [{ id: r!.id, personId: person.id }], tx);
    return r!;
  });
}

export async function updateLpcoRecord(ctx: Ctx, id: string, input: { concerns?: string; discussedAt?: string | null; outcome?: string | null; note?: string | null; version?: number }): Promise<LpcoRecord> {
  const sets = await loadCodeSets(ctx.db, ctx.actor.tenantId);
  return transaction(ctx.db, async (tx) => {
    const cur = await loadLpco(ctx, id, tx, true);
    checkVersion(input.version, cur.version, 'De LPCO-registratie');
    const next = {
      concerns: input.concerns ?? cur.concerns,
      discussedAt: input.discussedAt === undefined ? cur.discussedAt : input.discussedAt,
      outcome: input.outcome === undefined ? cur.outcome : input.outcome,
      note: input.note === undefined ? cur.note : input.note,
    };
    const c = new FieldChecker(sets);
    if (!(LPCO_CONCERNS as readonly string[]).includes(next.concerns)) c.add('concerns', 'Kies leerling, ouders of leerling-en-ouders');
    checkLpcoOutcome(c, cur.registeredAt, next.discussedAt, next.outcome);
    c.throwIfAny();
    await tx.execute(sql`update lpco_records set concerns = ${next.concerns}, discussed_at = ${next.discussedAt}, outcome = ${next.outcome}, note = ${next.note},
      version = version + 1, updated_at = now() where id = ${id}`);
    await log(ctx, 'lpco', 'update', [{ id, personId: cur.person.id }], tx);
    return loadLpco(ctx, id, tx);
  });
}

// ------------------------------------------------------------------ nazorg

export interface NazorgRecord {
  id: string; externalId: string | null; person: PersonSummary; municipality: string; registeringPartner: string;
  registeredAt: string; releasedAt: string | null; closedAt: string | null;
  consent: { given: boolean | null; date: string | null; recordedAt: string | null };
  conditions: Conditions; registrationId: string | null; escalatedAt: string | null; note: string | null; version: number;
}
const nzSelect = sql`select x.id, x.external_id as "externalId", ${personCols}, x.municipality_code as municipality,
    x.registering_partner as "registeringPartner", x.registered_at as "registeredAt", x.released_at as "releasedAt", x.closed_at as "closedAt",
    json_build_object('given', x.consent_given, 'date', x.consent_date, 'recordedAt', x.consent_recorded_at) as consent,
    x.conditions, x.registration_id as "registrationId", x.escalated_at as "escalatedAt", x.note, x.version
  from nazorg_records x join persons p on p.id = x.person_id`;

/** Every basic condition as a key (null: not recorded yet). */
function fullConditions(c: Conditions | null | undefined): Conditions {
  return Object.fromEntries(CONDITIONS.map((k) => [k, { before: c?.[k]?.before ?? null, after: c?.[k]?.after ?? null }]));
}
const normalise = (r: NazorgRecord): NazorgRecord => ({
  ...r, conditions: fullConditions(r.conditions),
  consent: { ...r.consent, recordedAt: r.consent.recordedAt ? new Date(r.consent.recordedAt).toISOString() : null },
  escalatedAt: r.escalatedAt,
});

export async function listNazorgRecords(ctx: Ctx, opts: { municipality?: string; open?: boolean } = {}): Promise<NazorgRecord[]> {
  requireKind('nazorg', ctx.actor);
  const list = await rows<NazorgRecord>(ctx.db, sql`${nzSelect}
    where ${recordVisibleTo('nazorg', ctx.actor)}
      ${opts.municipality ? sql`and x.municipality_code = ${opts.municipality}` : sql``}
      ${opts.open ? sql`and x.closed_at is null` : sql``}
    order by x.closed_at desc nulls first, x.registered_at desc, x.created_at desc
    limit 2000`);
  await log(ctx, 'nazorg', 'read', list.map((r) => ({ id: r.id, personId: r.person.id })));
  return list.map(normalise);
}

async function loadNazorg(ctx: Ctx, id: string, ex: Executor = ctx.db, lock = false): Promise<NazorgRecord> {
  const r = await one<NazorgRecord>(ex, sql`${nzSelect} where x.id = ${id} and ${recordVisibleTo('nazorg', ctx.actor)} ${lock ? sql`for update of x` : sql``}`);
  if (!r) throw new NotFoundError(NOT_FOUND.nazorg);
  return normalise(r);
}
export async function getNazorgRecord(ctx: Ctx, id: string): Promise<NazorgRecord> {
  const r = await loadNazorg(ctx, id);
  await log(ctx, 'nazorg', 'read', [{ id, personId: r.person.id }]);
  return r;
}

async function plustaak(ex: Executor, tenantId: string, municipality: string): Promise<boolean> {
  return !!(await one(ex, sql`select 1 from municipalities where tenant_id = ${tenantId} and code = ${municipality} and nazorg_plustaak`));
}

export interface NazorgInput { subject: PersonInput; municipality: string; registeredAt: string; releasedAt?: string | null; note?: string | null }

export async function createNazorgRecord(ctx: Ctx, input: NazorgInput): Promise<{ id: string }> {
  requireKind('nazorg', ctx.actor, input.municipality);
  const c = new FieldChecker(await loadCodeSets(ctx.db, ctx.actor.tenantId));
  checkPersonInput(c, input.subject);
  c.municipality('municipality', input.municipality);
  if (c.errors.length === 0 && !(await plustaak(ctx.db, ctx.actor.tenantId, input.municipality))) {
    c.add('municipality', 'Nazorg ex-gedetineerden is geen plustaak van deze gemeente');
  }
  c.notFuture('registeredAt', input.registeredAt);
  dateOrder(c, 'releasedAt', input.releasedAt, input.registeredAt, 'Datum van vrijlating ligt voor de datum van het signaal');
  c.throwIfAny();
  return transaction(ctx.db, async (tx) => {
    const person = await findOrCreatePerson(ctx, tx, input.subject, input.municipality);
    const r = await one<{ id: string }>(tx, sql`insert into nazorg_records (tenant_id, person_id, municipality_code, registering_partner, registered_at, released_at, note, created_by)
      values (${ctx.actor.tenantId}, ${person.id}, ${input.municipality}, 'dji', ${input.registeredAt}, ${input.releasedAt ?? null}, ${input.note ?? null}, ${ctx.actor.userId})
      returning id`);
    await log(ctx, 'nazorg', 'create', [{ id: r!.id, personId: person.id }], tx);
    return r!;
  });
}

export interface NazorgUpdate {
  releasedAt?: string | null; closedAt?: string | null; note?: string | null;
  conditions?: Record<string, { before?: ConditionStatus | null; after?: ConditionStatus | null }>; version?: number;
}

export async function updateNazorgRecord(ctx: Ctx, id: string, input: NazorgUpdate): Promise<NazorgRecord> {
  return transaction(ctx.db, async (tx) => {
    const cur = await loadNazorg(ctx, id, tx, true);
    checkVersion(input.version, cur.version, 'De nazorgregistratie');
    const errors: { field: string; message: string }[] = [];
    const releasedAt = input.releasedAt === undefined ? cur.releasedAt : input.releasedAt;
    const closedAt = input.closedAt === undefined ? cur.closedAt : input.closedAt;
    const now = today();
    if (releasedAt && releasedAt < cur.registeredAt) errors.push({ field: 'releasedAt', message: 'Datum van vrijlating ligt voor de datum van het signaal' });
    if (closedAt && closedAt < cur.registeredAt) errors.push({ field: 'closedAt', message: 'Afsluitdatum ligt voor de datum van het signaal' });
    if (closedAt && closedAt > now) errors.push({ field: 'closedAt', message: 'Datum mag niet in de toekomst liggen' });
    const conditions = fullConditions(cur.conditions);
    for (const [k, v] of Object.entries(input.conditions ?? {})) {
      if (!(CONDITIONS as readonly string[]).includes(k)) { errors.push({ field: `conditions.${k}`, message: 'Onbekende basisvoorwaarde' }); continue; }
      for (const when of ['before', 'after'] as const) {
        const s = v[when];
        if (s === undefined) continue;
        if (s !== null && !(CONDITION_STATUSES as readonly string[]).includes(s)) errors.push({ field: `conditions.${k}.${when}`, message: 'Onbekende status' });
        else conditions[k]![when] = s;
      }
    }
    if (errors.length) throw new ValidationError('Ongeldige invoer', errors);
    await tx.execute(sql`update nazorg_records set released_at = ${releasedAt}, closed_at = ${closedAt}, note = ${input.note === undefined ? cur.note : input.note},
      conditions = ${JSON.stringify(conditions)}::jsonb, version = version + 1, updated_at = now() where id = ${id}`);
    await log(ctx, 'nazorg', 'update', [{ id, personId: cur.person.id }], tx);
    return loadNazorg(ctx, id, tx);
  });
}

/** The coordinator records whether the person consents (and when); without it no partner is asked for information. */
export async function recordNazorgConsent(ctx: Ctx, id: string, input: { given: boolean; date: string; version?: number }): Promise<NazorgRecord> {
  return transaction(ctx.db, async (tx) => {
    const cur = await loadNazorg(ctx, id, tx, true);
    checkVersion(input.version, cur.version, 'De nazorgregistratie');
    if (input.date > today()) throw new ValidationError('Ongeldige invoer', [{ field: 'date', message: 'Datum mag niet in de toekomst liggen' }]);
    if (input.date < cur.registeredAt) throw new ValidationError('Ongeldige invoer', [{ field: 'date', message: 'Datum ligt voor de datum van het signaal' }]);
    await tx.execute(sql`update nazorg_records set consent_given = ${input.given}, consent_date = ${input.date}, consent_recorded_by = ${ctx.actor.userId},
      consent_recorded_at = now(), version = version + 1, updated_at = now() where id = ${id}`);
    await log(ctx, 'nazorg', 'update', [{ id, personId: cur.person.id }], tx, { change: 'consent', given: input.given });
    return loadNazorg(ctx, id, tx);
  });
}

/** Refuses (409) when the person has not consented: no information may be requested from partners. */
export function requireNazorgConsent(r: Pick<NazorgRecord, 'consent'>): void {
  if (r.consent.given !== true) {
    throw new ConflictError('no_consent', 'Zonder toestemming van de betrokkene wordt geen informatie bij partners opgevraagd');
  }
}

/**
 * Escalation to an aanmelding for procesregie in one step: the existing aanmelding service makes
 * the registration (same person, same municipality) and the record links to it, in one
 * transaction; the record and its history stay as they are.
 */
export async function escalateNazorgRecord(ctx: Ctx, id: string, input: { reason: string; mainTopic: string; problemAreas?: string[]; registeringPartner?: string }): Promise<{ registrationId: string }> {
  // escalating makes a registration: the permission to register, not a list of roles
  if (!can(ctx.actor.roles, 'registration.create')) {
    throw new ForbiddenError('Alleen wie mag aanmelden (procesregisseur, informatiemakelaar of professional) kan een aanmelding doen');
  }
  return transaction(ctx.db, async (tx) => {
    const cur = await loadNazorg(ctx, id, tx, true);
    if (cur.registrationId) throw new ConflictError('already_escalated', 'Deze nazorgregistratie is al aangemeld voor procesregie', { registrationId: cur.registrationId });
    if (cur.closedAt) throw new ConflictError('record_closed', 'Deze nazorgregistratie is afgesloten');
    const p = await one<{ first_name: string; last_name: string; birth_date: string | null; gender: string; bsn: string | null }>(tx,
      sql`select first_name, last_name, birth_date, gender, bsn from persons where id = ${cur.person.id}`);
    const reg = await createRegistration({ ...ctx, db: tx }, {
      kind: 'procesregie',
      municipality: cur.municipality,
      registeringPartner: input.registeringPartner ?? (isZvhStaff(ctx.actor) ? cur.registeringPartner : ctx.actor.organisationCode),
      subject: { firstName: p!.first_name, lastName: p!.last_name, birthDate: p!.birth_date, gender: p!.gender, bsn: p!.bsn },
      mainTopic: input.mainTopic,
      problemAreas: input.problemAreas ?? [],
      reason: `${input.reason}\n\n(Aangemeld vanuit nazorg ex-gedetineerden: signaal DJI van ${cur.registeredAt}${cur.releasedAt ? `, vrijgelaten op ${cur.releasedAt}` : ''}.)`,
    });
    await tx.execute(sql`update nazorg_records set registration_id = ${reg.id}, escalated_at = now(), escalated_by = ${ctx.actor.userId},
      version = version + 1, updated_at = now() where id = ${id}`);
    await log(ctx, 'nazorg', 'update', [{ id, personId: cur.person.id }], tx, { change: 'escalated', registrationId: reg.id });
    return { registrationId: reg.id };
  });
}

// ------------------------------------------------------------------ delete (a record made by mistake)

export async function deleteRecord(ctx: Ctx, kind: FacilitatedKind, id: string): Promise<void> {
  await transaction(ctx.db, async (tx) => {
    const r = await one<{ id: string; personId: string; registrationId?: string | null }>(tx, sql`select x.id, x.person_id as "personId"
      ${kind === 'nazorg' ? sql`, x.registration_id as "registrationId"` : sql``}
      from ${TABLE[kind]} x where x.id = ${id} and ${recordVisibleTo(kind, ctx.actor)} for update`);
    if (!r) throw new NotFoundError(NOT_FOUND[kind]);
    if (r.registrationId) throw new ConflictError('escalated', 'Deze registratie is aangemeld voor procesregie en blijft bewaard');
    if (kind === 'veelpleger') {
      const next = await one(tx, sql`select 1 from veelpleger_records where previous_id = ${id}`);
      if (next) throw new ConflictError('has_successor', 'Op deze registratie volgt een statuswijziging; verwijder eerst die');
    }
    await tx.execute(sql`delete from ${TABLE[kind]} where id = ${id}`);
    await log(ctx, kind, 'delete', [{ id, personId: r.personId }], tx);
  });
}

// ------------------------------------------------------------------ agendas (for the casusoverleg module)

export interface AgendaRecord { kind: FacilitatedKind; id: string; personId: string; name: string; municipality: string; region: string; summary: string }

/**
 * What a facilitated meeting may discuss, for its agenda: veelplegers with a status today (per
 * region), LPCO records not discussed yet, open nazorg records WITH consent (without consent no
 * information is requested from partners). Only what the actor may see; every item is logged.
 */
export async function recordsForAgenda(ctx: Ctx, kind: FacilitatedKind, region?: string): Promise<AgendaRecord[]> {
  const now = today();
  const regionCond = region ? sql`and m.region = ${region}` : sql``;
  const q = kind === 'veelpleger'
    ? sql`select 'veelpleger' as kind, x.id, x.person_id as "personId", p.first_name || ' ' || p.last_name as name, x.municipality_code as municipality, m.region,
          x.status as summary
        from veelpleger_records x join persons p on p.id = x.person_id join municipalities m on m.tenant_id = x.tenant_id and m.code = x.municipality_code
        where ${recordVisibleTo(kind, ctx.actor)} and x.registered_at <= ${now} and (x.closed_at is null or x.closed_at >= ${now}) ${regionCond}
        order by m.region, p.last_name, p.first_name`
    : kind === 'lpco'
      ? sql`select 'lpco' as kind, x.id, x.person_id as "personId", p.first_name || ' ' || p.last_name as name, x.municipality_code as municipality, m.region,
            'proces-verbaal ' || to_char(x.registered_at, 'YYYY-MM-DD') as summary
          from lpco_records x join persons p on p.id = x.person_id join municipalities m on m.tenant_id = x.tenant_id and m.code = x.municipality_code
          where ${recordVisibleTo(kind, ctx.actor)} and x.discussed_at is null ${regionCond}
          order by x.registered_at, p.last_name`
      : sql`select 'nazorg' as kind, x.id, x.person_id as "personId", p.first_name || ' ' || p.last_name as name, x.municipality_code as municipality, m.region,
            coalesce('vrijgelaten ' || to_char(x.released_at, 'YYYY-MM-DD'), 'signaal ' || to_char(x.registered_at, 'YYYY-MM-DD')) as summary
          from nazorg_records x join persons p on p.id = x.person_id join municipalities m on m.tenant_id = x.tenant_id and m.code = x.municipality_code
          where ${recordVisibleTo(kind, ctx.actor)} and x.closed_at is null and x.consent_given is true ${regionCond}
          order by x.registered_at, p.last_name`;
  const list = await rows<AgendaRecord>(ctx.db, q);
  await log(ctx, kind, 'read', list.map((r) => ({ id: r.id, personId: r.personId })), undefined, { for: 'agenda' });
  return list;
}
