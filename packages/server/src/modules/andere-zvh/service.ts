// SPDX-License-Identifier: EUPL-1.2
// Andere ZVH (issue 10, informatieknooppunt): across the tenants of one installation.
//
// 1. Bekend bij een ander ZVH (like GCOS' "middenvelder" nationally): matched on the keyed
//    pseudonym of the BSN (pseudonym.ts). The answer is only the other ZVH's name and contact,
//    never whether it has a case, its content or dates. Logged in both tenants: the asking tenant
//    logs who asked about whom, the answering tenant that tenant X asked about its person (the
//    asking user is not named there).
// 2. Overdracht naar een ander ZVH when the person moves: the regisseur offers a case to another
//    tenant (or exports it as a JSON file for a ZVH outside the installation); the receiving
//    regisseur sees only person, purpose and reason of the transfer, and accepts or refuses with a
//    reason. On acceptance the case, its plan, agreements and history are copied within the purpose
//    into the receiving tenant (new ids, the link kept in zvh_transfers) and the sending case is
//    closed with reason code `overgedragen`. Choices:
//    - Agreements arrive with the receiving ZVH itself as holder (partner `zvh`): the partners of
//      another region are other organisations even under the same code. The original partner and
//      responsible person stay in the agreement's note; the receiving regisseur reassigns them.
//      Participants are not copied for the same reason.
//    - Journal entries (the current version of each, withdrawn ones left out) arrive visible to
//      the receiving ZVH only ('zvh'); the timeline arrives as one `transfer_received` event that
//      carries the sending case's events (type, date, actor). Documents stay with the sender.
//    - The sending case keeps its content as a closed case; how long is the retention rule of a
//      later issue (bewaartermijnen), which then applies to it like to any closed case.
//    Both parts are off by default: a beheerder switches each on for the tenant with the legal
//    ground recorded; only tenants that switched it on are asked, answer, offer or receive.
import { isCaseOpen } from '@zvh/shared';
import type { Status } from '@zvh/shared';
import type { Ctx } from '../../core/context.js';
import { asSystemOf, systemDb } from '../../core/context.js';
import type { Db, Executor } from '../../core/db/index.js';
import { one, rows, schema, sql, transaction } from '../../core/db/index.js';
import { loadVisibleCase, refuse, requirePermission, requireZvh } from '../../core/access.js';
import { ConflictError, NotFoundError, ValidationError, fieldError } from '../../core/errors.js';
import { logProcessing, logSecurity } from '../../core/processing-log.js';
import { recordEvent } from '../../core/case-events.js';
import { today } from '../../core/reference-check.js';
import { transition } from '../../core/workflow.js';
import { bsnPseudonym, syncPseudonyms } from './pseudonym.js';

export const CHECK_ACTIVITY = 'bekend-bij-ander-zvh';
export const CHECK_PURPOSE = 'Informatieknooppunt: nagaan of de persoon bekend is bij een ander Zorg- en Veiligheidshuis';
export const TRANSFER_ACTIVITY = 'overdracht-ander-zvh';

// ---------------------------------------------------------------------------------------------
// the tenant setting

export interface OtherZvhSettings {
  /** Answer and ask "bekend bij een ander ZVH". */
  check: boolean;
  /** Offer and receive case transfers. */
  transfer: boolean;
  /** The legal ground, e.g. "WGS art. ..."; required while either is on. */
  legalGround: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  changedAt: string | null;
}

const OFF: OtherZvhSettings = { check: false, transfer: false, legalGround: null, contactEmail: null, contactPhone: null, changedAt: null };

function parseSettings(raw: unknown): OtherZvhSettings {
  const s = (raw ?? {}) as Partial<OtherZvhSettings>;
  return {
    check: s.check === true, transfer: s.transfer === true, legalGround: s.legalGround ?? null,
    contactEmail: s.contactEmail ?? null, contactPhone: s.contactPhone ?? null, changedAt: s.changedAt ?? null,
  };
}

/** The setting as SQL on a `tenants` row aliased `t`: is this part switched on? */
const switchedOn = (part: 'check' | 'transfer') => sql`coalesce((t.settings->'andereZvh'->>${part})::boolean, false)`;

async function settingsOf(ex: Executor, tenantId: string): Promise<OtherZvhSettings> {
  const r = await one<{ s: unknown }>(ex, sql`select settings->'andereZvh' as s from tenants where id = ${tenantId}`);
  return r ? parseSettings(r.s) : OFF;
}

