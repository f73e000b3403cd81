// SPDX-License-Identifier: EUPL-1.2
// Sessions live in the database so several server instances share them. The cookie carries a
// random token; the table stores only its HMAC under SESSION_SECRET, so neither a database leak
// nor a guessed row id yields a usable session.
import { createHmac, randomBytes } from 'node:crypto';
import type { Role } from '@zvh/shared';
import type { Actor } from '../context.js';
import type { Executor } from '../db/index.js';
import { one, prepared, schema, sql } from '../db/index.js';
import { eq } from 'drizzle-orm';

export const SESSION_COOKIE = 'zvh_session';
export const IDLE_TIMEOUT_MINUTES = 30;
export const ABSOLUTE_TIMEOUT_HOURS = 12;

const digest = (secret: string, token: string) => createHmac('sha256', secret).update(token).digest('hex');

/** How a session's sign-in proved the second factor (null: none, e.g. a demo user). */
export type SecondFactor = 'totp' | 'recovery' | 'passkey' | 'sso';

export async function createSession(ex: Executor, secret: string, user: { id: string; tenantId: string }, ip: string, userAgent: string | undefined, secondFactor: SecondFactor | null = null): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await ex.execute(sql`insert into sessions (id, user_id, tenant_id, ip, user_agent, second_factor)
    values (${digest(secret, token)}, ${user.id}, ${user.tenantId}, ${ip}, ${userAgent?.slice(0, 300) ?? null}, ${secondFactor})`);
  return token;
}

/** Marks the session freshly authenticated (password + second factor proved again just now). */
export async function markAuthenticated(ex: Executor, sessionId: string, secondFactor: SecondFactor | null): Promise<void> {
  await ex.execute(sql`update sessions set authenticated_at = now(), second_factor = coalesce(${secondFactor}, second_factor)
    where id = ${sessionId} and ended_at is null`);
}

/**
 * Records that this session holds a second factor because it was just enrolled in it (TOTP enabled,
 * passkey registered): the user who enrolled is not asked to confirm the factor they just set up.
 * A session that already proved a factor (or single sign-on with trusted MFA) keeps its own.
 */
export async function markFactorEnrolled(ex: Executor, sessionId: string, secondFactor: 'totp' | 'passkey'): Promise<void> {
  await ex.execute(sql`update sessions set second_factor = ${secondFactor}
    where id = ${sessionId} and ended_at is null and second_factor is null`);
}

interface SessionRow {
  session_id: string; user_id: string; tenant_id: string; tenant_code: string; email: string; name: string;
  organisation_code: string; organisation_kind: 'zvh' | 'partner'; municipality_code: string | null; roles: Role[];
  must_change_password: boolean; touch: boolean; second_factor_missing: boolean; second_factor_unconfirmed: boolean;
  authenticated_at: Date | string;
}

/** The actor for a session token, or undefined when it is unknown, ended, idle too long or too old. */
export async function resolveSession(ex: Executor, secret: string, token: string): Promise<Actor | undefined> {
  const id = digest(secret, token);
  const row = await one<SessionRow>(ex, prepared(sql`
    select s.id as session_id, u.id as user_id, u.tenant_id, t.code as tenant_code, u.email, u.name,
           u.organisation_code, o.kind as organisation_kind, u.municipality_code, u.roles,
           -- a sign-in through the organisation's provider with trusted MFA never used the password
           (u.must_change_password and coalesce(s.second_factor, '') <> 'sso') as must_change_password,
           s.last_seen_at < now() - interval '1 minute' as touch, s.authenticated_at,
           -- the enrolment gate (core/http.ts), decided here only. Demo users (who only sign in in
           -- demo mode) need no second factor. Every other session must hold one (sessions.second_factor):
           -- the user has none yet -> enrol one (single sign-on whose provider's MFA the organisation
           -- accepts excepted); the user has one but this session never proved it (single sign-on
           -- without trusted MFA, or a session signed in before the factor was enrolled elsewhere)
           -- -> confirm it (POST /api/auth/second-factor)
           (not u.is_demo and not f.has_factor and coalesce(s.second_factor, '') <> 'sso') as second_factor_missing,
           (not u.is_demo and f.has_factor and s.second_factor is null) as second_factor_unconfirmed
      from sessions s
      join users u on u.id = s.user_id
      cross join lateral (select u.totp_enabled or exists (select 1 from passkeys p where p.user_id = u.id) as has_factor) f
      join tenants t on t.id = u.tenant_id
      join organisations o on o.tenant_id = u.tenant_id and o.code = u.organisation_code
     where s.id = ${id}
       and s.ended_at is null
       and s.last_seen_at > now() - make_interval(mins => ${IDLE_TIMEOUT_MINUTES})
       and s.created_at > now() - make_interval(hours => ${ABSOLUTE_TIMEOUT_HOURS})
       and u.active`));
  if (!row) return undefined;
  // sliding idle timeout, written at most once a minute
  if (row.touch) await ex.update(schema.sessions).set({ lastSeenAt: new Date() }).where(eq(schema.sessions.id, id));
  return {
    userId: row.user_id, sessionId: row.session_id, tenantId: row.tenant_id, tenantCode: row.tenant_code, email: row.email,
    name: row.name, organisationCode: row.organisation_code, organisationKind: row.organisation_kind,
    municipalityCode: row.municipality_code, roles: row.roles, mustChangePassword: row.must_change_password,
    enrolmentRequired: row.must_change_password || row.second_factor_missing || row.second_factor_unconfirmed,
    secondFactorMissing: row.second_factor_missing, secondFactorUnconfirmed: row.second_factor_unconfirmed,
    authenticatedAt: new Date(row.authenticated_at),
  };
}

export async function endSession(ex: Executor, sessionId: string): Promise<void> {
  await ex.execute(sql`update sessions set ended_at = now() where id = ${sessionId} and ended_at is null`);
}

export async function endSessionsOfUser(ex: Executor, userId: string, exceptSessionId?: string): Promise<void> {
  await ex.execute(sql`update sessions set ended_at = now() where user_id = ${userId} and ended_at is null
    and id <> ${exceptSessionId ?? ''}`);
}
