// SPDX-License-Identifier: EUPL-1.2
// Need-to-know, decided in one place and applied inside the queries (never by filtering results
// afterwards). ZVH staff of the tenant see every case of the tenant. A partner professional sees
// a case only while their organisation participates and the case is not closed more than 30
// days ago, and a registration only if their organisation made it. A municipal partner
// (organisations.municipal: gemeente-oov, gemeente-sd, ...) is one department per municipality:
// its professional sees only what concerns the municipalities they work for (user_municipalities),
// i.e. a case in which the department of such a municipality takes part (a municipal participant
// named by its code alone is the department of the case's municipality) and the registrations
// their organisation made for such a municipality. Anything else answers exactly like something
// that does not exist, and the refusal is written to the processing log (outcome `denied`).
import type { Permission } from '@zvh/shared';
import { can, isCaseOpen, OPEN_CASE_STATUSES } from '@zvh/shared';
import type { SQL } from 'drizzle-orm';
import type { Status } from '@zvh/shared';
import type { Actor, Ctx } from './context.js';
import { isZvhStaff } from './context.js';
import type { Executor } from './db/index.js';
import { one, sql } from './db/index.js';
import { ConflictError, ForbiddenError, NotFoundError } from './errors.js';
import { logProcessing } from './processing-log.js';
import type { ProcessingAction } from './processing-log.js';

export const PARTNER_ACCESS_AFTER_CLOSE_DAYS = 30;

/** The municipality a case (aliased `c`) is for: that of its registration. */
export const caseMunicipality = sql`(select r0.municipality_code from registrations r0 where r0.id = c.registration_id)`;

/** Whether the actor's organisation is a municipal partner (a property of the organisation in the data). */
const actorOrgIsMunicipal = (actor: Actor): SQL =>
  sql`exists (select 1 from organisations o0 where o0.tenant_id = ${actor.tenantId} and o0.code = ${actor.organisationCode} and o0.municipal)`;

/** The municipalities the actor works for (only meaningful for professionals of a municipal partner). */
const actorMunicipalities = (actor: Actor): SQL =>
  sql`(select um0.municipality_code from user_municipalities um0 where um0.user_id = ${actor.userId} and um0.tenant_id = ${actor.tenantId})`;

/**
 * Condition on an organisation code and a municipality: is that the actor's own department?
 * For a non-municipal organisation the code alone decides; for a municipal one also the municipality.
 */
export function ownDepartment(actor: Actor, partnerCode: SQL, municipality: SQL): SQL {
  return sql`(${partnerCode} = ${actor.organisationCode} and (not ${actorOrgIsMunicipal(actor)} or ${municipality} in ${actorMunicipalities(actor)}))`;
}

/** Condition on a `cases` row aliased `c`: may this actor see it? */
export function caseVisibleTo(actor: Actor): SQL {
  if (isZvhStaff(actor)) return sql`c.tenant_id = ${actor.tenantId}`;
  return sql`c.tenant_id = ${actor.tenantId}
    and exists (select 1 from case_participants cp where cp.case_id = c.id and cp.removed_at is null
                   and ${ownDepartment(actor, sql`cp.partner_code`, sql`coalesce(cp.municipality_code, ${caseMunicipality})`)})
    and (c.closed_at is null or c.closed_at >= current_date - ${PARTNER_ACCESS_AFTER_CLOSE_DAYS}::int)`;
}

/** Condition on a `registrations` row aliased `r`. */
export function registrationVisibleTo(actor: Actor): SQL {
  if (isZvhStaff(actor)) return sql`r.tenant_id = ${actor.tenantId}`;
  return sql`r.tenant_id = ${actor.tenantId} and ${ownDepartment(actor, sql`r.registering_partner`, sql`r.municipality_code`)}`;
}

/**
 * Condition on an `agreements` row aliased `a` of a case aliased `c`: is it the actor's own? An
 * agreement of a municipal partner belongs to its department of the case's municipality.
 */
/** Condition on a `cases` row aliased `c`: the case is open (OPEN_CASE_STATUSES, the one list of @zvh/shared). */
export function caseIsOpen(alias = 'c'): SQL {
  return sql`${sql.raw(alias)}.status in (${sql.join(OPEN_CASE_STATUSES.map((s) => sql`${s}`), sql`, `)})`;
}

export function agreementOwnedBy(actor: Actor): SQL {
  return ownDepartment(actor, sql`a.partner_code`, caseMunicipality);
}

/** For a professional of a municipal partner: the municipalities they work for; null for everyone else. */
export async function departmentMunicipalities(ctx: Ctx, ex: Executor = ctx.db): Promise<string[] | null> {
  if (isZvhStaff(ctx.actor)) return null;
  const r = await one<{ municipal: boolean; codes: string[] | null }>(ex, sql`
    select o.municipal, (select array_agg(um.municipality_code order by um.municipality_code) from user_municipalities um
                          where um.user_id = ${ctx.actor.userId} and um.tenant_id = ${ctx.actor.tenantId}) as codes
      from organisations o where o.tenant_id = ${ctx.actor.tenantId} and o.code = ${ctx.actor.organisationCode}`);
  return r?.municipal ? (r.codes ?? []) : null;
}

/** The processing activity under which refused attempts are logged; no case purpose is named. */
export const ACCESS_ACTIVITY = 'toegangscontrole';
export const REFUSED_PURPOSE = 'Toegangscontrole: geweigerde inzage of wijziging (need-to-know)';

/**
 * A refused read (or write) of personal data: answered as not found, and written to the
 * processing log with outcome `denied` and the attempted id. Inside a transaction the entry is
 * written after the rollback (see `transaction` in core/db), outside one at once.
 */