export async function getOtherZvhSettings(ctx: Ctx): Promise<OtherZvhSettings> {
  requirePermission(ctx.actor, 'admin.manage');
  return settingsOf(ctx.db, ctx.actor.tenantId);
}

export async function putOtherZvhSettings(ctx: Ctx, input: Omit<OtherZvhSettings, 'changedAt'>): Promise<OtherZvhSettings> {
  requirePermission(ctx.actor, 'admin.manage');
  const clean = {
    check: input.check, transfer: input.transfer, legalGround: input.legalGround?.trim() || null,
    contactEmail: input.contactEmail?.trim() || null, contactPhone: input.contactPhone?.trim() || null, changedAt: new Date().toISOString(),
  };
  const errors: { field: string; message: string }[] = [];
  if ((clean.check || clean.transfer) && !clean.legalGround) errors.push({ field: 'legalGround', message: 'Leg de wettelijke grondslag vast (bijvoorbeeld het artikel van de WGS) voordat u dit aanzet' });
  if ((clean.check || clean.transfer) && !clean.contactEmail && !clean.contactPhone) errors.push({ field: 'contactEmail', message: 'Geef een e-mailadres of telefoonnummer waarop een ander ZVH u kan bereiken' });
  if (clean.contactEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(clean.contactEmail)) errors.push({ field: 'contactEmail', message: 'Geen geldig e-mailadres' });
  if (errors.length) throw new ValidationError('De instelling is niet opgeslagen', errors);
  await transaction(ctx.db, async (tx) => {
    await tx.execute(sql`update tenants set settings = jsonb_set(coalesce(settings, '{}'::jsonb), '{andereZvh}', ${JSON.stringify(clean)}::jsonb, true)
      where id = ${ctx.actor.tenantId}`);
    // a setting, no personal data: the security log keeps who changed it and to what
    await logSecurity(tx, { event: 'other_zvh_settings_changed', outcome: 'success', userId: ctx.actor.userId, email: ctx.actor.email, tenantId: ctx.actor.tenantId, details: { andereZvh: clean } });
  });
  return clean;
}

/** What the signed-in user's ZVH has switched on (to offer the buttons); no personal data. */
export async function otherZvhStatus(ctx: Ctx): Promise<{ check: boolean; transfer: boolean }> {
  const s = await settingsOf(ctx.db, ctx.actor.tenantId);
  return { check: s.check, transfer: s.transfer };
}

function requireSwitchedOn(s: OtherZvhSettings, part: 'check' | 'transfer'): void {
  if (!s[part]) {
    throw new ConflictError('not_enabled', part === 'check'
      ? 'Uw Zorg- en Veiligheidshuis heeft "bekend bij een ander ZVH" niet aangezet (beheer)'
      : 'Uw Zorg- en Veiligheidshuis heeft overdracht naar een ander ZVH niet aangezet (beheer)');
  }
}

// ---------------------------------------------------------------------------------------------
// bekend bij een ander ZVH

export interface OtherZvhMatch { name: string; contactEmail: string | null; contactPhone: string | null }

/** Writes an entry into another tenant's processing log: its person was asked about by tenant X (no user named). */
async function logInOtherTenant(ctx: Ctx, ex: Executor, e: {
  tenantId: string; activity: string; purpose: string; action: 'read' | 'create' | 'update' | 'export'; dataSubjectId?: string | null; caseId?: string | null; details: Record<string, unknown>;
}): Promise<void> {
  await ex.insert(schema.processingLog).values({
    traceId: ctx.traceId, tenantId: e.tenantId, activity: e.activity, purpose: e.purpose, action: e.action,
    actorUserId: null, actorEmail: `zvh:${ctx.actor.tenantCode}`, actorOrganisation: `zvh:${ctx.actor.tenantCode}`,
    dataSubjectRef: e.dataSubjectId ?? null, caseId: e.caseId ?? null, registrationId: null, outcome: 'success', details: e.details,
    // the asking ZVH is responsible for asking (the other tenant's log shows who)
    responsiblePartner: `zvh:${ctx.actor.tenantCode}`,
  });
}

