// SPDX-License-Identifier: EUPL-1.2
// Beheer: organisations (convenant partners), municipalities, code lists and users of the
// beheerder's own tenant. Codes never change once made; entries are deactivated, not deleted.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { and, asc, eq } from 'drizzle-orm';
import { CODE_LISTS, ROLES, ZVH_ORGANISATION, ZVH_ROLES } from '@zvh/shared';
import type { Role } from '@zvh/shared';
import type { Db } from '../../core/db/index.js';
import { one, rows, schema, sql, transaction } from '../../core/db/index.js';
import { ConflictError, fieldError, NotFoundError } from '../../core/errors.js';
import { hashPassword, oneTimePassword } from '../../core/auth/password.js';
import { endSessionsOfUser } from '../../core/auth/sessions.js';
import { logSecurity } from '../../core/processing-log.js';
import { ctxOf } from '../../core/http.js';

const beheer = { access: { permission: 'admin.manage' as const } };
const CODE = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$', description: 'Stabiele code: kleine letters, cijfers en streepjes' });
const NAME = Type.String({ minLength: 1, maxLength: 200 });
const DOMAIN = Type.Union([Type.Literal('zorg'), Type.Literal('justitie'), Type.Literal('gemeente')]);
const REGION = Type.String({ pattern: '^[a-z0-9-]{1,40}$' });
const LIST_NAMES = Object.keys(CODE_LISTS);
const ROLE = Type.Union(ROLES.map((r) => Type.Literal(r)));
const MUNICIPAL = Type.Boolean({ description: 'Gemeentelijke partner: één afdeling per gemeente; medewerkers werken voor één of enkele gemeenten' });
const MUNICIPALITY_CODE = Type.String({ maxLength: 10 });
const MUNICIPALITY_CODES = Type.Array(MUNICIPALITY_CODE, { uniqueItems: true, maxItems: 50, description: 'De gemeenten waarvoor een medewerker van een gemeentelijke partner werkt' });

export function referenceRoutes(app: FastifyInstance, db: Db): void {
  app.get('/api/reference', {
    config: { access: { signedIn: true, duringPasswordChange: true } },
    schema: { operationId: 'getReferenceData', tags: ['referentiedata'], summary: 'Gemeenten, organisaties en codelijsten van de eigen tenant' },
  }, async (request) => {
    const { tenantId } = ctxOf(request, db).actor;
    return loadReference(db, tenantId);
  });
}

export async function loadReference(db: Db, tenantId: string) {
  const [municipalities, organisations, entries] = await Promise.all([
    db.select({ code: schema.municipalities.code, name: schema.municipalities.name, region: schema.municipalities.region, nazorgPlustaak: schema.municipalities.nazorgPlustaak, active: schema.municipalities.active })
      .from(schema.municipalities).where(eq(schema.municipalities.tenantId, tenantId)).orderBy(asc(schema.municipalities.name)),
    db.select({ code: schema.organisations.code, name: schema.organisations.name, kind: schema.organisations.kind, domain: schema.organisations.domain, active: schema.organisations.active, municipal: schema.organisations.municipal })
      .from(schema.organisations).where(eq(schema.organisations.tenantId, tenantId)).orderBy(asc(schema.organisations.name)),
    db.select({ list: schema.codeListEntries.list, code: schema.codeListEntries.code, label: schema.codeListEntries.label, active: schema.codeListEntries.active, sort: schema.codeListEntries.sort })
      .from(schema.codeListEntries).where(eq(schema.codeListEntries.tenantId, tenantId)).orderBy(asc(schema.codeListEntries.list), asc(schema.codeListEntries.sort)),
  ]);
  const codeLists: Record<string, { code: string; label: string; active: boolean; sort: number }[]> = {};
  for (const e of entries) (codeLists[e.list] ??= []).push({ code: e.code, label: e.label, active: e.active, sort: e.sort });
  return { municipalities, organisations, codeLists };
}

