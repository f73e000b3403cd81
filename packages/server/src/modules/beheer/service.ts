// SPDX-License-Identifier: EUPL-1.2
// Beheer: organisations (convenant partners), municipalities, code lists and users of the
// beheerder's own tenant, and the reference data every signed-in user reads. Codes never change
// once made; entries are deactivated, not deleted. Every function works in the actor's tenant.
import { and, asc, eq } from 'drizzle-orm';
import { ZVH_ORGANISATION, ZVH_ROLES } from '@zvh/shared';
import type { Role } from '@zvh/shared';
import type { Ctx } from '../../core/context.js';
import type { Executor } from '../../core/db/index.js';
import { one, rows, schema, sql, transaction } from '../../core/db/index.js';
import { ConflictError, fieldError, NotFoundError } from '../../core/errors.js';
import { requirePermission } from '../../core/access.js';
import { hashPassword, oneTimePassword } from '../../core/auth/password.js';
import { endSessionsOfUser } from '../../core/auth/sessions.js';
import { logSecurity } from '../../core/processing-log.js';

export interface Organisation { code: string; name: string; kind: string; domain: string | null; active: boolean; municipal: boolean; professionalSecrecy: boolean }
export interface Municipality { code: string; name: string; region: string; nazorgPlustaak: boolean; active: boolean }
export interface CodeListItem { code: string; label: string; active: boolean; sort: number }
export interface CodeListEntry extends CodeListItem { list: string }
export interface Reference { municipalities: Municipality[]; organisations: Organisation[]; codeLists: Record<string, CodeListItem[]> }
export interface AdminUser {
  id: string; email: string; name: string; organisationCode: string; municipalityCode: string | null; municipalityCodes: string[];
  roles: string[]; active: boolean; totpEnabled: boolean; mustChangePassword: boolean;
  /** ISO 8601 (UTC), as JSON gives a timestamp. */
  lastSignInAt: string | null;
}

/** Code lists whose codes the report definitions fix: they cannot grow. */
export const FIXED_CODE_LISTS = ['caseKind', 'ageGroup', 'triageOutcome', 'approach'];

const ORGANISATION_COLUMNS = {
  code: schema.organisations.code, name: schema.organisations.name, kind: schema.organisations.kind, domain: schema.organisations.domain,
  active: schema.organisations.active, municipal: schema.organisations.municipal, professionalSecrecy: schema.organisations.professionalSecrecy,
};
const MUNICIPALITY_COLUMNS = {
  code: schema.municipalities.code, name: schema.municipalities.name, region: schema.municipalities.region,
  nazorgPlustaak: schema.municipalities.nazorgPlustaak, active: schema.municipalities.active,
};
const CODE_COLUMNS = {
  list: schema.codeListEntries.list, code: schema.codeListEntries.code, label: schema.codeListEntries.label,
  active: schema.codeListEntries.active, sort: schema.codeListEntries.sort,
};

const requireBeheer = (ctx: Ctx) => requirePermission(ctx.actor, 'admin.manage');

// --- reference data ---

/** Municipalities, organisations and code lists of the actor's tenant (every signed-in user). */
export async function loadReference(ctx: Ctx): Promise<Reference> {
  const { db, actor: { tenantId } } = ctx;
  const [municipalities, organisations, entries] = await Promise.all([
    db.select(MUNICIPALITY_COLUMNS).from(schema.municipalities).where(eq(schema.municipalities.tenantId, tenantId)).orderBy(asc(schema.municipalities.name)),
    db.select(ORGANISATION_COLUMNS).from(schema.organisations).where(eq(schema.organisations.tenantId, tenantId)).orderBy(asc(schema.organisations.name)),
    db.select(CODE_COLUMNS).from(schema.codeListEntries).where(eq(schema.codeListEntries.tenantId, tenantId))
      .orderBy(asc(schema.codeListEntries.list), asc(schema.codeListEntries.sort)),
  ]);
  const codeLists: Record<string, CodeListItem[]> = {};
  for (const e of entries) (codeLists[e.list] ??= []).push({ code: e.code, label: e.label, active: e.active, sort: e.sort });
  return { municipalities, organisations, codeLists };
}

// --- organisations ---

export async function listOrganisations(ctx: Ctx): Promise<Organisation[]> {
  requireBeheer(ctx);
  return (await loadReference(ctx)).organisations;
}

export async function createOrganisation(ctx: Ctx, b: { code: string; name: string; domain: string; municipal?: boolean; professionalSecrecy?: boolean }): Promise<Organisation> {
  requireBeheer(ctx);
  const res = await ctx.db.insert(schema.organisations)
    .values({ tenantId: ctx.actor.tenantId, code: b.code, name: b.name, kind: 'partner', domain: b.domain, municipal: b.municipal ?? false, professionalSecrecy: b.professionalSecrecy ?? false })
    .onConflictDoNothing().returning(ORGANISATION_COLUMNS);
  if (!res.length) throw new ConflictError('code_taken', `Code ${b.code} bestaat al`);
  return res[0]!;
}