export async function checkOtherZvh(ctx: Ctx, secret: string, personId: string): Promise<{ checkedAt: string; matches: OtherZvhMatch[] }> {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'person.checkOtherZvh', 'Alleen een informatiemakelaar of procesregisseur kan dit nagaan');
  const person = await one<{ id: string; bsn: string | null; merged_into: string | null }>(ctx.db, sql`
    select id, bsn, merged_into from persons where id = ${personId} and tenant_id = ${ctx.actor.tenantId}`);
  if (!person) return refuse(ctx, { object: 'person', id: personId, message: 'Persoon niet gevonden' });
  requireSwitchedOn(await settingsOf(ctx.db, ctx.actor.tenantId), 'check');
  if (person.merged_into) throw new ConflictError('already_merged', 'Deze persoon is samengevoegd; kijk bij de persoon waarin hij is opgegaan');
  if (!person.bsn) throw fieldError('bsn', 'Zonder BSN kan niet worden nagegaan of de persoon bij een ander ZVH bekend is');
  const pseudonym = bsnPseudonym(secret, person.bsn);
  // only tenants that switched the check on answer; each is asked with its own settings (row-level security: one tenant at a time)
  const answering = await rows<{ tenantId: string; tenantCode: string; settings: unknown; name: string }>(ctx.db, sql`
    select t.id as "tenantId", t.code as "tenantCode", t.name, t.settings->'andereZvh' as settings
      from tenants t where t.id <> ${ctx.actor.tenantId} and ${switchedOn('check')} order by t.id`);
  await syncPseudonyms(ctx.db, secret);
  for (const t of answering) await syncPseudonyms(systemDb(ctx.db, t.tenantId), secret);
  return transaction(ctx.db, async (tx) => {
    // per tenant one (the oldest) matching person, for its log
    const found: { tenantId: string; tenantCode: string; personId: string; settings: unknown; name: string }[] = [];
    for (const t of answering) {
      await asSystemOf(ctx, tx, t.tenantId, async () => {
        const p = await one<{ personId: string }>(tx, sql`select p.id as "personId" from persons p
          where p.tenant_id = ${t.tenantId} and p.bsn_pseudonym = ${pseudonym} and p.merged_into is null order by p.created_at limit 1`);
        if (!p) return;
        found.push({ ...t, personId: p.personId });
        await logInOtherTenant(ctx, tx, {
          tenantId: t.tenantId, activity: CHECK_ACTIVITY, purpose: CHECK_PURPOSE, action: 'read', dataSubjectId: p.personId,
          details: { askedBy: ctx.actor.tenantCode, disclosed: 'naam en contactgegevens van dit ZVH' },
        });
      });
    }
    await logProcessing(ctx, {
      action: 'read', activity: CHECK_ACTIVITY, purpose: CHECK_PURPOSE, dataSubjectId: personId,
      details: { answeredBy: found.map((f) => f.tenantCode).sort(), matches: found.length },
    }, tx);
    const matches = found.map((f) => {
      const s = parseSettings(f.settings);
      return { name: f.name, contactEmail: s.contactEmail, contactPhone: s.contactPhone };
    }).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
    return { checkedAt: new Date().toISOString(), matches };
  });
}

// ---------------------------------------------------------------------------------------------
// overdracht

export interface TransferTarget { code: string; name: string }

/** The other tenants of the installation that receive transfers. */
export async function listTransferTargets(ctx: Ctx): Promise<TransferTarget[]> {
  requireZvh(ctx.actor);
  requirePermission(ctx.actor, 'case.transfer');
  requireSwitchedOn(await settingsOf(ctx.db, ctx.actor.tenantId), 'transfer');
  return rows<TransferTarget>(ctx.db, sql`select t.code, t.name from tenants t where t.id <> ${ctx.actor.tenantId} and ${switchedOn('transfer')} order by t.name`);
}

function requireTransferRole(ctx: Ctx): void {
  requireZvh(ctx.actor, 'Alleen een procesregisseur kan een casus overdragen of een overdracht aannemen');
  requirePermission(ctx.actor, 'case.transfer', 'Alleen een procesregisseur kan een casus overdragen of een overdracht aannemen');
}

export interface OutgoingTransfer {
  id: string; toName: string; reason: string; status: string; offeredAt: string; decidedAt: string | null; decisionReason: string | null;
}