export function beheerRoutes(app: FastifyInstance, db: Db): void {
  const tenantOf = (request: Parameters<typeof ctxOf>[0]) => ctxOf(request, db).actor.tenantId;

  // --- organisations ---
  app.get('/api/admin/organisations', { config: beheer, schema: { operationId: 'listOrganisations', tags: ['beheer'], summary: 'Organisaties (ZVH en convenantpartners)' } },
    async (request) => (await loadReference(db, tenantOf(request))).organisations);
  app.post('/api/admin/organisations', {
    config: beheer,
    schema: { operationId: 'createOrganisation', tags: ['beheer'], summary: 'Convenantpartner toevoegen', body: Type.Object({ code: CODE, name: NAME, domain: DOMAIN, municipal: Type.Optional(MUNICIPAL) }, { additionalProperties: false }) },
  }, async (request, reply) => {
    const tenantId = tenantOf(request);
    const b = request.body as { code: string; name: string; domain: string; municipal?: boolean };
    const res = await db.insert(schema.organisations).values({ tenantId, code: b.code, name: b.name, kind: 'partner', domain: b.domain, municipal: b.municipal ?? false }).onConflictDoNothing().returning();
    if (!res.length) throw new ConflictError('code_taken', `Code ${b.code} bestaat al`);
    return reply.status(201).send(res[0]);
  });
  app.patch('/api/admin/organisations/:code', {
    config: beheer,
    schema: {
      operationId: 'updateOrganisation', tags: ['beheer'], summary: 'Organisatie hernoemen, domein wijzigen of (de)activeren',
      params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
      body: Type.Object({ name: Type.Optional(NAME), domain: Type.Optional(DOMAIN), active: Type.Optional(Type.Boolean()), municipal: Type.Optional(MUNICIPAL) }, { additionalProperties: false }),
    },
  }, async (request) => {
    const tenantId = tenantOf(request);
    const { code } = request.params as { code: string };
    const b = request.body as { name?: string; domain?: string; active?: boolean; municipal?: boolean };
    if (code === ZVH_ORGANISATION && (b.active === false || b.domain)) throw fieldError('active', 'De ZVH-organisatie zelf kan niet worden gedeactiveerd');
    if (code === ZVH_ORGANISATION && b.municipal) throw fieldError('municipal', 'De ZVH-organisatie zelf is geen gemeentelijke partner');
    if (b.name === undefined && b.domain === undefined && b.active === undefined && b.municipal === undefined) throw fieldError('body', 'Niets te wijzigen');
    const res = await db.update(schema.organisations).set(b).where(and(eq(schema.organisations.tenantId, tenantId), eq(schema.organisations.code, code))).returning();
    if (!res.length) throw new NotFoundError('Organisatie niet gevonden');
    return res[0];
  });

  // --- municipalities ---
  app.get('/api/admin/municipalities', { config: beheer, schema: { operationId: 'listMunicipalities', tags: ['beheer'], summary: 'Gemeenten' } },
    async (request) => (await loadReference(db, tenantOf(request))).municipalities);
  app.post('/api/admin/municipalities', {
    config: beheer,
    schema: {
      operationId: 'createMunicipality', tags: ['beheer'], summary: 'Gemeente toevoegen',
      body: Type.Object({ code: Type.String({ pattern: '^GM[0-9]{4}$' }), name: NAME, region: REGION, nazorgPlustaak: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const tenantId = tenantOf(request);
    const b = request.body as { code: string; name: string; region: string; nazorgPlustaak?: boolean };
    const res = await db.insert(schema.municipalities).values({ tenantId, ...b, nazorgPlustaak: b.nazorgPlustaak ?? false }).onConflictDoNothing().returning();
    if (!res.length) throw new ConflictError('code_taken', `Gemeente ${b.code} bestaat al`);
    return reply.status(201).send(res[0]);
  });
  app.patch('/api/admin/municipalities/:code', {
    config: beheer,
    schema: {
      operationId: 'updateMunicipality', tags: ['beheer'], summary: 'Gemeente hernoemen, regio of plustaak wijzigen, (de)activeren',
      params: Type.Object({ code: Type.String({ maxLength: 10 }) }),
      body: Type.Object({ name: Type.Optional(NAME), region: Type.Optional(REGION), nazorgPlustaak: Type.Optional(Type.Boolean()), active: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
    },
  }, async (request) => {
    const tenantId = tenantOf(request);
    const { code } = request.params as { code: string };
    const b = request.body as Record<string, unknown>;
    if (Object.keys(b).length === 0) throw fieldError('body', 'Niets te wijzigen');
    const res = await db.update(schema.municipalities).set(b).where(and(eq(schema.municipalities.tenantId, tenantId), eq(schema.municipalities.code, code))).returning();
    if (!res.length) throw new NotFoundError('Gemeente niet gevonden');
    return res[0];
  });

  // --- code lists ---
  app.get('/api/admin/code-lists', { config: beheer, schema: { operationId: 'listCodeLists', tags: ['beheer'], summary: 'Alle codelijsten' } },
    async (request) => (await loadReference(db, tenantOf(request))).codeLists);
  app.post('/api/admin/code-lists/:list', {
    config: beheer,
    schema: {
      operationId: 'addCode', tags: ['beheer'], summary: 'Code aan een codelijst toevoegen',
      params: Type.Object({ list: Type.Union(LIST_NAMES.map((l) => Type.Literal(l))) }),
      body: Type.Object({ code: CODE, label: NAME }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const tenantId = tenantOf(request);
    const { list } = request.params as { list: string };
    // lists whose codes the report definitions fix cannot grow
    if (['caseKind', 'ageGroup', 'triageOutcome', 'approach'].includes(list)) throw fieldError('list', 'Deze codelijst ligt vast in de rapportagedefinities');
    const b = request.body as { code: string; label: string };
    const max = await one<{ m: number }>(db, sql`select coalesce(max(sort), -1) + 1 as m from code_list_entries where tenant_id = ${tenantId} and list = ${list}`);
    const res = await db.insert(schema.codeListEntries).values({ tenantId, list, code: b.code, label: b.label, sort: max?.m ?? 0 }).onConflictDoNothing().returning();
    if (!res.length) throw new ConflictError('code_taken', `Code ${b.code} bestaat al in deze lijst`);
    return reply.status(201).send(res[0]);
  });
  app.patch('/api/admin/code-lists/:list/:code', {
    config: beheer,
    schema: {
      operationId: 'updateCode', tags: ['beheer'], summary: 'Omschrijving wijzigen of code (de)activeren',
      params: Type.Object({ list: Type.String({ maxLength: 40 }), code: Type.String({ maxLength: 40 }) }),
      body: Type.Object({ label: Type.Optional(NAME), active: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
    },
  }, async (request) => {
    const tenantId = tenantOf(request);
    const { list, code } = request.params as { list: string; code: string };
    const b = request.body as { label?: string; active?: boolean };
    if (b.label === undefined && b.active === undefined) throw fieldError('body', 'Niets te wijzigen');
    const res = await db.update(schema.codeListEntries).set(b)
      .where(and(eq(schema.codeListEntries.tenantId, tenantId), eq(schema.codeListEntries.list, list), eq(schema.codeListEntries.code, code))).returning();
    if (!res.length) throw new NotFoundError('Code niet gevonden');
    return res[0];
  });

  // --- users ---
  const userCols = sql`u.id, u.email, u.name, u.organisation_code as "organisationCode", u.municipality_code as "municipalityCode",
    coalesce((select array_agg(um.municipality_code order by um.municipality_code) from user_municipalities um where um.user_id = u.id), '{}') as "municipalityCodes", u.roles,
    u.active, u.totp_enabled as "totpEnabled", u.must_change_password as "mustChangePassword",
    (select max(at) from security_log l where l.user_id = u.id and l.event = 'login' and l.outcome = 'success') as "lastSignInAt"`;
  app.get('/api/admin/users', { config: beheer, schema: { operationId: 'listUsers', tags: ['beheer'], summary: 'Gebruikers van de tenant' } },
    async (request) => rows(db, sql`select ${userCols} from users u where u.tenant_id = ${tenantOf(request)} order by u.name`));

  /** Checks organisation, roles and municipalities; returns the user's municipalities (only a municipal partner's staff have them). */
  async function checkUserFields(tenantId: string, organisationCode: string, roles: Role[] | undefined, municipalityCodes: string[]): Promise<string[]> {
    const org = await one<{ kind: string; active: boolean; municipal: boolean }>(db, sql`select kind, active, municipal from organisations where tenant_id = ${tenantId} and code = ${organisationCode}`);
    if (!org || !org.active) throw fieldError('organisationCode', 'Onbekende of inactieve organisatie');
    if (roles) {
      // ZVH roles for ZVH staff, `professional` for partner staff
      const wrong = org.kind === 'zvh' ? roles.filter((r) => !ZVH_ROLES.includes(r)) : roles.filter((r) => r !== 'professional');
      if (wrong.length) throw fieldError('roles', org.kind === 'zvh' ? 'Medewerkers van de ZVH hebben ZVH-rollen' : 'Medewerkers van een partner hebben de rol professional');
    }
    for (const code of municipalityCodes) {
      const m = await one(db, sql`select 1 from municipalities where tenant_id = ${tenantId} and code = ${code}`);
      if (!m) throw fieldError('municipalityCode', `Onbekende gemeente ${code}`);
    }
    if (org.municipal && municipalityCodes.length === 0) throw fieldError('municipalityCodes', 'Kies de gemeente(n) waarvoor deze medewerker werkt');
    if (!org.municipal && municipalityCodes.length > 0) throw fieldError('municipalityCodes', 'Alleen medewerkers van een gemeentelijke partner werken voor een gemeente');
    return municipalityCodes;
  }
  /** municipalityCode (the contract's single code) and municipalityCodes (several) together; undefined when neither is given. */
  const codesOf = (b: { municipalityCode?: string | null; municipalityCodes?: string[] }): string[] | undefined => {
    if (b.municipalityCode === undefined && b.municipalityCodes === undefined) return undefined;
    return [...new Set([...(b.municipalityCode ? [b.municipalityCode] : []), ...(b.municipalityCodes ?? [])])];
  };
  const setMunicipalities = async (tx: typeof db, tenantId: string, userId: string, codes: string[]) => {
    await tx.execute(sql`delete from user_municipalities where user_id = ${userId}`);
    for (const code of codes) {
      await tx.execute(sql`insert into user_municipalities (user_id, tenant_id, municipality_code) values (${userId}, ${tenantId}, ${code})`);
    }
    await tx.execute(sql`update users set municipality_code = ${codes[0] ?? null} where id = ${userId}`);
  };

  app.post('/api/admin/users', {
    config: beheer,
    schema: {
      operationId: 'createUser', tags: ['beheer'], summary: 'Gebruiker aanmaken met een eenmalig wachtwoord',
      body: Type.Object({
        email: Type.String({ format: 'email', maxLength: 254 }), name: NAME, organisationCode: Type.String({ maxLength: 40 }),
        roles: Type.Array(ROLE, { minItems: 1, uniqueItems: true }), municipalityCode: Type.Optional(Type.Union([MUNICIPALITY_CODE, Type.Null()])),
        municipalityCodes: Type.Optional(MUNICIPALITY_CODES),
      }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const ctx = ctxOf(request, db);
    const b = request.body as { email: string; name: string; organisationCode: string; roles: Role[]; municipalityCode?: string | null; municipalityCodes?: string[] };
    const codes = await checkUserFields(ctx.actor.tenantId, b.organisationCode, b.roles, codesOf(b) ?? []);
    const password = oneTimePassword();
    const hash = await hashPassword(password);
    const res = await transaction(db, async (tx) => {
      const created = await rows<{ id: string }>(tx, sql`insert into users (tenant_id, email, name, organisation_code, municipality_code, roles, password_hash, must_change_password)
        values (${ctx.actor.tenantId}, ${b.email.trim().toLowerCase()}, ${b.name}, ${b.organisationCode}, ${codes[0] ?? null}, ${`{${b.roles.join(',')}}`}::text[], ${hash}, true)
        on conflict do nothing returning id`);
      if (created.length) await setMunicipalities(tx, ctx.actor.tenantId, created[0]!.id, codes);
      return created;
    });
    if (!res.length) throw new ConflictError('email_taken', 'Er bestaat al een gebruiker met dit e-mailadres');
    await logSecurity(db, { event: 'user_created', outcome: 'success', email: b.email, userId: res[0]!.id, tenantId: ctx.actor.tenantId, ip: request.ip, details: { by: ctx.actor.userId } });
    return reply.status(201).send({ id: res[0]!.id, oneTimePassword: password });
  });

  const userParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
  app.patch('/api/admin/users/:id', {
    config: beheer,
    schema: {
      operationId: 'updateUser', tags: ['beheer'], summary: 'Gebruiker wijzigen of (de)activeren; deactiveren beëindigt de sessies direct',
      params: userParams,
      body: Type.Object({
        name: Type.Optional(NAME), organisationCode: Type.Optional(Type.String({ maxLength: 40 })), roles: Type.Optional(Type.Array(ROLE, { minItems: 1, uniqueItems: true })),
        municipalityCode: Type.Optional(Type.Union([MUNICIPALITY_CODE, Type.Null()])), municipalityCodes: Type.Optional(MUNICIPALITY_CODES),
        active: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
    },
  }, async (request) => {
    const ctx = ctxOf(request, db);
    const { id } = request.params as { id: string };
    const b = request.body as { name?: string; organisationCode?: string; roles?: Role[]; municipalityCode?: string | null; municipalityCodes?: string[]; active?: boolean };
    const current = await one<{ organisation_code: string; roles: Role[]; codes: string[] }>(db, sql`select organisation_code, roles,
        coalesce((select array_agg(um.municipality_code order by um.municipality_code) from user_municipalities um where um.user_id = users.id), '{}') as codes
      from users where id = ${id} and tenant_id = ${ctx.actor.tenantId}`);
    if (!current) throw new NotFoundError('Gebruiker niet gevonden');
    if (id === ctx.actor.userId && b.active === false) throw fieldError('active', 'U kunt uzelf niet deactiveren');
    if (Object.keys(b).length === 0) throw fieldError('body', 'Niets te wijzigen');
    const given = codesOf(b);
    const codes = await checkUserFields(ctx.actor.tenantId, b.organisationCode ?? current.organisation_code, b.roles ?? current.roles, given ?? current.codes);
    const { municipalityCode: _one, municipalityCodes: _many, ...fields } = b;
    await transaction(db, async (tx) => {
      await tx.update(schema.users).set({ ...fields, updatedAt: new Date() }).where(and(eq(schema.users.id, id), eq(schema.users.tenantId, ctx.actor.tenantId)));
      if (given) await setMunicipalities(tx, ctx.actor.tenantId, id, codes);
    });
    if (b.active === false || b.roles || b.organisationCode) await endSessionsOfUser(db, id);
    await logSecurity(db, { event: 'user_changed', outcome: 'success', userId: id, tenantId: ctx.actor.tenantId, ip: request.ip, details: { by: ctx.actor.userId, fields: Object.keys(b) } });
    return one(db, sql`select ${userCols} from users u where u.id = ${id}`);
  });

  app.post('/api/admin/users/:id/reset-password', {
    config: beheer,
    schema: { operationId: 'resetUserPassword', tags: ['beheer'], summary: 'Eenmalig wachtwoord instellen (moet bij eerste aanmelding gewijzigd worden)', params: userParams },
  }, async (request) => {
    const ctx = ctxOf(request, db);
    const { id } = request.params as { id: string };
    const password = oneTimePassword();
    const res = await rows(db, sql`update users set password_hash = ${await hashPassword(password)}, must_change_password = true, updated_at = now()
      where id = ${id} and tenant_id = ${ctx.actor.tenantId} returning id`);
    if (!res.length) throw new NotFoundError('Gebruiker niet gevonden');
    await endSessionsOfUser(db, id);
    await logSecurity(db, { event: 'password_reset', outcome: 'success', userId: id, tenantId: ctx.actor.tenantId, ip: request.ip, details: { by: ctx.actor.userId } });
    return { oneTimePassword: password };
  });
}