export async function updateOrganisation(ctx: Ctx, code: string, b: { name?: string; domain?: string; active?: boolean; municipal?: boolean; professionalSecrecy?: boolean }): Promise<Organisation> {
  requireBeheer(ctx);
  if (code === ZVH_ORGANISATION && (b.active === false || b.domain)) throw fieldError('active', 'De ZVH-organisatie zelf kan niet worden gedeactiveerd');
  if (code === ZVH_ORGANISATION && b.municipal) throw fieldError('municipal', 'De ZVH-organisatie zelf is geen gemeentelijke partner');
  if (code === ZVH_ORGANISATION && b.professionalSecrecy) throw fieldError('professionalSecrecy', 'De ZVH-organisatie zelf is geen partner met beroepsgeheim');
  if (b.name === undefined && b.domain === undefined && b.active === undefined && b.municipal === undefined && b.professionalSecrecy === undefined) throw fieldError('body', 'Niets te wijzigen');
  const res = await ctx.db.update(schema.organisations).set(b)
    .where(and(eq(schema.organisations.tenantId, ctx.actor.tenantId), eq(schema.organisations.code, code))).returning(ORGANISATION_COLUMNS);
  if (!res.length) throw new NotFoundError('Organisatie niet gevonden');
  return res[0]!;
}

// --- municipalities ---

export async function listMunicipalities(ctx: Ctx): Promise<Municipality[]> {
  requireBeheer(ctx);
  return (await loadReference(ctx)).municipalities;
}

export async function createMunicipality(ctx: Ctx, b: { code: string; name: string; region: string; nazorgPlustaak?: boolean }): Promise<Municipality> {
  requireBeheer(ctx);
  const res = await ctx.db.insert(schema.municipalities)
    .values({ tenantId: ctx.actor.tenantId, code: b.code, name: b.name, region: b.region, nazorgPlustaak: b.nazorgPlustaak ?? false })
    .onConflictDoNothing().returning(MUNICIPALITY_COLUMNS);
  if (!res.length) throw new ConflictError('code_taken', `Gemeente ${b.code} bestaat al`);
  return res[0]!;
}

export async function updateMunicipality(ctx: Ctx, code: string, b: { name?: string; region?: string; nazorgPlustaak?: boolean; active?: boolean }): Promise<Municipality> {
  requireBeheer(ctx);
  if (Object.keys(b).length === 0) throw fieldError('body', 'Niets te wijzigen');
  const res = await ctx.db.update(schema.municipalities).set(b)
    .where(and(eq(schema.municipalities.tenantId, ctx.actor.tenantId), eq(schema.municipalities.code, code))).returning(MUNICIPALITY_COLUMNS);
  if (!res.length) throw new NotFoundError('Gemeente niet gevonden');
  return res[0]!;
}

// --- code lists ---

export async function listCodeLists(ctx: Ctx): Promise<Record<string, CodeListItem[]>> {
  requireBeheer(ctx);
  return (await loadReference(ctx)).codeLists;
}

export async function addCode(ctx: Ctx, list: string, b: { code: string; label: string }): Promise<CodeListEntry> {
  requireBeheer(ctx);
  if (FIXED_CODE_LISTS.includes(list)) throw fieldError('list', 'Deze codelijst ligt vast in de rapportagedefinities');
  const tenantId = ctx.actor.tenantId;
  const max = await one<{ m: number }>(ctx.db, sql`select coalesce(max(sort), -1) + 1 as m from code_list_entries where tenant_id = ${tenantId} and list = ${list}`);
  const res = await ctx.db.insert(schema.codeListEntries).values({ tenantId, list, code: b.code, label: b.label, sort: max?.m ?? 0 })
    .onConflictDoNothing().returning(CODE_COLUMNS);
  if (!res.length) throw new ConflictError('code_taken', `Code ${b.code} bestaat al in deze lijst`);
  return res[0]!;
}

export async function updateCode(ctx: Ctx, list: string, code: string, b: { label?: string; active?: boolean }): Promise<CodeListEntry> {
  requireBeheer(ctx);
  if (b.label === undefined && b.active === undefined) throw fieldError('body', 'Niets te wijzigen');
  const res = await ctx.db.update(schema.codeListEntries).set(b)
    .where(and(eq(schema.codeListEntries.tenantId, ctx.actor.tenantId), eq(schema.codeListEntries.list, list), eq(schema.codeListEntries.code, code)))
    .returning(CODE_COLUMNS);
  if (!res.length) throw new NotFoundError('Code niet gevonden');
  return res[0]!;
}