export async function offerTransfer(ctx: Ctx, caseId: string, input: { toTenant: string; reason: string }): Promise<OutgoingTransfer> {
  await loadVisibleCase(ctx, caseId);
  requireTransferRole(ctx);
  requireSwitchedOn(await settingsOf(ctx.db, ctx.actor.tenantId), 'transfer');
  const target = await one<{ id: string; name: string }>(ctx.db, sql`select t.id, t.name from tenants t
    where t.code = ${input.toTenant} and t.id <> ${ctx.actor.tenantId} and ${switchedOn('transfer')}`);
  if (!target) throw fieldError('toTenant', 'Dit Zorg- en Veiligheidshuis ontvangt geen overdrachten via dit systeem; exporteer de casus dan als bestand');
  return transaction(ctx.db, async (tx) => {
    const ref = await loadVisibleCase(ctx, caseId, { write: true, lock: true, ex: tx });
    const pending = await one(tx, sql`select 1 from zvh_transfers where from_case_id = ${caseId} and status = 'aangeboden'`);
    if (pending) throw new ConflictError('transfer_pending', 'Deze casus is al aangeboden aan een ander ZVH; wacht op het antwoord');
    const created = await one<OutgoingTransfer>(tx, sql`insert into zvh_transfers (from_tenant_id, from_case_id, to_tenant_id, reason, offered_by)
      values (${ctx.actor.tenantId}, ${caseId}, ${target.id}, ${input.reason.trim()}, ${ctx.actor.userId})
      returning id, ${target.name}::text as "toName", reason, status, offered_at as "offeredAt", decided_at as "decidedAt", decision_reason as "decisionReason"`);
    await recordEvent(ctx, tx, { caseId, type: 'transfer_offered', data: { transferId: created!.id, to: target.name, reason: input.reason.trim() } });
    // the offer shows the receiver the person's name and birth date, the purpose and the reason
    await logProcessing(ctx, {
      action: 'export', activity: TRANSFER_ACTIVITY, purpose: ref.purpose, caseId, registrationId: ref.registrationId, dataSubjectId: ref.personId,
      details: { object: 'transfer', id: created!.id, to: input.toTenant, disclosed: ['naam', 'geboortedatum', 'doel', 'reden van overdracht'] },
    }, tx);
    return created!;
  });
}

/** The sender's view of a case's transfers: to whom, status and the receiver's reason. */
export async function listCaseTransfers(ctx: Ctx, caseId: string): Promise<OutgoingTransfer[]> {
  const ref = await loadVisibleCase(ctx, caseId);
  requireTransferRole(ctx);
  const list = await rows<OutgoingTransfer>(ctx.db, sql`select z.id, t.name as "toName", z.reason, z.status, z.offered_at as "offeredAt",
      z.decided_at as "decidedAt", z.decision_reason as "decisionReason"
    from zvh_transfers z join tenants t on t.id = z.to_tenant_id
    where z.from_case_id = ${caseId} and z.from_tenant_id = ${ctx.actor.tenantId} order by z.offered_at desc`);
  if (list.length) {
    await logProcessing(ctx, { action: 'read', activity: TRANSFER_ACTIVITY, purpose: ref.purpose, caseId, registrationId: ref.registrationId, dataSubjectId: ref.personId, details: { view: 'transfers' } });
  }
  return list;
}

export interface IncomingTransfer {
  id: string; fromName: string; firstName: string; lastName: string; birthDate: string | null; purpose: string; reason: string;
  status: string; offeredAt: string; decidedAt: string | null; decisionReason: string | null; receivedCaseId: string | null;
}

const incomingSelect = sql`select z.id, z.from_tenant_id as "fromTenantId", z.from_case_id as "fromCaseId", ft.name as "fromName",
    z.reason, z.status, z.offered_at as "offeredAt", z.decided_at as "decidedAt", z.decision_reason as "decisionReason",
    z.received_case_id as "receivedCaseId"
  from zvh_transfers z join tenants ft on ft.id = z.from_tenant_id`;

/** The offered case's person and purpose, read in the sending tenant (its own settings: row-level security). */
async function withOfferedCase(ctx: Ctx, tx: Executor, list: (Omit<IncomingTransfer, 'firstName' | 'lastName' | 'birthDate' | 'purpose'> & { fromTenantId: string; fromCaseId: string })[]): Promise<IncomingTransfer[]> {
  const out: IncomingTransfer[] = [];
  for (const t of list) {
    const c = await asSystemOf(ctx, tx, t.fromTenantId, () => one<{ firstName: string; lastName: string; birthDate: string | null; purpose: string }>(tx, sql`
      select p.first_name as "firstName", p.last_name as "lastName", p.birth_date as "birthDate", c.purpose
        from cases c join persons p on p.id = c.person_id where c.id = ${t.fromCaseId}`));
    if (!c) continue;
    const { fromTenantId: _t, fromCaseId: _c, ...rest } = t;
    out.push({ ...rest, ...c });
  }
  return out;
}