export class RefusedError extends NotFoundError {
  constructor(message: string, readonly afterRollback: () => Promise<void>) {
    super(message);
  }
}

export async function refuse(ctx: Ctx, what: { object: 'case' | 'registration' | 'agreement' | 'document' | 'person' | 'partnerRequest'; id: string; action?: ProcessingAction; message: string; ex?: Executor }): Promise<never> {
  const write = () => logProcessing(ctx, {
    action: what.action ?? 'read', activity: ACCESS_ACTIVITY, purpose: REFUSED_PURPOSE, outcome: 'denied',
    details: { object: what.object, attemptedId: what.id },
  }, ctx.db);
  if (what.ex && what.ex !== ctx.db) throw new RefusedError(what.message, write);
  await write();
  throw new NotFoundError(what.message);
}

export interface CaseRef {
  id: string;
  tenantId: string;
  personId: string;
  registrationId: string;
  status: Status;
  purpose: string;
  kind: string;
  version: number;
  closedAt: string | null;
}

/**
 * Loads a case the actor may see, or throws NotFound (the same answer as for a case that does
 * not exist). With `write`, partners are also refused on a closed case (read-only for them) and
 * everyone on a case that is not open.
 */
export async function loadVisibleCase(ctx: Ctx, caseId: string, opts: { write?: boolean; lock?: boolean; ex?: Executor } = {}): Promise<CaseRef> {
  const ex = opts.ex ?? ctx.db;
  const row = await one<CaseRef>(ex, sql`
    select c.id, c.tenant_id as "tenantId", c.person_id as "personId", c.registration_id as "registrationId", c.status, c.purpose, c.kind,
           c.version, c.closed_at as "closedAt"
      from cases c
     where c.id = ${caseId} and ${caseVisibleTo(ctx.actor)}
     ${opts.lock ? sql`for update` : sql``}`);
  if (!row) return refuse(ctx, { object: 'case', id: caseId, action: opts.write ? 'update' : 'read', message: 'Casus niet gevonden', ex });
  if (opts.write && !isCaseOpen(row.status)) {
    throw new ConflictError('case_closed', 'De casus is afgesloten en alleen te lezen');
  }
  return row;
}

/** ZVH staff only (the procesregisseur's work); a partner gets 403 on a case they can see, 404 otherwise. */
export function requireZvh(actor: Actor, message = 'Alleen medewerkers van het Zorg- en Veiligheidshuis'): void {
  if (!isZvhStaff(actor)) throw new ForbiddenError(message);
}

/** Whether the actor holds a named permission (@zvh/shared PERMISSIONS), the same names the routes use. */
export function allowed(actor: Actor, permission: Permission): boolean {
  return can(actor.roles, permission);
}

/** Refuses (403) an actor without the named permission. */
export function requirePermission(actor: Actor, permission: Permission, message?: string): void {
  if (!allowed(actor, permission)) throw new ForbiddenError(message);
}

/** The case's direction (plan, participants, agreements, AVE, closure) is the procesregisseur's alone. */
export function requireRegisseur(actor: Actor, message = 'Alleen een procesregisseur kan dit doen'): void {
  requireZvh(actor);
  requirePermission(actor, 'case.direct', message);
}

/** Parses a version from If-Match ("3", W/"3", "v3") or a body field; undefined when absent. */
export function expectedVersion(ifMatch: string | string[] | undefined, bodyVersion: number | undefined): number | undefined {
  if (bodyVersion !== undefined) return bodyVersion;
  const raw = Array.isArray(ifMatch) ? ifMatch[0] : ifMatch;
  if (!raw || raw === '*') return undefined;
  const m = /^(?:W\/)?"?v?(\d+)"?$/.exec(raw.trim());
  return m ? Number(m[1]) : -1;
}
export const etag = (version: number) => `"v${version}"`;
export function checkVersion(expected: number | undefined, actual: number, what: string): void {
  if (expected !== undefined && expected !== actual) {
    throw new ConflictError('stale_version', `${what} is intussen gewijzigd door iemand anders; laad opnieuw`, { expected, actual });
  }
}

// ---------------------------------------------------------------------------------------------
// Journal entries and documents (issue 8, defect 3). On top of the case's own visibility (apply
// caseVisibleTo/loadVisibleCase as well): ZVH staff see every entry; a partner sees entries for
// all participants, entries shared with its organisation, and its own organisation's entries.
// A withdrawn journal entry is gone for partners and stays for the ZVH's audit.

function entryAudience(actor: Actor, visibility: SQL, sharedWith: SQL, authorOrganisation: SQL): SQL {
  if (isZvhStaff(actor)) return sql`true`;
  return sql`(${visibility} = 'all' or ${authorOrganisation} = ${actor.organisationCode}
    or (${visibility} = 'selected' and ${actor.organisationCode} = any(${sharedWith})))`;
}

/** Condition on a `journal_entries` row aliased `j`: was it addressed to this actor (withdrawn or not)? */
export function journalAudienceIncludes(actor: Actor): SQL {
  return entryAudience(actor, sql`j.visibility`, sql`j.shared_with`, sql`j.author_organisation`);
}

/** Condition on a `journal_entries` row aliased `j`: may this actor read it now? */
export function journalVisibleTo(actor: Actor): SQL {
  if (isZvhStaff(actor)) return sql`true`;
  return sql`(${journalAudienceIncludes(actor)} and j.withdrawn_at is null)`;
}

/** Condition on a `documents` row aliased `d`. */
export function documentVisibleTo(actor: Actor): SQL {
  return entryAudience(actor, sql`d.visibility`, sql`d.shared_with`, sql`d.uploaded_by_organisation`);
}