// --- users ---

const USER_COLUMNS = sql`u.id, u.email, u.name, u.organisation_code as "organisationCode", u.municipality_code as "municipalityCode",
    coalesce((select array_agg(um.municipality_code order by um.municipality_code) from user_municipalities um where um.user_id = u.id), '{}') as "municipalityCodes", u.roles,
    u.active, u.totp_enabled as "totpEnabled", u.must_change_password as "mustChangePassword",
    to_char((select max(at) from security_log l where l.user_id = u.id and l.event = 'login' and l.outcome = 'success') at time zone 'UTC',
            'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "lastSignInAt"`;

export async function listUsers(ctx: Ctx): Promise<AdminUser[]> {
  requireBeheer(ctx);
  return rows<AdminUser>(ctx.db, sql`select ${USER_COLUMNS} from users u where u.tenant_id = ${ctx.actor.tenantId} order by u.name`);
}

async function loadUser(ctx: Ctx, id: string): Promise<AdminUser> {
  const user = await one<AdminUser>(ctx.db, sql`select ${USER_COLUMNS} from users u where u.id = ${id} and u.tenant_id = ${ctx.actor.tenantId}`);
  if (!user) throw new NotFoundError('Gebruiker niet gevonden');
  return user;
}

/** Checks organisation, roles and municipalities; returns the user's municipalities (only a municipal partner's staff have them). */
async function checkUserFields(ctx: Ctx, organisationCode: string, roles: Role[] | undefined, municipalityCodes: string[]): Promise<string[]> {
  const tenantId = ctx.actor.tenantId;
  const org = await one<{ kind: string; active: boolean; municipal: boolean }>(ctx.db, sql`select kind, active, municipal from organisations where tenant_id = ${tenantId} and code = ${organisationCode}`);
  if (!org || !org.active) throw fieldError('organisationCode', 'Onbekende of inactieve organisatie');
  if (roles) {
    // ZVH roles for ZVH staff, `professional` for partner staff
    const wrong = org.kind === 'zvh' ? roles.filter((r) => !ZVH_ROLES.includes(r)) : roles.filter((r) => r !== 'professional');
    if (wrong.length) throw fieldError('roles', org.kind === 'zvh' ? 'Medewerkers van de ZVH hebben ZVH-rollen' : 'Medewerkers van een partner hebben de rol professional');
  }
  for (const code of municipalityCodes) {
    const m = await one(ctx.db, sql`select 1 from municipalities where tenant_id = ${tenantId} and code = ${code}`);
    if (!m) throw fieldError('municipalityCode', `Onbekende gemeente ${code}`);
  }
  if (org.municipal && municipalityCodes.length === 0) throw fieldError('municipalityCodes', 'Kies de gemeente(n) waarvoor deze medewerker werkt');
  if (!org.municipal && municipalityCodes.length > 0) throw fieldError('municipalityCodes', 'Alleen medewerkers van een gemeentelijke partner werken voor een gemeente');
  return municipalityCodes;
}

/** municipalityCode (the contract's single code) and municipalityCodes (several) together; undefined when neither is given. */
function codesOf(b: { municipalityCode?: string | null; municipalityCodes?: string[] }): string[] | undefined {
  if (b.municipalityCode === undefined && b.municipalityCodes === undefined) return undefined;
  return [...new Set([...(b.municipalityCode ? [b.municipalityCode] : []), ...(b.municipalityCodes ?? [])])];
}

async function setMunicipalities(tx: Executor, tenantId: string, userId: string, codes: string[]): Promise<void> {
  await tx.execute(sql`delete from user_municipalities where user_id = ${userId}`);
  for (const code of codes) {
    await tx.execute(sql`insert into user_municipalities (user_id, tenant_id, municipality_code) values (${userId}, ${tenantId}, ${code})`);
  }
  await tx.execute(sql`update users set municipality_code = ${codes[0] ?? null} where id = ${userId}`);
}

export interface NewUser { email: string; name: string; organisationCode: string; roles: Role[]; municipalityCode?: string | null; municipalityCodes?: string[] }