/** Offers to the receiving regisseur's tenant: open ones, and those decided in the last 30 days. Only person, purpose and reason. */
export async function listIncomingTransfers(ctx: Ctx): Promise<IncomingTransfer[]> {
  requireTransferRole(ctx);
  if (!(await settingsOf(ctx.db, ctx.actor.tenantId)).transfer) return [];
  const list = await transaction(ctx.db, async (tx) => withOfferedCase(ctx, tx, await rows(tx, sql`${incomingSelect}
    where z.to_tenant_id = ${ctx.actor.tenantId} and (z.status = 'aangeboden' or z.decided_at >= now() - interval '30 days')
    order by (z.status = 'aangeboden') desc, z.offered_at desc`)));
  await logProcessing(ctx, list.map((t) => ({
    action: 'read' as const, activity: TRANSFER_ACTIVITY, purpose: t.purpose, caseId: t.receivedCaseId, details: { object: 'transfer', id: t.id, view: 'incoming' },
  })));
  return list;
}

export interface DecisionInput { accept: boolean; reason: string; municipality?: string }

async function loadIncomingForDecision(ctx: Ctx, tx: Executor, transferId: string) {
  const z = await one<{ id: string; from_tenant_id: string; from_case_id: string; status: string; reason: string; from_name: string; from_code: string }>(tx, sql`
    select z.id, z.from_tenant_id, z.from_case_id, z.status, z.reason, ft.name as from_name, ft.code as from_code
      from zvh_transfers z join tenants ft on ft.id = z.from_tenant_id
     where z.id = ${transferId} and z.to_tenant_id = ${ctx.actor.tenantId} for update of z`);
  if (!z) throw new NotFoundError('Overdracht niet gevonden');
  if (z.status !== 'aangeboden') throw new ConflictError('already_decided', 'Over deze overdracht is al beslist');
  return z;
}

/** An event on the sending case, in the sending tenant, by the receiving ZVH (its name, not its user). */
async function senderEvent(ctx: Ctx, tx: Executor, tenantId: string, caseId: string, type: 'transfer_refused' | 'transfer_accepted' | 'closed', data: Record<string, unknown>) {
  const me = await one<{ name: string }>(tx, sql`select name from tenants where id = ${ctx.actor.tenantId}`);
  await tx.insert(schema.caseEvents).values({
    tenantId, caseId, registrationId: null, actorId: null, actorName: me!.name, actorOrganisation: `zvh:${ctx.actor.tenantCode}`, type, data,
  });
  await tx.execute(sql`update cases set last_activity_at = now() where id = ${caseId}`);
}

