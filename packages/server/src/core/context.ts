// SPDX-License-Identifier: EUPL-1.2
import { randomUUID } from 'node:crypto';
import type { Role } from '@zvh/shared';
import { ZVH_ORGANISATION, ZVH_ROLES } from '@zvh/shared';
import type { Db } from './db/index.js';
import type { Executor, Scope } from './db/index.js';
import { one, scopeSettingsSql, scopedDb, sql } from './db/index.js';

/** The signed-in user a request acts for. */
export interface Actor {
  userId: string;
  sessionId: string;
  tenantId: string;
  tenantCode: string;
  email: string;
  name: string;
  organisationCode: string;
  organisationKind: 'zvh' | 'partner';
  municipalityCode: string | null;
  roles: Role[];
  mustChangePassword: boolean;
  /**
   * Still to do before any case, registration or person data: the one-time password changed
   * (mustChangePassword), a second factor enrolled, or the enrolled one confirmed in this session
   * (not for demo users). See core/http.ts.
   */
  enrolmentRequired?: boolean;
  /** No second factor yet (part of enrolmentRequired). */
  secondFactorMissing?: boolean;
  /**
   * The user has a second factor but this session has not proved it (single sign-on without
   * trusted MFA): POST /api/auth/second-factor first (part of enrolmentRequired).
   */
  secondFactorUnconfirmed?: boolean;
  /** When this session last proved password + second factor (sign-in or POST /api/auth/reauth). */
  authenticatedAt?: Date;
}

/**
 * No signed-in user and no session: a command-line tool acting for one tenant (the caseload
 * import). Only services written for it take one (`Ctx<Actor | SystemActor>`); every other
 * service takes a plain `Ctx`, so a system actor can never reach them.
 */
export interface SystemActor {
  userId: null;
  sessionId: null;
  tenantId: string;
  tenantCode: string;
  /** What the logs name as the actor: `cli@<tenant>`. */
  email: string;
  /** The tool and who ran it, e.g. "Import (commandoregel) door jdevries": shown as the actor of case events. */
  name: string;
  organisationCode: string;
  /** Who ran the tool: the operating-system user (also recorded in the processing log's details). */
  operator: string;
}

/** What every service call gets: who acts, the trace id for the logs and the database. */
export interface Ctx<A extends Actor | SystemActor = Actor> {
  actor: A;
  traceId: string;
  db: Db;
}

/**
 * The Ctx of a command-line tool for the tenant with this code, acting as the ZVH organisation;
 * undefined when the tenant does not exist. `tool` names the tool ("Import (commandoregel)"),
 * `operator` the person who runs it.
 */
export async function systemCtx(db: Db, tenantCode: string, who: { tool: string; operator: string; traceId?: string }): Promise<Ctx<SystemActor> | undefined> {
  const tenant = await one<{ id: string }>(db, sql`select id from tenants where code = ${tenantCode}`);
  if (!tenant) return undefined;
  return {
    // a system actor sees every row of this one tenant (row-level security, migration 0021)
    db: systemDb(db, tenant.id),
    traceId: who.traceId ?? randomUUID(),
    actor: {
      userId: null, sessionId: null, tenantId: tenant.id, tenantCode, email: `cli@${tenantCode}`,
      name: `${who.tool} door ${who.operator}`, organisationCode: ZVH_ORGANISATION, operator: who.operator,
    },
  };
}

/** ZVH staff: a user of the ZVH organisation holding one of the ZVH roles. */
export function isZvhStaff(actor: Actor): boolean {
  return actor.organisationKind === 'zvh' && actor.roles.some((r) => ZVH_ROLES.includes(r));
}

/** A handle for work of the system (jobs, tools) in one tenant: every row of that tenant, no other. */
export function systemDb(db: Db, tenantId: string): Db {
  return scopedDb(db, { tenantId, userId: null, organisationCode: ZVH_ORGANISATION, staff: true });
}

/** The row-level-security settings of an actor (core/db Scope). */
export function actorScope(actor: Actor | SystemActor): Scope {
  if (actor.userId === null) return { tenantId: actor.tenantId, userId: null, organisationCode: actor.organisationCode, staff: true };
  return { tenantId: actor.tenantId, userId: actor.userId, organisationCode: actor.organisationCode, staff: isZvhStaff(actor) };
}

/**
 * Cross-tenant work inside one transaction (another ZVH): runs fn with the system settings of
 * `tenantId`, then sets the actor's own settings again. Says which tenant, every time.
 */
export async function asSystemOf<T>(ctx: Ctx<Actor | SystemActor>, tx: Executor, tenantId: string, fn: () => Promise<T>): Promise<T> {
  await tx.execute(sql.raw(scopeSettingsSql({ tenantId, userId: null, organisationCode: ZVH_ORGANISATION, staff: true })));
  try {
    return await fn();
  } finally {
    await tx.execute(sql.raw(scopeSettingsSql(actorScope(ctx.actor))));
  }
}