/** Makes a user with a one-time password (to be changed at first sign-in); `ip` goes to the security log. */
export async function createUser(ctx: Ctx, b: NewUser, ip: string): Promise<{ id: string; oneTimePassword: string }> {
  requireBeheer(ctx);
  const tenantId = ctx.actor.tenantId;
  const codes = await checkUserFields(ctx, b.organisationCode, b.roles, codesOf(b) ?? []);
  const password = oneTimePassword();
  const hash = await hashPassword(password);
  const res = await transaction(ctx.db, async (tx) => {
    const created = await rows<{ id: string }>(tx, sql`insert into users (tenant_id, email, name, organisation_code, municipality_code, roles, password_hash, must_change_password)
      values (${tenantId}, ${b.email.trim().toLowerCase()}, ${b.name}, ${b.organisationCode}, ${codes[0] ?? null}, ${`{${b.roles.join(',')}}`}::text[], ${hash}, true)
      on conflict do nothing returning id`);
    if (created.length) await setMunicipalities(tx, tenantId, created[0]!.id, codes);
    return created;
  });
  if (!res.length) throw new ConflictError('email_taken', 'Er bestaat al een gebruiker met dit e-mailadres');
  await logSecurity(ctx.db, { event: 'user_created', outcome: 'success', email: b.email, userId: res[0]!.id, tenantId, ip, details: { by: ctx.actor.userId } });
  return { id: res[0]!.id, oneTimePassword: password };
}

export interface UserChange { name?: string; organisationCode?: string; roles?: Role[]; municipalityCode?: string | null; municipalityCodes?: string[]; active?: boolean }

/** Changes a user; deactivating or changing roles or organisation ends their sessions at once. */
export async function updateUser(ctx: Ctx, id: string, b: UserChange, ip: string): Promise<AdminUser> {
  requireBeheer(ctx);
  const tenantId = ctx.actor.tenantId;
  const current = await one<{ organisation_code: string; roles: Role[]; codes: string[] }>(ctx.db, sql`select organisation_code, roles,
      coalesce((select array_agg(um.municipality_code order by um.municipality_code) from user_municipalities um where um.user_id = users.id), '{}') as codes
    from users where id = ${id} and tenant_id = ${tenantId}`);
  if (!current) throw new NotFoundError('Gebruiker niet gevonden');
  if (id === ctx.actor.userId && b.active === false) throw fieldError('active', 'U kunt uzelf niet deactiveren');
  if (Object.keys(b).length === 0) throw fieldError('body', 'Niets te wijzigen');
  const given = codesOf(b);
  const codes = await checkUserFields(ctx, b.organisationCode ?? current.organisation_code, b.roles ?? current.roles, given ?? current.codes);
  const { municipalityCode: _one, municipalityCodes: _many, ...fields } = b;
  await transaction(ctx.db, async (tx) => {
    await tx.update(schema.users).set({ ...fields, updatedAt: new Date() }).where(and(eq(schema.users.id, id), eq(schema.users.tenantId, tenantId)));
    if (given) await setMunicipalities(tx, tenantId, id, codes);
  });
  if (b.active === false || b.roles || b.organisationCode) await endSessionsOfUser(ctx.db, id);
  await logSecurity(ctx.db, { event: 'user_changed', outcome: 'success', userId: id, tenantId, ip, details: { by: ctx.actor.userId, fields: Object.keys(b) } });
  return loadUser(ctx, id);
}

/** Sets a new one-time password and ends the user's sessions. */
/**
 * Resets a user's second factors (TOTP, recovery codes, passkeys) and ends their sessions: they
 * must enrol again at the next sign-in. Needs fresh authentication (route config); security-logged.
 */
export async function resetUserFactors(ctx: Ctx, id: string, ip: string): Promise<void> {
  requireBeheer(ctx);
  await transaction(ctx.db, async (tx) => {
    const res = await rows(tx, sql`update users set totp_enabled = false, totp_secret = null, totp_pending_secret = null, updated_at = now()
      where id = ${id} and tenant_id = ${ctx.actor.tenantId} returning id`);
    if (!res.length) throw new NotFoundError('Gebruiker niet gevonden');
    await tx.execute(sql`delete from recovery_codes where user_id = ${id}`);
    await tx.execute(sql`delete from passkeys where user_id = ${id}`);
    await endSessionsOfUser(tx, id);
    await logSecurity(tx, { event: 'factors_reset', outcome: 'success', userId: id, tenantId: ctx.actor.tenantId, ip, details: { by: ctx.actor.userId } });
  });
}

export async function resetUserPassword(ctx: Ctx, id: string, ip: string): Promise<{ oneTimePassword: string }> {
  requireBeheer(ctx);
  const password = oneTimePassword();
  const res = await rows(ctx.db, sql`update users set password_hash = ${await hashPassword(password)}, must_change_password = true, updated_at = now()
    where id = ${id} and tenant_id = ${ctx.actor.tenantId} returning id`);
  if (!res.length) throw new NotFoundError('Gebruiker niet gevonden');
  await endSessionsOfUser(ctx.db, id);
  await logSecurity(ctx.db, { event: 'password_reset', outcome: 'success', userId: id, tenantId: ctx.actor.tenantId, ip, details: { by: ctx.actor.userId } });
  return { oneTimePassword: password };
}