export async function decideTransfer(ctx: Ctx, transferId: string, input: DecisionInput): Promise<{ id: string; status: string; receivedCaseId: string | null }> {
  requireTransferRole(ctx);
  requireSwitchedOn(await settingsOf(ctx.db, ctx.actor.tenantId), 'transfer');
  const reason = input.reason.trim();
  if (!reason) throw fieldError('reason', 'Geef een reden');
  if (input.accept) {
    if (!input.municipality) throw fieldError('municipality', 'Kies de gemeente waar de persoon nu woont');
    const m = await one(ctx.db, sql`select 1 from municipalities where tenant_id = ${ctx.actor.tenantId} and code = ${input.municipality} and active`);
    if (!m) throw fieldError('municipality', 'Onbekende gemeente van dit Zorg- en Veiligheidshuis');
  }
  return transaction(ctx.db, async (tx) => {
    const z = await loadIncomingForDecision(ctx, tx, transferId);
    // the sending tenant's rows are read and written with its own settings (asSystemOf), ours with ours
    const sender = <T>(fn: () => Promise<T>) => asSystemOf(ctx, tx, z.from_tenant_id, fn);
    const sending = await sender(() => one<{ id: string; status: Status; purpose: string; person_id: string; registration_id: string }>(tx, sql`
      select id, status, purpose, person_id, registration_id from cases where id = ${z.from_case_id} for update`));
    if (!input.accept) {
      await tx.execute(sql`update zvh_transfers set status = 'geweigerd', decided_at = now(), decision_reason = ${reason} where id = ${transferId}`);
      await sender(() => senderEvent(ctx, tx, z.from_tenant_id, z.from_case_id, 'transfer_refused', { transferId, reason }));
      await logProcessing(ctx, { action: 'update', activity: TRANSFER_ACTIVITY, purpose: sending!.purpose, details: { object: 'transfer', id: transferId, decision: 'geweigerd', from: z.from_code } }, tx);
      await sender(() => logInOtherTenant(ctx, tx, {
        tenantId: z.from_tenant_id, activity: TRANSFER_ACTIVITY, purpose: sending!.purpose, action: 'update', caseId: z.from_case_id, dataSubjectId: sending!.person_id,
        details: { object: 'transfer', id: transferId, decision: 'geweigerd' },
      }));
      return { id: transferId, status: 'geweigerd', receivedCaseId: null };
    }
    if (!sending || !isCaseOpen(sending.status)) throw new ConflictError('case_closed', 'De aangeboden casus is intussen afgesloten bij het verzendende ZVH');
    const receivedCaseId = await copyCase(ctx, tx, { fromTenantId: z.from_tenant_id, fromName: z.from_name, caseId: z.from_case_id, transferReason: z.reason, municipality: input.municipality! });
    await tx.execute(sql`update zvh_transfers set status = 'geaccepteerd', decided_at = now(), decision_reason = ${reason}, received_case_id = ${receivedCaseId}
      where id = ${transferId}`);
    const myName = (await one<{ name: string }>(tx, sql`select name from tenants where id = ${ctx.actor.tenantId}`))!.name;
    await sender(async () => {
      await closeSendingCase(ctx, tx, { tenantId: z.from_tenant_id, caseId: z.from_case_id, status: sending.status, registrationId: sending.registration_id, transferId, reason, receiverName: myName });
      await logInOtherTenant(ctx, tx, {
        tenantId: z.from_tenant_id, activity: TRANSFER_ACTIVITY, purpose: sending.purpose, action: 'export', caseId: z.from_case_id, dataSubjectId: sending.person_id,
        details: { object: 'transfer', id: transferId, decision: 'geaccepteerd', disclosed: ['persoon', 'casus', 'plan', 'afspraken', 'journaal', 'tijdlijn'] },
      });
    });
    return { id: transferId, status: 'geaccepteerd', receivedCaseId };
  });
}

/** Copies the sending case into the receiving tenant (the actor's): person, registration, case, plan, agreements, journal and timeline. */
async function copyCase(ctx: Ctx, tx: Executor, from: { fromTenantId: string; fromName: string; caseId: string; transferReason: string; municipality: string }): Promise<string> {
  const me = ctx.actor.tenantId;
  const sender = <T>(fn: () => Promise<T>) => asSystemOf(ctx, tx, from.fromTenantId, fn);
  const src = await sender(() => one<{
    person_id: string; first_name: string; last_name: string; birth_date: string | null; gender: string; bsn: string | null; bsn_pseudonym: string | null;
    kind: string; approach: string | null; purpose: string; plan: unknown; ave_phase: number | null; started_at: string | null; case_number: string | null;
    main_topic: string | null; problem_areas: string[]; urgency: string; registration_id: string;
  }>(tx, sql`select p.id as person_id, p.first_name, p.last_name, p.birth_date, p.gender, p.bsn, p.bsn_pseudonym,
      c.kind, c.approach, c.purpose, c.plan, c.ave_phase, c.started_at, c.case_number, r.main_topic, r.problem_areas, r.urgency, r.id as registration_id
    from cases c join persons p on p.id = c.person_id join registrations r on r.id = c.registration_id where c.id = ${from.caseId}`));
  if (!src) throw new NotFoundError('Casus niet gevonden');
  const [srcAgreements, srcJournal, history] = await sender(async () => [
    await rows<Record<string, unknown>>(tx, sql`select a.title, a.description, a.due_date as "dueDate", a.status,
        concat_ws(E'\n', a.note, 'Overgenomen van ' || ${from.fromName} || '; oorspronkelijk bij ' || coalesce(o.name, a.partner_code)
          || coalesce(' (' || a.responsible_person || ')', '')) as note
      from agreements a left join organisations o on o.tenant_id = a.tenant_id and o.code = a.partner_code
     where a.case_id = ${from.caseId} order by a.created_at`),
    await rows<Record<string, unknown>>(tx, sql`select j.at, j.entry_date as "entryDate", j.author_name as "authorName", j.author_organisation as "authorOrganisation", j.text
      from journal_entries j where j.case_id = ${from.caseId} and j.withdrawn_at is null and j.corrected_at is null order by j.at`),
    await rows<Record<string, unknown>>(tx, sql`select at, type, actor_name as "actorName", actor_organisation as "actorOrganisation"
      from case_events where case_id = ${from.caseId} order by at, id`),
  ] as const);
  // one person, one record: the same BSN in the receiving tenant is that person
  let personId = src.bsn ? (await one<{ id: string }>(tx, sql`select id from persons where tenant_id = ${me} and bsn = ${src.bsn} and merged_into is null`))?.id : undefined;
  if (!personId) {
    personId = (await one<{ id: string }>(tx, sql`insert into persons (tenant_id, first_name, last_name, birth_date, gender, bsn, bsn_pseudonym, municipality_code)
      values (${me}, ${src.first_name}, ${src.last_name}, ${src.birth_date}, ${src.gender}, ${src.bsn}, ${src.bsn_pseudonym}, ${from.municipality}) returning id`))!.id;
  }
  const action = src.kind === 'advies' ? 'advies' : 'procesregie';
  const status = transition('aangemeld', action);
  const known = (list: string) => sql`(select e.code from code_list_entries e where e.tenant_id = ${me} and e.list = ${list})`;
  const reg = await one<{ id: string }>(tx, sql`insert into registrations (tenant_id, kind, status, municipality_code, registering_partner, registered_by, registered_at,
      person_id, main_topic, problem_areas, urgency, reason)
    values (${me}, ${src.kind}, ${status}, ${from.municipality}, 'zvh', ${ctx.actor.userId}, ${today()}, ${personId},
      case when ${src.main_topic}::text in ${known('mainTopic')} then ${src.main_topic}::text end,
      array(select x from unnest(${`{${src.problem_areas.join(',')}}`}::text[]) x where x in ${known('problemArea')}),
      ${src.urgency}, ${`Overdracht van ${from.fromName}: ${from.transferReason}`})
    returning id`);
  const created = await one<{ id: string }>(tx, sql`insert into cases (tenant_id, registration_id, person_id, kind, approach, status, purpose, started_at, regisseur_id, ave_phase, plan)
    values (${me}, ${reg!.id}, ${personId}, ${src.kind}, ${src.approach}, ${status}, ${src.purpose}, ${src.kind === 'procesregie' ? today() : null},
      ${ctx.actor.userId}, ${src.ave_phase}, ${JSON.stringify(src.plan ?? {})}::jsonb)
    returning id`);
  const caseId = created!.id;
  await tx.execute(sql`update registrations set case_id = ${caseId} where id = ${reg!.id}`);
  // agreements: held by the receiving ZVH; where the original partner and responsible person came from stays in the note
  await tx.execute(sql`insert into agreements (tenant_id, case_id, partner_code, title, description, responsible_person, due_date, status, note, created_by)
    select ${me}, ${caseId}, 'zvh', a.v->>'title', a.v->>'description', null, (a.v->>'dueDate')::date, a.v->>'status', a.v->>'note', ${ctx.actor.userId}
      from json_array_elements(${JSON.stringify(srcAgreements)}::json) with ordinality as a(v, n) order by a.n`);
  await tx.execute(sql`insert into journal_entries (tenant_id, case_id, at, entry_date, author_id, author_name, author_organisation, text, visibility)
    select ${me}, ${caseId}, (j.v->>'at')::timestamptz, (j.v->>'entryDate')::date, null, j.v->>'authorName', j.v->>'authorOrganisation', j.v->>'text', 'zvh'
      from json_array_elements(${JSON.stringify(srcJournal)}::json) with ordinality as j(v, n) order by j.n`);
  await recordEvent(ctx, tx, { caseId, registrationId: reg!.id, type: 'transfer_received', data: {
    from: from.fromName, fromCaseNumber: src.case_number, fromStartedAt: src.started_at, reason: from.transferReason, history,
  } });
  await logProcessing(ctx, {
    action: 'create', activity: TRANSFER_ACTIVITY, purpose: src.purpose, caseId, registrationId: reg!.id, dataSubjectId: personId,
    details: { object: 'case', from: from.fromName, change: 'transfer_received' },
  }, tx);
  return caseId;
}

/** Closes the sending case with reason code `overgedragen`; its open agreements are marked as carried over (they moved). */
async function closeSendingCase(ctx: Ctx, tx: Executor, c: { tenantId: string; caseId: string; status: Status; registrationId: string; transferId: string; reason: string; receiverName: string }) {
  const me = { name: c.receiverName };
  const status = transition(c.status, 'close');
  await tx.execute(sql`update agreements set carried_over = true, version = version + 1, updated_at = now() where case_id = ${c.caseId} and status = 'open'`);
  const evaluation = { goalsMet: null, helped: null, stalled: null, handoverNote: `Overgedragen aan ${me.name}: ${c.reason}` };
  await tx.execute(sql`update cases set status = ${status}, closed_at = ${today()}, close_reason_code = 'overgedragen',
      close_reason = ${`Overgedragen aan ${me.name}`}, handover_partner = null, evaluation = ${JSON.stringify(evaluation)}::jsonb,
      version = version + 1, updated_at = now()
    where id = ${c.caseId}`);
  await tx.execute(sql`update registrations set status = ${status}, updated_at = now() where id = ${c.registrationId}`);
  await senderEvent(ctx, tx, c.tenantId, c.caseId, 'transfer_accepted', { transferId: c.transferId, reason: c.reason });
  await senderEvent(ctx, tx, c.tenantId, c.caseId, 'closed', { reasonCode: 'overgedragen', transferId: c.transferId, carriedOver: [] });
}

/** A JSON file of the case for a ZVH outside the installation: person, case, plan, agreements, journal (current versions) and timeline. */
export async function exportCase(ctx: Ctx, caseId: string): Promise<Record<string, unknown>> {
  const ref = await loadVisibleCase(ctx, caseId);
  requireTransferRole(ctx);
  requireSwitchedOn(await settingsOf(ctx.db, ctx.actor.tenantId), 'transfer');
  return transaction(ctx.db, async (tx) => {
    const c = await one<Record<string, unknown>>(tx, sql`select c.case_number as "caseNumber", c.kind, c.approach, c.status, c.purpose, c.started_at as "startedAt",
        c.ave_phase as "avePhase", c.plan, r.municipality_code as municipality, r.main_topic as "mainTopic", r.problem_areas as "problemAreas"
      from cases c join registrations r on r.id = c.registration_id where c.id = ${caseId}`);
    const person = await one<Record<string, unknown>>(tx, sql`select first_name as "firstName", last_name as "lastName", birth_date as "birthDate", gender, bsn
      from persons where id = ${ref.personId}`);
    const agreements = await rows(tx, sql`select a.title, a.description, a.partner_code as "partner", o.name as "partnerName", a.responsible_person as "responsiblePerson",
        a.due_date as "dueDate", a.status, a.note
      from agreements a left join organisations o on o.tenant_id = a.tenant_id and o.code = a.partner_code where a.case_id = ${caseId} order by a.created_at`);
    const journal = await rows(tx, sql`select entry_date as "entryDate", author_name as "authorName", author_organisation as "authorOrganisation", text
      from journal_entries where case_id = ${caseId} and withdrawn_at is null and corrected_at is null order by at`);
    const timeline = await rows(tx, sql`select at, type, actor_name as "actorName", actor_organisation as "actorOrganisation"
      from case_events where case_id = ${caseId} order by at, id`);
    const from = await one<{ code: string; name: string }>(tx, sql`select code, name from tenants where id = ${ctx.actor.tenantId}`);
    await recordEvent(ctx, tx, { caseId, type: 'transfer_exported', data: {} });
    await logProcessing(ctx, {
      action: 'export', activity: TRANSFER_ACTIVITY, purpose: ref.purpose, caseId, registrationId: ref.registrationId, dataSubjectId: ref.personId,
      details: { object: 'case', format: 'zvh-overdracht+json' },
    }, tx);
    return { format: 'zvh-overdracht', version: 1, exportedAt: new Date().toISOString(), from, person, case: c, agreements, journal, timeline };
  });
}

/** Start-up: pseudonyms for every person without one of this secret (see pseudonym.ts). */
export async function syncAllPseudonyms(db: Db, secret: string): Promise<number> {
  // per tenant, as that tenant's system (row-level security: one tenant per transaction)
  let n = 0;
  for (const t of await rows<{ id: string }>(db, sql`select id from tenants order by code`)) n += await syncPseudonyms(systemDb(db, t.id), secret);
  return n;
}
